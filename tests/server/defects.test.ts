/**
 * Regression tests for the defects a probe written from docs/PROTOCOL.md found (issue 9), each
 * named after its number: non-object payloads (1), the "*" type (2), the order of errors and
 * malformed frames (3), scenarios that break the model (4), removed people walking back in (7),
 * headers and text (8). Limits (5) and join codes (6) need servers of their own settings:
 * defectLimits.test.ts and defectCodes.test.ts. Each failed on the code before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDARD } from "../../shared/presets";
import { CLOSE_CODES, JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import {
  bootServer,
  createLongTable,
  createTable,
  fingerprint,
  joinFrom,
  joinTable,
  rawSocket,
  roomOf,
  type TestPlayer,
  type TestServer,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
  // Trusts a proxy on loopback, so a test can join "from" another address (X-Forwarded-For).
  server = await bootServer({ messagesPerSecond: 200, trustProxy: "loopback" });
});
afterAll(async () => {
  await server.close();
});

/** Sends a message and returns the error it was answered with. */
async function refusal(p: TestPlayer, type: string, body?: unknown) {
  const next = p.nextError(`${type} ${JSON.stringify(body)}`);
  p.room.send(type, body);
  return next;
}

/** A lobby: the host (seated, G1), a seated guest (L1), a person without a seat, a spectator. */
async function lobby() {
  const host = await createTable(server, { name: "Host", mode: "private", role: "government" });
  const code = host.table!.code;
  const guest = await joinTable(server, code, { name: "Guest", role: "lab" });
  const standing = await joinTable(server, code, { name: "Standing" });
  const spectator = await joinTable(server, code, { name: "Eye", spectator: true });
  return { host, guest, standing, spectator, code, all: [host, guest, standing, spectator] };
}

async function leaveAll(players: TestPlayer[]) {
  for (const p of players) await p.leave();
}

describe("defect 1", () => {
  it("defect 1: non-object payloads are refused with bad_message", async () => {
    const { host, guest, code, all } = await lobby();
    for (const body of [null, undefined, "start", 7, ["x"], true]) {
      const e = await refusal(host, "start", body);
      expect(e.code, JSON.stringify(body)).toBe("bad_message");
      expect(e.type).toBe("start");
    }
    expect((await refusal(guest, "leaveSeat", null)).code).toBe("bad_message");
    await guest.settle();
    expect(guest.seat!.seat).toBe("L1");
    expect(host.table!.stage).toBe("lobby");

    // In play: pause, skip and the rest with null or no payload change nothing.
    host.send("start", {});
    await host.until(() => host.table!.phase === "act", "the Act phase");
    host.send("pause", {});
    await host.until(() => host.table!.paused, "the pause");
    await host.settle();
    const before = fingerprint(server, code);
    for (const type of ["resume", "skip", "extend", "pause", "ready", "action", "chat"]) {
      expect((await refusal(host, type, null)).code, `${type} null`).toBe("bad_message");
      expect((await refusal(host, type)).code, `${type} without payload`).toBe("bad_message");
    }
    await host.settle();
    expect(host.table!.paused).toBe(true);
    expect(fingerprint(server, code)).toBe(before);
    await leaveAll(all);
  });
});

describe("defect 2", () => {
  it('defect 2: the type "*" is an unknown type, never run as the type its payload names', async () => {
    const { host, code, all } = await lobby();
    for (const payload of ["start", "pause", "skip", {}, null, undefined]) {
      const e = await refusal(host, "*", payload);
      expect(e.code).toBe("unknown_type");
      expect(e.type).toBe("*");
      expect(e.message).toContain('"*"');
      expect(e.message).not.toContain("[object Object]");
    }
    await host.settle();
    expect(host.table!.stage).toBe("lobby");
    host.send("start", {});
    await host.until(() => host.table!.phase === "act", "the Act phase");
    host.send("extend", { seconds: 600 });
    await host.until(() => roomOf(server, code).game!.actions.length > 0, "the bots' turn");
    await host.settle();
    const before = fingerprint(server, code);
    for (const payload of ["pause", "skip", "resume"])
      expect((await refusal(host, "*", payload)).code).toBe("unknown_type");
    await host.settle();
    expect(host.table!.paused).toBe(false);
    expect(host.table!.phase).toBe("act");
    expect(fingerprint(server, code)).toBe(before);
    await leaveAll(all);
  });
});

