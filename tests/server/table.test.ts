/**
 * The table's life over real connections: joining by code, the host's powers over the lobby
 * and the clock (pause, extend, skip), early phase end on ready, chat, mute and kick,
 * reconnection within the window, a bot taking a seat after it and the person taking it back
 * with their seat token, and host migration.
 */
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES, JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import {
  bootServer,
  createLongTable,
  createTable,
  joinTable,
  type TestPlayer,
  type TestServer,
} from "./helpers";

/**
 * Seconds a dropped seat is kept: long enough for a client to come back within it on a busy
 * machine (the dropped-connection test waits this long once, for the bot).
 */
const RECONNECT_SECONDS = 5;

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ reconnectSeconds: RECONNECT_SECONDS });
});
afterAll(async () => {
  await server.close();
});

async function joinError(
  code: string,
  options: Record<string, unknown>,
): Promise<{ code: number; message: string }> {
  try {
    await new Client(server.url).joinById(code, options);
  } catch (e) {
    return e as { code: number; message: string };
  }
  throw new Error("the join was accepted");
}

describe("joining", () => {
  it("joins by code with validated options, and refuses bad names, unknown codes and extra players in a solo game", async () => {
    const host = await createTable(server, { name: "Host", mode: "private" });
    const code = host.table!.code;
    const bad = await joinError(code, { name: "<script>" });
    expect(bad.code).toBe(JOIN_ERRORS.badOptions);
    expect(bad.message).toContain("name");
    expect((await joinError(code, { name: "x".repeat(30) })).code).toBe(JOIN_ERRORS.badOptions);
    expect((await joinError(code, { name: "Ok", seat: "Q9" })).code).toBe(JOIN_ERRORS.badOptions);
    expect((await joinError(code, { name: "Ok", admin: true })).message).toContain("admin");
    await expect(new Client(server.url).joinById("ZZZZZ", { name: "Lost" })).rejects.toThrow();

    const guest = await joinTable(server, code, { name: "Guest", seat: "C2" });
    expect(guest.seat!.seat).toBe("C2");
    await host.until(() => host.table!.players.length === 2, "the guest in the host's table");

    const solo = await createTable(server, { name: "Solo", mode: "solo", role: "lab" });
    expect(solo.table!.stage).toBe("playing");
    expect(solo.seat!.seat).toBe("L1");
    expect(solo.table!.seats.filter((s) => s.bot !== null)).toHaveLength(5);
    expect((await joinError(solo.table!.code, { name: "Crasher" })).code).toBe(
      JOIN_ERRORS.notAllowed,
    );
    const watcher = await joinTable(server, solo.table!.code, { name: "Watcher", spectator: true });
    await watcher.until(() => watcher.view, "the spectator's view");
    expect(watcher.view!.seat).toBeNull();
    for (const p of [host, guest, solo, watcher]) await p.leave();
  });

  it("lets clients create only the offered room with valid options", async () => {
    const client = new Client(server.url);
    await expect(client.joinOrCreate(ROOM_NAME, { name: "A", mode: "private" })).rejects.toThrow(
      /invalid method/,
    );
    await expect(client.create("other_room", { name: "A", mode: "private" })).rejects.toThrow();
    await expect(client.create(ROOM_NAME, { name: "A", mode: "tournament" })).rejects.toMatchObject(
      {
        code: JOIN_ERRORS.badOptions,
      },
    );
    await expect(
      client.create(ROOM_NAME, { name: "A", mode: "private", rounds: 99 }),
    ).rejects.toMatchObject({
      code: JOIN_ERRORS.badOptions,
    });
  });
});

