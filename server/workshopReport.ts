/**
 * What a workshop's tables did, compared: the projector's tables side by side, the workshop
 * debrief (endings, welfare against its proxy, regulations and when, injects and how each table
 * answered them, the odds line, what separated the tables that flourished from those that fell,
 * five questions for the discussion) and the export of every decision. Pure functions over each
 * table's game (its state, its log, its people's nicknames); `workshops.ts` gathers them from
 * the live rooms or the saved games. Nicknames only: nothing personal is ever here.
 */
import type { Action } from "../shared/actions";
import { createGame } from "../shared/create";
import { type GameLog, type LoggedAction, Replayer } from "../shared/log";
import { REGULATIONS, type RegulationId } from "../shared/regulations";
import type { ActiveRegulation, GameState, RoundRecord, SeatId } from "../shared/state";
import { ENDING_LABEL, type Ending, isCatastrophe, type Role } from "../shared/vocabulary";
import type {
  DebriefTable,
  OddsPoint,
  ProjectorView,
  TableRound,
  TableStart,
  WorkshopExport,
} from "../shared/workshop";
import { actionDetails, figure, textCell } from "./csv";

type Stage = "lobby" | "playing" | "ended";

/** One table as the reports see it. */
export interface TableSource {
  readonly code: string;
  readonly stage: Stage;
  /** The game's state (live, or rebuilt from its saved log), or null before the start. */
  readonly state: GameState | null;
  /** The game's log (people's and bots' actions, injects), or null before the start. */
  readonly log: GameLog | null;
  /** Resolved rounds (the state's, or the saved game's when no state could be rebuilt). */
  readonly history: readonly RoundRecord[];
  /** Seat → the student's nickname (null: a bot played it). */
  readonly people: Readonly<Record<SeatId, string | null>>;
  readonly odds: readonly OddsPoint[];
  /** Every regulation the table passed, by uid, as last seen (repealed ones included). */
  readonly passed: readonly ActiveRegulation[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whether a table's game is over (its true figures may be shown). */
export function tableEnded(t: Pick<TableSource, "stage" | "state">): boolean {
  return t.stage === "ended" || t.state?.phase === "ended";
}

/** The table's rounds: index (start = 100), measured welfare, and true welfare when `truth` (levels). */
export function tableSeries(
  history: readonly RoundRecord[],
  startProxy: number,
  truth: boolean,
): TableRound[] {
  return history.map((h) => ({
    round: h.round,
    index: round2(startProxy > 0 ? (h.proxy / startProxy) * 100 : 100),
    measured: round2(h.measuredWelfare),
    welfare: truth ? round2(h.welfare) : null,
  }));
}

/** The start's levels of a table's game (its "start = 100"), or null before the start. */
export function tableStart(t: Pick<TableSource, "state" | "log">): TableStart | null {
  const s = t.state ?? (t.log ? createGame(t.log.scenario, t.log.seed, t.log.seats) : null);
  return s ? { welfare: round2(s.startWelfare), proxy: round2(s.startProxy) } : null;
}

const count = (t: TableSource, kind: string) =>
  t.state ? t.state.chronicle.filter((e) => e.kind === kind).length : 0;

/** One table on the workshop projector (true welfare and the ending only once it ended). */
export function projectorTable(
  t: TableSource,
  clock: {
    round: number;
    rounds: number;
    phase: ProjectorView["tables"][number]["phase"];
    remainingMs: number | null;
    paused: boolean;
    students: number;
  },
): ProjectorView["tables"][number] {
  const ended = tableEnded(t);
  const start = tableStart(t);
  return {
    code: t.code,
    stage: t.stage,
    ...clock,
    ending: ended ? (t.state?.ending ?? null) : null,
    series: tableSeries(t.history, start?.proxy ?? 0, ended),
    start,
    // Every enactment is in the game's news ("passed"); without a state, the ones rebuilt.
    regulationsPassed: t.state ? count(t, "passed") : t.passed.length,
    closeCalls: count(t, "closeCall"),
    incidents: count(t, "incident"),
  };
}

/**
 * Replays a log up to `rounds` resolved rounds (or its end), calling `seen` after every step:
 * a saved game rebuilt without playing on past what was played. Throws what replay throws.
 */
export function replayRounds(
  log: GameLog,
  rounds: number,
  seen: (state: GameState) => void = () => undefined,
): GameState {
  const r = new Replayer(log);
  seen(r.state);
  while (r.state.phase !== "ended" && r.state.history.length < rounds) {
    r.enter();
    r.advance();
    seen(r.state);
  }
  return r.state;
}

/** Every regulation a game passed (by uid, the last version seen), replaying its log. */
export function passedRegulations(
  log: GameLog | null,
  state: GameState | null,
  rounds: number,
): ActiveRegulation[] {
  const byUid = new Map<number, ActiveRegulation>();
  const keep = (s: GameState) => {
    for (const r of s.regulations) byUid.set(r.uid, r);
  };
  if (log) {
    try {
      replayRounds(log, rounds, keep);
    } catch (error) {
      console.error("[workshops] a table's log did not replay:", error);
    }
  }
  if (state) keep(state);
  return [...byUid.values()].sort((a, b) => a.passedRound - b.passedRound || a.uid - b.uid);
}

// Words.

const regName = (id: string) =>
  Object.hasOwn(REGULATIONS, id) ? REGULATIONS[id as RegulationId].name : id;

/** "setStrategy" → "set strategy". */
const words = (type: string) => type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** An action in plain words: "propose Antitrust enforcement (regulation=antitrust; strength=2; accord=false)". */
export function actionWords(action: Action): string {
  const fields = action as unknown as Record<string, unknown>;
  // A proposal names its rule by id; the rule's name is the words (an evasion names a uid).
  const reg = typeof fields.regulation === "string" ? ` ${regName(fields.regulation)}` : "";
  const details = actionDetails(action);
  return `${words(action.type)}${reg}${details ? ` (${details})` : ""}`;
}

/** The seats of a game: id, role and name, as its scenario and seat list made them. */
function seatsOf(log: GameLog): GameState["seats"] {
  return createGame(log.scenario, log.seed, log.seats).seats;
}

function who(t: TableSource, seat: SeatId, seats: GameState["seats"]): string {
  const s = seats.find((x) => x.id === seat);
  const nickname = t.people[seat] ?? null;
  const name = s ? `${s.name}, ${seat}` : seat;
  return nickname ? `${nickname} (${name})` : `the bot of ${name}`;
}

const MAX_ANSWERS = 30;

/** One table of the workshop debrief. */
export function debriefTable(t: TableSource): DebriefTable {
  const state = t.state;
  const ended = tableEnded(t);
  const seats = t.log ? seatsOf(t.log) : (state?.seats ?? []);
  const crises = (state?.chronicle ?? []).filter((e) => e.kind === "crisis" && e.inject);
  const actions = t.log?.actions ?? [];
  const start = tableStart(t);
  return {
    code: t.code,
    stage: t.stage,
    ending: ended ? (state?.ending ?? null) : null,
    endRound: ended ? (t.history.at(-1)?.round ?? state?.round ?? null) : null,
    people: seats.map((s) => ({ seat: s.id, role: s.role, nickname: t.people[s.id] ?? null })),
    series: tableSeries(t.history, start?.proxy ?? 0, true),
    start,
    regulations: t.passed.map((r) => ({
      id: r.reg,
      strength: r.strength,
      scope: r.scope,
      proposer: r.proposer,
      passedRound: r.passedRound,
      endsRound: r.endsRound,
    })),
    injects: crises.map((e) => {
      const id = e.inject!;
      const title = state?.scenario.injects.find((i) => i.id === id)?.title ?? id;
      // Moves other than the sliders every seat sets each round: what the table chose to do.
      const answers = actions
        .filter((a) => a.round === e.round || a.round === e.round + 1)
        .filter((a) => a.action.type !== "setStrategy")
        .slice(0, MAX_ANSWERS)
        .map(
          (a) =>
            `Round ${a.round}, ${a.phase}: ${who(t, a.seat, seats)} chose to ${actionWords(a.action)}.`,
        );
      return { round: e.round, inject: id, title, answers };
    }),
    odds: [...t.odds],
  };
}

/**
 * The endings as every screen names them: the client's `plainText(ENDING_LABEL[e])` (its
 * glossary calls "Goodhart lock-in" the "Numbers trap"). The server may not import the client,
 * so the names are here; tests/server/workshopReport.test.ts keeps the two the same.
 */
export const ENDING_WORDS: Readonly<Record<Ending, string>> = {
  ...ENDING_LABEL,
  goodhart_lockin: "Numbers trap",
  dystopia: "Hollow growth",
};

/**
 * A level on the game's scale, the start = 100, as a whole number: the same figure as the
 * client's `indexText(indexOf(level, start))` (client/src/model/scale.ts; the test checks it).
 */
export function onStartScale(level: number, start: TableStart | null): string {
  const x = start && start.welfare !== 0 ? (level / start.welfare) * 100 : level;
  return Number.isFinite(x) ? String(Math.round(x)) : "–";
}

/** How well an ending went: 2 flourishing, 1 muddling through, 0 a catastrophe or a dystopia. */
function rank(ending: Ending): number {
  if (ending === "flourishing") return 2;
  if (ending === "muddling") return 1;
  return isCatastrophe(ending) || ending === "dystopia" ? 0 : 1;
}

/** The ended tables that did best and worst by their ending (null when all ended alike). */
function bestAndWorst(
  tables: readonly DebriefTable[],
): { best: DebriefTable[]; worst: DebriefTable[] } | null {
  const ended = tables.filter((t) => t.ending !== null);
  if (ended.length < 2) return null;
  const ranks = ended.map((t) => rank(t.ending!));
  const top = Math.max(...ranks);
  const bottom = Math.min(...ranks);
  if (top === bottom) return null;
  return {
    best: ended.filter((t) => rank(t.ending!) === top),
    worst: ended.filter((t) => rank(t.ending!) === bottom),
  };
}

const list = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;

/** When a table first passed each regulation: id → round. */
function firstPassed(t: DebriefTable): Map<string, number> {
  const first = new Map<string, number>();
  for (const r of t.regulations)
    if (!first.has(r.id) || first.get(r.id)! > r.passedRound) first.set(r.id, r.passedRound);
  return first;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** A number of laws in words: "no laws", "1 law", "3 laws". */
const laws = (n: number) => (n === 0 ? "no laws" : n === 1 ? "1 law" : `${n} laws`);

/** A table's last round with true welfare, and how far measured welfare ran ahead (start = 100). */
function lastGap(t: DebriefTable): { measured: string; welfare: string; gap: number } | null {
  const last = t.series.at(-1);
  if (!last || last.welfare === null) return null;
  const measured = onStartScale(last.measured, t.start);
  const welfare = onStartScale(last.welfare, t.start);
  return { measured, welfare, gap: Number(measured) - Number(welfare) };
}

/** Plain sentences on what separated the tables that flourished from those that fell. */
export function separatedSentences(tables: readonly DebriefTable[]): string[] {
  const played = tables.filter((t) => t.series.length > 0);
  if (played.length === 0)
    return ["No table has played a round yet, so there is nothing to compare."];
  const ended = played.filter((t) => t.ending !== null);
  const out: string[] = [];
  for (const t of ended)
    out.push(`Table ${t.code} ended in round ${t.endRound}: ${ENDING_WORDS[t.ending!]}.`);
  const open = tables.filter((t) => t.ending === null).map((t) => t.code);
  if (open.length > 0)
    out.push(
      `${open.length === 1 ? "Table" : "Tables"} ${list(open)} had not ended yet: ${open.length === 1 ? "its" : "their"} outcome is still open.`,
    );
  const firstRounds = (ts: readonly DebriefTable[]) =>
    ts.flatMap((t) => [...firstPassed(t).values()]);
  const split = bestAndWorst(ended);
  if (split) {
    const { best, worst } = split;
    const better =
      best.length === 1
        ? `the table that did better (${best[0]!.code})`
        : "the tables that did better";
    const lower =
      worst.length === 1
        ? `the table that did worse (${worst[0]!.code})`
        : "the tables that did worse";
    const bestRegs = new Set(best.flatMap((t) => t.regulations.map((r) => r.id)));
    const worstRegs = new Set(worst.flatMap((t) => t.regulations.map((r) => r.id)));
    const onlyBest = [...bestRegs].filter((r) => !worstRegs.has(r)).map(regName);
    const onlyWorst = [...worstRegs].filter((r) => !bestRegs.has(r)).map(regName);
    if (onlyBest.length > 0) out.push(`Only ${better} passed ${list(onlyBest)}.`);
    if (onlyWorst.length > 0)
      out.push(
        `Only ${lower} passed ${list(onlyWorst)}. On ${onlyWorst.length === 1 ? "its" : "their"} own, ${onlyWorst.length === 1 ? "it was" : "they were"} not enough.`,
      );
    // Whole laws: over several tables, the average rounded ("about 2 laws each"). Said only
    // when some table passed one: "passed no laws, the other no laws" tells nothing.
    const each = (ts: readonly DebriefTable[]) => {
      const n = avg(ts.map((t) => t.regulations.length));
      if (ts.length === 1) return laws(n);
      if (n === 0) return "no laws";
      return Math.round(n) === 0 ? "almost no laws" : `about ${laws(Math.round(n))} each`;
    };
    const passedAny = [...best, ...worst].some((t) => t.regulations.length > 0);
    if (passedAny)
      out.push(`${capital(better)} passed ${each(best)}. ${capital(lower)} passed ${each(worst)}.`);
    const rr = firstRounds(best);
    const fr = firstRounds(worst);
    if (rr.length > 0 && fr.length > 0) {
      const [early, late] = [Math.round(avg(rr)), Math.round(avg(fr))];
      out.push(
        early < late
          ? `${capital(better)} passed ${best.length === 1 ? "its" : "their"} laws around round ${early}, and ${lower} around round ${late}. Acting early mattered.`
          : `${capital(better)} passed ${best.length === 1 ? "its" : "their"} laws around round ${early}, and ${lower} around round ${late}. Timing alone did not decide it.`,
      );
    }
  } else if (ended.length > 1) {
    const labels = [...new Set(ended.map((t) => ENDING_WORDS[t.ending!]))];
    out.push(
      `${labels.length === 1 ? `Every table that ended did so in ${labels[0]}` : `The tables ended in ${list(labels)}, which went about as badly`}. The endings do not tell them apart, so look at how far measured and true well-being drifted apart.`,
    );
  }
  for (const t of played) {
    const gap = lastGap(t);
    if (gap && gap.gap > 5)
      out.push(
        `At table ${t.code}, measured well-being ended at ${gap.measured} but true well-being at ${gap.welfare} (start = 100). What was measured was not what mattered.`,
      );
  }
  for (const t of played)
    for (const i of t.injects) {
      const answered = t.regulations.filter(
        (r) => r.passedRound === i.round || r.passedRound === i.round + 1,
      );
      out.push(
        answered.length > 0
          ? `In round ${i.round}, "${i.title}" struck table ${t.code}. The table answered by passing ${list(answered.map((r) => regName(r.id)))}.`
          : `Table ${t.code} passed no law when "${i.title}" struck in round ${i.round}, nor in the round after.`,
      );
    }
  if (played.length === 1)
    out.push(
      "With one table there is no other to compare. Compare it with what the players expected.",
    );
  return out;
}

/** Exactly five discussion questions, drawn from what happened at the tables. */
export function discussionQuestions(tables: readonly DebriefTable[]): string[] {
  const played = tables.filter((t) => t.series.length > 0);
  const q: string[] = [];
  const ended = played.filter((t) => t.ending !== null);
  const split = bestAndWorst(ended);
  const rose = split?.best[0];
  const fell = split?.worst[0];
  if (rose && fell)
    q.push(
      `Table ${rose.code} ended: ${ENDING_WORDS[rose.ending!]}. Table ${fell.code} ended: ${ENDING_WORDS[fell.ending!]}. What did one table do that the other did not?`,
    );
  else if (ended[0])
    q.push(
      `Table ${ended[0].code} ended: ${ENDING_WORDS[ended[0].ending!]}. When did you first see it coming?`,
    );
  const drift = played
    .map((t) => ({ t, gap: lastGap(t) }))
    .filter((x) => x.gap !== null)
    .sort((a, b) => b.gap!.gap - a.gap!.gap)[0];
  if (drift)
    q.push(
      `At table ${drift.t.code}, measured well-being ended at ${drift.gap!.measured} and true well-being at ${drift.gap!.welfare} (start = 100). When did they part ways, and who noticed?`,
    );
  const regs = played.flatMap((t) => t.regulations.map((r) => ({ t, r })));
  if (regs.length > 0) {
    const first = regs.sort((a, b) => a.r.passedRound - b.r.passedRound)[0]!;
    q.push(
      `Table ${first.t.code} passed ${regName(first.r.id)} in round ${first.r.passedRound}. Who pushed for it, who paid for it, and did it do what it promised?`,
    );
  }
  const inject = played.flatMap((t) => t.injects.map((i) => ({ t, i })))[0];
  if (inject)
    q.push(
      `When "${inject.i.title}" struck table ${inject.t.code} in round ${inject.i.round}, what did the table do? What would you do now?`,
    );
  const none = played.find((t) => t.regulations.length === 0);
  if (none) q.push(`Table ${none.code} passed no laws. What stood in the way?`);
  const generic = [
    "What did your table's score reward, and what did it leave out?",
    "Which risk came closest to tipping, and who was pushing it?",
    "Which law looked good but did little?",
    "What would you change if you played again, knowing what you know now?",
    "Who gained most from the measured numbers looking good?",
  ];
  for (const g of generic) if (q.length < 5 && !q.includes(g)) q.push(g);
  return q.slice(0, 5);
}

// The export.

/** One row of the whole workshop's export: a decision, an inject, a round's figures, or a table. */
export interface ExportRow {
  readonly table: string;
  readonly round: number;
  readonly phase: string;
  readonly seat: SeatId | null;
  readonly role: Role | null;
  /** The student's nickname, "bot", "facilitator" for an inject, "" for a round or table row. */
  readonly player: string;
  /** The action's type, "inject", "round" (a resolved round's figures) or "table" (no round yet). */
  readonly action: string;
  readonly words: string;
  readonly json: string;
  /** On a "round" row: the round's figures on the game's scale (start = 100), to 1 decimal. */
  readonly economy_score: number | null;
  readonly measured_wellbeing: number | null;
  readonly true_wellbeing: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A level on the start = 100 scale, to 1 decimal (the raw level when the start is unknown). */
const scaled = (level: number, start: TableStart | null) =>
  round1(start && start.welfare !== 0 ? (level / start.welfare) * 100 : level);

/** Each resolved round's figures, or one row saying the table has none yet: every table shows. */
function tableRows(t: TableSource): ExportRow[] {
  const start = tableStart(t);
  const blank = { seat: null, role: null, player: "", json: "" };
  const series = tableSeries(t.history, start?.proxy ?? 0, true);
  if (series.length === 0)
    return [
      {
        ...blank,
        table: t.code,
        round: 0,
        phase: "",
        action: "table",
        words:
          t.stage === "lobby"
            ? `Table ${t.code} has not started.`
            : `Table ${t.code} has not finished a round yet.`,
        json: JSON.stringify({ type: "table", stage: t.stage }),
        economy_score: null,
        measured_wellbeing: null,
        true_wellbeing: null,
      },
    ];
  return series.map((r) => {
    const figures = {
      economy_score: round1(r.index),
      measured_wellbeing: scaled(r.measured, start),
      true_wellbeing: r.welfare === null ? null : scaled(r.welfare, start),
    };
    return {
      ...blank,
      table: t.code,
      round: r.round,
      phase: "resolve",
      action: "round",
      words: `Round ${r.round} ended: economy score ${Math.round(figures.economy_score)}, measured well-being ${Math.round(figures.measured_wellbeing)}${figures.true_wellbeing === null ? "" : `, true well-being ${Math.round(figures.true_wellbeing)}`} (start = 100).`,
      json: JSON.stringify({ type: "round", ...figures }),
      ...figures,
    };
  });
}

/**
 * Every table's rows, by table, round and phase order: each action in its log and each inject
 * pushed (in the order taken), then the round's figures; a table with no round yet has one row.
 */
export function exportRows(tables: readonly TableSource[]): ExportRow[] {
  const rows: ExportRow[] = [];
  const none = { economy_score: null, measured_wellbeing: null, true_wellbeing: null };
  for (const t of tables) {
    rows.push(...tableRows(t));
    if (!t.log) continue;
    const seats = seatsOf(t.log);
    const actionRow = (a: LoggedAction): ExportRow => ({
      table: t.code,
      round: a.round,
      phase: a.phase,
      seat: a.seat,
      role: seats.find((s) => s.id === a.seat)?.role ?? null,
      player: t.people[a.seat] ?? "bot",
      action: a.action.type,
      words: actionWords(a.action),
      json: JSON.stringify(rounded(a.action)),
      ...none,
    });
    const injectRows: ExportRow[] = (t.log.injects ?? []).map((i) => ({
      table: t.code,
      round: i.round,
      phase: i.phase,
      seat: null,
      role: null,
      player: "facilitator",
      action: "inject",
      words: `push the crisis ${t.log!.scenario.injects.find((x) => x.id === i.inject)?.title ?? i.inject}`,
      json: JSON.stringify({ type: "inject", inject: i.inject }),
      ...none,
    }));
    rows.push(...t.log.actions.map(actionRow), ...injectRows);
  }
  // A round's figures come after everything done in it.
  const phaseRank = (r: ExportRow) =>
    r.action === "round" ? 4 : ["news", "act", "legislate", "resolve"].indexOf(r.phase);
  // Stable: a table's actions keep their logged order within a round and phase.
  return rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        tables.findIndex((t) => t.code === a.r.table) -
          tables.findIndex((t) => t.code === b.r.table) ||
        a.r.round - b.r.round ||
        phaseRank(a.r) - phaseRank(b.r) ||
        a.i - b.i,
    )
    .map((x) => x.r);
}

/** The CSV's columns: the first nine as before, then a round row's figures (start = 100). */
export const EXPORT_COLUMNS = [
  "table",
  "round",
  "phase",
  "seat",
  "role",
  "player",
  "action",
  "words",
  "json",
  "economy_score",
  "measured_wellbeing",
  "true_wellbeing",
] as const;

/** The export as CSV: one header, one row per decision, inject, round or quiet table. */
export function exportCsv(rows: readonly ExportRow[]): string {
  const cell = (v: string | number | null) =>
    v === null ? "" : typeof v === "number" ? figure(v) : textCell(v);
  const lines = rows.map((r) => EXPORT_COLUMNS.map((c) => cell(r[c])).join(","));
  return `${[EXPORT_COLUMNS.join(","), ...lines].join("\n")}\n`;
}

/** A value with every number in it rounded to 3 decimals (for the JSON export). */
function rounded(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toFixed(3)) : null;
  if (Array.isArray(v)) return v.map(rounded);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
  return v;
}

/**
 * The JSON export: every table (a quiet one too, with no rounds), its start levels, its rounds,
 * and each round's decisions in words and as data.
 */
export function exportJson(
  workshop: { code: string; scenario: string; exportedAt: number },
  tables: readonly TableSource[],
  debriefs: readonly DebriefTable[],
): WorkshopExport {
  const rows = exportRows(tables).filter((r) => r.action !== "round" && r.action !== "table");
  return {
    workshop: workshop.code,
    scenario: workshop.scenario,
    exportedAt: workshop.exportedAt,
    tables: debriefs.map((d) => {
      const mine = rows.filter((r) => r.table === d.code);
      const rounds = [...new Set([...d.series.map((s) => s.round), ...mine.map((r) => r.round)])];
      return {
        table: d.code,
        stage: d.stage,
        ending: d.ending,
        endRound: d.endRound,
        people: d.people,
        start: d.start,
        rounds: rounds
          .sort((a, b) => a - b)
          .map((round) => ({
            round,
            ...(d.series.find((s) => s.round === round) ?? {}),
            decisions: mine
              .filter((r) => r.round === round)
              .map((r) => ({
                phase: r.phase,
                seat: r.seat,
                role: r.role,
                player: r.player,
                action: r.action,
                words: r.words,
                data: JSON.parse(r.json) as unknown,
              })),
          })),
      };
    }),
  };
}
