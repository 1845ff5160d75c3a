/**
 * The workshop debrief (issue 11, item 6), opened with the facilitator's secret: the tables
 * compared (how each ended, true well-being against the stand-in scores over time, every
 * figure with the start = 100 as in the game, the laws
 * each passed and when, the crises and how each table answered, how the odds moved and what
 * moved them), what separated the tables that flourished from those that fell, five questions
 * for the discussion, the whole workshop's export as CSV and JSON, and a print-friendly page.
 * While a table still plays it asks again every 5 s; it redraws only what changed.
 */

import { ROLE_LABEL } from "../../../../shared/vocabulary";
import type { DebriefTable, WorkshopDebrief } from "../../../../shared/workshop";
import type { ChartBox } from "../../model/chart";
import { listWords } from "../../model/format";
import { indexText } from "../../model/scale";
import {
  chartRows,
  chartSummary,
  comparisonRow,
  endingLook,
  exportFileName,
  oddsChart,
  oddsMarks,
  regulationName,
  roundLabels,
  scopeText,
  sortTables,
  tableChart,
} from "../../model/workshopView";
import { fetchWorkshopDebrief, fetchWorkshopExport, WorkshopApiError } from "../../net/workshopApi";
import { h, renderIf, s as svgEl } from "../dom";
import { chartSvg, dataTable, legend } from "../svgchart";
import { glossed, term } from "../term";

const POLL_MS = 5000;
const BOX: ChartBox = {
  width: 420,
  height: 190,
  padLeft: 36,
  padRight: 12,
  padTop: 12,
  padBottom: 22,
  fontSize: 10,
};

const figure = (x: number | null) => (x === null ? "–" : indexText(x));

function comparison(tables: readonly DebriefTable[]): HTMLElement {
  return h(
    "section",
    { class: "card wide", "aria-labelledby": "wd-compare" },
    h("h2", { id: "wd-compare" }, "How the tables ended"),
    h(
      "div",
      { class: "wd-scroll" },
      h(
        "table",
        { class: "wd-compare", "data-testid": "wdebrief-compare" },
        h(
          "caption",
          { class: "sr-only" },
          "Every table's ending and figures at the end (start of the game = 100), best first",
        ),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Table"),
            h("th", { scope: "col" }, "Ending"),
            h("th", { scope: "col" }, "Last round"),
            h("th", { scope: "col" }, "True well-being (start = 100)"),
            h("th", { scope: "col" }, "Measured well-being (start = 100)"),
            h("th", { scope: "col" }, "Economy score (start = 100)"),
            h("th", { scope: "col" }, "Laws passed"),
            h("th", { scope: "col" }, "Crises"),
            h("th", { scope: "col" }, "Students"),
          ),
        ),
        h(
          "tbody",
          {},
          tables.map((t) => {
            const r = comparisonRow(t);
            const lastRound = r.endRound ?? t.series[t.series.length - 1]?.round ?? null;
            return h(
              "tr",
              { "data-testid": "wdebrief-row", "data-code": r.code },
              h("th", { scope: "row" }, r.code),
              h("td", { class: `wk-ending-cell ${r.ending.tone}` }, r.ending.label),
              h("td", {}, lastRound === null ? "–" : String(lastRound)),
              h("td", { "data-testid": "wdebrief-true" }, figure(r.welfare)),
              h("td", {}, figure(r.measured)),
              h("td", {}, figure(r.index)),
              h("td", {}, String(r.regulations)),
              h("td", {}, String(r.injects)),
              h("td", {}, String(r.people)),
            );
          }),
        ),
      ),
    ),
  );
}

function welfareChart(t: DebriefTable): HTMLElement {
  if (t.series.length === 0) return h("p", { class: "fineprint" }, "No round was played.");
  const chart = tableChart(t, BOX);
  return h(
    "div",
    { class: "wd-chart" },
    h("h3", {}, term("trueWelfare"), " against the ", term("proxy", "stand-in scores")),
    h(
      "div",
      { class: "chart" },
      chartSvg(
        chart,
        `Table ${t.code}: true well-being, measured well-being and the economy score by round`,
        chartSummary(t),
      ),
    ),
    legend(chart),
    h("p", { class: "fineprint" }, "Every figure: the start of the game = 100, as in the game."),
    dataTable(
      `Table ${t.code}: the economy score and well-being by round (start = 100)`,
      roundLabels(t),
      chartRows(t),
      "wdebrief-chart-table",
    ),
  );
}

