/**
 * Odds from here, off the event loop (DESIGN.md section 12): a pool of at most `threads`
 * worker threads (`oddsWorker.ts`, at a low priority) that play `shared/odds.ts`'s bot
 * continuations of a table's state. Requests wait in one queue, first come first served; each
 * answer carries the milliseconds of CPU its computation took on the worker's thread. A request
 * may carry a deadline: once it has passed, the worker stops after the run it is playing (but
 * never before `LEAST_RUNS`), so on a machine whose cores are taken by other work, where a
 * thread at nice 19 gets little of them, the odds come fewer but in time. A worker
 * that dies rejects only the request it was running and is replaced; a request the rules
 * refuse (a malformed state) rejects without harming the worker. The workshops ask it at the
 * start of each round of each table (`workshops.ts`, through its `OddsSource`).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { MAX_ODDS_RUNS } from "../shared/odds";
import type { GameState } from "../shared/state";
import type { OddsPoint } from "../shared/workshop";

export interface OddsSettings {
  /** Most worker threads (each computes one table's odds at a time). */
  readonly threads: number;
  /** Continuations per request when the caller names no number. */
  readonly runs: number;
  /** The workers' nice value (19: the lowest priority; failures to set it are ignored). */
  readonly nice: number;
  /** Continuations each worker plays at its start, so the first table is not the JIT's warm-up. */
  readonly warmupRuns: number;
}

export interface OddsPoolOptions extends OddsSettings {
  /** Lets tests make a worker die (`crashWorker`). */
  readonly testHooks?: boolean;
}

// The messages between the pool and its workers.

/** Continuations a request plays whatever its deadline (fewer only if it asks for fewer). */
export const LEAST_RUNS = 30;
/** Most milliseconds of the clock a worker spends warming up before it says it is ready. */
export const WARMUP_MS = 2_000;

export interface OddsWorkerData {
  readonly nice: number;
  readonly warmupRuns: number;
  readonly testHooks: boolean;
}
export type OddsRequest =
  | {
      readonly kind: "odds";
      readonly id: number;
      readonly state: GameState;
      readonly runs: number;
      /** The deadline (`Date.now()` milliseconds) after which no more runs start, or null. */
      readonly by: number | null;
    }
  | { readonly kind: "crash"; readonly id: number };
export type OddsReply =
  | { readonly kind: "ready"; readonly lowered: boolean }
  | { readonly kind: "point"; readonly id: number; readonly point: OddsPoint }
  | { readonly kind: "error"; readonly id: number; readonly error: string };

export class OddsError extends Error {
  override name = "OddsError";
}

interface Job {
  readonly request: OddsRequest;
  readonly resolve: (point: OddsPoint) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  ready: boolean;
  exited: boolean;
}

/** Workers that die before they are ready, one after another, before the pool gives up. */
const MAX_FAILED_STARTS = 3;

