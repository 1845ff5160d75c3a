import { describe, expect, it } from "vitest";
import { cloneState } from "./clone";
import { createGame } from "./create";
import { advance } from "./game";
import { hashState } from "./hash";
import { MAX_ODDS_RUNS, oddsFrom, oddsUntil } from "./odds";
import { STANDARD } from "./presets";
import { runHarnessGame } from "./selfplay";
import type { GameState } from "./state";
import { ENDINGS, type Ending } from "./vocabulary";

const CATASTROPHES: readonly Ending[] = ["misuse", "centralisation", "goodhart_lockin", "takeover"];
const sum = (shares: Readonly<Record<Ending, number>>) =>
  ENDINGS.reduce((n, e) => n + shares[e], 0);
const catastrophe = (shares: Readonly<Record<Ending, number>>) =>
  CATASTROPHES.reduce((n, e) => n + shares[e], 0);

/** Round 1's News of a standard game. */
const start = (): GameState => createGame(STANDARD, 7);

/**
 * The same table at the brink of takeover: the risk deep in its basin, a few points from 100,
 * and (in this table's scenario) no longer pulled back towards what drives it, so only the
 * basin's momentum moves it.
 */
function brink(): GameState {
  const s = cloneState(start());
  const scenario = { ...s.scenario, risks: { ...s.scenario.risks, response: 0 } };
  const near: GameState = { ...s, scenario };
  near.risks[3] = 97;
  near.inBasin[3] = true;
  return near;
}

describe("oddsFrom", () => {
  it("gives every ending a share, and the shares sum to 1", () => {
    const shares = oddsFrom(start(), 60, 1);
    expect(Object.keys(shares).sort()).toEqual([...ENDINGS].sort());
    for (const e of ENDINGS) {
      expect(shares[e]).toBeGreaterThanOrEqual(0);
      expect(shares[e]).toBeLessThanOrEqual(1);
    }
    expect(sum(shares)).toBeCloseTo(1, 12);
  });

  it("is deterministic: the same state, runs and luck give the same shares", () => {
    expect(oddsFrom(start(), 40, 123)).toEqual(oddsFrom(start(), 40, 123));
  });

  it("varies the luck: different luck gives different runs", () => {
    // Over several lucks, at least two disagree (one pair could agree by chance).
    const seen = new Set([1, 2, 3, 4].map((luck) => JSON.stringify(oddsFrom(start(), 30, luck))));
    expect(seen.size).toBeGreaterThan(1);
  });

  it("gives a game already ended its own ending, 100%", () => {
    const { state } = runHarnessGame(STANDARD, 3, "sensible");
    expect(state.phase).toBe("ended");
    const shares = oddsFrom(state, 50, 9);
    expect(shares[state.ending!]).toBe(1);
    expect(sum(shares)).toBe(1);
    // The ending is decided once Resolve has named it, too.
    expect(oddsFrom({ ...state, phase: "resolve" }, 50, 9)[state.ending!]).toBe(1);
  });

  it("gives a table at the brink of takeover a higher catastrophe share than the start", () => {
    const near = oddsFrom(brink(), 60, 5);
    const far = oddsFrom(start(), 60, 5);
    expect(catastrophe(near)).toBeGreaterThan(catastrophe(far));
    expect(near.takeover).toBeGreaterThan(far.takeover);
    expect(near.takeover).toBeGreaterThan(0.9);
  });

  it("plays from mid-game phases (Act, Legislate, Resolve) as well as News", () => {
    let s = start();
    for (let i = 0; i < 6; i++) {
      s = advance(s);
      expect(sum(oddsFrom(s, 10, 2))).toBeCloseTo(1, 12);
    }
  });

  it("does not change the state it is given", () => {
    const s = brink();
    const before = hashState(s);
    const json = JSON.stringify(s);
    oddsFrom(s, 30, 77);
    expect(hashState(s)).toBe(before);
    expect(JSON.stringify(s)).toBe(json);
  });

  it("refuses a number of runs that is not a whole number from 1 to the cap", () => {
    for (const runs of [0, -1, 1.5, Number.NaN, MAX_ODDS_RUNS + 1])
      expect(() => oddsFrom(start(), runs, 1)).toThrow(RangeError);
  });
});

describe("oddsUntil", () => {
  it("stops when asked, never before the least, with the shares oddsFrom gives for the runs played", () => {
    let asked = 0;
    const early = oddsUntil(start(), 60, 11, 8, () => ++asked >= 5);
    // Asked after runs 8 to 12; the fifth answer stops it.
    expect(early.runs).toBe(12);
    expect(asked).toBe(5);
    expect(early.shares).toEqual(oddsFrom(start(), 12, 11));
    expect(sum(early.shares)).toBeCloseTo(1, 12);
    const never = oddsUntil(start(), 25, 11, 8, () => false);
    expect(never).toEqual({ runs: 25, shares: oddsFrom(start(), 25, 11) });
    // A least above the runs asked plays the runs asked; a deadline long gone plays the least.
    expect(oddsUntil(start(), 6, 11, 30, () => true).runs).toBe(6);
    expect(oddsUntil(start(), 60, 11, 3, () => true).runs).toBe(3);
  });

  it("plays nothing for a decided ending and refuses the same runs oddsFrom refuses", () => {
    let s = start();
    while (s.phase !== "ended") s = advance(s);
    const decided = oddsUntil(s, 50, 9, 10, () => false);
    expect(decided.runs).toBe(0);
    expect(decided.shares[s.ending!]).toBe(1);
    for (const runs of [0, 1.5, MAX_ODDS_RUNS + 1])
      expect(() => oddsUntil(start(), runs, 1, 1, () => true)).toThrow(RangeError);
  });
});
