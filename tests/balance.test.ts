/**
 * The balance targets of DESIGN.md section 10 on a small fixed-seed sample, with margins, so
 * that a change which breaks the balance fails CI. The measurement and the checks are the
 * harness's own (`measure` in shared/harness/measure.ts, `balanceChecks` in
 * shared/selfplay.ts), run here in this thread on fewer games, a sample of the fixed
 * openings and a coarser best-response grid; the full run is `npm run selfplay`.
 *
 * The world model is being retuned to meet version 2 of the targets, so this file asserts the
 * clauses that hold on the current model (`HOLDS`) and lists the rest as to-do: move a clause
 * into `HOLDS` once the model meets it. The goals themselves are never changed here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DIFFICULTIES, difficultySeats, playerSeat } from "../shared/difficulty";
import { DIFFICULTY_ODDS } from "../shared/difficultyOdds";
import { runHere } from "../shared/harness/jobs";
import { type Measured, measure } from "../shared/harness/measure";
import { enumerateOpenings, type Opening } from "../shared/harness/openings";
import { STANDARD } from "../shared/presets";
import { balanceChecks, type Check } from "../shared/selfplay";
import { ENDINGS, ROLES } from "../shared/vocabulary";

const GAMES = 200;
const SEED = 7001;

/** Every 40th opening, and the ones known to come closest to solving the game. */
function openingSample(): Opening[] {
  const all = enumerateOpenings(STANDARD);
  const strong: Opening[] = [
    [
      { regulation: "welfare_statistics", strength: 3, accord: false },
      { regulation: "compute_licensing", strength: 3, accord: false },
    ],
    [
      { regulation: "pre_deployment_evals", strength: 3, accord: false },
      { regulation: "welfare_statistics", strength: 3, accord: false },
    ],
    [
      { regulation: "pre_deployment_evals", strength: 3, accord: false },
      { regulation: "compute_licensing", strength: 3, accord: false },
    ],
    [
      { regulation: "pre_deployment_evals", strength: 3, accord: false },
      { regulation: "moratorium", strength: 3, accord: true },
    ],
    [{ regulation: "moratorium", strength: 3, accord: true }],
  ];
  return [...all.filter((_, i) => i % 40 === 0), ...strong];
}

let m: Measured;
let checks: Check[];

beforeAll(async () => {
  m = await measure(
    STANDARD,
    {
      games: GAMES,
      seed: SEED,
      policies: ["none", "sensible", "max", "theatre", "mixed"],
      counterfactual: true,
      openings: { screen: 6, finalists: 4, safest: 2, list: openingSample() },
      responses: { screen: 10, finalists: 3, games: 80, units: 2 },
      difficulty: { games: 30 },
    },
    runHere,
  );
  checks = balanceChecks(m, true);
}, 120_000);

/**
 * The clauses that hold on the current model, on this sample (with its margins) and in the
 * full run (`npm run selfplay -- --games 2000 --seed 1`).
 */
const HOLDS = new Set<string>([
  "1.bad",
  "1.misuse",
  "1.centralisation",
  "1.goodhart",
  "1.takeover",
  "1.flourishing",
  "2.catastrophe",
  "2.flourishing",
  "2.welfare",
  "3.catastrophe",
  "3.welfare",
  "3.flourishing",
  "4.catastrophe",
  "4.visible",
  "5.corrFirst",
  "5.corrLast",
  "5.shape",
  "5.proxy",
  "5.lever.automation",
  "5.lever.externalisation",
  "5.lever.engagement",
  "5.lever.consolidation",
  "5.lever.delegation",
  "6.best",
  "6.every",
  "6.margin",
  "7.lab.flourishing",
  "7.lab.catastrophe",
  "7.company.flourishing",
  "7.company.catastrophe",
  "7.auc",
  "8.closeCall",
  "8.early",
  "8.incident",
  "8.warned",
  "9.government.spread",
  "9.government.first",
  "9.government.swing",
  "9.lab.spread",
  "9.lab.first",
  "9.lab.swing",
  "9.lab.tension",
  "9.company.spread",
  "9.company.first",
  "9.company.swing",
  "9.company.tension",
  "10.identical",
]);

/**
 * Clauses not met by the current model in the full run (2,000 games from seed 1), listed
 * with their figure and not asserted (none at present; a retuning that loses one lists it here).
 */
const NOT_YET: Record<string, string> = {};

const measured = (c: Check) => !c.figure.startsWith("n/a");

function expectHolds(target: number) {
  const mine = checks.filter((c) => c.target === target);
  expect(mine.length, `target ${target} has clauses`).toBeGreaterThan(0);
  for (const c of mine) {
    expect(measured(c), `${c.id} ${c.clause} was not measured`).toBe(true);
    if (HOLDS.has(c.id))
      expect(c.ok, `${c.id} ${c.clause}: ${c.figure}, goal ${c.goal}`).toBe(true);
  }
}

describe("balance on a fixed-seed sample (targets with margins)", () => {
  const names: Record<number, string> = {
    1: "unregulated, the world falls",
    2: "sensible play pays but is not safe",
    3: "over-regulating costs",
    4: "theatre changes nothing that matters",
    5: "Goodhart emerges from the optimiser (no shock)",
    6: "no fixed plan solves it",
    7: "skill, not the draw",
    8: "pace",
    9: "every seat matters, none dominates",
    10: "a fair counterfactual",
  };
  for (let t = 1; t <= 10; t++) it(`${t}: ${names[t]}`, () => expectHolds(t));
  for (const [id, why] of Object.entries(NOT_YET)) it.todo(`${id}: ${why}`);

  it("every clause is either asserted or listed as not yet met", () => {
    for (const c of checks)
      if (c.ok !== null) expect(HOLDS.has(c.id) || c.id in NOT_YET, c.id).toBe(true);
  });
});

describe("the harness's searches and difficulty tables", () => {
  it("enumerates every opening of at most two regulations", () => {
    const n = STANDARD.regulations.length * 6;
    const pairs = (n * (n - 1)) / 2 - STANDARD.regulations.length * 15;
    expect(enumerateOpenings(STANDARD).length).toBe(1 + n + pairs);
  });

  it("seats a solo table for each difficulty, the player's seat left out", () => {
    for (const level of DIFFICULTIES)
      for (const role of ROLES) {
        const seats = difficultySeats(level, STANDARD, role);
        const mine = playerSeat(STANDARD, role)!;
        expect(Object.keys(seats)).toHaveLength(STANDARD.seats.length - 1);
        expect(seats[mine]).toBeUndefined();
      }
  });

  it("has the generated odds of every ending for every level and role", () => {
    expect(DIFFICULTY_ODDS.scenario).toBe(STANDARD.id);
    for (const level of DIFFICULTIES)
      for (const role of ROLES) {
        const odds = DIFFICULTY_ODDS.odds[level][role];
        const sum = ENDINGS.reduce((a, e) => a + odds.endings[e], 0);
        expect(sum).toBeCloseTo(1, 2);
      }
    // The sample's measurement agrees with the table's in direction: gentle beats hard.
    const d = m.difficulty!;
    for (const role of ROLES)
      expect(d.odds.gentle[role].welfare).toBeGreaterThan(d.odds.hard[role].welfare);
  });
});
