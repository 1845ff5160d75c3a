/**
 * The facilitator's screens as data, without the DOM: what each format means, a role mix as
 * seats, each table's clock, markers, odds and truth as the cockpit shows them, the welfare
 * and economy history kept across polls, and the answers to commands in words. Pure.
 */
import { isRegulationId, REGULATIONS } from "../../../shared/regulations";
import {
  ATTRACTORS,
  type Attractor,
  ENDING_LABEL,
  ENDINGS,
  type Ending,
  ROLES,
  type Role,
} from "../../../shared/vocabulary";
import type {
  CockpitRegulation,
  CockpitSeat,
  CockpitStudent,
  ControlAnswer,
  FormatMinutes,
  LiveTable,
  OddsPoint,
  TableStart,
} from "../../../shared/workshop";
import { ATTRACTOR_INFO } from "./attractors";
import { clock, PHASE_LABEL } from "./format";
import { plainText } from "./glossary";
import { indexOf } from "./scale";

/** What each lesson length gives, in a line. */
export const FORMAT_TEXT: Record<FormatMinutes, string> = {
  45: "8 short rounds, about 23 minutes of play. Time for a short briefing and a 15-minute talk after.",
  90: "12 rounds of about 5 minutes, about an hour of play. Pause twice to ask what the score misses.",
  180: "16 rounds of about 7 minutes, about 2 hours of play. Room for a break and talks between rounds.",
};

/** What a workshop's student reads (their reading grade is tested). */
export const STUDENT_TEXT = {
  nickname:
    "Nothing personal: keep the name we picked or make one up. Do not use your real name. The nickname is all the game keeps.",
  askHelp: "Lets the facilitator know you need help. Nobody at your table sees it.",
  helpAsked: "The facilitator can see that you asked. Click again if you no longer need help.",
  helpSeen: "The facilitator can see your call.",
  lobby:
    "The facilitator starts the game for every table. Until then, read how to play or take the tour.",
} as const;

/** The seats of a role mix (governments first), or what is wrong with it in words. */
export function roleMix(counts: Readonly<Record<Role, number>>): Role[] | string {
  for (const r of ROLES) {
    const n = counts[r];
    if (!Number.isInteger(n) || n < 1)
      return `Every table needs at least one ${ROLE_WORDS[r].one}.`;
  }
  const total = ROLES.reduce((sum, r) => sum + counts[r], 0);
  if (total < 3 || total > 9) return `A table has 3 to 9 seats; this mix has ${total}.`;
  return ROLES.flatMap((r) => Array.from({ length: counts[r] }, () => r));
}

/** Each role's name for one seat and for several. */
export const ROLE_WORDS: Record<Role, { one: string; many: string }> = {
  government: { one: "government", many: "governments" },
  lab: { one: "AI lab", many: "AI labs" },
  company: { one: "company", many: "companies" },
};

/** "6 seats a table: 2 governments, 2 AI labs, 2 companies." */
export function seatsText(seats: readonly Role[]): string {
  const parts = ROLES.map((r) => {
    const n = seats.filter((s) => s === r).length;
    return n === 0 ? null : `${n} ${n === 1 ? ROLE_WORDS[r].one : ROLE_WORDS[r].many}`;
  }).filter((p): p is string => p !== null);
  return `${seats.length} seats a table: ${parts.join(", ")}. Bots play every seat no student takes.`;
}

export function endingText(ending: Ending): string {
  return plainText(ENDING_LABEL[ending]);
}

/** The table's stage and clock in words: "Act · 1:23", "Paused · Act · 1:23", "Ended: …". */
export function clockText(t: LiveTable, elapsedMs = 0): string {
  if (t.stage === "lobby") return "Not started";
  if (t.stage === "ended" || t.phase === "ended")
    return t.truth?.ending ? `Ended: ${endingText(t.truth.ending)}` : "Ended";
  const phase = t.phase ? PHASE_LABEL[t.phase] : "";
  const left =
    t.remainingMs === null ? "" : clock(t.paused ? t.remainingMs : t.remainingMs - elapsedMs);
  return [t.paused ? "Paused" : null, phase, left].filter(Boolean).join(" · ");
}

