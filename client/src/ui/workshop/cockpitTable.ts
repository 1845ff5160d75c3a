/**
 * One table's card in the cockpit: its code, stage, round, phase and clock; each seat with who
 * plays it and how they are (a call for help stands out, with "Seen"); the truth only the
 * facilitator sees (welfare against the economy over the rounds, the four risks); the
 * regulations in force; the odds from here; crises to push; and the table's own controls.
 */

import { ROLE_LABEL } from "../../../../shared/vocabulary";
import type { ControlRequest, LiveTable } from "../../../../shared/workshop";
import {
  clockText,
  indexed,
  lawChips,
  oddsSegments,
  oddsText,
  riskBars,
  roundText,
  seatMarks,
  sparkPoints,
  type TruthPoint,
} from "../../model/cockpit";
import { h, renderIf, s } from "../dom";
import { iconSvg } from "../icons";

export interface TableActions {
  /** Sends a command; resolves to the line to show under the card (an error or a success). */
  command(request: ControlRequest, label: string): Promise<void>;
  watch(t: LiveTable): void;
}

export class TableCard {
  readonly el = h("article", { class: "ws-table card" });
  private readonly body = h("div", { class: "ws-table-body" });
  private readonly clock = h("span", { class: "ws-clock", "data-testid": "table-clock" });
  readonly result = h("p", { class: "ws-result", role: "status", "aria-live": "polite" });
  private inject = "";
  private table: LiveTable | null = null;

  constructor(
    readonly code: string,
    private readonly actions: TableActions,
  ) {
    this.el.setAttribute("data-testid", `table-${code}`);
    this.el.setAttribute("aria-label", `Table ${code}`);
    this.el.append(this.body, this.result);
  }

  update(t: LiveTable, history: readonly TruthPoint[], elapsedMs: number): void {
    this.table = t;
    this.tick(elapsedMs);
    const { remainingMs: _r, ...rest } = t;
    renderIf(this.body, JSON.stringify([rest, history]), () => this.build(t, history));
  }

  /** The clock only, once a second between polls. */
  tick(elapsedMs: number): void {
    if (this.table) this.clock.textContent = clockText(this.table, elapsedMs);
  }

  private build(t: LiveTable, history: readonly TruthPoint[]): HTMLElement[] {
    const helpers = t.seats.filter((x) => x.help).length;
    return [
      h(
        "header",
        { class: "ws-table-head" },
        h("h2", { class: "ws-table-code" }, t.code),
        h("span", { class: `tag ws-stage ws-stage-${t.stage}` }, stageText(t)),
        h("span", { class: "ws-round" }, roundText(t)),
        this.clock,
        helpers > 0
          ? h(
              "span",
              { class: "ws-help-flag" },
              iconSvg("hands", 16),
              `${helpers} ${helpers === 1 ? "needs" : "need"} help`,
            )
          : null,
      ),
      h(
        "div",
        { class: "ws-table-grid" },
        this.seats(t),
        h("div", { class: "ws-table-side" }, this.truth(t, history), this.odds(t)),
      ),
      this.laws(t),
      this.controls(t),
    ];
  }

  private seats(t: LiveTable): HTMLElement {
    return h(
      "ul",
      { class: "ws-seats", "aria-label": `Seats at table ${t.code}` },
      t.seats.map((seat) => {
        const marks = seatMarks(seat);
        const help = seat.help && seat.student !== null;
        return h(
          "li",
          { class: help ? "ws-seat ws-seat-help" : "ws-seat" },
          h("span", { class: `tag role-${seat.role}`, title: ROLE_LABEL[seat.role] }, seat.id),
          h("span", { class: "ws-seat-name" }, seat.nickname ?? seat.name),
          marks.map((m) => h("span", { class: `ws-mark ws-mark-${m.kind}` }, m.text)),
          help
            ? h(
                "button",
                {
                  class: "btn small ws-seen",
                  type: "button",
                  "data-testid": `seen-${seat.student}`,
                  onclick: () =>
                    void this.actions.command(
                      { command: "helped", student: seat.student! },
                      `${seat.nickname ?? seat.id} was told you are coming`,
                    ),
                },
                iconSvg("check", 14),
                "Seen",
              )
            : null,
        );
      }),
      t.watchers.length > 0
        ? h("li", { class: "ws-seat ws-watchers" }, `${t.watchers.length} watching`)
        : null,
    );
  }

