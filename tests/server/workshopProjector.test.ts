/**
 * Issue 11, point 5 on the server: the workshop projector. Its key is answered once at the
 * creation (stored as a hash, like the secret) and opens the projector and nothing else; the
 * secret opens it too; a student's token opens none of the facilitator's routes. The projector
 * shows every table's rounds (index against measured welfare), true welfare and the ending only
 * once the table has ended, the join code shown or hidden, and the facilitator's messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cockpit, ProjectorView } from "../../shared/workshop";
import {
  bootServer,
  connectStudent,
  createWorkshop,
  joinWorkshop,
  roomOf,
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

const projector = async (code: string, key: string) => {
  const res = await workshopApi(server, "GET", `/${code}/projector`, undefined, key);
  return { status: res.status, body: res.body as unknown as ProjectorView & { error?: string } };
};

/** Ends a table's game at once: every phase skipped (the bots play each one first). */
function finish(code: string): void {
  const room = roomOf(server, code);
  for (let i = 0; i < 200 && !room.game!.ended; i++) room.courseOf.skip();
  expect(room.game!.ended).toBe(true);
}

describe("the projector key", () => {
  it("is answered at the creation with its link, opens the projector only, and is stored hashed", async () => {
    const { code, secret, body } = await createWorkshop(server, { format: 45 });
    const key = body.projectorKey as string;
    expect(key).toMatch(/^[\w-]{32}$/);
    expect(key).not.toBe(secret);
    expect(body.projectorLink).toBe(
      `${server.services.config.publicUrl}/?workshop=${code}&view=projector#key=${key}`,
    );
    const stored = (await server.store.workshopByCode(code))!.json;
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(secret);

    expect((await projector(code, key)).status).toBe(200);
    expect((await projector(code, secret)).status).toBe(200);
    const none = await workshopApi(server, "GET", `/${code}/projector`);
    expect(none.status).toBe(401);
    for (const path of ["cockpit", "debrief", "export.csv", "export.json"]) {
      const res = await fetch(`${server.http}/api/workshops/${code}/${path}`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(res.status, path).toBe(403);
    }
    const control = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "start" },
      key,
    );
    expect(control.status).toBe(403);
  });

  it("refuses a student's token on the projector, the cockpit, the debrief and the export", async () => {
    const { code } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Peeker" });
    for (const path of ["projector", "cockpit", "debrief", "export.csv", "export.json"]) {
      const res = await fetch(`${server.http}/api/workshops/${code}/${path}`, {
        headers: { Authorization: `Bearer ${seat.token}` },
      });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: string }).error, path).toBe("wrong_secret");
    }
  });
});

