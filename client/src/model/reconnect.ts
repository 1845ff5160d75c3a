/**
 * When and how a dropped client tries to come back, as pure functions (no timers, no
 * network): the back-off schedule with jitter, which close codes mean "do not come back", and
 * what a failed try's error means for the next one. The transport (net/colyseus.ts) runs them.
 */

export interface BackoffPolicy {
  /** The wait before the first try. */
  readonly firstMs: number;
  /** Each wait is this many times the one before… */
  readonly factor: number;
  /** …up to this. */
  readonly capMs: number;
  /** Each wait is moved by up to this share either way, so a room's clients do not try in step. */
  readonly jitter: number;
  /**
   * How long to keep trying, counted from the drop. The server holds a dropped seat for its
   * `RECONNECT_SECONDS` (60 by default) and the seat token takes it back from a bot after
   * that, but it does not tell the client either figure, so the client tries for two minutes:
   * long enough for a restarted server to come back and restore its tables.
   */
  readonly windowMs: number;
}

export const RECONNECT: BackoffPolicy = {
  firstMs: 500,
  factor: 2,
  capMs: 10_000,
  jitter: 0.2,
  windowMs: 120_000,
};

/** The wait before try number `attempt` (0 first), for a `random` in [0, 1). */
export function backoffMs(attempt: number, random: number, p: BackoffPolicy = RECONNECT): number {
  const plain = Math.min(p.capMs, p.firstMs * p.factor ** Math.max(0, attempt));
  const r = Math.min(Math.max(random, 0), 1);
  const jittered = plain * (1 - p.jitter + 2 * p.jitter * r);
  return Math.round(Math.min(p.capMs, jittered));
}

/**
 * When the next try is due (a time in ms, like `now`), or null when it would fall past the
 * window that began at `droppedAt`: then the client stops and says so.
 */
export function nextTryAt(
  droppedAt: number,
  now: number,
  attempt: number,
  random: number,
  p: BackoffPolicy = RECONNECT,
): number | null {
  const at = now + backoffMs(attempt, random, p);
  return at - droppedAt > p.windowMs ? null : at;
}

/** Every wait, in order, from a drop until the window ends (`randoms` gives each jitter). */
export function schedule(randoms: () => number, p: BackoffPolicy = RECONNECT): number[] {
  const waits: number[] = [];
  let t = 0;
  for (let attempt = 0; ; attempt++) {
    const at = nextTryAt(0, t, attempt, randoms(), p);
    if (at === null) return waits;
    waits.push(at - t);
    t = at;
  }
}

/** What a closed connection means: come back, or stop (the reason the page gives). */
export type CloseMeaning = "reconnect" | "left" | "removed" | "moved";

/** Close codes the server sends when the person must not come back by themselves. */
export const FINAL_CLOSES = {
  /** Our own `room.leave()` (a consented leave). */
  left: 1000,
  /** Removed by the host, or the seat was taken by the same person in another tab. */
  removed: 4001,
  /** A workshop's student the facilitator moved to another table. */
  moved: 4010,
} as const;

export function closeMeaning(code: number): CloseMeaning {
  if (code === FINAL_CLOSES.left) return "left";
  if (code === FINAL_CLOSES.removed) return "removed";
  if (code === FINAL_CLOSES.moved) return "moved";
  // 1006 (the network, a killed server), 1001 (the server shutting down), 4029 (flooding) and
  // 4002 (a malformed frame) keep the seat for the window: come back.
  return "reconnect";
}

/**
 * What a failed try's error means. `network`: the server did not answer (down, restarting, or
 * no network): try again the same way. `unknown`: the server answered that the room or the
 * token is not known (a restarted server): the reconnection token is spent, join with the
 * seat token from now on. `refused`: the server will not let us in (removed, full, too many
 * failed joins): stop.
 */
export type TryFailure = "network" | "unknown" | "refused";

/** Refusals of a join that trying again cannot change (`JOIN_ERRORS` in shared/protocol.ts). */
const REFUSALS: ReadonlySet<number> = new Set([4400, 4403, 4409, 4410, 4430]);

export function tryFailure(err: unknown): TryFailure {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "number" || code < 4000 || code > 4999) return "network";
  if (REFUSALS.has(code)) return "refused";
  return "unknown";
}

/** What the "reconnecting" banner says, and which button it offers. */
export interface BannerText {
  /** The words announced to screen readers: they change only when the situation changes. */
  readonly say: string;
  /** The countdown ("Next try in 4 s", "Trying now…"), or null once the client stopped. */
  readonly next: string | null;
  /** "now": the Try now button (disabled while a try is under way); "title": back to the title. */
  readonly action: "now" | "title";
  readonly busy: boolean;
}

export interface BannerStatus {
  readonly nextTryAt: number | null;
  readonly until: number;
  readonly gaveUp: { readonly reason: "window" | "refused"; readonly message: string } | null;
}

export function bannerText(r: BannerStatus, now: number, p: BackoffPolicy = RECONNECT): BannerText {
  if (r.gaveUp?.reason === "refused")
    return {
      say: `Could not get back to your table: the server refused${r.gaveUp.message ? ` (${r.gaveUp.message})` : ""}.`,
      next: null,
      action: "title",
      busy: false,
    };
  if (r.gaveUp)
    return {
      say: `Could not reconnect: the server did not come back within ${minutes(p.windowMs)}. The game may have ended or the server may be down.`,
      next: null,
      action: "title",
      busy: false,
    };
  const say = "Connection lost — reconnecting… Your seat is kept for you.";
  if (r.nextTryAt === null) return { say, next: "Trying now…", action: "now", busy: true };
  const s = Math.max(0, Math.ceil((r.nextTryAt - now) / 1000));
  return { say, next: `Next try in ${s} s`, action: "now", busy: false };
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m === 1 ? "a minute" : `${m} minutes`;
}
