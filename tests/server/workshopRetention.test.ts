/**
 * Point 7 of issue 11: a workshop is kept `WORKSHOP_DAYS` after its creation (its record and
 * its tables' saved games), reachable by its facilitator all that time, then deleted. The
 * retention's clock is injected: the test moves it by days, with no sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bootServer,
  connectStudent,
  createWorkshop,
  joinWorkshop,
  roomOf,
  type TestServer,
  workshopApi,
} from "./helpers";

const DAY = 86_400_000;
let now = Date.UTC(2027, 0, 11, 9, 0);
let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ workshopDays: 14 }, { now: () => now });
});
afterAll(async () => {
  await server.close();
});

describe("retention", () => {
  it("keeps a workshop and its games for 14 days, then deletes them and closes its tables", async () => {
    const { code, secret } = await createWorkshop(server, { format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Keeper" });
    const student = await connectStudent(server, seat);
    await workshopApi(server, "POST", `/${code}/control`, { command: "start" }, secret);
    await student.until(() => student.table?.gameId, "the game's id");
    const gameId = student.table!.gameId!;
    roomOf(server, seat.table).saveNow();
    expect(await server.store.get(gameId)).not.toBeNull();

    now += 13 * DAY;
    expect(await server.workshops.sweep()).toEqual([]);
    expect((await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret)).status).toBe(
      200,
    );

    const closed = student.until(() => student.closedWith, "the table's close");
    now += 1 * DAY;
    expect(await server.workshops.sweep()).toEqual([code]);
    await closed;
    expect(await server.store.workshopCount()).toBe(0);
    expect(await server.store.get(gameId)).toBeNull();
    expect((await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret)).status).toBe(
      404,
    );
    expect((await workshopApi(server, "POST", `/${code}/join`, { token: seat.token })).status).toBe(
      404,
    );
  });

  it("an expired workshop is gone even before the hourly sweep runs", async () => {
    const { code, secret } = await createWorkshop(server);
    now += 14 * DAY;
    expect((await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret)).status).toBe(
      404,
    );
    expect(await server.store.workshopCount()).toBe(0);
  });
});
