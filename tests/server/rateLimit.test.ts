/**
 * The limiters on their own, with a fake clock: about 20 messages a second pass, a burst beyond
 * is throttled, a client that keeps flooding is cut off; a quiet client recovers. The
 * per-address limits are sliding windows: never more than the limit in any span of the window.
 */
import { describe, expect, it } from "vitest";
import { FloodGuard, WindowLimiter } from "../../server/rateLimit";

describe("FloodGuard at 20 messages a second", () => {
  it("passes 20 a second indefinitely", () => {
    const guard = new FloodGuard(20, 0);
    for (let i = 0; i < 200; i++) expect(guard.check(i * 50)).toBe("ok");
  });

  it("throttles a burst beyond 20, then disconnects a client that keeps going", () => {
    const guard = new FloodGuard(20, 0);
    const verdicts = Array.from({ length: 60 }, () => guard.check(0));
    expect(verdicts.slice(0, 20).every((v) => v === "ok")).toBe(true);
    expect(verdicts[20]).toBe("throttle");
    expect(verdicts.includes("disconnect")).toBe(true);
    expect(verdicts.indexOf("disconnect")).toBe(40);
  });

  it("forgives a short burst once the client slows down", () => {
    const guard = new FloodGuard(20, 0);
    for (let i = 0; i < 25; i++) guard.check(0);
    expect(guard.check(2000)).toBe("ok");
  });
});

describe("WindowLimiter", () => {
  it("limits each key on its own", () => {
    const limiter = new WindowLimiter(2, 60_000);
    expect(limiter.take("a", 0)).toBe(true);
    expect(limiter.take("a", 0)).toBe(true);
    expect(limiter.take("a", 0)).toBe(false);
    expect(limiter.take("b", 0)).toBe(true);
    expect(limiter.take("a", 30_000)).toBe(false);
    expect(limiter.take("a", 60_000)).toBe(true);
  });

  it("never lets more than the limit through in any span of the window (no refill in between)", () => {
    const limiter = new WindowLimiter(10, 60_000);
    const passed: number[] = [];
    // One try a second for five minutes: a refilling bucket would pass 10 + 1 every 6 s.
    for (let t = 0; t < 300_000; t += 1000) if (limiter.take("a", t)) passed.push(t);
    for (const t of passed)
      expect(passed.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(10);
    expect(passed.length).toBe(50);
  });

  it("says how long until the next event fits, and counts failures without refusing them", () => {
    const limiter = new WindowLimiter(3, 60_000);
    for (const t of [0, 10_000, 20_000]) limiter.count("a", t);
    expect(limiter.allows("a", 30_000)).toBe(false);
    expect(limiter.retryAfterMs("a", 30_000)).toBe(30_000);
    expect(limiter.allows("a", 60_000)).toBe(true);
  });
});