describe("the projector view", () => {
  it("shows or hides the code and keeps the facilitator's last 50 messages", async () => {
    const { code, secret, body } = await createWorkshop(server, { format: 45 });
    const key = body.projectorKey as string;
    const seat = await joinWorkshop(server, code, { nickname: "Watcher" });
    let view = (await projector(code, key)).body;
    expect(view.showCode).toBe(true);
    expect(view.code).toBe(code);
    expect(view.messages).toEqual([]);
    const control = (c: Record<string, unknown>) =>
      workshopApi(server, "POST", `/${code}/control`, c, secret);
    expect((await control({ command: "showCode", on: false })).status).toBe(200);
    expect((await projector(code, key)).body.showCode).toBe(false);
    expect((await control({ command: "showCode", on: "no" })).status).toBe(400);
    expect((await projector(code, key)).body.showCode).toBe(false);
    const cockpit = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret);
    expect(cockpit.body.showCode).toBe(false);

    await control({ command: "message", text: "Welcome, everyone." });
    await control({ command: "message", table: seat.table, text: "Table one, look up." });
    // A message to a table that is not there is refused and not kept.
    expect((await control({ command: "message", table: "ZZZZZ", text: "lost" })).status).toBe(404);
    view = (await projector(code, key)).body;
    expect(view.messages.map((m) => [m.table, m.text])).toEqual([
      [null, "Welcome, everyone."],
      [seat.table, "Table one, look up."],
    ]);
    expect(view.messages.every((m) => typeof m.at === "number")).toBe(true);
    for (let i = 0; i < 50; i++) await control({ command: "message", text: `Note ${i}` });
    view = (await projector(code, key)).body;
    expect(view.messages).toHaveLength(50);
    expect(view.messages[0]!.text).toBe("Note 0");
    expect(view.messages.at(-1)!.text).toBe("Note 49");
  });

  it("shows each table's rounds, and its true welfare and ending only once it has ended", async () => {
    const { code, secret, body } = await createWorkshop(server, { tableSize: 3, format: 45 });
    const key = body.projectorKey as string;
    const seats = await Promise.all(
      ["Ann", "Ben", "Cat", "Dan"].map((nickname) => joinWorkshop(server, code, { nickname })),
    );
    const tables = [...new Set(seats.map((s) => s.table))];
    expect(tables).toHaveLength(2);
    const player = await connectStudent(server, seats[0]!);
    await workshopApi(server, "POST", `/${code}/control`, { command: "start" }, secret);
    await player.until(() => player.table?.stage === "playing", "the start");
    const room = roomOf(server, tables[0]!);
    while (room.game!.state.history.length < 2 && !room.game!.ended) room.courseOf.skip();
    let view = (await projector(code, key)).body;
    expect(view.tables.map((t) => t.code)).toEqual(tables);
    const first = view.tables[0]!;
    expect(first.stage).toBe("playing");
    expect(first.students).toBe(3);
    expect(first.ending).toBeNull();
    expect(first.series.length).toBeGreaterThanOrEqual(2);
    for (const r of first.series) {
      expect(r.welfare).toBeNull();
      expect(Number.isFinite(r.index)).toBe(true);
      expect(Number.isFinite(r.measured)).toBe(true);
    }
    // The start's levels come with the rounds (the screens' start = 100); true welfare hides
    // only in the rounds, and the start's welfare is the published start (public in the game).
    expect(first.start).toEqual({
      welfare: expect.closeTo(room.game!.state.startWelfare, 2),
      proxy: expect.closeTo(room.game!.state.startProxy, 2),
    });
    expect(JSON.stringify(first.series)).not.toMatch(/"welfare":\d/);
    // The cockpit's truth carries the same start, so its "100" is the projector's.
    const cockpit = await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret);
    const truth = (cockpit.body as unknown as Cockpit).tables.find((t) => t.code === first.code);
    expect(truth?.live && truth.truth?.start).toEqual({
      welfare: room.game!.state.startWelfare,
      proxy: room.game!.state.startProxy,
    });

    finish(tables[0]!);
    view = (await projector(code, key)).body;
    const ended = view.tables[0]!;
    expect(ended.stage).toBe("ended");
    expect(ended.ending).not.toBeNull();
    const state = room.game!.state;
    // Eight rounds, or fewer when a catastrophe ended the game early.
    expect(ended.series.map((r) => r.round)).toEqual(state.history.map((h) => h.round));
    expect(ended.series.length).toBeGreaterThanOrEqual(2);
    expect(ended.series.every((r) => typeof r.welfare === "number")).toBe(true);
    expect(ended.regulationsPassed).toBe(state.chronicle.filter((e) => e.kind === "passed").length);
    expect(ended.closeCalls).toBe(state.chronicle.filter((e) => e.kind === "closeCall").length);
    expect(ended.incidents).toBe(state.chronicle.filter((e) => e.kind === "incident").length);
    expect(ended.series[0]!.index).toBeCloseTo(
      (state.history[0]!.proxy / state.startProxy) * 100,
      1,
    );
    expect(ended.start).toEqual(first.start);
    // The other table is still in play: nothing of its truth shows.
    expect(view.tables[1]!.ending).toBeNull();
    expect(view.tables[1]!.series.every((r) => r.welfare === null)).toBe(true);
    await player.leave();
  });
});
