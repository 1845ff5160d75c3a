/**
 * Problem 5 of issue 10: a double click on Ready skipped the next phase (the second click
 * landed on the next phase's Ready). A `ready` names the round and phase it was pressed in, and
 * the server refuses one for a phase that is over (`phase_over`), changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, createTable, joinTable, type TestPlayer, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  // Phases ten times their real length: only Ready ends a phase.
  server = await bootServer({ timeScale: 10 });
});
afterAll(async () => {
  await server.close();
});

async function soloInNews(name: string): Promise<TestPlayer> {
  const p = await createTable(server, { name, mode: "solo", role: "government" });
  await p.until(() => p.table?.stage === "playing" && p.table.phase === "news", "News");
  return p;
}

describe("problem 5: a double click on Ready does not skip the next phase", () => {
  it("refuses the second of two Readies sent for News at once: Act stays open", async () => {
    const p = await soloInNews("Double");
    const round = p.table!.round;
    const refused = p.nextError("the second Ready's refusal");
    p.send("ready", { ready: true, round, phase: "news" });
    p.send("ready", { ready: true, round, phase: "news" });
    const error = await refused;
    expect(error.code).toBe("phase_over");
    expect(error.type).toBe("ready");
    expect(error.message).toMatch(/over/);
    await p.until(() => p.table!.phase === "act", "Act");
    await p.settle();
    expect(p.table!.phase).toBe("act");
    expect(p.table!.round).toBe(round);
    await p.leave();
  });

  it("refuses a Ready for News that arrives once Act is open, and a Ready for Act then ends Act", async () => {
    const p = await soloInNews("Late");
    const round = p.table!.round;
    p.send("ready", { ready: true, round, phase: "news" });
    await p.until(() => p.table!.phase === "act", "Act");
    const refused = p.nextError("the late Ready's refusal");
    p.send("ready", { ready: true, round, phase: "news" });
    expect((await refused).code).toBe("phase_over");
    await p.settle();
    expect(p.table!.phase).toBe("act");
    expect(p.table!.players[0]!.ready).toBe(false);
    p.send("ready", { ready: true, round, phase: "act" });
    await p.until(() => p.table!.phase === "legislate", "Legislate");
    await p.leave();
  });

  it("takes a Ready without a phase as before, and refuses a phase without a round", async () => {
    const p = await soloInNews("Plain");
    const refused = p.nextError("the half-bound Ready's refusal");
    p.send("ready", { ready: true, phase: "news" });
    const error = await refused;
    expect(error.code).toBe("bad_message");
    expect(error.message).toMatch(/round and phase/);
    await p.settle();
    expect(p.table!.phase).toBe("news");
    p.send("ready", { ready: true });
    await p.until(() => p.table!.phase === "act", "Act");
    await p.leave();
  });

  it("at a table of two, a Ready for a phase that is over does not mark the person ready", async () => {
    const host = await createTable(server, { name: "Host", mode: "private", role: "government" });
    const guest = await joinTable(server, host.table!.code, { name: "Guest", role: "lab" });
    host.send("start", {});
    await host.until(() => host.table!.phase === "news", "News");
    const round = host.table!.round;
    guest.send("ready", { ready: true, round, phase: "news" });
    host.send("ready", { ready: true, round, phase: "news" });
    await host.until(() => host.table!.phase === "act", "Act");
    const refused = guest.nextError("the stale Ready's refusal");
    guest.send("ready", { ready: true, round, phase: "news" });
    expect((await refused).code).toBe("phase_over");
    await guest.settle();
    await host.settle();
    const guestInfo = host.table!.players.find((q) => q.name === "Guest")!;
    expect(host.table!.phase).toBe("act");
    expect(guestInfo.ready).toBe(false);
    await guest.leave();
    await host.leave();
  });
});
