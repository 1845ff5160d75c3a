/**
 * Uploaded scenarios over real HTTP and real colyseus.js clients: an upload is validated on
 * the server (readable errors, nothing stored when refused, the server keeps running), stored
 * under a server id, fetched by id, and played: a solo game on an uploaded scenario runs to
 * its ending, its record holds the uploaded scenario, a replay gives the stored hash and the
 * CSV has a row per round. Unknown scenario ids are refused at creation and in the host's
 * configure, leaving everything as it was.
 */
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashState } from "../../shared/hash";
import { type GameLog, replay } from "../../shared/log";
import { PRESETS, STANDARD } from "../../shared/presets";
import { JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import { bootServer, createTable, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ uploadsPerMinute: 1000 });
});
afterAll(async () => {
  await server.close();
});

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function post(on: TestServer, body: string, route = "/api/scenarios"): Promise<Answer> {
  const res = await fetch(`${on.http}${route}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function getJson(path: string): Promise<Answer> {
  const res = await fetch(`${server.http}${path}`);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A quick variant of Standard: short timers, so a whole game takes seconds. */
const QUICK = {
  ...STANDARD,
  timers: { news: 3, act: 10, legislate: 10, resolve: 3 },
};

describe("uploading a scenario", () => {
  it("refuses invalid uploads with 400 and readable errors, and stores nothing", async () => {
    const before = await server.store.scenarioCount();
    const cases: [what: string, body: string, pattern: RegExp][] = [
      ["not JSON", "{not json", /not valid JSON/],
      ["an empty body", "", /body is empty/],
      ["an array", "[1, 2]", /JSON object/],
      ["a number", "42", /JSON object/],
      ["null", "null", /JSON object/],
      ["a wrong shape", JSON.stringify({ ...STANDARD, rounds: "twelve" }), /^rounds: /m],
      ["a missing field", JSON.stringify({ ...STANDARD, timers: undefined }), /^timers: /m],
      ["a value out of range", JSON.stringify({ ...STANDARD, rounds: 99 }), /^rounds: /m],
      ["an unknown key", JSON.stringify({ ...STANDARD, surprise: true }), /surprise/],
      [
        "deeply nested values",
        `{"name":${"[".repeat(20_000)}${"]".repeat(20_000)},"labs":${'{"a":'.repeat(2000)}1${"}".repeat(2000)}}`,
        /^name: /m,
      ],
      [
        "exit at the tipping point",
        JSON.stringify({ ...STANDARD, risks: { ...STANDARD.risks, exit: STANDARD.risks.tipping } }),
        /risks\.exit: must be below risks\.tipping/,
      ],
      [
        "seats without names",
        JSON.stringify({ ...STANDARD, labNames: ["Only Lab"] }),
        /labNames: needs a name for every lab/,
      ],
    ];
    for (const [what, body, pattern] of cases) {
      const { status, json } = await post(server, body);
      expect(status, what).toBe(400);
      expect(typeof json.error, what).toBe("string");
      expect(typeof json.message, what).toBe("string");
      const errors = json.errors as string[];
      expect(errors.length, what).toBeGreaterThan(0);
      for (const e of errors) expect(e, what).toMatch(/^\S+: .+/);
      expect(errors.join("\n"), what).toMatch(pattern);
    }
    // Several problems at once are all listed.
    const many = await post(server, JSON.stringify({ ...STANDARD, rounds: 3, surprise: 1 }));
    expect((many.json.errors as string[]).length).toBeGreaterThanOrEqual(2);

    const huge = JSON.stringify({ ...STANDARD, description: "x".repeat(70_000) });
    const tooLarge = await post(server, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toMatchObject({ error: "too_large" });
    expect((tooLarge.json.errors as string[]).join()).toMatch(/64 KB/);

    expect(await server.store.scenarioCount()).toBe(before);
    expect((await getJson("/healthz")).json.ok).toBe(true);
  });

  it("stores a valid upload under a server id whatever the file's id, and serves it by id but does not list it", async () => {
    const { id: _drop, ...noId } = { ...STANDARD, name: "No id" };
    const cases = [
      { ...STANDARD, id: "standard", name: "Claims a preset's id" },
      { ...STANDARD, id: "Not a valid id!", name: "Bad id" },
      noId,
    ];
    for (const file of cases) {
      const { status, json } = await post(server, JSON.stringify(file));
      expect(status, file.name).toBe(201);
      expect(Object.keys(json).sort()).toEqual(["description", "id", "name"]);
      expect(json.id).toMatch(/^custom-[0-9a-z]{10}$/);
      expect(json.name).toBe(file.name);
      const stored = await getJson(`/api/scenarios/${json.id}`);
      expect(stored.status).toBe(200);
      expect(stored.json).toEqual({ ...STANDARD, id: json.id, name: file.name });
    }
    // The preset it pretended to be is untouched.
    expect((await getJson("/api/scenarios/standard")).json.name).toBe("Standard");

    const list = await fetch(`${server.http}/api/scenarios`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual(
      PRESETS.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        rounds: p.rounds,
        custom: false,
      })),
    );
    for (const p of PRESETS) expect((await getJson(`/api/scenarios/${p.id}`)).json).toEqual(p);
    for (const missing of ["custom-0000000000", "custom-short", "nowhere", "..%2F..%2Fetc"]) {
      const answer = await getJson(`/api/scenarios/${missing}`);
      expect(answer.status, missing).toBe(404);
      expect(answer.json.error).toBe("not_found");
    }
  });

  it("plays a solo game to the end on an uploaded scenario: the record holds it, a replay gives the stored hash, the CSV has every round", async () => {
    const mine = { ...QUICK, name: "Our class", rounds: 8, description: "Eight quick years." };
    const { status, json } = await post(server, JSON.stringify(mine));
    expect(status).toBe(201);
    const id = json.id as string;
    expect(json).toEqual({ id, name: "Our class", description: "Eight quick years." });

    const host = await createTable(server, { name: "Teacher", mode: "solo", scenario: id });
    expect(host.table!.scenario).toBe(id);
    expect(host.table!.rounds).toBe(8);
    await host.until(() => host.debrief, "the debrief", 90_000);
    const gameId = host.debrief!.gameId;
    const record = (await getJson(`/api/games/${gameId}`)).json as unknown as {
      log: GameLog;
      finalHash: string;
      history: unknown[];
    };
    expect(record.log.scenario).toEqual({ ...mine, id, seats: STANDARD.seats });
    expect(hashState(replay(record.log))).toBe(record.finalHash);
    const csv = await (await fetch(`${server.http}/api/games/${gameId}/rounds.csv`)).text();
    const rows = csv.trim().split("\n");
    expect(record.history.length).toBeGreaterThan(0);
    expect(rows.length).toBe(1 + record.history.length);
    expect(rows[1]!.split(",")[1]).toBe(String(mine.startYear));
    await host.leave();
  });
});

describe("choosing a scenario for a table", () => {
  it("refuses an unknown scenario id at creation with a join error, creating no table", async () => {
    const rooms = server.services.rooms.size;
    for (const scenario of ["custom-zzzzzzzzzz", "nowhere"]) {
      const refused = new Client(server.url).create(ROOM_NAME, {
        name: "A",
        mode: "private",
        scenario,
      });
      await expect(refused).rejects.toMatchObject({ code: JOIN_ERRORS.scenarioNotFound });
      await expect(refused).rejects.toThrow(scenario);
    }
    expect(server.services.rooms.size).toBe(rooms);
  });

  it("refuses an unknown scenario in configure with not_found, leaving the table as it was", async () => {
    const host = await createTable(server, { name: "Host", mode: "private" });
    host.send("configure", { rounds: 10, speed: "quick", seats: ["government", "lab", "company"] });
    await host.until(() => host.table!.seats.length === 3, "the small table");
    const before = structuredClone(host.table!);
    for (const scenario of ["nowhere", "custom-zzzzzzzzzz"]) {
      const refused = host.nextError(scenario);
      host.send("configure", { scenario, rounds: 12, seats: ["government", "lab", "company"] });
      const error = await refused;
      expect(error).toMatchObject({ code: "not_found", type: "configure" });
      expect(error.message).toContain(scenario);
    }
    // Nothing changed: the next accepted change is the only difference.
    host.send("configure", { speed: "classroom" });
    await host.until(() => host.table!.speed === "classroom", "the next change");
    expect({ ...host.table!, speed: before.speed, remainingMs: 0 }).toEqual({
      ...before,
      remainingMs: 0,
    });
    await host.leave();
  });

  it("takes an uploaded scenario's rounds and seats as the table's defaults, which the host can still change", async () => {
    const four = {
      ...STANDARD,
      name: "Four seats",
      rounds: 10,
      labNames: ["Only Lab"],
      seats: ["government", "lab", "company", "company"],
    };
    const { json } = await post(server, JSON.stringify(four));
    const id = json.id as string;
    const created = await createTable(server, { name: "Host", mode: "private", scenario: id });
    expect(created.table!.seats.map((s) => s.id)).toEqual(["G1", "L1", "C1", "C2"]);
    expect(created.table!.rounds).toBe(10);
    await created.leave();

    const host = await createTable(server, { name: "Host", mode: "private" });
    expect(host.table!.seats).toHaveLength(6);
    host.send("configure", { scenario: id });
    await host.until(() => host.table!.scenario === id, "the uploaded scenario");
    expect(host.table!.seats.map((s) => s.role)).toEqual(four.seats);
    expect(host.table!.rounds).toBe(10);
    host.send("configure", { seats: ["government", "lab", "company"], rounds: 8 });
    await host.until(() => host.table!.seats.length === 3, "the host's seats");
    expect(host.table!.scenario).toBe(id);
    expect(host.table!.rounds).toBe(8);
    // More labs than the scenario names: refused, nothing changed.
    const refused = host.nextError("too many labs");
    host.send("configure", { seats: ["government", "lab", "lab", "company"] });
    expect((await refused).message).toMatch(/too few names/);
    expect(host.table!.seats).toHaveLength(3);
    await host.leave();
  });
});

describe("the scenario check", () => {
  it("checks a scenario without storing it, always answering 200 with the verdict", async () => {
    const before = await server.store.scenarioCount();
    const check = async (body: string) => {
      const { status, json } = await post(server, body, "/api/scenarios/check");
      expect(status).toBe(200);
      return json as { ok: boolean; errors?: string[]; name?: string };
    };
    expect(await check(JSON.stringify(STANDARD))).toEqual({ ok: true, name: "Standard" });
    const bad = await check(JSON.stringify({ ...STANDARD, rounds: 3 }));
    expect(bad.ok).toBe(false);
    expect(bad.errors!.join()).toMatch(/rounds/);
    expect((await check("nope")).errors!.join()).toMatch(/not valid JSON/);
    expect((await check("[]")).errors!.join()).toMatch(/JSON object/);
    expect(await server.store.scenarioCount()).toBe(before);
  });
});
