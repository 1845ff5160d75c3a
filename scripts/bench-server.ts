/**
 * `npm run bench:server [-- --rooms 300 --time-scale 0.05]`: starts the server in its own
 * process, connects R rooms of six colyseus.js clients that play every seat with the bots'
 * policy on short timers, and prints the server's CPU, memory per room, bytes received per
 * client per round, bytes of the first full state and action-to-reply latency, with targets.
 * Time figures are also printed in units of the calibration measured in the same run, before
 * the server starts and after the games end (scripts/calibration.ts), so that figures from
 * different machines can be compared.
 *
 * `npm run bench:server -- --processes 2 --rooms 500 [--client-processes 2] [--no-compare]
 * [--postgres] [--time-scale 0.5]`: the same tables on N server processes as one game behind
 * the front door (bench-cluster.ts: a throwaway Redis and nginx, the clients in client
 * processes of their own), and the same load on one process behind it beside them.
 *
 * `npm run bench:server -- --workshop 36 [--odds-runs 300] [--time-scale 0.05]`: a classroom
 * workshop instead (issue 11): created through the HTTP API (45-minute format, the scenario's
 * seats), 36 students joining by its code and then their tables as the client does, a
 * projector polling its view and a facilitator polling the cockpit every 2 s, through a whole
 * game on short timers. Prints action-to-reply latency, bytes per student per round, the odds
 * from here's CPU time per table per round (from the debrief's odds lines) and the server's
 * largest event-loop stall, beside their targets.
 *
 * `--cpu-prof DIR` (any bench): the server writes a V8 CPU profile of each of its threads
 * to DIR when it stops (open it in Chrome's DevTools), to see what its event loop spent time on.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "colyseus.js";
import { presetById } from "../shared/presets";
import type { Scenario } from "../shared/scenario";
import type { Cockpit, StudentSeat, WorkshopCreated, WorkshopDebrief } from "../shared/workshop";
import { clusterBench } from "./bench-cluster";
import {
  BenchClient,
  byTypeLine,
  bytesPerRound,
  openRooms,
  percentile,
  playBudgetMs,
  ROUNDS,
  startRooms,
  summarize,
  waitFor,
} from "./bench-players";
import { type BenchServerOptions, health, mainThreadCpuMs, startServer } from "./bench-process";
import { printRows, type Row } from "./bench-table";
import { calibration, calibrationLines, inCal, inCpuCal, measureCalibration } from "./calibration";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROOMS = arg("rooms", 300);
/** Students of the workshop bench (0: the rooms bench). */
const WORKSHOP = arg("workshop", 0);
/** ODDS_RUNS of the server in the workshop bench (its default otherwise). */
const ODDS_RUNS = arg("odds-runs", 300);
/** Server processes behind the front door (0: one server reached directly, the rooms bench). */
const PROCESSES = arg("processes", 0);
/**
 * The phases' length against real play. A game costs the servers about the same CPU at any
 * pace, so 0.05 asks twenty times the CPU a second of real play: right for finding what a
 * table costs, but 3,000 players at that pace saturate two cores (every reply waits). The
 * cluster bench, which measures 3,000 players' latency, plays at 0.5 (twice real play; a game
 * in six to seven minutes) unless told otherwise.
 */
const TIME_SCALE = arg("time-scale", PROCESSES > 0 ? 0.5 : 0.05);
/** `--cpu-prof DIR`: the server's CPU profiles (main thread and workers) are written to DIR. */
const CPU_PROF = (() => {
  const i = process.argv.indexOf("--cpu-prof");
  return i >= 0 ? path.resolve(process.argv[i + 1] ?? ".") : null;
})();

/** A bench server's options: this run's time scale, rooms and profiles, and `env`. */
const serverOptions = (dataDir: string, env: Record<string, string>): BenchServerOptions => ({
  dataDir,
  timeScale: TIME_SCALE,
  rooms: ROOMS,
  cpuProf: CPU_PROF,
  env,
});