describe("defect 3", () => {
  it("defect 3: errors come in the documented order (shape, seat, stage, host, rules)", async () => {
    const { host, guest, standing, spectator, all } = await lobby();
    // Seat before stage: without a seat, in the lobby.
    for (const p of [standing, spectator]) {
      expect((await refusal(p, "leaveSeat", {})).code).toBe("not_seated");
      expect((await refusal(p, "ready", { ready: true })).code).toBe("not_seated");
      expect((await refusal(p, "action", { action: { type: "pledge" } })).code).toBe("not_seated");
    }
    // Seated, in the lobby: now the stage.
    expect((await refusal(guest, "ready", { ready: true })).code).toBe("wrong_stage");
    expect((await refusal(guest, "action", { action: { type: "pledge" } })).code).toBe(
      "wrong_stage",
    );
    // Shape before host; stage before host; host before the rules.
    expect((await refusal(guest, "start", null)).code).toBe("bad_message");
    expect((await refusal(guest, "start", { now: true })).code).toBe("bad_message");
    expect((await refusal(guest, "pause", {})).code).toBe("wrong_stage");
    expect((await refusal(guest, "start", {})).code).toBe("not_host");
    expect((await refusal(guest, "kick", { player: "nobody" })).code).toBe("not_host");
    expect((await refusal(host, "kick", { player: "nobody" })).code).toBe("not_found");
    // The empty type is named as it is, not "undefined".
    const empty = await refusal(host, "", {});
    expect(empty).toMatchObject({ code: "unknown_type", type: "" });
    expect(empty.message).not.toContain("undefined");
    const numeric = await refusal(host, 7 as unknown as string, {});
    expect(numeric).toMatchObject({ code: "unknown_type", type: "7" });
    expect(host.table!.stage).toBe("lobby");
    await leaveAll(all);
  });

  it("defect 3: malformed frames close the sender's connection with 4002, and nothing else", async () => {
    const { host, code, all } = await lobby();
    const frames: [string, Uint8Array | string][] = [
      ["an empty frame", new Uint8Array(0)],
      ["an unknown protocol byte", new Uint8Array([99, 1, 2])],
      ["a state frame", new Uint8Array([14, 1, 2, 3])],
      ["a patch frame", new Uint8Array([15, 0xff])],
      ["an error frame", new Uint8Array([11, 0])],
      ["a second join acknowledgement", new Uint8Array([10])],
      ["a room message with no type", new Uint8Array([13])],
      ["a type cut short", new Uint8Array([13, 0xa8, 0x63])],
      [
        "a payload that is not msgpack",
        new Uint8Array([13, 0xa4, 0x63, 0x68, 0x61, 0x74, 0xc1, 0xc1]),
      ],
      ["a text frame", "hello"],
      ["a text frame that looks like a message", '{"type":"start"}'],
    ];
    for (const [what, frame] of frames) {
      const p = await joinTable(server, code, { name: "Raw", spectator: true });
      rawSocket(p).send(frame);
      await p.until(() => p.closedWith !== null, what);
      expect(p.closedWith, what).toBe(CLOSE_CODES.malformed);
    }
    const echo = host.next("chat");
    host.send("chat", { text: "still here" });
    expect(((await echo).body as { text: string }).text).toBe("still here");
    expect(host.table!.stage).toBe("lobby");
    await leaveAll(all);
  });
});