describe("the host's powers", () => {
  it("configures the lobby, places bots, and pauses, extends, resumes and skips the clock", async () => {
    const host = await createTable(server, { name: "Host", mode: "private", patches: true });
    const code = host.table!.code;
    const guest = await joinTable(server, code, { name: "Guest" });
    host.send("configure", {
      scenario: "fast-takeoff",
      rounds: 10,
      speed: "classroom",
      seats: ["government", "lab", "company", "company"],
    });
    await guest.until(() => guest.table!.scenario === "fast-takeoff", "the new scenario");
    expect(guest.table!.rounds).toBe(10);
    expect(guest.table!.speed).toBe("classroom");
    expect(guest.table!.seats.map((s) => s.id)).toEqual(["G1", "L1", "C1", "C2"]);

    host.send("setBot", { seat: "L1", personality: "racer" });
    await guest.until(() => guest.table!.seats[1]!.bot === "racer", "the racer bot");
    const taken = guest.nextError("seat_taken");
    guest.send("takeSeat", { seat: "L1" });
    expect((await taken).code).toBe("seat_taken");
    const wrongBot = host.nextError("bad personality");
    host.send("setBot", { seat: "L1", personality: "greedy" });
    expect((await wrongBot).message).toContain("greedy");
    guest.send("takeSeat", { seat: "C1" });
    await guest.until(() => guest.seat!.seat === "C1", "the guest's seat");

    host.send("start", {});
    await host.until(() => host.table!.stage === "playing", "the start");
    expect(host.table!.seats.find((s) => s.id === "L1")!.bot).toBe("racer");

    host.send("pause", {});
    await guest.until(() => guest.table!.paused, "the pause");
    const frozen = guest.table!.remainingMs;
    const phase = guest.table!.phase;
    host.send("extend", { seconds: 30 });
    await guest.until(
      () => guest.table!.remainingMs === frozen + 30_000,
      "the extension while paused",
    );
    // Still frozen after later changes to the table.
    guest.send("ready", { ready: true });
    await guest.until(() => guest.table!.players.find((p) => p.name === "Guest")!.ready, "ready");
    expect(guest.table!.remainingMs).toBe(frozen + 30_000);
    expect(guest.table!.phase).toBe(phase);

    host.send("resume", {});
    await guest.until(() => !guest.table!.paused, "the resume");
    host.send("skip", {});
    await guest.until(() => guest.table!.phase !== phase, "the skip");
    await host.leave();
    await guest.leave();
  });

  it("ends a phase early when every connected person is ready", async () => {
    // Long phases: the Act phase cannot end by the clock before the host extends it.
    const host = await createLongTable(server, { name: "Host", role: "government" });
    const code = host.table!.code;
    const guest = await joinTable(server, code, { name: "Guest", role: "lab" });
    const watcher = await joinTable(server, code, { name: "Watcher", spectator: true });
    host.send("start", {});
    await host.until(() => host.table!.phase === "act", "the Act phase");
    host.send("extend", { seconds: 600 });
    await guest.until(() => guest.table!.remainingMs > 500_000, "the long phase");
    host.send("ready", { ready: true });
    await host.until(() => host.table!.players.find((p) => p.name === "Host")!.ready, "host ready");
    expect(host.table!.phase).toBe("act");
    guest.send("ready", { ready: true });
    await guest.until(() => guest.table!.phase === "legislate", "the early end");
    expect(guest.table!.players.every((p) => !p.ready)).toBe(true);
    for (const p of [host, guest, watcher]) await p.leave();
  });
});

describe("ready while paused", () => {
  it("ends the phase at resume when everyone pressed Ready while the clock was paused", async () => {
    const host = await createLongTable(server, { name: "Host", role: "government" });
    host.send("start", {});
    await host.until(() => host.table!.phase === "act", "the Act phase");
    host.send("pause", {});
    await host.until(() => host.table!.paused, "the pause");
    host.send("ready", { ready: true });
    await host.until(() => host.table!.players.find((p) => p.name === "Host")!.ready, "ready");
    await host.settle();
    expect(host.table!.phase).toBe("act");
    host.send("resume", {});
    await host.until(() => host.table!.phase === "legislate", "the phase end at resume");
    expect(host.table!.paused).toBe(false);
    await host.leave();
  });
});

describe("chat, mute and kick", () => {
  it("delivers public and private chat, and lets the host mute and remove a person", async () => {
    const host = await createTable(server, { name: "Host", mode: "private", role: "government" });
    const code = host.table!.code;
    const lab = await joinTable(server, code, { name: "Lab", role: "lab" });
    const firm = await joinTable(server, code, { name: "Firm", role: "company" });

    const heard = firm.next("chat");
    host.send("chat", { text: "hello all" });
    expect(((await heard).body as { text: string; fromSeat: string }).fromSeat).toBe("G1");

    const whisper = lab.next("chat");
    const echo = host.next("chat");
    host.send("chat", { text: "psst", to: "L1" });
    expect(((await whisper).body as { text: string; to: string }).to).toBe("L1");
    expect(((await echo).body as { text: string }).text).toBe("psst");
    // The company heard the public line, and later lines, but never the private one.
    const after = firm.next("chat");
    host.send("chat", { text: "public again" });
    await after;
    expect(firm.chats.map((c) => c.text)).toEqual(["hello all", "public again"]);

    const firmId = firm.seat!.player;
    host.send("mute", { player: firmId, muted: true });
    await firm.until(() => firm.table!.players.find((p) => p.id === firmId)!.muted, "muted");
    const muted = firm.nextError("muted");
    firm.send("chat", { text: "let me speak" });
    expect((await muted).code).toBe("muted");

    const token = firm.seat!.token!;
    host.send("kick", { player: firmId });
    await firm.until(() => firm.closedWith !== null, "the kick");
    expect(firm.closedWith).toBe(CLOSE_CODES.kicked);
    await host.until(() => !host.table!.players.some((p) => p.id === firmId), "the removal");
    expect((await joinError(code, { name: "Firm", seatToken: token })).code).toBe(
      JOIN_ERRORS.notAllowed,
    );
    await host.leave();
    await lab.leave();
  });
});

