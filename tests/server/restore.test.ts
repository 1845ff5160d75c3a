/**
 * Tables survive their server: a real server runs as a child process (`server/main.ts` on a
 * temp DATA_DIR and a free port), three tables are played into round 3 (two people over the
 * protocol, one of bots only, one workshop table with its students), the server is killed
 * (SIGKILL) or stopped (SIGTERM) and started again on the same records: every table is back
 * under its code at its round and phase with the same state hash (`GET /api/test/tables`,
 * `TEST_HOOKS=1`), every person gets their seat back by joining with their seat token, as
 * the browser client does after a close, and is sent the table's chat history as it was (a
 * SIGKILL keeps the lines said before the table's last record; a SIGTERM every line).
 */
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../server/store";
import {
  bobActs,
  chatCameBack,
  cockpitRunsIt,
  everyoneBack,
  playThreeTables,
  probes,
  say,
  scene,
  stopServers,
  WORKSHOP,
} from "./restoreHarness";

afterEach(stopServers);

describe("tables survive a restart", () => {
  it("SIGKILL mid-round: every table is back at its round with the same hash, everyone in their seat", async () => {
    const { site, start } = await scene();
    const first = await start();
    const played = await playThreeTables(site, WORKSHOP);
    const before = await probes(site);
    await first.kill("SIGKILL");

    const second = await start();
    const after = await probes(site);
    for (const code of Object.values(played.codes)) {
      const was = before.get(code)!;
      const now = after.get(code);
      expect(now, `table ${code} back; the server said:\n${second.said}`).toBeDefined();
      expect(now!.stage).toBe("playing");
      expect(now!.round).toBe(3);
      expect(now!.phase).toBe("act");
      // Nothing happened since the bots' turn: the record is the game as it was.
      expect(now!.hash).toBe(was.hash);
      expect(now!.actions).toBe(was.actions);
      // What was left at the last record (the time since is lost with the process), at most
      // the whole Act phase (1800 s × 0.02).
      expect(now!.remainingMs).toBeGreaterThan(0);
      expect(now!.remainingMs).toBeLessThanOrEqual(36_000);
    }
    await everyoneBack(site, played);
    await chatCameBack(site, played);

    // The game goes on: the host is host again and skips to Legislate.
    const alice = played.people[0]!.player;
    await alice.until(
      () => alice.table!.players.find((p) => p.name === "Alice")?.host,
      "Alice host again",
    );
    alice.send("skip", {});
    await alice.until(() => alice.table!.phase === "legislate", "Legislate after the restart");
    await cockpitRunsIt(site, played);
  }, 240_000);

  it("SIGTERM: nothing is lost, the games are saved as resumable and come back", async () => {
    const { dataDir, site, start } = await scene();
    const first = await start();
    const played = await playThreeTables(site, WORKSHOP);
    // People act in the phase in play: their moves must survive the stop.
    await bobActs(site, played);
    // A line said just before the stop: the last record, written at the stop, has it.
    await say(played, 1, "Right before the stop.");
    const before = await probes(site);
    const exit = await first.kill("SIGTERM");
    expect(exit.code).toBe(0);

    const store = await openStore({ databaseUrl: "", dataDir });
    const rows = await store.tablesInPlay();
    await store.close();
    expect(rows.map((r) => r.code).sort()).toEqual(Object.values(played.codes).sort());

    await start();
    const after = await probes(site);
    for (const code of Object.values(played.codes)) {
      const was = before.get(code)!;
      const now = after.get(code)!;
      expect(now, `table ${code} back`).toBeDefined();
      expect(now.round).toBe(was.round);
      expect(now.phase).toBe(was.phase);
      expect(now.hash).toBe(was.hash);
      expect(now.actions).toBe(was.actions);
      // The record was written at the stop, after the look before it.
      expect(now.remainingMs).toBeLessThanOrEqual(was.remainingMs);
    }
    await everyoneBack(site, played);
    await chatCameBack(site, played);
    await cockpitRunsIt(site, played);
    const reopened = await openStore({ databaseUrl: "", dataDir });
    const gameId = played.people[0]!.player.table!.gameId!;
    expect((await reopened.get(gameId))?.status).toBe("playing");
    await reopened.close();
  }, 240_000);
});
