/**
 * What the statistics count, in plain words: which welfare dimensions each bloc's statistics
 * measure (harm there costs firms money) and which they do not (harm there is free, so firms
 * push it there), and after the game where that harm moved. Pure; from the public view and
 * the debrief.
 */
import type { DebriefView, PublicView } from "../../../shared/views";
import { WELFARE_DIMS, type WelfareDim } from "../../../shared/vocabulary";
import { listWords, num } from "./format";

export interface DimInfo {
  readonly label: string;
  /** What the dimension is, for someone who has never heard the word. */
  readonly explain: string;
}

export const DIM_INFO: Record<WelfareDim, DimInfo> = {
  environment: { label: "environment", explain: "clean air, water and a stable climate" },
  livelihoods: { label: "livelihoods", explain: "jobs and incomes people can live on" },
  information: { label: "information", explain: "news and facts people can trust" },
  equality: { label: "equality", explain: "how fairly wealth and chances are shared" },
  agency: { label: "agency", explain: "how much people still decide for themselves" },
  health: { label: "health", explain: "health and abundance: medicine, science, plenty" },
  security: { label: "security", explain: "safety from attacks and accidents" },
};

export interface MeasuredRow {
  readonly bloc: string;
  readonly blocIndex: number;
  /** Dimensions its statistics measure: harm there costs firms. */
  readonly measured: readonly WelfareDim[];
  /** Dimensions statistics could measure but do not: harm there is free. */
  readonly unmeasured: readonly WelfareDim[];
  /** One plain sentence. */
  readonly text: string;
}

function sentence(measured: readonly WelfareDim[], unmeasured: readonly WelfareDim[]): string {
  const names = (ds: readonly WelfareDim[]) => listWords(ds.map((d) => DIM_INFO[d].label));
  if (measured.length === 0)
    return `Nothing is counted yet. Harm to ${names(unmeasured)} costs firms nothing.`;
  if (unmeasured.length === 0)
    return `Measured: ${names(measured)}. Every harm firms can do is counted, so there is nowhere left to hide it.`;
  return `Measured: ${names(measured)}. Not measured: ${names(unmeasured)}: harm there costs firms nothing, so they push it there.`;
}

/** Each bloc's measured and unmeasured dimensions, as everyone sees them. */
export function measuredRows(pub: PublicView): MeasuredRow[] {
  return pub.blocs.map((b, i) => {
    const measured = pub.rules.measurable.filter((d) => b.measured.includes(d));
    const unmeasured = pub.rules.measurable.filter((d) => !b.measured.includes(d));
    return {
      bloc: b.name,
      blocIndex: i,
      measured,
      unmeasured,
      text: sentence(measured, unmeasured),
    };
  });
}

export interface HarmMovedRow {
  readonly dim: WelfareDim;
  readonly label: string;
  readonly explain: string;
  /** Welfare points of harm shifted onto this dimension over the game. */
  readonly amount: number;
  /** Its share of all the harm shifted, 0–1. */
  readonly share: number;
  /** Its true level at the start and the end of the game (0–100), when known. */
  readonly start: number | null;
  readonly end: number | null;
}

export interface HarmMoved {
  readonly total: number;
  readonly rows: readonly HarmMovedRow[];
  readonly text: string;
}

/** Below this (welfare points over the game) a dimension is said to have taken no shifted harm. */
const NOTICEABLE = 0.005;

/** Welfare points for people: two decimals when below one, so a small shift is not "0.0". */
export function points(x: number): string {
  return x < 1 ? x.toFixed(2) : num(x);
}

/** Where harm moved: the harm firms shifted off measured dimensions, by the dimension it hit. */
export function harmMoved(d: DebriefView): HarmMoved {
  const total = WELFARE_DIMS.reduce((s, dim) => s + Math.max(0, d.harmShifted[dim] ?? 0), 0);
  const first = d.history[0];
  const last = d.history[d.history.length - 1];
  const rows = WELFARE_DIMS.map((dim, i) => {
    const amount = Math.max(0, d.harmShifted[dim] ?? 0);
    return {
      dim,
      label: DIM_INFO[dim].label,
      explain: DIM_INFO[dim].explain,
      amount,
      share: total > 0 ? amount / total : 0,
      start: first ? (first.dims[i] ?? null) : null,
      end: last ? (last.dims[i] ?? null) : null,
    };
  })
    .filter((r) => r.amount >= NOTICEABLE)
    .sort((a, b) => b.amount - a.amount);
  const text =
    rows.length === 0
      ? "No harm moved: firms never had harm on a measured dimension to push onto an unmeasured one."
      : `Firms moved ${points(total)} points of harm off the measured dimensions and onto ${listWords(rows.map((r) => r.label))}, where nobody was counting.`;
  return { total, rows, text };
}
