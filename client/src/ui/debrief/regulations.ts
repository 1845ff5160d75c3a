/**
 * The debrief's regulations: each law on a timeline of the game's rounds, then the Goodhart
 * failures seen, which regulations mattered, and the benefits regulation delayed.
 */
import type { RegulationFamily } from "../../../../shared/regulations";
import type { DebriefModel, TimelineRow } from "../../model/debrief";
import { num } from "../../model/format";
import { plainText } from "../../model/glossary";
import { FAMILY_HELP } from "../../model/legislature";
import { h } from "../dom";
import { glossed, term } from "../term";
import { debriefCard } from "./card";

/** A timeline bar's colour by family (the same colours as the rest of the game). */
const FAMILY_COLOUR: Record<RegulationFamily, string> = {
  brake: "#d55e00",
  measurement: "#56b4e9",
  support: "#009e73",
  theatre: "#cc79a7",
};

export function regulationsSection(m: DebriefModel): HTMLElement {
  return debriefCard(
    "Regulations on a timeline",
    true,
    m.timeline.length === 0
      ? h("p", {}, "No regulation passed in this game.")
      : h(
          "div",
          { class: "timeline", "data-testid": "timeline" },
          m.timeline.map((r) => timelineRow(r, m.rounds)),
        ),
    m.goodhart.length
      ? findings(
          "How the numbers fooled people in this game",
          m.goodhart.map((g) => [g.term ? term(g.term) : g.kind, `: ${g.explain} (${g.count}×)`]),
          h(
            "p",
            { style: "font-size:.88rem;margin:0" },
            "Each is a kind of ",
            term("goodhartLaw"),
            " at work.",
          ),
        )
      : null,
    m.mattered.length
      ? findings(
          "Which regulations mattered",
          m.mattered.map((r) => `${r.name} (${r.family}): ${num(r.amount, 0)} points held back`),
          h(
            "p",
            { style: "font-size:.88rem;margin:0" },
            "Risk each law held back over the game (points of risk, added up over the years and the four traps).",
          ),
        )
      : null,
    m.delayed.length
      ? findings(
          "Benefits that regulation delayed",
          m.delayed.map((d) => `${d.name}: ${num(d.amount)} points of health & abundance`),
        )
      : null,
  );
}

function timelineRow(r: TimelineRow, rounds: number): HTMLElement {
  const left = ((r.from - 1) / rounds) * 100;
  const width = Math.max(2, ((r.to - r.from + 1) / rounds) * 100);
  const border = `1px ${r.family === "theatre" ? "dashed" : "solid"} #fff`;
  return h(
    "div",
    { class: "tl-row" },
    h(
      "span",
      { title: plainText(FAMILY_HELP[r.family]) },
      `${r.title} (${r.scope}, ${r.strength}) · `,
      h("span", { class: `badge fam-${r.family}` }, r.familyLabel),
    ),
    h(
      "div",
      { class: "tl-track", role: "img", "aria-label": `in force from round ${r.from} to ${r.to}` },
      h("i", {
        class: `fam-${r.family}`,
        style: `left:${left}%;width:${width}%;background:${FAMILY_COLOUR[r.family]};border:${border}`,
      }),
    ),
  );
}

/** A heading, an optional note and a list of findings. */
function findings(
  title: string,
  items: (string | (string | HTMLElement)[])[],
  note?: HTMLElement,
): HTMLElement {
  return h(
    "div",
    {},
    h("h3", { style: "margin-top:12px" }, title),
    note,
    h(
      "ul",
      {},
      items.map((t) => h("li", {}, ...(typeof t === "string" ? glossed(t) : t))),
    ),
  );
}
