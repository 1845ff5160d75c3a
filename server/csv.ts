/**
 * A saved game as CSV, for a spreadsheet: `roundsCsv` has one row per resolved round (public
 * figures always, true welfare and risks only after the end), `decisionsCsv` one row per
 * logged action (every seat's, people's and bots', by round and phase; only after the end,
 * since other seats' moves are hidden during play). Figures are rounded to at most three
 * decimals; text cells are quoted when they must be, and a cell that a spreadsheet would read
 * as a formula starts with an apostrophe.
 */
import type { Action } from "../shared/actions";
import { PERSONALITY_LABEL } from "../shared/bots/personalities";
import { createGame } from "../shared/create";
import { ATTRACTORS, WELFARE_DIMS } from "../shared/vocabulary";
import type { SavedGame } from "./store";

/** Decimal places kept in a figure: 106.4372918 → 106.437, 0.18000000000000002 → 0.18. */
export const CSV_DECIMALS = 3;

/** A number as a CSV cell: rounded to `CSV_DECIMALS`, never in exponent notation, never -0. */
export function figure(x: number): string {
  if (!Number.isFinite(x)) return "";
  const rounded = Number(x.toFixed(CSV_DECIMALS));
  return rounded === 0 ? "0" : String(rounded);
}

/** A text as a CSV cell (RFC 4180 quoting; a leading = + - @ or tab is defused). */
export function textCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return figure(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return textCell(v);
}

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header.join(","), ...rows.map((r) => r.join(","))].join("\n")}\n`;
}

const PUBLIC_COLUMNS = [
  "round",
  "year",
  "proxy",
  "measured_welfare",
  "measured_noise",
  "capability",
  "pressure",
  "visible_safety",
  "regulations",
] as const;
const TRUE_COLUMNS = [
  "welfare",
  ...ATTRACTORS.map((a) => `risk_${a}`),
  ...WELFARE_DIMS.map((d) => `dim_${d}`),
];

/** One row per round: public figures always, true welfare and risks only after the end. */
export function roundsCsv(game: SavedGame): string {
  const ended = game.status === "ended";
  const rows = game.history.map((r) => {
    const pub = [
      r.round,
      game.log.scenario.startYear + r.round - 1,
      r.proxy,
      r.measuredWelfare,
      r.measuredNoise,
      r.capability,
      r.pressure,
      r.visibleSafety,
      r.regulations,
    ].map(cell);
    const truth = ended ? [r.welfare, ...r.risks, ...r.dims].map(cell) : TRUE_COLUMNS.map(() => "");
    return [...pub, ...truth];
  });
  return csv([...PUBLIC_COLUMNS, ...TRUE_COLUMNS], rows);
}

export const DECISION_COLUMNS = [
  "round",
  "year",
  "phase",
  "seat",
  "seat_name",
  "role",
  "played_by",
  "player",
  "action",
  "details",
] as const;

/** A field's value: numbers rounded, lists joined with `/`, records as `name:value` with `/`. */
function shownValue(v: unknown): string {
  if (typeof v === "number") return figure(v);
  if (Array.isArray(v)) return v.map(shownValue).join("/");
  if (v !== null && typeof v === "object")
    return Object.entries(v)
      .map(([k, x]) => `${k}:${shownValue(x)}`)
      .join("/");
  return String(v);
}

/** An action's fields other than its type, as `name=value` pairs joined with "; ". */
export function actionDetails(action: Action): string {
  return Object.entries(action)
    .filter(([k]) => k !== "type")
    .map(([k, v]) => `${k}=${shownValue(v)}`)
    .join("; ");
}

/**
 * One row per logged action, in the order taken. `played_by` is "person" for a move a person
 * made, "stand-in" for one a bot made for the person who holds the seat while they were away,
 * and "bot" for a bot's seat; `player` is the person's name (for a stand-in, the person it
 * stood in for) or the bot's personality.
 */
export function decisionsCsv(game: SavedGame): string {
  const { log } = game;
  // The seats' ids and names as the game made them from its scenario and seat list.
  const seats = createGame(log.scenario, log.seed, log.seats).seats;
  const rows = log.actions.map((a) => {
    const seat = seats.find((s) => s.id === a.seat);
    const person = game.people[a.seat] ?? null;
    const bot = log.personalities[a.seat];
    return [
      cell(a.round),
      cell(log.scenario.startYear + a.round - 1),
      cell(a.phase),
      cell(a.seat),
      cell(seat?.name ?? ""),
      cell(seat?.role ?? ""),
      cell(person === null ? "bot" : a.standIn ? "stand-in" : "person"),
      cell(person ?? (bot ? PERSONALITY_LABEL[bot] : "")),
      cell(a.action.type),
      cell(actionDetails(a.action)),
    ];
  });
  return csv(DECISION_COLUMNS, rows);
}