  private truth(t: LiveTable, history: readonly TruthPoint[]): HTMLElement {
    if (!t.truth) return h("p", { class: "fineprint" }, "The truth shows once the game starts.");
    const series = indexed(history, t.truth.start);
    const all = [...series.welfare, ...series.proxy];
    const min = Math.min(90, ...all);
    const max = Math.max(110, ...all);
    const last = (xs: number[]) => (xs.length ? Math.round(xs[xs.length - 1]!) : 100);
    const W = 150;
    const H = 40;
    const endDot = (values: number[], cls: string) => {
      const [x, y] = (sparkPoints(values, W, H, min, max).split(" ").pop() ?? "").split(",");
      return x && y ? s("circle", { cx: x, cy: y, r: 2.5, class: cls }) : null;
    };
    const since = t.truth.start ? "the start" : `round ${history[0] ? history[0].round : t.round}`;
    const spark = s(
      "svg",
      {
        viewBox: `0 0 ${W} ${H}`,
        width: W,
        height: H,
        class: "ws-spark",
        role: "img",
        "aria-label": `True welfare and economy over the rounds, both 100 at ${since}`,
      },
      s("line", {
        x1: 0,
        x2: W,
        y1: H - ((100 - min) / (max - min)) * H,
        y2: H - ((100 - min) / (max - min)) * H,
        class: "ws-spark-base",
      }),
      s("polyline", { points: sparkPoints(series.proxy, W, H, min, max), class: "ws-spark-proxy" }),
      s("polyline", {
        points: sparkPoints(series.welfare, W, H, min, max),
        class: "ws-spark-welfare",
      }),
      // The latest point of each line, so one round already shows something.
      endDot(series.proxy, "ws-dot-proxy"),
      endDot(series.welfare, "ws-dot-welfare"),
    );
    return h(
      "div",
      { class: "ws-truth" },
      h(
        "div",
        { class: "ws-truth-nums" },
        spark,
        h(
          "span",
          { class: "ws-key ws-key-welfare" },
          "True welfare ",
          h("b", {}, last(series.welfare)),
        ),
        h("span", { class: "ws-key ws-key-proxy" }, "Economy ", h("b", {}, last(series.proxy))),
      ),
      h(
        "ul",
        { class: "ws-risks", "aria-label": "True risks" },
        riskBars(t.truth.risks).map((r) =>
          h(
            "li",
            {},
            h("span", { class: "ws-risk-name" }, r.label),
            h(
              "span",
              {
                class: "ws-risk-bar",
                role: "img",
                "aria-label": `${r.label} risk ${Math.round(r.level)} of 100`,
              },
              h("span", { style: `width:${r.level.toFixed(0)}%;background:${r.colour}` }),
            ),
            h("span", { class: "ws-risk-num" }, Math.round(r.level)),
          ),
        ),
      ),
    );
  }

  private odds(t: LiveTable): HTMLElement | null {
    if (!t.odds)
      return t.stage === "playing"
        ? h(
            "p",
            { class: "fineprint" },
            "Odds from here: not worked out yet (at the start of each round).",
          )
        : null;
    const segs = oddsSegments(t.odds);
    return h(
      "div",
      { class: "ws-odds" },
      h(
        "div",
        { class: "ws-odds-bar", role: "img", "aria-label": oddsText(t.odds) },
        segs.map((g) =>
          h("span", {
            class: g.trap ? "ws-odds-seg ws-odds-trap" : "ws-odds-seg",
            style: `flex:${g.share} 0 0;background-color:${g.colour}`,
            title: `${g.label} ${Math.round(g.share * 100)}%`,
          }),
        ),
      ),
      h(
        "p",
        { class: "ws-odds-text" },
        `Odds from here: ${t.odds.runs} runs. `,
        segs
          .slice()
          .sort((a, b) => b.share - a.share)
          .slice(0, 3)
          .map((g) => `${g.label} ${Math.round(g.share * 100)}%`)
          .join(" · "),
      ),
    );
  }

  private laws(t: LiveTable): HTMLElement {
    const title = (id: string) => t.injects?.catalogue.find((i) => i.id === id)?.title ?? id;
    const struck = t.injects?.struck ?? [];
    return h(
      "div",
      { class: "ws-laws" },
      struck.length > 0
        ? [
            h("span", { class: "ws-laws-title" }, "Crises:"),
            ...struck.map((x) =>
              h("span", { class: "tag incident-tag" }, `${title(x.inject)} (round ${x.round})`),
            ),
          ]
        : null,
      h("span", { class: "ws-laws-title" }, "Laws in force:"),
      t.regulations.length === 0
        ? h("span", { class: "fineprint" }, "none")
        : lawChips(t.regulations).map((r) => h("span", { class: "tag", title: r.title }, r.label)),
    );
  }

