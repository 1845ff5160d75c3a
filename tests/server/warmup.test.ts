import { describe, expect, it } from "vitest";
import { warmUp } from "../../server/warmup";
import { applyAction } from "../../shared/actions";
import { botActions } from "../../shared/bots";
import { createGame } from "../../shared/create";
import { advance } from "../../shared/game";
import { hashState } from "../../shared/hash";
import { STANDARD } from "../../shared/presets";
import { harnessPersonalities } from "../../shared/selfplay";
import { botView } from "../../shared/views";

/** The same game without any views or feeds: what the rules alone make of seed 1. */
function botsAlone(seed: number): string {
  const { seats, personalities } = harnessPersonalities(STANDARD, seed, "mixed");
  let state = createGame(STANDARD, seed, seats);
  while (state.phase !== "ended") {
    if (state.phase === "act" || state.phase === "legislate") {
      const opening = state;
      for (const seat of opening.seats) {
        for (const action of botActions(
          botView(opening, seat.id),
          STANDARD,
          personalities[seat.id]!,
        )) {
          const result = applyAction(state, seat.id, action);
          if (result.ok) state = result.state;
        }
      }
    }
    state = advance(state);
  }
  return hashState(state);
}

describe("the server's warm-up", () => {
  it("plays whole games through the views and feeds, which change nothing in them", () => {
    const hashes = warmUp(2);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hashes[1]);
    // Computing every seat's view and patch along the way leaves the games as the rules make them.
    expect(hashes).toEqual([botsAlone(1), botsAlone(2)]);
  });
});
