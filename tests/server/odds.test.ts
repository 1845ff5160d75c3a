/**
 * The odds pool (`server/odds.ts`): worker threads that answer what `oddsFrom` answers in
 * process, one queue for every request, a worker that dies or a state that is refused
 * failing only its own request, and `close()` ending the threads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../server/config";
import { LEAST_RUNS, OddsPool } from "../../server/odds";
import { createGame } from "../../shared/create";
import { advance } from "../../shared/game";
import { oddsFrom, tableLuck } from "../../shared/odds";
import { STANDARD } from "../../shared/presets";
import type { GameState } from "../../shared/state";
import { ENDINGS } from "../../shared/vocabulary";
import type { OddsPoint, WorkshopDebrief } from "../../shared/workshop";
import { bootServer, createWorkshop, joinWorkshop, workshopApi } from "./helpers";

const RUNS = 20;
const settings = { threads: 1, runs: RUNS, nice: 19, warmupRuns: 0, testHooks: true };

/** A standard game at round `round`'s News. */
function atRound(seed: number, round: number): GameState {
  let s = createGame(STANDARD, seed);
  while (s.round < round && s.phase !== "ended") s = advance(s);
  return s;
}

let pool: OddsPool;
beforeAll(async () => {
  pool = new OddsPool(settings);
  await pool.ready();
});
afterAll(async () => {
  await pool.close();
});

describe("OddsPool", () => {
  it("answers the shares oddsFrom gives in process, summing to 1, with the CPU time taken", async () => {
    const state = atRound(5, 2);
    const point = await pool.compute(state);
    expect(point.round).toBe(2);
    expect(point.runs).toBe(RUNS);
    expect(point.shares).toEqual(oddsFrom(state, RUNS, tableLuck(state)));
    expect(ENDINGS.reduce((n, e) => n + point.shares[e], 0)).toBeCloseTo(1, 12);
    expect(point.ms).toBeGreaterThan(0);
  });

  it("plays fewer runs once the request's deadline has passed, never fewer than the least", async () => {
    const state = atRound(8, 2);
    const late = await pool.compute(state, 4 * LEAST_RUNS, Date.now() - 1);
    expect(late.runs).toBe(LEAST_RUNS);
    expect(late.shares).toEqual(oddsFrom(state, LEAST_RUNS, tableLuck(state)));
    // A deadline well ahead plays every run asked.
    const inTime = await pool.compute(state, LEAST_RUNS + 5, Date.now() + 600_000);
    expect(inTime.runs).toBe(LEAST_RUNS + 5);
    // Fewer runs asked than the least: as many as asked, whatever the deadline.
    expect((await pool.compute(state, 5, Date.now() - 1)).runs).toBe(5);
    await expect(pool.compute(state, 5, Number.NaN)).rejects.toThrow(RangeError);
  });

  it("queues requests made together and answers every one, each its own", async () => {
    const states = [1, 2, 3, 4].map((seed) => atRound(seed, 1));
    const answers = states.map((s, i) => pool.compute(s, 5 + i));
    expect(pool.pending).toBe(4);
    const points = await Promise.all(answers);
    points.forEach((point, i) => {
      expect(point.runs).toBe(5 + i);
      expect(point.shares).toEqual(oddsFrom(states[i]!, 5 + i, tableLuck(states[i]!)));
    });
    expect(pool.pending).toBe(0);
  });

  it("rejects a state the rules cannot play, and the next request is answered", async () => {
    const broken = { ...atRound(2, 1), seats: null } as unknown as GameState;
    const notData = { ...atRound(2, 1), seats: () => [] } as unknown as GameState;
    const good = atRound(3, 1);
    const after = pool.compute(good, 5);
    await expect(pool.compute(broken, 5)).rejects.toThrow();
    await expect(pool.compute(notData, 5)).rejects.toThrow(/cannot be sent/);
    await expect(pool.compute(good, 0)).rejects.toThrow(RangeError);
    expect((await after).shares).toEqual(oddsFrom(good, 5, tableLuck(good)));
    expect(pool.threads).toBe(1);
  });

  it("a worker that dies fails only the request it was running; a new worker answers the rest", async () => {
    const state = atRound(4, 1);
    const crash = pool.crashWorker();
    const next = pool.compute(state, 5);
    await expect(crash).rejects.toThrow(/odds worker stopped/);
    expect((await next).shares).toEqual(oddsFrom(state, 5, tableLuck(state)));
    expect(pool.threads).toBe(1);
  });

  it("close() ends the threads and refuses what was waiting and what comes after", async () => {
    const own = new OddsPool({ ...settings, threads: 2 });
    expect(own.threads).toBe(2);
    const waiting = Promise.allSettled([1, 2, 3].map((s) => own.compute(atRound(s, 1), 50)));
    await own.close();
    for (const w of await waiting) {
      expect(w.status).toBe("rejected");
      expect(String((w as PromiseRejectedResult).reason)).toMatch(/closed/);
    }
    expect(own.threads).toBe(0);
    await expect(own.compute(atRound(1, 1))).rejects.toThrow(/closed/);
  });
});

