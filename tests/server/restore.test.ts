/**
 * Tables survive their server: a real server runs as a child process (`server/main.ts` on a
 * temp DATA_DIR and a free port), three tables are played into round 3 (two people over the
 * protocol, one of bots only, one workshop table with its students), the server is killed
 * (SIGKILL) or stopped (SIGTERM) and started again on the same records: every table is back
 * under its code at its round and phase with the same state hash (`GET /api/test/tables`,
 * `TEST_HOOKS=1`), and every person gets their seat back by joining with their seat token, as
 * the browser client does after a close.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "colyseus.js";
import { afterEach, describe, expect, it } from "vitest";
import type { LiveTableProbe } from "../../server/app";
import { openStore } from "../../server/store";
import { ROOM_NAME } from "../../shared/protocol";
import { LONG_PHASES, TestPlayer, type WorkshopSeat } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The server as a child process, as `npm start` runs it (without building the client). */
class ServerProcess {
  private output = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on("data", (d: Buffer) => {
      this.output += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      this.output += d.toString();
    });
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
  }

  static async start(dataDir: string, port: number): Promise<ServerProcess> {
    // tsx as a loader in this very process (its CLI would run the server in a grandchild, which
    // a SIGKILL to the child would leave running).
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "server", "main.ts")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
          DATA_DIR: dataDir,
          CLIENT_DIST: path.join(dataDir, "no-client"),
          TIME_SCALE: "0.02",
          BOT_DELAY_MS: "20",
          ODDS_RUNS: "0",
          CREATES_PER_MINUTE: "1000",
          FAILED_JOIN_DELAY_MS: "0",
          TEST_HOOKS: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const server = new ServerProcess(child);
    await server.waitFor("Attractor server on", 60_000);
    return server;
  }

  waitFor(text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no "${text}" from the server; it said:\n${this.output}`));
      }, timeoutMs);
      const check = () => {
        if (this.output.includes(text)) {
          cleanup();
          resolve();
        }
      };
      const gone = () => {
        cleanup();
        reject(new Error(`the server exited before "${text}"; it said:\n${this.output}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.child.stdout?.off("data", check);
        this.child.off("exit", gone);
      };
      this.child.stdout?.on("data", check);
      this.child.once("exit", gone);
      check();
    });
  }

  get said(): string {
    return this.output;
  }

  async kill(signal: "SIGKILL" | "SIGTERM") {
    this.child.kill(signal);
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

interface Site {
  readonly ws: string;
  readonly http: string;
}

async function api<T>(
  site: Site,
  method: "GET" | "POST",
  route: string,
  body?: unknown,
  secret?: string,
): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (secret) headers.Authorization = `Bearer ${secret}`;
  const res = await fetch(`${site.http}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json()) as T;
  if (res.status >= 300) throw new Error(`${method} ${route}: ${JSON.stringify(answer)}`);
  return answer;
}

async function probes(site: Site): Promise<Map<string, LiveTableProbe>> {
  const list = await api<LiveTableProbe[]>(site, "GET", "/api/test/tables");
  return new Map(list.map((t) => [t.code, t]));
}

async function probe(site: Site, code: string): Promise<LiveTableProbe> {
  const t = (await probes(site)).get(code);
  if (!t) throw new Error(`no live table ${code}`);
  return t;
}

/** Waits, message by message to `player`, until the server's probe of the table passes. */
async function probeUntil(
  site: Site,
  code: string,
  player: TestPlayer,
  cond: (t: LiveTableProbe) => boolean,
  what: string,
): Promise<LiveTableProbe> {
  for (;;) {
    const seen = player.messages.length;
    const t = await probe(site, code);
    if (cond(t)) return t;
    await player.until(() => player.messages.length > seen, what, 60_000);
  }
}

async function connect(
  site: Site,
  how: { create: Record<string, unknown> } | { join: string; options: Record<string, unknown> },
): Promise<TestPlayer> {
  const client = new Client(site.ws);
  const room =
    "create" in how
      ? await client.create(ROOM_NAME, how.create)
      : await client.joinById(how.join, how.options);
  const player = new TestPlayer(client, room);
  await player.until(() => player.table && player.seat, "the first table", 30_000);
  return player;
}

/** One person at a table: how they join again after a restart, and where they sat. */
interface Sitter {
  readonly name: string;
  readonly code: string;
  readonly token: string;
  readonly seat: string | null;
  player: TestPlayer;
}

interface Played {
  readonly people: Sitter[];
  /** The table of two people, of bots only (and of the workshop, when there is one). */
  readonly codes: { readonly people: string; readonly bots: string; readonly workshop?: string };
  /** The workshop's code and facilitator secret, when there is one. */
  readonly workshop?: { readonly code: string; readonly secret: string };
  /** Who to wait on at each table (a connection that hears its changes). */
  readonly ears: Map<string, TestPlayer>;
}

function sitter(name: string, player: TestPlayer): Sitter {
  return {
    name,
    code: player.table!.code,
    token: player.seat!.token!,
    seat: player.seat!.seat,
    player,
  };
}

/**
 * Moves a table on to round 3's Act phase (after its bots' turn) by skipping phases: the host
 * (`skip`) or the facilitator (`control`) skips, `ear` hears the table change.
 */
async function toRound3(site: Site, code: string, ear: TestPlayer, skip: () => Promise<void>) {
  for (;;) {
    const t = await probe(site, code);
    if (t.round >= 3 && t.phase === "act") break;
    const seen = `${t.round}/${t.phase}`;
    if (t.phase === "act" || t.phase === "legislate") await skip();
    await probeUntil(site, code, ear, (n) => `${n.round}/${n.phase}` !== seen, "the next phase");
  }
  // The bots' turn may change nothing a connection sees (a strategy is private): ask the probe
  // again until it has come (a few milliseconds after the phase opened).
  const deadline = Date.now() + 30_000;
  for (;;) {
    const t = await probe(site, code);
    if (t.botsRan) return t;
    if (Date.now() > deadline) throw new Error(`no bots' turn at ${code}`);
  }
}

