/**
 * A debrief section: a card with its heading; a wide one spans the page's columns.
 */
import { h } from "../dom";

type Child = Node | string | null;

export function debriefCard(title: string, wide: boolean, ...children: Child[]): HTMLElement {
  return h("section", { class: wide ? "card wide" : "card" }, h("h2", {}, title), ...children);
}
