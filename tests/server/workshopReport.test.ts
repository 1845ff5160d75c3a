/**
 * The workshop debrief's words (`server/workshopReport.ts`) on tables made by hand: what
 * separated the tables that did better from those that did worse names the regulations only
 * one side passed and when, and still says something sensible with one table, no ended table
 * or no table at all; there are always exactly five distinct questions, drawn from the tables.
 * The words are plain (the endings' plain names, whole numbers on the game's scale, no "passed
 * 0 regulations"), and read at US school grade 9 or below, measured as tests/client/
 * readingGrade.test.ts measures the game's texts (`flesch-kincaid` with `syllable`).
 */
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";
import { describe, expect, it } from "vitest";
import { plainText, RAW_JARGON } from "../../client/src/model/glossary";
import { indexOf, indexText } from "../../client/src/model/scale";
import {
  discussionQuestions,
  ENDING_WORDS,
  onStartScale,
  separatedSentences,
} from "../../server/workshopReport";
import { REGULATIONS } from "../../shared/regulations";
import { ENDING_LABEL, ENDINGS, type Ending } from "../../shared/vocabulary";
import type { DebriefTable } from "../../shared/workshop";

/** The Flesch–Kincaid grade of a text, counted as tests/client/readingGrade.test.ts counts it. */
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

function table(
  code: string,
  ending: Ending | null,
  regulations: [DebriefTable["regulations"][number]["id"], number][] = [],
  rounds = 8,
): DebriefTable {
  return {
    code,
    stage: ending ? "ended" : "playing",
    ending,
    endRound: ending ? rounds : null,
    people: [{ seat: "G1", role: "government", nickname: "Ada" }],
    series: Array.from({ length: rounds }, (_, i) => ({
      round: i + 1,
      index: 100 + i,
      measured: 60 + i,
      welfare: 60 - i,
    })),
    start: { welfare: 60, proxy: 1000 },
    regulations: regulations.map(([id, passedRound]) => ({
      id,
      strength: 2,
      scope: 0,
      proposer: "G1",
      passedRound,
      endsRound: null,
    })),
    injects: [],
    odds: [],
  };
}

describe("what separated the tables", () => {
  it("names the regulations only the better table passed, and when", () => {
    const good = table("GOOD1", "flourishing", [
      ["antitrust", 2],
      ["biosecurity", 3],
    ]);
    const bad = table("BAD22", "takeover", [["biosecurity", 6]], 6);
    const out = separatedSentences([good, bad]);
    expect(out).toContain("Table GOOD1 ended in round 8: Flourishing.");
    expect(out).toContain("Table BAD22 ended in round 6: AI takeover.");
    expect(out).toContain(
      `Only the table that did better (GOOD1) passed ${REGULATIONS.antitrust.name}.`,
    );
    expect(out.some((s) => s.includes("Acting early mattered."))).toBe(true);
    const questions = discussionQuestions([good, bad]);
    expect(questions).toHaveLength(5);
    expect(questions[0]).toContain("GOOD1");
    expect(questions[0]).toContain("BAD22");
  });

  it("still speaks sensibly of one table, of tables still playing and of none", () => {
    const one = separatedSentences([table("ONE11", "muddling")]);
    expect(one[0]).toBe("Table ONE11 ended in round 8: Muddling through.");
    expect(one.some((s) => s.includes("one table"))).toBe(true);
    const open = separatedSentences([table("OPEN1", null, [], 3), table("OPEN2", null, [], 2)]);
    expect(open).toContain(
      "Tables OPEN1 and OPEN2 had not ended yet: their outcome is still open.",
    );
    expect(separatedSentences([])).toEqual([
      "No table has played a round yet, so there is nothing to compare.",
    ]);
    for (const tables of [[], [table("ONE11", "muddling")], [table("OPEN1", null, [], 3)]]) {
      const questions = discussionQuestions(tables);
      expect(questions).toHaveLength(5);
      expect(new Set(questions).size).toBe(5);
    }
  });
});

