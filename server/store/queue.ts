/**
 * Writes in order per key (a row: `table:ABCD`, `game:…`, `workshop:…`), each key's writes one
 * after another and different keys' side by side. A write tagged `coalesce` that finds the
 * key's last queued write not started and of the same tag takes its place: the older one is
 * never run and its promise settles with the newer one (a table's `live` superseded by the next
 * one). The caller's event loop never waits: it queues and goes on. A write that fails because
 * the database is busy (`retryable`: another process's write holds SQLite's lock) runs again
 * after a pause, up to `BUSY_TRIES` times, so no write is lost to a moment's contention.
 */

/** How often a busy write is tried in all, and the pauses between (doubling, up to the cap). */
export const BUSY_TRIES = 12;
const BUSY_FIRST_MS = 10;
const BUSY_CAP_MS = 1000;

/** Runs `run`, again after a growing pause while it fails with an error `retryable` accepts. */
export async function whileBusy<T>(
  run: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  tries = BUSY_TRIES,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= tries || !retryable(error)) throw error;
      const pause = Math.min(BUSY_CAP_MS, BUSY_FIRST_MS * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

interface Job {
  run: () => Promise<void>;
  readonly tag: string | null;
  started: boolean;
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function job(run: () => Promise<void>, tag: string | null): Job {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failure is the caller's to handle; a caller that does not wait must not crash the process.
  done.catch(() => {});
  return { run, tag, started: false, done, resolve, reject };
}

export class WriteQueue {
  private readonly queues = new Map<string, Job[]>();

  constructor(private readonly retryable: (error: unknown) => boolean = () => false) {}

  /** Queues `run` behind the key's earlier writes; resolves when it (or what replaced it) ran. */
  enqueue(key: string, run: () => Promise<void>, coalesce: string | null = null): Promise<void> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = [];
      this.queues.set(key, queue);
    }
    const last = queue[queue.length - 1];
    if (coalesce !== null && last && !last.started && last.tag === coalesce) {
      last.run = run;
      return last.done;
    }
    const next = job(run, coalesce);
    queue.push(next);
    if (queue.length === 1) void this.drain(key, queue);
    return next.done;
  }

  private async drain(key: string, queue: Job[]): Promise<void> {
    while (queue.length > 0) {
      const next = queue[0]!;
      next.started = true;
      try {
        await whileBusy(() => next.run(), this.retryable);
        next.resolve();
      } catch (error) {
        next.reject(error);
      }
      queue.shift();
    }
    if (this.queues.get(key) === queue) this.queues.delete(key);
  }

  /** Resolves once every write queued so far on the keys `which` accepts has run (or failed). */
  async settled(which: (key: string) => boolean = () => true): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const [key, queue] of this.queues)
      if (which(key) && queue.length > 0) waits.push(queue[queue.length - 1]!.done);
    await Promise.allSettled(waits);
  }

  /** Writes queued and not yet done (for tests and the shutdown's log). */
  get pending(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }
}

/** Runs a write nobody waits for: a failure is logged with what it was, never thrown. */
export function inBackground(work: Promise<unknown>, what: string): void {
  work.catch((error: unknown) => console.error(`[store] ${what} failed:`, error));
}
