/**
 * `npm run bench:server -- --processes N --rooms R`: the rooms bench on N server processes as
 * one game (docs/DEPLOY.md), on this machine: a throwaway Redis, N processes on it sharing one
 * records store (the SQLite file of one DATA_DIR; with `--postgres` a throwaway PostgreSQL, or
 * the one of DATABASE_URL when it is set), each with its own port and PUBLIC_ADDRESS, and nginx as the front door from
 * deploy/nginx.conf.template. Every client connects through the front door: the creation goes
 * to whichever process nginx picks, which keeps the table, as in a deployment. The clients run
 * in client processes of their own (`--client-processes K`, default 2; bench-players-process.ts),
 * so that one event loop does not play 3,000 clients. With N ≥ 2 the same load then runs on one
 * process behind the same front door (unless `--no-compare`), and both are printed side by
 * side: latency, bytes per client per round, CPU of every server process and of nginx, Redis
 * and the client processes, memory, beside the targets.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type PostgresCluster, startPostgres } from "../tests/services/postgres";
import {
  byTypeLine,
  bytesPerRound,
  type LoadSummary,
  mergeSummaries,
  percentile,
  playBudgetMs,
  ROUNDS,
} from "./bench-players";
import type { FromPlayers, PlayersReport, ToPlayers } from "./bench-players-process";
import {
  type BenchServer,
  type BenchServerOptions,
  type Health,
  health,
  mainThreadWaitMs,
  openFileLimit,
  processCpuMs,
  processRssBytes,
  startServer,
} from "./bench-process";
import { mark, printTable } from "./bench-table";
import { calibration, calibrationLines, measureCalibration } from "./calibration";
import {
  freePort,
  nginxBinary,
  redisBinary,
  stopChild,
  ThrowawayNginx,
  ThrowawayRedis,
} from "./services";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface ClusterBenchOptions {
  readonly processes: number;
  readonly rooms: number;
  readonly timeScale: number;
  readonly clientProcesses: number;
  /** With N ≥ 2: the same load on one process too. */
  readonly compare: boolean;
  /** The records in a throwaway PostgreSQL (a new database a run) instead of a SQLite file. */
  readonly postgres: boolean;
  /** A server's options for `dataDir` with `env` (the bench's time scale, rooms, profiles). */
  readonly server: (dataDir: string, env: Record<string, string>) => BenchServerOptions;
}

/** What one run measured. */
interface ClusterRun {
  readonly processes: number;
  readonly clientProcesses: number;
  /** Each server process's health when every client had connected. */
  readonly connected: readonly Health[];
  readonly connectS: number;
  readonly finished: boolean;
  readonly summary: LoadSummary;
  readonly wallS: number;
  /** CPU seconds during play of each server process, nginx and Redis (null: not measured). */
  readonly serverCpuS: readonly number[];
  readonly nginxCpuS: number | null;
  readonly redisCpuS: number | null;
  /** Seconds each server process's main thread waited for a core during play (null: not Linux). */
  readonly serverWaitS: readonly (number | null)[];
  readonly players: readonly PlayersReport[];
  /** Each server process's RSS before the clients, and its peak. */
  readonly baselineRss: readonly number[];
  readonly peakRss: readonly number[];
  readonly nginxRss: number | null;
  readonly redisRss: number | null;
  /** The worst second's event-loop delay p99 over the server processes. */
  readonly loopDelayP99Ms: number;
  /** The 1-minute load average as play started and as it ended. */
  readonly load: readonly [number, number];
  /** Lines saying what might limit the run (open files, nginx's connections). */
  readonly warnings: readonly string[];
}

/** A client process: its messages as a queue. */
class Players {
  private readonly inbox: FromPlayers[] = [];
  private waiting: (() => void) | null = null;
  private exited = false;

  constructor(readonly child: ChildProcess) {
    child.on("message", (m: FromPlayers) => {
      this.inbox.push(m);
      this.waiting?.();
    });
    child.once("exit", () => {
      this.exited = true;
      this.waiting?.();
    });
  }

