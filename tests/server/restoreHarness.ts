/**
 * A real server as a child process for the restart tests (`restore.test.ts` on SQLite,
 * `storePostgres.test.ts` on PostgreSQL): `server/main.ts` on a temp DATA_DIR and a free port
 * with the test hooks on, three tables played into round 3 over the protocol (two people, bots
 * only, a workshop's), chat lines at the people's table (one private), probes of every live
 * table (`GET /api/test/tables`), everyone joining again with their seat token, the chat history
 * they are sent then, and the workshop's cockpit after the restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "colyseus.js";
import { expect } from "vitest";
import { freePort } from "../../scripts/services";
import type { LiveTableProbe } from "../../server/app";
import { type ChatMessage, ROOM_NAME, type ServerMessages } from "../../shared/protocol";
import { LONG_PHASES, TestPlayer, type WorkshopSeat } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The server as a child process, as `npm start` runs it (without building the client): on its
 * own, or as one process of a cluster (`tests/cluster/processes.ts`), reached at `http`.
 */
export class ServerProcess {
  private output = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly http: string,
  ) {
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

  /** `http`: where the tests reach it (its own port unless a front door is in between). */
  static async start(
    dataDir: string,
    port: number,
    env: Record<string, string> = {},
    http = `http://127.0.0.1:${port}`,
  ): Promise<ServerProcess> {
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
          DATABASE_URL: "",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const server = new ServerProcess(child, port, http);
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

  /** Its live tables (`TEST_HOOKS=1`), asked at `http`. */
  tables(): Promise<Map<string, LiveTableProbe>> {
    return probes({ http: this.http, ws: this.http });
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

export interface Site {
  readonly ws: string;
  readonly http: string;
}

export async function api<T>(
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

export async function probes(site: Site): Promise<Map<string, LiveTableProbe>> {
  const list = await api<LiveTableProbe[]>(site, "GET", "/api/test/tables");
  return new Map(list.map((t) => [t.code, t]));
}

export async function probe(site: Site, code: string): Promise<LiveTableProbe> {
  const t = (await probes(site)).get(code);
  if (!t) throw new Error(`no live table ${code}`);
  return t;
}

/** Waits, message by message to `player`, until the server's probe of the table passes. */
export async function probeUntil(
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

export async function connect(
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
export interface Sitter {
  readonly name: string;
  readonly code: string;
  readonly token: string;
  readonly seat: string | null;
  player: TestPlayer;
}

export interface Played {
  readonly people: Sitter[];
  /** The table of two people, of bots only (and of the workshop, when there is one). */
  readonly codes: { readonly people: string; readonly bots: string; readonly workshop?: string };
  /** The workshop's code and facilitator secret, when there is one. */
  readonly workshop?: { readonly code: string; readonly secret: string };
  /** Who to wait on at each table (a connection that hears its changes). */
  readonly ears: Map<string, TestPlayer>;
  /** The chat lines said at the people's table, in order (`say`). */
  readonly said: { readonly text: string; readonly private: boolean }[];
}

/** Students who join a workshop by its code, one after another, each then at their table. */
export async function seatStudents(
  site: Site,
  code: string,
  nicknames: readonly string[],
): Promise<Sitter[]> {
  const students: Sitter[] = [];
  for (const nickname of nicknames) {
    const seat = await api<WorkshopSeat>(site, "POST", `/api/workshops/${code}/join`, {
      nickname,
    });
    const player = await connect(site, {
      join: seat.table,
      options: { name: seat.nickname, seatToken: seat.token },
    });
    students.push(sitter(seat.nickname, player));
  }
  return students;
}

export function sitter(name: string, player: TestPlayer): Sitter {
  return {
    name,
    code: player.table!.code,
    token: player.seat!.token!,
    seat: player.seat!.seat,
    player,
  };
}

/**
 * A chat line at the people's table from Alice (0) or Bob (1), public or (`privately`) to the
 * other one's seat; resolves once the other one has heard it (the server took it: the table's
 * record has it at the next flush).
 */
export async function say(
  played: Pick<Played, "people" | "said">,
  from: 0 | 1,
  text: string,
  privately = false,
): Promise<void> {
  const [speaker, listener] = [played.people[from]!, played.people[1 - from]!];
  const heard = listener.player.chats.length;
  speaker.player.send("chat", privately ? { text, to: listener.seat } : { text });
  await listener.player.until(
    () => listener.player.chats.slice(heard).some((c) => c.text === text),
    `"${text}" heard`,
  );
  played.said.push({ text, private: privately });
}

/** The texts of the last chat history a connection was sent (on joining, oldest first). */
export function historyOf(player: TestPlayer): string[] {
  const last = [...player.messages].reverse().find((m) => m.type === "chatHistory");
  if (!last) throw new Error("no chat history was sent");
  return (last.body as ServerMessages["chatHistory"]).map((c: ChatMessage) => c.text);
}

/**
 * After the restart the people's table still has its chat: Alice and Bob, back with their seat
 * tokens, are sent every line said (the private one to Bob is Alice's too, she sent it), and
 * someone new at the table only the public ones.
 */
export async function chatCameBack(site: Site, played: Played): Promise<void> {
  const all = played.said.map((l) => l.text);
  expect(all.length).toBeGreaterThan(0);
  expect(played.said.some((l) => l.private)).toBe(true);
  for (const p of played.people.slice(0, 2)) expect(historyOf(p.player), p.name).toEqual(all);
  const newcomer = await connect(site, {
    join: played.codes.people,
    options: { name: "Gil", spectator: true },
  });
  expect(historyOf(newcomer)).toEqual(played.said.filter((l) => !l.private).map((l) => l.text));
  await newcomer.leave(true);
}

/**
 * Moves a table on to round 3's Act phase (after its bots' turn) by skipping phases: the host
 * (`skip`) or the facilitator (`control`) skips, `ear` hears the table change.
 */
export async function toRound3(
  site: Site,
  code: string,
  ear: TestPlayer,
  skip: () => Promise<void>,
) {
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

/**
 * Bob, the lab at the people's table, moves his sliders in the phase in play; resolves once the
 * server's probe of the table shows the move.
 */
export async function bobActs(site: Site, played: Played): Promise<void> {
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
}

export async function playThreeTables(site: Site, withWorkshop: boolean): Promise<Played> {
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
  const people = [sitter("Alice", alice), sitter("Bob", bob), sitter("Carol", carol)];
  // Chat at the people's table, well before the restart (records are written after it).
  const said: Played["said"] = [];
  await say({ people, said }, 0, "Hello, lab.");
  await say({ people, said }, 0, "Just between us: I will lobby for a pause.", true);
  await say({ people, said }, 1, "Noted, company.");
  await toRound3(site, botsCode, carol, skipBy(carol));
  const ears = new Map([
    [peopleCode, alice],
    [botsCode, carol],
  ]);
  if (!withWorkshop) return { people, codes: { people: peopleCode, bots: botsCode }, ears, said };
  // A workshop table with two students.
  const ws = await api<{ code: string; secret: string }>(site, "POST", "/api/workshops", {
    scenario,
    format: 45,
    tableSize: 3,
  });
  const students = await seatStudents(site, ws.code, ["Dana", "Eli"]);
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
    said,
  };
}

/** Everyone joins again with their seat token (as the page does after a close). */
export async function everyoneBack(site: Site, played: Played): Promise<void> {
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
export const WORKSHOP = true;

export interface CockpitAnswer {
  readonly tables: readonly {
    readonly code: string;
    readonly live: boolean;
    readonly round?: number;
    readonly phase?: string | null;
    readonly seats?: readonly { readonly nickname: string | null; readonly connected: boolean }[];
  }[];
}

/** The workshop's cockpit still runs its table after the restart: it shows it and skips it. */
export async function cockpitRunsIt(site: Site, played: Played): Promise<void> {
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

/** Stops (SIGKILL) every server a scene started and has not stopped (each test's afterEach). */
export async function stopServers(): Promise<void> {
  for (const s of running.splice(0)) await s.stop();
}

/**
 * A temp DATA_DIR and a free port; `start` runs a server on them (with `env` on top: a
 * DATABASE_URL, say), as many times as a test restarts it.
 */
export async function scene(env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-restore-"));
  const port = await freePort();
  const site: Site = { ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` };
  const start = async () => {
    const server = await ServerProcess.start(dataDir, port, env);
    running.push(server);
    return server;
  };
  return { dataDir, site, start };
}
