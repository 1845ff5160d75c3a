/**
 * A game in play: the rules' state, the action log (people's and bots' actions, in order, with
 * the round and phase they were taken in, as `replay` expects) and the saved-game record.
 * Everything goes through the rules' `applyAction` and `advance`; nothing here knows about
 * connections.
 */
import { nanoid } from "nanoid";
import { type Action, applyAction, type RuleError } from "../shared/actions";
import type { Personality } from "../shared/bots/personalities";
import { createGame, type SeatSpec } from "../shared/create";
import { advance } from "../shared/game";
import { hashState } from "../shared/hash";
import type { GameLog, LoggedAction } from "../shared/log";
import type { Scenario } from "../shared/scenario";
import { scores } from "../shared/scoring";
import type { GameState, SeatId } from "../shared/state";
import type { SavedGame } from "./store";

export class Match {
  readonly id = nanoid(12);
  readonly createdAt = Date.now();
  readonly seats: readonly SeatSpec[];
  readonly actions: LoggedAction[] = [];
  state: GameState;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    roles: readonly SeatSpec[],
    readonly personalities: Record<SeatId, Personality>,
  ) {
    this.seats = roles;
    this.state = createGame(scenario, seed, roles);
  }

  /** Applies one seat's action through the rules; logs it when accepted. */
  apply(seat: SeatId, action: Action): RuleError | null {
    const phase = this.state.phase;
    const result = applyAction(this.state, seat, action);
    if (!result.ok) return result.error;
    this.state = result.state;
    if (phase === "act" || phase === "legislate") {
      this.actions.push({ round: this.state.round, phase, seat, action });
    }
    return null;
  }

  advance(): void {
    this.state = advance(this.state);
  }

  get ended(): boolean {
    return this.state.phase === "ended";
  }

  log(): GameLog {
    return {
      scenario: this.scenario,
      seed: this.seed,
      seats: this.seats,
      personalities: { ...this.personalities },
      actions: [...this.actions],
    };
  }

  record(code: string, people: Record<SeatId, string | null>, abandoned: boolean): SavedGame {
    const ended = this.ended;
    return {
      id: this.id,
      code,
      createdAt: this.createdAt,
      updatedAt: Date.now(),
      status: ended ? "ended" : abandoned ? "abandoned" : "playing",
      round: this.state.round,
      people,
      log: this.log(),
      history: this.state.history,
      ending: ended ? this.state.ending : null,
      scores: ended ? scores(this.state) : null,
      finalHash: ended ? hashState(this.state) : null,
    };
  }
}