export function roundText(t: LiveTable): string {
  return t.stage === "lobby" ? `${t.rounds} rounds` : `Round ${t.round} of ${t.rounds}`;
}

export type MarkKind = "help" | "offline" | "idle" | "online" | "bot";

export interface SeatMark {
  readonly kind: MarkKind;
  readonly text: string;
}

/** What the cockpit shows of a seat: who plays it and how they are. */
export function seatMarks(seat: CockpitSeat): SeatMark[] {
  // No student: a bot plays it (or will, once the game starts).
  if (!seat.student) return [{ kind: "bot", text: "bot" }];
  const marks: SeatMark[] = [];
  if (seat.help) marks.push({ kind: "help", text: "asks for help" });
  if (!seat.connected)
    marks.push({ kind: "offline", text: seat.bot ? "away (a bot plays)" : "not connected" });
  else if (seat.idle) marks.push({ kind: "idle", text: "idle" });
  else marks.push({ kind: "online", text: "connected" });
  return marks;
}

export function studentMarks(s: CockpitStudent): SeatMark[] {
  const marks: SeatMark[] = [];
  if (s.help) marks.push({ kind: "help", text: "asks for help" });
  if (!s.connected) marks.push({ kind: "offline", text: "not connected" });
  else if (s.idle) marks.push({ kind: "idle", text: "idle" });
  else marks.push({ kind: "online", text: "connected" });
  return marks;
}

/** Where a student is: "table K3P7Q, seat G1", "watching K3P7Q", "waiting for a table". */
export function placeOf(s: CockpitStudent): string {
  if (!s.table) return "waiting for a table";
  if (s.watching || !s.seat) return `watching ${s.table}`;
  return `${s.table} · ${s.seat}`;
}

export interface OddsSegment {
  readonly ending: Ending;
  readonly label: string;
  readonly share: number;
  readonly colour: string;
  /** Whether it is one of the four traps (drawn hatched). */
  readonly trap: boolean;
}

const ENDING_COLOUR: Record<Ending, string> = {
  misuse: ATTRACTOR_INFO.misuse.colour,
  centralisation: ATTRACTOR_INFO.centralisation.colour,
  goodhart_lockin: ATTRACTOR_INFO.goodhart.colour,
  takeover: ATTRACTOR_INFO.takeover.colour,
  flourishing: "#009E73",
  muddling: "#8396B8",
  dystopia: "#F0E442",
};

/** The endings' shares as a stacked bar, in a fixed order, the empty ones left out. */
export function oddsSegments(odds: OddsPoint): OddsSegment[] {
  return ENDINGS.filter((e) => (odds.shares[e] ?? 0) > 0).map((e) => ({
    ending: e,
    label: endingText(e),
    share: odds.shares[e] ?? 0,
    colour: ENDING_COLOUR[e],
    trap: e === "misuse" || e === "centralisation" || e === "goodhart_lockin" || e === "takeover",
  }));
}

/** "Odds from here (round 4, 300 runs): Flourishing 40%, Muddling through 35%, …". */
export function oddsText(odds: OddsPoint): string {
  const parts = oddsSegments(odds)
    .sort((a, b) => b.share - a.share)
    .map((s) => `${s.label} ${Math.round(s.share * 100)}%`);
  return `Odds from here: ${odds.runs} runs at the start of round ${odds.round}. ${parts.join(", ")}.`;
}

export interface RiskBar {
  readonly attractor: Attractor;
  readonly label: string;
  /** The true risk, 0 to 100 (it tips at the scenario's tipping point). */
  readonly level: number;
  readonly colour: string;
}

export function riskBars(risks: Readonly<Record<Attractor, number>>): RiskBar[] {
  return ATTRACTORS.map((a) => ({
    attractor: a,
    label: ATTRACTOR_INFO[a].short,
    level: Math.max(0, Math.min(100, risks[a] ?? 0)),
    colour: ATTRACTOR_INFO[a].colour,
  }));
}

export function regulationName(id: string): string {
  return isRegulationId(id) ? plainText(REGULATIONS[id].name) : id;
}

export interface LawChip {
  readonly label: string;
  readonly title: string;
}

/**
 * The laws in force, one chip a law: a national law passed in several blocs is one chip naming
 * the governments that proposed it; an accord says so.
 */
