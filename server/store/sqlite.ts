/**
 * The default engine: one SQLite file in DATA_DIR (better-sqlite3, no service to run), in WAL
 * mode with `synchronous = NORMAL` (a crash of the process loses nothing written; a power cut,
 * at most the last transactions). Processes on one machine may share the file (a try-out
 * cluster): better-sqlite3 waits for another's lock synchronously, which stops the event loop,
 * so it waits at most `BUSY_TIMEOUT_MS` and the store tries the write again later
 * (`whileBusy` in queue.ts) instead of its default five seconds.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Schema } from "./kysely";

/** How long one statement waits for another connection's lock before it fails as busy. */
export const BUSY_TIMEOUT_MS = 20;

/** The SQLite file of a data folder. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "attractor.sqlite");
}

/** Kysely over the SQLite file `file` (`:memory:` for a database of one connection). */
export function sqliteDb(file: string): Kysely<Schema> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
}
