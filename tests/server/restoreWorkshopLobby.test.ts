/**
 * A workshop still seating its students survives its server (issue 12): a real server runs as
 * a child process (`server/main.ts` on a temp DATA_DIR, `restoreHarness.ts`), a class of four is
 * seated at two tables still in their lobby (nothing of a lobby is saved but the workshop's
 * record), the server is killed (SIGKILL) or stopped (SIGTERM) before "start" and started again
 * on the same records: the cockpit lists the same tables open under the same codes with the
 * students at their seats, each student's seat token joins their table and seat again with the
 * lobby's chat history (a private line only to whom may read it), a new
 * student is seated, and "start all" starts both tables, which play; stopped again in play, a
 * table comes back with its chat once. In one process, a table
 * whose code another table took while the workshop was not loaded opens under a new code with
 * its students.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WorkshopService } from "../../server/workshops";
import type { Cockpit, ControlAnswer, LiveTable } from "../../shared/workshop";
import {
  bootServer,
  connectStudent,
  createWorkshop,
  joinWorkshop,
  LONG_PHASES,
  type TestPlayer,
  type TestServer,
  uploadScenario,
  type WorkshopSeat,
} from "./helpers";
import {
  api,
  connect,
  historyOf,
  probeUntil,
  type Site,
  scene,
  seatStudents,
  stopServers,
} from "./restoreHarness";

afterEach(stopServers);

const NAMES = ["Dana", "Eli", "Fay", "Gus"];

async function cockpitOf(site: Site, ws: { code: string; secret: string }): Promise<Cockpit> {
  return api<Cockpit>(site, "GET", `/api/workshops/${ws.code}/cockpit`, undefined, ws.secret);
}

/** The open tables of a cockpit (a closed one fails the test). */
function liveTables(cockpit: Cockpit): LiveTable[] {
  return cockpit.tables.map((t) => {
    if (!t.live) throw new Error(`table ${t.code} is closed: ${JSON.stringify(cockpit.tables)}`);
    return t;
  });
}

/** The workshop's record as the SQLite file holds it (null before its first write). */
function storedWorkshop(
  dataDir: string,
  code: string,
): { tables: { lobbyChat?: unknown[] }[] } | null {
  const db = new Database(path.join(dataDir, "attractor.sqlite"), { readonly: true });
  try {
    const row = db.prepare("SELECT json FROM workshops WHERE code = ?").get(code) as
      | { json: string }
      | undefined;
    return row ? JSON.parse(row.json) : null;
  } finally {
    db.close();
  }
}

/** The nicknames of the students the workshop's record (in the SQLite file) lists. */
function storedNicknames(dataDir: string, code: string): string[] {
  const db = new Database(path.join(dataDir, "attractor.sqlite"), { readonly: true });
  try {
    const row = db.prepare("SELECT json FROM workshops WHERE code = ?").get(code) as
      | { json: string }
      | undefined;
    if (!row) return [];
    return (JSON.parse(row.json) as { students: { nickname: string }[] }).students.map(
      (s) => s.nickname,
    );
  } finally {
    db.close();
  }
}

