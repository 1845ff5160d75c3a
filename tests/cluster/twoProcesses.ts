/**
 * Two server processes as one game, with the real services: one throwaway Redis (Colyseus's
 * presence and driver, our codes and workshops), nginx as the front door from
 * deploy/nginx.conf.template (`/{port}/` to each process, the rest to either), and the records
 * either in one shared SQLite DATA_DIR (`twoProcesses.test.ts`) or in a throwaway PostgreSQL
 * (`twoProcessesPostgres.test.ts`, `DATABASE_URL`: what several machines share). A table
 * created through process A is joined by its code through process B; a dropped connection
 * reconnects through B; a workshop created on B opens its tables on B whichever process its
 * students and teacher reach; when A is killed outright, B takes its table over from the
 * records and its people sit down again with their seat tokens; when B is stopped, a new A
 * takes everything over at once, losing nothing; and when that A is killed with a workshop still
 * seating its students, a new B takes the workshop and opens its lobby table again under its
 * code, the students back in their seats.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "colyseus.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/services";
import { openPostgres, openSqlite, type Store } from "../../server/store";
import { sqliteFile } from "../../server/store/sqlite";
import type { Cockpit } from "../../shared/workshop";
import { LONG_PHASES, type TestPlayer, type WorkshopSeat } from "../server/helpers";
import { connect as connectAt } from "../server/restoreHarness";
import { haveNginx, startNginx, type ThrowawayNginx } from "../services/nginx";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../services/postgres";
import { haveRedis, startRedis, type ThrowawayRedis } from "../services/redis";
import { type ClusterSite, recordedHash, type ServerProcess, startMember } from "./processes";

/** Where the two processes keep their records. */
export type Records = "sqlite" | "postgres";

/** A person at a table through `base` (a process's path on the front door, or the door itself). */
const connect = (base: string, how: Parameters<typeof connectAt>[1]) =>
  connectAt({ http: base, ws: base }, how);

/** Where a player's WebSocket went (the process's path on the front door). */
function socketUrl(p: TestPlayer): string {
  return (p.room.connection.transport as unknown as { ws: { url: string } }).ws.url;
}

/** A process's id in the cluster, as it printed it at its start. */
function processIdOf(p: ServerProcess): string {
  const id = /cluster: process (\S+),/.exec(p.said)?.[1];
  if (!id) throw new Error(`the process on ${p.port} said no cluster id:\n${p.said}`);
  return id;
}

