/**
 * Issue 11, points 4 and 6 on the server: odds from here, asked of an `OddsSource` (a fake
 * here) with a copy of each table's state as each round opens, kept per table and round (in
 * the cockpit, the debrief, and the saved workshop after a restart), never seen by students,
 * and a source that fails, throws or answers nonsense never breaks a table. Then the workshop
 * debrief (every table, its ending, rounds, regulations, injects and how the table answered,
 * its odds line, what separated the tables, five questions) and the export of every decision
 * (CSV and JSON, nicknames only).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../server/store";
import { ODDS_BUDGET_MS, WorkshopService } from "../../server/workshops";
import type { GameState } from "../../shared/state";
import { ENDINGS } from "../../shared/vocabulary";
import type { Cockpit, LiveTable, OddsPoint, WorkshopDebrief } from "../../shared/workshop";
import {
  bootServer,
  connectStudent,
  createWorkshop,
  joinWorkshop,
  keysOf,
  roomOf,
  type TestServer,
  type WorkshopSeat,
  workshopApi,
} from "./helpers";

/** An odds source that answers what `answer` says, and says when every call has settled. */
class FakeOdds {
  readonly calls: { round: number; phase: string; state: GameState }[] = [];
  private pending: Promise<unknown>[] = [];
  answer: (state: GameState) => Promise<OddsPoint> = async (state) => point(state.round);

  compute(state: GameState): Promise<OddsPoint> {
    this.calls.push({ round: state.round, phase: state.phase, state });
    const result = this.answer(state);
    this.pending.push(result.catch(() => undefined));
    return result;
  }

