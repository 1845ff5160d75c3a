/**
 * The saved-game record of a game in play: its log (people's and bots' actions, as `replay`
 * expects), round history, and once ended its ending, scores and final hash. The game itself
 * is run by the shared table runner; this only writes down what it holds.
 */
import { hashState } from "../shared/hash";
import { scores } from "../shared/scoring";
import type { SeatId } from "../shared/state";
import type { TableRunner } from "../shared/table/runner";
import type { SavedGame } from "./store";

export interface RecordMeta {
  readonly code: string;
  readonly createdAt: number;
  readonly now: number;
  /** The name of the person in each seat (null: a bot played it). */
  readonly people: Record<SeatId, string | null>;
  /** The server is closing with the game unfinished. */
  readonly abandoned: boolean;
  /** The round step failed (ModelError): the game was stopped as it was. */
  readonly halted?: boolean;
}

export function savedGame(game: TableRunner, meta: RecordMeta): SavedGame {
  const ended = game.ended;
  return {
    id: game.options.gameId,
    code: meta.code,
    createdAt: meta.createdAt,
    updatedAt: meta.now,
    status: ended ? "ended" : meta.halted ? "halted" : meta.abandoned ? "abandoned" : "playing",
    round: game.state.round,
    people: meta.people,
    log: game.log(),
    history: game.state.history,
    ending: ended ? game.state.ending : null,
    scores: ended ? scores(game.state) : null,
    finalHash: ended ? hashState(game.state) : null,
  };
}