  static start(): Players {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "scripts", "bench-players-process.ts")],
      { cwd: root, stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    return new Players(child);
  }

  send(message: ToPlayers): void {
    this.child.send(message);
  }

  /** The next message of `type` (throws on the process's error or exit, or after `timeoutMs`). */
  async next<T extends FromPlayers["type"]>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<FromPlayers, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.inbox.shift();
      if (m?.type === "error") throw new Error(`a client process failed: ${m.message}`);
      if (m?.type === type) return m as Extract<FromPlayers, { type: T }>;
      if (m) continue;
      if (this.exited) throw new Error(`a client process exited before "${type}"`);
      if (Date.now() > deadline) throw new Error(`no "${type}" from a client process`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = null;
    }
  }
}

/**
 * A process's `/healthz`, asked again (up to three times) when the request fails: a loaded
 * server may close an idle kept-alive connection just as the next request goes out on it.
 */
async function healthOf(port: number): Promise<Health> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await health(port);
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const cpuS = (a: Health, b: Health) =>
  (b.cpuUserMicros + b.cpuSystemMicros - a.cpuUserMicros - a.cpuSystemMicros) / 1e6;
const delta = (a: number | null, b: number | null) =>
  a === null || b === null ? null : (b - a) / 1000;

/** What could cap 3,000 connections here: open files per process, nginx's connections. */
function limitWarnings(clients: number, o: ClusterBenchOptions, nginxConf: string): string[] {
  const warnings: string[] = [];
  const files = openFileLimit();
  // The front door holds two sockets a client (the browser's and the upstream one).
  const needs = {
    "the front door": 2 * clients + 100,
    "one server process": Math.ceil(clients / o.processes) + 200,
    "one client process": Math.ceil(clients / o.clientProcesses) + 100,
  };
  for (const [who, n] of Object.entries(needs))
    if (files !== null && files < n)
      warnings.push(`open files: ${who} needs about ${n}, the limit is ${files} (ulimit -n)`);
  const connections = Number(/worker_connections\s+(\d+)/.exec(nginxConf)?.[1] ?? 0);
  const workers = Number(/worker_processes\s+(\d+)/.exec(nginxConf)?.[1] ?? 1);
  if (connections * workers < needs["the front door"])
    warnings.push(
      `nginx: ${workers} worker(s) of ${connections} connections, ${needs["the front door"]} needed`,
    );
  return warnings;
}

