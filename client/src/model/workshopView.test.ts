import { describe, expect, it } from "vitest";
import { ENDINGS, type Ending } from "../../../shared/vocabulary";
import type { DebriefTable, OddsPoint, ProjectorView, TableRound } from "../../../shared/workshop";
import { indexOf, indexText } from "./scale";
import {
  chartRows,
  chartSummary,
  comparisonRow,
  endingLook,
  endingsSeen,
  lastRound,
  latestMessages,
  oddsChart,
  oddsMarks,
  roundLabels,
  scaledRounds,
  sortTables,
  statusLine,
  tableChart,
  xAt,
} from "./workshopView";

const none = Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<Ending, number>;
const point = (round: number, shares: Partial<Record<Ending, number>>): OddsPoint => ({
  round,
  runs: 200,
  shares: { ...none, ...shares },
  ms: 300,
});
const rounds = (n: number, truth: boolean): TableRound[] =>
  Array.from({ length: n }, (_, i) => ({
    round: i + 1,
    index: 100 + 5 * i,
    measured: 60 - i,
    welfare: truth ? 58 - 2 * i : null,
  }));

/** The start's levels: well-being 50, so a level of 60 shows as 120. */
const START = { welfare: 50, proxy: 1000 };
const withStart = (series: TableRound[]) => ({ series, start: START });

type PT = ProjectorView["tables"][number];
const projectorTable = (over: Partial<PT> = {}): PT => ({
  code: "ABCDE",
  stage: "playing",
  round: 3,
  rounds: 8,
  phase: "act",
  remainingMs: 42_000,
  paused: false,
  students: 6,
  ending: null,
  series: rounds(2, false),
  start: START,
  regulationsPassed: 1,
  closeCalls: 0,
  incidents: 2,
  ...over,
});

const debriefTable = (code: string, over: Partial<DebriefTable> = {}): DebriefTable => ({
  code,
  stage: "ended",
  ending: "muddling",
  endRound: 8,
  people: [
    { seat: "G1", role: "government", nickname: "Ada" },
    { seat: "L1", role: "lab", nickname: null },
  ],
  series: rounds(8, true),
  start: START,
  regulations: [
    {
      id: "antitrust",
      strength: 0.5,
      scope: "accord",
      proposer: "G1",
      passedRound: 3,
      endsRound: null,
    },
  ],
  injects: [{ round: 2, inject: "labLeak", title: "Lab leak", answers: ["Ada raised safety"] }],
  odds: [point(1, { flourishing: 0.5, muddling: 0.5 }), point(2, { muddling: 0.7, takeover: 0.3 })],
  ...over,
});

describe("the projector's status line", () => {
  it("names the round, the phase and the time left, counting down between polls", () => {
    expect(statusLine(projectorTable())).toBe("Round 3 of 8 · Act · 0:42 left");
    expect(statusLine(projectorTable(), 2_500)).toBe("Round 3 of 8 · Act · 0:40 left");
    expect(statusLine(projectorTable(), 60_000)).toBe("Round 3 of 8 · Act · 0:00 left");
    expect(statusLine(projectorTable({ paused: true }))).toBe("Round 3 of 8 · Act · Paused");
    expect(statusLine(projectorTable({ stage: "lobby" }))).toBe("Waiting to start");
    expect(statusLine(projectorTable({ stage: "ended", round: 6 }))).toBe(
      "Ended after round 6 of 8",
    );
  });
});

describe("endings in plain words", () => {
  it("labels each ending without jargon and gives it a tone", () => {
    expect(endingLook("flourishing", "ended")).toEqual({ label: "Flourishing", tone: "good" });
    expect(endingLook("takeover", "ended").tone).toBe("bad");
    expect(endingLook("muddling", "ended").tone).toBe("mixed");
    expect(endingLook("goodhart_lockin", "ended").label).not.toMatch(/Goodhart/);
    expect(endingLook(null, "playing").label).toBe("Still playing");
    expect(endingLook(null, "lobby").label).toBe("Not started");
  });
});

