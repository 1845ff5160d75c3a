/**
 * Rate limits: a token bucket per client for messages (throttle, then disconnect a flooder),
 * and sliding windows per address for creating tables, uploading scenarios and failed joins
 * by code. Time comes from the caller so tests can drive it.
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

/**
 * At most `limit` events per key (e.g. per address) in any span of `windowMs`: a sliding log of
 * the events let through, so "10 a minute" means no 11 within any 60 seconds (a refilling
 * bucket would let a few more through as it refills). An event refused is not counted.
 */
export class WindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts an event for the key if it fits in the window; false (and not counted) if not. */
  take(key: string, now: number): boolean {
    if (!this.allows(key, now)) return false;
    this.count(key, now);
    return true;
  }

  /** Whether one more event for the key would fit now (counts nothing). */
  allows(key: string, now: number): boolean {
    return this.recent(key, now).length < this.limit;
  }

  /** Counts an event for the key (whether it fits or not: for counting failures). */
  count(key: string, now: number): void {
    if (this.events.size > 10_000) this.sweep(now);
    const list = this.recent(key, now);
    list.push(now);
    this.events.set(key, list);
  }

  /** Milliseconds until one more event for the key fits (0: now). */
  retryAfterMs(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return list[list.length - this.limit]! + this.windowMs - now;
  }

  /** The key's events inside the window ending now, oldest first (older ones are dropped). */
  private recent(key: string, now: number): number[] {
    const list = this.events.get(key);
    if (!list) return [];
    let drop = 0;
    while (drop < list.length && list[drop]! <= now - this.windowMs) drop++;
    if (drop > 0) list.splice(0, drop);
    if (list.length === 0) this.events.delete(key);
    return list;
  }

  private sweep(now: number): void {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}
