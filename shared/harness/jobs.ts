/**
 * The harness's unit of work, as plain data so that a worker thread can run it: a batch of
 * seeded games of one table (a government policy drawing the seats, seats or roles played by
 * a policy named as data: a personality, a fixed opening or a grid response), with each
 * game's record and, on request, the debrief's "no regulation" counterfactual of it.
 * `runGamesJob` is pure; a `Runner` runs many jobs (in this thread, or on a pool).
 */
import type { GovernmentPolicy, Personality } from "../bots/personalities";
import { personalityPolicy } from "../bots/policy";
import { hashState } from "../hash";
import { counterfactual } from "../log";
import type { Scenario } from "../scenario";
import { countedWelfare } from "../scoring";
import { type GameRecord, type NamedPolicy, runHarnessGame } from "../selfplay";
import type { SeatId } from "../state";
import type { Role } from "../vocabulary";
import { type Opening, openingLabel, openingPolicy } from "./openings";
import { type Response, responseLabel, responsePolicy } from "./responses";

/** How a seat is played, as data. */
export type SeatPlay =
  | { readonly kind: "personality"; readonly personality: Personality }
  | { readonly kind: "opening"; readonly opening: Opening }
  | { readonly kind: "response"; readonly response: Response };

export interface GamesJob {
  readonly scenario: Scenario;
  /** The policy whose draw seats the table (`harnessPersonalities`). */
  readonly policy: GovernmentPolicy;
  readonly seeds: readonly number[];
  /** Every seat of a role played this way. */
  readonly roles?: Partial<Record<Role, SeatPlay>>;
  /** These seats played this way (over `roles`). */
  readonly seats?: Readonly<Record<SeatId, SeatPlay>>;
  /** Keep each round's figures in the records (false: `rounds` is empty). */
  readonly rounds: boolean;
  /** Also play the debrief's "no regulation" counterfactual of each game. */
  readonly counterfactual: boolean;
}

export interface CounterfactualFigures {
  /** Whether the counterfactual's final state hashes as the game's. */
  readonly identical: boolean;
  readonly welfareCounted: number;
}

export interface GameResult {
  readonly record: GameRecord;
  readonly counterfactual: CounterfactualFigures | null;
}

/** Runs jobs, each to its list of results in seed order. */
export type Runner = (jobs: readonly GamesJob[]) => Promise<GameResult[][]>;

export function playName(play: SeatPlay): string {
  switch (play.kind) {
    case "personality":
      return play.personality;
    case "opening":
      return `opening: ${openingLabel(play.opening)}`;
    case "response":
      return `response: ${responseLabel(play.response)}`;
  }
}

function namedPolicy(play: SeatPlay): NamedPolicy {
  const name = playName(play);
  switch (play.kind) {
    case "personality":
      return { name, policy: personalityPolicy(play.personality) };
    case "opening":
      return { name, policy: openingPolicy(play.opening) };
    case "response":
      return { name, policy: responsePolicy(play.response) };
  }
}

export function runGamesJob(job: GamesJob): GameResult[] {
  const results: GameResult[] = [];
  const roleIds: Record<Role, SeatId[]> = { government: [], lab: [], company: [] };
  const counts: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const prefix: Record<Role, string> = { government: "G", lab: "L", company: "C" };
  for (const role of job.scenario.seats) roleIds[role].push(`${prefix[role]}${++counts[role]}`);
  // Personalities go into the game's own draw (so its log names them); other plays are policies.
  const personalities: Record<SeatId, Personality> = {};
  const seats: Record<SeatId, NamedPolicy> = {};
  const place = (seat: SeatId, play: SeatPlay) => {
    if (play.kind === "personality") {
      personalities[seat] = play.personality;
      delete seats[seat];
    } else {
      seats[seat] = namedPolicy(play);
      delete personalities[seat];
    }
  };
  for (const [role, play] of Object.entries(job.roles ?? {}) as [Role, SeatPlay][])
    for (const seat of roleIds[role]) place(seat, play);
  for (const [seat, play] of Object.entries(job.seats ?? {})) place(seat, play);
  for (const seed of job.seeds) {
    const game = runHarnessGame(job.scenario, seed, job.policy, {}, { seats, personalities });
    let cf: CounterfactualFigures | null = null;
    if (job.counterfactual) {
      const world = counterfactual(game.log, "noRegulation");
      cf = {
        identical: hashState(world) === game.record.finalHash,
        welfareCounted: countedWelfare(world),
      };
    }
    const record = job.rounds ? game.record : { ...game.record, rounds: [] };
    results.push({ record, counterfactual: cf });
  }
  return results;
}

/** The runner that plays every job here, one after another. */
export const runHere: Runner = async (jobs) => jobs.map(runGamesJob);

/** Seeds from..from+count−1, as the harness numbers games (unsigned 32-bit). */
export function seedRange(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, g) => (from + g) >>> 0);
}
