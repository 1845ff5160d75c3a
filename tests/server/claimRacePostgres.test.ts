/**
 * Regression: on PostgreSQL a claim must not take a table another process claimed while this
 * claim waited on the row (`Store.claimTables`, the take-over of `cluster.ts`). At READ
 * COMMITTED, PostgreSQL re-checks a row changed under a waiting UPDATE against its new version,
 * but the list of live processes in the same statement stays as it was when the statement
 * began: a claimer whose heartbeat came after that moment counted as gone, and the waiting
 * claim took its table from it, so one table ran on two processes. Here process Y says it is
 * alive and claims a dead process's table in one transaction; X's claim starts before Y
 * commits and waits on the row; once Y commits, X must not get the table. Skipped with a
 * message where PostgreSQL is not installed, never in CI.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../server/store";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../services/postgres";

const withPostgres = postgresAvailable("the claim race on PostgreSQL");
let cluster: PostgresCluster | null = null;

beforeAll(async () => {
  if (withPostgres) cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

/** Resolves once some connection to the database waits on a row lock. */
async function someoneWaitsOnALock(watcher: pg.Client): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await watcher.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (rows[0]!.n > 0) return;
    if (Date.now() > deadline) throw new Error("no claim ever waited on the row");
  }
}

describe("claiming tables on PostgreSQL", () => {
  it.skipIf(!withPostgres)(
    "a claim that waited on a row another process claimed meanwhile does not take it",
    async () => {
      const url = await cluster!.createDatabase("claim_race");
      const store = await openPostgres(url);
      const y = new pg.Client({ connectionString: url });
      const watcher = new pg.Client({ connectionString: url });
      await y.connect();
      await watcher.connect();
      try {
        await store.heartbeat("dead", 100);
        await store.saveTable({
          code: "RACE1",
          gameId: "g-RACE1",
          workshopId: null,
          updatedAt: 1,
          setup: "{}",
          live: "{}",
          owner: "dead",
        });
        await store.heartbeat("x", 1000);
        await store.flush();
        // Y: alive and claiming, not yet committed (it holds the row).
        await y.query("BEGIN");
        await y.query("INSERT INTO processes (id, heartbeat_at) VALUES ('y', 1000)");
        await y.query("UPDATE tables SET owner = 'y' WHERE code = 'RACE1'");
        // X claims what is stale before 500: it waits on Y's row.
        const x = store.claimTables("x", 500);
        await someoneWaitsOnALock(watcher);
        await y.query("COMMIT");
        expect((await x).map((r) => r.code)).toEqual([]);
        const rows = await store.tablesInPlay();
        expect(rows.map((r) => [r.code, r.owner])).toEqual([["RACE1", "y"]]);
      } finally {
        await y.end();
        await watcher.end();
        await store.close();
      }
    },
    60_000,
  );
});
