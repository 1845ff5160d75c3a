/**
 * The debrief's "where harm moved": the harm firms shifted off the welfare dimensions the
 * statistics measured onto those nobody measured, by dimension, with each one's true level.
 */
import type { DebriefModel } from "../../model/debrief";
import { num } from "../../model/format";
import { points } from "../../model/measurement";
import { h } from "../dom";
import { debriefCard } from "./card";

const SHIFTED_COLOUR = "#ff6b3d";

export function harmSection(m: DebriefModel): HTMLElement {
  const moved = m.harmMoved;
  return debriefCard(
    "Where harm moved",
    true,
    h("p", { "data-testid": "harm-moved" }, moved.text),
    moved.rows.length
      ? h(
          "div",
          { class: "harm-rows", role: "list" },
          moved.rows.map((r) =>
            h(
              "div",
              { class: "driver-row", role: "listitem", "data-dim": r.dim, title: r.explain },
              h("span", {}, r.label),
              h(
                "div",
                { class: "bar", "aria-hidden": "true" },
                h("i", {
                  style: `width:${Math.round(r.share * 100)}%;background:${SHIFTED_COLOUR}`,
                }),
              ),
              h("span", { class: "num" }, points(r.amount)),
              r.end !== null
                ? h(
                    "span",
                    { class: "fineprint harm-level" },
                    `${r.explain}: true level ${num(r.start ?? r.end, 0)} after the first year, ${num(r.end, 0)} at the end`,
                  )
                : null,
            ),
          ),
        )
      : null,
    h(
      "p",
      { class: "fineprint", style: "margin:8px 0 0" },
      "When statistics count a kind of harm, firms pay for it. So they move harm to what nobody counts. Points of well-being, added up over the years.",
    ),
  );
}
