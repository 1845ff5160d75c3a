/**
 * What keeps clients from exhausting the server: tables per address, the cap on live tables,
 * oversized matchmaking requests.
 */
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import { bootServer, createTable, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ createsPerMinute: 3, maxRooms: 2 });
});
afterAll(async () => {
  await server.close();
});

describe("creation limits", () => {
  it("caps live tables and tables created per address, and refuses big matchmaking bodies", async () => {
    const a = await createTable(server, { name: "A", mode: "private" });
    const b = await createTable(server, { name: "B", mode: "private" });
    await expect(
      new Client(server.url).create(ROOM_NAME, { name: "C", mode: "private" }),
    ).rejects.toMatchObject({
      code: JOIN_ERRORS.serverFull,
    });
    await a.leave();
    await expect.poll(() => server.services.rooms.size, { timeout: 30_000 }).toBe(1);
    // The third creation from this address in a minute still fits; the fourth does not.
    const c = await createTable(server, { name: "C", mode: "private" });
    await c.leave();
    await expect.poll(() => server.services.rooms.size, { timeout: 30_000 }).toBe(1);
    await expect(
      new Client(server.url).create(ROOM_NAME, { name: "D", mode: "private" }),
    ).rejects.toMatchObject({
      code: JOIN_ERRORS.tooManyTables,
    });

    const big = await fetch(`${server.http}/matchmake/joinById/${b.table!.code}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(10_000) }),
    });
    expect(big.status).toBe(413);
    await b.leave();
  });
});
