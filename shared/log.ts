/**
 * The action log: a finished game is its scenario, its seed, its seats and every action taken,
 * in order, with the phase it was taken in. Replaying a log gives the same final state; a
 * counterfactual replays a log up to a round and then lets bots play every seat under a change
 * (for the debrief: "the same game with no regulation passed").
 */
import { type Action, applyAction } from "./actions";
import type { Personality } from "./bots/personalities";
import { personalityPolicies, playBots } from "./bots/policy";
import { createGame, type SeatSpec } from "./create";
import { advance } from "./game";
import type { Scenario } from "./scenario";
import type { GameState, SeatId } from "./state";

export interface LoggedAction {
  readonly round: number;
  readonly phase: "act" | "legislate";
  readonly seat: SeatId;
  readonly action: Action;
}

export interface GameLog {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly seats: readonly SeatSpec[];
  /** The personality a bot plays each seat with (for people: the bot that stands in for them). */
  readonly personalities: Readonly<Record<SeatId, Personality>>;
  readonly actions: LoggedAction[];
}

export type Change = "none" | "noRegulation";

export class ReplayError extends Error {}

/** Replays a log; throws ReplayError if a logged action is no longer legal. */
export function replay(log: GameLog): GameState {
  let state = createGame(log.scenario, log.seed, log.seats);
  let i = 0;
  while (state.phase !== "ended") {
    if (state.phase === "act" || state.phase === "legislate") {
      while (
        i < log.actions.length &&
        log.actions[i]!.round === state.round &&
        log.actions[i]!.phase === state.phase
      ) {
        const entry = log.actions[i++]!;
        const result = applyAction(state, entry.seat, entry.action);
        if (!result.ok)
          throw new ReplayError(`round ${entry.round} ${entry.seat}: ${result.error.message}`);
        state = result.state;
      }
    }
    state = advance(state);
  }
  return state;
}

export interface BotGameOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly seats: readonly SeatSpec[];
  readonly personalities: Readonly<Record<SeatId, Personality>>;
}

/** Plays a whole game with bots in every seat; returns the final state and its log. */
export function playBotGame(options: BotGameOptions): { state: GameState; log: GameLog } {
  const actions: LoggedAction[] = [];
  const policies = personalityPolicies(options.personalities);
  let state = createGame(options.scenario, options.seed, options.seats);
  while (state.phase !== "ended") {
    state = playBots(state, policies, actions);
    state = advance(state);
  }
  return { state, log: { ...options, actions } };
}

/**
 * Replays the log's first `fromRound - 1` rounds exactly, then plays the rest with bots in
 * every seat under the change. With `noRegulation`, governments make no proposals from then on.
 */
export function counterfactual(log: GameLog, change: Change, fromRound = 1): GameState {
  let state = createGame(log.scenario, log.seed, log.seats);
  let i = 0;
  const policies = personalityPolicies(log.personalities);
  const filter = (_seat: SeatId, action: Action) =>
    change !== "noRegulation" || (action.type !== "propose" && action.type !== "repeal");
  while (state.phase !== "ended") {
    if (state.round < fromRound && (state.phase === "act" || state.phase === "legislate")) {
      while (
        i < log.actions.length &&
        log.actions[i]!.round === state.round &&
        log.actions[i]!.phase === state.phase
      ) {
        const entry = log.actions[i++]!;
        const result = applyAction(state, entry.seat, entry.action);
        if (result.ok) state = result.state;
      }
    } else {
      state = playBots(state, policies, null, filter);
    }
    state = advance(state);
  }
  return state;
}
