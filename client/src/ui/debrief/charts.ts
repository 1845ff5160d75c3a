/**
 * The debrief's two charts: true welfare against the proxy (with the "no regulation"
 * counterfactual in words), and each true risk over time against the tipping point.
 */
import type { ChartBox } from "../../model/chart";
import type { DebriefModel } from "../../model/debrief";
import { h, s as svgEl } from "../dom";
import { chartSvg, dataTable, legend } from "../svgchart";
import { debriefCard } from "./card";

export function welfareSection(m: DebriefModel): HTMLElement {
  return debriefCard(
    "True well-being against the economy score",
    false,
    h(
      "div",
      { class: "chart", "data-testid": "debrief-chart" },
      chartSvg(
        m.welfareChart,
        "True well-being, measured well-being and the economy score, start = 100",
        m.counterfactual.text,
      ),
    ),
    legend(m.welfareChart),
    h("p", { class: "fineprint", "data-testid": "counterfactual" }, m.counterfactual.text),
    // The same figures as the lines drawn, on the same scale as the caption says.
    dataTable(
      "Economy score and well-being by year (start = 100)",
      m.years,
      m.welfareChart.series.map((x) => ({ label: x.label, values: x.values })),
      "debrief-table",
    ),
  );
}

export function riskSection(m: DebriefModel): HTMLElement {
  const years = m.riskYears;
  const lines = m.tipping.map((level) => tippingLine(m.riskChart.box, level));
  return debriefCard(
    "Each risk over time",
    false,
    h(
      "div",
      { class: "chart" },
      chartSvg(
        m.riskChart,
        "True risk levels by year",
        `The dashed white line is the tipping point, ${m.tipping.join(" and ")}.`,
        lines,
      ),
    ),
    legend(m.riskChart),
    dataTable(
      "True risks by year",
      years,
      m.riskChart.series.map((x, i) => ({
        label: x.label,
        values: m.table.map((r) => r.risks[i] ?? 0),
      })),
    ),
  );
}

/** The dashed line at a tipping point across a 0–100 chart. */
function tippingLine(box: ChartBox, level: number): SVGLineElement {
  const y = box.padTop + (box.height - box.padTop - box.padBottom) * (1 - level / 100);
  return svgEl("line", {
    x1: box.padLeft,
    x2: box.width - box.padRight,
    y1: y,
    y2: y,
    stroke: "#ffffff",
    "stroke-opacity": 0.5,
    "stroke-dasharray": "4 4",
  });
}
