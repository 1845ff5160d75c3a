/**
 * The records' one interface (`Store`), the same on both engines (`kysely.ts` holds the one
 * query code; `sqlite.ts` and `postgres.ts` only make the connection). Every method is async.
 * The writes a table makes as it plays (its game, its record for a restart, its workshop) are
 * queued per row, in order, and a write a newer one supersedes before it ran is skipped; a read
 * waits for the writes queued before it on the rows it reads, and `flush()` for every write
 * queued so far (the shutdown awaits it: a SIGTERM loses nothing).
 */
import type { GameLog } from "../../shared/log";
import type { Scenario } from "../../shared/scenario";
import type { RoundRecord, SeatId } from "../../shared/state";
import type { Ending } from "../../shared/vocabulary";

/**
 * A table in play as stored: its code, its game, its workshop (or null), what it was set up
 * with (JSON written once), where it stands (JSON rewritten as it goes) and the server process
 * that runs it (`owner`, null for a row written before processes were recorded). `restore.ts`
 * reads setup and live.
 */
export interface StoredTable {
  readonly code: string;
  readonly gameId: string;
  readonly workshopId: string | null;
  readonly updatedAt: number;
  readonly setup: string;
  readonly live: string;
  readonly owner: string | null;
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

/** Which engine holds the records. */
export type Engine = "sqlite" | "postgres";

export interface Store {
  readonly engine: Engine;

  // Saved games (one row a game, rewritten at every round's end and at the end).

  /** Writes a game's record (queued behind that game's earlier writes; a pending one is replaced). */
  save(game: SavedGame): Promise<void>;
  /** A saved game by id, or null (after the writes queued for it). */
  get(id: string): Promise<SavedGame | null>;

  // Tables in play (one row a table, by join code, deleted once its game is over).

  /** A table's game has started: its setup and where it stands, under its join code. */
  saveTable(table: StoredTable): Promise<void>;
  /**
   * Where a table in play stands now: one UPDATE of one row, queued behind the table's earlier
   * writes; a `live` still waiting in the queue is replaced by this one, never written.
   */
  updateTableLive(code: string, live: string, now: number): Promise<void>;
  /** The table's game ended, stopped or was abandoned: nothing to restore. */
  dropTable(code: string): Promise<void>;
  /** Every table in play, oldest first (whoever owns it). */
  tablesInPlay(): Promise<StoredTable[]>;

  // Server processes (several share one PostgreSQL database; SQLite has one process).

  /** The process `processId` is alive at `now` (inserts or moves on its heartbeat). */
  heartbeat(processId: string, now: number): Promise<void>;
  /**
   * The process stops cleanly: its `processes` row is deleted and its tables' rows lose their
   * owner, so any process may claim them at once.
   */
  releaseProcess(processId: string): Promise<void>;
  /**
   * Atomically (one `UPDATE … RETURNING` on both engines) makes `processId` the owner of every
   * table row whose owner is null, missing from `processes`, or whose heartbeat is older than
   * `staleBefore`, and returns those rows, oldest first. Rows `processId` already owns are left
   * alone and not returned. Two processes claiming at once never get the same row (SQLite
   * writes one at a time; on PostgreSQL the claim runs at REPEATABLE READ and again, with a
   * fresh snapshot, when another claim changed a row under it). One process alone at boot
   * claims every row by passing `staleBefore` = Infinity.
   */
  claimTables(processId: string, staleBefore: number): Promise<StoredTable[]>;

  // Uploaded scenarios.

  /**
   * Stores an uploaded (already validated) scenario, keeping the newest `keep` of them; resolves
   * with the ids of those it forgot.
   */
  saveScenario(scenario: Scenario, now: number, keep: number): Promise<string[]>;
  /** An uploaded scenario's JSON as stored (validated again by the caller), or null. */
  scenarioJson(id: string): Promise<string | null>;
  scenarioCount(): Promise<number>;

  // Workshops.

  /** Writes a workshop's record (queued behind its earlier writes; a pending one is replaced). */
  saveWorkshop(workshop: StoredWorkshop): Promise<void>;
  workshopByCode(code: string): Promise<StoredWorkshop | null>;
  workshopById(id: string): Promise<StoredWorkshop | null>;
  /**
   * Deletes every workshop whose time is up (`expires_at` at or before `now`) with the saved
   * games `gamesOf` names in its JSON, in one transaction; returns the codes deleted.
   */
  deleteExpiredWorkshops(
    now: number,
    gamesOf: (json: string) => readonly string[],
  ): Promise<string[]>;
  workshopCount(): Promise<number>;

  /** Resolves once every write queued so far is done (failed writes were logged). */
  flush(): Promise<void>;
  /** Flushes, then closes the connection (SQLite file or PostgreSQL pool). */
  close(): Promise<void>;
}
