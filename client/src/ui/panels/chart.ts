/**
 * The game's chart panel: the economic index against measured welfare (with its uncertainty
 * band) over the years so far, with a summary and a data table for screen readers, and below
 * it what each bloc's statistics count (measured welfare dimensions) and what they do not.
 */
import type { AppState } from "../../app/store";
import { DEFAULT_BOX } from "../../model/chart";
import { buildGameChart } from "../../model/gamechart";
import { DIM_INFO, type MeasuredRow, measuredRows } from "../../model/measurement";
import { h, renderIf } from "../dom";
import { iconSvg } from "../icons";
import { chartSvg, dataTable, legend } from "../svgchart";
import { term } from "../term";

export function renderChart(el: HTMLElement, s: AppState): void {
  const pub = s.view?.public;
  if (!pub) return;
  // Drawn at about 300 px wide on laptops: labels sized to stay readable there.
  const box = { ...DEFAULT_BOX, width: 340, height: 165, padLeft: 36, padBottom: 24, fontSize: 11 };
  const g = buildGameChart(pub, box);
  const measured = measuredRows(pub);
  renderIf(el, JSON.stringify([g.proxy, g.welfare, g.noise, measured]), () => [
    h("h2", {}, iconSvg("scales"), "Economy score vs well-being"),
    h(
      "div",
      { class: "chart", "data-testid": "game-chart" },
      chartSvg(g.chart, "Economy score against measured well-being, start = 100", g.summary),
    ),
    legend(g.chart, "How far off it may be (±)"),
    h(
      "p",
      { class: "fineprint", style: "margin:2px 0" },
      term("economicIndex"),
      " against ",
      term("measuredWelfare"),
      ", both with the start of the game = 100.",
    ),
    h("p", { class: "fineprint", "data-testid": "chart-summary" }, g.summary),
    dataTable(
      "Economy score and measured well-being by year (start = 100)",
      g.years,
      [
        { label: "Economy score", values: g.proxy },
        { label: "Measured well-being", values: g.welfare },
      ],
      "chart-table",
    ),
    measuredBlock(measured),
  ]);
}

/** Blocs whose statistics count the same dimensions, together (one row for both, usually). */
function sameCounts(rows: readonly MeasuredRow[]): { row: MeasuredRow; blocs: MeasuredRow[] }[] {
  const out: { row: MeasuredRow; blocs: MeasuredRow[] }[] = [];
  for (const r of rows) {
    const same = out.find((g) => g.row.measured.join() === r.measured.join());
    if (same) same.blocs.push(r);
    else out.push({ row: r, blocs: [r] });
  }
  return out;
}

/** What each bloc's statistics count: a chip per dimension, counted or not. */
function measuredBlock(rows: readonly MeasuredRow[]): HTMLElement {
  return h(
    "div",
    { class: "measured", "data-testid": "measured" },
    h(
      "h3",
      {},
      iconSvg("ruler", 16),
      "What the statistics count",
      h(
        "span",
        { class: "measured-key" },
        h("span", { class: "dim counted sample", "aria-hidden": "true" }, iconSvg("check", 12)),
        " counted · ",
        h("span", { class: "dim uncounted sample", "aria-hidden": "true" }),
        " not counted, so free to harm",
      ),
    ),
    ...sameCounts(rows).map(({ row: r, blocs }) =>
      h(
        "div",
        {
          class: "measured-row",
          "data-testid": `measured-${r.blocIndex}`,
          "data-blocs": blocs.map((b) => b.blocIndex).join(" "),
          "data-measured": r.measured.join(" "),
        },
        h("span", { class: "measured-bloc" }, blocs.map((b) => b.bloc).join(" & ")),
        h("span", { class: "sr-only" }, r.text),
        h(
          "span",
          { class: "dims", "aria-hidden": "true" },
          ...r.measured.map((d) =>
            h(
              "span",
              { class: "dim counted", title: `Counted: ${DIM_INFO[d].explain}` },
              iconSvg("check", 12),
              DIM_INFO[d].label,
            ),
          ),
          ...r.unmeasured.map((d) =>
            h(
              "span",
              {
                class: "dim uncounted",
                title: `Not counted: ${DIM_INFO[d].explain}. Harm here costs firms nothing.`,
              },
              DIM_INFO[d].label,
            ),
          ),
        ),
      ),
    ),
  );
}