describe("the debrief's words are plain", () => {
  /** Every kind of table the words speak of: better and worse, alike, open, a crisis, no law. */
  function workshops(): DebriefTable[][] {
    const crisis = (t: DebriefTable): DebriefTable => ({
      ...t,
      injects: [{ round: 2, inject: "labLeak", title: "Lab leak", answers: [] }],
    });
    const lockin = (code: string, over: Partial<DebriefTable> = {}) => ({
      ...table(code, "goodhart_lockin", [], 6),
      ...over,
    });
    return [
      [
        crisis(table("GOOD1", "flourishing", [["antitrust", 2]])),
        crisis(table("BAD22", "takeover", [["biosecurity", 6]], 6)),
      ],
      [table("GOOD1", "flourishing"), lockin("LOCK1")],
      [
        table("GOOD1", "flourishing"),
        table("GOOD2", "flourishing"),
        lockin("LOCK1"),
        lockin("LOCK2"),
      ],
      [lockin("LOCK1"), lockin("LOCK2")],
      [table("ONE11", "muddling")],
      [crisis(table("OPEN1", null, [["antitrust", 2]], 3)), table("OPEN2", null, [], 2)],
      [],
    ];
  }
  const all = () =>
    workshops().flatMap((ts) => [...separatedSentences(ts), ...discussionQuestions(ts)]);

  it("names the endings as the game does: the Numbers trap, not 'Goodhart lock-in'", () => {
    for (const e of ENDINGS) expect(ENDING_WORDS[e]).toBe(plainText(ENDING_LABEL[e]));
    const words = separatedSentences([
      table("GOOD1", "flourishing"),
      table("LOCK1", "goodhart_lockin"),
    ]);
    expect(words).toContain("Table LOCK1 ended in round 8: Numbers trap.");
    for (const text of all()) expect(text, text).not.toMatch(RAW_JARGON);
  });

  it("gives whole numbers on the game's scale (start = 100), never '63.87'", () => {
    // Measured 67.7 and true 52.3 against a start of 60: 113 and 87, as the game's screens show.
    const drift = {
      ...table("DRIFT", "muddling"),
      series: [{ round: 1, index: 104.37, measured: 67.7, welfare: 52.3 }],
    };
    const words = [...separatedSentences([drift]), ...discussionQuestions([drift])];
    const measured = indexText(indexOf(67.7, 60));
    const truth = indexText(indexOf(52.3, 60));
    expect([measured, truth]).toEqual(["113", "87"]);
    expect(onStartScale(67.7, drift.start)).toBe(measured);
    expect(words).toContain(
      `At table DRIFT, measured well-being ended at ${measured} but true well-being at ${truth} (start = 100). What was measured was not what mattered.`,
    );
    for (const text of all()) expect(text, text).not.toMatch(/\d\.\d/);
  });

  it("never says 'passed 0 regulations': no laws are 'no laws', or the sentence is left out", () => {
    const none = separatedSentences([
      table("GOOD1", "flourishing"),
      table("LOCK1", "goodhart_lockin"),
    ]);
    expect(none.some((s) => /passed (no|0) (laws|regulations)/.test(s))).toBe(false);
    const one = separatedSentences([
      table("GOOD1", "flourishing", [["antitrust", 2]]),
      table("LOCK1", "goodhart_lockin"),
    ]);
    expect(one).toContain(
      "The table that did better (GOOD1) passed 1 law. The table that did worse (LOCK1) passed no laws.",
    );
    // Several tables, none with a law: no sentence of counts ("passed about no laws each").
    const many = separatedSentences([
      table("GOOD1", "flourishing"),
      table("GOOD2", "flourishing"),
      table("LOCK1", "goodhart_lockin"),
    ]);
    expect(many.some((s) => s.includes("about no laws"))).toBe(false);
    expect(many.some((s) => s.startsWith("The tables that did better passed"))).toBe(false);
    const few = separatedSentences([
      table("GOOD1", "flourishing", [["antitrust", 2]]),
      table("GOOD2", "flourishing"),
      table("GOOD3", "flourishing"),
      table("LOCK1", "goodhart_lockin"),
    ]);
    expect(few).toContain(
      "The tables that did better passed almost no laws. The table that did worse (LOCK1) passed no laws.",
    );
    for (const text of all()) expect(text, text).not.toMatch(/\b0 (law|regulation)/);
  });

  it("reads at grade 9 or below, every sentence and question", () => {
    const texts = all();
    expect(texts.length).toBeGreaterThan(30);
    const hard = [...new Set(texts)]
      .map((text) => ({ text, grade: readingGrade(text) }))
      .filter((t) => t.grade > 9);
    expect(hard).toEqual([]);
  });
});
