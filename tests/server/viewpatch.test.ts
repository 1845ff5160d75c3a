/**
 * The view patches: applying `diffJson(a, b)` to a copy of `a` gives `b`, for arbitrary JSON,
 * for arrays of records with uids and for real views from one round to the next, and applying
 * it with copies leaves `a` as it was; an unchanged view gives no operations; the keys set whole
 * in one object are one operation, a shared path is sent once, and a record taken out of the
 * middle of a list of records is spliced out without touching the others.
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

  it("turn lists of records with uids into one another, and leave the original with copies", () => {
    const record = fc.record({ uid: fc.nat(30), a: fc.nat(3), b: fc.constantFrom("x", "y") });
    const list = fc.uniqueArray(record, { selector: (r) => r.uid, maxLength: 8 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const before = copy(a);
        const kept = applyPatch(a, diffJson(a, b), (c) =>
          Array.isArray(c) ? c.slice() : { ...(c as object) },
        );
        expect(kept).toEqual(b);
        expect(a).toEqual(before);
        expect(applyPatch(copy(a), diffJson(a, b))).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it("splice a record out of the middle, and a new one in, by uid", () => {
    const rule = (uid: number, ramp = 0) => ({ uid, reg: `r${uid}`, ramp });
    const prev = [rule(1), rule(2), rule(3), rule(4)];
    const next = [rule(1), rule(3, 0.5), rule(4), rule(9)];
    const ops = diffJson(prev, next);
    expect(ops).toEqual([
      { p: [], s: [1, 1] },
      { p: [], s: [3, 0, rule(9)] },
      { p: [1, "ramp"], v: 0.5 },
    ]);
    expect(applyPatch(copy(prev), ops)).toEqual(next);
    // Records in another order are diffed index by index.
    expect(applyPatch(copy(prev), diffJson(prev, [...prev].reverse()))).toEqual(
      [...prev].reverse(),
    );
  });

  it("set the changed keys of one object or array in one operation, own keys even for __proto__", () => {
    const prev = { a: { x: 1, y: 2, z: [0, 0, 0], w: "same" }, b: 1 };
    const next = { a: { x: 3, y: 4, z: [0, 5, 6, 7], w: "same" }, b: 2 };
    const ops = diffJson(prev, next);
    // Two changes inside `a`: its path once, the changes under it.
    expect(ops).toEqual([
      {
        p: ["a"],
        o: [
          { p: ["z"], m: [1, 5, 2, 6, 3, 7] },
          { p: [], m: ["x", 3, "y", 4] },
        ],
      },
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
