/**
 * The view patches: applying `diffJson(a, b)` to a copy of `a` gives `b`, for arbitrary JSON
 * and for real views from one round to the next; an unchanged view gives no operations; the
 * keys set whole in one object are one operation.
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

  it("set the changed keys of one object or array in one operation, own keys even for __proto__", () => {
    const prev = { a: { x: 1, y: 2, z: [0, 0, 0], w: "same" }, b: 1 };
    const next = { a: { x: 3, y: 4, z: [0, 5, 6, 7], w: "same" }, b: 2 };
    const ops = diffJson(prev, next);
    expect(ops).toEqual([
      { p: ["a", "z"], m: [1, 5, 2, 6, 3, 7] },
      { p: ["a"], m: ["x", 3, "y", 4] },
      { p: ["b"], v: 2 },
    ]);
    expect(applyPatch(copy(prev), ops)).toEqual(next);
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "k": 2}') as object;
    const patched = applyPatch<Record<string, unknown>>({ k: 1 }, diffJson({ k: 1 }, hostile));
    expect(Object.hasOwn(patched, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
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
