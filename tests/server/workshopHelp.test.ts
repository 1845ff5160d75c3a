/**
 * Issue 11, point 2 on the server: a student presses "help" (the room message `help`), the
 * cockpit shows it on the student and their seat until the facilitator answers (`helped`),
 * which clears it and tells the student; `help` at a table that is not a workshop's answers
 * `not_workshop`. And one click to watch a table silently: the table's watch token joins as a
 * spectator nobody at the table is shown, at most four at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOIN_ERRORS, MAX_SILENT_WATCHERS } from "../../shared/protocol";
import type { Cockpit, LiveTable } from "../../shared/workshop";
import {
  bootServer,
  connectStudent,
  createTable,
  createWorkshop,
  joinTable,
  joinWorkshop,
  roomOf,
  type TestPlayer,
  type TestServer,
  workshopApi,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer();
});
afterAll(async () => {
  await server.close();
});

const cockpitOf = async (code: string, secret: string) =>
  (await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret))
    .body as unknown as Cockpit;

describe("help", () => {
  it("sets a student's help flag in the cockpit until the facilitator's helped clears it and tells them", async () => {
    const { code, secret } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Lost" });
    const other = await joinWorkshop(server, code, { nickname: "Fine" });
    const student = await connectStudent(server, seat);
    const calm = await connectStudent(server, other);
    const flag = async () => {
      const cockpit = await cockpitOf(code, secret);
      const table = cockpit.tables[0] as LiveTable;
      return {
        student: cockpit.students.find((s) => s.id === seat.student)!.help,
        seat: table.seats.find((s) => s.student === seat.student)!.help,
        other: cockpit.students.find((s) => s.id === other.student)!.help,
      };
    };
    expect(await flag()).toEqual({ student: false, seat: false, other: false });
    student.send("help", { on: true });
    await student.settle();
    expect(await flag()).toEqual({ student: true, seat: true, other: false });
    // A bad payload is refused and changes nothing.
    const bad = student.nextError("a bad help");
    student.send("help", { on: "please" });
    expect((await bad).code).toBe("bad_message");
    expect((await flag()).student).toBe(true);

    const told = student.next("helped");
    const res = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "helped", student: seat.student },
      secret,
    );
    expect(res.status).toBe(200);
    expect((await told).body).toEqual({
      text: "The facilitator has seen your request and is coming.",
    });
    expect(await flag()).toEqual({ student: false, seat: false, other: false });
    expect(calm.messages.some((m) => m.type === "helped")).toBe(false);

    // Pressed and taken back by the student.
    student.send("help", { on: true });
    await student.settle();
    student.send("help", { on: false });
    await student.settle();
    expect((await flag()).student).toBe(false);
    const unknown = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "helped", student: "nobody" },
      secret,
    );
    expect(unknown.status).toBe(404);
    await student.leave();
    await calm.leave();
  });

  it("answers not_workshop at an ordinary table", async () => {
    const host = await createTable(server, { name: "Host", mode: "private", role: "company" });
    const refused = host.nextError("help at an ordinary table");
    host.send("help", { on: true });
    expect(await refused).toMatchObject({ code: "not_workshop", type: "help" });
    await host.leave();
  });
});

describe("silent watch", () => {
  it("joins with the watch token as a spectator nobody sees, four at most", async () => {
    const { code, secret } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Seen" });
    const student = await connectStudent(server, seat);
    await workshopApi(server, "POST", `/${code}/control`, { command: "start" }, secret);
    await student.until(() => student.table?.stage === "playing", "the start");
    const table = (await cockpitOf(code, secret)).tables[0] as LiveTable;
    expect(table.watchToken).toMatch(/^[\w-]{24}$/);
    const watch = { name: "Facilitator", seatToken: table.watchToken, patches: true };
    const watchers: TestPlayer[] = [];
    for (let i = 0; i < MAX_SILENT_WATCHERS; i++)
      watchers.push(await joinTable(server, table.code, watch));
    const first = watchers[0]!;
    await first.until(() => first.view !== null, "the watcher's view");
    expect(first.seat).toMatchObject({ seat: null, token: null });
    expect(first.view!.seat).toBeNull();
    expect(first.view!.public.round).toBeGreaterThanOrEqual(1);
    await expect(joinTable(server, table.code, watch)).rejects.toMatchObject({
      code: JOIN_ERRORS.tooManyWatchers,
    });

    // Nobody at the table is shown a watcher: not among the players, not counted.
    await student.settle();
    expect(student.table!.players.map((p) => p.name)).toEqual(["Seen"]);
    expect(first.table!.players.map((p) => p.name)).toEqual(["Seen"]);
    expect(roomOf(server, table.code).courseOf.table.people.size).toBe(1);
    const cockpit = await cockpitOf(code, secret);
    expect((cockpit.tables[0] as LiveTable).watchers).toEqual([]);
    expect(cockpit.students).toHaveLength(1);

    // A watcher cannot speak or sit; the table goes on as before.
    const chat = first.nextError("a watcher's chat");
    first.send("chat", { text: "hello?" });
    expect((await chat).code).toBe("silent_watch");
    const help = first.nextError("a watcher's help");
    first.send("help", { on: true });
    expect((await help).code).toBe("silent_watch");
    const sit = first.nextError("a watcher's seat");
    first.send("takeSeat", { seat: "G1" });
    expect((await sit).code).toBe("wrong_stage");
    // A student's chat reaches the watcher.
    const line = first.until(() => first.chats.find((c) => c.text === "we vote now"), "the line");
    student.send("chat", { text: "we vote now" });
    await line;

    // One leaves: another may come.
    await first.leave();
    const room = roomOf(server, table.code);
    // The server hears of the leave on its own turn of the event loop.
    while (room.silentWatchers > MAX_SILENT_WATCHERS - 1)
      await new Promise((resolve) => setImmediate(resolve));
    expect((await cockpitOf(code, secret)).tables[0]).toMatchObject({ silentWatchers: 3 });
    const again = await joinTable(server, table.code, watch);
    await expect(joinTable(server, table.code, watch)).rejects.toMatchObject({
      code: JOIN_ERRORS.tooManyWatchers,
    });
    for (const w of [...watchers.slice(1), again]) await w.leave();
    await student.leave();
  });
});