describe("a workshop still seating its students survives a restart", () => {
  for (const signal of ["SIGKILL", "SIGTERM"] as const) {
    it(`${signal} before "start": same tables, same codes, same seats; new students join; start all plays`, async () => {
      const { dataDir, site, start } = await scene();
      const first = await start();
      const scenario = (await api<{ id: string }>(site, "POST", "/api/scenarios", LONG_PHASES)).id;
      const ws = await api<{ code: string; secret: string }>(site, "POST", "/api/workshops", {
        scenario,
        format: 45,
        tableSize: 3,
      });
      const students = await seatStudents(site, ws.code, NAMES);
      const before = liveTables(await cockpitOf(site, ws));
      const codes = before.map((t) => t.code);
      expect(codes).toHaveLength(2);
      expect(new Set(students.map((s) => s.code))).toEqual(new Set(codes));
      for (const s of students) expect(s.seat, `${s.name}'s seat`).not.toBeNull();
      // Two lines said in the first table's lobby, one of them private.
      const [speaker, listener] = students.filter((s) => s.code === codes[0]);
      for (const [text, to] of [
        ["Who takes the lab?", undefined],
        ["I will, quietly", listener!.seat],
      ] as const) {
        const heard = listener!.player.chats.length;
        speaker!.player.send("chat", to ? { text, to } : { text });
        await listener!.player.until(
          () => listener!.player.chats.slice(heard).some((c) => c.text === text),
          `"${text}" heard`,
        );
      }
      // What a crash keeps: the workshop's record with every student (tables in a lobby have
      // no record of their own) and its lobbies' chat, written just after each line.
      expect(storedNicknames(dataDir, ws.code).sort()).toEqual([...NAMES].sort());
      const deadline = Date.now() + 10_000;
      const lines = () =>
        (storedWorkshop(dataDir, ws.code)?.tables ?? []).flatMap((t) => t.lobbyChat ?? []).length;
      while (lines() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(lines(), "lobby chat lines in the workshop's record").toBe(2);

      const exit = await first.kill(signal);
      if (signal === "SIGTERM") expect(exit.code).toBe(0);
      for (const s of students)
        await s.player.until(() => s.player.closedWith !== null, `${s.name}'s close`, 30_000);
      const second = await start();

      // The facilitator's cockpit: the same tables, open, in their lobby, every student seated.
      const after = liveTables(await cockpitOf(site, ws));
      expect(
        after.map((t) => t.code),
        second.said,
      ).toEqual(codes);
      for (const [i, table] of after.entries()) {
        expect(table.stage).toBe("lobby");
        expect(table.watchToken).toBe(before[i]!.watchToken);
        for (const s of students.filter((p) => p.code === table.code)) {
          const seat = table.seats.find((x) => x.nickname === s.name);
          expect(seat?.id, `${s.name} at ${table.code}`).toBe(s.seat);
          expect(seat?.connected).toBe(false);
        }
      }

      // Every student's page joins again with their seat token: the same table and seat.
      for (const s of students) {
        s.player = await connect(site, {
          join: s.code,
          options: { name: s.name, seatToken: s.token },
        });
        expect(s.player.seat!.seat, `${s.name}'s seat`).toBe(s.seat);
        expect(s.player.seat!.token).toBe(s.token);
      }
      // The lobby's chat came back with it: both lines to the two who said and heard them.
      expect(historyOf(speaker!.player)).toEqual(["Who takes the lab?", "I will, quietly"]);
      expect(historyOf(listener!.player)).toEqual(["Who takes the lab?", "I will, quietly"]);
      for (const s of students.filter(
        (x) => x.code === codes[0] && x !== speaker && x !== listener,
      ))
        expect(historyOf(s.player), `${s.name}, not told`).toEqual(["Who takes the lab?"]);
      for (const s of students.filter((x) => x.code === codes[1]))
        expect(historyOf(s.player), `${s.name} at the other table`).toEqual([]);
      const back = await cockpitOf(site, ws);
      for (const s of students) {
        const row = back.students.find((x) => x.nickname === s.name);
        expect(row?.connected, `${s.name} connected`).toBe(true);
        expect(row?.table).toBe(s.code);
      }

      // A new student is seated at the table with a free seat, and joins it.
      const res = await fetch(`${site.http}/api/workshops/${ws.code}/join`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ nickname: "Hal" }),
      });
      expect(res.status).toBe(201);
      const hal = (await res.json()) as WorkshopSeat & { live: boolean };
      expect(hal.live).toBe(true);
      expect(hal.seat).not.toBeNull();
      expect(hal.table).toBe(codes[1]);
      const halPlayer = await connect(site, {
        join: hal.table,
        options: { name: hal.nickname, seatToken: hal.token },
      });
      expect(halPlayer.seat!.seat).toBe(hal.seat);

      // Start all: both tables start and play.
      const started = await api<ControlAnswer>(
        site,
        "POST",
        `/api/workshops/${ws.code}/control`,
        { command: "start" },
        ws.secret,
      );
      expect(started.ok, JSON.stringify(started)).toBe(true);
      expect(started.results.map((r) => r.table).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        const ear = students.find((s) => s.code === code)!.player;
        await probeUntil(
          site,
          code,
          ear,
          (t) => t.stage === "playing" && t.phase === "act",
          `table ${code} at Act`,
        );
      }
      const ear = students[0]!.player;
      await api(
        site,
        "POST",
        `/api/workshops/${ws.code}/control`,
        { command: "skip", table: codes[0] },
        ws.secret,
      );
      await ear.until(() => ear.table!.phase === "legislate", "Legislate at the first table");
      expect(ear.seatView, "the first student's own view").toBeTruthy();

      // Stopped again in play: the table comes back from its own record, its chat once.
      await second.kill("SIGTERM");
      await start();
      const again = await connect(site, {
        join: speaker!.code,
        options: { name: speaker!.name, seatToken: speaker!.token },
      });
      expect(again.seat!.seat).toBe(speaker!.seat);
      expect(historyOf(again)).toEqual(["Who takes the lab?", "I will, quietly"]);
    }, 240_000);
  }
});

