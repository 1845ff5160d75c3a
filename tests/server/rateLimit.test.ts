/**
 * The limiters on their own, with a fake clock: about 20 messages a second pass, a burst beyond
 * is throttled, a client that keeps flooding is cut off; a quiet client recovers.
 */
import { describe, expect, it } from "vitest";
import { FloodGuard, KeyedLimiter } from "../../server/rateLimit";

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

describe("KeyedLimiter", () => {
  it("limits each key on its own", () => {
    const limiter = new KeyedLimiter(2, 2 / 60);
    expect(limiter.take("a", 0)).toBe(true);
    expect(limiter.take("a", 0)).toBe(true);
    expect(limiter.take("a", 0)).toBe(false);
    expect(limiter.take("b", 0)).toBe(true);
    expect(limiter.take("a", 30_000)).toBe(true);
  });
});
