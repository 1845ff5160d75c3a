/**
 * The view patches: applying `diffJson(a, b)` to a copy of `a` gives `b`, for arbitrary JSON
 * and for real views from one round to the next; an unchanged view gives no operations.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PERSONALITY } from "../../shared/bots";
import { personalityPolicies, playBots } from "../../shared/bots/policy";
import { createGame, defaultSeats } from "../../shared/create";
import { advance } from "../../shared/game";
import { STANDARD } from "../../shared/presets";
import { applyPatch, diffJson } from "../../shared/viewpatch";
import { viewFor } from "../../shared/views";

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe("diffJson and applyPatch", () => {
  it("turn any JSON value into any other", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const patched = applyPatch(copy(a), diffJson(a, b));
        expect(copy(patched)).toEqual(copy(b));
      }),
      { numRuns: 2000 },
    );
  });

  it("follow a seat's view through a whole round, and say nothing when nothing changed", () => {
    let state = createGame(STANDARD, 7, defaultSeats(STANDARD));
    const personalities = Object.fromEntries(
      state.seats.map((s) => [s.id, DEFAULT_PERSONALITY[s.role]]),
    );
    let mirror = copy(viewFor(state, "C1"));
    for (let step = 0; step < 8; step++) {
      const next = viewFor(state, "C1");
      mirror = applyPatch(mirror, diffJson(mirror, next));
      // The same value (a patch does not promise the order of an object's keys).
      expect(mirror).toEqual(next);
      expect(diffJson(mirror, next)).toEqual([]);
      state = advance(playBots(state, personalityPolicies(personalities), null));
    }
    expect(state.round).toBe(3);
  });
});
