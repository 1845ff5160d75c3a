/**
 * Saved games and uploaded scenarios in SQLite (better-sqlite3). A game is one row with its
 * scenario, seed, seats, action log, round history, ending and scores, rewritten at every
 * round's end (and when the server shuts down), so a crash loses at most the round in play. An
 * uploaded scenario is one row (id, name, JSON, time), the newest few kept. A table in play is
 * one more row (`tables`, by its join code): what it was set up with, written once at its start,
 * and where it stands (log, phase, clock, people), rewritten by one prepared statement at every
 * phase change and accepted action; the server restores these rows when it starts
 * (`restore.ts`), and deletes a row once its game ends. Migrations live in
 * code and run in order on open (tracked with `PRAGMA user_version`).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { GameLog } from "../shared/log";
import type { Scenario } from "../shared/scenario";
import type { RoundRecord, SeatId } from "../shared/state";
import type { Ending } from "../shared/vocabulary";

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE games (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     round INTEGER NOT NULL,
     people TEXT NOT NULL,
     log TEXT NOT NULL,
     history TEXT NOT NULL,
     ending TEXT,
     scores TEXT,
     final_hash TEXT
   );
   CREATE INDEX games_code ON games (code);`,
  `CREATE TABLE scenarios (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     json TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX scenarios_created ON scenarios (created_at);`,
  `CREATE TABLE workshops (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     json TEXT NOT NULL
   );
   CREATE INDEX workshops_expires ON workshops (expires_at);`,
  `CREATE TABLE tables (
     code TEXT PRIMARY KEY,
     game_id TEXT NOT NULL,
     workshop_id TEXT,
     updated_at INTEGER NOT NULL,
     setup TEXT NOT NULL,
     live TEXT NOT NULL
   );`,
];

/**
 * A table in play as stored: its code, its game, its workshop (or null), what it was set up
 * with (JSON written once) and where it stands (JSON rewritten as it goes). `restore.ts`
 * reads both.
 */
export interface StoredTable {
  readonly code: string;
  readonly gameId: string;
  readonly workshopId: string | null;
  readonly updatedAt: number;
  readonly setup: string;
  readonly live: string;
}

/** A workshop as stored: its code, times and the rest as JSON (`workshops.ts` reads it). */
export interface StoredWorkshop {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly json: string;
}

/** `halted`: the round step refused to produce a non-finite number; the game stopped as it was. */
export type GameStatus = "playing" | "ended" | "abandoned" | "halted";

export interface SavedGame {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly status: GameStatus;
  /** The round in play (or the last round, once ended). */
  readonly round: number;
  /** The name of the person in each seat (null: a bot played it throughout). */
  readonly people: Readonly<Record<SeatId, string | null>>;
  readonly log: GameLog;
  readonly history: readonly RoundRecord[];
  readonly ending: Ending | null;
  readonly scores: Readonly<Record<SeatId, number>> | null;
  /** `hashState` of the final state; `replay(log)` gives the same. */
  readonly finalHash: string | null;
}

interface GameRow {
  id: string;
  code: string;
  created_at: number;
  updated_at: number;
  status: GameStatus;
  round: number;
  people: string;
  log: string;
  history: string;
  ending: Ending | null;
  scores: string | null;
  final_hash: string | null;
}

