/**
 * The debrief's "who drove each risk": for each attractor, the seats' shares of what pushed
 * it, largest first, coloured by role.
 */
import { ROLE_COLOUR } from "../../model/attractors";
import type { DebriefModel } from "../../model/debrief";
import { pct } from "../../model/format";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { debriefCard } from "./card";

export function driversSection(m: DebriefModel): HTMLElement {
  return debriefCard(
    "Who drove each risk",
    true,
    h(
      "div",
      { class: "drivers" },
      m.drivers.map((d) =>
        h(
          "div",
          {},
          h("h3", { style: `color:${d.colour}` }, iconSvg(d.icon), d.label),
          ...d.rows.slice(0, 6).map((r) =>
            h(
              "div",
              { class: "driver-row" },
              h("span", {}, r.name),
              h(
                "div",
                { class: "bar", "aria-hidden": "true" },
                h("i", {
                  style: `width:${Math.round(r.share * 100)}%;background:${ROLE_COLOUR[r.role]}`,
                }),
              ),
              h("span", { class: "num" }, pct(r.share)),
            ),
          ),
        ),
      ),
    ),
  );
}
