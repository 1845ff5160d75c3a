/**
 * The records in PostgreSQL end to end (issue 12 item 3): a real server with DATABASE_URL set
 * (a throwaway cluster, `tests/services/postgres.ts`) plays three tables into round 3 (two
 * people, bots only, a workshop's), is stopped with SIGTERM, and a second server on the same
 * database restores every table at its round and phase with the same state hash, everyone
 * back in their seat; nothing was written to SQLite. Skipped with a message where PostgreSQL
 * is not installed, never in CI.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../server/store";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../services/postgres";
import {
  bobActs,
  cockpitRunsIt,
  everyoneBack,
  playThreeTables,
  probes,
  scene,
  stopServers,
  WORKSHOP,
} from "./restoreHarness";

const withPostgres = postgresAvailable("the server on PostgreSQL");
let cluster: PostgresCluster | null = null;

beforeAll(async () => {
  if (withPostgres) cluster = await startPostgres();
}, 60_000);
afterEach(stopServers);
afterAll(async () => {
  await cluster?.stop();
});

describe("a server on PostgreSQL", () => {
  it.skipIf(!withPostgres)(
    "SIGTERM: a second server on the same database restores every table to the same hash",
    async () => {
      const url = await cluster!.createDatabase("restore");
      const { dataDir, site, start } = await scene({ DATABASE_URL: url });
      const first = await start();
      const played = await playThreeTables(site, WORKSHOP);
      // A move in the phase in play must survive the stop too.
      await bobActs(site, played);
      const before = await probes(site);
      const exit = await first.kill("SIGTERM");
      expect(exit.code).toBe(0);
      expect(fs.existsSync(path.join(dataDir, "attractor.sqlite"))).toBe(false);

      const store = await openPostgres(url);
      try {
        const rows = await store.tablesInPlay();
        expect(rows.map((r) => r.code).sort()).toEqual(Object.values(played.codes).sort());
        // Released at the clean stop: no owner, so the next process claims them at once.
        expect(rows.every((r) => r.owner === null)).toBe(true);
        const gameId = played.people[0]!.player.table!.gameId!;
        expect((await store.get(gameId))?.status).toBe("playing");
      } finally {
        await store.close();
      }

      await start();
      const after = await probes(site);
      for (const code of Object.values(played.codes)) {
        const was = before.get(code)!;
        const now = after.get(code);
        expect(now, `table ${code} back`).toBeDefined();
        expect(now!.round).toBe(was.round);
        expect(now!.phase).toBe(was.phase);
        expect(now!.hash).toBe(was.hash);
        expect(now!.actions).toBe(was.actions);
        expect(now!.remainingMs).toBeLessThanOrEqual(was.remainingMs);
      }
      await everyoneBack(site, played);
      await cockpitRunsIt(site, played);
    },
    240_000,
  );
});
