/**
 * The one query code of the records, on either engine (Kysely over better-sqlite3 or `pg`):
 * games, uploaded scenarios, workshops, tables in play and the server processes. Writes a table
 * makes as it plays go through a `WriteQueue` (in order per row, superseded ones skipped);
 * reads wait for the writes queued on what they read.
 */
import type { Kysely, Selectable } from "kysely";
import type { GameLog } from "../../shared/log";
import type { Scenario } from "../../shared/scenario";
import type { RoundRecord, SeatId } from "../../shared/state";
import type { Ending } from "../../shared/vocabulary";
import { migrate } from "./migrations";
import { WriteQueue, whileBusy } from "./queue";
import type { Engine, GameStatus, SavedGame, Store, StoredTable, StoredWorkshop } from "./types";

interface GamesTable {
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

interface ScenariosTable {
  id: string;
  name: string;
  json: string;
  created_at: number;
  seq: number | null;
}

interface WorkshopsTable {
  id: string;
  code: string;
  created_at: number;
  expires_at: number;
  json: string;
}

interface TablesTable {
  code: string;
  game_id: string;
  workshop_id: string | null;
  updated_at: number;
  setup: string;
  live: string;
  owner: string | null;
  started_at: number | null;
}

interface ProcessesTable {
  id: string;
  heartbeat_at: number;
}

export interface Schema {
  games: GamesTable;
  scenarios: ScenariosTable;
  workshops: WorkshopsTable;
  tables: TablesTable;
  processes: ProcessesTable;
}

function gameOf(row: Selectable<GamesTable>): SavedGame {
  return {
    id: row.id,
    code: row.code,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    status: row.status,
    round: Number(row.round),
    people: JSON.parse(row.people) as Record<SeatId, string | null>,
    log: JSON.parse(row.log) as GameLog,
    history: JSON.parse(row.history) as RoundRecord[],
    ending: row.ending,
    scores: row.scores ? (JSON.parse(row.scores) as Record<SeatId, number>) : null,
    finalHash: row.final_hash,
  };
}

function tableOf(row: Selectable<TablesTable>): StoredTable {
  return {
    code: row.code,
    gameId: row.game_id,
    workshopId: row.workshop_id,
    updatedAt: Number(row.updated_at),
    setup: row.setup,
    live: row.live,
    owner: row.owner,
  };
}

/** Oldest first: by when the table started, then by code (the same order on both engines). */
function oldestFirst(a: Selectable<TablesTable>, b: Selectable<TablesTable>): number {
  const at = Number(a.started_at ?? a.updated_at);
  const bt = Number(b.started_at ?? b.updated_at);
  return at - bt || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function workshopOf(row: Selectable<WorkshopsTable>): StoredWorkshop {
  return {
    id: row.id,
    code: row.code,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    json: row.json,
  };
}

/** How many times a claim runs before a serialization failure is thrown to its caller. */
const CLAIM_ATTEMPTS = 5;

/** PostgreSQL's "could not serialize access" (SQLSTATE 40001). */
function isSerializationFailure(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "40001";
}

/**
 * SQLite's "database is locked" (SQLITE_BUSY and its kinds, SQLITE_LOCKED): another process's
 * write held the file's lock past the busy timeout, or a read transaction could not become a
 * write one. Tried again (`whileBusy`); PostgreSQL waits for its locks by itself.
 */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}

const isTable = (key: string) => key.startsWith("table:");
const isWorkshop = (key: string) => key.startsWith("workshop:");

export class KyselyStore implements Store {
  private readonly queue = new WriteQueue(isBusy);
  private closed: Promise<void> | null = null;

  private constructor(
    readonly engine: Engine,
    private readonly db: Kysely<Schema>,
  ) {}

