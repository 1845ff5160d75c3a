/**
 * The risks panel: each trap's risk as a meter against its tipping point (a government sees
 * its own noisy estimates beside the published ones the map shows, everyone else the published
 * ones), and the world's figures, each label a glossary term.
 */
import type { AppState } from "../../app/store";
import { riskRows } from "../../model/dashboard";
import { num } from "../../model/format";
import { proxyNow } from "../../model/gamechart";
import { indexText } from "../../model/scale";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { stat } from "../stat";
import { term } from "../term";

type RiskRow = ReturnType<typeof riskRows>[number];

export function renderRisks(el: HTMLElement, s: AppState): void {
  const pub = s.view?.public;
  if (!pub) return;
  const rows = riskRows(s.view?.seat ?? null, pub);
  const own = s.view?.seat?.self.role === "government";
  renderIf(
    el,
    JSON.stringify([rows, pub.pressure, pub.frontier, pub.visibleSafety, pub.proxy]),
    () => [
      h(
        "h2",
        {},
        iconSvg("hazard"),
        own ? "Risks: your own estimates" : "Risks: published figures",
      ),
      h(
        "p",
        // Not fineprint: the laptop layout hides fine print here, and this says which is which.
        { class: "risk-source", "data-testid": "risk-source" },
        own
          ? "Right: your own estimate (±). Small: published, as on the map. True risk: at the end."
          : "The published figures, as on the map. True risk: at the end.",
      ),
      ...rows.map(riskRow),
      h(
        "div",
        { class: "stats", style: "margin-top:8px" },
        stat("AI push", num(pub.pressure, 2), undefined, { term: "pressure", id: "pressure" }),
        stat("Best AI", num(pub.frontier), undefined, { term: "frontier" }),
        stat("Safety on show", num(pub.visibleSafety), undefined, { term: "visibleSafety" }),
        stat("Economy score", indexText(proxyNow(pub)), undefined, {
          term: "economicIndex",
          id: "proxy-index",
        }),
      ),
    ],
  );
}

function riskRow(r: RiskRow): HTMLElement {
  const shown = `${Math.round(r.value)}${r.noise ? ` ±${Math.round(r.noise)}` : ""}`;
  return h(
    "div",
    { class: "risk-row", "data-risk": r.id },
    h("span", { style: `color:${r.colour}` }, iconSvg(r.icon, 18)),
    h(
      "div",
      {},
      h(
        "div",
        { style: "display:flex;justify-content:space-between;gap:6px" },
        // The short name keeps the row on one line in the laptop's column; the full one on hover.
        h("span", { title: r.label }, r.short),
        r.own
          ? h(
              "span",
              { class: "risk-pub", "data-testid": `risk-published-${r.id}` },
              term("publishedRisk", "published"),
              ` ${Math.round(r.published)}`,
            )
          : null,
      ),
      h(
        "div",
        {
          class: "bar",
          role: "meter",
          "aria-valuemin": 0,
          "aria-valuemax": 100,
          "aria-valuenow": Math.round(r.value),
          "aria-label": `${r.label}: ${r.own ? "your own estimate" : "published figure"} ${Math.round(r.value)} of 100; tipping point ${r.tipping}`,
        },
        h("i", {
          style: `width:${Math.max(0, Math.min(100, r.value))}%;background:${r.colour}`,
        }),
        r.noise
          ? h("span", {
              class: "noise",
              style: `left:${Math.max(0, r.value - r.noise)}%;width:${Math.min(100, 2 * r.noise)}%`,
            })
          : null,
        h("span", { class: "tip", title: "Tipping point" }),
      ),
    ),
    h(
      "b",
      {
        style: "font-variant-numeric:tabular-nums",
        "data-testid": `risk-value-${r.id}`,
        title: r.own ? "Your own estimate" : "Published figure",
      },
      shown,
    ),
  );
}
