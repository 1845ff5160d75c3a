/**
 * The JSON API beside the game: health, and saved games. A game's action log, seed and true
 * figures are only given once the game has ended (they reveal hidden information).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import express from "express";
import { ATTRACTORS, WELFARE_DIMS } from "../shared/vocabulary";
import type { GameStore, SavedGame } from "./store";

export interface ApiDeps {
  readonly store: GameStore;
  readonly stats: () => { rooms: number; clients: number };
}

const GAME_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** What `GET /api/games/:id` returns: the whole record after the end, the public part before. */
export function publicRecord(game: SavedGame): Record<string, unknown> {
  if (game.status === "ended") return { ...game };
  return {
    id: game.id,
    code: game.code,
    createdAt: game.createdAt,
    updatedAt: game.updatedAt,
    status: game.status,
    round: game.round,
    people: game.people,
    scenario: game.log.scenario.id,
    seats: game.log.seats,
  };
}

const PUBLIC_COLUMNS = [
  "round",
  "year",
  "proxy",
  "measured_welfare",
  "measured_noise",
  "capability",
  "pressure",
  "visible_safety",
  "regulations",
] as const;
const TRUE_COLUMNS = [
  "welfare",
  ...ATTRACTORS.map((a) => `risk_${a}`),
  ...WELFARE_DIMS.map((d) => `dim_${d}`),
];

/** One row per round: public figures always, true welfare and risks only after the end. */
export function roundsCsv(game: SavedGame): string {
  const ended = game.status === "ended";
  const lines = [[...PUBLIC_COLUMNS, ...TRUE_COLUMNS].join(",")];
  for (const r of game.history) {
    const pub = [
      r.round,
      game.log.scenario.startYear + r.round - 1,
      r.proxy,
      r.measuredWelfare,
      r.measuredNoise,
      r.capability,
      r.pressure,
      r.visibleSafety,
      r.regulations,
    ];
    const truth = ended ? [r.welfare, ...r.risks, ...r.dims] : TRUE_COLUMNS.map(() => "");
    lines.push([...pub, ...truth].map(String).join(","));
  }
  return `${lines.join("\n")}\n`;
}

export function apiRouter(deps: ApiDeps): express.Router {
  const router = express.Router();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  router.get("/healthz", (_req, res) => {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    res.json({
      ok: true,
      ...deps.stats(),
      uptimeSeconds: Math.round(process.uptime()),
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
      /** Event-loop delay since the last /healthz (how late the server runs its work). */
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
    });
    loop.reset();
  });
  router.get("/api/games/:id", (req, res) => {
    const id = req.params.id;
    const game = GAME_ID.test(id) ? deps.store.get(id) : null;
    if (!game) {
      res.status(404).json({ error: "not_found", message: `No saved game ${id}.` });
      return;
    }
    res.json(publicRecord(game));
  });
  router.get("/api/games/:id/rounds.csv", (req, res) => {
    const id = req.params.id;
    const game = GAME_ID.test(id) ? deps.store.get(id) : null;
    if (!game) {
      res.status(404).type("text/plain").send(`No saved game ${id}.\n`);
      return;
    }
    res.type("text/csv").attachment(`attractor-${game.id}-rounds.csv`).send(roundsCsv(game));
  });
  router.use("/api", (_req, res) => {
    res.status(404).json({ error: "not_found", message: "No such API route." });
  });
  return router;
}