async function main(): Promise<void> {
  const calibrationStart = measureCalibration();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-bench-"));
  // No odds threads (only workshops use them): their warm-up would count in memory and CPU.
  const odds = process.argv.includes("--odds-runs") ? String(ODDS_RUNS) : "0";
  const { child, port } = await startServer(serverOptions(dataDir, { ODDS_RUNS: odds }));
  console.log(
    `server on port ${port}; opening ${ROOMS} rooms of 6 clients (time scale ${TIME_SCALE})`,
  );
  try {
    const baseline = await health(port);
    const latencies: number[] = [];
    const t0 = Date.now();
    const rooms = await openRooms(`ws://127.0.0.1:${port}`, ROOMS, latencies);
    const connected = await health(port);
    console.log(
      `connected ${connected.clients} clients in ${connected.rooms} rooms in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const startCpu = await health(port);
    const startWall = performance.now();
    startRooms(rooms, TIME_SCALE);
    let peakRss = 0;
    const loopP99: number[] = [];
    const sampler = setInterval(() => {
      void health(port).then((h) => {
        peakRss = Math.max(peakRss, h.rssBytes);
        loopP99.push(h.loopDelayP99Ms);
      });
    }, 1000);
    const all = rooms.flat();
    const finished = await waitFor(() => all.every((c) => c.ended), playBudgetMs(TIME_SCALE));
    clearInterval(sampler);
    const endCpu = await health(port);
    const wallS = (performance.now() - startWall) / 1000;

    const cpuS =
      (endCpu.cpuUserMicros +
        endCpu.cpuSystemMicros -
        startCpu.cpuUserMicros -
        startCpu.cpuSystemMicros) /
      1e6;
    const summary = summarize(all, latencies);
    const sorted = [...summary.latencies].sort((a, b) => a - b);
    const avgPerRound = bytesPerRound(summary);
    const decompressedPerRound = bytesPerRound(summary, ROUNDS, "read");
    const firstView = summary.firstViewBytes;
    const debrief = summary.debriefBytes;
    const lateFull = summary.lateFullBytes;
    const memPerRoom = (Math.max(peakRss, connected.rssBytes) - baseline.rssBytes) / ROOMS;

    const loopDelay = Math.max(...loopP99);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    // The end of the calibration, once the clients have left and the server is idle.
    await Promise.all(all.map((c) => c.room.leave().catch(() => 0)));
    const cal = calibration(calibrationStart, measureCalibration());

    // Sizes are the same on every machine; times are also given in cal. The server's CPU time is
    // given in CPU cal per game, as its share of a core depends on the machine's speed.
    const rows: Row[] = [
      [
        "concurrent rooms (connections)",
        `${connected.rooms} (${connected.clients})`,
        "",
        `>= 300 (1,800)`,
        connected.rooms >= 300 && connected.clients >= 1800,
      ],
      ["games finished", `${summary.ended / 6} of ${ROOMS}`, "", `all`, finished],
      [
        "server CPU during play",
        `${((100 * cpuS) / wallS).toFixed(0)}% of one core (${cpuS.toFixed(1)} s in ${wallS.toFixed(1)} s)`,
        `${inCpuCal((cpuS * 1000) / ROOMS, cal)} per game`,
        "< 100% (keeps up)",
        cpuS / wallS < 1,
      ],
      [
        "server memory per room",
        `${(memPerRoom / 1024).toFixed(0)} KB (peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB)`,
        "",
        "report",
        null,
      ],
      [
        "bytes received per client per round (wire)",
        `${(avgPerRound / 1024).toFixed(2)} KB`,
        "",
        // Issue 12's target for a table's clients (a workshop's students: 8 KB, below).
        "<= 2 KB",
        avgPerRound <= 2048,
      ],
      [
        "the same decompressed (as the client reads it)",
        `${(decompressedPerRound / 1024).toFixed(2)} KB`,
        "",
        "report",
        null,
      ],
      [
        "bytes of the first full state",
        `${(firstView / 1024).toFixed(2)} KB`,
        "",
        "<= 32 KB",
        firstView <= 32768,
      ],
      [
        "a full view in the last round (JSON)",
        `${(lateFull / 1024).toFixed(2)} KB`,
        "",
        "<= 32 KB",
        lateFull <= 32768,
      ],
      [
        "debrief message (once, at the end)",
        `${(debrief / 1024).toFixed(2)} KB`,
        "",
        "report",
        null,
      ],
      [
        "server event-loop delay p99 (worst second)",
        `${loopDelay.toFixed(1)} ms`,
        inCal(loopDelay, cal),
        "report",
        null,
      ],
      ["action-to-reply latency p50", `${p50.toFixed(1)} ms`, inCal(p50, cal), "report", null],
      [
        "action-to-reply latency p99",
        `${p99.toFixed(1)} ms (${sorted.length} actions)`,
        inCal(p99, cal),
        "< 50 ms",
        p99 < 50,
      ],
    ];
    console.log("");
    for (const line of calibrationLines(cal)) console.log(line);
    printRows(rows);
    console.log(`\nbytes per client per round by message type: ${byTypeLine(summary)}`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- The workshop bench (`--workshop N`). ----

interface HttpAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly bytes: number;
  readonly ms: number;
}

async function call<T>(
  base: string,
  method: "GET" | "POST",
  route: string,
  body?: unknown,
  bearer?: string,
): Promise<HttpAnswer<T>> {
  const t = performance.now();
  const res = await fetch(`${base}${route}`, {
    method,
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t;
  return { status: res.status, body: JSON.parse(text) as T, bytes: text.length, ms };
}

function expectStatus(answer: HttpAnswer<unknown>, what: string, ...ok: number[]): void {
  if (!ok.includes(answer.status))
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Something polled every `everyMs`: its answers' times and sizes. */
function poller(everyMs: number, poll: () => Promise<HttpAnswer<unknown>>) {
  const times: number[] = [];
  const sizes: number[] = [];
  let failures = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    poll()
      .then((a) => {
        if (a.status !== 200) failures++;
        times.push(a.ms);
        sizes.push(a.bytes);
      })
      .catch(() => failures++)
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return {
    times,
    sizes,
    get failures() {
      return failures;
    },
    stop: () => clearInterval(timer),
  };
}

const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
/** monitorEventLoopDelay's timer resolution in /healthz (its max includes it once). */
const LOOP_RESOLUTION_MS = 10;

async function workshopBench(students: number): Promise<void> {
  const calibrationStart = measureCalibration();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-bench-"));
  const { child, port, output } = await startServer(
    serverOptions(dataDir, { ODDS_RUNS: String(ODDS_RUNS) }),
  );
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `server on port ${port}; a workshop of ${students} students (time scale ${TIME_SCALE}, ODDS_RUNS ${ODDS_RUNS})`,
  );
  try {
    const created = await call<WorkshopCreated>(base, "POST", "/api/workshops", { format: 45 });
    expectStatus(created, "create the workshop", 201);
    const workshop = created.body;
    const rounds = workshop.format.rounds;
    const scenario: Scenario = { ...presetById(workshop.scenario)!, rounds };
    const latencies: number[] = [];
    const clients: BenchClient[] = [];
    const t0 = Date.now();
    // Students arrive in small groups, each joining by the code, then their table.
    for (let i = 0; i < students; i += 6) {
      const group = await Promise.all(
        Array.from({ length: Math.min(6, students - i) }, async (_, k) => {
          const nickname = `Student ${i + k + 1}`;
          const seat = await call<StudentSeat>(
            base,
            "POST",
            `/api/workshops/${workshop.code}/join`,
            { nickname },
          );
          expectStatus(seat, `join ${nickname}`, 201);
          const { table, token } = seat.body;
          if (!table) throw new Error(`${nickname} got no table`);
          const room = await new Client(`ws://127.0.0.1:${port}`).joinById(table, {
            name: nickname,
            seatToken: token,
            patches: true,
          });
          return new BenchClient(room, seat.body.seat ?? "", latencies, () => scenario);
        }),
      );
      clients.push(...group);
    }
    const tables = new Set(clients.map((c) => c.room.roomId));
    console.log(
      `${clients.length} students joined ${tables.size} tables in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const projector = poller(2000, () =>
      call(
        base,
        "GET",
        `/api/workshops/${workshop.code}/projector`,
        undefined,
        workshop.projectorKey,
      ),
    );
    const cockpitOdds = new Map<string, number>();
    const cockpit = poller(2000, async () => {
      const a = await call<Cockpit>(
        base,
        "GET",
        `/api/workshops/${workshop.code}/cockpit`,
        undefined,
        workshop.secret,
      );
      if (a.status === 200)
        for (const t of a.body.tables)
          if (t.live && t.odds) cockpitOdds.set(`${t.code}/${t.odds.round}`, t.odds.ms);
      return a;
    });
    let stall = 0;
    /** Each second's largest stall, with the seconds since the start and the tables' round. */
    const stalls: { at: number; ms: number; round: number }[] = [];
    let startedAt = performance.now();
    /** The server's main thread: its CPU at the start, at the last sample, its busiest second. */
    const main = { start: mainThreadCpuMs(child.pid), last: mainThreadCpuMs(child.pid), peak: 0 };
    const sampler = setInterval(() => {
      const cpu = mainThreadCpuMs(child.pid);
      if (cpu !== null && main.last !== null) main.peak = Math.max(main.peak, cpu - main.last);
      main.last = cpu;
      void health(port).then((h) => {
        const ms = h.loopDelayMaxMs - LOOP_RESOLUTION_MS;
        stall = Math.max(stall, ms);
        const round = Math.max(0, ...clients.map((c) => c.table?.round ?? 0));
        stalls.push({ at: (performance.now() - startedAt) / 1000, ms, round });
      });
    }, 1000);

    // A server warms its odds threads up long before a class starts: so does the bench.
    if (ODDS_RUNS > 0 && !(await waitFor(() => /odds from here: .* ready/.test(output()), 120_000)))
      throw new Error("the server's odds threads did not warm up in 2 minutes");
    const ready = output().match(/odds from here: .*/);
    if (ready) console.log(ready[0]);
    await health(port); // resets the event-loop histogram: the stall counts from the start
    stall = 0;
    stalls.length = 0;
    startedAt = performance.now();
    main.start = main.last = mainThreadCpuMs(child.pid);
    main.peak = 0;
    const start = await call(
      base,
      "POST",
      `/api/workshops/${workshop.code}/control`,
      { command: "start", table: "all" },
      workshop.secret,
    );
    expectStatus(start, "start all", 200);
    const budgetMs = rounds * 175 * TIME_SCALE * 1000 * 3 + 60_000;
    const finished = await waitFor(() => clients.every((c) => c.ended), budgetMs);
    projector.stop();
    cockpit.stop();
    clearInterval(sampler);
    const last = await health(port);
    stall = Math.max(stall, last.loopDelayMaxMs - LOOP_RESOLUTION_MS);
    const mainEnd = mainThreadCpuMs(child.pid);
    const mainMs = mainEnd !== null && main.start !== null ? mainEnd - main.start : null;

    const debrief = await call<WorkshopDebrief>(
      base,
      "GET",
      `/api/workshops/${workshop.code}/debrief`,
      undefined,
      workshop.secret,
    );
    expectStatus(debrief, "the debrief", 200);
    const points = debrief.body.tables.flatMap((t) => t.odds.filter((p) => p.runs > 0));
    const oddsMs = points.length > 0 ? points.map((p) => p.ms) : [...cockpitOdds.values()];
    const oddsMedian = median(oddsMs);
    const oddsMax = oddsMs.length > 0 ? Math.max(...oddsMs) : Number.NaN;
    const tablesEnded = debrief.body.tables.filter((t) => t.stage === "ended").length;

    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const ended = clients.filter((c) => c.ended);
    const played = summarize(ended, latencies);
    const perRound = bytesPerRound(played, rounds);
    const decompressedPerRound = bytesPerRound(played, rounds, "read");
    await Promise.all(clients.map((c) => c.room.leave().catch(() => 0)));
    const cal = calibration(calibrationStart, measureCalibration());
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
    const pollLine = (p: ReturnType<typeof poller>) =>
      `p50 ${median(p.times).toFixed(1)} ms, p99 ${percentile(
        [...p.times].sort((a, b) => a - b),
        99,
      ).toFixed(1)} ms, ${kb(median(p.sizes))} (${p.times.length} polls, ${p.failures} failed)`;

    const rows: Row[] = [
      [
        "students (tables)",
        `${clients.length} (${tables.size} tables of ${workshop.seats.length})`,
        "",
        `${students}`,
        clients.length === students,
      ],
      [
        "tables finished",
        `${tablesEnded} of ${tables.size}`,
        "",
        "all",
        finished && tablesEnded === tables.size,
      ],
      ["action-to-reply latency p50", `${p50.toFixed(1)} ms`, inCal(p50, cal), "report", null],
      [
        "action-to-reply latency p99",
        `${p99.toFixed(1)} ms (${sorted.length} actions)`,
        inCal(p99, cal),
        "< 50 ms",
        p99 < 50,
      ],
      ["bytes per student per round (wire)", kb(perRound), "", "<= 8 KB", perRound <= 8192],
      ["the same decompressed", kb(decompressedPerRound), "", "report", null],
      ...(ODDS_RUNS > 0
        ? ([
            [
              "odds per table per round, median",
              `${oddsMedian.toFixed(0)} ms of one core (${ODDS_RUNS} runs)`,
              inCpuCal(oddsMedian, cal),
              "<= 1000 ms",
              oddsMedian <= 1000,
            ],
            [
              "odds per table per round, max",
              `${oddsMax.toFixed(0)} ms of one core`,
              inCpuCal(oddsMax, cal),
              "<= 1000 ms",
              oddsMax <= 1000,
            ],
          ] as Row[])
        : ([
            ["odds per table per round", "(odds off: --odds-runs 0)", "", "<= 1000 ms", null],
          ] as Row[])),
      [
        "odds computed (tables × rounds)",
        `${oddsMs.length} of ${tables.size * rounds}`,
        "",
        "report",
        null,
      ],
      [
        "event loop's largest stall",
        `${stall.toFixed(1)} ms`,
        inCal(stall, cal),
        "<= 50 ms",
        stall <= 50,
      ],
      [
        "server main thread's CPU during play",
        mainMs === null
          ? "(not measured: Linux only)"
          : `${mainMs.toFixed(0)} ms, ${(mainMs / (tables.size * rounds)).toFixed(1)} ms a table-round; busiest second ${main.peak.toFixed(0)} ms`,
        mainMs === null ? "" : inCpuCal(mainMs / (tables.size * rounds), cal),
        "report",
        null,
      ],
      ["cockpit poll (every 2 s)", pollLine(cockpit), "", "report", null],
      ["projector poll (every 2 s)", pollLine(projector), "", "report", null],
    ];
    console.log("");
    for (const line of calibrationLines(cal)) console.log(line);
    printRows(rows);
    const worst = [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(
      `\nlargest stalls (seconds after the start, round): ${worst.map((w) => `${w.ms.toFixed(0)} ms at ${w.at.toFixed(0)} s (round ${w.round})`).join(", ")}`,
    );
    console.log(
      `bytes per student per round by message type (decompressed): ${byTypeLine(played, rounds)}`,
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await (WORKSHOP > 0
  ? workshopBench(WORKSHOP)
  : PROCESSES > 0
    ? clusterBench({
        processes: PROCESSES,
        rooms: ROOMS,
        timeScale: TIME_SCALE,
        clientProcesses: arg("client-processes", 2),
        compare: !process.argv.includes("--no-compare"),
        postgres: process.argv.includes("--postgres"),
        server: serverOptions,
      })
    : main());
process.exit(0);