  /** Migrates the database to the latest schema, then serves it. */
  static async open(engine: Engine, db: Kysely<Schema>): Promise<KyselyStore> {
    try {
      await migrate(db as Kysely<unknown>, engine);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new KyselyStore(engine, db);
  }

  save(game: SavedGame): Promise<void> {
    const row: GamesTable = {
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
    };
    // A saved game is rewritten whole but for its id and when it was made.
    const { id: _id, created_at: _createdAt, ...changed } = row;
    return this.queue.enqueue(
      `game:${game.id}`,
      async () => {
        await this.db
          .insertInto("games")
          .values(row)
          .onConflict((oc) => oc.column("id").doUpdateSet(changed))
          .execute();
      },
      "game",
    );
  }

  async get(id: string): Promise<SavedGame | null> {
    await this.queue.settled((key) => key === `game:${id}`);
    const row = await this.db
      .selectFrom("games")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? gameOf(row) : null;
  }

  saveTable(table: StoredTable): Promise<void> {
    const row: TablesTable = {
      code: table.code,
      game_id: table.gameId,
      workshop_id: table.workshopId,
      updated_at: table.updatedAt,
      setup: table.setup,
      live: table.live,
      owner: table.owner,
      started_at: table.updatedAt,
    };
    // A code taken again (a new game at the same table) replaces the whole row.
    const { code: _code, ...changed } = row;
    return this.queue.enqueue(`table:${table.code}`, async () => {
      await this.db
        .insertInto("tables")
        .values(row)
        .onConflict((oc) => oc.column("code").doUpdateSet(changed))
        .execute();
    });
  }

  updateTableLive(code: string, live: string, now: number): Promise<void> {
    return this.queue.enqueue(
      `table:${code}`,
      async () => {
        await this.db
          .updateTable("tables")
          .set({ updated_at: now, live })
          .where("code", "=", code)
          .execute();
      },
      "live",
    );
  }

  dropTable(code: string): Promise<void> {
    return this.queue.enqueue(`table:${code}`, async () => {
      await this.db.deleteFrom("tables").where("code", "=", code).execute();
    });
  }

  async tablesInPlay(): Promise<StoredTable[]> {
    await this.queue.settled(isTable);
    const rows = await this.db.selectFrom("tables").selectAll().execute();
    return rows.sort(oldestFirst).map(tableOf);
  }

  async heartbeat(processId: string, now: number): Promise<void> {
    await whileBusy(
      () =>
        this.db
          .insertInto("processes")
          .values({ id: processId, heartbeat_at: now })
          .onConflict((oc) => oc.column("id").doUpdateSet({ heartbeat_at: now }))
          .execute(),
      isBusy,
    );
  }

  async releaseProcess(processId: string): Promise<void> {
    await this.queue.settled(isTable);
    await whileBusy(
      () =>
        this.db.transaction().execute(async (tx) => {
          await tx
            .updateTable("tables")
            .set({ owner: null })
            .where("owner", "=", processId)
            .execute();
          await tx.deleteFrom("processes").where("id", "=", processId).execute();
        }),
      isBusy,
    );
  }

  async claimTables(processId: string, staleBefore: number): Promise<StoredTable[]> {
    await this.queue.settled(isTable);
    // Infinity is no number either engine takes: every other process counts as stale.
    const stale = Number.isFinite(staleBefore) ? staleBefore : Number.MAX_SAFE_INTEGER;
    const claim = async (db: Kysely<Schema>) => {
      const rows = await db
        .updateTable("tables")
        .set({ owner: processId })
        .where((eb) =>
          eb.or([
            eb("owner", "is", null),
            eb.and([
              eb("owner", "<>", processId),
              eb(
                "owner",
                "not in",
                eb.selectFrom("processes").select("id").where("heartbeat_at", ">=", stale),
              ),
            ]),
          ]),
        )
        .returningAll()
        .execute();
      return rows.sort(oldestFirst).map(tableOf);
    };
    // SQLite runs one write at a time: the statement alone is atomic.
    if (this.engine === "sqlite") return whileBusy(() => claim(this.db), isBusy);
    // At PostgreSQL's default READ COMMITTED, an UPDATE that waited on a row another claim
    // changed re-checks the row's new owner against the live processes as the statement first
    // saw them, so a claimer whose heartbeat came after that looked gone and lost the table
    // (which then ran on two processes). At REPEATABLE READ such a row fails the claim instead
    // (a serialization failure), and it runs again with a fresh snapshot.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().setIsolationLevel("repeatable read").execute(claim);
      } catch (error) {
        if (attempt >= CLAIM_ATTEMPTS || !isSerializationFailure(error)) throw error;
      }
    }
  }

