/**
 * Several server processes as one game (`REDIS_URL`, docs/DEPLOY.md). Colyseus's own engine
 * shares matchmaking between them: `@colyseus/redis-presence` and `@colyseus/redis-driver`,
 * each process with its `publicAddress`, so `joinById` and `reconnect` sent to any process find
 * a table on whichever process holds it and colyseus.js connects to that process. What is ours,
 * kept in the same Redis under `attractor:` keys:
 *
 * - who is alive: each process refreshes `attractor:alive:{processId}` (its addresses) every
 *   couple of seconds with a short expiry; a process killed outright is gone when it expires;
 * - join codes, unique across the processes: `attractor:codes` maps a live table's code to its
 *   process. A code is taken (`HSETNX`) in the asynchronous step Colyseus runs before every
 *   creation (`selectProcessIdToCreateRoom`, which also keeps every creation on this process)
 *   and handed to the room's synchronous `onCreate` from there;
 * - workshops: `attractor:workshops` maps a workshop's code to the process holding it (all its
 *   tables are created there); the workshop API on another process forwards its requests
 *   there (`forward.ts`).
 *
 * The take-over (`TakeOver`) goes through the records: every process heartbeats in them, and
 * claims the tables of processes whose heartbeat is old or who gave theirs up at a stop
 * (`Store.claimTables`, atomic), restores them (`restore.ts`) and makes their codes and
 * workshops its own in Redis.
 */
import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import type { ServerConfig } from "./config";
import { readStoredTable, type SavedTable, TableCodes } from "./restore";
import type { Store, StoredTable } from "./store";

const CODES = "attractor:codes";
const WORKSHOPS = "attractor:workshops";
const ALIVE = "attractor:alive:";

/** How often a process says it is alive, and how long the word lasts. */
export const HEARTBEAT_MS = 2000;
export const ALIVE_SECONDS = 6;

/** Most codes taken ahead for creations that then failed before using theirs. */
const MAX_SPARE_CODES = 32;

/**
 * Sets `KEYS[1][ARGV[1]] = ARGV[2]` when the field is free, already ours, or held by a process
 * that is no longer alive; 1 when the field is ours afterwards.
 */
const ADOPT = `
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if owner == ARGV[2] then return 1 end
if owner and redis.call('EXISTS', '${ALIVE}' .. owner) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** Deletes `KEYS[1][ARGV[1]]` if it is still `ARGV[2]`'s. */
const DROP = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;

/** How the other processes and the browsers reach a process. */
export interface ProcessAddress {
  /** Its HTTP base for the other processes (`http://10.0.0.2:2567`). */
  readonly internal: string;
  /** What colyseus.js connects to (`example.org/2568`). */
  readonly public: string;
}

/**
 * Join codes unique across the processes: a fresh code is taken in Redis ahead of the room's
 * synchronous `onCreate` (`prepare`), then handed out by `reserve`; released codes leave Redis.
 */
export class ClusterCodes extends TableCodes {
  private readonly ready: string[] = [];
  private readonly owned = new Set<string>();
  /** Set as the server stops: codes stay in Redis for the process that takes its tables over. */
  private stopping = false;

  constructor(
    private readonly redis: Redis,
    private readonly self: string,
  ) {
    super();
  }