/** One run: N processes behind a fresh front door, Redis and records, and the clients. */
async function runCluster(
  o: ClusterBenchOptions,
  processes: number,
  databaseUrl: string | null,
): Promise<ClusterRun> {
  const redisBin = redisBinary();
  const nginxBin = nginxBinary();
  if (!redisBin || !nginxBin)
    throw new Error(
      "--processes needs redis-server and nginx (Debian: apt-get install redis-server nginx)",
    );
  const redis = await ThrowawayRedis.start(redisBin);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-bench-"));
  const servers: BenchServer[] = [];
  let door: ThrowawayNginx | null = null;
  const players: Players[] = [];
  try {
    const doorPort = await freePort();
    // One after another, as `npm run start:cluster` does.
    for (let i = 0; i < processes; i++) {
      const port = await freePort();
      servers.push(
        await startServer(
          o.server(dataDir, {
            PORT: String(port),
            REDIS_URL: redis.url,
            PUBLIC_ADDRESS: `127.0.0.1:${doorPort}/${port}`,
            TRUST_PROXY: "loopback",
            // No odds threads (only workshops use them), as in the one-server bench.
            ODDS_RUNS: "0",
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          }),
        ),
      );
    }
    door = await ThrowawayNginx.start(
      nginxBin,
      servers.map((s) => ({ path: String(s.port), upstream: `127.0.0.1:${s.port}` })),
      doorPort,
    );
    const clients = o.rooms * 6;
    const warnings = limitWarnings(
      clients,
      { ...o, processes },
      fs.readFileSync(path.join(door.prefix, "nginx.conf"), "utf8"),
    );
    for (const w of warnings) console.log(`warning: ${w}`);
    const baseline = await Promise.all(servers.map((s) => healthOf(s.port)));
    console.log(
      `${processes} server process(es) on ports ${servers.map((s) => s.port).join(", ")} behind nginx on ${doorPort}; ` +
        `opening ${o.rooms} rooms of 6 clients from ${o.clientProcesses} client process(es)`,
    );

    const t0 = Date.now();
    for (let k = 0; k < o.clientProcesses; k++) {
      const p = Players.start();
      players.push(p);
      p.send({
        type: "open",
        endpoint: `ws://127.0.0.1:${doorPort}`,
        timeScale: o.timeScale,
        rooms: Math.ceil((o.rooms - k) / o.clientProcesses),
        first: k,
        stride: o.clientProcesses,
        total: o.rooms,
      });
    }
    const openBudget = 60_000 + o.rooms * 1000;
    const opened = await Promise.all(players.map((p) => p.next("opened", openBudget)));
    // From the first join to the last client process's last (not the processes' own start).
    const connectS = Math.max(...opened.map((m) => m.ms)) / 1000;
    const startupS = (Date.now() - t0) / 1000 - connectS;
    const connected = await Promise.all(servers.map((s) => healthOf(s.port)));
    console.log(
      `connected ${connected.reduce((n, h) => n + h.clients, 0)} clients in ` +
        `${connected.map((h) => h.rooms).join(" + ")} rooms in ${connectS.toFixed(1)} s ` +
        `(the client processes took ${startupS.toFixed(1)} s more to start)`,
    );

    const start = await Promise.all(servers.map((s) => healthOf(s.port)));
    const nginxPid = door.pid;
    const redisPid = redis.pid;
    const wait0 = servers.map((s) => mainThreadWaitMs(s.child.pid));
    const nginx0 = processCpuMs(nginxPid);
    const redis0 = processCpuMs(redisPid);
    const load0 = os.loadavg()[0]!;
    const wall0 = performance.now();
    for (const p of players) p.send({ type: "start" });
    const peakRss = connected.map((h) => h.rssBytes);
    const loopP99: number[] = [];
    let nginxRss = 0;
    let redisRss = 0;
    /** Health samples that failed (a loaded server; the figures are from the others). */
    let failedSamples = 0;
    const sampler = setInterval(() => {
      servers.forEach((s, i) => {
        health(s.port).then(
          (h) => {
            peakRss[i] = Math.max(peakRss[i]!, h.rssBytes);
            loopP99.push(h.loopDelayP99Ms);
          },
          () => failedSamples++,
        );
      });
      nginxRss = Math.max(nginxRss, processRssBytes(nginxPid) ?? 0);
      redisRss = Math.max(redisRss, processRssBytes(redisPid) ?? 0);
    }, 1000);
    const reports = await Promise.all(
      players.map((p) => p.next("report", playBudgetMs(o.timeScale) + 60_000)),
    );
    clearInterval(sampler);
    const end = await Promise.all(servers.map((s) => healthOf(s.port)));
    const wait1 = servers.map((s) => mainThreadWaitMs(s.child.pid));
    const nginx1 = processCpuMs(nginxPid);
    const redis1 = processCpuMs(redisPid);
    const wallS = (performance.now() - wall0) / 1000;
    const load1 = os.loadavg()[0]!;
    for (const p of players) p.send({ type: "leave" });
    await Promise.all(players.map((p) => p.next("left", 60_000)));

    return {
      processes,
      clientProcesses: o.clientProcesses,
      connected,
      connectS,
      finished: reports.every((r) => r.report.finished),
      summary: mergeSummaries(reports.map((r) => r.report.summary)),
      wallS,
      serverCpuS: start.map((h, i) => cpuS(h, end[i]!)),
      serverWaitS: wait0.map((w, i) => delta(w, wait1[i]!)),
      nginxCpuS: delta(nginx0, nginx1),
      redisCpuS: delta(redis0, redis1),
      players: reports.map((r) => r.report),
      baselineRss: baseline.map((h) => h.rssBytes),
      peakRss,
      nginxRss: nginxPid === undefined ? null : nginxRss,
      redisRss: redisPid === undefined ? null : redisRss,
      loopDelayP99Ms: Math.max(0, ...loopP99),
      load: [load0, load1],
      warnings: [
        ...warnings,
        ...(failedSamples > 0 ? [`${failedSamples} health samples failed (loaded servers)`] : []),
      ],
    };
  } finally {
    await Promise.all(players.map((p) => stopChild(p.child)));
    await Promise.all(servers.map((s) => stopChild(s.child, 15_000)));
    await door?.stop();
    await redis.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const pct = (s: number, wallS: number) => `${((100 * s) / wallS).toFixed(0)}%`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Seconds waiting for a core, each process's, and their share of the wall time. */
const waits = (seconds: readonly (number | null)[], wallS: number) =>
  seconds.some((w) => w === null)
    ? "(not measured: Linux only)"
    : `${seconds.map((w) => `${w!.toFixed(1)} s`).join(" + ")} in ${wallS.toFixed(1)} s (${seconds.map((w) => pct(w!, wallS)).join(" + ")})`;

/** A cell: the figure and, where there is a target, whether it is met. */
const cell = (figure: string, ok: boolean | null = null) =>
  ok === null ? figure : `${figure} ${mark(ok).trim()}`;

/** The table's rows for one run: [measure, cell, target] in the same order for every run. */
function rowsOf(run: ClusterRun, rooms: number): [string, string, string][] {
  const s = run.summary;
  const sorted = [...s.latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const perRound = bytesPerRound(s);
  const serverS = sum(run.serverCpuS);
  const playersS = sum(run.players.map((p) => p.cpuMs)) / 1000;
  const allS = serverS + playersS + (run.nginxCpuS ?? 0) + (run.redisCpuS ?? 0);
  const roomsNow = sum(run.connected.map((h) => h.rooms));
  const clientsNow = sum(run.connected.map((h) => h.clients));
  const memPerRoom =
    sum(run.peakRss.map((peak, i) => Math.max(peak, run.connected[i]!.rssBytes))) -
    sum(run.baselineRss);
  const service = (cpu: number | null, rss: number | null) =>
    cpu === null ? "(not measured: Linux only)" : `${pct(cpu, run.wallS)} (RSS ${mb(rss ?? 0)})`;
  return [
    [
      "server processes (rooms on each)",
      `${run.processes} (${run.connected.map((h) => h.rooms).join(" + ")})`,
      "report",
    ],
    [
      "concurrent rooms (connections)",
      cell(`${roomsNow} (${clientsNow})`, roomsNow >= rooms && clientsNow >= rooms * 6),
      `${rooms} (${rooms * 6})`,
    ],
    ["time to connect them all", `${run.connectS.toFixed(1)} s`, "report"],
    ["games finished", cell(`${s.ended / 6} of ${rooms}`, run.finished), "all"],
    ["action-to-reply latency p50", `${p50.toFixed(1)} ms`, "report"],
    [
      "action-to-reply latency p99",
      cell(`${p99.toFixed(1)} ms (${sorted.length} actions)`, p99 < 50),
      "< 50 ms",
    ],
    ["bytes received per client per round (wire)", cell(kb(perRound), perRound <= 2048), "<= 2 KB"],
    ["the same decompressed", kb(bytesPerRound(s, ROUNDS, "read")), "report"],
    [
      "bytes of the first full state",
      cell(kb(s.firstViewBytes), s.firstViewBytes <= 32768),
      "<= 32 KB",
    ],
    [
      "server CPU during play, all processes",
      `${pct(serverS, run.wallS)} of one core (${serverS.toFixed(1)} s in ${run.wallS.toFixed(1)} s)`,
      "report",
    ],
    [
      "server CPU during play, each process",
      cell(
        run.serverCpuS.map((c) => pct(c, run.wallS)).join(" + "),
        run.serverCpuS.every((c) => c < run.wallS),
      ),
      "< 100% each (keeps up)",
    ],
    ["server main threads waiting for a core", waits(run.serverWaitS, run.wallS), "report"],
    ["server CPU per game", `${((serverS * 1000) / rooms).toFixed(0)} ms`, "report"],
    ["nginx CPU (front door)", service(run.nginxCpuS, run.nginxRss), "report"],
    ["Redis CPU", service(run.redisCpuS, run.redisRss), "report"],
    [
      "bench clients' CPU (same cores)",
      `${pct(playersS, run.wallS)} (${run.players.map((p) => pct(p.cpuMs / 1000, run.wallS)).join(" + ")})`,
      "report",
    ],
    [
      "bench clients waiting for a core",
      waits(
        run.players.map((p) => (p.waitMs === null ? null : p.waitMs / 1000)),
        run.wallS,
      ),
      "report",
    ],
    [
      "bench clients' event-loop delay p99, max",
      `${Math.max(...run.players.map((p) => p.loopDelayP99Ms)).toFixed(1)} ms, ${Math.max(...run.players.map((p) => p.loopDelayMaxMs)).toFixed(0)} ms`,
      "report",
    ],
    [
      "all of it: CPU during play",
      `${pct(allS, run.wallS)} of ${100 * os.availableParallelism()}% (${os.availableParallelism()} cores)`,
      "report",
    ],
    [
      "server memory per room",
      `${(memPerRoom / rooms / 1024).toFixed(0)} KB (peak RSS ${run.peakRss.map(mb).join(" + ")})`,
      "report",
    ],
    ["server event-loop delay p99 (worst second)", `${run.loopDelayP99Ms.toFixed(1)} ms`, "report"],
    [
      "load average (1 min) at start, end",
      `${run.load[0].toFixed(1)}, ${run.load[1].toFixed(1)}`,
      "report",
    ],
  ];
}

export async function clusterBench(o: ClusterBenchOptions): Promise<void> {
  const calibrationStart = measureCalibration();
  let postgres: PostgresCluster | null = null;
  const runs: ClusterRun[] = [];
  try {
    if (o.postgres) postgres = await startPostgres();
    const counts = o.compare && o.processes > 1 ? [o.processes, 1] : [o.processes];
    for (const n of counts)
      runs.push(await runCluster(o, n, (await postgres?.createDatabase(`bench_${n}`)) ?? null));
  } finally {
    await postgres?.stop();
  }
  const cal = calibration(calibrationStart, measureCalibration());
  const store = o.postgres
    ? "a throwaway PostgreSQL"
    : process.env.DATABASE_URL
      ? "the PostgreSQL of DATABASE_URL"
      : "one SQLite file";
  const tables = runs.map((r) => rowsOf(r, o.rooms));
  console.log(
    `\n${o.rooms} rooms of 6 clients through nginx, Redis and one records store ` +
      `(${store}), ` +
      `time scale ${o.timeScale}; the clients in ${o.clientProcesses} process(es) on the same cores`,
  );
  for (const line of calibrationLines(cal)) console.log(line);
  printTable(
    [
      "measure",
      ...runs.map((r) => `${r.processes} process${r.processes > 1 ? "es" : ""}`),
      "target",
    ],
    tables[0]!.map(([name, , target], i) => [name, ...tables.map((t) => t[i]![1]), target]),
  );
  console.log("");
  for (const r of runs) {
    console.log(
      `${r.processes} process(es), bytes per client per round by message type: ${byTypeLine(r.summary)}`,
    );
    for (const w of r.warnings) console.log(`  warning: ${w}`);
  }
}
