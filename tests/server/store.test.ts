/**
 * The records' one interface on both engines (issue 12 item 3): the same suite runs on SQLite
 * (a temp file) and on PostgreSQL (a throwaway cluster, `tests/services/postgres.ts`; skipped
 * with a message where PostgreSQL is not installed, never in CI). Games, uploaded scenarios
 * (the newest kept), workshops (their expiry deletes their games), tables in play (save,
 * update, drop, claim by a process, heartbeats), writes queued in order, and a SQLite file
 * written by the store before the interface opening with its data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, openSqlite, type SavedGame, type Store } from "../../server/store";
import { WriteQueue } from "../../server/store/queue";
import { playBotGame } from "../../shared/log";
import { STANDARD } from "../../shared/presets";
import type { Scenario } from "../../shared/scenario";
import { harnessPersonalities } from "../../shared/selfplay";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../services/postgres";

const SHORT: Scenario = { ...STANDARD, rounds: 3 };

/** A whole (short) bot game as a table saves it. */
function savedGame(id: string, status: SavedGame["status"] = "ended"): SavedGame {
  const { seats, personalities } = harnessPersonalities(SHORT, 3, "mixed");
  const { state, log } = playBotGame({ scenario: SHORT, seed: 3, seats, personalities });
  const people = Object.fromEntries(state.seats.map((s) => [s.id, null])) as Record<
    string,
    string | null
  >;
  people.G1 = "Ada";
  return {
    id,
    code: "K3P7Q",
    createdAt: 1_764_000_000_000,
    updatedAt: 1_764_000_600_000,
    status,
    round: state.round,
    people,
    log,
    history: state.history,
    ending: state.ending,
    scores: { G1: 12.5, C1: -3 },
    finalHash: "abc123",
  };
}

