/**
 * The server and the harness run one game the same way: a private table whose six seats are
 * all bots (the host sits in none, and skips every phase), started with seed S, ends with the
 * same final hash and the same action log as the harness's `playBotGame` with seed S and the
 * personalities the table used (read from the saved record's log). Pins that the room's bots
 * go through the shared table runner and `playBots`, and that the seed is injectable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashState } from "../../shared/hash";
import { type GameLog, playBotGame } from "../../shared/log";
import { presetById } from "../../shared/presets";
import { bootServer, createTable, type TestServer } from "./helpers";

const SEEDS = [7, 20261127, 3_141_592_653];
/** Bots the host puts in some seats, per game, so that not every seat plays its default. */
const HOST_BOTS: Record<string, string>[] = [
  {},
  { G1: "technocrat", L2: "racer", C1: "greedy" },
  { G2: "populist", L1: "open-weights", C2: "consolidator" },
];
const ROUNDS = 8;

const seeds = [...SEEDS];
let server: TestServer;
beforeAll(async () => {
  server = await bootServer(
    { messagesPerSecond: 200 },
    {
      newSeed: () => {
        const seed = seeds.shift();
        if (seed === undefined) throw new Error("more games than seeds");
        return seed;
      },
    },
  );
});
afterAll(async () => {
  await server.close();
});

interface EndedRecord {
  status: string;
  log: GameLog;
  finalHash: string;
  people: Record<string, string | null>;
}

describe("a table of six bots on the server and in the harness", () => {
  it.each(SEEDS.map((seed, i) => [seed, i] as const))(
    "seed %i: the server's game ends with the harness's final hash and action log",
    async (seed, i) => {
      const host = await createTable(server, {
        name: "Host",
        mode: "private",
        rounds: ROUNDS,
        speed: "quick",
      });
      expect(host.seat!.seat).toBeNull();
      const bots = HOST_BOTS[i]!;
      for (const [seat, personality] of Object.entries(bots)) {
        host.send("setBot", { seat, personality });
        await host.until(
          () => host.table!.seats.find((s) => s.id === seat)!.bot === personality,
          `the ${personality} bot in ${seat}`,
        );
      }
      // The host skips every phase as soon as it sees it (the bots act before a phase ends).
      let skipped = "";
      host.room.onMessage("*", () => {
        const t = host.table;
        if (t?.stage !== "playing") return;
        const at = `${t.round}/${t.phase}`;
        if (at === skipped) return;
        skipped = at;
        host.send("skip", {});
      });
      host.send("start", {});
      await host.until(() => host.debrief, "the debrief", 60_000);

      const gameId = host.debrief!.gameId;
      const response = await fetch(`${server.http}/api/games/${gameId}`);
      const record = (await response.json()) as EndedRecord;
      expect(record.status).toBe("ended");
      expect(Object.values(record.people).every((p) => p === null)).toBe(true);
      expect(record.log.seed).toBe(seed);
      for (const [seat, personality] of Object.entries(bots))
        expect(record.log.personalities[seat]).toBe(personality);
      const preset = presetById("standard")!;
      expect(record.log.scenario).toEqual({ ...preset, rounds: ROUNDS });

      const harness = playBotGame({
        scenario: { ...preset, rounds: ROUNDS },
        seed,
        seats: record.log.seats,
        personalities: record.log.personalities,
      });
      expect(record.log.actions).toEqual(harness.log.actions);
      expect(record.finalHash).toBe(hashState(harness.state));
      console.log(`seed ${seed}: finalHash ${record.finalHash}`);
      await host.leave();
    },
  );
});
