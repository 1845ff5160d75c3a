/**
 * The server factory: one HTTP port carrying the built client (static, with a single-page
 * fallback), the JSON API, `/healthz` and the Colyseus WebSocket, behind one front door
 * (`front.ts`: security headers, matchmaking limits). Used by `main.ts`, the integration tests
 * and the benchmark.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { matchMaker, Server } from "@colyseus/core";
import { type TransportOptions, WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { nanoid } from "nanoid";
import { hashState } from "../shared/hash";
import { ROOM_NAME } from "../shared/protocol";
import { addressReader } from "./address";
import { apiRouter } from "./api";
import { ClusterNode, clusterAddress, STALE_MS, TakeOver } from "./cluster";
import type { ServerConfig } from "./config";
import { guardFront } from "./front";
import { OddsPool } from "./odds";
import { WindowLimiter } from "./rateLimit";
import { restoreTables, type SavedTable, savedTables, TableCodes } from "./restore";
import { GameRoom, type RoomServices } from "./room";
import { ScenarioLibrary } from "./scenarios";
import { randomSeed } from "./services";
import { openStore, type Store } from "./store";
import { workshopRouter } from "./workshopApi";
import { type OddsSource, WorkshopService } from "./workshops";

export interface RunningServer {
  readonly port: number;
  readonly store: Store;
  /** This process's id in the records (the owner of its tables' rows). */
  readonly processId: string;
  readonly services: RoomServices;
  readonly workshops: WorkshopService;
  /** The workers computing the cockpit's odds from here (null when `ODDS_RUNS` is 0). */
  readonly odds: OddsPool | null;
  /** The codes of the tables restored from the store when the server started. */
  readonly restored: readonly string[];
  /** This process in its cluster (`REDIS_URL`, `cluster.ts`), or null when it runs alone. */
  readonly cluster: ClusterNode | null;
  /**
   * Saves every game in play (to be resumed at the next start), closes every room, waits for
   * every queued write to reach the records, and closes them.
   */
  close(): Promise<void>;
}

const MINUTE = 60_000;

/**
 * Compression of what the server sends (`WS_DEFLATE=1`; off by default). Each connection keeps
 * its compression context, so a round's view patches, which repeat the same keys and paths,
 * shrank to about half on the wire before the wire form (shared/wire.ts) took most of that
 * repetition out (bench:server, 100 rooms at e6ffe5f: 2.03 KB a client a round against 4.28 KB;
 * 1.57 KB now without it), for about a third more server CPU, 120 KB more memory a connection and a slower
 * reply (zlib runs on libuv's threads: p99 71 ms against 26 ms): worth it where bandwidth is
 * dearer than the server. Clients compress without a context of their own
 * (`clientNoContextTakeover`), so they send their small messages (every action, chat line and
 * command is under ws's 1 KB threshold) as they are: colyseus.js in Node hands its socket a view
 * of a buffer it reuses for the next message, which an asynchronous compression would read
 * after it changed.
 */
const DEFLATE: TransportOptions["perMessageDeflate"] = {
  serverMaxWindowBits: 10,
  clientNoContextTakeover: true,
  zlibDeflateOptions: { memLevel: 4 },
};

/** Services a caller may give instead of the defaults (tests: their own seeds). */
export interface ServiceOverrides {
  readonly newSeed?: () => number;
  /** The clock of workshops' retention (tests move it on by days). */
  readonly now?: () => number;
  /** Where workshops' odds come from instead of the server's worker pool (tests: a fake). */
  readonly odds?: OddsSource | null;
}