export function lawChips(regs: readonly CockpitRegulation[]): LawChip[] {
  const groups = new Map<string, CockpitRegulation[]>();
  for (const r of regs) {
    const key = `${r.id}|${r.scope === "accord" ? "accord" : "national"}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const first = rs[0]!;
    const name = regulationName(first.id);
    const where = first.scope === "accord" ? "accord" : rs.map((r) => r.proposer).join(", ");
    const rounds = [...new Set(rs.map((r) => r.passedRound))].join(", ");
    return {
      label: `${name} (${where})`,
      title: `Passed in round ${rounds}${first.scope === "accord" ? ", by every government" : ""}.`,
    };
  });
}

/** One point of a table's history: its true welfare and its economy after a round. */
export interface TruthPoint {
  readonly round: number;
  readonly welfare: number;
  readonly proxy: number;
}

/** Tables' histories by table code, as seen across polls. */
export type TruthSeries = Readonly<Record<string, readonly TruthPoint[]>>;

/** Adds (or replaces) the point of this round in the table's history. */
export function recordTruth(series: TruthSeries, code: string, point: TruthPoint): TruthSeries {
  const before = series[code] ?? [];
  const last = before[before.length - 1];
  if (
    last &&
    last.round === point.round &&
    last.welfare === point.welfare &&
    last.proxy === point.proxy
  )
    return series;
  const rest = before.filter((p) => p.round !== point.round);
  const next = [...rest, point].sort((a, b) => a.round - b.round).slice(-40);
  return { ...series, [code]: next };
}

/** A history read back from storage: only well-formed points are kept. */
export function parseSeries(raw: unknown): TruthSeries {
  if (!raw || typeof raw !== "object") return {};
  const out: Record<string, TruthPoint[]> = {};
  for (const [code, points] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(points)) continue;
    out[code] = points.filter(
      (p): p is TruthPoint =>
        typeof p === "object" &&
        p !== null &&
        Number.isFinite((p as TruthPoint).round) &&
        Number.isFinite((p as TruthPoint).welfare) &&
        Number.isFinite((p as TruthPoint).proxy),
    );
  }
  return out;
}

/**
 * Welfare and economy on the game's scale (the table's start = 100, as every other screen shows
 * them), beginning with the start itself; without the start (an older server), indexes of the
 * first point seen.
 */
export function indexed(
  points: readonly TruthPoint[],
  start?: TableStart | null,
): { welfare: number[]; proxy: number[] } {
  const base = start ?? points[0];
  const welfare = points.map((p) => indexOf(p.welfare, base?.welfare ?? 1));
  const proxy = points.map((p) => indexOf(p.proxy, base?.proxy ?? 1));
  return start ? { welfare: [100, ...welfare], proxy: [100, ...proxy] } : { welfare, proxy };
}

/** An SVG polyline's points for values in a box of w×h (the same scale for every line). */
export function sparkPoints(
  values: readonly number[],
  w: number,
  h: number,
  min: number,
  max: number,
): string {
  if (values.length === 0) return "";
  const span = max - min || 1;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : w / 2;
      const y = h - ((v - min) / span) * h;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

/** A command's answer in words, one line per table that refused (empty: all went well). */
export function controlProblems(answer: ControlAnswer): string[] {
  return answer.results
    .filter((r) => !r.ok)
    .map((r) => `Table ${r.table}: ${r.message ?? plainCode(r.code)}`);
}

function plainCode(code: string | undefined): string {
  switch (code) {
    case "wrong_stage":
      return "not possible at this stage of the game.";
    case "empty":
      return "no student sits there, so it was not started.";
    case "tooLate":
      return "too late: this is the last round.";
    case "gameEnded":
      return "the game has ended.";
    default:
      return code ? `refused (${code}).` : "refused.";
  }
}

/** What a table's card says about a command that worked: "Paused", "Started"… */
export const COMMAND_DONE = {
  start: "Started",
  pause: "Paused",
  resume: "Resumed",
  extend: "One more minute",
  skip: "Phase skipped",
  chat: "Chat changed",
  inject: "Crisis pushed",
  message: "Message sent",
} as const;
