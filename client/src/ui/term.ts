/**
 * A glossary term on screen: its plain label as a small button (dotted underline) described by
 * its one-line explanation (`aria-describedby`), which shows in a tooltip on hover, on keyboard
 * focus and on tap (a second tap, Escape or a tap elsewhere hides it). One tooltip for the
 * whole page, appended to the body and opaque, so no panel clips it. `glossed` turns any text
 * into plain strings and terms, so technical words from the rules show their plain label.
 */
import { GLOSSARY, type GlossEntry, glossParts, type TermId } from "../model/glossary";
import { h } from "./dom";
import "./term.css";

let counter = 0;
let tip: HTMLElement | null = null;
let owner: HTMLElement | null = null;
let pinned = false;

function tooltip(): HTMLElement {
  if (tip?.isConnected) return tip;
  tip = h("div", {
    class: "term-tip",
    id: "term-tip",
    "aria-hidden": "true",
    "data-testid": "term-tip",
    hidden: true,
  });
  document.body.append(tip);
  return tip;
}

function show(btn: HTMLElement, pin: boolean): void {
  const id = btn.dataset.term as TermId | undefined;
  if (!id || !(id in GLOSSARY)) return;
  const e: GlossEntry = GLOSSARY[id];
  const t = tooltip();
  owner = btn;
  pinned = pin;
  t.dataset.term = id;
  t.replaceChildren(h("b", {}, e.label === "±" ? "± (uncertainty)" : e.label), e.explain);
  t.hidden = false;
  btn.setAttribute("aria-expanded", "true");
  const r = btn.getBoundingClientRect();
  const w = t.offsetWidth;
  const hgt = t.offsetHeight;
  const left = Math.max(8, Math.min(innerWidth - w - 8, r.left + r.width / 2 - w / 2));
  const below = r.bottom + 6 + hgt <= innerHeight - 8;
  t.style.left = `${Math.round(left)}px`;
  t.style.top = `${Math.round(below ? r.bottom + 6 : Math.max(8, r.top - hgt - 6))}px`;
}

function hide(): void {
  owner?.setAttribute("aria-expanded", "false");
  owner = null;
  pinned = false;
  if (tip) tip.hidden = true;
}

const termOf = (t: EventTarget | null) =>
  t instanceof Element ? (t.closest(".term[data-term]") as HTMLElement | null) : null;

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  document.addEventListener("pointerover", (e) => {
    const b = termOf(e.target);
    if (b && e.pointerType === "mouse" && !pinned) show(b, false);
  });
  document.addEventListener("pointerout", (e) => {
    const b = termOf(e.target);
    if (b && b === owner && !pinned && e.pointerType === "mouse") hide();
  });
  document.addEventListener("focusin", (e) => {
    const b = termOf(e.target);
    if (b && b !== owner) show(b, false);
  });
  document.addEventListener("focusout", (e) => {
    if (termOf(e.target) === owner && !pinned) hide();
  });
  document.addEventListener("click", (e) => {
    const b = termOf(e.target);
    if (b) {
      e.preventDefault();
      e.stopPropagation();
      if (b === owner && pinned) hide();
      else show(b, true);
    } else if (owner) hide();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && owner) hide();
  });
  addEventListener("scroll", () => owner && !pinned && hide(), true);
}

/** A term: its plain label (or `text`) as a button, explained on hover, focus and tap. */
export function term(id: TermId, text?: string): HTMLElement {
  install();
  const e: GlossEntry = GLOSSARY[id];
  const descId = `term-${++counter}`;
  return h(
    "button",
    {
      type: "button",
      class: "term",
      "data-term": id,
      "aria-describedby": descId,
      "aria-expanded": "false",
    },
    text ?? e.label,
    h("span", { id: descId, hidden: true }, e.explain),
  );
}

/**
 * A term's label inside a control that is itself a button (a basin button, a summary): plain
 * text with its explanation as the control's description. Returns the text and the hidden
 * explanation to append inside the control, and the id to put in its `aria-describedby`.
 */
export function termInside(
  id: TermId,
  text?: string,
): { nodes: HTMLElement[]; describedBy: string } {
  const e: GlossEntry = GLOSSARY[id];
  const descId = `term-${++counter}`;
  return {
    nodes: [
      h("span", { class: "term-plain", "data-term-plain": id }, text ?? e.label),
      h("span", { id: descId, hidden: true }, e.explain),
    ],
    describedBy: descId,
  };
}

/** A text with every technical word shown as its term (plain label, explained on demand). */
export function glossed(text: string): (string | HTMLElement)[] {
  return glossParts(text).map((p) => (typeof p === "string" ? p : term(p.id, p.text)));
}