  /** Takes a fresh code across the cluster for the next table this process creates. */
  async prepare(): Promise<void> {
    if (this.ready.length >= MAX_SPARE_CODES) return;
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = this.candidate();
      if ((await this.redis.hsetnx(CODES, code, this.self)) === 1) {
        this.owned.add(code);
        this.ready.push(code);
        return;
      }
      super.release(code);
    }
    throw new Error("no free join code across the cluster");
  }

  /** A code free in this process, held here while Redis is asked (a test may script them). */
  protected candidate(): string {
    return super.reserve();
  }

  /** The code taken by `prepare` for this creation. */
  override reserve(): string {
    const code = this.ready.pop();
    if (code === undefined)
      throw new Error(
        "no join code was taken for this table (tables are created by the matchmaker)",
      );
    return code;
  }

  /** A table this process claimed in the records: its code is this process's, here and in Redis. */
  async adopt(code: string): Promise<void> {
    await this.redis.hset(CODES, code, this.self);
    this.owned.add(code);
    this.claim(code);
  }

  /**
   * Takes back a lobby table's code after a restart (`TableCodes.take`) across the cluster: when
   * no table here has it and, in Redis, it is free, already this process's, or a gone process's.
   */
  override async take(code: string): Promise<boolean> {
    if (this.has(code)) return false;
    if ((await this.redis.eval(ADOPT, 1, CODES, code, this.self)) !== 1) return false;
    this.owned.add(code);
    this.claim(code);
    return true;
  }

  override release(code: string): void {
    super.release(code);
    if (this.stopping || !this.owned.delete(code)) return;
    this.redis.hdel(CODES, code).catch((error: unknown) => {
      console.error(`[cluster] code ${code} could not be released:`, error);
    });
  }

  /** Whether a code names a table here or in Redis (a gone process's until it is taken over). */
  async isLive(code: string): Promise<boolean> {
    return this.has(code) || (await this.redis.hexists(CODES, code)) === 1;
  }

  /**
   * Forgets the codes of processes that are gone (lobbies, which are not saved: a workshop's
   * lobby table takes its code back with `take` when its workshop opens it again; a saved
   * table's code was adopted by the process that claimed it before this runs anywhere else).
   */
  async dropGone(isGone: (owner: string) => Promise<boolean>): Promise<void> {
    const all = await this.redis.hgetall(CODES);
    const gone = new Map<string, boolean>();
    for (const [code, owner] of Object.entries(all)) {
      if (owner === this.self) continue;
      if (!gone.has(owner)) gone.set(owner, await isGone(owner));
      if (gone.get(owner)) await this.redis.eval(DROP, 1, CODES, code, owner);
    }
  }

  stop(): void {
    this.stopping = true;
  }
}

/** Where a workshop's requests go: here, to another process, or to whoever adopts it. */
export type WorkshopRoute =
  | { readonly kind: "here" }
  | { readonly kind: "there"; readonly internal: string }
  /** Its process is gone and no process has taken it over yet. */
  | { readonly kind: "orphaned" }
  /** No process has held it since Redis knows it (created before, or Redis was emptied). */
  | { readonly kind: "unowned" };

/** The workshop API's view of the cluster (`workshopApi.ts` forwards with it). */
export interface WorkshopCluster {
  readonly processId: string;
  route(code: string): Promise<WorkshopRoute>;
  /** Takes an unowned workshop that exists in the records; false when another process did. */
  adopt(code: string): Promise<boolean>;
  /** A workshop was created here. */
  own(code: string): Promise<void>;
}

/** This process's place in the cluster: Colyseus's presence and driver, and our bookkeeping. */
export class ClusterNode implements WorkshopCluster {
  readonly presence: RedisPresence;
  readonly driver: RedisDriver;
  readonly codes: ClusterCodes;
  private readonly redis: Redis;
  private beat: NodeJS.Timeout | null = null;
  private address: ProcessAddress | null = null;

  /** `processId`: this process's id in the records (the owner of its tables' rows). */
  constructor(
    redisUrl: string,
    readonly processId: string,
  ) {
    this.presence = new RedisPresence(redisUrl);
    this.driver = new RedisDriver(redisUrl);
    this.redis = new Redis(redisUrl);
    this.codes = new ClusterCodes(this.redis, processId);
  }

  /** Colyseus's `Server` options: presence, driver, address, and every creation kept here. */
  serverOptions(publicAddress: string) {
    return {
      presence: this.presence,
      driver: this.driver,
      publicAddress,
      selectProcessIdToCreateRoom: async (_roomName: string, options: unknown) => {
        // A restored table, or a workshop's lobby table opened again, comes back under its own
        // code; every other one takes a fresh one.
        const ownCode =
          typeof options === "object" &&
          options !== null &&
          ("restoreTable" in options || "keepCode" in options);
        if (!ownCode) await this.codes.prepare();
        return matchMaker.processId;
      },
    };
  }

  /** Starts saying this process is alive (before it adopts anything). */
  async start(address: ProcessAddress): Promise<void> {
    this.address = address;
    await this.alive();
    this.beat = setInterval(() => {
      this.alive().catch((error: unknown) => console.error("[cluster] heartbeat failed:", error));
    }, HEARTBEAT_MS);
    this.beat.unref();
  }

  private async alive(): Promise<void> {
    await this.redis.setex(ALIVE + this.processId, ALIVE_SECONDS, JSON.stringify(this.address));
  }

  /** The addresses of a live process, or null when it is gone. */
  async addressOf(processId: string): Promise<ProcessAddress | null> {
    const raw = await this.redis.get(ALIVE + processId);
    return raw === null ? null : (JSON.parse(raw) as ProcessAddress);
  }

