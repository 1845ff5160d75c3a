/**
 * Issue 11, points 1, 2 and 7 on the server: a workshop is created by the API, its students
 * are seated across tables (odd numbers, late joiners), get their seat back after a drop,
 * the facilitator's secret is the only way into the cockpit and its commands (pause and
 * resume all reach every table), and inputs that do not fit are refused with the server
 * running on.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  bootServer,
  connectStudent,
  createWorkshop,
  joinWorkshop,
  roomOf,
  type TestServer,
  uploadScenario,
  type WorkshopSeat,
  workshopApi,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer();
});
afterAll(async () => {
  await server.close();
});

async function joinMany(code: string, n: number): Promise<WorkshopSeat[]> {
  const seats: WorkshopSeat[] = [];
  for (let i = 0; i < n; i++)
    seats.push(await joinWorkshop(server, code, { nickname: `Kid ${i + 1}` }));
  return seats;
}

describe("creating a workshop", () => {
  it("answers a code, a long secret and links; refuses bad options with the state unchanged", async () => {
    const { code, secret, body } = await createWorkshop(server, { tableSize: 4, format: 45 });
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
    expect(secret.length).toBeGreaterThanOrEqual(21);
    expect(body.link).toBe(`/?workshop=${code}`);
    expect(body.facilitatorLink).toBe(`/?workshop=${code}#secret=${secret}`);
    expect(body.format).toEqual({ minutes: 45, rounds: 8, timeFactor: 1 });
    expect(body.seats).toEqual(["government", "government", "lab", "company"]);
    const before = await server.store.workshopCount();
    for (const bad of [
      { format: 60 },
      { tableSize: 2 },
      { seats: ["lab", "lab", "company"] },
      { tableSize: 4, seats: ["government", "lab", "company"] },
      { scenario: "nope" },
      { surprise: true },
      [1, 2],
    ]) {
      const res = await workshopApi(server, "POST", "", bad);
      expect(res.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(typeof res.body.message).toBe("string");
    }
    const raw = await fetch(`${server.http}/api/workshops`, { method: "POST", body: "{not json" });
    expect(raw.status).toBe(400);
    expect(await server.store.workshopCount()).toBe(before);
    expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
  });
});

describe("seating", () => {
  it("seats seven students at tables of three as 3, 3 and 1, each role once before twice", async () => {
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
    const seats = await joinMany(code, 7);
    const tables = [...new Set(seats.map((s) => s.table))];
    expect(tables).toHaveLength(3);
    const count = (t: string) => seats.filter((s) => s.table === t).length;
    expect(tables.map(count)).toEqual([3, 3, 1]);
    for (const t of tables.slice(0, 2))
      expect(
        seats
          .filter((s) => s.table === t)
          .map((s) => s.seat![0])
          .sort(),
      ).toEqual(["C", "G", "L"]);
    expect(seats.every((s) => !s.watching)).toBe(true);
    const cockpit = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret);
    const listed = cockpit.body.tables as { code: string; seats: { student: string | null }[] }[];
    expect(listed.map((t) => t.code)).toEqual(tables);
    expect(listed[2]!.seats.filter((s) => s.student !== null)).toHaveLength(1);
  });

  it("gives late joiners a bot's seat after the start, then lets the extra ones watch", async () => {
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
    const early = await joinMany(code, 4);
    const students = await Promise.all(early.map((s) => connectStudent(server, s)));
    const start = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "start" },
      secret,
    );
    expect(start.status).toBe(200);
    expect(start.body.ok).toBe(true);
    await Promise.all(
      students.map((p) => p.until(() => p.table?.stage === "playing", "the start")),
    );
    const late = await joinWorkshop(server, code, { nickname: "Late One" });
    expect(late.table).toBe(early[3]!.table);
    expect(late.watching).toBe(false);
    const latePlayer = await connectStudent(server, late);
    expect(latePlayer.seat!.seat).toBe(late.seat);
    await latePlayer.until(
      () => latePlayer.table!.seats.find((s) => s.id === late.seat)?.bot === null,
      "the late student's seat played by them, not a bot",
    );
    const later = await joinWorkshop(server, code, { nickname: "Later One" });
    expect(later.watching).toBe(false);
    const extra = await joinWorkshop(server, code, { nickname: "Extra One" });
    expect(extra.watching).toBe(true);
    expect(extra.seat).toBeNull();
    const watcher = await connectStudent(server, extra);
    expect(watcher.seat!.seat).toBeNull();
    expect(watcher.table!.players.find((p) => p.name === "Extra One")!.spectator).toBe(true);
    for (const p of [...students, latePlayer, watcher]) await p.leave();
  });

  it("offers a random nickname, refuses a taken one, and takes none to mean the offered kind", async () => {
    const { code } = await createWorkshop(server);
    const about = await workshopApi(server, "GET", `/${code}`);
    expect(about.status).toBe(200);
    expect(about.body.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d\d$/);
    const anon = await joinWorkshop(server, code);
    expect(anon.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d\d$/);
    await joinWorkshop(server, code, { nickname: "Ada" });
    const again = await workshopApi(server, "POST", `/${code}/join`, { nickname: " ada " });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("name_taken");
    const bad = await workshopApi(server, "POST", `/${code}/join`, { nickname: "<script>" });
    expect(bad.status).toBe(400);
    expect((await workshopApi(server, "POST", "/QQQQQQ/join", {})).status).toBe(404);
  });

  it("lets the facilitator move a student to another table before the start", async () => {
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
    const seats = await joinMany(code, 4);
    const mover = seats[0]!;
    const player = await connectStudent(server, mover);
    const target = seats[3]!.table;
    const told = player.next("workshopMoved");
    const res = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "move", student: mover.student, table: target },
      secret,
    );
    expect(res.status).toBe(200);
    expect(((await told).body as { table: string }).table).toBe(target);
    await player.until(() => player.closedWith !== null, "the old table's connection closed");
    const back = await joinWorkshop(server, code, { token: mover.token });
    expect(back.table).toBe(target);
    const moved = await connectStudent(server, back);
    expect(moved.seat!.seat).toBe(back.seat);
    expect(moved.table!.code).toBe(target);
    await moved.leave();
  });
});

describe("reconnection", () => {
  it("gives a student who drops or reloads the same seat", async () => {
    const { code } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Dropper" });
    const first = await connectStudent(server, seat);
    expect(first.seat!.seat).toBe(seat.seat);
    await first.leave(false);
    // A reload: the page asks the workshop again with its token, then joins with it.
    const again = await joinWorkshop(server, code, { token: seat.token });
    expect(again).toMatchObject({ table: seat.table, seat: seat.seat, student: seat.student });
    const second = await connectStudent(server, again);
    expect(second.seat!.seat).toBe(seat.seat);
    expect(second.seat!.player).toBe(seat.student);
    await second.leave();
  });

  it("refuses anyone joining a workshop's table without a student's token", async () => {
    const { code } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Owner" });
    await expect(connectStudent(server, { ...seat, token: "not-a-token" })).rejects.toMatchObject({
      code: 4403,
    });
  });
});

describe("the facilitator's secret", () => {
  it("refuses the cockpit and its commands without it, with a wrong one or a student's token", async () => {
    const { code, secret } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Curious" });
    const none = await workshopApi(server, "GET", `/${code}/cockpit`);
    expect(none.status).toBe(401);
    expect(none.body.error).toBe("no_secret");
    for (const wrong of ["x", seat.token, secret.slice(0, -1), `${secret}x`]) {
      const res = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, wrong);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe("wrong_secret");
      const cmd = await workshopApi(
        server,
        "POST",
        `/${code}/control`,
        { command: "start" },
        wrong,
      );
      expect(cmd.status).toBe(403);
    }
    expect(
      (await workshopApi(server, "POST", `/${code}/control`, { command: "start" })).status,
    ).toBe(401);
    const cockpit = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret);
    expect(cockpit.status).toBe(200);
    expect((cockpit.body.tables as { stage: string }[])[0]!.stage).toBe("lobby");
  });

  it("refuses a student's host messages at their table and shows the facilitator the true state", async () => {
    const { code, secret } = await createWorkshop(server, { format: 45 });
    const student = await connectStudent(
      server,
      await joinWorkshop(server, code, { nickname: "Bold" }),
    );
    const refused = student.nextError("the student's start");
    student.send("start", {});
    expect((await refused).code).toBe("not_host");
    expect(student.table!.stage).toBe("lobby");
    await workshopApi(server, "POST", `/${code}/control`, { command: "start" }, secret);
    await student.until(() => student.table?.stage === "playing", "the start");
    const pause = student.nextError("the student's pause");
    student.send("pause", {});
    expect((await pause).code).toBe("not_host");
    const cockpit = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret);
    const table = (cockpit.body.tables as Record<string, unknown>[])[0]!;
    expect(table.stage).toBe("playing");
    const truth = table.truth as { welfare: number; proxy: number; risks: Record<string, number> };
    expect(Number.isFinite(truth.welfare)).toBe(true);
    expect(Number.isFinite(truth.proxy)).toBe(true);
    expect(Object.keys(truth.risks)).toEqual(["misuse", "centralisation", "goodhart", "takeover"]);
    expect(Array.isArray(table.regulations)).toBe(true);
    const students = cockpit.body.students as { nickname: string; connected: boolean }[];
    expect(students).toEqual([expect.objectContaining({ nickname: "Bold", connected: true })]);
    await student.leave();
  });
});

describe("commands for every table", () => {
  it("pause all and resume all reach every table", async () => {
    const scenario = await uploadScenario(server);
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45, scenario });
    const seats = await joinMany(code, 5);
    const players = await Promise.all(seats.map((s) => connectStudent(server, s)));
    expect(new Set(seats.map((s) => s.table)).size).toBe(2);
    const control = (body: Record<string, unknown>) =>
      workshopApi(server, "POST", `/${code}/control`, body, secret);
    await control({ command: "start" });
    await Promise.all(players.map((p) => p.until(() => p.table?.phase === "act", "Act")));
    const paused = await control({ command: "pause" });
    expect(paused.body).toMatchObject({ ok: true });
    expect(paused.body.results).toHaveLength(2);
    await Promise.all(players.map((p) => p.until(() => p.table!.paused, "the pause")));
    const again = await control({ command: "pause" });
    expect(again.body.ok).toBe(false);
    expect((again.body.results as { code: string }[]).map((r) => r.code)).toEqual([
      "wrong_stage",
      "wrong_stage",
    ]);
    const resumed = await control({ command: "resume" });
    expect(resumed.body.ok).toBe(true);
    await Promise.all(players.map((p) => p.until(() => p.table!.paused === false, "the resume")));
    const one = await control({ command: "extend", table: seats[0]!.table, seconds: 60 });
    expect(one.body.results).toHaveLength(1);
    const unknownTable = await control({ command: "pause", table: "ZZZZZ" });
    expect(unknownTable.status).toBe(404);
    const badCommand = await control({ command: "explode" });
    expect(badCommand.status).toBe(400);
    const heard = players.map((p) => p.next("chat"));
    await control({ command: "message", text: "Two minutes left in this round." });
    for (const h of await Promise.all(heard))
      expect(h.body).toMatchObject({
        from: "Facilitator",
        text: "Two minutes left in this round.",
      });
    for (const p of players) await p.leave();
  });

  it("start all starts the tables one after another, the configured spacing apart", async () => {
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
    const seats = await joinMany(code, 5);
    const tables = [...new Set(seats.map((s) => s.table!))];
    expect(tables).toHaveLength(2);
    // When each table's room is told to start (a spy on the room's own command).
    const startedAt = new Map<string, number>();
    for (const table of tables) {
      const room = roomOf(server, table);
      const command = room.workshopCommand.bind(room);
      vi.spyOn(room, "workshopCommand").mockImplementation((c, o) => {
        if (c === "start") startedAt.set(table, performance.now());
        return command(c, o);
      });
    }
    const started = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "start" },
      secret,
    );
    expect(started.body).toMatchObject({ ok: true });
    expect((started.body.results as { table: string }[]).map((r) => r.table)).toEqual(tables);
    const [first, second] = tables.map((t) => startedAt.get(t)!);
    expect(server.services.config.workshopStartSpacingMs).toBe(150);
    // A timer may fire up to a millisecond early; never sooner than that.
    expect(second! - first!).toBeGreaterThanOrEqual(
      server.services.config.workshopStartSpacingMs - 1,
    );
    for (const table of tables) expect(roomOf(server, table).courseOf.stage).toBe("playing");
  });

  it("pushes a crisis into one table: it waits for the next round there, strikes, and nowhere else", async () => {
    const scenario = await uploadScenario(server);
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45, scenario });
    const seats = await joinMany(code, 4);
    const players = await Promise.all(seats.map((s) => connectStudent(server, s)));
    const control = (body: Record<string, unknown>) =>
      workshopApi(server, "POST", `/${code}/control`, body, secret);
    const cockpitTables = async () =>
      (await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret)).body.tables as {
        code: string;
        injects: { pending: string[]; struck: { round: number; inject: string }[] } | null;
      }[];
    await control({ command: "start" });
    await Promise.all(players.map((p) => p.until(() => p.table?.phase === "act", "Act")));
    const target = seats[0]!.table;
    const other = players.find((_, i) => seats[i]!.table !== target)!;
    const unknown = await control({ command: "inject", table: target, inject: "alienInvasion" });
    expect(unknown.body.ok).toBe(false);
    expect((unknown.body.results as { code: string }[])[0]!.code).toBe("unknownInject");
    const pushed = await control({ command: "inject", table: target, inject: "labLeak" });
    expect(pushed.body).toMatchObject({ ok: true });
    let tables = await cockpitTables();
    expect(tables.find((t) => t.code === target)!.injects!.pending).toEqual(["labLeak"]);
    expect(tables.find((t) => t.code !== target)!.injects!.pending).toEqual([]);
    // Skip to the next round's News: the crisis strikes there, in public news.
    const struckAt = players.find((_, i) => seats[i]!.table === target)!;
    while (struckAt.table!.round < 2) {
      const round = struckAt.table!.round;
      const phase = struckAt.table!.phase;
      await control({ command: "skip", table: target });
      await struckAt.until(
        () => struckAt.table!.round !== round || struckAt.table!.phase !== phase,
        "the skip",
      );
    }
    tables = await cockpitTables();
    const mine = tables.find((t) => t.code === target)!.injects!;
    expect(mine.pending).toEqual([]);
    expect(mine.struck).toEqual([{ round: 2, inject: "labLeak" }]);
    expect(tables.find((t) => t.code !== target)!.injects!.struck).toEqual([]);
    expect(other.table!.round).toBe(1);
    for (const p of players) await p.leave();
  });
});

describe("inputs that do not fit", () => {
  it("refuses each with a clear error, changes nothing and keeps serving", async () => {
    const { code, secret } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Steady" });
    const control = (body: unknown) =>
      workshopApi(server, "POST", `/${code}/control`, body, secret);
    for (const bad of [
      [],
      "pause",
      null,
      { command: "extend", seconds: 10_000 },
      { command: "extend" },
      { command: "pause", table: "all", extra: 1 },
      { command: "message", text: "   " },
      { command: "move", student: seat.student, table: seat.table, seat: "X9" },
    ]) {
      const res = await control(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error).toBe("bad_command");
    }
    for (const bad of [
      { nickname: "" },
      { nickname: "x".repeat(25) },
      { token: 5 },
      { who: "me" },
    ]) {
      const res = await workshopApi(server, "POST", `/${code}/join`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const huge = await fetch(`${server.http}/api/workshops/${code}/join`, {
      method: "POST",
      body: JSON.stringify({ nickname: "y".repeat(5000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toBe("too_large");
    const garbage = await fetch(`${server.http}/api/workshops/${code}/control`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secret}` },
      body: "{{{",
    });
    expect(garbage.status).toBe(400);
    const cockpit = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret);
    expect(cockpit.body.students).toHaveLength(1);
    expect((cockpit.body.tables as { stage: string }[])[0]!.stage).toBe("lobby");
    expect((await fetch(`${server.http}/healthz`)).status).toBe(200);
  });
});
