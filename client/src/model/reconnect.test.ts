import { describe, expect, it } from "vitest";
import {
  backoffMs,
  bannerText,
  closeMeaning,
  nextTryAt,
  RECONNECT,
  schedule,
  tryFailure,
} from "./reconnect";

const noJitter = { ...RECONNECT, jitter: 0 };

describe("reconnect back-off", () => {
  it("doubles from half a second and stops growing at ten seconds", () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 12].map((a) => backoffMs(a, 0.5, noJitter));
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it("moves each wait by at most the jitter either way, and never past the cap", () => {
    expect(backoffMs(0, 0)).toBe(400);
    expect(backoffMs(0, 0.5)).toBe(500);
    expect(backoffMs(0, 0.999_999)).toBe(600);
    expect(backoffMs(2, 0)).toBe(1600);
    for (const r of [0, 0.3, 0.7, 0.999]) {
      expect(backoffMs(10, r)).toBeLessThanOrEqual(10_000);
      expect(backoffMs(10, r)).toBeGreaterThanOrEqual(8000);
    }
  });

  it("tries for the whole window and no longer", () => {
    const waits = schedule(() => 0.5, noJitter);
    // 0.5 + 1 + 2 + 4 + 8 = 15.5 s, then every 10 s up to 2 minutes: ten more.
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, ...Array(10).fill(10_000)]);
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(RECONNECT.windowMs);
    expect(total + 10_000).toBeGreaterThan(RECONNECT.windowMs);
  });

  it("with jitter still ends inside the window", () => {
    let i = 0;
    const rs = [0.9, 0.1, 0.5, 0.99, 0.01];
    const waits = schedule(() => rs[i++ % rs.length]!);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(RECONNECT.windowMs);
    expect(waits.length).toBeGreaterThan(10);
  });

  it("gives the next try's time, or null past the window", () => {
    expect(nextTryAt(1000, 1000, 0, 0.5, noJitter)).toBe(1500);
    expect(nextTryAt(0, 115_000, 9, 0.5, noJitter)).toBeNull();
    expect(nextTryAt(0, 110_000, 9, 0.5, noJitter)).toBe(120_000);
  });
});

describe("which closes come back", () => {
  it("comes back after the network or the server went away, not after a leave, a removal or a move", () => {
    expect(closeMeaning(1006)).toBe("reconnect");
    expect(closeMeaning(1001)).toBe("reconnect");
    expect(closeMeaning(4029)).toBe("reconnect");
    expect(closeMeaning(4002)).toBe("reconnect");
    expect(closeMeaning(1000)).toBe("left");
    expect(closeMeaning(4001)).toBe("removed");
    expect(closeMeaning(4010)).toBe("moved");
  });

  it("reads a failed try: no answer, an unknown room or token, or a refusal", () => {
    expect(tryFailure(new TypeError("Failed to fetch"))).toBe("network");
    expect(tryFailure({ code: 1006 })).toBe("network");
    expect(tryFailure({ code: 4212 })).toBe("unknown");
    expect(tryFailure({ code: 4503 })).toBe("unknown");
    expect(tryFailure({ code: 4403 })).toBe("refused");
    expect(tryFailure({ code: 4430 })).toBe("refused");
    expect(tryFailure(null)).toBe("network");
  });
});

describe("the reconnecting banner's words", () => {
  const base = { until: 120_000, gaveUp: null };
  it("counts down to the next try in whole seconds, and says when a try is under way", () => {
    expect(bannerText({ ...base, nextTryAt: 4_000 }, 0)).toEqual({
      say: "Connection lost — reconnecting… Your seat is kept for you.",
      next: "Next try in 4 s",
      action: "now",
      busy: false,
    });
    expect(bannerText({ ...base, nextTryAt: 4_000 }, 3_100).next).toBe("Next try in 1 s");
    expect(bannerText({ ...base, nextTryAt: 4_000 }, 5_000).next).toBe("Next try in 0 s");
    const trying = bannerText({ ...base, nextTryAt: null }, 0);
    expect(trying.next).toBe("Trying now…");
    expect(trying.busy).toBe(true);
    // What is announced does not change with the countdown.
    expect(trying.say).toBe(bannerText({ ...base, nextTryAt: 9_000 }, 0).say);
  });

  it("says in words when the time ran out or the server refused, and offers the title", () => {
    const late = bannerText(
      { ...base, nextTryAt: null, gaveUp: { reason: "window", message: "" } },
      0,
    );
    expect(late.say).toMatch(/did not come back within 2 minutes/);
    expect(late.action).toBe("title");
    expect(late.next).toBeNull();
    const refused = bannerText(
      { ...base, nextTryAt: null, gaveUp: { reason: "refused", message: "removed" } },
      0,
    );
    expect(refused.say).toMatch(/refused \(removed\)/);
    expect(refused.action).toBe("title");
  });
});
