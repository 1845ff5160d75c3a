/**
 * Difficulty for solo play (DESIGN.md section 11): what the bots at the other seats are like.
 * Each level gives, role by role, the personalities of the bot seats in seat order (the
 * player's own seat left out); `difficultySeats` seats a table for a player in a role. The
 * harness measures each level's odds of every ending for a player who does nothing special
 * (`PLAYER_STAND_IN` plays the player's seat) and `npm run odds` writes them into
 * `difficultyOdds.ts`, which the title screen shows beside the labels here.
 */
import type { Personality } from "./bots/personalities";
import { seatIdsFor } from "./create";
import type { Scenario } from "./scenario";
import type { SeatId } from "./state";
import type { Ending, Role } from "./vocabulary";

export const DIFFICULTIES = ["gentle", "standard", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_LABEL: Record<Difficulty, { name: string; description: string }> = {
  gentle: {
    name: "Gentle",
    description: "Careful governments that regulate in time, safety-first labs, cautious firms.",
  },
  standard: {
    name: "Standard",
    description:
      "A mixed table: careful governments, a racing lab beside an open-weights one, a greedy firm beside a cautious one.",
  },
  hard: {
    name: "Hard",
    description:
      "A careful government beside a populist one, racing and open-weights labs, greedy and consolidating firms.",
  },
};

/** The personalities of a role's bot seats at each level, in seat order (repeated if short). */
export const DIFFICULTY_TABLE: Record<Difficulty, Record<Role, readonly Personality[]>> = {
  gentle: {
    government: ["careful", "careful"],
    lab: ["safety-first", "safety-first"],
    company: ["cautious", "cautious"],
  },
  standard: {
    government: ["careful", "technocrat"],
    lab: ["racer", "open-weights"],
    company: ["greedy", "cautious"],
  },
  hard: {
    government: ["careful", "populist"],
    lab: ["racer", "open-weights"],
    company: ["greedy", "consolidator"],
  },
};

/** The bot that plays the player's seat when the harness measures the odds: no special play. */
export const PLAYER_STAND_IN: Record<Role, Personality> = {
  government: "sensible",
  lab: "safety-first",
  company: "cautious",
};

/** The player's seat at a solo table: the first seat of the role. */
export function playerSeat(scenario: Scenario, role: Role): SeatId | null {
  const ids = seatIdsFor(scenario.seats);
  const i = scenario.seats.indexOf(role);
  return i >= 0 ? ids[i]! : null;
}

/** The personalities of every bot seat at a solo table for a player in `playerRole`. */
export function difficultySeats(
  level: Difficulty,
  scenario: Scenario,
  playerRole: Role,
): Record<SeatId, Personality> {
  const ids = seatIdsFor(scenario.seats);
  const mine = playerSeat(scenario, playerRole);
  const next: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const out: Record<SeatId, Personality> = {};
  scenario.seats.forEach((role, i) => {
    const id = ids[i]!;
    if (id === mine) return;
    const list = DIFFICULTY_TABLE[level][role];
    out[id] = list[next[role]++ % list.length]!;
  });
  return out;
}

/** Each ending's share of the games, with the mean final true welfare (a catastrophe as a collapse). */
export interface EndingOdds {
  readonly endings: Record<Ending, number>;
  readonly catastrophe: number;
  readonly welfare: number;
}

/** The odds the title screen shows: by level, for a player in each role. */
export interface DifficultyOdds {
  readonly scenario: string;
  readonly games: number;
  readonly seed: number;
  readonly odds: Record<Difficulty, Record<Role, EndingOdds>>;
}
