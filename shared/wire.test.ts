/**
 * The wire form of the patched connection's messages (`wire.ts`) gives back exactly what it was
 * made from: view documents, tables and the patches between the documents of a bot game, every
 * seat and a spectator, each sent as msgpack as Colyseus does; any key, even one that looks like
 * a short name; and it is smaller.
 */
import { FLOAT32_OPTIONS, Packr } from "@colyseus/msgpackr";
import { describe, expect, it } from "vitest";
import { botGameStates } from "../tests/fixtures/game";
import { STANDARD } from "./presets";
import { viewDoc } from "./viewdoc";
import { applyPatch, diffJson, type PatchOp } from "./viewpatch";
import { publicView, viewFor } from "./views";
import {
  asSent,
  fromFloat32,
  packOps,
  packString,
  packValue,
  unpackOps,
  unpackString,
  unpackValue,
  WIRE_PHRASES,
  WIRE_WORDS,
  type WireOp,
} from "./wire";

// As @colyseus/core packs a room message (for the sizes), and as server/feed.ts packs one to a
// connection with patches: numbers that are not whole as 32-bit floats.
const packr = new Packr({ useRecords: false });
const packr32 = new Packr({ useRecords: false, useFloat32: FLOAT32_OPTIONS.ALWAYS });
const overWire = <T>(value: T): T => packr32.unpack(packr32.pack(value)) as T;
/** A value with its numbers as `unpackValue` gives them without msgpack between. */
const seven = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
    typeof v === "number" ? fromFloat32(v) : v,
  );

/** JSON with every object's keys sorted: equal for equal values. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Every object key anywhere in a value. */
function keysOf(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

describe("the wire form", () => {
  it("gives back every document and patch of a game, and is about a third smaller", () => {
    const states = [...botGameStates({ ...STANDARD, rounds: 8 }, 11)];
    let patches = 0;
    let plainBytes = 0;
    let wireBytes = 0;
    const keys = new Set<string>();
    for (const seat of ["G1", "L2", "C1", null] as const) {
      let prev: unknown = null;
      for (const state of states) {
        const doc = JSON.parse(
          JSON.stringify(viewDoc(seat ? viewFor(state, seat) : null, publicView(state))),
        ) as unknown;
        keysOf(doc, keys);
        // The same keys in the same order; over msgpack, the same value (its decoder may give
        // an object's keys in another order).
        expect(JSON.stringify(unpackValue(packValue(doc)))).toBe(JSON.stringify(seven(doc)));
        expect(canonical(unpackValue(overWire(packValue(doc))))).toBe(canonical(asSent(doc)));
        if (prev !== null) {
          const ops = diffJson(prev, doc);
          if (ops.length > 0) {
            const wire = overWire(packOps(ops));
            expect(unpackOps(wire)).toEqual(asSent(ops));
            expect(canonical(applyPatch(asSent(prev), unpackOps(wire)))).toBe(
              canonical(asSent(doc)),
            );
            patches++;
            plainBytes += packr.pack({ ops }).byteLength;
            wireBytes += packr.pack({ ops: packOps(ops) }).byteLength;
          }
        }
        prev = doc;
      }
    }
    expect(patches).toBeGreaterThan(100);
    expect(wireBytes).toBeLessThan(plainBytes * 0.75);
    // Every key of the documents has a short name (a new field without one is not wrong, but
    // costs bytes in every patch: add it to WIRE_WORDS).
    expect([...keys].filter((k) => !WIRE_WORDS.includes(k))).toEqual([]);
  });

  it("gives back any string, those that look like short names or escapes too", () => {
    const odd = ["0", "9", "~", "~0", "~~", "", "(", "}", "!0", "round", "a", "Z1", "é", "0round"];
    for (const key of odd) expect(unpackString(packString(key))).toBe(key);
    const value = Object.fromEntries(odd.map((k, i) => [k, { [k]: [i, k, { [k]: k }] }]));
    expect(unpackValue(overWire(packValue(value)))).toEqual(value);
    // Every short name is one or two characters, and the listed keys get them.
    expect(new Set(WIRE_WORDS.map(packString)).size).toBe(WIRE_WORDS.length);
    for (const key of WIRE_WORDS) expect(packString(key).length).toBeLessThanOrEqual(2);
    expect(packString("publishedWelfare")).toHaveLength(1);
  });

  it("gives back every number of at most seven significant digits exactly, over 32-bit floats", () => {
    const short = [0.35, 0.6, 0.1, 0.05, 2.5, 99.5, 0.123456, 9.999999, 1234.567, -0.25, 1e-5];
    for (const n of short) expect(unpackValue(overWire(packValue({ n })))).toEqual({ n });
    // 32-bit floats alone would not: the tax rate 0.35 comes as 0.3499999940395355.
    expect(overWire(0.35)).not.toBe(0.35);
    // Longer ones come within their seventh digit; whole and large numbers as they are.
    const long = 23.456789123;
    expect(unpackValue(overWire(long))).toBe(23.45679);
    for (const n of [0, 7, -3, 2 ** 40, 5e9 + 0.5, 1764000000000])
      expect(unpackValue(overWire(n))).toBe(n);
  });

  it("writes the news's phrases as one character each, and gives back any sentence", () => {
    const sentence = "Prometheus AI lobbied Atlantic Union against regulation.";
    expect(packString(sentence).length).toBeLessThan(sentence.length / 2);
    expect(unpackString(packString(sentence))).toBe(sentence);
    const odd = [
      "a line\nand a tab\t",
      "\u0001 is a phrase's code",
      `${WIRE_PHRASES[0]}${WIRE_PHRASES[0]}`,
      `${WIRE_PHRASES[2]!.trim()}`,
      "~ it takes effect next round.",
      "( it takes effect next round.",
      "long but no phrase at all",
    ];
    for (const s of odd) expect(unpackString(packString(s)), JSON.stringify(s)).toBe(s);
    // No phrase holds a control character or another phrase's code.
    for (const phrase of WIRE_PHRASES)
      expect([...phrase].every((c) => c.charCodeAt(0) >= 32)).toBe(true);
    expect(WIRE_PHRASES.length).toBeLessThanOrEqual(31);
  });

  it("gives back every kind of patch operation", () => {
    const prev = { a: [1, 2, 3], b: { c: 1, d: 2, g: 3 }, e: [{ uid: 1 }, { uid: 2 }], f: 1 };
    const next = {
      a: [1],
      b: { c: 5, g: 4, x: 3 },
      e: [{ uid: 2 }, { uid: 3 }],
      round: { phase: 2 },
    };
    const ops = diffJson(prev, next);
    const kindsOf = (o: PatchOp): string[] => [
      ...Object.keys(o),
      ...("o" in o ? o.o.flatMap(kindsOf) : []),
    ];
    const kinds = new Set(ops.flatMap(kindsOf));
    for (const kind of ["v", "m", "d", "n", "s", "o"]) expect(kinds, kind).toContain(kind);
    expect(applyPatch(structuredClone(prev), unpackOps(overWire(packOps(ops))))).toEqual(next);
  });

  it("refuses what is not a patch operation", () => {
    expect(() => unpackOps([{ p: [], v: 1 } as unknown as WireOp])).toThrow(TypeError);
    expect(() => unpackOps([[9, 1]])).toThrow(/unknown patch operation/);
    expect(() => unpackValue({ __proto__: 1 })).not.toThrow();
    expect(() => unpackValue(JSON.parse('{"~__proto__": 1}'))).toThrow(/__proto__/);
  });
});
