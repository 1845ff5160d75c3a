/**
 * A figure tile: a label above its value, with optional help as a tooltip. The dashboard, the
 * risks panel and the debrief show their figures in a `.stats` grid of these.
 */
import { h } from "./dom";

export function stat(label: string, value: string, help?: string): HTMLElement {
  return h(
    "div",
    { class: "stat", title: help },
    h("span", { class: "k" }, label),
    h("span", { class: "v" }, value),
  );
}
