/**
 * The debrief's scores: each seat's own proxy score, ranked, beside what the world got (the
 * same for everyone); after a catastrophe nobody ranks.
 */

import { ROLE_COLOUR } from "../../model/attractors";
import type { DebriefModel } from "../../model/debrief";
import { num, signed } from "../../model/format";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { debriefCard } from "./card";

export function scoresSection(m: DebriefModel): HTMLElement {
  const worldGot = `${m.endingLabel}; true welfare ${signed(m.welfareChange)}`;
  return debriefCard(
    "Proxy scores and what the world got",
    true,
    h(
      "p",
      { class: "world-got" },
      "Whoever scored best, every seat lives in the same world: ",
      h("b", {}, m.endingLabel),
      `, true welfare ${signed(m.welfareChange)}.`,
    ),
    h(
      "table",
      { "data-testid": "scores", class: "scores" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, "Rank"),
          h("th", {}, "Seat"),
          h("th", {}, "Role"),
          h("th", { class: "num" }, "Own score (% of par)"),
          h("th", { class: "wide-only" }, "What the world got"),
        ),
      ),
      h(
        "tbody",
        {},
        m.scores.map((r) =>
          h(
            "tr",
            { style: r.you ? "background:rgba(230,159,0,.12)" : "" },
            h("td", {}, m.catastrophe ? "—" : String(r.rank)),
            h("td", {}, r.name, r.you ? " (you)" : ""),
            h(
              "td",
              {},
              h("span", { style: `color:${ROLE_COLOUR[r.role]}` }, iconSvg(r.role, 14)),
              ` ${r.roleLabel}`,
            ),
            h("td", { class: "num" }, `${num(r.standing, 0)}%`),
            h("td", { class: "wide-only" }, worldGot),
          ),
        ),
      ),
    ),
    m.catastrophe
      ? h(
          "p",
          { class: "fineprint" },
          "After a catastrophe every seat shares the last place: no proxy score counts.",
        )
      : null,
  );
}
