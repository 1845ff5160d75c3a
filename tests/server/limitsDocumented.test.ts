/**
 * The limits and check orders docs/PROTOCOL.md states, where no other test asserted them
 * (issue 9, "the note lists every check order and limit as documented and as tested"): every
 * row of the limits table and the README's variables are the server's defaults; the gate's
 * rate check comes after the frame check and before the type and shape checks, at the default
 * 20 messages a second; the exact edges of a WebSocket frame (4 KB, close 1009), of a
 * matchmaking body (4 KB, 413, none without a Content-Length), of a name (1–24 after trimming)
 * and of a chat line (1–280 after trimming); the documented order of a create's and a join by
 * code's checks; 40 people at a table (4212 "locked" while 40 are connected, then 4409); a
 * started game nobody is connected to, saved and closed after `ABANDON_SECONDS`.
 *
 * One server (one Colyseus server per test process) that trusts a proxy on loopback, so each
 * test creates and guesses from addresses of its own (`X-Forwarded-For`) and no test spends
 * another's allowance.
 */

import { readFileSync } from "node:fs";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SCENARIO_BYTES } from "../../server/api";
import { configFromEnv } from "../../server/config";
import { MAX_MATCHMAKE_BODY } from "../../server/front";
import { CLOSE_CODES, JOIN_ERRORS, MAX_PEOPLE_PER_TABLE, ROOM_NAME } from "../../shared/protocol";
import { markdownTable } from "../fixtures/markdown";
import {
  bootServer,
  joinFrom,
  joinTable,
  matchmake,
  rawSocket,
  roomOf,
  type TestPlayer,
  type TestServer,
} from "./helpers";

const CREATES = 2;
const FAILED_JOINS = 2;
const ABANDON_SECONDS = 1;
const defaults = configFromEnv({});

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({
    trustProxy: "loopback",
    // The default rate, so the gate's rate step is tried as shipped.
    messagesPerSecond: defaults.messagesPerSecond,
    createsPerMinute: CREATES,
    failedJoinsPerHour: FAILED_JOINS,
    abandonSeconds: ABANDON_SECONDS,
  });
});
afterAll(async () => {
  await server.close();
});

let nextAddress = 1;
/** An address no other test in this file uses. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

/** A private table created from an address of its own. */
const lobby = () => joinFrom(server, null, { name: "Host", mode: "private" }, freshAddress());

const protocol = readFileSync(new URL("../../docs/PROTOCOL.md", import.meta.url), "utf8");
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

const n = (v: number) => v.toLocaleString("en");