describe("dropped connections", () => {
  it("keeps a dropped seat for the window, gives it back with the same view, then lets a bot play it until the person returns with the seat token", async () => {
    const host = await createTable(server, { name: "Host", mode: "private", role: "government" });
    const code = host.table!.code;
    const firm = await joinTable(server, code, { name: "Firm", role: "company" });
    host.send("start", {});
    await firm.until(() => firm.table!.phase === "act" && firm.view, "the Act phase");
    host.send("pause", {});
    await firm.until(() => firm.table!.paused, "the pause");
    // The view sent with the pause (the bots may just have moved) has arrived too.
    await firm.settle();
    const viewBefore = JSON.stringify(firm.view);
    const token = firm.seat!.token!;

    // Drop (no consent) and reconnect within the window.
    const reconnectionToken = firm.room.reconnectionToken;
    await firm.leave(false);
    await host.until(
      () => !host.table!.players.find((p) => p.name === "Firm")!.connected,
      "the drop",
    );
    expect(host.table!.seats.find((s) => s.id === "C1")!.bot).toBeNull();
    const room = await firm.client.reconnect(reconnectionToken);
    firm.view = null;
    firm.listen(room);
    await firm.until(() => firm.view, "the view after reconnecting");
    expect(JSON.stringify(firm.view)).toBe(viewBefore);
    expect(firm.seat?.seat).toBe("C1");
    await host.until(() => host.table!.players.find((p) => p.name === "Firm")!.connected, "back");

    // Drop again and stay away past the window: a bot plays the seat.
    await firm.leave(false);
    await host.until(
      () => host.table!.seats.find((s) => s.id === "C1")!.bot !== null,
      "the bot",
      RECONNECT_SECONDS * 1000 + 30_000,
    );
    expect(host.table!.seats.find((s) => s.id === "C1")!.player).not.toBeNull();

    // Back with the seat token: the person takes the seat from the bot.
    const back = await joinTable(server, code, { name: "Firm", seatToken: token });
    expect(back.seat!.seat).toBe("C1");
    expect(back.seat!.token).toBe(token);
    await host.until(
      () => host.table!.seats.find((s) => s.id === "C1")!.bot === null,
      "the person back",
    );
    await back.until(() => back.view?.seat, "the seat view");
    expect((back.view!.seat as { seat: string }).seat).toBe("C1");
    await host.leave();
    await back.leave();
  });

  it("hands the host role to another person when the host leaves or drops", async () => {
    const host = await createTable(server, { name: "First", mode: "private" });
    const code = host.table!.code;
    const second = await joinTable(server, code, { name: "Second" });
    const third = await joinTable(server, code, { name: "Third" });
    const hostOf = (p: TestPlayer) => p.table!.players.find((x) => x.host)?.name;
    expect(hostOf(third)).toBe("First");

    await host.leave(false);
    await third.until(() => hostOf(third) === "Second", "Second as host");
    const notHost = third.nextError("not_host");
    third.send("start", {});
    expect((await notHost).code).toBe("not_host");

    await second.leave(true);
    await third.until(() => hostOf(third) === "Third", "Third as host");
    third.send("configure", { rounds: 9 });
    await third.until(() => third.table!.rounds === 9, "the new host's settings");
    await third.leave();
  });
});

describe("creation limits", () => {
  it("disposes an empty lobby when its last person leaves", async () => {
    const host = await createTable(server, { name: "Alone", mode: "private" });
    const code = host.table!.code;
    expect([...server.services.rooms].some((r) => r.roomId === code)).toBe(true);
    await host.leave();
    await expect
      .poll(() => [...server.services.rooms].some((r) => r.roomId === code), { timeout: 30_000 })
      .toBe(false);
  });
});
