import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";
import { describe, expect, it } from "vitest";
import type { CockpitSeat, LiveTable, OddsPoint } from "../../../shared/workshop";
import {
  clockText,
  controlProblems,
  FORMAT_TEXT,
  indexed,
  lawChips,
  oddsSegments,
  oddsText,
  parseSeries,
  recordTruth,
  riskBars,
  roleMix,
  STUDENT_TEXT,
  seatMarks,
  seatsText,
  sparkPoints,
} from "./cockpit";

const table = (over: Partial<LiveTable> = {}): LiveTable => ({
  code: "K3P7Q",
  live: true,
  stage: "playing",
  round: 3,
  rounds: 8,
  phase: "act",
  remainingMs: 65_000,
  paused: false,
  chat: true,
  gameId: "g",
  seats: [],
  watchers: [],
  truth: null,
  injects: null,
  regulations: [],
  odds: null,
  watchToken: "w",
  ...over,
});

const seat = (over: Partial<CockpitSeat> = {}): CockpitSeat => ({
  id: "G1",
  role: "government",
  name: "Atlantic Union",
  student: "s1",
  nickname: "Ada",
  bot: false,
  connected: true,
  idle: false,
  help: false,
  ...over,
});

describe("roleMix", () => {
  it("puts governments first, then labs, then companies", () => {
    expect(roleMix({ government: 1, lab: 2, company: 1 })).toEqual([
      "government",
      "lab",
      "lab",
      "company",
    ]);
  });
  it("says in words what is wrong", () => {
    expect(roleMix({ government: 0, lab: 2, company: 2 })).toMatch(/at least one government/);
    expect(roleMix({ government: 4, lab: 4, company: 4 })).toMatch(/3 to 9 seats; this mix has 12/);
  });
  it("describes the seats", () => {
    expect(seatsText(["government", "lab", "company", "company"])).toMatch(
      /^4 seats a table: 1 government, 1 AI lab, 2 companies\./,
    );
  });
});

describe("clockText", () => {
  it("counts down between polls, and not while paused", () => {
    expect(clockText(table(), 5_000)).toBe("Act · 1:00");
    expect(clockText(table({ paused: true }), 5_000)).toBe("Paused · Act · 1:05");
  });
  it("shows the ending, not a clock, once the game is over", () => {
    const ended = table({
      stage: "ended",
      phase: "ended",
      truth: {
        welfare: 1,
        proxy: 1,
        risks: { misuse: 0, centralisation: 0, goodhart: 0, takeover: 0 },
        ending: "flourishing",
      },
    });
    expect(clockText(ended)).toBe("Ended: Flourishing");
    expect(clockText(table({ stage: "lobby", phase: null }))).toBe("Not started");
  });
});

describe("seatMarks", () => {
  it("puts a call for help first", () => {
    expect(seatMarks(seat({ help: true })).map((m) => m.kind)).toEqual(["help", "online"]);
  });
  it("tells a bot from a student away or idle", () => {
    expect(seatMarks(seat({ student: null, nickname: null, bot: true }))).toEqual([
      { kind: "bot", text: "bot" },
    ]);
    expect(
      seatMarks(seat({ student: null, nickname: null, bot: false, connected: false })),
    ).toEqual([{ kind: "bot", text: "bot" }]);
    expect(seatMarks(seat({ connected: false, bot: true }))[0]?.kind).toBe("offline");
    expect(seatMarks(seat({ idle: true }))[0]?.kind).toBe("idle");
  });
});

describe("odds", () => {
  const odds: OddsPoint = {
    round: 4,
    runs: 300,
    ms: 200,
    shares: {
      misuse: 0.1,
      centralisation: 0,
      goodhart_lockin: 0.2,
      takeover: 0,
      flourishing: 0.4,
      muddling: 0.3,
      dystopia: 0,
    },
  };
  it("leaves out the endings no run reached and marks the traps", () => {
    const segs = oddsSegments(odds);
    expect(segs.map((s) => s.ending)).toEqual([
      "misuse",
      "goodhart_lockin",
      "flourishing",
      "muddling",
    ]);
    expect(segs.filter((s) => s.trap).map((s) => s.ending)).toEqual(["misuse", "goodhart_lockin"]);
  });
  it("says the largest first, with the number of runs", () => {
    expect(oddsText(odds)).toMatch(
      /^Odds from here: 300 runs at the start of round 4\. Flourishing 40%/,
    );
  });
});

