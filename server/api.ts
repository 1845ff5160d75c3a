/**
 * The JSON API beside the game: health, saved games, and scenarios (the presets, and uploads
 * validated and stored by `ScenarioLibrary`). A game's action log, seed and true
 * figures are only given once the game has ended (they reveal hidden information).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import express from "express";
import { decisionsCsv, roundsCsv } from "./csv";
import type { WindowLimiter } from "./rateLimit";
import type { ScenarioLibrary } from "./scenarios";
import type { SavedGame, Store } from "./store";

export interface ApiDeps {
  readonly store: Store;
  readonly scenarios: ScenarioLibrary;
  /** Uploads per address (a sliding minute), accepted or not. */
  readonly uploadLimiter: WindowLimiter;
  /** The address a request comes from, by the server's trust-proxy setting. */
  readonly addressOf: (req: express.Request) => string;
  readonly stats: () => { rooms: number; clients: number };
}

const GAME_ID = /^[A-Za-z0-9_-]{1,40}$/;
/** Largest scenario upload accepted. */
export const MAX_SCENARIO_BYTES = 64 * 1024;

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

/** The request body (read as text) parsed as JSON, or a sentence saying why it is not. */
function readJson(body: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof body !== "string" || body.trim() === "")
    return { ok: false, error: "scenario: the body is empty; send the scenario as JSON" };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `scenario: the body is not valid JSON (${why})` };
  }
}

/** A refused upload: a stable code, a sentence, and every problem found (one per line). */
function refuseUpload(res: express.Response, status: number, error: string, errors: string[]) {
  const message =
    status === 400 && error === "invalid_scenario"
      ? `The scenario was refused: ${errors.length} problem${errors.length === 1 ? "" : "s"}.`
      : errors[0]!;
  res.status(status).json({ error, message, errors });
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
  router.get("/api/games/:id", async (req, res) => {
    const id = req.params.id;
    const game = GAME_ID.test(id) ? await deps.store.get(id) : null;
    if (!game) {
      res.status(404).json({ error: "not_found", message: `No saved game ${id}.` });
      return;
    }
    res.json(publicRecord(game));
  });
  router.get("/api/games/:id/rounds.csv", async (req, res) => {
    const id = req.params.id;
    const game = GAME_ID.test(id) ? await deps.store.get(id) : null;
    if (!game) {
      res.status(404).type("text/plain").send(`No saved game ${id}.\n`);
      return;
    }
    res.type("text/csv").attachment(`attractor-${game.id}-rounds.csv`).send(roundsCsv(game));
  });
  // Every seat's decisions reveal hidden moves (evasion, say): only once the game has ended.
  router.get("/api/games/:id/decisions.csv", async (req, res) => {
    const id = req.params.id;
    const game = GAME_ID.test(id) ? await deps.store.get(id) : null;
    if (!game) {
      res.status(404).type("text/plain").send(`No saved game ${id}.\n`);
      return;
    }
    if (game.status !== "ended") {
      res
        .status(403)
        .type("text/plain")
        .send("The decisions of a game are given once it has ended (they reveal hidden moves).\n");
      return;
    }
    res.type("text/csv").attachment(`attractor-${game.id}-decisions.csv`).send(decisionsCsv(game));
  });
  router.get("/api/scenarios", (_req, res) => {
    res.json(deps.scenarios.presets());
  });
  router.get("/api/scenarios/:id", async (req, res) => {
    const scenario = await deps.scenarios.load(req.params.id);
    if (!scenario) {
      res.status(404).json({ error: "not_found", message: `No scenario ${req.params.id}.` });
      return;
    }
    res.json(scenario);
  });
  // The body limit is this route's own; any content type is read as JSON (curl --data).
  const scenarioBody = express.text({ limit: MAX_SCENARIO_BYTES, type: () => true });
  // Checks a scenario without storing it; always 200 with the verdict, for interactive clients.
  router.post("/api/scenarios/check", scenarioBody, (req, res) => {
    const body = readJson(req.body);
    if (!body.ok) {
      res.json({ ok: false, errors: [body.error] });
      return;
    }
    const result = deps.scenarios.check(body.value);
    res.json(
      result.ok ? { ok: true, name: result.scenario.name } : { ok: false, errors: result.errors },
    );
  });
  router.post(
    "/api/scenarios",
    (req, res, next) => {
      const address = deps.addressOf(req);
      const now = Date.now();
      if (!deps.uploadLimiter.take(address, now)) {
        const wait = Math.ceil(deps.uploadLimiter.retryAfterMs(address, now) / 1000);
        res.setHeader("Retry-After", String(Math.max(1, wait)));
        refuseUpload(res, 429, "too_fast", [
          `Too many uploads from your address; try again in ${Math.max(1, wait)} s.`,
        ]);
        return;
      }
      next();
    },
    scenarioBody,
    async (req, res) => {
      const body = readJson(req.body);
      if (!body.ok) {
        refuseUpload(res, 400, "bad_json", [body.error]);
        return;
      }
      const result = await deps.scenarios.add(body.value, Date.now());
      if (!result.ok) {
        refuseUpload(res, 400, "invalid_scenario", result.errors);
        return;
      }
      const { id, name, description } = result.scenario;
      res.status(201).json({ id, name, description });
    },
  );
  // Body errors (too large, a bad encoding) answer in JSON and words, never with a stack trace.
  router.use(
    "/api/scenarios",
    (
      err: { status?: number; type?: string; message?: string },
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      const check = req.path === "/check";
      if (err.type === "entity.too.large") {
        const errors = [`scenario: the body is over ${MAX_SCENARIO_BYTES / 1024} KB`];
        if (check) res.status(413).json({ ok: false, errors });
        else refuseUpload(res, 413, "too_large", errors);
      } else if (typeof err.status === "number" && err.status >= 400 && err.status < 500) {
        const errors = [`scenario: the body could not be read (${err.message ?? "bad request"})`];
        if (check) res.status(err.status).json({ ok: false, errors });
        else refuseUpload(res, err.status, "bad_body", errors);
      } else {
        next(err);
      }
    },
  );
  router.use("/api", (_req, res) => {
    res.status(404).json({ error: "not_found", message: "No such API route." });
  });
  return router;
}