describe("a table's chart", () => {
  it("draws the economy score and measured well-being, and true well-being only when given", () => {
    const live = tableChart(withStart(rounds(3, false)));
    expect(live.series.map((s) => s.id)).toEqual(["index", "measured"]);
    expect(chartRows(withStart(rounds(3, false)))).toHaveLength(2);
    const ended = tableChart(withStart(rounds(3, true)));
    expect(ended.series.map((s) => s.id)).toEqual(["index", "measured", "welfare"]);
    // The start first, at 100; then each level as an index of the start's welfare (50).
    expect(ended.series[2]!.values.map(Math.round)).toEqual([100, 116, 112, 108]);
    expect(chartRows(withStart(rounds(3, true)))[2]!.values.map(Math.round)).toEqual([
      100, 116, 112, 108,
    ]);
    expect(roundLabels(withStart(rounds(3, true)))).toEqual(["Start", "R1", "R2", "R3"]);
  });

  it("shows well-being on the game's scale, start = 100, not the raw level (the projector said 64 where the cockpit said 106)", () => {
    // A table that started at well-being 60 and stands at 63.6 after round 1: 106, as the
    // game's screens show it (scale.ts), not 64.
    const t = {
      series: [{ round: 1, index: 103.2, measured: 63.6, welfare: 63.6 }],
      start: { welfare: 60, proxy: 500 },
    };
    const points = scaledRounds(t);
    expect(points.map((p) => p.round)).toEqual([0, 1]);
    expect(points[0]).toMatchObject({ label: "Start", index: 100, measured: 100, welfare: 100 });
    expect(indexText(points[1]!.measured)).toBe(indexText(indexOf(63.6, 60)));
    expect(indexText(lastRound(t)!.welfare!)).toBe("106");
    expect(chartSummary(t)).toBe(
      "After round 1: economy score 103, measured well-being 106, true well-being 106 (start = 100).",
    );
    // While the table plays, its start shows no true well-being either.
    expect(scaledRounds({ ...t, series: rounds(2, false) })[0]!.welfare).toBeNull();
    expect(lastRound({ series: [], start: t.start })).toBeNull();
  });

  it("draws a table with one point as a flat line, not an empty box", () => {
    const one = tableChart({ series: rounds(1, false), start: null });
    expect(one.series[0]!.path).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    const first = tableChart(withStart(rounds(1, false)));
    expect(first.series[0]!.values).toEqual([100, 100]);
  });
});

describe("the odds chart", () => {
  it("draws one line per ending seen, in %, on a 0–100 scale, with the crises and laws marked", () => {
    const t = debriefTable("T1");
    expect(endingsSeen(t.odds)).toEqual(["takeover", "flourishing", "muddling"]);
    const m = oddsChart(t.odds, oddsMarks(t));
    expect(m).not.toBeNull();
    expect(m!.chart.yMin).toBe(0);
    expect(m!.chart.yMax).toBe(100);
    expect(m!.rows.find((r) => r.label.startsWith("Muddling"))!.values).toEqual([50, 70]);
    // The crisis in round 2 sits on the last point; the law of round 3 has no odds point.
    expect(m!.marks).toEqual([
      { round: 2, kind: "inject", text: "Lab leak", x: xAt(m!.chart.box, 2, 1) },
    ]);
    expect(m!.summary).toContain("100%");
    expect(m!.summary).toContain("70%");
  });

  it("is left out when no odds were computed", () => {
    expect(oddsChart([], [])).toBeNull();
  });

  it("places marks where buildChart places the points", () => {
    const box = { width: 100, height: 50, padLeft: 10, padRight: 10, padTop: 0, padBottom: 0 };
    expect(xAt(box, 5, 0)).toBe(10);
    expect(xAt(box, 5, 4)).toBe(90);
    expect(xAt(box, 5, 2)).toBe(50);
  });
});

describe("the tables compared", () => {
  it("sorts best first: by ending, then true well-being at the end, then code", () => {
    const a = debriefTable("AAAAA", { ending: "takeover" });
    const b = debriefTable("BBBBB", { ending: "flourishing" });
    const c = debriefTable("CCCCC", { ending: "muddling" });
    const d = debriefTable("DDDDD", {
      ending: "muddling",
      series: rounds(8, true).map((r) => ({ ...r, welfare: 45 })),
    });
    const e = debriefTable("EEEEE", { ending: null, stage: "playing" });
    expect(sortTables([a, b, c, d, e]).map((t) => t.code)).toEqual([
      "BBBBB",
      "DDDDD",
      "CCCCC",
      "AAAAA",
      "EEEEE",
    ]);
  });

  it("sums each table up for the comparison table", () => {
    expect(comparisonRow(debriefTable("T1"))).toMatchObject({
      code: "T1",
      endRound: 8,
      // Levels 44 and 53 against a start of 50.
      welfare: 88,
      measured: 106,
      index: 135,
      regulations: 1,
      injects: 1,
      people: 1,
    });
  });
});

describe("the facilitator's messages", () => {
  it("shows the latest first, at most three", () => {
    const msgs = [1, 5, 3, 4].map((at) => ({ at, table: null, text: `m${at}` }));
    expect(latestMessages(msgs).map((m) => m.text)).toEqual(["m5", "m4", "m3"]);
  });
});
