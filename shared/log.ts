/**
 * The action log: a finished game is its scenario, its seed, its seats and every action taken,
 * in order, with the phase it was taken in. Replaying a log gives the same final state; a
 * counterfactual replays it under a change (for the debrief: "the same game with no regulation
 * passed": every action but the legislation, with the game's own luck). Injects pushed into
 * the game are logged beside the actions, with the round and phase they were pushed in, and
 * replayed in both; scheduled ones come with the scenario.
 */
import { type Action, applyAction } from "./actions";
import type { Personality } from "./bots/personalities";
import { personalityPolicies, playBots } from "./bots/policy";
import { createGame, type SeatSpec } from "./create";
import { advance } from "./game";
import { type LoggedInject, pushInject } from "./injects";
import type { Scenario } from "./scenario";
import type { GameState, SeatId } from "./state";

export interface LoggedAction {
  readonly round: number;
  readonly phase: "act" | "legislate";
  readonly seat: SeatId;
  readonly action: Action;
  /**
   * A bot took it for the person who holds the seat while they were away (tables with people
   * only; replay ignores it).
   */
  readonly standIn?: true;
}

export interface GameLog {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly seats: readonly SeatSpec[];
  /** The personality a bot plays each seat with (for people: the bot that stands in for them). */
  readonly personalities: Readonly<Record<SeatId, Personality>>;
  readonly actions: LoggedAction[];
  /**
   * The injects pushed into the game, in the order they were pushed (absent in logs from
   * before injects existed: none were).
   */
  readonly injects?: readonly LoggedInject[];
}

export type Change = "none" | "noRegulation";

export class ReplayError extends Error {}

/**
 * A log being replayed, phase by phase: `enter` applies what the log holds for the phase in
 * play (its injects, then its actions) and leaves it open; the caller then `advance`s it or
 * stops there. Throws ReplayError if a logged action or inject is no longer accepted, or one
 * was logged before the phase it is met in.
 */
export class Replayer {
  state: GameState;
  private i = 0;
  private j = 0;

  constructor(private readonly log: GameLog) {
    this.state = createGame(log.scenario, log.seed, log.seats);
  }

  /** Whether every logged action and inject has been applied. */
  get done(): boolean {
    return this.i >= this.log.actions.length && this.j >= (this.log.injects ?? []).length;
  }

  enter(): void {
    const injects = this.log.injects ?? [];
    const { actions } = this.log;
    if (this.j < injects.length && phaseRank(injects[this.j]!) < phaseRank(this.state))
      throw new ReplayError(`inject ${injects[this.j]!.inject}: logged out of order`);
    while (this.j < injects.length && isAt(injects[this.j]!, this.state)) {
      const entry = injects[this.j++]!;
      const result = pushInject(this.state, entry.inject);
      if (!result.ok)
        throw new ReplayError(
          `round ${entry.round} inject ${entry.inject}: ${result.error.message}`,
        );
      this.state = result.state;
    }
    while (this.i < actions.length && isAt(actions[this.i]!, this.state)) {
      const entry = actions[this.i++]!;
      const result = applyAction(this.state, entry.seat, entry.action);
      if (!result.ok)
        throw new ReplayError(`round ${entry.round} ${entry.seat}: ${result.error.message}`);
      this.state = result.state;
    }
  }

  advance(): void {
    this.state = advance(this.state);
  }
}

/** Replays a log; throws ReplayError if a logged action or inject is no longer accepted. */
export function replay(log: GameLog): GameState {
  const r = new Replayer(log);
  while (r.state.phase !== "ended") {
    r.enter();
    r.advance();
  }
  return r.state;
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

/** The actions that make law: the "no regulation" world replays everything but these. */
const LEGISLATION: ReadonlySet<Action["type"]> = new Set(["propose", "repeal", "vote"]);

/**
 * The same game under a change (the debrief's "the same game with no regulation passed").
 * Every logged action is replayed, people's and bots' alike, in its round and phase, except
 * that with `noRegulation` no proposal, repeal or vote is replayed from round `fromRound` on;
 * an action the changed world refuses (say, evading a rule that never passed) is dropped.
 * Luck is the game's own: shocks, incidents and hazards come from streams fixed by the seed
 * and the round (`rng.ts`), so a game in which nothing passed is its own counterfactual, hash
 * for hash. If the changed world outlives the game (the game ended in a catastrophe that the
 * change avoided), each seat's bot plays the rounds the log does not cover, still under the
 * change. Injects are the world's, not anyone's decision: every logged one is pushed again in
 * its round and phase (one the changed world refuses, say after it ended, is dropped).
 */
export function counterfactual(log: GameLog, change: Change, fromRound = 1): GameState {
  let state = createGame(log.scenario, log.seed, log.seats);
  const lastLogged = log.actions.reduce((r, a) => Math.max(r, a.round), 0);
  const policies = personalityPolicies(log.personalities);
  const kept = (round: number, action: Action) =>
    change !== "noRegulation" || round < fromRound || !LEGISLATION.has(action.type);
  const injects = log.injects ?? [];
  let i = 0;
  let j = 0;
  while (state.phase !== "ended") {
    while (j < injects.length && phaseRank(injects[j]!) < phaseRank(state)) j++;
    while (j < injects.length && isAt(injects[j]!, state)) {
      const result = pushInject(state, injects[j++]!.inject);
      if (result.ok) state = result.state;
    }
    if (state.round > lastLogged) {
      state = playBots(state, policies, null, (_seat, action) => kept(state.round, action));
    } else if (state.phase === "act" || state.phase === "legislate") {
      while (i < log.actions.length && before(log.actions[i]!, state.round, state.phase)) i++;
      while (
        i < log.actions.length &&
        log.actions[i]!.round === state.round &&
        log.actions[i]!.phase === state.phase
      ) {
        const entry = log.actions[i++]!;
        if (!kept(entry.round, entry.action)) continue;
        const result = applyAction(state, entry.seat, entry.action);
        if (result.ok) state = result.state;
      }
    }
    state = advance(state);
  }
  return state;
}

/** Whether a logged action comes before this round and phase (so the replay skips it). */
function before(entry: LoggedAction, round: number, phase: "act" | "legislate"): boolean {
  return entry.round < round || (entry.round === round && entry.phase === "act" && phase !== "act");
}

const PHASE_RANK = { news: 0, act: 1, legislate: 2, resolve: 3, ended: 4 } as const;

/** Where a round and phase stand in the game's course, for ordering log entries. */
function phaseRank(at: { readonly round: number; readonly phase: GameState["phase"] }): number {
  return at.round * 5 + PHASE_RANK[at.phase];
}

/** Whether a logged inject or action was taken in the state's round and phase. */
function isAt(entry: LoggedInject | LoggedAction, state: GameState): boolean {
  return entry.round === state.round && entry.phase === state.phase;
}
