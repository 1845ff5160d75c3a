/**
 * The news panel: public news, the seat's private news and the events seen, without
 * repeats, newest first; close calls, catastrophes, incidents and emergency measures stand
 * out, each with its own label and icon (model/news.ts).
 */
import type { GameEvent } from "../../../../shared/state";
import type { AppState } from "../../app/store";
import { ATTRACTOR_INFO } from "../../model/attractors";
import { newsLine } from "../../model/news";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";

const NEWS_FIRST: readonly GameEvent["kind"][] = [
  "catastrophe",
  "incident",
  "closeCall",
  "emergency",
];

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
  // Within a year, what struck and what warned come first (a stable sort keeps the rest).
  const first = (e: GameEvent) => {
    const i = NEWS_FIRST.indexOf(e.kind);
    return i < 0 ? NEWS_FIRST.length : i;
  };
  return out.sort((a, b) => b.round - a.round || first(a) - first(b));
}

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
  const line = newsLine(e);
  return h(
    "li",
    {
      class: `news-item ${e.kind} tone-${line.tone}`,
      "data-kind": e.kind,
      "data-seat": e.seat ?? null,
    },
    h("span", { class: "when" }, String(startYear + e.round - 1)),
    h(
      "span",
      {},
      line.label
        ? h(
            "b",
            { class: "news-label" },
            line.icon ? iconSvg(line.icon, 14) : null,
            line.icon ? " " : null,
            `${line.label}: `,
          )
        : null,
      e.attractor
        ? h("span", { class: "sr-only" }, `(${ATTRACTOR_INFO[e.attractor].label}) `)
        : null,
      line.text,
      e.public ? null : h("span", { class: "tag", style: "margin-left:6px" }, "only you"),
    ),
  );
}