describe("the documented limits are the server's", () => {
  it("every row of PROTOCOL.md's limits table states the server's default, setting and answer", async () => {
    const c = defaults;
    // what → [the limit as written, the setting, the answer beyond it]
    const expected: Record<string, [string, string, string]> = {
      "messages per connection": [
        `${c.messagesPerSecond} a second, bursts of ${c.messagesPerSecond} (a token bucket)`,
        "`MESSAGES_PER_SECOND`",
        `\`too_fast\`, then close ${CLOSE_CODES.flooding}`,
      ],
      "a WebSocket frame": [`${MAX_MATCHMAKE_BODY / 1024} KB`, "", "close 1009"],
      "a matchmaking request body": [
        `${MAX_MATCHMAKE_BODY / 1024} KB, with a \`Content-Length\``,
        "",
        "HTTP 413",
      ],
      "tables created per address": [
        `${c.createsPerMinute} in any 60 s (sliding; refused ones not counted)`,
        "`CREATES_PER_MINUTE`",
        `${JOIN_ERRORS.tooManyTables}`,
      ],
      "live tables": [`${c.maxRooms}`, "`MAX_ROOMS`", `${JOIN_ERRORS.serverFull}`],
      "people at a table": [
        `${MAX_PEOPLE_PER_TABLE} (players and spectators; \`MAX_PEOPLE_PER_TABLE\`, a constant)`,
        "",
        `${JOIN_ERRORS.tableFull} (Colyseus answers 4212 "locked" while ${MAX_PEOPLE_PER_TABLE} are connected)`,
      ],
      "joins by a wrong code per address": [
        `${c.failedJoinsPerHour} in any hour (sliding), each answered ${c.failedJoinDelayMs / 1000} s late`,
        "`FAILED_JOINS_PER_HOUR`, `FAILED_JOIN_DELAY_MS`",
        `${JOIN_ERRORS.tooManyFailedJoins} for every join by code`,
      ],
      "scenario uploads per address": [
        `${c.uploadsPerMinute} in any 60 s (sliding; accepted or not)`,
        "`UPLOADS_PER_MINUTE`",
        "429 `too_fast` with `Retry-After`",
      ],
      "a scenario body": [`${n(MAX_SCENARIO_BYTES)} bytes`, "", "413 `too_large`"],
      "uploads kept": [n(c.maxScenarios), "`MAX_SCENARIOS`", "the oldest is forgotten"],
      "a name": ["1–24 characters after trimming", "", `${JOIN_ERRORS.badOptions}`],
      "a chat line": ["1–280 characters after trimming", "", "`bad_message`"],
      "a dropped seat": [`kept ${c.reconnectSeconds} s`, "`RECONNECT_SECONDS`", "a bot plays it"],
      "a seat reservation": ["", "", "the join fails"],
      "a started game nobody is connected to": [
        `${c.abandonSeconds} s`,
        "`ABANDON_SECONDS`",
        "saved and closed",
      ],
    };
    const rows = markdownTable(protocol, ["what", "limit", "setting", "beyond it"]);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(expected));
    // The seat reservation is Colyseus's own: read it from a live room.
    const host = await lobby();
    const reservation = (
      roomOf(server, host.table!.code) as unknown as { seatReservationTime: number }
    ).seatReservationTime;
    expected["a seat reservation"]![0] = `${reservation} s (Colyseus)`;
    await host.leave();
    for (const [what, limit, setting, beyond] of rows)
      expect([limit, setting, beyond], what).toEqual(expected[what!]);
  });

  it("the README's variables table and its upload size are the server's defaults", () => {
    const rows = markdownTable(readme, ["variable", "default", "meaning"]);
    const byName = Object.fromEntries(rows.map((r) => [r[0]!.replaceAll("`", ""), r[1]!]));
    const c = defaults;
    const numbers: Record<string, number> = {
      RECONNECT_SECONDS: c.reconnectSeconds,
      ABANDON_SECONDS: c.abandonSeconds,
      MAX_ROOMS: c.maxRooms,
      CREATES_PER_MINUTE: c.createsPerMinute,
      UPLOADS_PER_MINUTE: c.uploadsPerMinute,
      FAILED_JOINS_PER_HOUR: c.failedJoinsPerHour,
      FAILED_JOIN_DELAY_MS: c.failedJoinDelayMs,
      MAX_SCENARIOS: c.maxScenarios,
      MESSAGES_PER_SECOND: c.messagesPerSecond,
    };
    for (const [name, value] of Object.entries(numbers))
      expect(byName[name], name).toBe(`\`${value}\``);
    expect(byName.TRUST_PROXY).toBe("(off)");
    expect(c.trustProxy).toBe(false);
    // "at most 64 KB" and "413 over 64 KB": the exact limit is 64 × 1024 bytes.
    expect(readme.match(/64 KB/g)?.length).toBeGreaterThanOrEqual(2);
    expect(MAX_SCENARIO_BYTES).toBe(64 * 1024);
  });
});