function oddsSection(t: DebriefTable): HTMLElement {
  const model = oddsChart(t.odds, oddsMarks(t), BOX);
  if (!model)
    return h(
      "div",
      { class: "wd-chart" },
      h("h3", {}, "How the odds moved"),
      h("p", { class: "fineprint" }, "No odds were worked out for this table."),
    );
  const { box } = model.chart;
  const lines = model.marks.map((m) =>
    svgEl("line", {
      x1: m.x,
      x2: m.x,
      y1: box.padTop,
      y2: box.height - box.padBottom,
      stroke: m.kind === "inject" ? "#ff9a66" : "#8fe3c4",
      "stroke-width": 1.5,
      "stroke-dasharray": m.kind === "inject" ? "3 3" : "1 2",
    }),
  );
  return h(
    "div",
    { class: "wd-chart", "data-testid": "wdebrief-odds" },
    h("h3", {}, "How the odds moved, and what moved them"),
    h(
      "p",
      { class: "fineprint" },
      "At the start of each round, the computer played the game on from there, a few hundred times (fewer when the server was busy). Each line is the share of those test runs that ended that way.",
    ),
    h(
      "div",
      { class: "chart" },
      chartSvg(
        model.chart,
        `Table ${t.code}: how the odds of each ending moved`,
        model.summary,
        lines,
      ),
    ),
    legend(model.chart),
    model.marks.length > 0
      ? h(
          "ul",
          { class: "wd-marks" },
          model.marks.map((m) =>
            h(
              "li",
              { class: m.kind },
              h("span", { class: "wd-mark-key", "aria-hidden": "true" }),
              `Round ${m.round}: ${m.kind === "inject" ? "crisis" : "law passed"}, ${m.text}`,
            ),
          ),
        )
      : null,
    dataTable(`Table ${t.code}: share of test runs by ending, %`, model.labels, model.rows),
  );
}

function tableSection(t: DebriefTable): HTMLElement {
  const end = endingLook(t.ending, t.stage);
  const people = t.people.filter((p) => p.nickname !== null);
  const bots = t.people.length - people.length;
  return h(
    "article",
    { class: "card wide wd-table", "data-testid": "wdebrief-table", "data-code": t.code },
    h(
      "h2",
      {},
      `Table ${t.code}: `,
      h("span", { class: `wk-ending ${end.tone}` }, end.label),
      t.endRound !== null ? h("span", { class: "wd-end-round" }, ` (round ${t.endRound})`) : null,
    ),
    h(
      "p",
      { class: "wd-people" },
      people.length > 0
        ? `Played by ${listWords(people.map((p) => `${p.nickname} (${ROLE_LABEL[p.role]})`))}`
        : "Played by bots only",
      bots > 0 ? `, with ${bots} bot${bots === 1 ? "" : "s"}.` : ".",
    ),
    h(
      "div",
      { class: "wd-grid" },
      welfareChart(t),
      oddsSection(t),
      h(
        "div",
        {},
        h("h3", {}, "Laws passed"),
        t.regulations.length === 0
          ? h("p", { class: "fineprint" }, "This table passed no law.")
          : h(
              "ul",
              { class: "wd-list", "data-testid": "wdebrief-laws" },
              t.regulations.map((r) =>
                h(
                  "li",
                  {},
                  h("b", {}, `Round ${r.passedRound}: `),
                  `${regulationName(r.id)}, ${scopeText(r.scope)}`,
                  r.endsRound !== null ? `, until round ${r.endsRound}` : "",
                ),
              ),
            ),
      ),
      h(
        "div",
        {},
        h("h3", {}, "Crises and how the table answered"),
        t.injects.length === 0
          ? h("p", { class: "fineprint" }, "No crisis struck this table.")
          : h(
              "ul",
              { class: "wd-list", "data-testid": "wdebrief-injects" },
              t.injects.map((i) =>
                h(
                  "li",
                  {},
                  h("b", {}, `Round ${i.round}: ${i.title}. `),
                  i.answers.length > 0
                    ? [
                        "How the table answered, that round and the next:",
                        h(
                          "ul",
                          { class: "wd-answers" },
                          i.answers.map((a) => h("li", {}, a)),
                        ),
                      ]
                    : "Nobody made a move in answer that round or the next.",
                ),
              ),
            ),
      ),
    ),
  );
}

