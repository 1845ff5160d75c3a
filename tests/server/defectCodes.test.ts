/**
 * Regression tests for defect 6 of issue 9 (join codes can be guessed) and for the limits of
 * defect 5 behind a trusted proxy, on a server that trusts a proxy on loopback: joins by a code
 * that names no table are slowed and limited per address, then every join by code from that
 * address is refused; each forwarded client has its own create limit.
 */
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../server/config";
import { CODE_ALPHABET, CODE_LENGTH, JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import { bootServer, joinFrom, matchmake, type TestServer } from "./helpers";

const DELAY_MS = 200;
let server: TestServer;
beforeAll(async () => {
  server = await bootServer({
    createsPerMinute: 3,
    failedJoinsPerHour: 3,
    failedJoinDelayMs: DELAY_MS,
    trustProxy: "loopback",
  });
});
afterAll(async () => {
  await server.close();
});

describe("defect 5 behind a proxy", () => {
  it("defect 5: with TRUST_PROXY set, each forwarded client has its own limit; X-Real-IP is never read", async () => {
    const create = (headers: Record<string, string>) =>
      matchmake(server, `create/${ROOM_NAME}`, { name: "Maker", mode: "private" }, headers);
    for (const ip of ["203.0.113.1", "203.0.113.2"])
      for (let i = 0; i < 3; i++)
        expect(await create({ "X-Forwarded-For": ip }), `${ip} #${i}`).toHaveProperty("room");
    expect(await create({ "X-Forwarded-For": "203.0.113.1" })).toMatchObject({
      code: JOIN_ERRORS.tooManyTables,
    });
    // A client cannot name itself another address past the proxy's own entry either.
    expect(await create({ "X-Forwarded-For": "203.0.113.77, 203.0.113.1" })).toMatchObject({
      code: JOIN_ERRORS.tooManyTables,
    });
    // X-Real-IP is not a trust-proxy header: these all count for the proxy (loopback) itself.
    const real = [];
    for (let i = 0; i < 4; i++) real.push(await create({ "X-Real-IP": `203.0.113.${10 + i}` }));
    expect(real.map((a) => "room" in a)).toEqual([true, true, true, false]);
  });
});

describe("defect 6", () => {
  it("defect 6: joins by a wrong code are slowed and limited per address, and then every join by code is refused", async () => {
    const host = await joinFrom(server, null, { name: "Host", mode: "private" }, "203.0.113.30");
    const code = host.table!.code;
    const guesser = { "X-Forwarded-For": "203.0.113.40" };
    for (const guess of ["ZZZZZ", "YYYYY", "XXXXX"]) {
      const t0 = performance.now();
      const answer = await matchmake(server, `joinById/${guess}`, { name: "Guess" }, guesser);
      expect(answer).toMatchObject({ code: 4212 });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(DELAY_MS - 10);
    }
    // The limit reached, the live code is refused too: the answer tells nothing about codes.
    for (const target of ["WWWWW", code])
      expect(
        await matchmake(server, `joinById/${target}`, { name: "Guess" }, guesser),
      ).toMatchObject({ code: JOIN_ERRORS.tooManyFailedJoins });
    expect(
      await matchmake(server, `reconnect/${code}`, { reconnectionToken: "x" }, guesser),
    ).toMatchObject({ code: JOIN_ERRORS.tooManyFailedJoins });
    // Another address is not held back, colyseus.js from loopback neither.
    const friend = await joinFrom(server, code, { name: "Friend" }, "203.0.113.41");
    expect(friend.table!.code).toBe(code);
    const local = await new Client(server.url).joinById(code, { name: "Local" });
    await local.leave();
    await friend.leave();
    await host.leave();
  });

  it("defect 6: a wrong code from colyseus.js is answered as not found, then as too many", async () => {
    const host = await joinFrom(server, null, { name: "Host2", mode: "private" }, "203.0.113.50");
    for (let i = 0; i < 3; i++)
      await expect(
        new Client(server.url).joinById("ZZZZZ", { name: "Lost" }),
      ).rejects.toMatchObject({ code: 4212 });
    await expect(
      new Client(server.url).joinById(host.table!.code, { name: "Late" }),
    ).rejects.toMatchObject({ code: JOIN_ERRORS.tooManyFailedJoins });
    await host.leave();
  });

  it("defect 6: with the defaults, finding one of the live tables by guessing takes days", () => {
    const cfg = configFromEnv({});
    const codes = CODE_ALPHABET.length ** CODE_LENGTH;
    const guessesPerHit = codes / cfg.maxRooms;
    const hours = guessesPerHit / cfg.failedJoinsPerHour;
    expect(codes).toBe(9_765_625);
    expect(Math.round(guessesPerHit)).toBe(19_531);
    expect(cfg.failedJoinsPerHour).toBe(60);
    expect(hours / 24).toBeGreaterThan(13);
  });
});
