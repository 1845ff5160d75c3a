/**
 * The game screen's DOM panels: the seat's dashboard (figures, strategy sliders, moves), the
 * risks, the chart, the legislature, the news and the chat. Each renders from view models and
 * reports intents to the controller.
 */
import type { ServerMessages } from "../../../shared/protocol";
import type { GameEvent } from "../../../shared/state";
import type { SeatView } from "../../../shared/views";
import { ROLE_LABEL } from "../../../shared/vocabulary";
import type { Controller } from "../app/controller";
import type { AppState } from "../app/store";
import { ATTRACTOR_INFO } from "../model/attractors";
import { DEFAULT_BOX } from "../model/chart";
import {
  type FieldValues,
  type MoveSpec,
  moveAction,
  movesOf,
  rebalance,
  riskRows,
  statsOf,
  strategyAction,
  strategyOf,
} from "../model/dashboard";
import { num, pct } from "../model/format";
import { buildGameChart } from "../model/gamechart";
import { buildLegislature, FAMILY_HELP, FAMILY_ICON } from "../model/legislature";
import { h, renderIf } from "./dom";
import { iconSvg } from "./icons";
import { peopleKey, peopleList } from "./people";
import { chartSvg, dataTable, legend } from "./svgchart";

// ---------------------------------------------------------------------------------------------
// Dashboard

export class Dashboard {
  readonly el = h("section", {
    class: "panel area-you",
    "aria-labelledby": "you-title",
    "data-tut": "you",
  });
  private readonly head = h("div");
  private readonly stats = h("div");
  private readonly strategy = h("div", { "data-tut": "strategy" });
  private readonly moves = h("div", { "data-tut": "moves" });
  private draft: number[] | null = null;
  private draftRound = -1;
  private dirty = false;
  private readonly openMoves = new Set<string>();

  constructor(private readonly c: Controller) {
    this.el.append(this.head, this.stats, this.strategy, this.moves);
  }

  update(s: AppState): void {
    const view = s.view?.seat ?? null;
    const pub = s.view?.public;
    if (!view || !pub) {
      renderIf(this.head, "spectator", () => [
        h("h2", { id: "you-title" }, iconSvg("user"), "Spectator"),
        h(
          "p",
          {},
          "You are watching this game. Everyone at the table sees the same public view as you: the landscape, the index, the laws and the news.",
        ),
      ]);
      return;
    }
    const seatName = pub.seats.find((x) => x.id === view.seat)?.name ?? view.seat;
    renderIf(this.head, JSON.stringify([view.seat, view.movesLeft, pub.phase]), () => [
      h("h2", { id: "you-title" }, iconSvg(view.self.role), "You"),
      h(
        "div",
        { class: "row", style: "margin-bottom:8px" },
        h(
          "strong",
          { style: "font-family:var(--display);font-size:1.15rem", "data-testid": "my-seat-name" },
          seatName,
        ),
        h("span", { class: `tag role-${view.self.role}` }, ROLE_LABEL[view.self.role]),
        h("span", { class: "tag" }, pub.blocs[view.self.bloc]?.name ?? ""),
        h(
          "span",
          {
            class: "tag",
            "data-testid": "moves-left",
            title: "Each round you can make up to two moves.",
          },
          `${view.movesLeft} move${view.movesLeft === 1 ? "" : "s"} left`,
        ),
      ),
    ]);
    renderIf(this.stats, JSON.stringify(statsOf(view)), () => [
      h(
        "div",
        { class: "stats" },
        statsOf(view).map((st) =>
          h(
            "div",
            { class: "stat", title: st.help },
            h("span", { class: "k" }, st.label),
            h("span", { class: "v" }, st.value),
          ),
        ),
      ),
    ]);
    this.renderStrategy(view);
    this.renderMoves(view);
  }

