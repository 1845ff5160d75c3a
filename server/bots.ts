/**
 * Bots at a live table: each seat no person plays gets the rules' bot for its role and
 * personality, sees exactly its seat's view, and acts through the same gate as people
 * (rejected actions are ignored, as in `playBots`).
 */
import { botActions } from "../shared/bots";
import type { SeatId } from "../shared/state";
import { viewFor } from "../shared/views";
import type { Match } from "./match";

/** Lets the bots of `seats` take their turn in the current phase; returns how many acted. */
export function playBotTurns(match: Match, seats: readonly SeatId[]): number {
  const phase = match.state.phase;
  if (phase !== "act" && phase !== "legislate") return 0;
  let acted = 0;
  for (const seat of match.state.seats) {
    if (!seats.includes(seat.id)) continue;
    const personality = match.personalities[seat.id]!;
    const actions = botActions(viewFor(match.state, seat.id), match.scenario, personality);
    for (const action of actions) match.apply(seat.id, action);
    acted++;
  }
  return acted;
}
