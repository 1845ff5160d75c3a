/**
 * A workshop's creation counts against the per-address create limit, like a table's (its own
 * file: one server per file, since Colyseus's matchmaker is one per process).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, createTable, type TestServer, workshopApi } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ createsPerMinute: 3 });
});
afterAll(async () => {
  await server.close();
});

describe("creating workshops", () => {
  it("counts against the per-address create limit shared with tables", async () => {
    await createTable(server, { name: "Host", mode: "private" });
    expect((await workshopApi(server, "POST", "", {})).status).toBe(201);
    const { body } = await workshopApi(server, "POST", "", { tableSize: 3 });
    // Students joining open tables without counting against anyone's limit.
    for (let i = 0; i < 5; i++)
      expect(
        (await workshopApi(server, "POST", `/${body.code}/join`, { nickname: `S ${i}` })).status,
      ).toBe(201);
    const refused = await workshopApi(server, "POST", "", {});
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe("too_fast");
  });
});