/** The boot module of a worker: registers tsx (the server runs from TypeScript), then loads it. */
function workerUrl(): URL {
  const worker = new URL("./oddsWorker.ts", import.meta.url);
  let api: string;
  try {
    api = import.meta.resolve("tsx/esm/api");
  } catch {
    api = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  }
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export class OddsPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly url = workerUrl();
  private readonly readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private nextId = 0;
  private failedStarts = 0;
  private broken: Error | null = null;
  private closing: Promise<void> | null = null;
  /** Whether every worker so far could lower its priority. */
  private allLowered = true;

  constructor(private readonly options: OddsPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`threads must be a whole number of at least 1 (got ${options.threads})`);
    for (let i = 0; i < options.threads; i++) this.slots.push(this.spawn());
  }

  /** Continuations per request by default. */
  get runs(): number {
    return this.options.runs;
  }

  /** Requests waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job !== null).length;
  }

  /** Worker threads running (0 once closed). */
  get threads(): number {
    return this.slots.filter((s) => !s.exited).length;
  }

  /** Whether every worker runs at the lowered priority (false when the system refused it). */
  get lowered(): boolean {
    return this.allLowered;
  }

  /** Resolves once every worker has warmed up (rejects if workers cannot start at all). */
  ready(): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.slots.every((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /**
   * The odds of `state` from `runs` continuations (default `ODDS_RUNS`), computed in a worker;
   * with `by` (a `Date.now()` time), fewer once it has passed (at least `LEAST_RUNS`, or `runs`
   * if fewer): the point says how many were played.
   */
  compute(
    state: GameState,
    runs: number = this.options.runs,
    by: number | null = null,
  ): Promise<OddsPoint> {
    if (this.closing) return Promise.reject(new OddsError("the odds pool is closed"));
    if (this.broken) return Promise.reject(this.broken);
    if (!Number.isInteger(runs) || runs < 1 || runs > MAX_ODDS_RUNS)
      return Promise.reject(
        new RangeError(`runs must be a whole number from 1 to ${MAX_ODDS_RUNS} (got ${runs})`),
      );
    if (by !== null && !Number.isFinite(by))
      return Promise.reject(new RangeError(`by must be a time in milliseconds (got ${by})`));
    return this.enqueue({ kind: "odds", id: this.nextId++, state, runs, by }) as Promise<OddsPoint>;
  }

  /** Tests only (`testHooks`): the next worker free dies while running this request. */
  crashWorker(): Promise<unknown> {
    if (!this.options.testHooks) return Promise.reject(new OddsError("no test hooks"));
    return this.enqueue({ kind: "crash", id: this.nextId++ });
  }

  /** Rejects every waiting request and ends the workers. */
  close(): Promise<void> {
    if (!this.closing) {
      const closed = new OddsError("the odds pool is closed");
      for (const job of this.queue.splice(0)) job.reject(closed);
      for (const slot of this.slots) {
        slot.job?.reject(closed);
        slot.job = null;
      }
      for (const w of this.readyWaiters.splice(0)) w.reject(closed);
      this.closing = Promise.all(
        this.slots.map((s) =>
          s.worker.terminate().then(() => {
            s.exited = true;
          }),
        ),
      ).then(() => {});
    }
    return this.closing;
  }

  private enqueue(request: OddsRequest): Promise<unknown> {
    return new Promise<OddsPoint>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job !== null) continue;
      const job = this.queue.shift();
      if (!job) return;
      try {
        slot.worker.postMessage(job.request);
        slot.job = job;
      } catch (error) {
        // The state cannot be copied to a thread (not plain data): only this request fails.
        job.reject(new OddsError(`the state cannot be sent to an odds worker: ${String(error)}`));
      }
    }
  }

  private spawn(): Slot {
    const data: OddsWorkerData = {
      nice: this.options.nice,
      warmupRuns: this.options.warmupRuns,
      testHooks: this.options.testHooks ?? false,
    };
    const worker = new Worker(this.url, { workerData: data, name: "odds" });
    const slot: Slot = { worker, job: null, ready: false, exited: false };
    let lastError: Error | null = null;
    worker.on("message", (msg: OddsReply) => this.onReply(slot, msg));
    worker.on("error", (error) => {
      lastError = error;
    });
    worker.on("exit", (code) => this.onExit(slot, code, lastError));
    return slot;
  }

  private onReply(slot: Slot, msg: OddsReply): void {
    if (msg.kind === "ready") {
      slot.ready = true;
      this.failedStarts = 0;
      if (!msg.lowered) this.allLowered = false;
      if (this.slots.every((s) => s.ready))
        for (const w of this.readyWaiters.splice(0)) w.resolve();
      return;
    }
    const job = slot.job;
    slot.job = null;
    if (job && job.request.id === msg.id) {
      if (msg.kind === "point") job.resolve(msg.point);
      else job.reject(new OddsError(msg.error));
    }
    this.pump();
  }

  private onExit(slot: Slot, code: number, error: Error | null): void {
    slot.exited = true;
    if (this.closing) return;
    const why = error ? error.message : `exit code ${code}`;
    slot.job?.reject(new OddsError(`the odds worker stopped (${why})`));
    slot.job = null;
    if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      this.broken = new OddsError(`odds workers cannot start (${why})`);
      for (const job of this.queue.splice(0)) job.reject(this.broken);
      for (const w of this.readyWaiters.splice(0)) w.reject(this.broken);
      this.slots.splice(this.slots.indexOf(slot), 1);
      return;
    }
    this.slots[this.slots.indexOf(slot)] = this.spawn();
    this.pump();
  }
}