describe("the gate's rate step, at the default rate", () => {
  it("comes after the frame and before the type and shape: an unknown type or a bad payload over the rate is too_fast, a malformed frame still closes with 4002", async () => {
    const host = await lobby();
    const guest = await joinTable(server, host.table!.code, { name: "Guest" });
    const rate = defaults.messagesPerSecond;
    // Fewer than twice the rate, so the burst is throttled, not cut off (FloodGuard's rule).
    const burst = Array.from({ length: rate + 14 }, (_, i) =>
      i % 2 === 0
        ? { type: "nope", body: {} as unknown, code: "unknown_type" }
        : { type: "start", body: null as unknown, code: "bad_message" },
    );
    for (const m of burst) guest.send(m.type, m.body);
    // In the same burst, over the rate: a client-sent state frame.
    rawSocket(guest).send(new Uint8Array([14, 1, 2, 3]));
    await guest.until(() => guest.closedWith !== null, "the malformed frame's close");
    expect(guest.closedWith).toBe(CLOSE_CODES.malformed);
    // Every message of the burst was answered before the close, in order.
    expect(guest.errors).toHaveLength(burst.length);
    guest.errors.forEach((e, i) => {
      expect(e.type, `message ${i}`).toBe(burst[i]!.type);
      expect([burst[i]!.code, "too_fast"], `message ${i}`).toContain(e.code);
    });
    // The bucket starts full: the first `rate` reach the type and shape checks…
    expect(guest.errors.slice(0, rate).map((e) => e.code)).toEqual(
      burst.slice(0, rate).map((m) => m.code),
    );
    // …and beyond it, unknown types and bad payloads alike are answered too_fast.
    const fast = guest.errors.filter((e) => e.code === "too_fast");
    expect(fast.length).toBeGreaterThan(0);
    expect(new Set(fast.map((e) => e.type))).toEqual(new Set(["nope", "start"]));
    // The others at the table go on.
    const echo = host.next("chat");
    host.send("chat", { text: "still here" });
    expect(((await echo).body as { text: string }).text).toBe("still here");
    await host.leave();
  });

  it("cuts off a client that keeps on at the default rate with 4029", async () => {
    const host = await lobby();
    const loud = await joinTable(server, host.table!.code, { name: "Loud" });
    for (let i = 0; i < 10 * defaults.messagesPerSecond; i++) loud.send("nope", {});
    await loud.until(() => loud.closedWith !== null, "the flooder's close");
    expect(loud.closedWith).toBe(CLOSE_CODES.flooding);
    expect(
      loud.errors.slice(0, defaults.messagesPerSecond).every((e) => e.code === "unknown_type"),
    ).toBe(true);
    expect(loud.errors.some((e) => e.code === "too_fast")).toBe(true);
    expect(loud.errors.length).toBeLessThan(10 * defaults.messagesPerSecond);
    await host.until(() => host.table!.players.length === 1, "the flooder gone");
    await host.leave();
  });
});

/** A room message frame: `chat` with a text of `length` characters, as colyseus.js writes it. */
function chatFrame(length: number): Uint8Array {
  const text = Buffer.alloc(length, "x");
  const head = Buffer.from([
    13, // ROOM_DATA
    0xa4,
    ...Buffer.from("chat"), // the type, a msgpack fixstr
    0x81, // a map of one
    0xa4,
    ...Buffer.from("text"),
    0xda, // str 16, big-endian length
    length >> 8,
    length & 0xff,
  ]);
  return Buffer.concat([head, text]);
}

