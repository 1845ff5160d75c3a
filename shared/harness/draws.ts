/**
 * Skill, not the draw (DESIGN.md section 10, target 7): endings by the combination of lab
 * personalities and of company personalities at the table, and how well the draw alone
 * predicts the ending (the area under the ROC curve of each draw's ending rate, fitted on
 * half the games and scored on the other half).
 */
import type { GameRecord } from "../selfplay";
import type { SeatId } from "../state";
import { isCatastrophe, type Role } from "../vocabulary";

export interface ComboRow {
  /** The personalities of the role's seats, sorted and joined by "+". */
  readonly combo: string;
  readonly games: number;
  readonly flourishing: number;
  readonly catastrophe: number;
}

export interface DrawFigures {
  readonly games: number;
  readonly lab: ComboRow[];
  readonly company: ComboRow[];
  /** Out-of-sample AUC of the draw's rate, for a catastrophe and for Flourishing. */
  readonly aucCatastrophe: number;
  readonly aucFlourishing: number;
}

function comboOf(rec: GameRecord, role: Role): string {
  return (Object.keys(rec.ranks) as SeatId[])
    .filter((s) => rec.ranks[s]!.role === role)
    .map((s) => rec.personalities[s] ?? "?")
    .sort()
    .join("+");
}

function comboTable(records: readonly GameRecord[], role: Role): ComboRow[] {
  const rows = new Map<string, { games: number; flourishing: number; catastrophe: number }>();
  for (const rec of records) {
    const key = comboOf(rec, role);
    const row = rows.get(key) ?? { games: 0, flourishing: 0, catastrophe: 0 };
    row.games++;
    if (rec.ending === "flourishing") row.flourishing++;
    if (isCatastrophe(rec.ending)) row.catastrophe++;
    rows.set(key, row);
  }
  return [...rows.entries()]
    .map(([combo, r]) => ({
      combo,
      games: r.games,
      flourishing: r.flourishing / r.games,
      catastrophe: r.catastrophe / r.games,
    }))
    .sort((a, b) => (a.combo < b.combo ? -1 : 1));
}

/** Area under the ROC curve of `score` for `label` (ties count a half). */
export function auc(score: readonly number[], label: readonly boolean[]): number {
  const idx = score.map((_, i) => i).sort((a, b) => score[a]! - score[b]!);
  // Mean ranks over ties, then the Mann–Whitney statistic.
  const rank = new Array<number>(score.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    for (let k = i; k <= j; k++) rank[idx[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let pos = 0;
  let sum = 0;
  label.forEach((y, i) => {
    if (y) {
      pos++;
      sum += rank[i]!;
    }
  });
  const neg = label.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Fits each draw's rate on the even games, scores the odd ones. */
function drawAuc(records: readonly GameRecord[], outcome: (r: GameRecord) => boolean): number {
  const key = (r: GameRecord) => `${comboOf(r, "lab")}|${comboOf(r, "company")}`;
  const fit = new Map<string, { n: number; k: number }>();
  let all = 0;
  let hits = 0;
  records.forEach((r, i) => {
    if (i % 2 !== 0) return;
    const cell = fit.get(key(r)) ?? { n: 0, k: 0 };
    cell.n++;
    all++;
    if (outcome(r)) {
      cell.k++;
      hits++;
    }
    fit.set(key(r), cell);
  });
  const base = all > 0 ? hits / all : 0;
  const score: number[] = [];
  const label: boolean[] = [];
  records.forEach((r, i) => {
    if (i % 2 === 0) return;
    const cell = fit.get(key(r));
    score.push(cell ? cell.k / cell.n : base);
    label.push(outcome(r));
  });
  return auc(score, label);
}

export function drawFigures(records: readonly GameRecord[]): DrawFigures {
  return {
    games: records.length,
    lab: comboTable(records, "lab"),
    company: comboTable(records, "company"),
    aucCatastrophe: drawAuc(records, (r) => isCatastrophe(r.ending)),
    aucFlourishing: drawAuc(records, (r) => r.ending === "flourishing"),
  };
}
