/**
 * The workshop projector and the workshop debrief as data (issue 11, items 5 and 6): each
 * table's status line, its ending in plain words, its economy score against measured (and,
 * once known, true) well-being as a chart, every figure on the game's scale (start = 100, as
 * in the game), the odds from here as lines of ending shares over the rounds with the rounds
 * where a crisis struck or a law passed marked, and the tables compared and sorted. Pure: the screens in `ui/workshop/` only draw what this returns.
 */
import { REGULATIONS, type RegulationId } from "../../../shared/regulations";
import { ENDING_LABEL, ENDINGS, type Ending, isCatastrophe } from "../../../shared/vocabulary";
import type { DebriefTable, OddsPoint, ProjectorView, TableRound } from "../../../shared/workshop";
import { ATTRACTOR_INFO, SERIES_COLOUR, VALLEY } from "./attractors";
import { buildChart, type ChartBox, type ChartModel, type Series } from "./chart";
import { clock, PHASE_LABEL } from "./format";
import { plainText } from "./glossary";
import { indexOf, indexText } from "./scale";

export type ProjectorTable = ProjectorView["tables"][number];
type Stage = ProjectorTable["stage"];

/** How an ending reads for people, and whether it is good, bad or in between. */
export interface EndingLook {
  readonly label: string;
  readonly tone: "good" | "bad" | "mixed" | "none";
}

export function endingLook(ending: Ending | null, stage: Stage): EndingLook {
  if (ending === null)
    return { label: stage === "lobby" ? "Not started" : "Still playing", tone: "none" };
  const label = plainText(ENDING_LABEL[ending]);
  if (isCatastrophe(ending)) return { label, tone: "bad" };
  return { label, tone: ending === "flourishing" ? "good" : "mixed" };
}

/** Best first: flourishing, muddling through, the dystopia, then the catastrophes; unfinished last. */
export function endingRank(ending: Ending | null): number {
  if (ending === null) return 9;
  switch (ending) {
    case "flourishing":
      return 0;
    case "muddling":
      return 1;
    case "dystopia":
      return 2;
    case "misuse":
    case "centralisation":
    case "goodhart_lockin":
    case "takeover":
      return 3;
  }
}

/** A table's status for the wall: "Round 3 of 8 · Act · 0:42 left", "Paused", "Waiting to start". */
export function statusLine(t: ProjectorTable, elapsedMs = 0): string {
  if (t.stage === "lobby") return "Waiting to start";
  if (t.stage === "ended") return `Ended after round ${t.round} of ${t.rounds}`;
  const parts = [`Round ${t.round} of ${t.rounds}`];
  if (t.phase) parts.push(PHASE_LABEL[t.phase]);
  if (t.paused) parts.push("Paused");
  else if (t.remainingMs !== null) parts.push(`${clock(t.remainingMs - elapsedMs)} left`);
  return parts.join(" · ");
}

/** What a table's chart needs: its resolved rounds and its start levels (projector and debrief). */
export type TableRounds = Pick<DebriefTable, "series" | "start">;

/** One point of a table's chart, every figure on the game's scale (start = 100). */
export interface ScaledRound {
  /** "Start", then "R1", "R2"… */
  readonly label: string;
  /** 0 for the start. */
  readonly round: number;
  readonly index: number;
  readonly measured: number;
  readonly welfare: number | null;
}

/** Whether any round of the series carries true well-being. */
export function hasTrueWelfare(series: readonly TableRound[]): boolean {
  return series.some((r) => r.welfare !== null);
}

/**
 * A table's rounds as the game shows them (`scale.ts`, as the game's chart and debrief): the
 * start first, at 100, then each round's economy score and measured (and, once known, true)
 * well-being as an index of the start's welfare. Without a start (an older server) the levels.
 */
export function scaledRounds(t: TableRounds): ScaledRound[] {
  const w0 = t.start?.welfare ?? Number.NaN;
  const truth = hasTrueWelfare(t.series);
  const rounds = t.series.map((r) => ({
    label: `R${r.round}`,
    round: r.round,
    index: r.index,
    measured: indexOf(r.measured, w0),
    welfare: r.welfare === null ? null : indexOf(r.welfare, w0),
  }));
  if (!t.start) return rounds;
  return [
    { label: "Start", round: 0, index: 100, measured: 100, welfare: truth ? 100 : null },
    ...rounds,
  ];
}

/** The x-axis labels of a table's chart: "Start", "R1", "R2"… */
export function roundLabels(t: TableRounds): string[] {
  return scaledRounds(t).map((r) => r.label);
}

