/**
 * Issue 10, problem 2: chat history was lost on reload. The server keeps a table's last
 * `CHAT_HISTORY` lines (bounded in memory) and sends each person who joins, comes back with
 * their seat token (a reload) or reconnects within the window the lines they may read
 * (`chatHistory`): public ones, their own, and private ones to their seat, never another
 * seat's private lines. Each line names its sender's player id, so a client can say who is muted.
 * A table in play writes its lines into its record for a restart (`restore.ts`) with the flush
 * after a line, so a restart keeps them (`restore.test.ts` restarts a real server).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatLog } from "../../server/chat";
import type { TableLive } from "../../server/restore";
import type { Person } from "../../server/table";
import { CHAT_HISTORY, type ChatMessage, type ServerMessages } from "../../shared/protocol";
import {
  bootServer,
  createLongTable,
  createTable,
  joinTable,
  type TestPlayer,
  type TestServer,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ reconnectSeconds: 30 });
});
afterAll(async () => {
  await server.close();
});

/** The last chat history a client was sent (it replaces what the client holds). */
const historyOf = (p: TestPlayer): ChatMessage[] | undefined =>
  [...p.messages].reverse().find((m) => m.type === "chatHistory")?.body as
    | ServerMessages["chatHistory"]
    | undefined;

const texts = (lines: readonly ChatMessage[] | undefined) => (lines ?? []).map((c) => c.text);

describe("problem 2: the server keeps the table's chat", () => {
  it("sends a newcomer, a reload (seat token) and a reconnection the lines they may read", async () => {
    const host = await createTable(server, { name: "Host", mode: "private", role: "government" });
    const code = host.table!.code;
    expect(historyOf(host)).toEqual([]);
    const lab = await joinTable(server, code, { name: "Lab", role: "lab" });
    const heard = lab.next("chat");
    host.send("chat", { text: "hello all" });
    await heard;
    const whisper = lab.next("chat");
    host.send("chat", { text: "psst, lab only", to: "L1" });
    await whisper;
    const mine = host.next("chat");
    lab.send("chat", { text: "a ".repeat(130).trim() });
    await mine;

    // Someone new: the public lines, not the private one to the lab.
    const firm = await joinTable(server, code, { name: "Firm", role: "company" });
    expect(texts(historyOf(firm))).toEqual(["hello all", "a ".repeat(130).trim()]);
    const first = historyOf(firm)![0]!;
    expect(first.fromPlayer).toBe(host.seat!.player);
    expect(first.from).toBe("Host");
    expect(first.fromSeat).toBe("G1");

    // The lab reloads its page (the socket drops without consent, a new connection comes with
    // the seat token): it gets everything it read.
    const token = lab.seat!.token!;
    await lab.leave(false);
    const back = await joinTable(server, code, { name: "Lab", seatToken: token });
    expect(back.seat!.seat).toBe("L1");
    expect(texts(historyOf(back))).toEqual([
      "hello all",
      "psst, lab only",
      "a ".repeat(130).trim(),
    ]);

    // The firm drops and reconnects within the window: the history comes again.
    const reconnectionToken = firm.room.reconnectionToken;
    await firm.leave(false);
    await host.until(
      () => !host.table!.players.find((p) => p.name === "Firm")!.connected,
      "the drop",
    );
    const again = host.next("chat");
    host.send("chat", { text: "said while the firm was away" });
    await again;
    const room = await firm.client.reconnect(reconnectionToken);
    const seen = firm.messages.length;
    firm.listen(room);
    await firm.until(
      () => firm.messages.slice(seen).some((m) => m.type === "chatHistory"),
      "the history after reconnecting",
    );
    expect(texts(historyOf(firm))).toEqual([
      "hello all",
      "a ".repeat(130).trim(),
      "said while the firm was away",
    ]);

    // A spectator reads the public lines too.
    const wall = await joinTable(server, code, { name: "Wall", spectator: true });
    expect(texts(historyOf(wall))).toHaveLength(3);

    for (const p of [host, back, firm, wall]) await p.leave();
  });

  it("writes a line into the record of a table in play at the next flush, nothing else changed", async () => {
    const host = await createLongTable(server, { name: "Host", role: "government" });
    const code = host.table!.code;
    // The writes of its record (`updateTableLive`, queued by a flush within 50 ms of a change).
    const store = server.store;
    const update = store.updateTableLive;
    let next: ((live: TableLive) => void) | null = null;
    store.updateTableLive = (c, live, now) => {
      if (c === code) next?.(JSON.parse(live) as TableLive);
      return update.call(store, c, live, now);
    };
    const written = (cond: (live: TableLive) => boolean) =>
      new Promise<void>((resolve) => {
        next = (live) => {
          if (cond(live)) resolve();
        };
      });
    try {
      // Act lasts 30 minutes (long enough at the test scale): once its bots have had their turn,
      // nothing but the line changes the record.
      const botsDone = written((live) => live.phase === "act" && live.botsRan);
      host.send("start", {});
      await botsDone;
      // Written within the phase (the next phase change would write it anyway, 18 s later).
      const said = written(
        (live) =>
          live.phase === "act" && (live.chat ?? []).some((c) => c.text === "for the record"),
      );
      host.send("chat", { text: "for the record" });
      await said;
    } finally {
      store.updateTableLive = update;
    }
    const row = (await store.tablesInPlay()).find((t) => t.code === code)!;
    const lines = (JSON.parse(row.live) as TableLive).chat ?? [];
    expect(lines.map((c) => c.text)).toEqual(["for the record"]);
    expect(lines[0]!.fromPlayer).toBe(host.seat!.player);
    expect(host.table!.phase).toBe("act");
    await host.leave();
  });

  it("keeps at most CHAT_HISTORY lines, the newest", () => {
    const log = new ChatLog();
    const person = { id: "p1", seat: null } as Pick<Person, "id" | "seat"> as Person;
    for (let i = 0; i < CHAT_HISTORY + 25; i++)
      log.add({ from: "A", fromPlayer: "p0", fromSeat: null, text: `line ${i}`, to: null, at: i });
    expect(log.size).toBe(CHAT_HISTORY);
    const lines = log.for(person);
    expect(lines).toHaveLength(CHAT_HISTORY);
    expect(lines[0]!.text).toBe("line 25");
    expect(lines.at(-1)!.text).toBe(`line ${CHAT_HISTORY + 24}`);
  });

  it("gives private lines only to their sender and the seat they were sent to", () => {
    const log = new ChatLog();
    log.add({ from: "A", fromPlayer: "a", fromSeat: "G1", text: "to L1", to: "L1", at: 1 });
    log.add({ from: "A", fromPlayer: "a", fromSeat: "G1", text: "to all", to: null, at: 2 });
    const who = (id: string, seat: string | null) => ({ id, seat }) as Person;
    expect(texts(log.for(who("a", "G1")))).toEqual(["to L1", "to all"]);
    expect(texts(log.for(who("b", "L1")))).toEqual(["to L1", "to all"]);
    expect(texts(log.for(who("c", "C1")))).toEqual(["to all"]);
    expect(texts(log.for(who("d", null)))).toEqual(["to all"]);
  });
});