export async function startServer(
  config: ServerConfig,
  overrides: ServiceOverrides = {},
): Promise<RunningServer> {
  const store = await openStore(config);
  const processId = `${os.hostname()}-${process.pid}-${nanoid(6)}`;
  // With Redis, this process shares matchmaking, join codes and workshops with the others.
  const address = config.redisUrl ? clusterAddress(config) : null;
  const cluster = config.redisUrl ? new ClusterNode(config.redisUrl, processId) : null;
  const scenarios = new ScenarioLibrary(store, config.maxScenarios);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const addressOf = addressReader(app);
  const services: RoomServices = {
    config,
    store,
    processId,
    scenarios,
    createLimiter: new WindowLimiter(config.createsPerMinute, MINUTE),
    addressOf,
    rooms: new Set(),
    codes: cluster ? cluster.codes : new TableCodes(),
    workshopTables: new Map(),
    restoring: new Map(),
    lifecycle: { closing: false },
    newSeed: overrides.newSeed ?? randomSeed,
  };
  const failedJoins = new WindowLimiter(config.failedJoinsPerHour, 60 * MINUTE);
  // Odds from here run on worker threads at a low priority, off this event loop.
  const odds =
    overrides.odds === undefined && config.oddsRuns > 0
      ? new OddsPool({
          threads: config.oddsThreads,
          runs: config.oddsRuns,
          nice: config.oddsNice,
          warmupRuns: config.oddsWarmupRuns,
        })
      : null;
  odds?.ready().then(
    () =>
      console.log(
        `odds from here: ${config.oddsThreads} worker thread(s) ready, ${config.oddsRuns} runs a table a round${odds.lowered ? `, nice ${config.oddsNice}` : " (priority not lowered)"}`,
      ),
    (error: unknown) => {
      // Stopped before its threads had warmed up: nothing is wrong with them.
      if (services.lifecycle.closing) return;
      console.error("odds from here are off:", error);
    },
  );
  // Saved tables' codes are held before anything can take one; their rooms come back below
  // (a workshop's through its workshop, to be re-attached to it). Alone, this process claims
  // every table in the records; in a cluster, those of processes gone (`cluster.ts`), after
  // saying it is alive, so no peer takes from it what it takes.
  let saved: Awaited<ReturnType<typeof savedTables>>;
  const takeOver = cluster ? new TakeOver(cluster, store, (t) => restore(t)) : null;
  try {
    if (cluster && address) await cluster.start(address);
    const now = Date.now();
    await store.heartbeat(processId, now);
    saved = await savedTables(services, () => true, cluster ? now - STALE_MS : undefined);
    await takeOver?.own(saved);
  } catch (error) {
    await cluster?.close();
    await store.close();
    throw error;
  }
  const workshops = new WorkshopService(services, overrides.now, {
    odds: overrides.odds === undefined ? odds : overrides.odds,
  });

  if (config.testHooks) app.get("/api/test/tables", (_req, res) => res.json(liveTables(services)));
  app.use(
    workshopRouter({
      workshops,
      createLimiter: services.createLimiter,
      failedJoins,
      addressOf,
      cluster,
      knownWorkshop: async (code) => (await store.workshopByCode(code)) !== null,
    }),
  );
  app.use(
    apiRouter({
      store,
      scenarios,
      uploadLimiter: new WindowLimiter(config.uploadsPerMinute, MINUTE),
      addressOf,
      stats: () => ({
        rooms: services.rooms.size,
        clients: [...services.rooms].reduce((n, r) => n + r.clients.length, 0),
      }),
    }),
  );
  const index = path.join(config.clientDist, "index.html");
  if (fs.existsSync(index)) {
    app.use(express.static(config.clientDist, { index: "index.html" }));
    app.get("/{*splat}", (_req, res) => res.sendFile(index));
  } else {
    app.get("/", (_req, res) => {
      res
        .type("text/plain")
        .send("Attractor server is running; the browser client is not built (npm run build).\n");
    });
  }

  const httpServer = http.createServer(app);
  const gameServer = new Server({
    transport: new WebSocketTransport({
      server: httpServer,
      maxPayload: 4096,
      ...(config.wsDeflate ? { perMessageDeflate: DEFLATE } : {}),
    }),
    gracefullyShutdown: false,
    greet: false,
    ...(cluster && address ? cluster.serverOptions(address.public) : {}),
  });
  guardFront(httpServer, {
    addressOf,
    isLive: (code) => (cluster ? cluster.codes.isLive(code) : services.codes.has(code)),
    failedJoins,
    failedJoinDelayMs: config.failedJoinDelayMs,
  });
  matchMaker.controller.exposedMethods = ["create", "joinById", "reconnect"];
  gameServer.define(ROOM_NAME, GameRoom.withServices(services));
  try {
    await gameServer.listen(config.port, config.host);
  } catch (error) {
    await odds?.close();
    await cluster?.close();
    await store.close();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  async function restore(tables: readonly SavedTable[]): Promise<string[]> {
    return [
      ...(await restoreTables(
        services,
        tables.filter((t) => t.setup.workshopId === null),
      )),
      ...(await workshops.restoreTables(tables.filter((t) => t.setup.workshopId !== null))),
    ];
  }
  const restored = await restore(saved);
  if (saved.length > 0)
    console.log(
      `restored ${restored.length} of ${saved.length} table(s) in play: ${restored.join(" ")}`,
    );
  if (cluster) {
    console.log(`cluster: process ${processId}, reached at ${address?.public}`);
    takeOver?.start();
  }

  let closed = false;
  return {
    port,
    store,
    processId,
    services,
    workshops,
    odds,
    restored,
    cluster,
    async close() {
      if (closed) return;
      closed = true;
      services.lifecycle.closing = true;
      // No more take-overs; codes stay in Redis for whoever takes these tables over.
      await takeOver?.stop();
      cluster?.stopping();
      workshops.close();
      const oddsClosed = odds?.close();
      for (const room of services.rooms) room.saveNow();
      await gameServer.gracefullyShutdown(false);
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await oddsClosed;
      // Every write the rooms queued as they closed reaches the records before they close.
      await store.flush();
      await store.releaseProcess(processId);
      // Gone only now that every game is saved and released: peers take them over.
      await cluster?.close();
      await store.close();
    },
  };
}

/** What a test reads of each live table (`TEST_HOOKS=1` only): where its game stands. */
export interface LiveTableProbe {
  readonly code: string;
  readonly stage: string;
  readonly round: number;
  readonly phase: string;
  readonly paused: boolean;
  readonly remainingMs: number;
  readonly actions: number;
  readonly hash: string | null;
  readonly botsRan: boolean;
  readonly people: readonly { name: string; seat: string | null; connected: boolean }[];
}

function liveTables(services: RoomServices): LiveTableProbe[] {
  return [...services.rooms].map((room) => {
    const course = room.courseOf;
    const game = course.game;
    return {
      code: room.roomId,
      stage: course.stage,
      round: game?.state.round ?? 0,
      phase: game?.state.phase ?? "lobby",
      paused: game?.paused ?? false,
      remainingMs: Math.round(game?.remainingMs() ?? 0),
      actions: game?.actions.length ?? 0,
      hash: game ? hashState(game.state) : null,
      botsRan: game?.botTurn().ran ?? false,
      people: [...course.table.people.values()].map((p) => ({
        name: p.name,
        seat: p.seat,
        connected: p.sessionId !== null,
      })),
    };
  });
}
