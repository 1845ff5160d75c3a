/**
 * A private game of three people, three bots and a spectator, played from creation to the
 * ending over real WebSocket connections; then the saved record, the CSV and a replay of the
 * stored log. The phases are long and the people end each one with Ready, so the game moves as
 * fast as its messages and no move can miss its phase on a busy machine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashState } from "../../shared/hash";
import { type GameLog, replay } from "../../shared/log";
import type { SeatView } from "../../shared/views";
import { packString, unpackValue } from "../../shared/wire";
import {
  bootServer,
  createTable,
  joinTable,
  keysOf,
  msgpackKey,
  rawText,
  type TestPlayer,
  type TestServer,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
  // Phases ten times their real length (the shortest lasts 50 s): only Ready ends a phase.
  server = await bootServer({ timeScale: 10 });
});
afterAll(async () => {
  await server.close();
});

/** Keys that carry hidden information: true welfare and risks, labs' alignment, orders. */
const HIDDEN_KEYS = ["welfare", "risks", "alignment", "alignmentMargin", "orders", "rng", "dims"];

const SLIDERS: Record<string, Record<string, number>> = {
  government: {
    enforcement: 0.3,
    measurement: 0.3,
    welfare: 0.2,
    safetyResearch: 0.1,
    defence: 0.1,
  },
  lab: { capability: 0.4, safety: 0.4, product: 0.2 },
  company: {
    automation: 0.2,
    externalisation: 0.1,
    engagement: 0.2,
    consolidation: 0.1,
    delegation: 0.1,
    rnd: 0.3,
  },
};

/**
 * Plays a person: once in every phase it sees, sets a strategy if the phase is Act, then says
 * it is ready (the phase ends when all three people are). A phase cannot end before this
 * person's Ready, so the strategy and the Ready both land in the phase they were meant for.
 * From round `holdAt` it waits for `release()` (the game waits with it).
 */
function autoplay(p: TestPlayer, holdAt = Number.POSITIVE_INFINITY): { release(): void } {
  let done = "";
  let held = true;
  const play = () => {
    const view = p.seatView as SeatView | null;
    const table = p.table;
    if (!view || !table || table.stage !== "playing") return;
    const phase = `${table.round}/${table.phase}`;
    if (phase === done || (held && table.round >= holdAt)) return;
    done = phase;
    if (table.phase === "act")
      p.send("action", { action: { type: "setStrategy", sliders: SLIDERS[view.self.role] } });
    p.send("ready", { ready: true });
  };
  p.room.onMessage("*", play);
  return {
    release() {
      held = false;
      play();
    },
  };
}