const table = (code: string, at: number, owner: string | null = "p-old") => ({
  code,
  gameId: `g-${code}`,
  workshopId: null,
  updatedAt: at,
  setup: JSON.stringify({ code }),
  live: JSON.stringify({ step: 0 }),
  owner,
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-store-"));
let files = 0;
const withPostgres = postgresAvailable("the store suite on PostgreSQL");
let cluster: PostgresCluster | null = null;
let databases = 0;

beforeAll(async () => {
  if (withPostgres) cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Each engine: how to open a fresh, empty database, and how to open the same one again. */
const ENGINES = [
  {
    engine: "sqlite",
    run: true,
    fresh: async () => {
      const file = path.join(tmp, `store-${++files}.sqlite`);
      return { store: await openSqlite(file), reopen: () => openSqlite(file) };
    },
  },
  {
    engine: "postgres",
    run: withPostgres,
    fresh: async () => {
      const url = await cluster!.createDatabase(`store_${++databases}`);
      return { store: await openPostgres(url), reopen: () => openPostgres(url) };
    },
  },
] as const;

describe.each(ENGINES)("the store on $engine", ({ engine, run, fresh }) => {
  // Skipped only where PostgreSQL is missing outside CI (postgresAvailable said so above).
  const test = it.skipIf(!run);

  /** Runs `body` on a fresh store, closing it after. */
  async function on(body: (store: Store, reopen: () => Promise<Store>) => Promise<void>) {
    const { store, reopen } = await fresh();
    try {
      await body(store, reopen);
    } finally {
      await store.close();
    }
  }

  test("names its engine and migrates an empty database, twice without harm", () =>
    on(async (store, reopen) => {
      expect(store.engine).toBe(engine);
      await store.close();
      const again = await reopen();
      expect(await again.workshopCount()).toBe(0);
      await again.close();
    }));

  test("saves a game and reads it back whole; a later save replaces it", () =>
    on(async (store, reopen) => {
      const game = savedGame("g1", "playing");
      await store.save(game);
      expect(await store.get("g1")).toEqual(game);
      expect(await store.get("nope")).toBeNull();
      const ended = { ...game, status: "ended" as const, updatedAt: game.updatedAt + 1 };
      await store.save(ended);
      await store.close();
      const again = await reopen();
      expect(await again.get("g1")).toEqual(ended);
      await again.close();
    }));

  test("a read waits for the writes queued before it (nothing awaited in between)", () =>
    on(async (store) => {
      const game = savedGame("g2", "playing");
      void store.save(game);
      void store.save({ ...game, round: 99 });
      expect((await store.get("g2"))?.round).toBe(99);
    }));

  test("keeps the newest uploaded scenarios, even uploaded in the same millisecond", () =>
    on(async (store) => {
      for (let i = 1; i <= 5; i++)
        await store.saveScenario({ ...STANDARD, id: `custom-000000000${i}` }, 1000, 3);
      expect(await store.scenarioCount()).toBe(3);
      expect(await store.scenarioJson("custom-0000000001")).toBeNull();
      expect(await store.scenarioJson("custom-0000000002")).toBeNull();
      const kept = await store.scenarioJson("custom-0000000005");
      expect(JSON.parse(kept!)).toEqual({ ...STANDARD, id: "custom-0000000005" });
      expect(await store.saveScenario({ ...STANDARD, id: "custom-0000000006" }, 2000, 3)).toEqual([
        "custom-0000000003",
      ]);
      expect(await store.scenarioJson("custom-0000000003")).toBeNull();
      expect(await store.scenarioJson("custom-0000000004")).not.toBeNull();
    }));

  test("finds workshops by code and id; their expiry deletes them with their games", () =>
    on(async (store) => {
      const json = (games: string[]) => JSON.stringify({ tables: games.map((g) => ({ g })) });
      const gamesOf = (j: string) =>
        (JSON.parse(j) as { tables: { g: string }[] }).tables.map((t) => t.g);
      await store.save(savedGame("wg1"));
      await store.save(savedGame("wg2"));
      await store.save(savedGame("other"));
      void store.saveWorkshop({
        id: "w1",
        code: "WXYZ12",
        createdAt: 1,
        expiresAt: 100,
        json: "{}",
      });
      void store.saveWorkshop({
        id: "w1",
        code: "WXYZ12",
        createdAt: 1,
        expiresAt: 100,
        json: json(["wg1", "wg2"]),
      });
      await store.saveWorkshop({
        id: "w2",
        code: "ABCD34",
        createdAt: 2,
        expiresAt: 200,
        json: json([]),
      });
      expect(await store.workshopByCode("WXYZ12")).toEqual({
        id: "w1",
        code: "WXYZ12",
        createdAt: 1,
        expiresAt: 100,
        json: json(["wg1", "wg2"]),
      });
      expect((await store.workshopById("w2"))?.code).toBe("ABCD34");
      expect(await store.workshopByCode("NOPE99")).toBeNull();
      expect(await store.workshopCount()).toBe(2);
      expect(await store.deleteExpiredWorkshops(99, gamesOf)).toEqual([]);
      expect(await store.deleteExpiredWorkshops(100, gamesOf)).toEqual(["WXYZ12"]);
      expect(await store.workshopCount()).toBe(1);
      expect(await store.get("wg1")).toBeNull();
      expect(await store.get("wg2")).toBeNull();
      expect(await store.get("other")).not.toBeNull();
      expect(await store.workshopById("w1")).toBeNull();
    }));

  test("saves, updates and drops tables in play, listed oldest first", () =>
    on(async (store) => {
      await store.saveTable(table("BBBBB", 20));
      await store.saveTable(table("AAAAA", 10));
      await store.saveTable(table("CCCCC", 20));
      await store.updateTableLive("BBBBB", '{"step":1}', 30);
      const rows = await store.tablesInPlay();
      expect(rows.map((r) => r.code)).toEqual(["AAAAA", "BBBBB", "CCCCC"]);
      expect(rows[1]).toEqual({ ...table("BBBBB", 20), live: '{"step":1}', updatedAt: 30 });
      await store.dropTable("AAAAA");
      await store.updateTableLive("AAAAA", '{"step":9}', 40); // gone: updates nothing
      expect((await store.tablesInPlay()).map((r) => r.code)).toEqual(["BBBBB", "CCCCC"]);
    }));

  test("writes a table's record in order: the last of many unawaited writes wins", () =>
    on(async (store) => {
      void store.saveTable(table("QQQQQ", 1));
      const writes: Promise<void>[] = [];
      for (let i = 1; i <= 200; i++)
        writes.push(store.updateTableLive("QQQQQ", JSON.stringify({ step: i }), 1 + i));
      void store.dropTable("QQQQQ");
      void store.saveTable({ ...table("QQQQQ", 500), live: '{"step":"again"}' });
      for (let i = 1; i <= 50; i++)
        void store.updateTableLive("QQQQQ", JSON.stringify({ step: 1000 + i }), 500 + i);
      await Promise.all(writes);
      await store.flush();
      const [row] = await store.tablesInPlay();
      expect(JSON.parse(row!.live)).toEqual({ step: 1050 });
      expect(row!.updatedAt).toBe(550);
    }));

  test("claims the tables of processes gone, never those of a live one", () =>
    on(async (store) => {
      await store.heartbeat("alive", 1000);
      await store.heartbeat("stale", 100);
      await store.saveTable(table("LIVE1", 1, "alive"));
      await store.saveTable(table("STALE", 2, "stale"));
      await store.saveTable(table("GONE1", 3, "never-heartbeat"));
      await store.saveTable(table("OLDNN", 4, null));
      await store.heartbeat("me", 1000);
      const claimed = await store.claimTables("me", 500);
      expect(claimed.map((r) => r.code)).toEqual(["STALE", "GONE1", "OLDNN"]);
      expect(claimed.every((r) => r.owner === "me")).toBe(true);
      // Already mine: not claimed again; the live process keeps its table.
      expect(await store.claimTables("me", 500)).toEqual([]);
      const owners = Object.fromEntries((await store.tablesInPlay()).map((r) => [r.code, r.owner]));
      expect(owners).toEqual({ LIVE1: "alive", STALE: "me", GONE1: "me", OLDNN: "me" });
      // The live process stops heartbeating: past staleBefore, its table is claimed too.
      expect((await store.claimTables("me", 1001)).map((r) => r.code)).toEqual(["LIVE1"]);
    }));

  test("a process released (clean stop) leaves its tables to be claimed at once", () =>
    on(async (store) => {
      await store.heartbeat("a", 1000);
      await store.saveTable(table("TA001", 1, "a"));
      await store.heartbeat("b", 1000);
      expect(await store.claimTables("b", 500)).toEqual([]);
      await store.releaseProcess("a");
      expect((await store.tablesInPlay())[0]!.owner).toBeNull();
      expect((await store.claimTables("b", 500)).map((r) => r.code)).toEqual(["TA001"]);
    }));

  test("a heartbeat moves on: the same process is fresh again", () =>
    on(async (store) => {
      await store.heartbeat("p", 100);
      await store.saveTable(table("HB001", 1, "p"));
      await store.heartbeat("p", 900);
      expect(await store.claimTables("q", 500)).toEqual([]);
    }));

  test("alone at boot, a process claims every row (staleBefore = Infinity)", () =>
    on(async (store) => {
      await store.heartbeat("previous", Date.now());
      await store.saveTable(table("BOOT1", 1, "previous"));
      await store.saveTable(table("BOOT2", 2, null));
      await store.heartbeat("next", Date.now());
      const claimed = await store.claimTables("next", Number.POSITIVE_INFINITY);
      expect(claimed.map((r) => r.code)).toEqual(["BOOT1", "BOOT2"]);
    }));

  test("two processes claiming at once never get the same table", () =>
    on(async (store, reopen) => {
      for (let i = 0; i < 40; i++)
        await store.saveTable(table(`T${String(i).padStart(4, "0")}`, i, "dead"));
      const other = await reopen();
      try {
        await store.heartbeat("x", 1000);
        await other.heartbeat("y", 1000);
        const [x, y] = await Promise.all([
          store.claimTables("x", 500),
          other.claimTables("y", 500),
        ]);
        const codes = [...x, ...y].map((r) => r.code);
        expect(codes).toHaveLength(40);
        expect(new Set(codes).size).toBe(40);
      } finally {
        await other.close();
      }
    }));
});

describe("a SQLite file written before the interface (PRAGMA user_version 1 to 4)", () => {
  const OLD: readonly string[] = [
    `CREATE TABLE games (id TEXT PRIMARY KEY, code TEXT NOT NULL, created_at INTEGER NOT NULL,
       updated_at INTEGER NOT NULL, status TEXT NOT NULL, round INTEGER NOT NULL, people TEXT NOT NULL,
       log TEXT NOT NULL, history TEXT NOT NULL, ending TEXT, scores TEXT, final_hash TEXT);
     CREATE INDEX games_code ON games (code);`,
    `CREATE TABLE scenarios (id TEXT PRIMARY KEY, name TEXT NOT NULL, json TEXT NOT NULL,
       created_at INTEGER NOT NULL);
     CREATE INDEX scenarios_created ON scenarios (created_at);`,
    `CREATE TABLE workshops (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL, json TEXT NOT NULL);
     CREATE INDEX workshops_expires ON workshops (expires_at);`,
    `CREATE TABLE tables (code TEXT PRIMARY KEY, game_id TEXT NOT NULL, workshop_id TEXT,
       updated_at INTEGER NOT NULL, setup TEXT NOT NULL, live TEXT NOT NULL);`,
  ];

  /** A file as the old store left it at `version`, with a row in each of its tables. */
  function oldFile(version: number): string {
    const file = path.join(tmp, `old-${version}-${++files}.sqlite`);
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    for (let v = 0; v < version; v++) db.exec(OLD[v]!);
    db.pragma(`user_version = ${version}`);
    const game = savedGame("old-game");
    db.prepare(`INSERT INTO games VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      game.id,
      game.code,
      game.createdAt,
      game.updatedAt,
      game.status,
      game.round,
      JSON.stringify(game.people),
      JSON.stringify(game.log),
      JSON.stringify(game.history),
      game.ending,
      JSON.stringify(game.scores),
      game.finalHash,
    );
    if (version >= 2) {
      // Two uploads in the same millisecond: the later one (by rowid) is the newer.
      const insert = db.prepare("INSERT INTO scenarios VALUES (?, ?, ?, ?)");
      insert.run("custom-old0000001", "Old 1", "{}", 5);
      insert.run("custom-old0000002", "Old 2", "{}", 5);
    }
    if (version >= 3)
      db.prepare("INSERT INTO workshops VALUES (?, ?, ?, ?, ?)").run("w", "OLDWS1", 1, 9e15, "{}");
    if (version >= 4) {
      const insert = db.prepare("INSERT INTO tables VALUES (?, ?, ?, ?, ?, ?)");
      insert.run("ZZZZZ", "g-z", null, 10, '{"s":1}', '{"l":1}');
      insert.run("AAAAA", "g-a", "w", 20, '{"s":2}', '{"l":2}');
    }
    db.close();
    return file;
  }

  it("at version 4 opens with every row, its tables unowned and claimable", async () => {
    const store = await openSqlite(oldFile(4));
    try {
      expect(await store.get("old-game")).toEqual(savedGame("old-game"));
      expect(await store.scenarioCount()).toBe(2);
      expect((await store.workshopByCode("OLDWS1"))?.id).toBe("w");
      const rows = await store.tablesInPlay();
      expect(rows).toEqual([
        {
          code: "ZZZZZ",
          gameId: "g-z",
          workshopId: null,
          updatedAt: 10,
          setup: '{"s":1}',
          live: '{"l":1}',
          owner: null,
        },
        {
          code: "AAAAA",
          gameId: "g-a",
          workshopId: "w",
          updatedAt: 20,
          setup: '{"s":2}',
          live: '{"l":2}',
          owner: null,
        },
      ]);
      await store.heartbeat("new", 1);
      expect((await store.claimTables("new", Number.POSITIVE_INFINITY)).map((r) => r.code)).toEqual(
        ["ZZZZZ", "AAAAA"],
      );
      // The old uploads keep their order: trimming to two keeps the new one and the old one
      // inserted last (both old ones have the same time).
      await store.saveScenario({ ...STANDARD, id: "custom-new0000001" }, 10, 2);
      expect(await store.scenarioJson("custom-old0000001")).toBeNull();
      expect(await store.scenarioJson("custom-old0000002")).toBe("{}");
    } finally {
      await store.close();
    }
  });

  it("at version 2 opens with its games and uploads and gains the tables it lacked", async () => {
    const store = await openSqlite(oldFile(2));
    try {
      expect(await store.get("old-game")).not.toBeNull();
      expect(await store.scenarioCount()).toBe(2);
      expect(await store.workshopCount()).toBe(0);
      await store.saveTable(table("NEW01", 1));
      expect((await store.tablesInPlay()).map((r) => r.code)).toEqual(["NEW01"]);
    } finally {
      await store.close();
    }
  });
});

describe("a SQLite file another process holds locked", () => {
  it("waits for the lock without losing a write, and never blocks for long", async () => {
    const file = path.join(tmp, `store-${++files}.sqlite`);
    const store = await openSqlite(file);
    try {
      await store.saveTable(table("LOCK1", 1));
      // Another process's long write: the lock is held for 300 ms.
      const other = new Database(file);
      other.exec("BEGIN IMMEDIATE");
      const released = new Promise<void>((resolve) =>
        setTimeout(() => {
          other.exec("COMMIT");
          other.close();
          resolve();
        }, 300),
      );
      // Meanwhile the event loop keeps turning: each try waits at most the busy timeout.
      let turns = 0;
      const ticker = setInterval(() => turns++, 5);
      const live = store.updateTableLive("LOCK1", '{"step":7}', 2);
      const workshop = store.saveWorkshop({
        id: "w1",
        code: "WLOCK1",
        createdAt: 1,
        expiresAt: 2,
        json: "{}",
      });
      await Promise.all([live, workshop, released]);
      clearInterval(ticker);
      expect(turns).toBeGreaterThan(5);
      const [row] = await store.tablesInPlay();
      expect(row?.live).toBe('{"step":7}');
      expect((await store.workshopByCode("WLOCK1"))?.id).toBe("w1");
    } finally {
      await store.close();
    }
  });
});

describe("the write queue", () => {
  it("runs one key's writes in order, skips superseded ones, and runs keys side by side", async () => {
    const queue = new WriteQueue();
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const write = (name: string, wait?: Promise<void>) => async () => {
      if (wait) await wait;
      ran.push(name);
    };
    const first = queue.enqueue("a", write("a1", gate), "live");
    const superseded = queue.enqueue("a", write("a2"), "live");
    const last = queue.enqueue("a", write("a3"), "live");
    const other = queue.enqueue("b", write("b1"));
    await other;
    expect(ran).toEqual(["b1"]); // b did not wait for a
    expect(queue.pending).toBe(2); // a1 running, a3 in a2's place
    release();
    await Promise.all([first, superseded, last]);
    expect(ran).toEqual(["b1", "a1", "a3"]);
    expect(queue.pending).toBe(0);
  });

  it("never merges writes of different kinds, and a failure fails only its own write", async () => {
    const queue = new WriteQueue();
    const ran: string[] = [];
    const failing = queue.enqueue("t", async () => {
      throw new Error("disk full");
    });
    const drop = queue.enqueue("t", async () => {
      ran.push("drop");
    });
    const live = queue.enqueue(
      "t",
      async () => {
        ran.push("live");
      },
      "live",
    );
    await expect(failing).rejects.toThrow("disk full");
    await Promise.all([drop, live]);
    expect(ran).toEqual(["drop", "live"]);
  });
});
