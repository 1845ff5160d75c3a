/**
 * The game's chart panel: the economic index against measured welfare (with its uncertainty
 * band) over the years so far, with a summary and a data table for screen readers.
 */
import type { AppState } from "../../app/store";
import { DEFAULT_BOX } from "../../model/chart";
import { buildGameChart } from "../../model/gamechart";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { chartSvg, dataTable, legend } from "../svgchart";

export function renderChart(el: HTMLElement, s: AppState): void {
  const pub = s.view?.public;
  if (!pub) return;
  // Drawn at about 300 px wide on laptops: labels sized to stay readable there.
  const box = { ...DEFAULT_BOX, width: 340, height: 165, padLeft: 36, padBottom: 24, fontSize: 11 };
  const g = buildGameChart(pub, box);
  renderIf(el, JSON.stringify([g.proxy, g.welfare, g.noise]), () => [
    h("h2", {}, iconSvg("scales"), "Index vs measured welfare"),
    h(
      "div",
      { class: "chart" },
      chartSvg(g.chart, "Economic index against measured welfare", g.summary),
    ),
    legend(g.chart, "Uncertainty (± 2 noise)"),
    h("p", { class: "fineprint", "data-testid": "chart-summary" }, g.summary),
    dataTable("Index and measured welfare by year", g.years, [
      { label: "Economic index", values: g.proxy },
      { label: "Measured welfare", values: g.welfare },
    ]),
  ]);
}
