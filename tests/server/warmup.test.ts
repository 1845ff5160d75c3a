import { describe, expect, it } from "vitest";
import { warmUp } from "../../server/warmup";
import { hashState } from "../../shared/hash";
import { playBotGame } from "../../shared/log";
import { STANDARD } from "../../shared/presets";
import { harnessPersonalities } from "../../shared/selfplay";

/** The same game played by the rules' own bot loop, without any views or feeds. */
function botsAlone(seed: number): string {
  const { seats, personalities } = harnessPersonalities(STANDARD, seed, "mixed");
  return hashState(playBotGame({ scenario: STANDARD, seed, seats, personalities }).state);
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