async function api<T>(
  base: string,
  method: "GET" | "POST",
  route: string,
  body?: unknown,
  secret?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (secret) headers.Authorization = `Bearer ${secret}`;
  const res = await fetch(`${base}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Whether the services `records` needs are here (under CI they must be: this throws). */
function servicesHere(records: Records): boolean {
  const cluster = haveRedis() && haveNginx();
  if (records === "sqlite") return cluster;
  return postgresAvailable("the two processes on PostgreSQL") && cluster;
}

/** The whole two-process suite, with the records in `records`. */
export function describeTwoProcesses(records: Records): void {
  describe.skipIf(!servicesHere(records))(
    `two processes on one Redis behind nginx, records in ${records === "sqlite" ? "one SQLite file" : "PostgreSQL"}`,
    () => suite(records),
  );
}

function suite(records: Records): void {
  let redis: ThrowawayRedis;
  let door: ThrowawayNginx;
  let postgres: PostgresCluster | null = null;
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let site: ClusterSite;
  let keys: Redis;
  const players: TestPlayer[] = [];
  let scenario: string;
  const front = () => `http://127.0.0.1:${door.port}`;
  /** The records both processes write, opened by the test itself. */
  const openRecords = (): Promise<Store> =>
    records === "postgres" ? openPostgres(site.databaseUrl) : openSqlite(sqliteFile(dataDir));

  beforeAll(async () => {
    redis = await startRedis();
    keys = new Redis(redis.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-cluster-"));
    const ports = [await freePort(), await freePort()];
    door = await startNginx(ports.map((p) => ({ path: String(p), upstream: `127.0.0.1:${p}` })));
    let databaseUrl = "";
    if (records === "postgres") {
      postgres = await startPostgres();
      databaseUrl = await postgres.createDatabase("cluster");
    }
    site = { redisUrl: redis.url, dataDir, door: door.port, databaseUrl };
    a = await startMember(site, ports[0]!);
    b = await startMember(site, ports[1]!);
    const upload = await api<{ id: string }>(front(), "POST", "/api/scenarios", LONG_PHASES);
    expect(upload.status).toBe(201);
    scenario = upload.body.id;
  }, 120_000);

  afterAll(async () => {
    for (const p of players) await p.leave().catch(() => {});
    await b2?.stop();
    await a2?.stop();
    await a?.stop();
    await b?.stop();
    keys?.disconnect();
    await door?.stop();
    await redis?.stop();
    await postgres?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let code = "";
  let workshop: { code: string; secret: string; table: string };
  let a2: ServerProcess | undefined;
  let b2: ServerProcess | undefined;
  let alice: TestPlayer;
  let bob: TestPlayer;

  it("a table created through A is joined by its code through B", async () => {
    alice = await connect(a.http, {
      create: { name: "Alice", mode: "private", scenario, role: "company" },
    });
    players.push(alice);
    code = alice.table!.code;
    // The code is A's across the cluster, and the table lives on A only.
    expect(await keys.hget("attractor:codes", code)).toBe(processIdOf(a));
    expect((await a.tables()).has(code)).toBe(true);
    expect((await b.tables()).has(code)).toBe(false);

    bob = await connect(b.http, { join: code, options: { name: "Bob", role: "lab" } });
    players.push(bob);
    expect(bob.table!.code).toBe(code);
    // B reserved the seat on A; colyseus.js then connected to A's path on the front door.
    expect(socketUrl(bob)).toContain(`/${a.port}/`);
    const seen = await alice.until(
      () => alice.table!.players.some((p) => p.name === "Bob") && alice.table,
      "Bob at Alice's table",
    );
    expect(seen.players.map((p) => p.name).sort()).toEqual(["Alice", "Bob"]);
    const onA = (await a.tables()).get(code)!;
    expect(
      onA.people
        .filter((p) => p.connected)
        .map((p) => p.name)
        .sort(),
    ).toEqual(["Alice", "Bob"]);
  });

  it("a code no process holds is refused through either process", async () => {
    const client = new Client(b.http);
    await expect(client.joinById("ZZZZZ", { name: "Eve" })).rejects.toThrow(/not found/);
  });

  it("a dropped connection reconnects through B to its seat on A", async () => {
    const token = bob.room.reconnectionToken;
    const seat = bob.seat!.seat;
    await bob.leave(false);
    await alice.until(
      () => alice.table!.players.find((p) => p.name === "Bob")?.connected === false,
      "Bob away",
    );
    const room = await new Client(b.http).reconnect(token);
    bob.listen(room);
    await alice.until(
      () => alice.table!.players.find((p) => p.name === "Bob")?.connected,
      "Bob back",
    );
    expect(socketUrl(bob)).toContain(`/${a.port}/`);
    const onA = (await a.tables()).get(code)!;
    expect(onA.people.find((p) => p.name === "Bob")).toMatchObject({ seat, connected: true });
  });

  it("a workshop created on B opens its tables on B, reached through A and the front door", async () => {
    const created = await api<{ code: string; secret: string }>(b.http, "POST", "/api/workshops", {
      scenario,
      format: 45,
      tableSize: 3,
    });
    expect(created.status).toBe(201);
    const ws = created.body;
    // A student's join reaches A: forwarded to B, which opens the table.
    const joined = await api<WorkshopSeat>(a.http, "POST", `/api/workshops/${ws.code}/join`, {
      nickname: "Dana",
    });
    expect(joined.status).toBe(201);
    const table = joined.body.table;
    expect((await b.tables()).has(table)).toBe(true);
    expect((await a.tables()).has(table)).toBe(false);
    const dana = await connect(front(), {
      join: table,
      options: { name: joined.body.nickname, seatToken: joined.body.token },
    });
    players.push(dana);
    expect(socketUrl(dana)).toContain(`/${b.port}/`);
    // The teacher's cockpit through A shows the table B runs, with Dana connected.
    const cockpit = await api<{ tables: { code: string; live: boolean }[] }>(
      a.http,
      "GET",
      `/api/workshops/${ws.code}/cockpit`,
      undefined,
      ws.secret,
    );
    expect(cockpit.status).toBe(200);
    expect(cockpit.body.tables.find((t) => t.code === table)?.live).toBe(true);
    // A wrong secret is refused by the workshop's process, through either.
    const wrong = await api<{ error: string }>(
      a.http,
      "GET",
      `/api/workshops/${ws.code}/cockpit`,
      undefined,
      "not-the-secret",
    );
    expect(wrong.status).toBe(403);
    // The teacher starts the workshop through A: B's table plays.
    const started = await api(
      a.http,
      "POST",
      `/api/workshops/${ws.code}/control`,
      { command: "start" },
      ws.secret,
    );
    expect(started.status).toBe(200);
    await dana.until(() => dana.table!.phase === "act", "the workshop table's Act phase", 60_000);
    workshop = { code: ws.code, secret: ws.secret, table };
  });

  it("A killed outright: B takes A's table over from the records, and its people sit down again", async () => {
    alice.send("start", {});
    await alice.until(() => alice.table!.phase === "act", "the game's Act phase", 60_000);
    const deadline = Date.now() + 30_000;
    let before = (await a.tables()).get(code)!;
    while (!before.botsRan) {
      if (Date.now() > deadline) throw new Error("no bots' turn on A");
      before = (await a.tables()).get(code)!;
    }
    // A's record of it is written in the background: the SIGKILL comes once the records hold
    // the state A shows (what it then cuts off is only the clock).
    const ours = await openRecords();
    try {
      while ((await recordedHash(ours, code)) !== before.hash) {
        if (Date.now() > deadline)
          throw new Error(`A's record of ${code} never reached its state:\n${a.said}`);
        before = (await a.tables()).get(code)!;
      }
    } finally {
      await ours.close();
    }
    const sitters = [alice, bob].map((p) => ({
      name: p === alice ? "Alice" : "Bob",
      token: p.seat!.token!,
      seat: p.seat!.seat,
      player: p,
    }));

    await a.kill("SIGKILL");
    await b.waitFor(`took over 1 of 1 table(s) of processes gone: ${code}`, 60_000);
    const after = (await b.tables()).get(code);
    expect(after, `table ${code} on B; B said:\n${b.said}`).toBeDefined();
    expect(after!.round).toBe(before.round);
    expect(after!.phase).toBe(before.phase);
    expect(after!.hash).toBe(before.hash);
    // The code is B's now, and so is the table's row in the records B restored it from.
    expect(await keys.hget("attractor:codes", code)).toBe(processIdOf(b));
    const store = await openRecords();
    try {
      const row = (await store.tablesInPlay()).find((r) => r.code === code);
      expect(row?.owner).toBe(processIdOf(b));
    } finally {
      await store.close();
    }
    // On PostgreSQL no process wrote a SQLite file: the records were PostgreSQL's alone.
    if (records === "postgres")
      expect(fs.existsSync(sqliteFile(dataDir)), "a SQLite file beside PostgreSQL").toBe(false);

    for (const s of sitters) {
      await s.player.until(() => s.player.closedWith !== null, `${s.name}'s close`, 30_000);
      const back = await connect(front(), {
        join: code,
        options: { name: s.name, seatToken: s.token },
      });
      players.push(back);
      expect(back.seat!.seat, `${s.name}'s seat`).toBe(s.seat);
      expect(socketUrl(back)).toContain(`/${b.port}/`);
    }
    const onB = (await b.tables()).get(code)!;
    expect(
      onB.people
        .filter((p) => p.connected)
        .map((p) => p.name)
        .sort(),
    ).toEqual(["Alice", "Bob"]);
  }, 180_000);

  it("A back, B stopped (SIGTERM): A takes over B's tables and the workshop at once, losing nothing", async () => {
    a2 = await startMember(site, a.port);
    // B is alive: the new A takes none of its tables.
    expect(a2.said).not.toContain("restored");
    expect((await a2.tables()).size).toBe(0);
    const before = await b.tables();
    expect([...before.keys()].sort()).toEqual([code, workshop.table].sort());

    await b.kill("SIGTERM");
    await a2.waitFor("took over 2 of 2 table(s) of processes gone", 30_000);
    const after = await a2.tables();
    for (const [c, was] of before) {
      const now = after.get(c);
      expect(now, `table ${c} on the new A; it said:\n${a2.said}`).toBeDefined();
      expect([now!.round, now!.phase, now!.hash, now!.actions]).toEqual([
        was.round,
        was.phase,
        was.hash,
        was.actions,
      ]);
    }
    // The workshop is A's now: its cockpit runs the table A holds.
    const cockpit = await api<{ tables: { code: string; live: boolean }[] }>(
      a2.http,
      "GET",
      `/api/workshops/${workshop.code}/cockpit`,
      undefined,
      workshop.secret,
    );
    expect(cockpit.status).toBe(200);
    expect(cockpit.body.tables.find((t) => t.code === workshop.table)?.live).toBe(true);
  }, 120_000);

  it("A killed with a workshop still seating: a new B takes the workshop and opens its lobby table again", async () => {
    const started = a2!;
    const created = await api<{ code: string; secret: string }>(
      started.http,
      "POST",
      "/api/workshops",
      { scenario, format: 45, tableSize: 3 },
    );
    expect(created.status).toBe(201);
    const ws = created.body;
    const students: { seat: WorkshopSeat; player: TestPlayer }[] = [];
    for (const nickname of ["Ida", "Jon"]) {
      const joined = await api<WorkshopSeat>(
        started.http,
        "POST",
        `/api/workshops/${ws.code}/join`,
        { nickname },
      );
      expect(joined.status).toBe(201);
      const player = await connect(front(), {
        join: joined.body.table,
        options: { name: nickname, seatToken: joined.body.token },
      });
      players.push(player);
      students.push({ seat: joined.body, player });
    }
    const table = students[0]!.seat.table;
    expect(students[1]!.seat.table).toBe(table);
    expect(await keys.hget("attractor:codes", table)).toBe(processIdOf(started));

    b2 = await startMember(site, b.port);
    await started.kill("SIGKILL");
    // B takes A's two tables in play over, then (in the same round) A's workshops.
    await b2.waitFor("took over 2 of 2 table(s) of processes gone", 60_000);
    for (const s of students)
      await s.player.until(() => s.player.closedWith !== null, "the close", 30_000);
    // The workshop's first request after that opens its lobby table on B, under its code.
    const route = `/api/workshops/${ws.code}/cockpit`;
    const deadline = Date.now() + 30_000;
    let cockpit = await api<Cockpit>(b2.http, "GET", route, undefined, ws.secret);
    while (cockpit.status === 503 && Date.now() < deadline)
      cockpit = await api<Cockpit>(b2.http, "GET", route, undefined, ws.secret);
    expect(cockpit.status, JSON.stringify(cockpit.body)).toBe(200);
    const [lobby] = cockpit.body.tables;
    expect(cockpit.body.tables).toHaveLength(1);
    expect(lobby).toMatchObject({ code: table, live: true, stage: "lobby" });
    expect((await b2.tables()).has(table)).toBe(true);
    expect(await keys.hget("attractor:codes", table)).toBe(processIdOf(b2));
    for (const s of students) {
      const back = await connect(front(), {
        join: table,
        options: { name: s.seat.nickname, seatToken: s.seat.token },
      });
      players.push(back);
      expect(back.seat!.seat, `${s.seat.nickname}'s seat`).toBe(s.seat.seat);
      expect(socketUrl(back)).toContain(`/${b.port}/`);
    }
  }, 180_000);
}
