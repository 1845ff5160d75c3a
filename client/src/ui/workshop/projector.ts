/**
 * The workshop projector (issue 11, item 5): a wall screen for the whole class, opened with
 * the projector key. It asks the server every 2.5 s for the projector view and shows the join
 * code and link (when the facilitator shows them), the facilitator's latest messages, and every
 * table side by side: its round, phase and time left, its students, its economy score against
 * measured well-being (true well-being once it has ended), all with the start = 100 as in the
 * game, laws passed, close calls, incidents
 * and its ending. The view carries no odds and no true risks, so none can show here.
 */
import type { ProjectorView } from "../../../../shared/workshop";
import type { ChartBox } from "../../model/chart";
import { indexText } from "../../model/scale";
import {
  chartRows,
  chartSummary,
  endingLook,
  lastRound,
  latestMessages,
  messageTarget,
  type ProjectorTable,
  roundLabels,
  scaledRounds,
  statusLine,
  tableChart,
} from "../../model/workshopView";
import { fetchProjector, WorkshopApiError } from "../../net/workshopApi";
import { h, renderIf } from "../dom";
import { chartSvg, dataTable, legend } from "../svgchart";
import { term } from "../term";

const POLL_MS = 2500;
const BOX: ChartBox = {
  width: 360,
  height: 180,
  padLeft: 40,
  padRight: 12,
  padTop: 10,
  padBottom: 26,
  fontSize: 13,
};

function stat(label: HTMLElement | string, value: number, testid: string): HTMLElement {
  return h(
    "div",
    { class: "wk-stat" },
    h("dt", {}, label),
    h("dd", { "data-testid": testid }, String(value)),
  );
}

function tableCard(t: ProjectorTable): (HTMLElement | null)[] {
  const end = endingLook(t.ending, t.stage);
  const chart = tableChart(t, BOX);
  const last = lastRound(t);
  const points = scaledRounds(t);
  return [
    h(
      "header",
      { class: "wk-table-head" },
      h("h2", {}, `Table ${t.code}`),
      t.stage === "ended"
        ? h("p", { class: `wk-ending ${end.tone}`, "data-testid": "projector-ending" }, end.label)
        : null,
    ),
    h("p", { class: "wk-status", "data-testid": "projector-status", "data-clock": "" }),
    h(
      "dl",
      { class: "wk-stats" },
      stat("Students", t.students, "projector-students"),
      stat("Laws passed", t.regulationsPassed, "projector-laws"),
      stat("Close calls", t.closeCalls, "projector-close-calls"),
      stat("Incidents", t.incidents, "projector-incidents"),
    ),
    last
      ? h(
          "div",
          { class: "wk-figures" },
          h("span", {}, term("economicIndex"), " ", h("b", {}, indexText(last.index))),
          h("span", {}, term("measuredWelfare"), " ", h("b", {}, indexText(last.measured))),
          last.welfare !== null
            ? h(
                "span",
                {},
                term("trueWelfare"),
                " ",
                h("b", { "data-testid": "projector-true" }, indexText(last.welfare)),
              )
            : null,
          h("span", { class: "fineprint" }, "(start = 100)"),
        )
      : null,
    // One point makes no line: the chart waits for the first round after the start.
    points.length > 1
      ? h(
          "div",
          { class: "wk-chart" },
          h(
            "div",
            { class: "chart" },
            chartSvg(
              chart,
              `Table ${t.code}: the economy score against well-being by round`,
              chartSummary(t),
            ),
          ),
          legend(chart),
          h(
            "p",
            { class: "fineprint" },
            "Every figure: the start of the game = 100, as in the game.",
          ),
          dataTable(
            `Table ${t.code}: the economy score and well-being by round (start = 100)`,
            roundLabels(t),
            chartRows(t),
          ),
        )
      : h("p", { class: "wk-empty" }, "The chart starts after the first round."),
  ];
}

/** The key of what a card draws, so a poll that changed nothing redraws nothing. */
function cardKey(t: ProjectorTable): string {
  const { remainingMs: _r, ...rest } = t;
  return JSON.stringify(rest);
}

