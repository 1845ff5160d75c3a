/**
 * The worker thread of the odds pool (`odds.ts`): lowers its own thread's priority, warms the
 * rules up (the first games the JIT sees run several times slower; at most `WARMUP_MS` of
 * the clock), then answers each request with `oddsUntil` (its runs, or fewer once the
 * request's deadline has passed, never fewer than `LEAST_RUNS`) and the CPU time the
 * computation took on this thread. Loaded through tsx by
 * the boot module `odds.ts` writes; messages are the `Odds*Message` types there.
 */
import { readFileSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { createGame } from "../shared/create";
import { oddsUntil, tableLuck } from "../shared/odds";
import { STANDARD } from "../shared/presets";
import type { OddsPoint } from "../shared/workshop";
import {
  LEAST_RUNS,
  type OddsReply,
  type OddsRequest,
  type OddsWorkerData,
  WARMUP_MS,
} from "./odds";

/** This thread's id in the kernel (Linux), or null elsewhere. */
function threadId(): number | null {
  try {
    const id = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/**
 * Milliseconds of CPU this thread has run: the kernel's scheduler count in nanoseconds
 * (`/proc/thread-self/schedstat`), else its user and system ticks, else (not Linux) the wall
 * clock, which on a loaded machine counts time spent waiting for a core too.
 */
function cpuClock(): () => number {
  try {
    const read = () =>
      Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
    if (read() > 0) return read;
  } catch {}
  try {
    const read = () => {
      const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    };
    if (Number.isFinite(read())) return read;
  } catch {}
  return () => performance.now();
}

const data = workerData as OddsWorkerData;
const port = parentPort;
if (!port) throw new Error("oddsWorker.ts runs as a worker thread of the odds pool");

let lowered = false;
const tid = threadId();
if (tid !== null) {
  try {
    setPriority(tid, data.nice);
    lowered = true;
  } catch {
    // A priority we may not take (a negative nice without the right): run at the default.
  }
}
const cpu = cpuClock();

if (data.warmupRuns > 0) {
  const start = createGame(STANDARD, 1);
  const by = Date.now() + WARMUP_MS;
  oddsUntil(start, data.warmupRuns, tableLuck(start), 1, () => Date.now() >= by);
}
port.postMessage({ kind: "ready", lowered } satisfies OddsReply);

port.on("message", (msg: OddsRequest) => {
  if (msg.kind === "crash") {
    if (data.testHooks) process.exit(3);
    return;
  }
  let reply: OddsReply;
  try {
    const before = cpu();
    const by = msg.by;
    const stop = by === null ? () => false : () => Date.now() >= by;
    const { shares, runs } = oddsUntil(msg.state, msg.runs, tableLuck(msg.state), LEAST_RUNS, stop);
    const point: OddsPoint = {
      round: msg.state.round,
      runs,
      shares,
      ms: Math.round((cpu() - before) * 100) / 100,
    };
    reply = { kind: "point", id: msg.id, point };
  } catch (error) {
    reply = {
      kind: "error",
      id: msg.id,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(reply);
});
