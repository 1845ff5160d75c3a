/**
 * The server factory: one HTTP port carrying the built client (static, with a single-page
 * fallback), the JSON API, `/healthz` and the Colyseus WebSocket, behind one front door
 * (`front.ts`: security headers, matchmaking limits). Used by `main.ts`, the integration tests
 * and the benchmark.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { matchMaker, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { ROOM_NAME } from "../shared/protocol";
import { addressReader } from "./address";
import { apiRouter } from "./api";
import { JoinCodes } from "./codes";
import type { ServerConfig } from "./config";
import { guardFront } from "./front";
import { OddsPool } from "./odds";
import { WindowLimiter } from "./rateLimit";
import { GameRoom, type RoomServices } from "./room";
import { ScenarioLibrary } from "./scenarios";
import { randomSeed } from "./services";
import { GameStore } from "./store";
import { workshopRouter } from "./workshopApi";
import { type OddsSource, WorkshopService } from "./workshops";

export interface RunningServer {
  readonly port: number;
  readonly store: GameStore;
  readonly services: RoomServices;
  readonly workshops: WorkshopService;
  /** The workers computing the cockpit's odds from here (null when `ODDS_RUNS` is 0). */
  readonly odds: OddsPool | null;
  /** Saves every game in play, closes every room and the database. */
  close(): Promise<void>;
}

const MINUTE = 60_000;

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
  const store = GameStore.inDataDir(config.dataDir);
  const scenarios = new ScenarioLibrary(store, config.maxScenarios);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const addressOf = addressReader(app);
  const services: RoomServices = {
    config,
    store,
    scenarios,
    createLimiter: new WindowLimiter(config.createsPerMinute, MINUTE),
    addressOf,
    rooms: new Set(),
    codes: new JoinCodes(),
    workshopTables: new Map(),
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
    (error: unknown) => console.error("odds from here are off:", error),
  );
  const workshops = new WorkshopService(services, overrides.now, {
    odds: overrides.odds === undefined ? odds : overrides.odds,
  });

  app.use(
    workshopRouter({
      workshops,
      createLimiter: services.createLimiter,
      failedJoins,
      addressOf,
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
    transport: new WebSocketTransport({ server: httpServer, maxPayload: 4096 }),
    gracefullyShutdown: false,
    greet: false,
  });
  guardFront(httpServer, {
    addressOf,
    isLive: (code) => services.codes.has(code),
    failedJoins,
    failedJoinDelayMs: config.failedJoinDelayMs,
  });
  matchMaker.controller.exposedMethods = ["create", "joinById", "reconnect"];
  gameServer.define(ROOM_NAME, GameRoom.withServices(services));
  try {
    await gameServer.listen(config.port, config.host);
  } catch (error) {
    await odds?.close();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;

  let closed = false;
  return {
    port,
    store,
    services,
    workshops,
    odds,
    async close() {
      if (closed) return;
      closed = true;
      workshops.close();
      const oddsClosed = odds?.close();
      for (const room of services.rooms) room.saveNow();
      await gameServer.gracefullyShutdown(false);
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await oddsClosed;
      store.close();
    },
  };
}
