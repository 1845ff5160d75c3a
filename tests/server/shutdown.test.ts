/**
 * A graceful shutdown (SIGINT/SIGTERM run the same close) saves the games in play as
 * resumable: the saved game stays "playing" (not "abandoned") and the table's record is kept
 * for the next start (`restore.test.ts` restarts a real server on it).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../server/store";
import { bootServer, createTable } from "./helpers";

describe("graceful shutdown", () => {
  it("saves the games in play as resumable", async () => {
    const other = await bootServer();
    // (One server per test file: Colyseus's matchmaker is one per process.)
    const solo = await createTable(other, { name: "Solo", mode: "solo", role: "company" });
    await solo.until(() => solo.table!.round >= 2, "round 2", 30_000);
    const gameId = solo.table!.gameId!;
    await other.close();
    const store = await openStore({ databaseUrl: "", dataDir: other.dataDir });
    const saved = await store.get(gameId);
    const tables = await store.tablesInPlay();
    await store.close();
    expect(saved).not.toBeNull();
    expect(saved!.status).toBe("playing");
    expect(tables.map((t) => t.gameId)).toEqual([gameId]);
    expect(saved!.log.actions.length).toBeGreaterThan(0);
    expect(saved!.people.C1).toBe("Solo");
    expect(path.basename(other.dataDir)).toMatch(/^attractor-test-/);
  });
});
