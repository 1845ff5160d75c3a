/**
 * Server processes of a cluster test: each `server/main.ts` as a child process (the restart
 * tests' `ServerProcess`: tsx as a loader in the child itself, so a SIGKILL to it leaves no
 * grandchild running) on one Redis, with the records in one shared DATA_DIR (SQLite) or one
 * PostgreSQL database (`databaseUrl`), reached through the front door at `{door}/{port}`.
 */
import type { TableLive } from "../../server/restore";
import type { Store } from "../../server/store";
import { ServerProcess } from "../server/restoreHarness";

export { ServerProcess };

export interface ClusterSite {
  readonly redisUrl: string;
  readonly dataDir: string;
  /** `postgres://…` for records in PostgreSQL; empty for the SQLite file in `dataDir`. */
  readonly databaseUrl: string;
  /** The front door's port (nginx on loopback). */
  readonly door: number;
}

/** One process of the cluster on `port`, its HTTP base its path on the front door. */
export function startMember(
  site: ClusterSite,
  port: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  return ServerProcess.start(
    site.dataDir,
    port,
    {
      REDIS_URL: site.redisUrl,
      DATABASE_URL: site.databaseUrl,
      PUBLIC_ADDRESS: `127.0.0.1:${site.door}/${port}`,
      TRUST_PROXY: "loopback",
      ...env,
    },
    `http://127.0.0.1:${site.door}/${port}`,
  );
}

/** What the records say of a table's state (the hash `restore.ts` checks its replay against). */
export async function recordedHash(store: Store, code: string): Promise<string | null> {
  const row = (await store.tablesInPlay()).find((r) => r.code === code);
  return row ? (JSON.parse(row.live) as TableLive).hash : null;
}