describe("a private game from creation to the ending", () => {
  it("plays three people, three bots and a spectator to the end, saves it, and replays to the stored hash", async () => {
    const host = await createTable(server, {
      name: "Ada",
      mode: "private",
      role: "government",
      rounds: 8,
      speed: "quick",
      patches: true,
    });
    const code = host.table!.code;
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{5}$/);
    expect(host.table!.link).toBe(`/?join=${code}`);
    expect(host.seat!.seat).toBe("G1");
    expect(host.table!.players.find((p) => p.id === host.seat!.player)!.host).toBe(true);

    const company = await joinTable(server, code, { name: "Bea", role: "company" });
    const lab = await joinTable(server, code, { name: "Cy", seat: "L1", patches: true });
    const wall = await joinTable(server, code, { name: "Wall", spectator: true, patches: true });
    expect(company.seat!.seat).toBe("C1");
    expect(lab.seat!.seat).toBe("L1");
    expect(wall.seat!.seat).toBeNull();
    expect(wall.seat!.token).toBeNull();

    host.send("setBot", { seat: "C2", personality: "greedy" });
    await host.until(() => host.table!.seats.find((s) => s.id === "C2")!.bot === "greedy", "bot");

    // The host stops in round 3 while the test looks at the saved game in play.
    const hostPlay = autoplay(host, 3);
    for (const p of [company, lab]) autoplay(p);
    host.send("start", {});
    await wall.until(() => wall.table!.stage === "playing" && wall.view, "the start");
    const seats = host.table!.seats;
    expect(seats.filter((s) => s.player !== null)).toHaveLength(3);
    expect(seats.filter((s) => s.bot !== null).map((s) => s.id)).toEqual(["G2", "L2", "C2"]);

    // Mid-game, the saved record and CSV show public figures only.
    await host.until(() => host.table!.round >= 3, "round 3", 30_000);
    const gameId = host.table!.gameId!;
    const mid = (await (await fetch(`${server.http}/api/games/${gameId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(mid.status).toBe("playing");
    expect(mid.log).toBeUndefined();
    const midCsv = await (await fetch(`${server.http}/api/games/${gameId}/rounds.csv`)).text();
    const midRows = midCsv.trim().split("\n");
    expect(midRows.length).toBeGreaterThanOrEqual(3);
    const header = midRows[0]!.split(",");
    const welfareCol = header.indexOf("welfare");
    expect(midRows[1]!.split(",")[welfareCol]).toBe("");
    expect(Number(midRows[1]!.split(",")[header.indexOf("proxy")])).toBeGreaterThan(0);
    hostPlay.release();

    await host.until(() => host.debrief, "the debrief", 60_000);
    await Promise.all([company, lab, wall].map((p) => p.until(() => p.debrief, "debrief")));
    expect(host.table!.stage).toBe("ended");
    expect(host.debrief!.gameId).toBe(gameId);

    // Hidden information: what the company's client actually received before the debrief.
    const debriefAt = company.messages.findIndex((m) => m.type === "debrief");
    const beforeDebrief = company.messages.slice(0, debriefAt);
    const keys = keysOf(beforeDebrief.map((m) => m.body));
    for (const hidden of HIDDEN_KEYS) expect(keys.has(hidden), hidden).toBe(false);
    expect(keys.has("cash")).toBe(true);
    expect(keys.has("publishedWelfare")).toBe(true);
    const debriefFrame = company.raw.findIndex((f) => rawText([f]).includes("debrief"));
    const rawBefore = rawText(company.raw.slice(0, debriefFrame));
    for (const hidden of HIDDEN_KEYS)
      expect(rawBefore.includes(msgpackKey(hidden)), hidden).toBe(false);
    expect(rawBefore.includes(msgpackKey("cash"))).toBe(true);
    // The same scan finds a lab's own alignment in the lab's frames (by its short name: the lab
    // has patches, shared/wire.ts): the scan can fail.
    expect(rawText(lab.raw).includes(msgpackKey(packString("alignment")))).toBe(true);
    // The spectator only ever got the public view.
    expect(
      wall.messages
        .filter((m) => m.type === "view")
        .every((m) => (unpackValue(m.body) as { seat: unknown }).seat === null),
    ).toBe(true);
    expect(wall.view!.seat).toBeNull();

    // People's actions are in the log with their phase, and the log replays to the stored hash.
    const record = (await (await fetch(`${server.http}/api/games/${gameId}`)).json()) as {
      status: string;
      log: GameLog;
      finalHash: string;
      ending: string;
      scores: Record<string, number>;
      people: Record<string, string | null>;
    };
    expect(record.status).toBe("ended");
    expect(record.ending).toBe(host.debrief!.debrief.ending);
    expect(Object.keys(record.scores)).toHaveLength(6);
    expect(record.people).toMatchObject({ G1: "Ada", C1: "Bea", L1: "Cy", G2: null });
    const humanActions = record.log.actions.filter((a) => ["G1", "C1", "L1"].includes(a.seat));
    expect(
      humanActions.some(
        (a) => a.seat === "C1" && a.action.type === "setStrategy" && a.phase === "act",
      ),
    ).toBe(true);
    expect(hashState(replay(record.log))).toBe(record.finalHash);

    const csv = await (await fetch(`${server.http}/api/games/${gameId}/rounds.csv`)).text();
    const rows = csv.trim().split("\n");
    expect(rows.length - 1).toBe(replay(record.log).history.length);
    expect(Number(rows[1]!.split(",")[welfareCol])).toBeGreaterThan(0);

    for (const p of [host, company, lab, wall]) await p.leave();
  });
});
