/**
 * Uploaded scenarios: validated on the server (readable errors, nothing stored when refused),
 * stored under a server id, fetched by id, and played: a solo game on an uploaded scenario
 * runs to its ending, its record holds the uploaded scenario and a replay gives the stored
 * hash. Unknown scenario ids are refused at creation and in the host's configure.
 */
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashState } from "../../shared/hash";
import { type GameLog, replay } from "../../shared/log";
import { STANDARD } from "../../shared/presets";
import { JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import { bootServer, createTable, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ uploadsPerMinute: 10 });
});
afterAll(async () => {
  await server.close();
});

async function upload(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.http}/api/scenarios`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("uploaded scenarios", () => {
  it("refuses invalid uploads with readable errors and stores nothing", async () => {
    const before = server.store.scenarioCount();
    const cases: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      ["[1, 2]", /JSON object/],
      ["42", /JSON object/],
      [JSON.stringify({ ...STANDARD, rounds: 99 }), /rounds/],
      [JSON.stringify({ ...STANDARD, surprise: true }), /surprise|unrecognized/i],
      [JSON.stringify({ ...STANDARD, risks: { ...STANDARD.risks, exit: 80 } }), /exit/],
      [JSON.stringify({ ...STANDARD, seats: ["lab", "lab", "company"] }), /seat/],
    ];
    for (const [body, pattern] of cases) {
      const { status, json } = await upload(body);
      expect(status, body.slice(0, 40)).toBe(400);
      const errors = json.errors as string[];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join("\n")).toMatch(pattern);
    }
    const huge = JSON.stringify({ ...STANDARD, description: "x".repeat(70_000) });
    expect((await upload(huge)).status).toBe(413);
    expect(server.store.scenarioCount()).toBe(before);
  });

  it("stores a valid upload under a server id, serves it by id, and plays a game with it", async () => {
    const mine = {
      ...STANDARD,
      id: "my-class",
      name: "Our class",
      rounds: 8,
      description: "Eight years.",
    };
    const { status, json } = await upload(JSON.stringify(mine));
    expect(status).toBe(201);
    const id = json.id as string;
    expect(id).toMatch(/^custom-[0-9a-z]{10}$/);
    expect(json.name).toBe("Our class");
    const fetched = (await (await fetch(`${server.http}/api/scenarios/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(fetched.name).toBe("Our class");
    expect(fetched.rounds).toBe(8);
    expect((await fetch(`${server.http}/api/scenarios/custom-0000000000`)).status).toBe(404);
    const list = (await (await fetch(`${server.http}/api/scenarios`)).json()) as { id: string }[];
    expect(list.map((s) => s.id)).toContain("standard");
    expect(list.map((s) => s.id)).not.toContain(id);

    const host = await createTable(server, { name: "Teacher", mode: "solo", scenario: id });
    expect(host.table!.scenario).toBe(id);
    expect(host.table!.rounds).toBe(8);
    await host.until(() => host.debrief, "the debrief", 90_000);
    const record = (await (
      await fetch(`${server.http}/api/games/${host.debrief!.gameId}`)
    ).json()) as {
      log: GameLog;
      finalHash: string;
    };
    expect(record.log.scenario.id).toBe(id);
    expect(record.log.scenario.name).toBe("Our class");
    expect(hashState(replay(record.log))).toBe(record.finalHash);
    await host.leave();
  });

  it("refuses unknown scenario ids at creation and in configure, leaving the table as it was", async () => {
    await expect(
      new Client(server.url).create(ROOM_NAME, {
        name: "A",
        mode: "private",
        scenario: "custom-zzzzzzzzzz",
      }),
    ).rejects.toMatchObject({ code: JOIN_ERRORS.badOptions });
    const host = await createTable(server, { name: "Host", mode: "private" });
    const refused = host.nextError("configure");
    host.send("configure", { scenario: "nowhere" });
    const error = await refused;
    expect(error.code).toBe("not_found");
    expect(error.message).toMatch(/nowhere/);
    expect(host.table!.scenario).toBe("standard");
    await host.leave();
  });

  it("checks a scenario without storing it, always answering 200 with the verdict", async () => {
    const before = server.store.scenarioCount();
    const check = async (body: string) => {
      const res = await fetch(`${server.http}/api/scenarios/check`, { method: "POST", body });
      expect(res.status).toBe(200);
      return (await res.json()) as { ok: boolean; errors?: string[]; name?: string };
    };
    expect(await check(JSON.stringify(STANDARD))).toEqual({ ok: true, name: "Standard" });
    const bad = await check(JSON.stringify({ ...STANDARD, rounds: 3 }));
    expect(bad.ok).toBe(false);
    expect(bad.errors!.join()).toMatch(/rounds/);
    expect((await check("nope")).errors!.join()).toMatch(/not valid JSON/);
    expect(server.store.scenarioCount()).toBe(before);
  });

  it("limits uploads per address", async () => {
    const body = JSON.stringify({ ...STANDARD, name: "Again" });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await upload(body)).status);
    expect(statuses).toContain(429);
  });
});