describe("the truth over the rounds", () => {
  it("keeps one point a round, in order, and survives storage", () => {
    let s = recordTruth({}, "A", { round: 2, welfare: 60, proxy: 120 });
    s = recordTruth(s, "A", { round: 1, welfare: 50, proxy: 100 });
    s = recordTruth(s, "A", { round: 2, welfare: 55, proxy: 130 });
    expect(s.A?.map((p) => p.round)).toEqual([1, 2]);
    expect(s.A?.[1]?.welfare).toBe(55);
    expect(parseSeries(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(parseSeries({ A: [{ round: "x" }], B: 3 })).toEqual({ A: [] });
  });
  it("indexes both lines on the first point", () => {
    const i = indexed([
      { round: 1, welfare: 50, proxy: 200 },
      { round: 2, welfare: 40, proxy: 300 },
    ]);
    expect(i.welfare).toEqual([100, 80]);
    expect(i.proxy).toEqual([100, 150]);
  });
  it("indexes both lines on the table's start, as the projector and debrief do", () => {
    const points = [
      { round: 1, welfare: 63.6, proxy: 110 },
      { round: 2, welfare: 66, proxy: 120 },
    ];
    const i = indexed(points, { welfare: 60, proxy: 100 });
    expect(i.welfare.map(Math.round)).toEqual([100, 106, 110]);
    expect(i.proxy.map(Math.round)).toEqual([100, 110, 120]);
  });
  it("draws a line in its box", () => {
    expect(sparkPoints([0, 100], 10, 10, 0, 100)).toBe("0.0,10.0 10.0,0.0");
    expect(sparkPoints([50], 10, 10, 0, 100)).toBe("5.0,5.0");
  });
  it("reads risks on their 0 to 100 scale", () => {
    const bars = riskBars({ misuse: 12, centralisation: 140, goodhart: -3, takeover: 50 });
    expect(bars.map((b) => b.level)).toEqual([12, 100, 0, 50]);
  });
});

describe("controlProblems", () => {
  it("names each table that refused, in words", () => {
    expect(
      controlProblems({
        ok: false,
        results: [
          { table: "A", ok: true },
          { table: "B", ok: false, code: "wrong_stage" },
          { table: "C", ok: false, code: "empty", message: "Nobody sits here." },
        ],
      }),
    ).toEqual(["Table B: not possible at this stage of the game.", "Table C: Nobody sits here."]);
  });
});

describe("lawChips", () => {
  it("makes one chip of a national law passed in two blocs, and names an accord", () => {
    const chips = lawChips([
      { id: "welfareStats", strength: 1, scope: 0, proposer: "G1", passedRound: 2 },
      { id: "welfareStats", strength: 1, scope: 1, proposer: "G2", passedRound: 3 },
      { id: "welfareStats", strength: 1, scope: "accord", proposer: "G1", passedRound: 4 },
    ]);
    expect(chips.map((c) => c.label.replace(/^.*\(/, "("))).toEqual(["(G1, G2)", "(accord)"]);
    expect(chips[0]?.title).toBe("Passed in round 2, 3.");
  });
});

/** As tests/client/readingGrade.test.ts counts it. */
function readingGrade(text: string): number {
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  if (words.length === 0) return 0;
  const sentences = Math.max(
    1,
    text.split(/[.!?]+(?:\s|$)/).filter((s) => /[A-Za-z]/.test(s)).length,
  );
  const syllables = words.reduce((n, w) => n + Math.max(1, syllable(w)), 0);
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
}

describe("the workshop's words", () => {
  it("read at grade 9 or below", () => {
    const texts = [...Object.values(STUDENT_TEXT), ...Object.values(FORMAT_TEXT)];
    for (const t of texts) expect(readingGrade(t), t).toBeLessThanOrEqual(9);
  });
});
