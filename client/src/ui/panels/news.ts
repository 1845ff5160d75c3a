/**
 * The news panel: public news, the seat's private news and the events seen, without
 * repeats, newest first; close calls and catastrophes stand out.
 */
import type { GameEvent } from "../../../../shared/state";
import type { AppState } from "../../app/store";
import { ATTRACTOR_INFO } from "../../model/attractors";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";

export function newsItems(s: AppState): GameEvent[] {
  const pub = s.view?.public;
  const seen = new Set<string>();
  const out: GameEvent[] = [];
  const add = (e: GameEvent) => {
    const k = `${e.round}|${e.kind}|${e.text}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(e);
  };
  for (const e of pub?.news ?? []) add(e);
  for (const e of s.view?.seat?.privateNews ?? []) add(e);
  for (const e of [...s.events].reverse()) add(e);
  return out.sort((a, b) => b.round - a.round || (a.kind === "closeCall" ? -1 : 0));
}

const KIND_LABEL: Partial<Record<GameEvent["kind"], string>> = {
  closeCall: "Close call",
  catastrophe: "Catastrophe",
  threshold: "Threshold",
  passed: "Law passed",
  failed: "Law failed",
  inForce: "In force",
  evasionDetected: "Evasion caught",
  ending: "Ending",
};

export function renderNews(el: HTMLElement, s: AppState): void {
  const pub = s.view?.public;
  if (!pub) return;
  const items = newsItems(s);
  renderIf(el, JSON.stringify(items.map((e) => [e.round, e.text])), () => [
    items.length === 0
      ? h(
          "p",
          { class: "fineprint" },
          "Nothing has happened yet. News arrives at the start of each round.",
        )
      : null,
    h(
      "ol",
      { style: "list-style:none;margin:0;padding:0", "aria-label": "News, newest first" },
      items.slice(0, 60).map((e) => newsItem(e, pub.startYear)),
    ),
  ]);
}

function newsItem(e: GameEvent, startYear: number): HTMLElement {
  return h(
    "li",
    { class: `news-item ${e.kind}`, "data-kind": e.kind },
    h("span", { class: "when" }, String(startYear + e.round - 1)),
    h(
      "span",
      {},
      e.kind === "closeCall" || e.kind === "catastrophe"
        ? h("b", { style: "color:#ffb38a" }, iconSvg("hazard", 14), ` ${KIND_LABEL[e.kind]}: `)
        : KIND_LABEL[e.kind]
          ? h("b", {}, `${KIND_LABEL[e.kind]}: `)
          : null,
      e.attractor
        ? h("span", { class: "sr-only" }, `(${ATTRACTOR_INFO[e.attractor].label}) `)
        : null,
      e.text,
      e.public ? null : h("span", { class: "tag", style: "margin-left:6px" }, "only you"),
    ),
  );
}
