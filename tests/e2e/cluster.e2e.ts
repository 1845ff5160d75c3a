/**
 * Issue 12, items 2 and 4 in a browser: a page comes back by itself when the process holding
 * its table dies. Two server processes on one throwaway Redis, their records in a throwaway
 * PostgreSQL, behind nginx as the front door (deploy/nginx.conf.template: `/{port}/` to each
 * process, the rest to either); the page is opened at the front door and plays a solo game
 * into round 2 on whichever process the front door gave it (A). A is killed outright
 * (SIGKILL); the other process (B) restores the table from PostgreSQL; the page shows
 * "reconnecting" and, with nobody touching it, comes back to the same seat at the same round
 * and phase, its WebSocket now on B's path, the state on B the very one A had. Needs Redis,
 * nginx and PostgreSQL: skipped with a message where one is missing, failing under CI.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/services";
import type { LiveTableProbe } from "../../server/app";
import { openPostgres, type Store } from "../../server/store";
import { sqliteFile } from "../../server/store/sqlite";
import {
  type ClusterSite,
  recordedHash,
  type ServerProcess,
  startMember,
} from "../cluster/processes";
import { haveNginx, startNginx, type ThrowawayNginx } from "../services/nginx";
import { type PostgresCluster, postgresAvailable, startPostgres } from "../services/postgres";
import { haveRedis, startRedis, type ThrowawayRedis } from "../services/redis";
import { LONG_PHASES } from "./env";
import { hook, launch, openPage, ROOT, readyUntil, waitFor } from "./harness";
import { SHOWS_BANNER, soloInRound2, WATCH_BANNER } from "./reconnecting";

const ready =
  haveRedis() && haveNginx() && postgresAvailable("the browser test across two processes");

/** The processes as a browser test wants them: the built client, long phases, quick bots. */
const MEMBER_ENV: Record<string, string> = {
  ...LONG_PHASES,
  CLIENT_DIST: process.env.E2E_CLIENT_DIST ?? path.join(ROOT, "client/dist"),
  BOT_DELAY_MS: "50",
};

describe.skipIf(!ready)("a page across two processes behind the front door", () => {
  let redis: ThrowawayRedis;
  let postgres: PostgresCluster | null = null;
  let door: ThrowawayNginx;
  let dataDir: string;
  let site: ClusterSite;
  let members: ServerProcess[] = [];
  let records: Store | null = null;
  let browser: Browser;
  let ctx: BrowserContext | null = null;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-e2e-cluster-"));
    redis = await startRedis();
    postgres = await startPostgres();
    const databaseUrl = await postgres.createDatabase("cluster");
    const ports = [await freePort(), await freePort()];
    door = await startNginx(ports.map((p) => ({ path: String(p), upstream: `127.0.0.1:${p}` })));
    site = { redisUrl: redis.url, dataDir, door: door.port, databaseUrl };
    // One after the other: the first migrates the records, which the second then finds done.
    for (const port of ports) members.push(await startMember(site, port, MEMBER_ENV));
    records = await openPostgres(databaseUrl);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await records?.close();
    for (const m of members) await m.stop();
    members = [];
    await door?.stop();
    await redis?.stop();
    await postgres?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("the process holding the table killed: the page shows reconnecting and comes back to its seat on the other by itself", async () => {
    const front = `http://127.0.0.1:${door.port}`;
    const errors: string[] = [];
    ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx, errors);
    const sockets: string[] = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    await soloInRound2(front, page);
    const before = await hook(page);
    const code = before.code!;
    expect(before.seat?.token).toBeTruthy();

    // A is the process the front door gave the table to; the page's WebSocket is on its path.
    const holds = await Promise.all(members.map(async (m) => (await m.tables()).has(code)));
    expect(holds.filter(Boolean)).toHaveLength(1);
    const a = members[holds.indexOf(true)]!;
    const b = members[holds.indexOf(false)]!;
    expect(sockets.at(-1)).toContain(`/${a.port}/`);

    // Nothing more is due on A (the bots act only in Act and Legislate, once a phase) and the
    // records have what A shows: what the SIGKILL then cuts off is only the clock.
    const settled = (t: LiveTableProbe) =>
      t.botsRan || (t.phase !== "act" && t.phase !== "legislate");
    const deadline = Date.now() + 30_000;
    let was = (await a.tables()).get(code)!;
    while (!settled(was) || (await recordedHash(records!, code)) !== was.hash) {
      if (Date.now() > deadline)
        throw new Error(
          `the table on A never settled in its records (A: ${JSON.stringify(was)}, the records: ${await recordedHash(records!, code)}):\n${a.said}`,
        );
      was = (await a.tables()).get(code)!;
    }
    expect(was.round).toBe(before.table?.round);
    await page.evaluate(WATCH_BANNER);

    await a.kill("SIGKILL");
    await waitFor(page, SHOWS_BANNER, 30_000);
    expect((await hook(page)).connection).toBe("reconnecting");

    // B takes the table over from PostgreSQL: the same round, phase and state.
    await b.waitFor(`took over 1 of 1 table(s) of processes gone: ${code}`, 60_000);
    const restored = (await b.tables()).get(code)!;
    expect([restored.round, restored.phase, restored.hash]).toEqual([
      was.round,
      was.phase,
      was.hash,
    ]);

    // Nobody touches the page: its own tries find the table on B through the front door.
    await waitFor(page, "window.__attractor.state().connection === 'connected'", 120_000);
    await page.waitForSelector("[data-testid=reconnecting]", { state: "detached" });
    await waitFor(page, "window.__attractor.state().view?.seat?.seat != null");
    const back = await hook(page);
    expect(back.screen).toBe("game");
    expect(back.code).toBe(code);
    expect(back.seat?.seat).toBe(before.seat?.seat);
    expect(back.seat?.token).toBe(before.seat?.token);
    expect(back.view?.seat?.seat).toBe(before.seat?.seat);
    expect(back.table?.round).toBe(before.table?.round);
    expect(back.table?.phase).toBe(before.table?.phase);
    expect(back.view?.public.round).toBe(before.view?.public.round);
    const seats = (s: typeof before) => s.table?.seats.map((x) => `${x.id}:${x.role}`);
    expect(seats(back)).toEqual(seats(before));
    expect(back.table?.seats.find((x) => x.id === back.seat?.seat)?.player).toBe(back.playerId);
    expect(sockets.at(-1)).toContain(`/${b.port}/`);
    const seen = (await page.evaluate("window.__bannerSeen")) as string[];
    expect(seen.some((t) => /reconnecting/i.test(t))).toBe(true);
    expect(await page.evaluate("window.__noReload")).toBe("still here");

    // On B the person is back in the seat, and the game is where A left it.
    const onB = (await b.tables()).get(code)!;
    expect(onB.people.filter((p) => p.connected)).toEqual([
      { name: "Ada", seat: before.seat?.seat, connected: true },
    ]);
    expect([onB.round, onB.phase]).toEqual([was.round, was.phase]);
    // The game goes on on B: the page's Ready ends the phase there.
    await readyUntil(
      page,
      `window.__attractor.state().table?.phase !== ${JSON.stringify(was.phase)}`,
    );
    expect((await b.tables()).get(code)!.phase).not.toBe(was.phase);
    // The records were PostgreSQL's alone: no process wrote a SQLite file.
    expect(fs.existsSync(sqliteFile(dataDir))).toBe(false);
    expect(errors).toEqual([]);
  });
});