  /** Resolves once every answer so far has come and the service has taken it. */
  async settled(): Promise<void> {
    // The service asks on the turn after a round opens, and takes the answer on the next.
    await turn();
    await Promise.all(this.pending);
    await turn();
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

function point(round: number): OddsPoint {
  const shares = Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<
    (typeof ENDINGS)[number],
    number
  >;
  shares.muddling = 0.75;
  shares.flourishing = 0.25;
  return { round, runs: 40, shares, ms: 12 };
}

let server: TestServer;
const odds = new FakeOdds();
beforeAll(async () => {
  // Both tables start at once: these tests count each table's rounds and odds side by side.
  server = await bootServer({ workshopStartSpacingMs: 0 });
  server.workshops.setOddsSource(odds);
});
afterAll(async () => {
  await server.close();
});

const NICKNAMES = ["Ada", "Ben", "Cy", "Dee"];

/** A workshop of two tables (3 students and 1), started. */
async function twoTables() {
  const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
  const seats: WorkshopSeat[] = [];
  for (const nickname of NICKNAMES) seats.push(await joinWorkshop(server, code, { nickname }));
  const tables = [...new Set(seats.map((s) => s.table))];
  expect(tables).toHaveLength(2);
  const control = (c: Record<string, unknown>) =>
    workshopApi(server, "POST", `/${code}/control`, c, secret);
  expect((await control({ command: "start" })).body.ok).toBe(true);
  return { code, secret, seats, tables, control };
}

/** Plays a table to its end, phase by phase, letting each round's odds come in. */
async function playOut(table: string): Promise<void> {
  const room = roomOf(server, table);
  const game = room.game!;
  for (let i = 0; i < 200 && !game.ended; i++) {
    room.courseOf.skip();
    if (game.state.phase === "news") await odds.settled();
  }
  expect(game.ended).toBe(true);
}

/** A tiny RFC 4180 reader: the rows of a CSV text, each a list of cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  return rows;
}

describe("odds from here", () => {
  it("asks for each round's odds with a copy of the state and keeps them per table and round", async () => {
    const before = odds.calls.length;
    const { code, secret, seats, tables } = await twoTables();
    const student = await connectStudent(server, seats[0]!);
    await odds.settled();
    // Round 1's, at the start, for both tables.
    const started = odds.calls.slice(before);
    expect(started.map((c) => [c.round, c.phase])).toEqual([
      [1, "news"],
      [1, "news"],
    ]);
    const live = roomOf(server, tables[0]!).game!.state;
    expect(started.some((c) => c.state === live)).toBe(false);
    let cockpit = (await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret))
      .body as unknown as Cockpit;
    for (const t of cockpit.tables) expect((t as LiveTable).odds).toMatchObject({ round: 1 });

    await playOut(tables[0]!);
    const debrief = (await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret))
      .body as unknown as WorkshopDebrief;
    const first = debrief.tables.find((t) => t.code === tables[0])!;
    expect(first.odds.map((p) => p.round)).toEqual(first.series.map((r) => r.round));
    expect(first.odds[0]).toEqual(point(1));
    cockpit = (await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret))
      .body as unknown as Cockpit;
    const stored = JSON.parse((await server.store.workshopByCode(code))!.json) as {
      tables: { code: string; odds?: OddsPoint[] }[];
    };
    expect(stored.tables.find((t) => t.code === tables[0])!.odds).toHaveLength(first.odds.length);
    // Students never see odds.
    expect(keysOf(student.messages.map((m) => m.body)).has("shares")).toBe(false);
    await student.leave();
  });

  it("a source that throws, fails, answers nonsense or is busy never breaks a table", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      let call = 0;
      odds.answer = (state) => {
        call++;
        if (call % 4 === 1) throw new Error("the pool is down");
        if (call % 4 === 2) return Promise.reject(new Error("a worker died"));
        if (call % 4 === 3) return Promise.resolve({ nonsense: true } as unknown as OddsPoint);
        return Promise.resolve(point(state.round));
      };
      const { code, secret, tables } = await twoTables();
      await playOut(tables[0]!);
      await playOut(tables[1]!);
      const debrief = await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret);
      expect(debrief.status).toBe(200);
      const body = debrief.body as unknown as WorkshopDebrief;
      expect(body.tables.every((t) => t.ending !== null)).toBe(true);
      // Only the good answers were kept, one a round at most, in order.
      for (const t of body.tables) {
        const rounds = t.odds.map((p) => p.round);
        expect([...new Set(rounds)].sort((a, b) => a - b)).toEqual(rounds);
        expect(t.odds.length).toBeLessThan(t.series.length);
      }
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
      odds.answer = async (state) => point(state.round);
    }
  });
  it("waits no longer than its timeout and skips rounds while one runs; a late answer is still kept", async () => {
    const calls: number[] = [];
    const seeds: number[] = [];
    const deadlines: number[] = [];
    const answers = new Map<number, (p: OddsPoint) => void>();
    const slow = {
      compute: (state: GameState, _runs?: number, by?: number | null) => {
        calls.push(state.round);
        seeds.push(state.seed);
        deadlines.push((by ?? Number.NaN) - Date.now());
        return new Promise<OddsPoint>((resolve) => answers.set(calls.length - 1, resolve));
      },
    };
    const seen: string[] = [];
    let heard: () => void = () => undefined;
    const timedOut = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const [error, warn] = [console.error, console.warn];
    const listen = (...args: unknown[]) => {
      seen.push(args.map(String).join(" "));
      if (seen.filter((l) => l.includes("no answer in 30 ms")).length === 2) heard();
    };
    console.error = listen;
    console.warn = listen;
    server.workshops.setOddsSource(slow, 30);
    try {
      const { code, secret, tables } = await twoTables();
      await turn();
      expect(calls).toEqual([1, 1]);
      // Each ask says when the answer should be in: the source plays fewer runs after that.
      for (const d of deadlines) {
        expect(d).toBeGreaterThan(ODDS_BUDGET_MS - 1_000);
        expect(d).toBeLessThanOrEqual(ODDS_BUDGET_MS);
      }
      const room = roomOf(server, tables[0]!);
      while (room.game!.state.round < 2 && !room.game!.ended) room.courseOf.skip();
      await turn();
      expect(calls).toEqual([1, 1]);
      expect(seen.some((l) => l.includes("odds of round 2 skipped (busy)"))).toBe(true);
      await timedOut;
      while (room.game!.state.round < 3 && !room.game!.ended) room.courseOf.skip();
      await turn();
      expect(calls).toEqual([1, 1, 3]);
      // Round 3's answer comes, then round 1's, long after its timeout: both are kept, in order.
      const first = seeds.indexOf(room.game!.state.seed);
      expect(first === 0 || first === 1).toBe(true);
      answers.get(2)!(point(3));
      answers.get(first)!(point(1));
      await turn();
      await turn();
      const debrief = (await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret))
        .body as unknown as WorkshopDebrief;
      const rounds = debrief.tables.find((t) => t.code === tables[0])!.odds.map((p) => p.round);
      expect(rounds).toEqual([1, 3]);
      while (!room.game!.ended) room.courseOf.skip();
      expect(room.game!.state.ending).not.toBeNull();
    } finally {
      console.error = error;
      console.warn = warn;
      server.workshops.setOddsSource(odds, 30_000);
    }
  });
});

describe("the workshop debrief and the export", () => {
  it("compares every table, with its injects, answers and odds, and asks five questions", async () => {
    const { code, secret, seats, tables, control } = await twoTables();
    const pushed = await control({ command: "inject", table: tables[0], inject: "labLeak" });
    expect(pushed.body.ok).toBe(true);
    await playOut(tables[0]!);
    // The other table is still in play when the debrief is first asked for.
    const early = (await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret))
      .body as unknown as WorkshopDebrief;
    expect(early.tables).toHaveLength(2);
    expect(early.questions).toHaveLength(5);
    expect(early.tables[1]!.ending).toBeNull();
    expect(early.separated.some((s) => s.includes(tables[1]!))).toBe(true);
    await playOut(tables[1]!);

    const res = await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret);
    expect(res.status).toBe(200);
    const debrief = res.body as unknown as WorkshopDebrief;
    expect(debrief.code).toBe(code);
    expect(debrief.tables.map((t) => t.code)).toEqual(tables);
    for (const t of debrief.tables) {
      expect(t.stage).toBe("ended");
      expect(ENDINGS).toContain(t.ending);
      expect(t.endRound).toBe(t.series.at(-1)!.round);
      expect(t.series.every((r) => typeof r.welfare === "number")).toBe(true);
      expect(t.odds.length).toBeGreaterThan(0);
      for (const r of t.regulations) expect(r.passedRound).toBeGreaterThanOrEqual(1);
    }
    const first = debrief.tables[0]!;
    const nicknames = first.people.map((p) => p.nickname).filter((n) => n !== null);
    expect(nicknames.sort()).toEqual(
      seats
        .filter((s) => s.table === tables[0])
        .map((s) => s.nickname)
        .sort(),
    );
    expect(debrief.tables[1]!.people.filter((p) => p.nickname !== null)).toHaveLength(1);
    expect(first.injects).toHaveLength(1);
    const crisis = first.injects[0]!;
    expect(crisis).toMatchObject({ round: 1, inject: "labLeak" });
    expect(crisis.title.length).toBeGreaterThan(3);
    expect(crisis.answers.length).toBeGreaterThan(0);
    expect(crisis.answers.every((a) => /^Round [12], (act|legislate): /.test(a))).toBe(true);
    expect(debrief.tables[1]!.injects).toEqual([]);
    expect(debrief.separated.length).toBeGreaterThan(0);
    expect(debrief.separated.some((s) => s.includes(tables[0]!))).toBe(true);
    expect(debrief.questions).toHaveLength(5);
    expect(new Set(debrief.questions).size).toBe(5);
    expect(debrief.questions.some((q) => q.includes(tables[0]!))).toBe(true);
    expect(debrief.questions.some((q) => q.includes(crisis.title))).toBe(true);

    // The export: every table's every action, nicknames only.
    const csvRes = await fetch(`${server.http}/api/workshops/${code}/export.csv`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csvRes.headers.get("content-disposition")).toBe(
      `attachment; filename=workshop-${code}.csv`,
    );
    const rows = readCsv(await csvRes.text());
    expect(rows[0]).toEqual([
      "table",
      "round",
      "phase",
      "seat",
      "role",
      "player",
      "action",
      "words",
      "json",
      "economy_score",
      "measured_wellbeing",
      "true_wellbeing",
    ]);
    const all = rows.slice(1);
    expect(all.every((r) => r.length === 12)).toBe(true);
    // Each table's resolved rounds, one row each with the round's figures (start = 100).
    const debriefOf = (t: string) => debrief.tables.find((x) => x.code === t)!;
    for (const t of tables) {
      const figures = all.filter((r) => r[0] === t && r[6] === "round");
      expect(figures.map((r) => Number(r[1]))).toEqual(debriefOf(t).series.map((s) => s.round));
      for (const r of figures) {
        expect(Number.isFinite(Number(r[9]))).toBe(true);
        expect(Number(r[10])).toBeGreaterThan(20);
        expect(Number(r[11])).toBeGreaterThan(0);
        expect(r[7]).toMatch(
          /^Round \d+ ended: economy score \d+, measured well-being \d+, true well-being \d+ \(start = 100\)\.$/,
        );
      }
      const last = figures.at(-1)!;
      const series = debriefOf(t).series.at(-1)!;
      const start = debriefOf(t).start!;
      expect(Number(last[10])).toBeCloseTo((series.measured / start.welfare) * 100, 0);
    }
    const body = all.filter((r) => r[6] !== "round");
    const stored = JSON.parse((await server.store.workshopByCode(code))!.json) as {
      tables: { code: string; gameId: string }[];
    };
    const saved = await Promise.all(
      tables.map(async (t) => {
        const rec = stored.tables.find((x) => x.code === t)!;
        return (await server.store.get(rec.gameId))!;
      }),
    );
    tables.forEach((t, i) => {
      const log = saved[i]!.log;
      const mine = body.filter((r) => r[0] === t);
      expect(mine).toHaveLength(log.actions.length + (log.injects?.length ?? 0));
      expect(mine.filter((r) => r[6] === "inject")).toHaveLength(log.injects?.length ?? 0);
    });
    for (const r of body) {
      expect(Number.isInteger(Number(r[1]))).toBe(true);
      if (r[6] !== "inject") {
        expect(r[5] === "bot" || NICKNAMES.includes(r[5]!)).toBe(true);
        expect(JSON.parse(r[8]!).type).toBe(r[6]);
      }
    }
    expect(body.some((r) => NICKNAMES.includes(r[5]!))).toBe(true);

    const jsonRes = await fetch(`${server.http}/api/workshops/${code}/export.json`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(jsonRes.status).toBe(200);
    expect(jsonRes.headers.get("content-disposition")).toBe(
      `attachment; filename=workshop-${code}.json`,
    );
    const exported = (await jsonRes.json()) as {
      workshop: string;
      tables: { table: string; rounds: { round: number; decisions: unknown[] }[] }[];
    };
    expect(exported.workshop).toBe(code);
    expect(exported.tables.map((t) => t.table)).toEqual(tables);
    const decisions = exported.tables.flatMap((t) => t.rounds.flatMap((r) => r.decisions));
    expect(decisions).toHaveLength(body.length);
    // Nothing personal: no tokens, no addresses.
    const text = JSON.stringify(exported) + rows.flat().join();
    for (const s of seats) expect(text).not.toContain(s.token);
  });

  it("lists every table in the export, quiet ones too: a round row each round, or a table row", async () => {
    // Before the start: no table has a log, and each is still in both exports.
    const { code, secret } = await createWorkshop(server, { tableSize: 3, format: 45 });
    for (const nickname of NICKNAMES) await joinWorkshop(server, code, { nickname });
    const csvOf = async () => {
      const res = await fetch(`${server.http}/api/workshops/${code}/export.csv`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      return readCsv(await res.text()).slice(1);
    };
    const jsonOf = async () =>
      (
        (await (
          await fetch(`${server.http}/api/workshops/${code}/export.json`, {
            headers: { Authorization: `Bearer ${secret}` },
          })
        ).json()) as { tables: { table: string; start: unknown; rounds: unknown[] }[] }
      ).tables;
    const cockpit = (await workshopApi(server, "GET", `/${code}/cockpit`, undefined, secret))
      .body as unknown as Cockpit;
    const tables = cockpit.tables.map((t) => t.code);
    expect(tables).toHaveLength(2);
    let rows = await csvOf();
    expect(rows.map((r) => [r[0], r[1], r[6], r[7]])).toEqual(
      tables.map((t) => [t, "0", "table", `Table ${t} has not started.`]),
    );
    expect((await jsonOf()).map((t) => [t.table, t.start, t.rounds])).toEqual(
      tables.map((t) => [t, null, []]),
    );

    // Started: the table that played on has its rounds' figures; the other one row saying so.
    const control = (c: Record<string, unknown>) =>
      workshopApi(server, "POST", `/${code}/control`, c, secret);
    expect((await control({ command: "start" })).body.ok).toBe(true);
    const room = roomOf(server, tables[0]!);
    while (room.game!.state.history.length < 2 && !room.game!.ended) room.courseOf.skip();
    rows = await csvOf();
    const quiet = rows.filter((r) => r[0] === tables[1]);
    expect(quiet.filter((r) => r[6] === "table").map((r) => r[7])).toEqual([
      `Table ${tables[1]} has not finished a round yet.`,
    ]);
    const played = rows.filter((r) => r[0] === tables[0] && r[6] === "round");
    expect(played.map((r) => r[1])).toEqual(room.game!.state.history.map((h) => String(h.round)));
    // Each round row comes after that round's decisions.
    const at = (r: string[]) => rows.indexOf(r);
    for (const r of played)
      expect(rows.filter((x) => x[0] === tables[0] && x[1] === r[1] && at(x) > at(r))).toEqual([]);
    const json = await jsonOf();
    expect(json.map((t) => t.table)).toEqual(tables);
    expect(json[0]!.start).toEqual({
      welfare: expect.any(Number),
      proxy: expect.any(Number),
    });
  });

  it("is still there after a restart, from the saved games, with their odds", async () => {
    const { code, secret, tables } = await twoTables();
    await playOut(tables[0]!);
    await odds.settled();
    const before = (await workshopApi(server, "GET", `/${code}/debrief`, undefined, secret))
      .body as unknown as WorkshopDebrief;
    // An answer still on its way when the server closes is dropped, not saved to a closed store.
    let late: (p: OddsPoint) => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      server.workshops.setOddsSource({
        compute: () => {
          resolve();
          return new Promise<OddsPoint>((answer) => {
            late = answer;
          });
        },
      });
    });
    const other = roomOf(server, tables[1]!);
    while (other.game!.state.round < 2 && !other.game!.ended) other.courseOf.skip();
    await asked;
    const errors: unknown[] = [];
    const original = console.error;
    await server.close();
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      late(point(2));
      await turn();
      await turn();
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
    const store = await openStore({ databaseUrl: "", dataDir: server.dataDir });
    const restarted = new WorkshopService({ ...server.services, store });
    try {
      const workshop = await restarted.check(code, secret);
      if ("status" in workshop) throw new Error("the restarted service refused the secret");
      const after = (await restarted.debrief(workshop)).body as WorkshopDebrief;
      expect(after.tables.map((t) => t.code)).toEqual(tables);
      const [was, is] = [before.tables[0]!, after.tables[0]!];
      expect(is.ending).toBe(was.ending);
      expect(is.series).toEqual(was.series);
      expect(is.regulations).toEqual(was.regulations);
      expect(is.odds).toEqual(was.odds);
      expect(is.odds.length).toBeGreaterThan(0);
      // The table that was still playing is rebuilt as far as it went, without the late odds.
      expect(after.tables[1]!.ending).toBeNull();
      expect(after.tables[1]!.odds.map((p) => p.round)).toEqual([1]);
      expect(after.questions).toHaveLength(5);
      const csv = readCsv(await restarted.exportCsv(workshop));
      expect(new Set(csv.slice(1).map((r) => r[0]))).toEqual(new Set(tables));
      const projector = await restarted.check(code, secret, true);
      if ("status" in projector) throw new Error("refused");
      expect((await restarted.projector(projector)).status).toBe(200);
    } finally {
      restarted.close();
      await store.close();
    }
  });
});