async function download(code: string, secret: string, format: "csv" | "json"): Promise<void> {
  const blob = await fetchWorkshopExport(code, secret, format);
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: exportFileName(code, format), hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function mountWorkshopDebrief(
  root: HTMLElement,
  code: string,
  secret: string,
): { destroy(): void } {
  document.title = `Workshop debrief ${code} · Attractor`;
  const status = h("p", { class: "wk-conn", role: "status", "data-testid": "wdebrief-status" });
  const exportButton = (format: "csv" | "json", label: string) =>
    h(
      "button",
      {
        type: "button",
        class: "btn",
        "data-testid": `wdebrief-export-${format}`,
        onclick: async (e: Event) => {
          const btn = e.currentTarget as HTMLButtonElement;
          btn.disabled = true;
          try {
            await download(code, secret, format);
            status.textContent = `Saved ${exportFileName(code, format)}.`;
          } catch (err) {
            status.textContent = `The export failed: ${err instanceof Error ? err.message : String(err)}`;
          } finally {
            btn.disabled = false;
          }
        },
      },
      label,
    );
  const intro = h("p", { class: "wd-intro" });
  const body = h("div", { class: "wd-body" });
  const page = h(
    "main",
    { class: "wk-debrief", "data-testid": "wdebrief" },
    h(
      "header",
      { class: "wd-head" },
      h("h1", {}, "Workshop debrief"),
      intro,
      h(
        "div",
        { class: "wd-tools" },
        exportButton("csv", "Download the results (CSV)"),
        exportButton("json", "Download the results (JSON)"),
        h("button", { type: "button", class: "btn ghost", onclick: () => print() }, "Print"),
      ),
      status,
    ),
    body,
  );
  root.replaceChildren(page);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const draw = (d: WorkshopDebrief) => {
    const tables = sortTables(d.tables);
    const ended = tables.filter((t) => t.stage === "ended").length;
    intro.textContent = `Workshop ${d.code} · scenario ${d.scenario} · ${tables.length} table${tables.length === 1 ? "" : "s"}${ended < tables.length ? ` (${ended} ended so far; this page updates as the others end)` : ""}.`;
    renderIf(body, JSON.stringify(d), () => [
      comparison(tables),
      h(
        "section",
        { class: "card", "aria-labelledby": "wd-separated" },
        h("h2", { id: "wd-separated" }, "What separated the tables"),
        d.separated.length === 0
          ? h("p", { class: "fineprint" }, "Nothing yet: the tables have not ended.")
          : h(
              "ul",
              { class: "wd-list", "data-testid": "wdebrief-separated" },
              d.separated.map((x) => h("li", {}, glossed(x))),
            ),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "wd-questions" },
        h("h2", { id: "wd-questions" }, "Questions for the discussion"),
        h(
          "ol",
          { class: "wd-questions", "data-testid": "wdebrief-questions" },
          d.questions.map((q) => h("li", {}, glossed(q))),
        ),
      ),
      ...tables.map(tableSection),
    ]);
    body.dataset.tables = String(tables.length);
    body.dataset.ended = String(ended);
    return ended < tables.length || tables.length === 0;
  };

  const load = async () => {
    timer = null;
    let again = true;
    try {
      const d = await fetchWorkshopDebrief(code, secret);
      if (stopped) return;
      if (status.dataset.error) {
        status.textContent = "";
        delete status.dataset.error;
      }
      again = draw(d);
    } catch (err) {
      if (stopped) return;
      const refused = err instanceof WorkshopApiError && [401, 403, 404].includes(err.status);
      status.dataset.error = refused ? "refused" : "offline";
      status.textContent = refused
        ? `This link does not open the debrief of workshop ${code}: ${err.message}`
        : "Lost touch with the server; trying again.";
      again = !refused;
    }
    if (again && !stopped) timer = setTimeout(load, POLL_MS);
  };
  void load();

  return {
    destroy() {
      stopped = true;
      if (timer) clearTimeout(timer);
      page.remove();
    },
  };
}