describe("the edges of the size limits", () => {
  it("a WebSocket frame of 4 KB is read (and refused by the gate); one byte more closes with 1009", async () => {
    const host = await lobby();
    const code = host.table!.code;
    const edge = chatFrame(MAX_MATCHMAKE_BODY - 15);
    expect(edge.length).toBe(4096);
    const atLimit = await joinTable(server, code, { name: "Edge" });
    const refused = atLimit.nextError("the 4 KB chat");
    rawSocket(atLimit).send(edge);
    expect(await refused).toMatchObject({ code: "bad_message", type: "chat" });
    expect(atLimit.closedWith).toBeNull();

    const over = await joinTable(server, code, { name: "Over" });
    rawSocket(over).send(chatFrame(MAX_MATCHMAKE_BODY - 14));
    await over.until(() => over.closedWith !== null, "the oversized frame's close");
    expect(over.closedWith).toBe(1009);
    // The one at the limit is still connected.
    const echo = atLimit.next("chat");
    atLimit.send("chat", { text: "fine" });
    expect(((await echo).body as { text: string }).text).toBe("fine");
    await atLimit.leave();
    await host.leave();
  });

  it("a matchmaking body of 4 KB is read; one byte more, or no Content-Length, is HTTP 413", async () => {
    const sized = (bytes: number) => `{"name":"${"n".repeat(bytes - 11)}"}`;
    expect(Buffer.byteLength(sized(MAX_MATCHMAKE_BODY))).toBe(4096);
    const post = (body: RequestInit["body"], extra: RequestInit = {}) =>
      fetch(`${server.http}/matchmake/create/${ROOM_NAME}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": freshAddress() },
        body,
        ...extra,
      });
    const at = await post(sized(MAX_MATCHMAKE_BODY));
    expect(at.status).toBe(200);
    // Read, and refused by the options' shape (the name is too long, no mode): not created.
    expect(await at.json()).toMatchObject({ code: JOIN_ERRORS.badOptions });
    expect((await post(sized(MAX_MATCHMAKE_BODY + 1))).status).toBe(413);
    const chunked = await post(
      new Blob([JSON.stringify({ name: "A", mode: "private" })]).stream(),
      {
        duplex: "half",
      } as RequestInit,
    );
    expect(chunked.status).toBe(413);
  });

  it("a name is 1–24 characters and a chat line 1–280, both after trimming", async () => {
    const host = await lobby();
    const code = host.table!.code;
    const refusedJoin = async (name: string) => {
      try {
        const p = await joinTable(server, code, { name });
        await p.leave();
      } catch (e) {
        return (e as { code: number }).code;
      }
      return "joined";
    };
    expect(await refusedJoin("n".repeat(25))).toBe(JOIN_ERRORS.badOptions);
    expect(await refusedJoin("   ")).toBe(JOIN_ERRORS.badOptions);
    const long = await joinTable(server, code, { name: `  ${"n".repeat(24)}  ` });
    await host.until(
      () => host.table!.players.some((p) => p.name === "n".repeat(24)),
      "the 24-character name, trimmed",
    );

    const heard = long.next("chat");
    host.send("chat", { text: `  ${"x".repeat(280)}  ` });
    expect(((await heard).body as { text: string }).text.trim()).toBe("x".repeat(280));
    const refused = host.nextError("281 characters");
    host.send("chat", { text: `  ${"x".repeat(281)}  ` });
    expect(await refused).toMatchObject({ code: "bad_message", type: "chat" });
    await long.leave();
    await host.leave();
  });
});

describe("the documented order of a join's checks", () => {
  it("create: the body → the options' shape → the scenario → the address's creations (refused ones not counted)", async () => {
    const ip = freshAddress();
    const create = (body: Record<string, unknown>) =>
      matchmake(server, `create/${ROOM_NAME}`, body, { "X-Forwarded-For": ip });
    const good = { name: "Maker", mode: "private" };
    // Refusals before the limit are not counted against it.
    for (let i = 0; i < CREATES + 1; i++) {
      expect(await create({ name: "Maker", mode: "tournament" })).toMatchObject({
        code: JOIN_ERRORS.badOptions,
      });
      expect(await create({ ...good, scenario: "nope" })).toMatchObject({
        code: JOIN_ERRORS.scenarioNotFound,
      });
    }
    for (let i = 0; i < CREATES; i++)
      expect(await create(good), `creation ${i}`).toHaveProperty("room");
    expect(await create(good)).toMatchObject({ code: JOIN_ERRORS.tooManyTables });
    // Over the limit, the earlier checks still answer first.
    expect(await create({ name: "Maker", mode: "tournament" })).toMatchObject({
      code: JOIN_ERRORS.badOptions,
    });
    expect(await create({ ...good, scenario: "nope" })).toMatchObject({
      code: JOIN_ERRORS.scenarioNotFound,
    });
    const big = await fetch(`${server.http}/matchmake/create/${ROOM_NAME}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
      body: JSON.stringify({ ...good, name: "x".repeat(MAX_MATCHMAKE_BODY) }),
    });
    expect(big.status).toBe(413);
  });

  it("joinById / reconnect: the body → the failed joins → a live code (counted when wrong) → the options' shape", async () => {
    const host = await lobby();
    const code = host.table!.code;
    const ip = freshAddress();
    const join = (target: string, body: Record<string, unknown>) =>
      matchmake(server, `joinById/${target}`, body, { "X-Forwarded-For": ip });
    // A wrong code is answered before the options are read, and counted.
    expect(await join("ZZZZZ", { admin: true })).toMatchObject({ code: 4212 });
    // A live code with bad options: the shape, not counted.
    expect(await join(code, { admin: true })).toMatchObject({ code: JOIN_ERRORS.badOptions });
    const guest = await joinFrom(server, code, { name: "Guest" }, ip);
    // A wrong code by reconnect is counted too: now the limit is reached.
    expect(
      await matchmake(
        server,
        "reconnect/YYYYY",
        { reconnectionToken: "x" },
        { "X-Forwarded-For": ip },
      ),
    ).toMatchObject({ code: 4212 });
    expect(FAILED_JOINS).toBe(2);
    expect(await join(code, { name: "Again" })).toMatchObject({
      code: JOIN_ERRORS.tooManyFailedJoins,
    });
    expect(await join(code, { admin: true })).toMatchObject({
      code: JOIN_ERRORS.tooManyFailedJoins,
    });
    // The body is checked before the limit.
    const big = await fetch(`${server.http}/matchmake/joinById/${code}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
      body: JSON.stringify({ name: "x".repeat(MAX_MATCHMAKE_BODY) }),
    });
    expect(big.status).toBe(413);
    await guest.leave();
    await host.leave();
  });
});

describe("people at a table", () => {
  it(`${MAX_PEOPLE_PER_TABLE} people: Colyseus answers 4212 "locked" while they are connected, then 4409 while they are at the table`, async () => {
    const host = await lobby();
    const code = host.table!.code;
    const people: TestPlayer[] = [host];
    for (let i = 1; i < MAX_PEOPLE_PER_TABLE; i++)
      people.push(await joinTable(server, code, { name: `Eye ${i}`, spectator: true }));
    await host.until(
      () => host.table!.players.length === MAX_PEOPLE_PER_TABLE,
      `${MAX_PEOPLE_PER_TABLE} people in the table`,
    );
    await expect(
      new Client(server.url).joinById(code, { name: "Late", spectator: true }),
    ).rejects.toMatchObject({ code: 4212 });
    // While playing, a spectator who leaves stays one of the table's people.
    host.send("start", {});
    await host.until(() => host.table!.stage === "playing", "the start");
    const gone = people.pop()!;
    await gone.leave();
    const goneName = `Eye ${MAX_PEOPLE_PER_TABLE - 1}`;
    await host.until(
      () => !host.table!.players.some((p) => p.name === goneName && p.connected),
      "the spectator gone",
    );
    await expect(
      new Client(server.url).joinById(code, { name: "Later", spectator: true }),
    ).rejects.toMatchObject({ code: JOIN_ERRORS.tableFull });
    for (const p of people) await p.leave();
  });
});

describe("a started game nobody is connected to", () => {
  it("stays open ABANDON_SECONDS, then is saved and closed", async () => {
    const solo = await joinFrom(server, null, { name: "Solo", mode: "solo" }, freshAddress());
    const code = solo.table!.code;
    const gameId = await solo.until(() => solo.table!.gameId, "the game's id");
    const left = Date.now();
    await solo.leave();
    await expect
      .poll(() => [...server.services.rooms].some((r) => r.roomId === code), { timeout: 30_000 })
      .toBe(false);
    // A timer never fires early (up to Node's rounding of a millisecond).
    expect(Date.now() - left).toBeGreaterThanOrEqual(ABANDON_SECONDS * 1000 - 2);
    expect(await server.store.get(gameId)).toMatchObject({ status: "abandoned" });
  });
});
