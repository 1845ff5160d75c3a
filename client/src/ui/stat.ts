/**
 * A figure tile: a label above its value, with optional help as a tooltip. The dashboard, the
 * risks panel and the debrief show their figures in a `.stats` grid of these. A label that is
 * a glossary term shows its plain label, explained on hover, focus or tap (`term.ts`).
 */
import type { TermId } from "../model/glossary";
import { h } from "./dom";
import { term } from "./term";

export function stat(
  label: string,
  value: string,
  help?: string,
  opts: { term?: TermId; id?: string } = {},
): HTMLElement {
  return h(
    "div",
    { class: "stat", title: opts.term ? undefined : help || undefined, "data-stat": opts.id },
    h("span", { class: "k" }, opts.term ? term(opts.term, label) : label),
    h("span", { class: "v" }, value),
  );
}
