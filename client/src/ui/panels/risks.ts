/**
 * The risks panel: each attractor's risk as a meter against its tipping point (a government
 * sees its own noisy estimates, everyone else the published ones), and the world's figures.
 */
import type { AppState } from "../../app/store";
import { riskRows } from "../../model/dashboard";
import { num } from "../../model/format";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { stat } from "../stat";

type RiskRow = ReturnType<typeof riskRows>[number];

export function renderRisks(el: HTMLElement, s: AppState): void {
  const pub = s.view?.public;
  if (!pub) return;
  const rows = riskRows(s.view?.seat ?? null, pub);
  const own = s.view?.seat?.self.role === "government";
  renderIf(el, JSON.stringify([rows, pub.pressure, pub.frontier, pub.visibleSafety]), () => [
    h("h2", {}, iconSvg("hazard"), own ? "Your risk estimates" : "Published risks"),
    h(
      "p",
      { class: "fineprint" },
      own
        ? "Your own noisy estimates (the band is ± the noise). Nobody sees the true levels until the debrief."
        : "The governments' published estimates: noisy, and nobody sees the truth until the debrief.",
    ),
    ...rows.map(riskRow),
    h(
      "div",
      { class: "stats", style: "margin-top:8px" },
      stat(
        "Optimisation pressure",
        num(pub.pressure, 2),
        "P = 1 + K/25: how hard the economy optimises. It grows with the frontier capability.",
      ),
      stat("Frontier capability", num(pub.frontier), "The highest lab capability."),
      stat(
        "Visible safety",
        num(pub.visibleSafety),
        "Pledges, audits and evaluations passed. A proxy too: theatre raises it.",
      ),
      stat("Economic index", num(pub.proxy), "The sum of sector output: public and exact."),
    ),
  ]);
}

function riskRow(r: RiskRow): HTMLElement {
  return h(
    "div",
    { class: "risk-row", "data-risk": r.id },
    h("span", { style: `color:${r.colour}` }, iconSvg(r.icon, 18)),
    h(
      "div",
      {},
      h("div", { style: "display:flex;justify-content:space-between" }, h("span", {}, r.label)),
      h(
        "div",
        {
          class: "bar",
          role: "meter",
          "aria-valuemin": 0,
          "aria-valuemax": 100,
          "aria-valuenow": Math.round(r.value),
          "aria-label": `${r.label}: ${Math.round(r.value)} of 100; tipping point ${r.tipping}`,
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
      { style: "font-variant-numeric:tabular-nums" },
      `${Math.round(r.value)}${r.noise ? ` ±${Math.round(r.noise)}` : ""}`,
    ),
  );
}
