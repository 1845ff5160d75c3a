/**
 * The records' schema, as migrations in code run in order on open by Kysely's Migrator (it
 * records what ran in `kysely_migration` and takes a lock, so two processes opening one
 * PostgreSQL database migrate it once). Times are milliseconds (`bigint`: PostgreSQL's
 * `integer` stops in 1970). The first four are the schema the SQLite store had before the
 * interface (tracked then by `PRAGMA user_version` 1 to 4) and create only what is missing:
 * a SQLite file written by that code opens with its data and goes on from the fifth.
 */
import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Engine } from "./types";

function migrations(engine: Engine): Record<string, Migration> {
  return {
    "0001-games": {
      async up(db) {
        await db.schema
          .createTable("games")
          .ifNotExists()
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("code", "text", (c) => c.notNull())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .addColumn("updated_at", "bigint", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("round", "integer", (c) => c.notNull())
          .addColumn("people", "text", (c) => c.notNull())
          .addColumn("log", "text", (c) => c.notNull())
          .addColumn("history", "text", (c) => c.notNull())
          .addColumn("ending", "text")
          .addColumn("scores", "text")
          .addColumn("final_hash", "text")
          .execute();
        await db.schema
          .createIndex("games_code")
          .ifNotExists()
          .on("games")
          .column("code")
          .execute();
      },
    },
    "0002-scenarios": {
      async up(db) {
        await db.schema
          .createTable("scenarios")
          .ifNotExists()
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("json", "text", (c) => c.notNull())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("scenarios_created")
          .ifNotExists()
          .on("scenarios")
          .column("created_at")
          .execute();
      },
    },
    "0003-workshops": {
      async up(db) {
        await db.schema
          .createTable("workshops")
          .ifNotExists()
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("code", "text", (c) => c.notNull().unique())
          .addColumn("created_at", "bigint", (c) => c.notNull())
          .addColumn("expires_at", "bigint", (c) => c.notNull())
          .addColumn("json", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex("workshops_expires")
          .ifNotExists()
          .on("workshops")
          .column("expires_at")
          .execute();
      },
    },
    "0004-tables": {
      async up(db) {
        await db.schema
          .createTable("tables")
          .ifNotExists()
          .addColumn("code", "text", (c) => c.primaryKey())
          .addColumn("game_id", "text", (c) => c.notNull())
          .addColumn("workshop_id", "text")
          .addColumn("updated_at", "bigint", (c) => c.notNull())
          .addColumn("setup", "text", (c) => c.notNull())
          .addColumn("live", "text", (c) => c.notNull())
          .execute();
      },
    },
    // Several processes on one database: who runs each table, and who is alive. Orders that
    // SQLite took from `rowid` (which PostgreSQL has not) get columns of their own.
    "0005-processes": {
      async up(db) {
        await db.schema.alterTable("tables").addColumn("owner", "text").execute();
        await db.schema.alterTable("tables").addColumn("started_at", "bigint").execute();
        await sql`UPDATE tables SET started_at = updated_at`.execute(db);
        await db.schema.alterTable("scenarios").addColumn("seq", "bigint").execute();
        if (engine === "sqlite") await sql`UPDATE scenarios SET seq = rowid`.execute(db);
        await db.schema
          .createTable("processes")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("heartbeat_at", "bigint", (c) => c.notNull())
          .execute();
      },
    },
  };
}

/** Runs every migration not yet run; throws (the store does not open) if one fails. */
export async function migrate(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(engine) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new Error(`the records' migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
