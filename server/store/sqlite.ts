/**
 * The default engine: one SQLite file in DATA_DIR (better-sqlite3, no service to run), in WAL
 * mode with `synchronous = NORMAL` (a crash of the process loses nothing written; a power cut,
 * at most the last transactions).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Schema } from "./kysely";

/** The SQLite file of a data folder. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "attractor.sqlite");
}

/** Kysely over the SQLite file `file` (`:memory:` for a database of one connection). */
export function sqliteDb(file: string): Kysely<Schema> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
}
