/**
 * The records (`Store`, in `types.ts`): SQLite in DATA_DIR by default, PostgreSQL when
 * DATABASE_URL names one. `openStore` connects and migrates; the same query code serves both.
 */
import { KyselyStore } from "./kysely";
import { isPostgresUrl, postgresDb } from "./postgres";
import { sqliteDb, sqliteFile } from "./sqlite";
import type { Store } from "./types";

export { inBackground } from "./queue";
export type {
  Engine,
  GameStatus,
  SavedGame,
  Store,
  StoredTable,
  StoredWorkshop,
} from "./types";

export interface StoreLocation {
  /** `postgres://…` for PostgreSQL; empty for the SQLite file in `dataDir`. */
  readonly databaseUrl: string;
  readonly dataDir: string;
}

/** Opens (and migrates) the records where the server's settings say. */
export function openStore(at: StoreLocation): Promise<Store> {
  if (at.databaseUrl !== "") {
    if (!isPostgresUrl(at.databaseUrl))
      throw new Error(
        "DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for SQLite)",
      );
    return KyselyStore.open("postgres", postgresDb(at.databaseUrl));
  }
  return openSqlite(sqliteFile(at.dataDir));
}

/** Opens (and migrates) a SQLite file (`:memory:`: a database gone when closed). */
export function openSqlite(file: string): Promise<Store> {
  return KyselyStore.open("sqlite", sqliteDb(file));
}

/** Opens (and migrates) a PostgreSQL database. */
export function openPostgres(url: string): Promise<Store> {
  return KyselyStore.open("postgres", postgresDb(url));
}
