/**
 * The debrief: the ending; true welfare revealed beside the proxy for every round, with the
 * counterfactual "no regulation" line; each risk over time; who drove what; the regulations on
 * a timeline; each player's proxy score beside what the world got; the CSV and the record.
 */
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { ROLE_COLOUR } from "../model/attractors";
import { DEFAULT_BOX } from "../model/chart";
import { buildDebrief } from "../model/debrief";
import { num, pct, signed } from "../model/format";
import { FAMILY_HELP } from "../model/legislature";
import { h, renderIf, s as svgEl } from "./dom";
import { iconSvg } from "./icons";
import { chartSvg, dataTable, legend } from "./svgchart";

export function mountDebrief(root: HTMLElement, c: Controller) {
  const main = h("main", { class: "debrief", "data-screen": "debrief" });
  root.append(main);
  return {
    update(st: AppState) {
      const msg = st.debrief;
      if (!msg) return;
      const pub = st.view?.public ?? null;
      // A narrower chart on phones keeps its labels readable when it is scaled to the screen.
      const narrow = window.innerWidth < 600;
      const box = narrow
        ? { ...DEFAULT_BOX, width: 320, height: 210 }
        : { ...DEFAULT_BOX, width: 520, height: 240 };
      const m = buildDebrief(msg, pub, st.seat?.seat ?? null, box);
      renderIf(main, JSON.stringify([msg.gameId, m.rounds, st.seat?.seat]), () => {
        const tipping = svgEl("line", {
          x1: box.padLeft,
          x2: box.width - box.padRight,
          y1:
            m.riskChart.box.padTop +
            (m.riskChart.box.height - m.riskChart.box.padTop - m.riskChart.box.padBottom) *
              (1 - 70 / 100),
          y2:
            m.riskChart.box.padTop +
            (m.riskChart.box.height - m.riskChart.box.padTop - m.riskChart.box.padBottom) *
              (1 - 70 / 100),
          stroke: "#ffffff",
          "stroke-opacity": 0.5,
          "stroke-dasharray": "4 4",
        });
        const years = m.table.map((r) => String(r.year));
        return [
          h(
            "header",
            { class: "card" },
            h("p", { class: "fineprint" }, "Debrief · the whole truth, revealed"),
            h(
              "h1",
              {
                class: `ending ${m.catastrophe || m.ending === "dystopia" ? "bad" : "good"}`,
                "data-testid": "ending",
              },
              m.endingLabel,
            ),
            h("p", { style: "font-size:1.1rem" }, m.headline),
            h(
              "div",
              { class: "stats", style: "grid-template-columns:repeat(auto-fit,minmax(150px,1fr))" },
              h(
                "div",
                { class: "stat" },
                h("span", { class: "k" }, "True welfare, start to end"),
                h("span", { class: "v" }, signed(m.welfareChange)),
              ),
              h(
                "div",
                { class: "stat" },
                h("span", { class: "k" }, "Economic index (the proxy)"),
                h("span", { class: "v" }, `${signed(m.proxyChange, 0)}%`),
              ),
              h(
                "div",
                { class: "stat" },
                h("span", { class: "k" }, "Rounds played"),
                h("span", { class: "v" }, String(m.rounds)),
              ),
            ),
            h(
              "div",
              { class: "row", style: "margin-top:10px" },
              h(
                "a",
                { class: "btn", href: m.csvUrl, download: "", "data-testid": "csv" },
                iconSvg("download"),
                "Rounds as CSV",
              ),
              h(
                "a",
                {
                  class: "btn ghost",
                  href: m.recordUrl,
                  target: "_blank",
                  rel: "noopener",
                  "data-testid": "record",
                },
                iconSvg("link"),
                "Saved game record",
              ),
              h(
                "button",
                { class: "btn ghost", onclick: () => c.showDebrief(false) },
                "Back to the board",
              ),
              h(
                "button",
                { class: "btn primary", "data-testid": "new-game", onclick: () => c.leave() },
                iconSvg("play"),
                "New game",
              ),
            ),
          ),
          h(
            "section",
            { class: "card" },
            h("h2", {}, "True welfare against the proxy"),
            h(
              "div",
              { class: "chart" },
              chartSvg(
                m.welfareChart,
                "True welfare, measured welfare and the economic index, first year = 100",
                m.counterfactual.text,
              ),
            ),
            legend(m.welfareChart),
            h("p", { class: "fineprint", "data-testid": "counterfactual" }, m.counterfactual.text),
            dataTable(
              "Index values by year (first = 100)",
              years,
              m.welfareChart.series.map((x, i) => ({
                label: x.label,
                values: i === 0 ? m.table.map((r) => r.proxy) : m.table.map((r) => r.welfare),
              })),
            ),
          ),
          h(
            "section",
            { class: "card" },
            h("h2", {}, "Each risk over time"),
            h(
              "div",
              { class: "chart" },
              chartSvg(
                m.riskChart,
                "True risk levels by year",
                "The dashed white line is the tipping point, 70.",
                [tipping],
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
          ),
          h(
            "section",
            { class: "card wide" },
            h("h2", {}, "Proxy scores and what the world got"),
            h(
              "p",
              { class: "world-got" },
              "Whoever scored best, every seat lives in the same world: ",
              h("b", {}, m.endingLabel),
              `, true welfare ${signed(m.welfareChange)}.`,
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
                  h("th", {}, "Rank"),
                  h("th", {}, "Seat"),
                  h("th", {}, "Role"),
                  h("th", { class: "num" }, "Own score (% of par)"),
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
                    h("td", {}, m.catastrophe ? "—" : String(r.rank)),
                    h("td", {}, r.name, r.you ? " (you)" : ""),
                    h(
                      "td",
                      {},
                      h("span", { style: `color:${ROLE_COLOUR[r.role]}` }, iconSvg(r.role, 14)),
                      ` ${r.roleLabel}`,
                    ),
                    h("td", { class: "num" }, `${num(r.standing, 0)}%`),
                    h(
                      "td",
                      { class: "wide-only" },
                      `${m.endingLabel}; true welfare ${signed(m.welfareChange)}`,
                    ),
                  ),
                ),
              ),
            ),
            m.catastrophe
              ? h(
                  "p",
                  { class: "fineprint" },
                  "After a catastrophe every seat shares the last place: no proxy score counts.",
                )
              : null,
          ),
          h(
            "section",
            { class: "card wide" },
            h("h2", {}, "Who drove each risk"),
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
          ),
          h(
            "section",
            { class: "card wide" },
            h("h2", {}, "Regulations on a timeline"),
            m.timeline.length === 0
              ? h("p", {}, "No regulation passed in this game.")
              : h(
                  "div",
                  { class: "timeline", "data-testid": "timeline" },
                  m.timeline.map((r) =>
                    h(
                      "div",
                      { class: "tl-row" },
                      h(
                        "span",
                        { title: FAMILY_HELP[r.family] },
                        `${r.title} (${r.scope}, ${r.strength}) · `,
                        h("span", { class: `badge fam-${r.family}` }, r.familyLabel),
                      ),
                      h(
                        "div",
                        {
                          class: "tl-track",
                          "aria-label": `in force from round ${r.from} to ${r.to}`,
                        },
                        h("i", {
                          class: `fam-${r.family}`,
                          style: `left:${((r.from - 1) / m.rounds) * 100}%;width:${Math.max(2, ((r.to - r.from + 1) / m.rounds) * 100)}%;background:${r.family === "measurement" ? "#56b4e9" : r.family === "brake" ? "#d55e00" : r.family === "support" ? "#009e73" : "#cc79a7"};border:1px ${r.family === "theatre" ? "dashed" : "solid"} #fff`,
                        }),
                      ),
                    ),
                  ),
                ),
            m.goodhart.length
              ? h(
                  "div",
                  {},
                  h("h3", { style: "margin-top:12px" }, "Goodhart failures in this game"),
                  h(
                    "ul",
                    {},
                    m.goodhart.map((g) => h("li", {}, `${g.explain} (${g.count}×)`)),
                  ),
                )
              : null,
            m.mattered.length
              ? h(
                  "div",
                  {},
                  h("h3", { style: "margin-top:12px" }, "Which regulations mattered"),
                  h(
                    "p",
                    { style: "font-size:.88rem;margin:0" },
                    "Risk each rule held back over the game (points of risk, summed over years and attractors).",
                  ),
                  h(
                    "ul",
                    {},
                    m.mattered.map((r) =>
                      h("li", {}, `${r.name} (${r.family}): ${num(r.amount, 0)} points held back`),
                    ),
                  ),
                )
              : null,
            m.delayed.length
              ? h(
                  "div",
                  {},
                  h("h3", { style: "margin-top:12px" }, "Benefits that regulation delayed"),
                  h(
                    "ul",
                    {},
                    m.delayed.map((d) =>
                      h("li", {}, `${d.name}: ${num(d.amount)} points of health & abundance`),
                    ),
                  ),
                )
              : null,
          ),
        ];
      });
    },
    destroy() {},
  };
}
