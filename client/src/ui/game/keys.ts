/**
 * The game screen's keyboard shortcuts (R for Ready, ? for help), ignored while typing in a
 * field.
 */

/** Listens for the keys on the document; returns the function that stops listening. */
export function bindShortcuts(keys: Record<string, () => void>): () => void {
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (Object.hasOwn(keys, e.key)) keys[e.key]!();
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