describe("defect 4", () => {
  it("defect 4: a scenario that made NaN is refused at upload; a model failure in play stops the game as it was", async () => {
    const zeroTax = { ...STANDARD, governments: { ...STANDARD.governments, taxRate: 0 } };
    const res = await fetch(`${server.http}/api/scenarios`, {
      method: "POST",
      body: JSON.stringify(zeroTax),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: string[] }).errors.join()).toContain(
      "governments.taxRate",
    );

    // The guard behind the parser: a figure the model cannot carry, put into a live game, is
    // refused by the round step; the table tells everyone and stops as it was.
    const host = await createLongTable(server, { name: "Host", role: "company" });
    const code = host.table!.code;
    const lab = await joinTable(server, code, { name: "Lab", role: "lab" });
    host.send("start", {});
    await host.until(() => host.table!.phase === "act", "the Act phase");
    host.send("skip", {});
    await host.until(() => host.table!.phase === "legislate", "the Legislate phase");
    await host.settle();
    const game = roomOf(server, code).game!;
    game.state = {
      ...game.state,
      labs: game.state.labs.map((l, i) => (i === 0 ? { ...l, capability: Number.NaN } : l)),
    };
    const before = fingerprint(server, code);
    const told = [host.nextError("the model error"), lab.nextError("the model error")];
    host.send("skip", {});
    for (const e of await Promise.all(told)) {
      expect(e).toMatchObject({ code: "model_error", type: "resolve" });
      expect(e.message).toMatch(/round 1: [\w.]+ is not a finite number/);
    }
    await host.until(() => host.table!.stage === "ended", "the stopped table");
    expect(fingerprint(server, code)).toBe(before);
    expect(game.state.phase).toBe("legislate");
    // Nothing moves any more, and the table says why to whoever comes.
    expect((await refusal(host, "skip", {})).code).toBe("wrong_stage");
    const late = await joinTable(server, code, { name: "Late", spectator: true });
    await late.until(() => late.errors.some((e) => e.code === "model_error"), "the late notice");
    const saved = (await (
      await fetch(`${server.http}/api/games/${host.table!.gameId}`)
    ).json()) as { status: string; round: number };
    expect(saved).toMatchObject({ status: "halted", round: 1 });
    const health = (await (await fetch(`${server.http}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    await leaveAll([host, lab, late]);
    await expect
      .poll(() => [...server.services.rooms].some((r) => r.roomId === code), { timeout: 30_000 })
      .toBe(false);
  });

  it("defect 4: a model failure when the phase clock runs out stops the game the same way", async () => {
    const host = await createTable(server, { name: "Solo", mode: "solo", role: "lab" });
    const code = host.table!.code;
    await host.until(() => host.table!.phase === "act", "the Act phase");
    const game = roomOf(server, code).game!;
    game.state = {
      ...game.state,
      labs: game.state.labs.map((l, i) => (i === 1 ? { ...l, capability: Number.NaN } : l)),
    };
    const error = await host.until(
      () => host.errors.find((e) => e.code === "model_error"),
      "the model error at the end of Legislate",
      30_000,
    );
    expect(error.message).toMatch(/round 1: [\w.]+ is not a finite number/);
    await host.until(() => host.table!.stage === "ended", "the stopped table");
    expect(game.state.phase).toBe("legislate");
    expect(game.state.round).toBe(1);
    await host.leave();
  });
});

describe("defect 7", () => {
  const joinRefused = async (code: string, options: Record<string, unknown>, ip: string) => {
    try {
      await joinFrom(server, code, options, ip);
    } catch (e) {
      return (e as { code: number }).code;
    }
    return "joined";
  };

  it("defect 7: a removed person stays removed, by name and by address, until the host lets them back in", async () => {
    const host = await joinFrom(
      server,
      null,
      { name: "Host", mode: "private", role: "government" },
      "203.0.113.1",
    );
    const code = host.table!.code;
    const bob = await joinFrom(server, code, { name: "Bob", role: "company" }, "203.0.113.2");
    const bobId = bob.seat!.player;
    const token = bob.seat!.token!;
    host.send("kick", { player: bobId });
    await bob.until(() => bob.closedWith !== null, "the kick");
    expect(bob.closedWith).toBe(CLOSE_CODES.kicked);
    await host.until(() => host.table!.removed?.length === 1, "the removed list");
    expect(host.table!.removed).toEqual([{ id: bobId, name: "Bob" }]);

    const notAllowed = JOIN_ERRORS.notAllowed;
    // The same name from anywhere, any name from the same address, the old token: refused.
    expect(await joinRefused(code, { name: "Bob", role: "company" }, "203.0.113.9")).toBe(
      notAllowed,
    );
    expect(await joinRefused(code, { name: " BOB ", spectator: true }, "203.0.113.9")).toBe(
      notAllowed,
    );
    expect(await joinRefused(code, { name: "Robert" }, "203.0.113.2")).toBe(notAllowed);
    expect(await joinRefused(code, { name: "Bobby", seatToken: token }, "203.0.113.9")).toBe(
      notAllowed,
    );
    // Somebody else still joins; only the host sees the list, and only the host may change it.
    const carol = await joinFrom(server, code, { name: "Carol", role: "lab" }, "203.0.113.3");
    await carol.settle();
    expect(carol.table!.removed).toBeUndefined();
    expect((await refusal(carol, "unban", { player: bobId })).code).toBe("not_host");
    expect((await refusal(host, "unban", { player: "nobody" })).code).toBe("not_found");
    expect((await refusal(host, "unban", null)).code).toBe("bad_message");

    host.send("unban", { player: bobId });
    await host.until(() => host.table!.removed?.length === 0, "the list emptied");
    const back = await joinFrom(server, code, { name: "Bob", role: "company" }, "203.0.113.2");
    expect(back.seat!.seat).toBe("C1");
    await leaveAll([host, carol, back]);
  });
});

describe("defect 8", () => {
  it("defect 8: every HTTP response says nosniff and carries a Content-Security-Policy", async () => {
    const responses = [
      await fetch(`${server.http}/healthz`),
      await fetch(`${server.http}/`),
      await fetch(`${server.http}/api/games/nope`),
      await fetch(`${server.http}/api/nothing`),
      await fetch(`${server.http}/api/scenarios`, { method: "POST", body: "{" }),
      await fetch(`${server.http}/api/scenarios/check`, {
        method: "POST",
        body: "x".repeat(70_000),
      }),
      await fetch(`${server.http}/matchmake/joinById/ZZZZZ`, { method: "OPTIONS" }),
      await fetch(`${server.http}/matchmake/joinById/ZZZZZ`, { method: "POST", body: "{}" }),
      await fetch(`${server.http}/matchmake/create/${ROOM_NAME}`, {
        method: "POST",
        body: JSON.stringify({ name: "x".repeat(5000) }),
      }),
    ];
    for (const res of responses) {
      expect(res.headers.get("x-content-type-options"), res.url).toBe("nosniff");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, res.url).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
  });

  it("defect 8: chat markup is passed on as the text it is", async () => {
    const { host, guest, all } = await lobby();
    const text = `<img src=x onerror="alert(1)"> <b>bold</b> &amp; <script>x()</script>`;
    const heard = guest.next("chat");
    host.send("chat", { text });
    expect(((await heard).body as { text: string }).text).toBe(text);
    await leaveAll(all);
  });
});
