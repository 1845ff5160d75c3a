/**
 * PostgreSQL (`DATABASE_URL=postgres://…`): a `pg` pool, shared by every process that serves
 * the same game. `bigint` columns (times in milliseconds) come back as numbers, not strings:
 * they stay far below 2^53.
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Schema } from "./kysely";

const INT8 = 20;

/** Whether a DATABASE_URL names PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Kysely over a pool of at most `max` connections to `url`. */
export function postgresDb(url: string, max = 4): Kysely<Schema> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 && format !== "binary"
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (a restart of PostgreSQL) must not crash the process.
  pool.on("error", (error) => console.error("[store] PostgreSQL connection lost:", error.message));
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}