describe("a lobby table whose code was taken while its workshop was not loaded", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await bootServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("opens under a new code, its students seated there and their records moved", async () => {
    const scenario = await uploadScenario(server);
    const ws = await createWorkshop(server, { scenario, format: 45, tableSize: 3 });
    const seats: WorkshopSeat[] = [];
    const players: TestPlayer[] = [];
    for (const nickname of ["Ida", "Jon"]) {
      const seat = await joinWorkshop(server, ws.code, { nickname });
      seats.push(seat);
      players.push(await connectStudent(server, seat));
    }
    const code = seats[0]!.table;
    expect(seats[1]!.table).toBe(code);
    // As after a restart: the table's room is gone (its students' connections close), the
    // workshop is read from the records again by a service that has not loaded it, and another
    // table holds the code meanwhile.
    const room = [...server.services.rooms].find((r) => r.roomId === code)!;
    await room.disconnect();
    for (const p of players) await p.until(() => p.closedWith !== null, "the close");
    const again = new WorkshopService(server.services);
    server.services.codes.claim(code);
    try {
      const found = await again.check(ws.code, ws.secret);
      if ("status" in found) throw new Error(`refused: ${JSON.stringify(found.body)}`);
      const cockpit = again.cockpit(found).body as Cockpit;
      const [table] = liveTables(cockpit);
      expect(cockpit.tables).toHaveLength(1);
      expect(table!.code).not.toBe(code);
      expect(table!.stage).toBe("lobby");
      for (const [i, seat] of seats.entries()) {
        const student = cockpit.students.find((s) => s.id === seat.student)!;
        expect(student.table).toBe(table!.code);
        expect(student.seat).toBe(seat.seat);
        // What `join` with their token answers (the page's way back): the new table.
        const answer = await again.join(ws.code, { token: seat.token });
        expect((answer.body as WorkshopSeat).table).toBe(table!.code);
        const back = await connectStudent(server, { ...seat, table: table!.code });
        expect(back.seat!.seat, `student ${i}'s seat`).toBe(seat.seat);
      }
      // The moved table is in the workshop's record too.
      const stored = await server.store.workshopByCode(ws.code);
      const tables = (JSON.parse(stored!.json) as { tables: { code: string }[] }).tables;
      expect(tables.map((t) => t.code)).toEqual([table!.code]);
    } finally {
      server.services.codes.release(code);
      again.close();
    }
  });
});
