/**
 * The limits on uploaded scenarios, on a server of their own (one Colyseus server per test
 * process) that keeps 2 uploads and takes 3 a minute from one address: the oldest upload is
 * forgotten to make room, a table already using it plays on with its own copy, and uploads
 * past the rate are refused with 429 and store nothing. The tests run in order and share the
 * address's three uploads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDARD } from "../../shared/presets";
import { bootServer, createTable, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ uploadsPerMinute: 3, maxScenarios: 2 });
});
afterAll(async () => {
  await server.close();
});

async function upload(body: string, route = "/api/scenarios") {
  const res = await fetch(`${server.http}${route}`, { method: "POST", body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const QUICK = { ...STANDARD, timers: { news: 3, act: 10, legislate: 10, resolve: 3 } };

describe("uploaded scenario limits", () => {
  it("forgets the oldest upload beyond the cap, and a table using it plays on with its own copy", async () => {
    const first = await upload(JSON.stringify({ ...QUICK, name: "First", rounds: 9 }));
    expect(first.status).toBe(201);
    const id = first.json.id as string;
    const host = await createTable(server, { name: "Host", mode: "private", scenario: id });
    for (const name of ["Second", "Third"])
      expect((await upload(JSON.stringify({ ...STANDARD, name }))).status).toBe(201);
    expect(await server.store.scenarioCount()).toBe(2);
    expect((await fetch(`${server.http}/api/scenarios/${id}`)).status).toBe(404);

    host.send("start", {});
    await host.until(() => host.table!.gameId, "the start");
    await host.until(() => host.table!.round >= 2, "the second round", 30_000);
    expect(host.table!.scenario).toBe(id);
    expect(host.table!.rounds).toBe(9);
    const saved = (await server.store.get(host.table!.gameId!))!;
    expect(saved.log.scenario).toMatchObject({ id, name: "First", rounds: 9 });
    expect(saved.log.scenario.timers).toEqual(QUICK.timers);
    await host.leave();
  });

  it("refuses uploads past the rate per address with 429, storing nothing", async () => {
    // The three uploads of the first test used this minute's allowance.
    const body = JSON.stringify({ ...STANDARD, name: "Again" });
    const refused = await upload(body);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: "too_fast" });
    expect(refused.json.message).toMatch(/try again in \d+ s/);
    expect(refused.json.errors).toEqual([refused.json.message]);
    // Refused uploads count too: a flood of bad files is throttled the same way.
    expect((await upload("{bad")).status).toBe(429);
    expect(await server.store.scenarioCount()).toBe(2);
    // Fetching and checking are not uploads.
    expect((await fetch(`${server.http}/api/scenarios/standard`)).status).toBe(200);
    expect((await upload(body, "/api/scenarios/check")).json).toEqual({ ok: true, name: "Again" });
  });
});
