/**
 * The phase clock: a deadline the host can pause, resume, extend and skip. Time and scheduling
 * are given by the host (Colyseus's clock on the server, which only ticks with the patch
 * interval; window timers in the offline table; a manual clock in tests), so this stays pure.
 */

/** Time and timers, injected: `shared/` has none of its own. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): { clear(): void };
  now(): number;
}

export class PhaseClock {
  private handle: { clear(): void } | null = null;
  private deadline = 0;
  private frozen = 0;
  private running = false;
  paused = false;
  /** Counts every change to the clock (start, pause, resume, extend, stop). */
  epoch = 0;

  constructor(
    private readonly scheduler: Clock,
    private readonly onExpire: () => void,
  ) {}

  start(ms: number): void {
    this.stop();
    this.epoch++;
    this.running = true;
    this.paused = false;
    this.deadline = this.scheduler.now() + ms;
    this.arm(ms);
  }

  stop(): void {
    if (this.running) this.epoch++;
    this.handle?.clear();
    this.handle = null;
    this.running = false;
    this.paused = false;
  }

  pause(): boolean {
    if (!this.running || this.paused) return false;
    this.frozen = this.remainingMs();
    this.epoch++;
    this.handle?.clear();
    this.handle = null;
    this.paused = true;
    return true;
  }

  resume(): boolean {
    if (!this.running || !this.paused) return false;
    this.paused = false;
    this.epoch++;
    this.deadline = this.scheduler.now() + this.frozen;
    this.arm(this.frozen);
    return true;
  }

  extend(ms: number): boolean {
    if (!this.running) return false;
    this.epoch++;
    if (this.paused) {
      this.frozen += ms;
    } else {
      this.deadline += ms;
      this.arm(this.remainingMs());
    }
    return true;
  }

  remainingMs(): number {
    if (!this.running) return 0;
    if (this.paused) return this.frozen;
    return Math.max(0, this.deadline - this.scheduler.now());
  }

  private arm(ms: number): void {
    this.handle?.clear();
    this.handle = this.scheduler.setTimeout(() => {
      this.handle = null;
      this.running = false;
      this.onExpire();
    }, ms);
  }
}
