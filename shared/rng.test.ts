import { describe, expect, it } from "vitest";
import { Rng, STREAM, type Stream, seedRng, streamRng } from "./rng";

const draw = (seed: number, n: number) => {
  const rng = new Rng(seedRng(seed));
  return Array.from({ length: n }, () => rng.next());
};

describe("rng", () => {
  it("is deterministic: the same seed gives the same sequence", () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
  });

  it("different seeds give different sequences", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, s) => draw(s, 3).join(",")));
    expect(seen.size).toBe(50);
  });

  it("seeds are taken as unsigned 32-bit integers", () => {
    expect(seedRng(-1)).toEqual(seedRng(0xffffffff));
    expect(seedRng(2 ** 32 + 5)).toEqual(seedRng(5));
  });

  it("its whole state round-trips through plain data, so a game can store it", () => {
    const a = new Rng(seedRng(7));
    for (let i = 0; i < 10; i++) a.next();
    const saved = JSON.parse(JSON.stringify(a.state()));
    const b = new Rng(saved);
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(
      Array.from({ length: 20 }, () => a.next()),
    );
    // Four unsigned 32-bit integers, exact in JSON.
    for (let i = 0; i < 1000; i++) a.next();
    for (const x of a.state()) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it("next() is uniform on [0, 1)", () => {
    const xs = draw(1, 20000);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.005);
    // Ten equal bins, each near a tenth (chi-square well below the 0.1% critical value, 27.9).
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    const expected = xs.length / 10;
    const chi2 = bins.reduce((a, b) => a + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it("successive draws are not correlated", () => {
    const xs = draw(3, 20000);
    let s = 0;
    for (let i = 1; i < xs.length; i++) s += (xs[i]! - 0.5) * (xs[i - 1]! - 0.5);
    const corr = s / (xs.length - 1) / (1 / 12);
    expect(Math.abs(corr)).toBeLessThan(0.05);
  });

  it("normal() has mean 0 and standard deviation 1", () => {
    const rng = new Rng(seedRng(9));
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
    expect(xs.filter((x) => Math.abs(x) < 1).length / xs.length).toBeGreaterThan(0.6);
  });

  it("int(n) covers 0..n-1 evenly; range and pick stay in bounds", () => {
    const rng = new Rng(seedRng(11));
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 6000; i++) {
      const k = rng.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
      counts[k]!++;
    }
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
    for (let i = 0; i < 1000; i++) {
      const x = rng.range(-3, 5);
      expect(x >= -3 && x < 5).toBe(true);
    }
    const items = ["a", "b", "c"] as const;
    const picked = new Set(Array.from({ length: 100 }, () => rng.pick(items)));
    expect([...picked].sort()).toEqual(["a", "b", "c"]);
  });

  it("a luck stream is fixed by seed, round, stream and index, and by nothing else", () => {
    const first = (seed: number, round: number, stream: Stream, index = 0) =>
      streamRng(seed, round, stream, index).next();
    expect(first(7, 3, "hazard", 2)).toBe(first(7, 3, "hazard", 2));
    const seen = new Set<number>();
    for (const seed of [1, 2])
      for (const round of [1, 2, 3])
        for (const stream of Object.keys(STREAM) as Stream[])
          for (const index of [0, 1, 2]) seen.add(first(seed, round, stream, index));
    expect(seen.size).toBe(2 * 3 * Object.keys(STREAM).length * 3);
  });
});
