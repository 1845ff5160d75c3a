/**
 * `npm run bench:server [-- --rooms 300 --time-scale 0.05]`: starts the server in its own
 * process, connects R rooms of six colyseus.js clients that play every seat with the bots'
 * policy on short timers, and prints the server's CPU, memory per room, bytes received per
 * client per round, bytes of the first full state and action-to-reply latency, with targets.
 * Time figures are also printed in units of the calibration measured in the same run, before
 * the server starts and after the games end (scripts/calibration.ts), so that figures from
 * different machines can be compared.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client, type Room } from "colyseus.js";
import { botActions, DEFAULT_PERSONALITY } from "../shared/bots";
import { presetById } from "../shared/presets";
import { ROOM_NAME, type TableInfo } from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import { applyPatch, type PatchOp } from "../shared/viewpatch";
import type { PublicView, SeatView } from "../shared/views";
import { calibration, calibrationLines, inCal, inCpuCal, measureCalibration } from "./calibration";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROOMS = arg("rooms", 300);
const TIME_SCALE = arg("time-scale", 0.05);
const ROUNDS = 8;
const SEATS = ["G1", "G2", "L1", "L2", "C1", "C2"] as const;
const ROLE_OF = { G: "government", L: "lab", C: "company" } as const;

interface Health {
  rooms: number;
  clients: number;
  rssBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, path.join(root, "server", "main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      TIME_SCALE: String(TIME_SCALE),
      MAX_ROOMS: String(ROOMS + 50),
      CREATES_PER_MINUTE: String(ROOMS * 10),
      BOT_DELAY_MS: "100",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/:(\d+) \(data in/);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, port };
}

async function health(port: number): Promise<Health> {
  return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
}

class BenchClient {
  table: TableInfo | null = null;
  view: { seat: Omit<SeatView, "public"> | null; public: PublicView } | null = null;
  bytes = 0;
  /** Bytes received from the game's start to its ending (not counting the debrief). */
  playBytes = 0;
  firstViewBytes = 0;
  debriefBytes = 0;
  lastView: BenchClient["view"] = null;
  ended = false;
  private pending: number[] = [];
  private actedIn = "";
  private lastFrame = 0;

  constructor(
    readonly room: Room,
    readonly seat: string,
    readonly latencies: number[],
    private readonly scenario: () => Scenario | null,
  ) {
    // Count each frame before colyseus.js handles it (so the handlers know its size).
    const ws = (
      room.connection.transport as unknown as {
        ws: { onmessage: (e: { data: ArrayBuffer }) => void };
      }
    ).ws;
    const handle = ws.onmessage;
    ws.onmessage = (e) => {
      this.lastFrame = e.data.byteLength;
      this.bytes += e.data.byteLength;
      if (this.table?.stage === "playing") this.playBytes += e.data.byteLength;
      handle(e);
    };
    room.onMessage("*", (type, body) => this.receive(String(type), body));
  }

  private receive(type: string, body: unknown): void {
    switch (type) {
      case "table":
        this.table = body as TableInfo;
        break;
      case "tablePatch":
        this.table = applyPatch(this.table, (body as { ops: PatchOp[] }).ops);
        break;
      case "view":
        this.view = body as BenchClient["view"];
        if (this.firstViewBytes === 0) this.firstViewBytes = this.lastFrame;
        this.answered();
        break;
      case "viewPatch":
        this.view = applyPatch(this.view, (body as { ops: PatchOp[] }).ops);
        this.answered();
        break;
      case "error":
        this.answered();
        break;
      case "debrief":
        this.lastView = this.view;
        this.debriefBytes = this.lastFrame;
        this.playBytes -= this.lastFrame;
        this.ended = true;
        break;
    }
    this.maybeAct();
  }

  private answered(): void {
    const sent = this.pending.shift();
    if (sent !== undefined) this.latencies.push(performance.now() - sent);
  }

  /** Once per Act and Legislate phase: the bots' policy for this seat, sent as actions. */
  private maybeAct(): void {
    const table = this.table;
    const scenario = this.scenario();
    if (!table || !this.view?.seat || !scenario || table.stage !== "playing") return;
    if (table.phase !== "act" && table.phase !== "legislate") return;
    const key = `${table.round}/${table.phase}`;
    if (this.actedIn === key || this.view.public.phase !== table.phase) return;
    this.actedIn = key;
    const seatView = { ...this.view.seat, public: this.view.public } as SeatView;
    const role = ROLE_OF[this.seat[0] as keyof typeof ROLE_OF];
    for (const action of botActions(seatView, scenario, DEFAULT_PERSONALITY[role])) {
      this.pending.push(performance.now());
      this.room.send("action", { action });
    }
  }
}

