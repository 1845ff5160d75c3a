/**
 * The server's settings, read once from the environment (README.md lists every variable).
 * Tests build a config directly and override what they need (short timers, a temp DATA_DIR).
 */
import path from "node:path";
import { parseTrustProxy, type TrustProxy } from "./address";

export interface ServerConfig {
  /** TCP port for HTTP and WebSocket (0 picks a free one). */
  readonly port: number;
  readonly host: string;
  /** Folder for the SQLite file (unused when `databaseUrl` is set). */
  readonly dataDir: string;
  /** `postgres://…`: the records in PostgreSQL instead of SQLite (empty: SQLite in `dataDir`). */
  readonly databaseUrl: string;
  /** Folder of the built browser client, served statically with an SPA fallback. */
  readonly clientDist: string;
  /** Seconds a dropped person keeps their seat before a bot plays it. */
  readonly reconnectSeconds: number;
  /** Seconds a started game with nobody connected stays open before it is saved and closed. */
  readonly abandonSeconds: number;
  /** Most tables (rooms) running at once. */
  readonly maxRooms: number;
  /** Tables one address may create per minute. */
  readonly createsPerMinute: number;
  /** Scenarios one address may upload per minute. */
  readonly uploadsPerMinute: number;
  /** Joins by a code that names no live table one address may try per hour. */
  readonly failedJoinsPerHour: number;
  /** How long the answer to a join by an unknown code is held back (slows guessing). */
  readonly failedJoinDelayMs: number;
  /**
   * Express's "trust proxy" for the per-address limits: false (default) uses the TCP peer and
   * ignores forwarded headers; otherwise `X-Forwarded-For` is read through trusted proxies.
   */
  readonly trustProxy: TrustProxy;
  /** Uploaded scenarios kept; beyond this the oldest is forgotten. */
  readonly maxScenarios: number;
  /** Messages a client may send per second before it is throttled (then disconnected). */
  readonly messagesPerSecond: number;
  /** Multiplier on every phase timer (tests and benchmarks use small values). */
  readonly timeScale: number;
  /** Milliseconds after a phase opens before the bots act. */
  readonly botDelayMs: number;
  /** Public origin for join links (e.g. https://attractor.example); empty: relative links. */
  readonly publicUrl: string;
  /** Days a workshop (its record, tables' saved games) is kept after its creation, then deleted. */
  readonly workshopDays: number;
  /** Most tables one workshop opens (students beyond them watch). */
  readonly workshopMaxTables: number;
  /** Seconds without a message after which the cockpit calls a connected student idle. */
  readonly workshopIdleSeconds: number;
  /** Milliseconds between one table and the next when the facilitator starts them all. */
  readonly workshopStartSpacingMs: number;
  /**
   * Bot continuations per table per round for the cockpit's odds from here (0: no odds, no
   * worker threads).
   */
  readonly oddsRuns: number;
  /** Most worker threads computing odds (each one table at a time; requests queue). */
  readonly oddsThreads: number;
  /** The nice value of the odds threads (19, the lowest priority; ignored where refused). */
  readonly oddsNice: number;
  /** Continuations each odds thread plays at its start to warm the rules up (0: none). */
  readonly oddsWarmupRuns: number;
  /**
   * Whether WebSocket messages to clients are compressed (permessage-deflate, `WS_DEFLATE=1`):
   * half the bytes on the wire for a third more server CPU and memory (`server/app.ts`).
   */
  readonly wsDeflate: boolean;
  /**
   * Test hooks (`TEST_HOOKS=1`): a message type that throws, to test that a failing handler
   * harms nobody, and `GET /api/test/tables` (each live table's round, phase and state hash).
   */
  readonly testHooks: boolean;
  /**
   * Redis for running several processes as one game (`redis://host:port/db`); empty: one
   * process on its own, no Redis (docs/DEPLOY.md).
   */
  readonly redisUrl: string;
  /**
   * With Redis: how browsers reach this very process, `host:port` or the front door's path form
   * `example.org/2568` (colyseus.js connects to `ws(s)://{publicAddress}/…`); empty: `localhost:PORT`.
   */
  readonly publicAddress: string;
  /**
   * With Redis: how the other processes reach this one's HTTP (workshop requests are forwarded
   * to the process holding the workshop); empty: `http://127.0.0.1:PORT`, or HOST's when set.
   */
  readonly internalUrl: string;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number of at least ${min} (got "${raw}")`);
  }
  return value;
}

/** A whole number from `min` to `max` (an unset or empty variable gives `fallback`). */
function int(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: num(env, "PORT", 2567, 0),
    host: env.HOST || "0.0.0.0",
    dataDir: path.resolve(env.DATA_DIR || "./data"),
    databaseUrl: env.DATABASE_URL ?? "",
    clientDist: path.resolve(env.CLIENT_DIST || "./client/dist"),
    reconnectSeconds: num(env, "RECONNECT_SECONDS", 60, 0),
    abandonSeconds: num(env, "ABANDON_SECONDS", 300, 1),
    maxRooms: num(env, "MAX_ROOMS", 500, 1),
    createsPerMinute: num(env, "CREATES_PER_MINUTE", 10, 1),
    uploadsPerMinute: num(env, "UPLOADS_PER_MINUTE", 20, 1),
    failedJoinsPerHour: num(env, "FAILED_JOINS_PER_HOUR", 60, 1),
    failedJoinDelayMs: num(env, "FAILED_JOIN_DELAY_MS", 1000, 0),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    maxScenarios: num(env, "MAX_SCENARIOS", 1000, 1),
    messagesPerSecond: num(env, "MESSAGES_PER_SECOND", 20, 1),
    timeScale: num(env, "TIME_SCALE", 1, 0.001),
    botDelayMs: num(env, "BOT_DELAY_MS", 1500, 0),
    publicUrl: (env.PUBLIC_URL || "").replace(/\/+$/, ""),
    workshopDays: num(env, "WORKSHOP_DAYS", 14, 1),
    workshopMaxTables: num(env, "WORKSHOP_MAX_TABLES", 12, 1),
    workshopIdleSeconds: num(env, "WORKSHOP_IDLE_SECONDS", 120, 1),
    workshopStartSpacingMs: int(env, "WORKSHOP_START_SPACING_MS", 150, 0, 5000),
    oddsRuns: int(env, "ODDS_RUNS", 300, 0, 10_000),
    oddsThreads: int(env, "ODDS_THREADS", 1, 1, 64),
    oddsNice: int(env, "ODDS_NICE", 19, -20, 19),
    oddsWarmupRuns: int(env, "ODDS_WARMUP_RUNS", 300, 0, 10_000),
    wsDeflate: env.WS_DEFLATE === "1",
    testHooks: env.TEST_HOOKS === "1",
    redisUrl: env.REDIS_URL || "",
    publicAddress: (env.PUBLIC_ADDRESS || "").replace(/^wss?:\/\//, "").replace(/\/+$/, ""),
    internalUrl: (env.INTERNAL_URL || "").replace(/\/+$/, ""),
  };
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...configFromEnv({}),
    port: 0,
    host: "127.0.0.1",
    reconnectSeconds: 2,
    abandonSeconds: 30,
    createsPerMinute: 1000,
    failedJoinsPerHour: 1000,
    failedJoinDelayMs: 0,
    timeScale: 0.01,
    botDelayMs: 20,
    testHooks: true,
    // No odds threads unless a test asks for them (each would warm up on a busy machine).
    oddsRuns: 0,
    oddsWarmupRuns: 0,
    ...overrides,
  };
}