  private renderStrategy(view: SeatView): void {
    const spec = strategyOf(view);
    const server = spec.sliders.map((x) => x.value);
    if (this.draftRound !== view.public.round || !this.dirty || !this.draft) {
      this.draft = server;
      this.draftRound = view.public.round;
    }
    const saved = this.draft.every((v, i) => Math.abs(v - (server[i] ?? 0)) < 0.011);
    if (saved) this.dirty = false;
    const canAct = view.public.phase === "act" || view.public.phase === "legislate";
    const key = JSON.stringify([
      view.seat,
      view.public.round,
      canAct,
      saved,
      this.dirty ? null : server,
    ]);
    renderIf(this.strategy, key, () => {
      const outputs: HTMLOutputElement[] = [];
      const inputs: HTMLInputElement[] = [];
      const status = h(
        "span",
        { class: "fineprint", "data-testid": "strategy-status", role: "status" },
        saved ? "Saved" : "Not saved yet",
      );
      const send = () => {
        if (!this.draft) return;
        this.c.send("action", { action: strategyAction(spec.role, this.draft) });
        const same = this.draft.every((v, i) => Math.abs(v - (server[i] ?? 0)) < 0.011);
        // An unchanged strategy brings no new view: it is already saved.
        status.textContent = same ? "Saved" : "Sending…";
      };
      const sync = () => {
        this.draft?.forEach((v, i) => {
          if (inputs[i]) inputs[i]!.value = String(Math.round(v * 100));
          if (outputs[i]) outputs[i]!.textContent = pct(v);
          inputs[i]?.setAttribute("aria-valuetext", pct(v));
        });
      };
      const rows = spec.sliders.map((sl, i) => {
        const id = `slider-${sl.name}`;
        const out = h("output", { for: id }, pct(this.draft![i] ?? 0));
        const input = h("input", {
          type: "range",
          id,
          min: 0,
          max: 100,
          step: 1,
          value: Math.round((this.draft![i] ?? 0) * 100),
          disabled: !canAct,
          "aria-describedby": `${id}-help`,
          "data-testid": id,
          oninput: (e: Event) => {
            const v = Number((e.target as HTMLInputElement).value) / 100;
            this.draft = spec.sharesBudget
              ? rebalance(this.draft!, i, v)
              : this.draft!.map((x, k) => (k === i ? v : x));
            this.dirty = true;
            status.textContent = "Not saved yet";
            sync();
          },
          onchange: send,
        });
        outputs.push(out);
        inputs.push(input);
        return h(
          "div",
          { class: "slider" },
          h(
            "div",
            { class: "top" },
            h("label", { for: id, style: "margin:0;color:var(--text)" }, sl.label),
            out,
          ),
          input,
          h("div", { class: "help", id: `${id}-help` }, sl.help),
        );
      });
      return [
        h("h2", {}, iconSvg("gauge"), "Strategy"),
        h(
          "p",
          { class: "fineprint" },
          spec.help,
          canAct ? "" : " You can change it in the Act and Legislate phases.",
        ),
        ...rows,
        h(
          "div",
          { class: "row" },
          h(
            "button",
            {
              class: "btn small",
              disabled: !canAct,
              onclick: send,
              "data-testid": "save-strategy",
            },
            iconSvg("check"),
            "Save strategy",
          ),
          status,
        ),
      ];
    });
  }

  private renderMoves(view: SeatView): void {
    const moves = movesOf(view);
    renderIf(this.moves, JSON.stringify(moves), () => [
      h("h2", { style: "margin-top:12px" }, iconSvg("flag"), "Moves"),
      h("p", { class: "fineprint" }, "Up to two per round. Open a move to read what it does."),
      h(
        "div",
        { class: "moves" },
        moves.map((m) => this.moveCard(m)),
      ),
    ]);
  }

  private moveCard(m: MoveSpec): HTMLElement {
    const fields = m.fields.map((f) => fieldElement(m, f));
    const form = h(
      "form",
      {
        onsubmit: (e: Event) => {
          e.preventDefault();
          const values: Record<string, string | number | boolean> = {};
          for (const el of Array.from(form.elements)) {
            if (el instanceof HTMLInputElement && el.type === "checkbox")
              values[el.name] = el.checked;
            else if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement)
              values[el.name] = el.value;
          }
          this.c.send("action", { action: this.toAction(m, values) });
        },
      },
      h("p", { class: "effect" }, m.effect),
      ...fields,
      m.reason ? h("p", { class: "reason" }, m.reason) : null,
      h(
        "button",
        {
          class: "btn small primary",
          type: "submit",
          disabled: !m.enabled,
          "data-testid": `do-${m.id}`,
        },
        m.label,
      ),
    );
    const details = h(
      "details",
      {
        class: `move${m.enabled ? "" : " disabled"}`,
        "data-move": m.id,
        open: this.openMoves.has(m.id),
        ontoggle: () => {
          if (details.open) this.openMoves.add(m.id);
          else this.openMoves.delete(m.id);
        },
      },
      h(
        "summary",
        { "data-testid": `move-${m.id}` },
        iconSvg(m.icon),
        m.label,
        m.enabled ? null : h("span", { class: "sr-only" }, " (not available now)"),
      ),
      form,
    );
    return details;
  }

  private toAction(m: MoveSpec, values: FieldValues) {
    return moveAction(m.id, values);
  }
}

