/**
 * The landscape's basins in words: a button for each basin (its risk, whether it is past the
 * tipping point) and the valley, and the card about the one chosen: what drives it, what
 * holds it back, how much regulation holds it.
 */
import { ATTRACTOR_INFO, VALLEY } from "../../model/attractors";
import { basinFill, type LandscapeModel } from "../../model/landscape";
import type { Region } from "../../scene/landscape";
import { h } from "../dom";
import { iconSvg } from "../icons";
import { glossed, term } from "../term";

/** A key that changes whenever what `basinButtons` shows changes. */
export function basinButtonsKey(model: LandscapeModel, selected: Region): string {
  return JSON.stringify([
    model.basins.map((b) => [Math.round(b.risk), b.fill.toFixed(2)]),
    model.incidents.map((m) => [m.incident, m.round]),
    selected,
  ]);
}

/** One button a basin and one for the valley; each opens (or closes) its card. */
export function basinButtons(
  model: LandscapeModel,
  selected: Region,
  select: (r: Region) => void,
): HTMLElement[] {
  return [
    ...model.basins.map((b) => {
      const info = ATTRACTOR_INFO[b.id];
      const struck = model.incidents.filter((m) => m.attractor === b.id);
      return h(
        "button",
        {
          class: "basin-btn",
          "aria-expanded": selected === b.id ? "true" : "false",
          "data-basin": b.id,
          onclick: () => select(selected === b.id ? null : b.id),
        },
        h("span", { style: `color:${info.colour}` }, iconSvg(info.icon, 16)),
        info.short,
        h("b", { "data-testid": `basin-risk-${b.id}` }, Math.round(b.risk)),
        h("span", { class: "sr-only" }, " published risk"),
        b.risk >= b.tipping
          ? h("span", { class: "tag", style: "color:#ffb38a" }, "past tipping point")
          : null,
        ...struck.map((m) =>
          h(
            "span",
            {
              class: "tag incident-tag",
              "data-testid": `incident-${b.id}`,
              title: `${m.label}: an incident struck near this trap this year. A warning, not yet the end.`,
            },
            iconSvg("bolt", 12),
            h("span", { class: "sr-only" }, `Incident: ${m.label}`),
          ),
        ),
      );
    }),
    h(
      "button",
      {
        class: "basin-btn",
        "aria-expanded": selected === "valley" ? "true" : "false",
        onclick: () => select(selected === "valley" ? null : "valley"),
      },
      h("span", { style: `color:${VALLEY.colour}` }, iconSvg("valley", 16)),
      "Flourishing",
    ),
  ];
}

/** The card about a basin or the valley, with a button that closes it. */
export function basinCard(
  model: LandscapeModel,
  shown: Exclude<Region, null>,
  close: () => void,
): HTMLElement[] {
  const closeBtn = h("button", { class: "btn small ghost", onclick: close }, "Close");
  if (shown === "valley") {
    return [
      h("h3", {}, iconSvg("valley"), VALLEY.label),
      h("p", { style: "font-size:.88rem" }, ...glossed(VALLEY.explain)),
      closeBtn,
    ];
  }
  const b = model.basins.find((x) => x.id === shown)!;
  const info = ATTRACTOR_INFO[b.id];
  const fact = (style: string, label: string | HTMLElement, ...text: string[]) =>
    h("p", { style }, h("b", {}, label), ...text.flatMap((t) => glossed(t)));
  const tight = "font-size:.88rem;margin:0";
  return [
    h("h3", { style: `color:${info.colour}` }, iconSvg(info.icon), info.label),
    fact(
      tight,
      term("publishedRisk"),
      `: ${Math.round(b.risk)} / 100 (tipping point ${b.tipping}).`,
    ),
    ...model.incidents
      .filter((m) => m.attractor === b.id)
      .map((m) =>
        fact(
          `${tight};color:#ffb38a`,
          "Incident this year: ",
          `${m.label}. A warning with real costs; the catastrophe itself can still be avoided.`,
        ),
      ),
    fact(tight, "Driven by: ", info.drivenBy, "."),
    fact(tight, "Held back by: ", b.heldBackBy, "."),
    fact(
      tight,
      "Regulation holding it: ",
      b.hold >= 0.005
        ? `the laws in force hold back ${Math.round(b.hold * 100)}% of what drives it (the trap is ${Math.round((b.fill / Math.max(0.01, basinFill(1))) * 100)}% filled)`
        : "none yet",
    ),
    fact("font-size:.88rem", "Past the tipping point: ", info.tipping, "."),
    closeBtn,
  ];
}