export class GameStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly byId: Database.Statement<[string], GameRow>;
  private readonly insertScenario: Database.Statement<[string, string, string, number]>;
  private readonly trimScenarios: Database.Statement<[number]>;
  private readonly scenarioById: Database.Statement<[string], { json: string }>;
  private readonly insertTable: Database.Statement<
    [string, string, string | null, number, string, string]
  >;
  private readonly updateTable: Database.Statement<[number, string, string]>;
  private readonly deleteTable: Database.Statement<[string]>;

  constructor(file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.migrate();
    this.upsert = this.db.prepare(
      `INSERT INTO games (id, code, created_at, updated_at, status, round, people, log, history, ending, scores, final_hash)
       VALUES (@id, @code, @created_at, @updated_at, @status, @round, @people, @log, @history, @ending, @scores, @final_hash)
       ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, status = excluded.status,
         round = excluded.round, people = excluded.people, log = excluded.log, history = excluded.history,
         ending = excluded.ending, scores = excluded.scores, final_hash = excluded.final_hash`,
    );
    this.byId = this.db.prepare<[string], GameRow>("SELECT * FROM games WHERE id = ?");
    this.insertScenario = this.db.prepare(
      "INSERT INTO scenarios (id, name, json, created_at) VALUES (?, ?, ?, ?)",
    );
    this.trimScenarios = this.db.prepare(
      "DELETE FROM scenarios WHERE id NOT IN (SELECT id FROM scenarios ORDER BY created_at DESC, rowid DESC LIMIT ?)",
    );
    this.scenarioById = this.db.prepare<[string], { json: string }>(
      "SELECT json FROM scenarios WHERE id = ?",
    );
    this.insertTable = this.db.prepare(
      `INSERT INTO tables (code, game_id, workshop_id, updated_at, setup, live) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET game_id = excluded.game_id, workshop_id = excluded.workshop_id,
         updated_at = excluded.updated_at, setup = excluded.setup, live = excluded.live`,
    );
    this.updateTable = this.db.prepare("UPDATE tables SET updated_at = ?, live = ? WHERE code = ?");
    this.deleteTable = this.db.prepare("DELETE FROM tables WHERE code = ?");
  }

  static inDataDir(dataDir: string): GameStore {
    return new GameStore(path.join(dataDir, "attractor.sqlite"));
  }

  private migrate(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  save(game: SavedGame): void {
    this.upsert.run({
      id: game.id,
      code: game.code,
      created_at: game.createdAt,
      updated_at: game.updatedAt,
      status: game.status,
      round: game.round,
      people: JSON.stringify(game.people),
      log: JSON.stringify(game.log),
      history: JSON.stringify(game.history),
      ending: game.ending,
      scores: game.scores ? JSON.stringify(game.scores) : null,
      final_hash: game.finalHash,
    });
  }

  get(id: string): SavedGame | null {
    const row = this.byId.get(id);
    if (!row) return null;
    return {
      id: row.id,
      code: row.code,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      status: row.status,
      round: row.round,
      people: JSON.parse(row.people) as Record<SeatId, string | null>,
      log: JSON.parse(row.log) as GameLog,
      history: JSON.parse(row.history) as RoundRecord[],
      ending: row.ending,
      scores: row.scores ? (JSON.parse(row.scores) as Record<SeatId, number>) : null,
      finalHash: row.final_hash,
    };
  }

  /** A table's game has started: its setup and where it stands, under its join code. */
  saveTable(table: StoredTable): void {
    this.insertTable.run(
      table.code,
      table.gameId,
      table.workshopId,
      table.updatedAt,
      table.setup,
      table.live,
    );
  }

  /** Where a table in play stands now (one prepared UPDATE of one row). */
  updateTableLive(code: string, live: string, now: number): void {
    this.updateTable.run(now, live, code);
  }

  /** The table's game ended, stopped or was abandoned: nothing to restore. */
  dropTable(code: string): void {
    this.deleteTable.run(code);
  }

  /** Every table in play when the server stopped, oldest first. */
  tablesInPlay(): StoredTable[] {
    return this.db
      .prepare<
        [],
        {
          code: string;
          game_id: string;
          workshop_id: string | null;
          updated_at: number;
          setup: string;
          live: string;
        }
      >("SELECT * FROM tables ORDER BY rowid")
      .all()
      .map((r) => ({
        code: r.code,
        gameId: r.game_id,
        workshopId: r.workshop_id,
        updatedAt: r.updated_at,
        setup: r.setup,
        live: r.live,
      }));
  }

  /** Stores an uploaded (already validated) scenario, keeping at most `keep` of them. */
  saveScenario(scenario: Scenario, now: number, keep: number): void {
    this.db.transaction(() => {
      this.insertScenario.run(scenario.id, scenario.name, JSON.stringify(scenario), now);
      this.trimScenarios.run(keep);
    })();
  }

  /** An uploaded scenario's JSON as stored (validated again by the caller), or null. */
  scenarioJson(id: string): string | null {
    return this.scenarioById.get(id)?.json ?? null;
  }

  saveWorkshop(w: StoredWorkshop): void {
    this.db
      .prepare(
        `INSERT INTO workshops (id, code, created_at, expires_at, json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, expires_at = excluded.expires_at`,
      )
      .run(w.id, w.code, w.createdAt, w.expiresAt, w.json);
  }

  workshopByCode(code: string): StoredWorkshop | null {
    return this.workshopWhere("code", code);
  }

  workshopById(id: string): StoredWorkshop | null {
    return this.workshopWhere("id", id);
  }

  private workshopWhere(column: "code" | "id", value: string): StoredWorkshop | null {
    const row = this.db
      .prepare<
        [string],
        { id: string; code: string; created_at: number; expires_at: number; json: string }
      >(`SELECT * FROM workshops WHERE ${column} = ?`)
      .get(value);
    return row
      ? {
          id: row.id,
          code: row.code,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          json: row.json,
        }
      : null;
  }

  /**
   * Deletes every workshop whose time is up (`expires_at` at or before `now`) with the saved
   * games it names, in one transaction; returns the codes deleted.
   */
  deleteExpiredWorkshops(now: number, gamesOf: (json: string) => readonly string[]): string[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare<[number], { code: string; json: string }>(
          "SELECT code, json FROM workshops WHERE expires_at <= ?",
        )
        .all(now);
      const dropGame = this.db.prepare("DELETE FROM games WHERE id = ?");
      for (const row of rows) for (const id of gamesOf(row.json)) dropGame.run(id);
      this.db.prepare("DELETE FROM workshops WHERE expires_at <= ?").run(now);
      return rows.map((r) => r.code);
    })();
  }

  workshopCount(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM workshops").get() as { n: number }).n;
  }

  scenarioCount(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM scenarios").get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