export function mountProjector(root: HTMLElement, code: string, key: string): { destroy(): void } {
  document.title = `Workshop ${code} · Attractor`;
  const status = h("p", { class: "wk-conn", role: "status", "data-testid": "projector-conn" });
  const join = h("section", { class: "wk-join", "aria-label": "How to join" });
  const messages = h("section", {
    class: "wk-messages",
    "aria-label": "Messages from the facilitator",
    "aria-live": "polite",
    "data-testid": "projector-messages",
  });
  const tables = h("div", { class: "wk-tables", "data-testid": "projector-tables" });
  const empty = h(
    "p",
    { class: "wk-empty", hidden: true },
    "No table yet: they open as students join.",
  );
  const page = h(
    "main",
    { class: "wk-projector", "data-testid": "projector" },
    h("header", { class: "wk-top" }, h("h1", {}, "Attractor workshop"), join, status),
    messages,
    h("h2", { class: "sr-only" }, "The tables"),
    empty,
    tables,
  );
  root.replaceChildren(page);

  const cards = new Map<string, HTMLElement>();
  let view: ProjectorView | null = null;
  let fetchedAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const tick = () => {
    if (!view) return;
    const elapsed = Date.now() - fetchedAt;
    for (const t of view.tables) {
      const el = cards.get(t.code)?.querySelector<HTMLElement>("[data-clock]");
      if (el) el.textContent = statusLine(t, elapsed);
    }
  };
  const clockTimer = setInterval(tick, 1000);

  const draw = (v: ProjectorView) => {
    view = v;
    fetchedAt = Date.now();
    const link = new URL(v.link, location.origin).href;
    renderIf(join, JSON.stringify([v.showCode, link]), () =>
      v.showCode
        ? [
            h("p", { class: "wk-join-lead" }, "Join at"),
            h("p", { class: "wk-link", "data-testid": "projector-link" }, link),
            h("p", { class: "wk-join-lead" }, "with the code"),
            h("p", { class: "wk-code", "data-testid": "projector-code" }, v.code),
          ]
        : [h("p", { class: "wk-join-lead" }, `Workshop ${v.code}`)],
    );
    const latest = latestMessages(v.messages);
    renderIf(messages, JSON.stringify(latest), () =>
      latest.length === 0
        ? []
        : [
            h("h2", {}, "From the facilitator"),
            h(
              "ul",
              {},
              latest.map((m, i) =>
                h(
                  "li",
                  { class: i === 0 ? "wk-msg newest" : "wk-msg" },
                  h("span", { class: "wk-msg-to" }, messageTarget(m.table)),
                  h("span", { class: "wk-msg-text" }, m.text),
                ),
              ),
            ),
          ],
    );
    const seen = new Set<string>();
    v.tables.forEach((t, i) => {
      seen.add(t.code);
      let card = cards.get(t.code);
      if (!card) {
        card = h("section", {
          class: "card wk-table",
          "data-testid": "projector-table",
          "data-code": t.code,
        });
        cards.set(t.code, card);
      }
      if (tables.children[i] !== card) tables.insertBefore(card, tables.children[i] ?? null);
      card.dataset.stage = t.stage;
      card.dataset.ending = t.ending ?? "";
      renderIf(card, cardKey(t), () => tableCard(t));
    });
    for (const [c, card] of cards)
      if (!seen.has(c)) {
        card.remove();
        cards.delete(c);
      }
    empty.hidden = v.tables.length > 0;
    tick();
  };

  const poll = async () => {
    timer = null;
    try {
      const v = await fetchProjector(code, key);
      if (stopped) return;
      status.textContent = "";
      draw(v);
    } catch (err) {
      if (stopped) return;
      const refused = err instanceof WorkshopApiError && [401, 403, 404].includes(err.status);
      status.textContent = refused
        ? `This projector link does not open workshop ${code}: ${err.message}`
        : "Lost touch with the server; trying again.";
      status.dataset.error = refused ? "refused" : "offline";
      if (refused) return;
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };
  void poll();

  return {
    destroy() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(clockTimer);
      page.remove();
    },
  };
}