function fieldElement(m: MoveSpec, f: MoveSpec["fields"][number]): HTMLElement {
  const id = `move-${m.id}-${f.name}`;
  switch (f.kind) {
    case "select":
      return h(
        "div",
        { class: "field" },
        h("label", { for: id }, f.label),
        h(
          "select",
          { id, name: f.name, "data-testid": id },
          f.options.map((o) =>
            h(
              "option",
              { value: o.value, selected: o.value === f.value, title: o.help ?? "" },
              o.label,
            ),
          ),
        ),
      );
    case "range": {
      const out = h("output", { for: id }, f.percent ? pct(f.value) : String(f.value));
      return h(
        "div",
        { class: "field" },
        h("label", { for: id }, f.label, " ", out),
        h("input", {
          type: "range",
          id,
          name: f.name,
          min: f.min,
          max: f.max,
          step: f.step,
          value: f.value,
          "data-testid": id,
          oninput: (e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            out.textContent = f.percent ? pct(v) : String(v);
          },
        }),
      );
    }
    case "toggle":
      return h(
        "label",
        { class: "row field", style: "color:var(--text)", title: f.help },
        h("input", { type: "checkbox", id, name: f.name, checked: f.value, "data-testid": id }),
        f.label,
        h("span", { class: "fineprint" }, f.help),
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Risks and the chart

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
    ...rows.map((r) =>
      h(
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
              "aria-label": `${r.label}: ${Math.round(r.value)} of 100; tipping point 70`,
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
      ),
    ),
    h(
      "div",
      { class: "stats", style: "margin-top:8px" },
      h(
        "div",
        {
          class: "stat",
          title:
            "P = 1 + K/25: how hard the economy optimises. It grows with the frontier capability.",
        },
        h("span", { class: "k" }, "Optimisation pressure"),
        h("span", { class: "v" }, num(pub.pressure, 2)),
      ),
      h(
        "div",
        { class: "stat", title: "The highest lab capability." },
        h("span", { class: "k" }, "Frontier capability"),
        h("span", { class: "v" }, num(pub.frontier)),
      ),
      h(
        "div",
        {
          class: "stat",
          title: "Pledges, audits and evaluations passed. A proxy too: theatre raises it.",
        },
        h("span", { class: "k" }, "Visible safety"),
        h("span", { class: "v" }, num(pub.visibleSafety)),
      ),
      h(
        "div",
        { class: "stat", title: "The sum of sector output: public and exact." },
        h("span", { class: "k" }, "Economic index"),
        h("span", { class: "v" }, num(pub.proxy)),
      ),
    ),
  ]);
}

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

// ---------------------------------------------------------------------------------------------
// Legislature, news, chat

