/**
 * Odds from here (DESIGN.md section 12): the share of each ending in bot continuations of a
 * table's state. Each continuation plays a copy of the state to its end under the same rules,
 * with the table's luck varied (its seed replaced by one drawn for the run) and every seat
 * played by a built-in bot personality drawn for the run, as the self-play harness draws them
 * (`harnessPersonalities` with governments "mixed"), so the odds cover the ways a table could
 * play on rather than one bot's habit. Pure: the same state, runs and luck give the same
 * shares; the state given is never changed. The server runs it off its event loop
 * (`server/odds.ts`).
 */
import {
  COMPANY_PERSONALITIES,
  GOVERNMENT_PERSONALITIES,
  LAB_PERSONALITIES,
  type Personality,
} from "./bots/personalities";
import { personalityPolicies, playBots } from "./bots/policy";
import { advance } from "./game";
import { Rng, seedRng } from "./rng";
import type { GameState, SeatId } from "./state";
import { ENDINGS, type Ending, type Role } from "./vocabulary";
import type { EndingShares } from "./workshop";

/** Most continuations one call plays (a guard against a request that would never end). */
export const MAX_ODDS_RUNS = 100_000;

const POOLS: Record<Role, readonly Personality[]> = {
  government: GOVERNMENT_PERSONALITIES,
  lab: LAB_PERSONALITIES,
  company: COMPANY_PERSONALITIES,
};

/** The generator of run `run`'s luck: fixed by `luck` and the run, by nothing else. */
function runRng(luck: number, run: number): Rng {
  return new Rng(seedRng((luck ^ Math.imul(run + 1, 0x9e3779b9)) >>> 0));
}

/**
 * The luck a table's odds are drawn with at its current round: fixed by the table's seed and
 * the round, so the odds of a round are the same wherever and however often they are computed.
 */
export function tableLuck(state: GameState): number {
  return (state.seed ^ Math.imul(state.round + 1, 0x85ebca6b)) >>> 0;
}

/** Whether the state's ending is already decided (Resolve named it), so no run is needed. */
export function endingDecided(state: GameState): boolean {
  return state.ending !== null && (state.phase === "ended" || state.phase === "resolve");
}

/** Every ending at zero. */
function zeroShares(): Record<Ending, number> {
  return Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<Ending, number>;
}

/**
 * Plays one continuation of `state` to its end: the seed replaced by one drawn from `rng`,
 * each seat played by a personality drawn from `rng`. Returns the ending.
 */
export function continuation(state: GameState, rng: Rng): Ending {
  if (state.phase === "ended" && state.ending) return state.ending;
  const seed = rng.nextU32();
  const personalities: Record<SeatId, Personality> = {};
  for (const seat of state.seats) personalities[seat.id] = rng.pick(POOLS[seat.role]);
  const policies = personalityPolicies(personalities);
  let s: GameState = { ...state, seed };
  while (s.phase !== "ended") {
    s = playBots(s, policies, null);
    s = advance(s);
  }
  if (!s.ending) throw new Error("a continuation ended without an ending");
  return s.ending;
}

/**
 * The share of each ending (0 to 1, summing to 1) in `runs` continuations of `state`, run
 * `i` with the luck of `luck` and `i`. A state that has ended gives its ending 1 whatever
 * `runs` is. Throws a RangeError when `runs` is not a whole number from 1 to MAX_ODDS_RUNS.
 */
export function oddsFrom(state: GameState, runs: number, luck: number): EndingShares {
  return oddsUntil(state, runs, luck, runs, () => false).shares;
}

/**
 * `oddsFrom` that may stop early: after each continuation from the `least`-th on, `stop()` is
 * asked whether to stop (the server's odds stop at a deadline on a busy machine). The shares
 * of the `runs` played are those `oddsFrom` gives for that many runs; `runs` is 0 when the
 * ending was already decided. `least` is held to 1 to `runs`.
 */
export function oddsUntil(
  state: GameState,
  runs: number,
  luck: number,
  least: number,
  stop: () => boolean,
): { shares: EndingShares; runs: number } {
  const shares = zeroShares();
  if (state.ending && endingDecided(state)) {
    shares[state.ending] = 1;
    return { shares, runs: 0 };
  }
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_ODDS_RUNS)
    throw new RangeError(`runs must be a whole number from 1 to ${MAX_ODDS_RUNS} (got ${runs})`);
  const atLeast = Math.min(Math.max(1, Math.floor(least) || 1), runs);
  let played = 0;
  while (played < runs) {
    shares[continuation(state, runRng(luck, played))] += 1;
    played++;
    if (played >= atLeast && played < runs && stop()) break;
  }
  for (const e of ENDINGS) shares[e] /= played;
  return { shares, runs: played };
}