describe("the server's odds pool", () => {
  it("reads ODDS_* from the environment, with defaults, and refuses what is out of range", () => {
    const d = configFromEnv({});
    expect([d.oddsRuns, d.oddsThreads, d.oddsNice, d.oddsWarmupRuns]).toEqual([300, 1, 19, 300]);
    const set = configFromEnv({ ODDS_RUNS: "0", ODDS_THREADS: "2", ODDS_NICE: "10" });
    expect([set.oddsRuns, set.oddsThreads, set.oddsNice]).toEqual([0, 2, 10]);
    for (const [name, value] of [
      ["ODDS_RUNS", "-1"],
      ["ODDS_RUNS", "2.5"],
      ["ODDS_THREADS", "0"],
      ["ODDS_NICE", "20"],
      ["ODDS_WARMUP_RUNS", "lots"],
    ] as const)
      expect(() => configFromEnv({ [name]: value }), name).toThrow(name);
  });

  it("starts with ODDS_RUNS above 0, gives a workshop table its round's odds, and ends with the server", async () => {
    const server = await bootServer({ oddsRuns: 5, oddsThreads: 1, oddsWarmupRuns: 0 });
    const odds = server.odds!;
    expect(odds.runs).toBe(5);
    const state = atRound(6, 1);
    expect((await odds.compute(state)).shares).toEqual(oddsFrom(state, 5, tableLuck(state)));

    // The workshops ask this pool: the first answer it gives a table is kept with the table.
    const compute = odds.compute.bind(odds);
    let answered!: (p: Promise<OddsPoint>) => void;
    const first = new Promise<Promise<OddsPoint>>((resolve) => {
      answered = resolve;
    });
    odds.compute = (s, runs) => {
      const p = compute(s, runs);
      answered(p);
      return p;
    };
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
    const seat = await joinWorkshop(server, code, { nickname: "Ada" });
    const started = await workshopApi(
      server,
      "POST",
      `/${code}/control`,
      { command: "start" },
      secret,
    );
    expect(started.body.ok).toBe(true);
    const point = await await first;
    expect(point.runs).toBe(5);
    await new Promise((resolve) => setImmediate(resolve)); // the service takes the answer
    // The debrief's odds line keeps every round's point (the cockpit shows the latest).
    const debrief = await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret);
    const table = (debrief.body as unknown as WorkshopDebrief).tables.find(
      (t) => t.code === seat.table,
    );
    expect(table?.odds.find((p) => p.round === point.round)).toEqual(point);
    await server.close();
    expect(odds.threads).toBe(0);
    await expect(odds.compute(state)).rejects.toThrow(/closed/);
  });
});
