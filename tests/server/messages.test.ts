/**
 * Bad input from clients: every kind of invalid message is refused with an error naming what
 * was wrong and changes nothing (also as raw bytes, unknown types, broken and oversized frames);
 * a handler that throws harms no other game; a flooding client is throttled, then cut off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../../shared/protocol";
import {
  bootServer,
  createTable,
  fingerprint as helperFingerprint,
  pausedGame as helperPausedGame,
  roomOf as helperRoomOf,
  joinTable,
  rawSocket,
  type TestPlayer,
  type TestServer,
} from "./helpers";

const MESSAGES_PER_SECOND = 60;
let server: TestServer;
beforeAll(async () => {
  // Above the default 20/s so the invalid-message cases below (sent back to back) all pass the
  // limiter; the flood test sends far more. FloodGuard at 20/s is unit-tested in rateLimit.test.ts.
  server = await bootServer({ messagesPerSecond: MESSAGES_PER_SECOND });
});
afterAll(async () => {
  await server.close();
});

const roomOf = (code: string) => helperRoomOf(server, code);
const fingerprint = (code: string) => helperFingerprint(server, code);
const pausedGame = () => helperPausedGame(server);

describe("invalid messages", () => {
  it("refuses every kind of invalid message with an error naming it, changing nothing", async () => {
    const { host, lab, spectator, code } = await pausedGame();
    const before = fingerprint(code);
    const viewBefore = JSON.stringify(host.view);

    const cases: {
      who: TestPlayer;
      type: string;
      body: unknown;
      code: string;
      mention?: string;
    }[] = [
      {
        who: host,
        type: "action",
        body: { action: { type: "nope" } },
        code: "bad_message",
        mention: "action.type",
      },
      { who: host, type: "action", body: {}, code: "bad_message", mention: "action" },
      { who: host, type: "action", body: "a string", code: "bad_message" },
      { who: host, type: "ready", body: { ready: "yes" }, code: "bad_message", mention: "ready" },
      {
        who: host,
        type: "ready",
        body: { ready: true, extra: 1 },
        code: "bad_message",
        mention: "extra",
      },
      {
        who: host,
        type: "extend",
        body: { seconds: 100_000 },
        code: "bad_message",
        mention: "seconds",
      },
      {
        who: host,
        type: "chat",
        body: { text: "x".repeat(281) },
        code: "bad_message",
        mention: "text",
      },
      { who: host, type: "chat", body: { text: "   " }, code: "bad_message", mention: "text" },
      {
        who: host,
        type: "action",
        body: { action: { type: "setStrategy", sliders: { automation: 2 } } },
        code: "bad_message",
        mention: "sliders",
      },
      {
        who: host,
        type: "action",
        body: { action: { type: "propose", regulation: "antitrust", strength: 2, accord: false } },
        code: "wrong_role",
      },
      {
        who: host,
        type: "action",
        body: { action: { type: "vote", proposal: 1, yes: true } },
        code: "wrong_role",
      },
      {
        who: lab,
        type: "action",
        body: { action: { type: "setStrategy", sliders: { capability: 1 } } },
        code: "bad_sliders",
      },
      {
        who: lab,
        type: "action",
        body: { action: { type: "license", counterpart: "G1" } },
        code: "unknown_target",
      },
      { who: lab, type: "pause", body: {}, code: "not_host" },
      // Stage before host: a start while playing is the wrong stage, whoever sends it.
      { who: lab, type: "start", body: {}, code: "wrong_stage" },
      { who: lab, type: "kick", body: { player: "x" }, code: "not_host" },
      { who: host, type: "start", body: {}, code: "wrong_stage" },
      { who: host, type: "configure", body: { rounds: 10 }, code: "wrong_stage" },
      { who: host, type: "pause", body: {}, code: "wrong_stage" },
      { who: spectator, type: "action", body: { action: { type: "pledge" } }, code: "not_seated" },
      { who: spectator, type: "takeSeat", body: { seat: "C2" }, code: "wrong_stage" },
      { who: spectator, type: "ready", body: { ready: true }, code: "not_seated" },
      { who: host, type: "takeSeat", body: { seat: "L1" }, code: "seat_taken" },
      { who: host, type: "mute", body: { player: "nobody", muted: true }, code: "not_found" },
      { who: host, type: "nope", body: {}, code: "unknown_type", mention: "nope" },
      { who: host, type: "__proto__", body: {}, code: "unknown_type" },
    ];
    for (const c of cases) {
      const next = c.who.nextError(`${c.type} → ${c.code}`);
      c.who.send(c.type, c.body);
      const error = await next;
      expect(error.code, `${c.type} ${JSON.stringify(c.body)}`).toBe(c.code);
      expect(error.type).toBe(c.type);
      if (c.mention) expect(error.message).toContain(c.mention);
    }
    // A rules check in the Legislate phase only: a vote in Act is the wrong phase.
    const g = await joinTable(server, code, { name: "Gov", seat: "G2" });
    const wrongPhase = g.nextError("vote in Act");
    g.send("action", { action: { type: "vote", proposal: 1, yes: true } });
    expect((await wrongPhase).code).toBe("wrong_phase");

    // The same types as raw bytes, and unknown types as bytes or numbers.
    for (const type of ["action", "ready", "chat", "start", "kick"]) {
      const next = host.nextError(`${type} as bytes`);
      host.room.sendBytes(type, new Uint8Array([1, 2, 3, 0xc1]));
      const error = await next;
      expect(error.code).toBe("bad_message");
      expect(error.message).toContain("raw bytes");
    }
    const bytesUnknown = host.nextError("unknown bytes");
    host.room.sendBytes("whatever", new Uint8Array([9, 9]));
    expect((await bytesUnknown).code).toBe("unknown_type");
    const numeric = host.nextError("numeric type");
    host.room.send(7, { x: 1 });
    expect((await numeric).code).toBe("unknown_type");

    expect(fingerprint(code)).toBe(before);
    expect(roomOf(code).game!.state.phase).toBe("act");
    // The host's view did not change either (errors are the only replies).
    expect(JSON.stringify(host.view)).toBe(viewBefore);

    // Broken and oversized frames close only the sender's connection.
    const broken = await joinTable(server, code, { name: "Broken", spectator: true });
    rawSocket(broken).send(new Uint8Array([13, 0xa4, 0x63, 0x68, 0x61, 0x74, 0xc1, 0xc1]));
    await broken.until(() => broken.closedWith !== null, "the broken frame's close");
    expect(broken.closedWith).toBe(CLOSE_CODES.malformed);
    const short = await joinTable(server, code, { name: "Short", spectator: true });
    rawSocket(short).send(new Uint8Array([13]));
    await short.until(() => short.closedWith !== null, "the typeless frame's close");
    expect(short.closedWith).toBe(CLOSE_CODES.malformed);
    const big = await joinTable(server, code, { name: "Big", spectator: true });
    big.send("chat", { text: "y".repeat(6000) });
    await big.until(() => big.closedWith !== null, "the oversized frame's close");
    expect(big.closedWith).not.toBe(1000);

    // The game and its other clients go on.
    const echo = host.next("chat");
    host.send("chat", { text: "still here" });
    expect(((await echo).body as { text: string }).text).toBe("still here");
    expect(fingerprint(code)).toBe(before);
    host.send("resume", {});
    host.send("skip", {});
    await host.until(() => host.table!.phase === "legislate", "the Legislate phase");
    for (const p of [host, lab, spectator, g]) await p.leave();
  });
});

describe("a handler that throws", () => {
  it("answers its sender with an internal error and leaves the server and every other game running", async () => {
    const a = await createTable(server, { name: "Ann", mode: "private", role: "government" });
    const b = await createTable(server, { name: "Bob", mode: "solo", role: "lab", speed: "quick" });
    const roundBefore = b.table!.round;
    const error = a.nextError("internal");
    a.send("debugThrow", {});
    expect((await error).code).toBe("internal");

    // The same room still works…
    const echo = a.next("chat");
    a.send("chat", { text: "after the throw" });
    expect(((await echo).body as { text: string }).text).toBe("after the throw");
    // …and so does the other game, which keeps playing on its clock.
    await b.until(() => b.table!.round > roundBefore, "the solo game's next round", 30_000);
    const health = (await (await fetch(`${server.http}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    await a.leave();
    await b.leave();
  });
});

describe("flooding", () => {
  it("throttles a client over its message rate, then disconnects it; the game goes on", async () => {
    const host = await createTable(server, { name: "Calm", mode: "private", role: "government" });
    const code = host.table!.code;
    const flooder = await joinTable(server, code, { name: "Loud", role: "company" });
    host.send("start", {});
    await host.until(() => host.table!.phase === "act", "the start");

    const sent = performance.now();
    for (let i = 0; i < 10 * MESSAGES_PER_SECOND; i++) flooder.send("chat", { text: `spam ${i}` });
    await flooder.until(() => flooder.closedWith !== null, "the flooder's disconnection");
    // Every chat the server let through reached the host before the host's own next line
    // (one connection keeps its order), so the host's count is the server's count of accepted
    // messages, however the machine scheduled the two connections.
    const echo = host.next("chat");
    host.send("chat", { text: "after the flood" });
    expect(((await echo).body as { text: string }).text).toBe("after the flood");
    // The server saw the whole flood within this time: its bucket, full when the flood began,
    // let through at most its burst plus what refilled meanwhile, however slowly a busy machine
    // delivered the messages (a bound from the bucket's rule, not from the machine's speed).
    const seconds = (performance.now() - sent) / 1000;
    expect(flooder.closedWith).toBe(CLOSE_CODES.flooding);
    expect(flooder.errors.some((e) => e.code === "too_fast")).toBe(true);
    // Only the first burst (and the refill while it lasted) got through to the others.
    const spam = host.chats.filter((c) => c.text.startsWith("spam"));
    expect(spam.length).toBeGreaterThan(0);
    // The whole first burst passed: the bucket starts full.
    expect(spam.length).toBeGreaterThanOrEqual(MESSAGES_PER_SECOND);
    expect(spam.length).toBeLessThanOrEqual(MESSAGES_PER_SECOND * (1 + seconds) + 1);
    expect(spam.length).toBeLessThan(10 * MESSAGES_PER_SECOND);
    // The messages let through were the first ones, in order.
    expect(spam.map((c) => c.text).slice(0, MESSAGES_PER_SECOND)).toEqual(
      Array.from({ length: MESSAGES_PER_SECOND }, (_, i) => `spam ${i}`),
    );

    // A bot takes the flooder's seat at once and the game goes on.
    await host.until(() => host.table!.seats.find((s) => s.id === "C1")!.bot !== null, "the bot");
    const phase = host.table!.phase;
    host.send("skip", {});
    await host.until(() => host.table!.phase !== phase, "the next phase");
    await host.leave();
  });
});