export function renderLegislature(el: HTMLElement, s: AppState, c: Controller): void {
  const pub = s.view?.public;
  if (!pub) return;
  const m = buildLegislature(pub, s.view?.seat ?? null);
  renderIf(el, JSON.stringify([m.proposals, m.pipeline, m.inForce, pub.phase]), () => [
    h("p", { class: "fineprint" }, m.votingHelp),
    h("h3", {}, "On the table"),
    m.proposals.length === 0
      ? h(
          "p",
          { class: "fineprint" },
          pub.phase === "act"
            ? "No proposals yet. Governments draft them in the Act phase."
            : "No proposals this round.",
        )
      : null,
    ...m.proposals.map((p) =>
      h(
        "article",
        { class: "prop", "data-proposal": p.uid },
        h(
          "h3",
          {},
          iconSvg(FAMILY_ICON[p.family]),
          p.title,
          h(
            "span",
            { class: `badge fam-${p.family}`, title: FAMILY_HELP[p.family] },
            p.familyLabel,
          ),
          h("span", { class: "badge" }, `strength ${p.strength}`),
        ),
        h(
          "div",
          { class: "fineprint" },
          `${p.scope} · proposed by ${p.proposer} · `,
          h("b", {}, p.statusText),
        ),
        h(
          "p",
          { class: "effect", style: "font-size:.85rem" },
          p.explain,
          " ",
          h("i", {}, `Burdens: ${p.burdens}.`),
        ),
        h(
          "div",
          { class: "votes", "aria-label": "Votes" },
          p.votes.map((v) =>
            h(
              "span",
              { class: `vote-${v.vote}` },
              `${v.name}: ${v.vote === "yes" ? "✓ yes" : v.vote === "no" ? "✗ no" : "… pending"}`,
            ),
          ),
        ),
        p.canVote
          ? h(
              "div",
              { class: "row", role: "group", "aria-label": `Your vote on ${p.title}` },
              h(
                "button",
                {
                  class: "btn small yes",
                  "aria-pressed": p.myVote === true ? "true" : "false",
                  "data-testid": `vote-yes-${p.uid}`,
                  onclick: () =>
                    c.send("action", { action: { type: "vote", proposal: p.uid, yes: true } }),
                },
                iconSvg("check"),
                "Yes",
              ),
              h(
                "button",
                {
                  class: "btn small no",
                  "aria-pressed": p.myVote === false ? "true" : "false",
                  "data-testid": `vote-no-${p.uid}`,
                  onclick: () =>
                    c.send("action", { action: { type: "vote", proposal: p.uid, yes: false } }),
                },
                iconSvg("close"),
                "No",
              ),
            )
          : null,
      ),
    ),
    h("h3", {}, "In the pipeline"),
    m.pipeline.length === 0
      ? h(
          "p",
          { class: "fineprint" },
          "Nothing ramping in. Laws take effect the round after they pass and ramp in over a few rounds.",
        )
      : null,
    ...m.pipeline.map((l) => lawRow(l)),
    h("h3", {}, "In force"),
    m.inForce.length === 0 ? h("p", { class: "fineprint" }, "No regulation in full force.") : null,
    ...m.inForce.map((l) => lawRow(l)),
    h(
      "details",
      { class: "move", style: "margin-top:10px" },
      h("summary", {}, iconSvg("scroll"), "Every regulation, explained"),
      h(
        "p",
        { class: "fineprint" },
        h("b", {}, "Brake vs better measurement. "),
        FAMILY_HELP.brake,
        " ",
        FAMILY_HELP.measurement,
      ),
      ...m.catalogue.map((r) =>
        h(
          "div",
          { class: "prop" },
          h(
            "h3",
            {},
            iconSvg(FAMILY_ICON[r.family]),
            r.name,
            h(
              "span",
              { class: `badge fam-${r.family}`, title: FAMILY_HELP[r.family] },
              r.familyLabel,
            ),
          ),
          h("p", { style: "font-size:.85rem;margin:0" }, r.explain),
          h("p", { class: "fineprint", style: "margin:0" }, `Burdens: ${r.burdens}`),
        ),
      ),
    ),
  ]);
}

function lawRow(l: ReturnType<typeof buildLegislature>["inForce"][number]): HTMLElement {
  return h(
    "div",
    { class: "prop", "data-law": l.uid },
    h(
      "h3",
      {},
      iconSvg(FAMILY_ICON[l.family]),
      l.title,
      h("span", { class: `badge fam-${l.family}`, title: FAMILY_HELP[l.family] }, l.familyLabel),
    ),
    h("div", { class: "fineprint" }, `${l.scope} · strength ${l.strength} · ${l.rampText}`),
    h(
      "div",
      {
        class: "bar",
        role: "meter",
        "aria-label": `Ramp-in ${Math.round(l.ramp * 100)}%`,
        "aria-valuenow": Math.round(l.ramp * 100),
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        style: "margin-top:4px",
      },
      h("i", { style: `width:${Math.round(l.ramp * 100)}%;background:#56b4e9` }),
    ),
  );
}