/** The last round's figures on the game's scale (start = 100), or null before the first. */
export function lastRound(t: TableRounds): ScaledRound | null {
  return t.series.length > 0 ? (scaledRounds(t).at(-1) ?? null) : null;
}

/**
 * A table's chart: the economy score against measured well-being, and true well-being where
 * the series carries it (in the projector only once the table has ended), all start = 100.
 * A chart needs two points: a table with one point shows it twice.
 */
export function tableChart(t: TableRounds, box?: ChartBox): ChartModel {
  const points = scaledRounds(t);
  const rows = points.length === 1 ? [points[0]!, points[0]!] : points;
  const lines: Series[] = [
    {
      id: "index",
      label: "Economy score",
      colour: SERIES_COLOUR.proxy,
      values: rows.map((r) => r.index),
      marker: "square",
    },
    {
      id: "measured",
      label: "Measured well-being",
      colour: SERIES_COLOUR.welfare,
      values: rows.map((r) => r.measured),
      dash: "5 3",
      marker: "circle",
    },
  ];
  if (hasTrueWelfare(t.series))
    lines.push({
      id: "welfare",
      label: "True well-being",
      colour: SERIES_COLOUR.trueWelfare,
      values: rows.map((r) => r.welfare ?? Number.NaN),
      dash: "1 3",
      marker: "diamond",
    });
  const labels = points.length === 1 ? ["", points[0]!.label] : points.map((r) => r.label);
  return buildChart(lines, labels, box);
}

/** One sentence about a table's chart, for screen readers and the chart's description. */
export function chartSummary(t: TableRounds): string {
  const last = lastRound(t);
  if (!last) return "No round has been played yet.";
  const parts = [
    `After round ${last.round}: economy score ${indexText(last.index)}`,
    `measured well-being ${indexText(last.measured)}`,
  ];
  if (last.welfare !== null) parts.push(`true well-being ${indexText(last.welfare)}`);
  return `${parts.join(", ")}${t.start ? " (start = 100)" : ""}.`;
}

/** The rows of the chart's data table (start = 100; the table shows whole numbers). */
export function chartRows(t: TableRounds): { label: string; values: number[] }[] {
  const points = scaledRounds(t);
  const rows = [
    { label: "Economy score", values: points.map((r) => r.index) },
    { label: "Measured well-being", values: points.map((r) => r.measured) },
  ];
  if (hasTrueWelfare(t.series))
    rows.push({
      label: "True well-being",
      values: points.map((r) => r.welfare ?? Number.NaN),
    });
  return rows;
}

/** Each ending's colour, dash and marker in the odds chart (colour is never the only cue). */
const ENDING_STYLE: Record<Ending, Pick<Series, "colour" | "dash" | "marker">> = {
  flourishing: { colour: VALLEY.colour, marker: "circle" },
  muddling: { colour: "#BBBBBB", dash: "6 3", marker: "square" },
  dystopia: { colour: "#F0E442", dash: "2 2", marker: "triangle" },
  misuse: { colour: ATTRACTOR_INFO.misuse.colour, dash: "8 2 2 2", marker: "diamond" },
  centralisation: {
    colour: ATTRACTOR_INFO.centralisation.colour,
    dash: "4 4",
    marker: "square",
  },
  goodhart_lockin: { colour: ATTRACTOR_INFO.goodhart.colour, dash: "1 3", marker: "triangle" },
  takeover: { colour: ATTRACTOR_INFO.takeover.colour, dash: "10 3", marker: "circle" },
};

/** The endings some round gave a share above nothing, in the vocabulary's order. */
export function endingsSeen(odds: readonly OddsPoint[]): Ending[] {
  return ENDINGS.filter((e) => odds.some((p) => (p.shares[e] ?? 0) > 0));
}

/** Something that happened at a table in a round, marked on its odds chart. */
export interface OddsMark {
  readonly round: number;
  readonly kind: "inject" | "regulation";
  readonly text: string;
}

export function regulationName(id: string): string {
  return id in REGULATIONS ? REGULATIONS[id as RegulationId].name : id;
}

/** The crises that struck and the laws that passed, by round, as marks for the odds chart. */
export function oddsMarks(t: DebriefTable): OddsMark[] {
  const marks: OddsMark[] = [
    ...t.injects.map((i) => ({ round: i.round, kind: "inject" as const, text: i.title })),
    ...t.regulations.map((r) => ({
      round: r.passedRound,
      kind: "regulation" as const,
      text: regulationName(r.id),
    })),
  ];
  return marks.sort((a, b) => a.round - b.round || a.kind.localeCompare(b.kind));
}