  async route(code: string): Promise<WorkshopRoute> {
    const owner = await this.redis.hget(WORKSHOPS, code);
    if (owner === null) return { kind: "unowned" };
    if (owner === this.processId) return { kind: "here" };
    const address = await this.addressOf(owner);
    return address ? { kind: "there", internal: address.internal } : { kind: "orphaned" };
  }

  async adopt(code: string): Promise<boolean> {
    return (await this.redis.eval(ADOPT, 1, WORKSHOPS, code, this.processId)) === 1;
  }

  async own(code: string): Promise<void> {
    await this.redis.hset(WORKSHOPS, code, this.processId);
  }

  /** Workshops whose process is gone, adopted by this process when no other was faster. */
  async adoptOrphanedWorkshops(): Promise<void> {
    const all = await this.redis.hgetall(WORKSHOPS);
    for (const [code, owner] of Object.entries(all))
      if (owner !== this.processId && !(await this.addressOf(owner))) await this.adopt(code);
  }

  /** Stops the heartbeat and keeps the codes in Redis for whoever takes the tables over. */
  stopping(): void {
    this.codes.stop();
    if (this.beat) clearInterval(this.beat);
    this.beat = null;
  }

  /** Says this process is gone (its tables are then taken over) and closes the connection. */
  async close(): Promise<void> {
    this.stopping();
    try {
      await this.redis.del(ALIVE + this.processId);
    } finally {
      this.redis.disconnect();
    }
  }
}

/** How the browsers and the other processes reach this one (PORT must be fixed with Redis). */
export function clusterAddress(config: ServerConfig): ProcessAddress {
  if (config.port === 0 && (!config.publicAddress || !config.internalUrl))
    throw new Error("with REDIS_URL, set PORT (or both PUBLIC_ADDRESS and INTERNAL_URL)");
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  return {
    public: config.publicAddress || `localhost:${config.port}`,
    internal:
      config.internalUrl || `http://${host.includes(":") ? `[${host}]` : host}:${config.port}`,
  };
}

/** A row's heartbeat older than this (ms) means its process is gone: its tables are claimed. */
export const STALE_MS = ALIVE_SECONDS * 1000;

/**
 * The take-over: every heartbeat, this process says it is alive in the records, claims the
 * tables of processes that are gone (`Store.claimTables`: atomic, so each table goes to one
 * process), makes their codes and workshops its own and restores them (`restore`), then adopts
 * the workshops of gone processes that had no table in play and forgets their lobbies' codes.
 */
export class TakeOver {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly node: ClusterNode,
    private readonly store: Store,
    private readonly restore: (tables: readonly SavedTable[]) => Promise<string[]>,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** One round of it (a round still running is waited for instead). */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.round()
      .catch((error: unknown) => console.error("[cluster] take-over failed:", error))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async round(): Promise<void> {
    const now = Date.now();
    await this.store.heartbeat(this.node.processId, now);
    const rows = await this.store.claimTables(this.node.processId, now - STALE_MS);
    const claimed = await this.adopt(rows);
    if (claimed.length > 0) {
      const back = await this.restore(claimed);
      console.log(
        `[cluster] took over ${back.length} of ${claimed.length} table(s) of processes gone: ${back.join(" ")}`,
      );
    }
    if (this.stopped) return;
    await this.node.adoptOrphanedWorkshops();
    await this.node.codes.dropGone(async (owner) => !(await this.node.addressOf(owner)));
  }

  /** Claimed rows as saved tables, their codes and workshops this process's. */
  private async adopt(rows: readonly StoredTable[]): Promise<SavedTable[]> {
    const out: SavedTable[] = [];
    for (const row of rows) {
      const saved = readStoredTable(row);
      if (saved) out.push(saved);
      else {
        console.error(`[cluster] table ${row.code}: unreadable record, dropped`);
        await this.store.dropTable(row.code);
      }
    }
    await this.own(out);
    return out;
  }

  /** Tables this process claimed: their codes and their workshops are its own in Redis. */
  async own(tables: readonly SavedTable[]): Promise<void> {
    const workshops = new Set<string>();
    for (const t of tables) {
      await this.node.codes.adopt(t.code);
      if (t.setup.workshopId !== null) workshops.add(t.setup.workshopId);
    }
    for (const id of workshops) {
      const workshop = await this.store.workshopById(id);
      if (workshop) await this.node.own(workshop.code);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
