/**
 * The debrief's scores: each seat's own proxy score, ranked, beside what the world got (the
 * same for everyone); after a catastrophe nobody ranks.
 */

import { ROLE_COLOUR } from "../../model/attractors";
import type { DebriefModel } from "../../model/debrief";
import { num } from "../../model/format";
import { indexText } from "../../model/scale";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { term } from "../term";
import { debriefCard } from "./card";

export function scoresSection(m: DebriefModel): HTMLElement {
  const worldGot = `${m.endingLabel}; true well-being ${indexText(m.welfareEnd)}`;
  return debriefCard(
    "Points and what the world got",
    true,
    h(
      "p",
      { class: "world-got" },
      "Whoever scored best, every player lives in the same world: ",
      h("b", {}, m.endingLabel),
      `, true well-being ${indexText(m.welfareEnd)} (start = 100).`,
    ),
    h(
      "p",
      { class: "fineprint" },
      "Each player's ",
      term("score", "points"),
      " are a ",
      term("proxy"),
      ": votes, money or lead, not how well people live.",
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
          h("th", {}, "Place"),
          h("th", {}, "Player"),
          h("th", {}, "Role"),
          h("th", { class: "num" }, "Points"),
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
            h("td", { "data-testid": `place-${r.seat}` }, r.place),
            h("td", {}, r.name, r.you ? " (you)" : ""),
            h(
              "td",
              {},
              h("span", { style: `color:${ROLE_COLOUR[r.role]}` }, iconSvg(r.role, 14)),
              ` ${r.roleLabel}`,
            ),
            h("td", { class: "num" }, num(r.standing, 0)),
            h("td", { class: "wide-only" }, worldGot),
          ),
        ),
      ),
    ),
    m.catastrophe
      ? h(
          "p",
          { class: "fineprint" },
          "After a disaster every player shares the last place: nobody's points count.",
        )
      : null,
  );
}
