/**
 * Which page an address opens. The workshop pages are reached by their address alone; the
 * secrets (the facilitator's, the projector's key, a watch token) ride in the fragment, which
 * browsers never send to a server, never in the query.
 */
import { CODE_ALPHABET } from "../../../shared/protocol";

/** A workshop's code: one character more than a table's, so the two never mix. */
export const WORKSHOP_CODE_LENGTH = 6;

export type Page =
  | { readonly screen: "workshop-setup" }
  | { readonly screen: "workshop-join"; readonly code: string }
  | { readonly screen: "cockpit"; readonly code: string; readonly secret: string }
  | { readonly screen: "projector"; readonly code: string; readonly key: string }
  | { readonly screen: "wdebrief"; readonly code: string; readonly secret: string }
  | { readonly screen: "watch"; readonly table: string; readonly token: string };

export function isWorkshopCode(code: string): boolean {
  return (
    code.length === WORKSHOP_CODE_LENGTH && [...code].every((ch) => CODE_ALPHABET.includes(ch))
  );
}

/** The page of `?search#hash`, or null for the title and the game's own screens. */
export function pageOf(search: string, hash: string): Page | null {
  const q = new URLSearchParams(search);
  const f = new URLSearchParams(hash.replace(/^#/, ""));
  const view = q.get("view");
  const code = (q.get("workshop") ?? "").toUpperCase();
  if (view === "workshop-setup") return { screen: "workshop-setup" };
  if (view === "watch") {
    const table = (q.get("table") ?? "").toUpperCase();
    const token = f.get("token") ?? "";
    return table && token ? { screen: "watch", table, token } : null;
  }
  if (!code) return null;
  if (view === "projector") return { screen: "projector", code, key: f.get("key") ?? "" };
  const secret = f.get("secret") ?? "";
  if (view === "debrief") return { screen: "wdebrief", code, secret };
  if (secret) return { screen: "cockpit", code, secret };
  return { screen: "workshop-join", code };
}

/** The address of a page (path, query and fragment), as `pageOf` reads it back. */
export function addressOf(page: Page): string {
  const c = (code: string) => encodeURIComponent(code);
  switch (page.screen) {
    case "workshop-setup":
      return "/?view=workshop-setup";
    case "workshop-join":
      return `/?workshop=${c(page.code)}`;
    case "cockpit":
      return `/?workshop=${c(page.code)}#secret=${c(page.secret)}`;
    case "projector":
      return `/?workshop=${c(page.code)}&view=projector#key=${c(page.key)}`;
    case "wdebrief":
      return `/?workshop=${c(page.code)}&view=debrief#secret=${c(page.secret)}`;
    case "watch":
      return `/?view=watch&table=${c(page.table)}#token=${c(page.token)}`;
  }
}
