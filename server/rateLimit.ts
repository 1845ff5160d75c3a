/**
 * Rate limits: a token bucket per client for messages (throttle, then disconnect a flooder)
 * and per address for creating tables. Time comes from the caller so tests can drive it.
 */

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type FloodVerdict = "ok" | "throttle" | "disconnect";

/**
 * Up to `perSecond` messages a second (with a burst of as many) pass; beyond that messages are
 * dropped, and a client that keeps sending at twice the rate for about a second is cut off.
 */
export class FloodGuard {
  private readonly bucket: TokenBucket;
  private readonly strikes: TokenBucket;

  constructor(perSecond: number, now: number) {
    this.bucket = new TokenBucket(perSecond, perSecond, now);
    this.strikes = new TokenBucket(perSecond, perSecond / 4, now);
  }

  check(now: number): FloodVerdict {
    if (this.bucket.take(now)) return "ok";
    return this.strikes.take(now) ? "throttle" : "disconnect";
  }
}

/** Per-key buckets (e.g. per IP address), forgotten after they have been full for a while. */
export class KeyedLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {}

  take(key: string, now: number): boolean {
    if (this.buckets.size > 10_000) this.sweep(now);
    let entry = this.buckets.get(key);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.capacity, this.perSecond, now), seen: now };
      this.buckets.set(key, entry);
    }
    entry.seen = now;
    return entry.bucket.take(now);
  }

  private sweep(now: number): void {
    const refillMs = (this.capacity / this.perSecond) * 1000;
    for (const [key, entry] of this.buckets) {
      if (now - entry.seen > refillMs) this.buckets.delete(key);
    }
  }
}