  async saveScenario(scenario: Scenario, now: number, keep: number): Promise<string[]> {
    return whileBusy(() => this.saveScenarioOnce(scenario, now, keep), isBusy);
  }

  private saveScenarioOnce(scenario: Scenario, now: number, keep: number): Promise<string[]> {
    return this.db.transaction().execute(async (tx) => {
      const last = await tx
        .selectFrom("scenarios")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .executeTakeFirst();
      await tx
        .insertInto("scenarios")
        .values({
          id: scenario.id,
          name: scenario.name,
          json: JSON.stringify(scenario),
          created_at: now,
          seq: Number(last?.seq ?? 0) + 1,
        })
        .execute();
      const forgotten = await tx
        .deleteFrom("scenarios")
        .where(
          "id",
          "not in",
          tx
            .selectFrom("scenarios")
            .select("id")
            .orderBy("created_at", "desc")
            .orderBy("seq", "desc")
            .limit(keep),
        )
        .returning("id")
        .execute();
      return forgotten.map((r) => r.id);
    });
  }

  async scenarioJson(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom("scenarios")
      .select("json")
      .where("id", "=", id)
      .executeTakeFirst();
    return row?.json ?? null;
  }

  async scenarioCount(): Promise<number> {
    return this.count("scenarios");
  }

  saveWorkshop(w: StoredWorkshop): Promise<void> {
    return this.queue.enqueue(
      `workshop:${w.id}`,
      async () => {
        await this.db
          .insertInto("workshops")
          .values({
            id: w.id,
            code: w.code,
            created_at: w.createdAt,
            expires_at: w.expiresAt,
            json: w.json,
          })
          .onConflict((oc) =>
            oc.column("id").doUpdateSet({ json: w.json, expires_at: w.expiresAt }),
          )
          .execute();
      },
      "workshop",
    );
  }

  workshopByCode(code: string): Promise<StoredWorkshop | null> {
    return this.workshopWhere("code", code);
  }

  workshopById(id: string): Promise<StoredWorkshop | null> {
    return this.workshopWhere("id", id);
  }

  private async workshopWhere(
    column: "code" | "id",
    value: string,
  ): Promise<StoredWorkshop | null> {
    await this.queue.settled(isWorkshop);
    const row = await this.db
      .selectFrom("workshops")
      .selectAll()
      .where(column, "=", value)
      .executeTakeFirst();
    return row ? workshopOf(row) : null;
  }

  async deleteExpiredWorkshops(
    now: number,
    gamesOf: (json: string) => readonly string[],
  ): Promise<string[]> {
    // A game or workshop write still queued would bring a deleted row back after the delete.
    await this.queue.settled((key) => isWorkshop(key) || key.startsWith("game:"));
    return whileBusy(() => this.deleteExpiredOnce(now, gamesOf), isBusy);
  }

  private deleteExpiredOnce(
    now: number,
    gamesOf: (json: string) => readonly string[],
  ): Promise<string[]> {
    return this.db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom("workshops")
        .select(["code", "json"])
        .where("expires_at", "<=", now)
        .execute();
      const games = rows.flatMap((r) => gamesOf(r.json));
      if (games.length > 0) await tx.deleteFrom("games").where("id", "in", games).execute();
      await tx.deleteFrom("workshops").where("expires_at", "<=", now).execute();
      return rows.map((r) => r.code);
    });
  }

  async workshopCount(): Promise<number> {
    await this.queue.settled(isWorkshop);
    return this.count("workshops");
  }

  private async count(table: "scenarios" | "workshops"): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async flush(): Promise<void> {
    await this.queue.settled();
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.flush();
      await this.db.destroy();
    })();
    return this.closed;
  }
}