  private controls(t: LiveTable): HTMLElement {
    const cmd = (request: ControlRequest, label: string) => () =>
      void this.actions.command(request, label);
    const table = t.code;
    const playing = t.stage === "playing";
    const btn = (
      text: string,
      icon: string,
      on: () => void,
      attrs: Record<string, string | boolean> = {},
    ) =>
      h(
        "button",
        // A stable id (one per slot: Pause and Resume share one) keeps the focus across redraws.
        {
          class: "btn small",
          type: "button",
          id: `ws-${table}-${slug(text)}`,
          onclick: on,
          ...attrs,
        },
        iconSvg(icon, 14),
        text,
      );
    const injects = t.injects;
    const canPush =
      playing && injects !== null && injects.strikesIn !== null && injects.catalogue.length > 0;
    const pick = h(
      "select",
      {
        id: `inject-${table}`,
        "aria-label": `Crisis to push at table ${table}`,
        class: "ws-inject",
        disabled: !canPush,
      },
      (injects?.catalogue ?? []).map((i) =>
        h("option", { value: i.id, selected: i.id === this.inject, title: i.description }, i.title),
      ),
    );
    pick.addEventListener("change", () => {
      this.inject = pick.value;
    });
    const pending = injects?.pending.length ? `${injects.pending.length} waiting` : "";
    return h(
      "div",
      { class: "ws-controls" },
      h(
        "div",
        { class: "ws-buttons", role: "group", "aria-label": `Controls of table ${table}` },
        t.stage === "lobby"
          ? btn("Start", "play", cmd({ command: "start", table }, "Started"), {
              "data-testid": `start-${table}`,
            })
          : null,
        playing && !t.paused
          ? btn("Pause", "pause", cmd({ command: "pause", table }, "Paused"), {
              id: `ws-${table}-clock`,
            })
          : null,
        playing && t.paused
          ? btn("Resume", "play", cmd({ command: "resume", table }, "Resumed"), {
              id: `ws-${table}-clock`,
            })
          : null,
        playing
          ? btn(
              "+1 min",
              "clock",
              cmd({ command: "extend", table, seconds: 60 }, "One more minute"),
            )
          : null,
        playing ? btn("Skip", "skip", cmd({ command: "skip", table }, "Phase skipped")) : null,
        btn(
          t.chat ? "Chat: on" : "Chat: off",
          "chat",
          cmd({ command: "chat", table, on: !t.chat }, t.chat ? "Chat off" : "Chat on"),
          {
            id: `ws-${table}-chat`,
            "aria-pressed": t.chat ? "true" : "false",
            title: t.chat
              ? "Students may chat. Click to close the chat."
              : "Chat is closed. Click to open it.",
          },
        ),
        btn("Watch", "eye", () => this.actions.watch(t), {
          title: "Open this table in a new tab. Nobody at the table sees you.",
        }),
      ),
      injects && injects.catalogue.length > 0 && t.stage !== "ended"
        ? h(
            "div",
            { class: "ws-inject-row" },
            pick,
            h(
              "button",
              {
                class: "btn small",
                type: "button",
                disabled: !canPush,
                id: `ws-${table}-push`,
                "data-testid": `inject-${table}`,
                title: canPush
                  ? injects.strikesIn === t.round
                    ? "It strikes at once (this is the News phase)."
                    : `It strikes when round ${injects.strikesIn} opens.`
                  : "No crisis can be pushed now.",
                onclick: () => {
                  const id = pick.value;
                  const title = injects.catalogue.find((i) => i.id === id)?.title ?? id;
                  void this.actions.command(
                    { command: "inject", table, inject: id },
                    `Crisis pushed: ${title}`,
                  );
                },
              },
              iconSvg("siren", 14),
              "Push crisis",
            ),
            pending ? h("span", { class: "fineprint" }, pending) : null,
          )
        : null,
    );
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

function stageText(t: LiveTable): string {
  switch (t.stage) {
    case "lobby":
      return "waiting";
    case "playing":
      return t.paused ? "paused" : "playing";
    case "ended":
      return "ended";
  }
}
