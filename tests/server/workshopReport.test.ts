/**
 * The workshop debrief's words (`server/workshopReport.ts`) on tables made by hand: what
 * separated the tables that did better from those that did worse names the regulations only
 * one side passed and when, and still says something sensible with one table, no ended table
 * or no table at all; there are always exactly five distinct questions, drawn from the tables.
 */
import { describe, expect, it } from "vitest";
import { discussionQuestions, separatedSentences } from "../../server/workshopReport";
import { REGULATIONS } from "../../shared/regulations";
import type { Ending } from "../../shared/vocabulary";
import type { DebriefTable } from "../../shared/workshop";

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
    expect(out.some((s) => s.includes("acting early mattered"))).toBe(true);
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