export interface OddsChart {
  readonly chart: ChartModel;
  readonly labels: string[];
  /** The x position of each mark's round on the chart (marks outside the rounds are left out). */
  readonly marks: (OddsMark & { x: number })[];
  readonly rows: { label: string; values: number[] }[];
  readonly summary: string;
}

/** The x of the i-th of n points in a chart's box, as `buildChart` places them. */
export function xAt(box: ChartBox, n: number, i: number): number {
  const plotW = box.width - box.padLeft - box.padRight;
  return box.padLeft + (plotW * i) / (Math.max(2, n) - 1);
}

/**
 * How the odds moved: one line per ending seen, its share (in %) of the bot continuations at
 * the start of each round, on a fixed 0–100 scale.
 */
export function oddsChart(
  odds: readonly OddsPoint[],
  marks: readonly OddsMark[],
  box?: ChartBox,
): OddsChart | null {
  if (odds.length === 0) return null;
  const points = [...odds].sort((a, b) => a.round - b.round);
  const shown = points.length === 1 ? [points[0]!, points[0]!] : points;
  const labels =
    points.length === 1 ? ["", `R${points[0]!.round}`] : points.map((p) => `R${p.round}`);
  const seen = endingsSeen(points);
  const series: Series[] = seen.map((e) => ({
    id: e,
    label: plainText(ENDING_LABEL[e]),
    values: shown.map((p) => 100 * (p.shares[e] ?? 0)),
    ...ENDING_STYLE[e],
  }));
  const chart = buildChart(series, labels, box, { min: 0, max: 100 });
  const placed = marks.flatMap((m) => {
    const i = shown.findIndex((p) => p.round === m.round);
    return i < 0 ? [] : [{ ...m, x: xAt(chart.box, shown.length, points.length === 1 ? 1 : i) }];
  });
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const good = (p: OddsPoint) => (p.shares.flourishing ?? 0) + (p.shares.muddling ?? 0);
  const from = Math.round(100 * good(first));
  const to = Math.round(100 * good(last));
  return {
    chart,
    labels: points.map((p) => `Round ${p.round}`),
    marks: placed,
    rows: seen.map((e) => ({
      label: `${plainText(ENDING_LABEL[e])} (%)`,
      values: points.map((p) => 100 * (p.shares[e] ?? 0)),
    })),
    summary: `In round ${first.round}, ${from}% of the test runs ended well (flourishing or muddling through); by round ${last.round}, ${to}%.`,
  };
}

/** One row of the debrief's table comparing the tables. */
export interface ComparisonRow {
  readonly code: string;
  readonly ending: EndingLook;
  readonly endRound: number | null;
  readonly welfare: number | null;
  readonly measured: number | null;
  readonly index: number | null;
  readonly regulations: number;
  readonly injects: number;
  readonly people: number;
}

/** A table's row, its figures at the end on the game's scale (start = 100). */
export function comparisonRow(t: DebriefTable): ComparisonRow {
  const last = lastRound(t);
  return {
    code: t.code,
    ending: endingLook(t.ending, t.stage),
    endRound: t.endRound,
    welfare: last?.welfare ?? null,
    measured: last?.measured ?? null,
    index: last?.index ?? null,
    regulations: t.regulations.length,
    injects: t.injects.length,
    people: t.people.filter((p) => p.nickname !== null).length,
  };
}

/** The tables best first: by ending, then by true well-being at the end, then by code. */
export function sortTables<T extends DebriefTable>(tables: readonly T[]): T[] {
  const end = (t: DebriefTable) => lastRound(t)?.welfare ?? Number.NEGATIVE_INFINITY;
  return [...tables].sort(
    (a, b) =>
      endingRank(a.ending) - endingRank(b.ending) ||
      end(b) - end(a) ||
      a.code.localeCompare(b.code),
  );
}

/** Where a law applied, in plain words. */
export function scopeText(scope: number | "accord"): string {
  return scope === "accord" ? "worldwide (an accord)" : `in region ${scope + 1}`;
}

/** The facilitator's latest messages, newest first, at most `n`. */
export function latestMessages(
  messages: ProjectorView["messages"],
  n = 3,
): ProjectorView["messages"][number][] {
  return [...messages].sort((a, b) => b.at - a.at).slice(0, n);
}

/** Whom a facilitator's message was for. */
export function messageTarget(table: string | null): string {
  return table === null ? "To every table" : `To table ${table}`;
}

/** The file name of a workshop's export. */
export function exportFileName(code: string, format: "csv" | "json"): string {
  return `attractor-workshop-${code}.${format}`;
}
