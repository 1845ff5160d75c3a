import { describe, expect, it } from "vitest";
import { DIFFICULTIES, type DifficultyOdds, type EndingOdds } from "../../../shared/difficulty";
import { ENDINGS, type Ending, ROLES, type Role } from "../../../shared/vocabulary";
import { DEFAULT_DIFFICULTY, difficultyChoices, MEASURED_ODDS } from "./difficulty";
import { RAW_JARGON } from "./glossary";

const none = Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<Ending, number>;
const odds = (catastrophe: number, flourishing: number): EndingOdds => ({
  endings: { ...none, takeover: catastrophe, flourishing, muddling: 1 - catastrophe - flourishing },
  catastrophe,
  welfare: 60,
});
const byRole = (o: EndingOdds) =>
  Object.fromEntries(ROLES.map((r) => [r, o])) as Record<Role, EndingOdds>;
const MEASURED: DifficultyOdds = {
  scenario: "standard",
  games: 2000,
  seed: 1,
  odds: {
    gentle: byRole(odds(0.05, 0.6)),
    standard: byRole(odds(0.2, 0.3)),
    hard: { ...byRole(odds(0.5, 0.1)), lab: odds(0.62, 0.04) },
  },
};

describe("difficulty choices", () => {
  it("list every level with its odds for the role chosen", () => {
    const choices = difficultyChoices(MEASURED, "government");
    expect(choices.map((c) => c.id)).toEqual([...DIFFICULTIES]);
    expect(choices[0]!.odds).toBe("Catastrophe 5% · Flourishing 60%");
    expect(choices[2]!.odds).toBe("Catastrophe 50% · Flourishing 10%");
    expect(difficultyChoices(MEASURED, "lab")[2]!.odds).toBe("Catastrophe 62% · Flourishing 4%");
    expect(choices[0]!.detail).toMatch(
      /^How games ended .*Flourishing 60%, Muddling through 35%, AI takeover 5%\./,
    );
    expect(choices[0]!.detail).toContain("2,000 games");
    expect(choices.every((c) => c.name && c.description)).toBe(true);
  });

  it("name the endings in plain words, as every other screen does", () => {
    const endings = { ...none, goodhart_lockin: 0.2, dystopia: 0.1, muddling: 0.7 };
    const o: EndingOdds = { endings, catastrophe: 0.2, welfare: 60 };
    const measured: DifficultyOdds = {
      ...MEASURED,
      odds: { ...MEASURED.odds, standard: byRole(o) },
    };
    const detail = difficultyChoices(measured, "lab")[1]!.detail;
    expect(detail).toContain("Numbers trap 20%");
    expect(detail).toContain("Hollow growth 10%");
    expect(detail).not.toMatch(RAW_JARGON);
  });

  it("say so when the odds are not measured, and start at a level there is", () => {
    expect(difficultyChoices(null, "company").every((c) => c.odds === null)).toBe(true);
    expect(DIFFICULTIES).toContain(DEFAULT_DIFFICULTY);
  });

  it("have measured odds for every level and role once the harness wrote them", () => {
    if (!MEASURED_ODDS) return;
    for (const role of ROLES)
      for (const c of difficultyChoices(MEASURED_ODDS, role))
        expect(c.odds).toMatch(/^Catastrophe/);
  });
});