export function newsItems(s: AppState): GameEvent[] {
  const pub = s.view?.public;
  const seen = new Set<string>();
  const out: GameEvent[] = [];
  const add = (e: GameEvent) => {
    const k = `${e.round}|${e.kind}|${e.text}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(e);
  };
  for (const e of pub?.news ?? []) add(e);
  for (const e of s.view?.seat?.privateNews ?? []) add(e);
  for (const e of [...s.events].reverse()) add(e);
  return out.sort((a, b) => b.round - a.round || (a.kind === "closeCall" ? -1 : 0));
}

const KIND_LABEL: Partial<Record<GameEvent["kind"], string>> = {
  closeCall: "Close call",
  catastrophe: "Catastrophe",
  threshold: "Threshold",
  passed: "Law passed",
  failed: "Law failed",
  inForce: "In force",
  evasionDetected: "Evasion caught",
  ending: "Ending",
};

export function renderNews(el: HTMLElement, s: AppState): void {
  const pub = s.view?.public;
  if (!pub) return;
  const items = newsItems(s);
  renderIf(el, JSON.stringify(items.map((e) => [e.round, e.text])), () => [
    items.length === 0
      ? h(
          "p",
          { class: "fineprint" },
          "Nothing has happened yet. News arrives at the start of each round.",
        )
      : null,
    h(
      "ol",
      { style: "list-style:none;margin:0;padding:0", "aria-label": "News, newest first" },
      items
        .slice(0, 60)
        .map((e) =>
          h(
            "li",
            { class: `news-item ${e.kind}`, "data-kind": e.kind },
            h("span", { class: "when" }, String(pub.startYear + e.round - 1)),
            h(
              "span",
              {},
              e.kind === "closeCall" || e.kind === "catastrophe"
                ? h(
                    "b",
                    { style: "color:#ffb38a" },
                    iconSvg("hazard", 14),
                    ` ${KIND_LABEL[e.kind]}: `,
                  )
                : KIND_LABEL[e.kind]
                  ? h("b", {}, `${KIND_LABEL[e.kind]}: `)
                  : null,
              e.attractor
                ? h("span", { class: "sr-only" }, `(${ATTRACTOR_INFO[e.attractor].label}) `)
                : null,
              e.text,
              e.public ? null : h("span", { class: "tag", style: "margin-left:6px" }, "only you"),
            ),
          ),
        ),
    ),
  ]);
}

export class ChatPanel {
  readonly el = h("div");
  private readonly log = h("div", {
    class: "chat-log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Chat messages",
  });
  private readonly input = h("input", {
    type: "text",
    maxlength: 280,
    id: "chat-input",
    placeholder: "Say something…",
    "aria-label": "Chat message",
    "data-testid": "chat-input",
  });
  private readonly to = h("select", { "aria-label": "Send to", id: "chat-to" });
  private toKey = "";
  private readonly people = h("div");

  constructor(private readonly c: Controller) {
    const form = h(
      "form",
      {
        class: "stack",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = this.input.value.trim();
          if (!text) return;
          this.c.send("chat", this.to.value ? { text, to: this.to.value } : { text });
          this.input.value = "";
        },
      },
      h(
        "div",
        { class: "row" },
        h("div", { class: "grow" }, this.input),
        h("button", { class: "btn small", type: "submit", "data-testid": "chat-send" }, "Send"),
      ),
      h(
        "div",
        { class: "row" },
        h("label", { for: "chat-to", style: "margin:0" }, "To"),
        h("div", { class: "grow" }, this.to),
      ),
    );
    this.el.append(
      this.log,
      form,
      h("details", { class: "people-box" }, h("summary", {}, "People at the table"), this.people),
    );
  }

  update(s: AppState): void {
    const pub = s.view?.public;
    const seats = pub?.seats ?? [];
    const key = seats.map((x) => x.id).join();
    if (key !== this.toKey) {
      this.toKey = key;
      this.to.replaceChildren(
        h("option", { value: "" }, "Everyone"),
        ...seats
          .filter((x) => x.id !== s.seat?.seat)
          .map((x) => h("option", { value: x.id }, `${x.name} (private)`)),
      );
    }
    renderIf(this.people, peopleKey(s.table, s.playerId), () => [
      peopleList(this.c, s.table, s.playerId),
    ]);
    renderIf(this.log, String(s.chat.length), () =>
      s.chat.length === 0
        ? [
            h(
              "p",
              { class: "fineprint" },
              "No messages yet. Negotiate an accord, or call out a lab.",
            ),
          ]
        : s.chat
            .slice(-50)
            .map((m: ServerMessages["chat"]) =>
              h(
                "div",
                {},
                h("span", { class: "from" }, m.from),
                m.to ? h("span", { class: "tag" }, "private") : null,
                ": ",
                m.text,
              ),
            ),
    );
  }
}