async function playThreeTables(site: Site, withWorkshop: boolean): Promise<Played> {
  const scenario = (await api<{ id: string }>(site, "POST", "/api/scenarios", LONG_PHASES)).id;
  // Two people at a table over the protocol.
  const alice = await connect(site, {
    create: { name: "Alice", mode: "private", scenario, role: "company" },
  });
  const peopleCode = alice.table!.code;
  const bob = await connect(site, { join: peopleCode, options: { name: "Bob", role: "lab" } });
  alice.send("start", {});
  // A table of bots only: its host sits in no seat.
  const carol = await connect(site, { create: { name: "Carol", mode: "private", scenario } });
  const botsCode = carol.table!.code;
  carol.send("start", {});
  const skipBy = (p: TestPlayer) => async () => p.send("skip", {});
  await toRound3(site, peopleCode, alice, skipBy(alice));
  await toRound3(site, botsCode, carol, skipBy(carol));
  const people = [sitter("Alice", alice), sitter("Bob", bob), sitter("Carol", carol)];
  const ears = new Map([
    [peopleCode, alice],
    [botsCode, carol],
  ]);
  if (!withWorkshop) return { people, codes: { people: peopleCode, bots: botsCode }, ears };
  // A workshop table with two students.
  const ws = await api<{ code: string; secret: string }>(site, "POST", "/api/workshops", {
    scenario,
    format: 45,
    tableSize: 3,
  });
  const students: Sitter[] = [];
  for (const nickname of ["Dana", "Eli"]) {
    const seat = await api<WorkshopSeat>(site, "POST", `/api/workshops/${ws.code}/join`, {
      nickname,
    });
    const player = await connect(site, {
      join: seat.table,
      options: { name: seat.nickname, seatToken: seat.token },
    });
    students.push(sitter(seat.nickname, player));
  }
  const workshopCode = students[0]!.code;
  await api(site, "POST", `/api/workshops/${ws.code}/control`, { command: "start" }, ws.secret);

  await toRound3(site, workshopCode, students[0]!.player, async () => {
    await api(site, "POST", `/api/workshops/${ws.code}/control`, { command: "skip" }, ws.secret);
  });
  people.push(...students);
  ears.set(workshopCode, students[0]!.player);
  return {
    people,
    codes: { people: peopleCode, bots: botsCode, workshop: workshopCode },
    workshop: ws,
    ears,
  };
}

/** Everyone joins again with their seat token (as the page does after a close). */
async function everyoneBack(site: Site, played: Played): Promise<void> {
  for (const p of played.people) {
    await p.player.until(() => p.player.closedWith !== null, `${p.name}'s close`, 30_000);
    p.player = await connect(site, {
      join: p.code,
      options: { name: p.name, seatToken: p.token },
    });
    expect(p.player.seat!.seat, `${p.name}'s seat`).toBe(p.seat);
    expect(p.player.seat!.token, `${p.name}'s token`).toBe(p.token);
  }
  for (const p of played.people) {
    const t = await probeUntil(
      site,
      p.code,
      p.player,
      (t) => t.people.some((q) => q.name === p.name && q.connected),
      `${p.name} connected`,
    );
    expect(t.people.find((q) => q.name === p.name)!.seat).toBe(p.seat);
  }
}

/** Whether the workshop's table is played and restored too. */
const WORKSHOP = true;

interface CockpitAnswer {
  readonly tables: readonly {
    readonly code: string;
    readonly live: boolean;
    readonly round?: number;
    readonly phase?: string | null;
    readonly seats?: readonly { readonly nickname: string | null; readonly connected: boolean }[];
  }[];
}