async function openRoom(port: number, latencies: number[]): Promise<BenchClient[]> {
  let scenario: Scenario | null = null;
  const get = () => scenario;
  const host = new Client(`ws://127.0.0.1:${port}`);
  const hostRoom = await host.create(ROOM_NAME, {
    name: "Bench",
    mode: "private",
    role: "government",
    rounds: ROUNDS,
    speed: "quick",
    patches: true,
  });
  const clients = [new BenchClient(hostRoom, "G1", latencies, get)];
  for (const seat of SEATS.slice(1)) {
    const room = await new Client(`ws://127.0.0.1:${port}`).joinById(hostRoom.roomId, {
      name: `Bench ${seat}`,
      seat,
      patches: true,
    });
    clients.push(new BenchClient(room, seat, latencies, get));
  }
  const base = presetById("standard")!;
  scenario = { ...base, rounds: ROUNDS };
  return clients;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

async function main(): Promise<void> {
  const calibrationStart = measureCalibration();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-bench-"));
  const { child, port } = await startServer(dataDir);
  console.log(
    `server on port ${port}; opening ${ROOMS} rooms of 6 clients (time scale ${TIME_SCALE})`,
  );
  try {
    const baseline = await health(port);
    const latencies: number[] = [];
    const rooms: BenchClient[][] = [];
    const t0 = Date.now();
    for (let i = 0; i < ROOMS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, ROOMS - i) }, () => openRoom(port, latencies)),
      );
      rooms.push(...batch);
    }
    const connected = await health(port);
    console.log(
      `connected ${connected.clients} clients in ${connected.rooms} rooms in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const startCpu = await health(port);
    const startWall = performance.now();
    // Tables start spread over one round, as real tables would, not all at the same instant.
    const roundMs = 175 * 0.5 * TIME_SCALE * 1000;
    rooms.forEach((clients, i) => {
      setTimeout(() => clients[0]!.room.send("start", {}), (i / rooms.length) * roundMs);
    });
    let peakRss = 0;
    const loopP99: number[] = [];
    const sampler = setInterval(() => {
      void health(port).then((h) => {
        peakRss = Math.max(peakRss, h.rssBytes);
        loopP99.push(h.loopDelayP99Ms);
      });
    }, 1000);
    const all = rooms.flat();
    const budgetMs = ROUNDS * 175 * 0.5 * TIME_SCALE * 1000 * 3 + 60_000;
    const finished = await waitFor(() => all.every((c) => c.ended), budgetMs);
    clearInterval(sampler);
    const endCpu = await health(port);
    const wallS = (performance.now() - startWall) / 1000;

    const cpuS =
      (endCpu.cpuUserMicros +
        endCpu.cpuSystemMicros -
        startCpu.cpuUserMicros -
        startCpu.cpuSystemMicros) /
      1e6;
    const sorted = [...latencies].sort((a, b) => a - b);
    const ended = all.filter((c) => c.ended);
    const perRound = ended.map((c) => c.playBytes / ROUNDS);
    const avgPerRound = perRound.reduce((a, b) => a + b, 0) / Math.max(1, perRound.length);
    const firstView = Math.max(...all.map((c) => c.firstViewBytes));
    const debrief = Math.max(...all.map((c) => c.debriefBytes));
    // What a client without patches (or reconnecting) gets as one full view in the last round:
    // the seat view with its public part, and the public view again (JSON, above msgpack's size).
    const lateFull = Math.max(
      ...all.map((c) =>
        c.lastView
          ? JSON.stringify({
              seat: { ...c.lastView.seat, public: c.lastView.public },
              public: c.lastView.public,
            }).length
          : 0,
      ),
    );
    const memPerRoom = (Math.max(peakRss, connected.rssBytes) - baseline.rssBytes) / ROOMS;

    const loopDelay = Math.max(...loopP99);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    // The end of the calibration, once the clients have left and the server is idle.
    await Promise.all(all.map((c) => c.room.leave().catch(() => 0)));
    const cal = calibration(calibrationStart, measureCalibration());

    // Sizes are the same on every machine; times are also given in cal. The server's CPU time is
    // given in CPU cal per game, as its share of a core depends on the machine's speed.
    const rows: [string, string, string, string, boolean | null][] = [
      [
        "concurrent rooms (connections)",
        `${connected.rooms} (${connected.clients})`,
        "",
        `>= 300 (1,800)`,
        connected.rooms >= 300 && connected.clients >= 1800,
      ],
      ["games finished", `${ended.length / 6} of ${ROOMS}`, "", `all`, finished],
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
        "bytes received per client per round",
        `${(avgPerRound / 1024).toFixed(2)} KB`,
        "",
        "<= 8 KB",
        avgPerRound <= 8192,
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
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    const w2 = Math.max(6, ...rows.map((r) => r[2].length));
    const w3 = Math.max(...rows.map((r) => r[3].length));
    console.log("");
    for (const line of calibrationLines(cal)) console.log(line);
    console.log(
      `\n| ${"measure".padEnd(w0)} | ${"figure".padEnd(w1)} | ${"in cal".padEnd(w2)} | ${"target".padEnd(w3)} | ok |`,
    );
    console.log(
      `| ${"-".repeat(w0)} | ${"-".repeat(w1)} | ${"-".repeat(w2)} | ${"-".repeat(w3)} | -- |`,
    );
    for (const [name, figure, normalised, target, ok] of rows) {
      console.log(
        `| ${name.padEnd(w0)} | ${figure.padEnd(w1)} | ${normalised.padEnd(w2)} | ${target.padEnd(w3)} | ${ok === null ? "  " : ok ? "✓ " : "✗ "} |`,
      );
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
