/**
 * Warms the main thread up as the server starts: a few bot games of the Standard scenario
 * played through the rules, every action through the gate's message schema, every seat's view
 * and its patch feed encoded as Colyseus sends it, and the state hash, so that
 * V8 has compiled that code before the first tables need it. Run cold, the first round of the
 * first tables (a workshop's six starting at once) stalled the event loop by about 100 ms in
 * the workshop bench, and those first actions were its slowest replies. About 150 ms of one
 * core once; the odds threads warm themselves up the same way (`oddsWorker.ts`).
 */
import { getMessageBytes, Protocol } from "@colyseus/core";
import { applyAction } from "../shared/actions";
import { botActions } from "../shared/bots";
import { createGame } from "../shared/create";
import { advance } from "../shared/game";
import { hashState } from "../shared/hash";
import { STANDARD } from "../shared/presets";
import { clientMessages } from "../shared/protocol";
import { harnessPersonalities } from "../shared/selfplay";
import type { GameState } from "../shared/state";
import { botView, publicView, viewFor } from "../shared/views";
import { ClientFeed } from "./feed";

/** Plays `games` bot games with every seat's feed; returns their final states' hashes. */
export function warmUp(games = 2): string[] {
  const hashes: string[] = [];
  for (let g = 0; g < games; g++) {
    const seed = 1 + g;
    const { seats, personalities } = harnessPersonalities(STANDARD, seed, "mixed");
    let state: GameState = createGame(STANDARD, seed, seats);
    const feeds = state.seats.map((_, i) => new ClientFeed(i % 2 === 0));
    while (state.phase !== "ended") {
      const pub = publicView(state);
      for (let i = 0; i < state.seats.length; i++) {
        const message = feeds[i]!.view(viewFor(state, state.seats[i]!.id), pub);
        if (message) getMessageBytes.raw(Protocol.ROOM_DATA, message.type, message.body);
      }
      if (state.phase === "act" || state.phase === "legislate") {
        const opening = state;
        for (const seat of opening.seats) {
          const actions = botActions(botView(opening, seat.id), STANDARD, personalities[seat.id]!);
          for (const action of actions) {
            if (!clientMessages.action.safeParse({ action }).success)
              throw new Error(`the gate refuses a bot's action: ${JSON.stringify(action)}`);
            const result = applyAction(state, seat.id, action);
            if (result.ok) state = result.state;
          }
        }
      }
      state = advance(state);
    }
    hashes.push(hashState(state));
  }
  return hashes;
}
