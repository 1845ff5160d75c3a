/**
 * A client process of `npm run bench:server -- --processes N` (bench-cluster.ts starts it with
 * `node --import tsx` and an IPC channel): it opens its share of the tables at the front door,
 * starts them when told, at their places in the round among all processes' tables, and reports
 * what its clients measured, with its own CPU time and event-loop delay during play (the
 * clients share the cores with the servers: their own lateness counts in the latency).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  type LoadSummary,
  openRooms,
  playBudgetMs,
  startRooms,
  summarize,
  waitFor,
} from "./bench-players";
import { mainThreadWaitMs } from "./bench-process";

/** What the bench tells a client process, in this order. */
export type ToPlayers =
  | {
      readonly type: "open";
      /** `ws://host:port` of the front door. */
      readonly endpoint: string;
      readonly timeScale: number;
      /** Its tables are the `first`, `first + stride`, … of `total`: `rooms` of them. */
      readonly rooms: number;
      readonly first: number;
      readonly stride: number;
      readonly total: number;
    }
  | { readonly type: "start" }
  | { readonly type: "leave" };

/** What a client process tells the bench. */
export type FromPlayers =
  | { readonly type: "opened"; readonly clients: number; readonly ms: number }
  | { readonly type: "report"; readonly report: PlayersReport }
  | { readonly type: "left" }
  | { readonly type: "error"; readonly message: string };

export interface PlayersReport {
  readonly summary: LoadSummary;
  /** Whether every game ended within the play budget. */
  readonly finished: boolean;
  /** This process's CPU time (all threads) and wall time during play, in ms. */
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Its event loop's delay during play: p99 and maximum, in ms. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  readonly rssBytes: number;
  /** Its main thread's time waiting for a core during play, in ms (null: not Linux). */
  readonly waitMs: number | null;
}

const send = (message: FromPlayers) => process.send!(message);

/** The next message of `type` from the bench. */
function next<T extends ToPlayers["type"]>(type: T): Promise<Extract<ToPlayers, { type: T }>> {
  return new Promise((resolve) => {
    const on = (message: ToPlayers) => {
      if (message.type !== type) return;
      process.off("message", on);
      resolve(message as Extract<ToPlayers, { type: T }>);
    };
    process.on("message", on);
  });
}

async function play(): Promise<void> {
  const open = await next("open");
  const latencies: number[] = [];
  const opening = performance.now();
  const rooms = await openRooms(open.endpoint, open.rooms, latencies);
  const all = rooms.flat();
  send({ type: "opened", clients: all.length, ms: performance.now() - opening });

  await next("start");
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const wait0 = mainThreadWaitMs(process.pid);
  const wall0 = performance.now();
  startRooms(rooms, open.timeScale, (i) => (open.first + i * open.stride) / open.total);
  const finished = await waitFor(() => all.every((c) => c.ended), playBudgetMs(open.timeScale));
  const cpu = process.cpuUsage(cpu0);
  const wait1 = mainThreadWaitMs(process.pid);
  loop.disable();
  send({
    type: "report",
    report: {
      summary: summarize(all, latencies),
      finished,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - wall0,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
      rssBytes: process.memoryUsage().rss,
      waitMs: wait0 === null || wait1 === null ? null : wait1 - wait0,
    },
  });

  await next("leave");
  await Promise.all(all.map((c) => c.room.leave().catch(() => 0)));
  send({ type: "left" });
}

// The bench stops this process once it has left (or failed): the IPC channel keeps it alive.
play().catch((error: unknown) => {
  send({
    type: "error",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
});