/** The workshop's cockpit still runs its table after the restart: it shows it and skips it. */
async function cockpitRunsIt(site: Site, played: Played): Promise<void> {
  const ws = played.workshop;
  const code = played.codes.workshop;
  if (!ws || !code) return;
  const route = `/api/workshops/${ws.code}/cockpit`;
  const cockpit = await api<CockpitAnswer>(site, "GET", route, undefined, ws.secret);
  const table = cockpit.tables.find((t) => t.code === code)!;
  expect(table.live).toBe(true);
  expect(table.round).toBe(3);
  const students = played.people.filter((p) => p.code === code).map((p) => p.name);
  for (const name of students)
    expect(table.seats!.find((s) => s.nickname === name)?.connected, name).toBe(true);
  const ear = played.people.find((p) => p.code === code)!.player;
  const seen = ear.table!.phase;
  await api(site, "POST", `/api/workshops/${ws.code}/control`, { command: "skip" }, ws.secret);
  await ear.until(() => ear.table!.phase !== seen, "the facilitator's skip after the restart");
}

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

async function scene() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-restore-"));
  const port = await freePort();
  const site: Site = { ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` };
  const start = async () => {
    const server = await ServerProcess.start(dataDir, port);
    running.push(server);
    return server;
  };
  return { dataDir, site, start };
}

describe("tables survive a restart", () => {
  it("SIGKILL mid-round: every table is back at its round with the same hash, everyone in their seat", async () => {
    const { site, start } = await scene();
    const first = await start();
    const played = await playThreeTables(site, WORKSHOP);
    const before = await probes(site);
    await first.kill("SIGKILL");

    const second = await start();
    const after = await probes(site);
    for (const code of Object.values(played.codes)) {
      const was = before.get(code)!;
      const now = after.get(code);
      expect(now, `table ${code} back; the server said:\n${second.said}`).toBeDefined();
      expect(now!.stage).toBe("playing");
      expect(now!.round).toBe(3);
      expect(now!.phase).toBe("act");
      // Nothing happened since the bots' turn: the record is the game as it was.
      expect(now!.hash).toBe(was.hash);
      expect(now!.actions).toBe(was.actions);
      // What was left at the last record (the time since is lost with the process), at most
      // the whole Act phase (1800 s × 0.02).
      expect(now!.remainingMs).toBeGreaterThan(0);
      expect(now!.remainingMs).toBeLessThanOrEqual(36_000);
    }
    await everyoneBack(site, played);

    // The game goes on: the host is host again and skips to Legislate.
    const alice = played.people[0]!.player;
    await alice.until(
      () => alice.table!.players.find((p) => p.name === "Alice")?.host,
      "Alice host again",
    );
    alice.send("skip", {});
    await alice.until(() => alice.table!.phase === "legislate", "Legislate after the restart");
    await cockpitRunsIt(site, played);
  }, 240_000);

  it("SIGTERM: nothing is lost, the games are saved as resumable and come back", async () => {
    const { dataDir, site, start } = await scene();
    const first = await start();
    const played = await playThreeTables(site, WORKSHOP);
    // People act in the phase in play: their moves must survive the stop.
    const bob = played.people[1]!.player;
    const acted = await probe(site, played.codes.people);
    bob.send("action", {
      action: { type: "setStrategy", sliders: { capability: 0.2, safety: 0.7, product: 0.1 } },
    });
    await probeUntil(
      site,
      played.codes.people,
      bob,
      (t) => t.actions > acted.actions || t.hash !== acted.hash,
      "Bob's action",
    );
    const before = await probes(site);
    const exit = await first.kill("SIGTERM");
    expect(exit.code).toBe(0);

    const store = await openStore({ databaseUrl: "", dataDir });
    const rows = await store.tablesInPlay();
    await store.close();
    expect(rows.map((r) => r.code).sort()).toEqual(Object.values(played.codes).sort());

    await start();
    const after = await probes(site);
    for (const code of Object.values(played.codes)) {
      const was = before.get(code)!;
      const now = after.get(code)!;
      expect(now, `table ${code} back`).toBeDefined();
      expect(now.round).toBe(was.round);
      expect(now.phase).toBe(was.phase);
      expect(now.hash).toBe(was.hash);
      expect(now.actions).toBe(was.actions);
      // The record was written at the stop, after the look before it.
      expect(now.remainingMs).toBeLessThanOrEqual(was.remainingMs);
    }
    await everyoneBack(site, played);
    await cockpitRunsIt(site, played);
    const reopened = await openStore({ databaseUrl: "", dataDir });
    const gameId = played.people[0]!.player.table!.gameId!;
    expect((await reopened.get(gameId))?.status).toBe("playing");
    await reopened.close();
  }, 240_000);
});
