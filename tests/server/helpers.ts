/**
 * Helpers for the server's integration tests: boot a real server on a loopback port with short
 * timers and a temporary data folder, and drive real colyseus.js clients that record everything
 * they receive (decoded messages and the raw frames).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "colyseus.js";
import { type RunningServer, type ServiceOverrides, startServer } from "../../server/app";
import { type ServerConfig, testConfig } from "../../server/config";
import type { ViewPayload } from "../../server/feed";
import type { GameRoom } from "../../server/room";
import { hashState } from "../../shared/hash";
import { STANDARD } from "../../shared/presets";
import type { ErrorMessage, ServerMessages, TableInfo } from "../../shared/protocol";
import { ROOM_NAME } from "../../shared/protocol";
import { applyPatch } from "../../shared/viewpatch";
import type { SeatView } from "../../shared/views";
import { unpackOps, unpackValue } from "../../shared/wire";

export interface TestServer extends RunningServer {
  readonly url: string;
  readonly http: string;
  readonly dataDir: string;
}

export async function bootServer(
  overrides: Partial<ServerConfig> = {},
  services: ServiceOverrides = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-test-"));
  const server = await startServer(testConfig({ dataDir, ...overrides }), services);
  return {
    ...server,
    dataDir,
    url: `ws://127.0.0.1:${server.port}`,
    http: `http://127.0.0.1:${server.port}`,
    close: server.close,
  };
}

/**
 * Standard with the longest Act and Legislate phases a scenario may have (30 minutes; 18 s at
 * the tests' time scale of 0.01) and the shortest News and Resolve: a test that must act inside
 * one of those phases (extend or pause its clock, say) cannot be overtaken by the clock on a
 * busy machine, and a game still reaches its Act phase at once.
 */
export const LONG_PHASES = {
  ...STANDARD,
  name: "Long phases",
  timers: { news: 3, act: 1800, legislate: 1800, resolve: 3 },
};

/** Uploads a scenario (LONG_PHASES unless told) and returns its id. */
export async function uploadScenario(server: TestServer, scenario = LONG_PHASES): Promise<string> {
  const res = await fetch(`${server.http}/api/scenarios`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(scenario),
  });
  const body = (await res.json()) as { id?: string; message?: string };
  if (res.status !== 201 || !body.id) throw new Error(`upload refused: ${body.message}`);
  return body.id;
}

export interface Received {
  readonly type: string;
  readonly body: unknown;
  readonly at: number;
}

/** One person's browser, as far as the server can tell. */
export class TestPlayer {
  readonly messages: Received[] = [];
  /** Every frame received after joining, as bytes. */
  readonly raw: Uint8Array[] = [];
  table: TableInfo | null = null;
  view: ViewPayload | null = null;
  seat: ServerMessages["seat"] | null = null;
  debrief: ServerMessages["debrief"] | null = null;
  readonly errors: ErrorMessage[] = [];
  readonly chats: ServerMessages["chat"][] = [];
  closedWith: number | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly client: Client,
    public room: Room,
    /** Whether it joined with `patches` (then it is sent the keys' short names). */
    readonly patches = false,
  ) {
    this.listen(room);
  }

  listen(room: Room): void {
    this.room = room;
    this.closedWith = null;
    const transport = room.connection.transport as unknown as {
      ws: { addEventListener(t: "message", cb: (e: { data: ArrayBuffer }) => void): void };
    };
    transport.ws.addEventListener("message", (e) => {
      this.raw.push(new Uint8Array(e.data));
    });
    room.onMessage("*", (type, body) => this.receive(String(type), body));
    room.onLeave((code) => {
      this.closedWith = code;
      this.notify();
    });
  }

  private receive(type: string, body: unknown): void {
    this.messages.push({ type, body, at: performance.now() });
    switch (type) {
      // With patches, everything comes with its keys' short names (shared/wire.ts).
      case "table":
        this.table = (this.patches ? unpackValue(body) : body) as TableInfo;
        break;
      case "view":
        this.view = (this.patches ? unpackValue(body) : body) as ViewPayload;
        break;
      case "patch": {
        const { t, v } = body as ServerMessages["patch"];
        if (t) this.table = applyPatch(this.table, unpackOps(t));
        if (v) this.view = applyPatch(this.view, unpackOps(v));
        break;
      }
      case "seat":
        this.seat = body as ServerMessages["seat"];
        break;
      case "error":
        this.errors.push(body as ErrorMessage);
        break;
      case "chat":
        this.chats.push(body as ServerMessages["chat"]);
        break;
      case "debrief":
        this.debrief = body as ServerMessages["debrief"];
        break;
    }
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the condition's value once it is truthy (checked on every message). */
  until<T>(cond: () => T | null | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = cond();
        if (value) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** The next error after the ones already received. */
  nextError(what = "an error"): Promise<ErrorMessage> {
    const seen = this.errors.length;
    return this.until(() => this.errors[seen], what);
  }

  /**
   * Resolves once everything the server sent this client before now has arrived. A message the
   * server does not know is answered at once, on the same connection (so after everything sent
   * before it), and changes nothing. Use it before taking a snapshot of what the client holds:
   * the server sends the table and then the view, and a wait on the table resolves in between.
   */
  async settle(): Promise<void> {
    const answer = this.nextError("the answer to a settling message");
    this.send("settle", {});
    const error = await answer;
    if (error.code !== "unknown_type") throw new Error(`settle answered ${error.code}`);
  }

  /** The next message of a type after now. */
  next(type: string): Promise<Received> {
    const seen = this.messages.length;
    return this.until(() => this.messages.slice(seen).find((m) => m.type === type), type);
  }

  send(type: string, body?: unknown): void {
    this.room.send(type, body);
  }

  get seatView(): SeatView | null {
    return (this.view?.seat as SeatView | null) ?? null;
  }

  phase(): string | undefined {
    return this.table?.phase;
  }

  async leave(consented = true): Promise<void> {
    if (this.closedWith !== null) return;
    await this.room.leave(consented);
  }
}

export async function createTable(
  server: TestServer,
  options: Record<string, unknown>,
): Promise<TestPlayer> {
  const client = new Client(server.url);
  const room = await client.create(ROOM_NAME, options);
  const player = new TestPlayer(client, room, options.patches === true);
  await player.until(() => player.table && player.seat, "the first table");
  return player;
}

/** A private table on the long-phase scenario (`LONG_PHASES`), created by its host. */
export async function createLongTable(
  server: TestServer,
  options: { name: string; role: string },
): Promise<TestPlayer> {
  const scenario = await uploadScenario(server);
  return createTable(server, { ...options, mode: "private", scenario });
}

export async function joinTable(
  server: TestServer,
  code: string,
  options: Record<string, unknown>,
): Promise<TestPlayer> {
  const client = new Client(server.url);
  const room = await client.joinById(code, options);
  const player = new TestPlayer(client, room, options.patches === true);
  await player.until(() => player.table && player.seat, "the first table");
  return player;
}

/** Latin-1 text of every raw frame, for searching encoded keys. */
export function rawText(frames: readonly Uint8Array[]): string {
  return frames.map((f) => Buffer.from(f).toString("latin1")).join("\n");
}

/** How msgpack writes a short string (a map key): 0xa0|length, then the bytes. */
export function msgpackKey(key: string): string {
  return String.fromCharCode(0xa0 | key.length) + key;
}

/** Every object key anywhere in a value. */
export function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

/** The live room of a table, by its code. */
export function roomOf(server: TestServer, code: string): GameRoom {
  const room = [...server.services.rooms].find((r) => r.roomId === code) as GameRoom | undefined;
  if (!room) throw new Error(`no room ${code}`);
  return room;
}

/** What must not change when a message is refused: the rules' state and the action log. */
export function fingerprint(server: TestServer, code: string): string {
  const match = roomOf(server, code).game!;
  return `${hashState(match.state)}/${match.actions.length}`;
}

/** The connection's WebSocket, to send frames colyseus.js would never send. */
export function rawSocket(p: TestPlayer): { send(data: Uint8Array | string): void } {
  return (
    p.room.connection.transport as unknown as { ws: { send(data: Uint8Array | string): void } }
  ).ws;
}

/**
 * A paused game in its Act phase, after the bots' turn: nothing moves unless a message does.
 * The host sits in C1, a lab player in L1, a spectator watches. Its phases are long, so the Act
 * phase cannot end by the clock before the host extends it.
 */
export async function pausedGame(server: TestServer): Promise<{
  host: TestPlayer;
  lab: TestPlayer;
  spectator: TestPlayer;
  code: string;
}> {
  const host = await createLongTable(server, { name: "Host", role: "company" });
  const code = host.table!.code;
  const lab = await joinTable(server, code, { name: "Lab", role: "lab" });
  const spectator = await joinTable(server, code, { name: "Eye", spectator: true });
  host.send("start", {});
  await host.until(() => host.table!.phase === "act", "the Act phase");
  host.send("extend", { seconds: 600 });
  await host.until(
    () => roomOf(server, code).game!.actions.some((a) => a.seat === "G1"),
    "the bots' turn",
  );
  host.send("pause", {});
  await host.until(() => host.table!.paused, "the pause");
  // The view that went with the pause (the bots' moves) has arrived too.
  await host.settle();
  return { host, lab, spectator, code };
}

/**
 * A matchmaking call made by hand (`create/attractor`, `joinById/CODE`, `reconnect/CODE`), with
 * the headers given: the seat reservation Colyseus answers, or its `{ code, error }`.
 */
export async function matchmake(
  server: TestServer,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.http}/matchmake/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/**
 * Creates (`code` null) or joins a table as a client behind a proxy that forwards `ip` (the
 * server must trust loopback proxies: `trustProxy: "loopback"`). Rejects with the join error.
 */
export async function joinFrom(
  server: TestServer,
  code: string | null,
  options: Record<string, unknown>,
  ip: string,
): Promise<TestPlayer> {
  const path = code === null ? `create/${ROOM_NAME}` : `joinById/${code}`;
  const reservation = await matchmake(server, path, options, { "X-Forwarded-For": ip });
  if (!("room" in reservation))
    throw Object.assign(new Error(String(reservation.error)), reservation);
  const client = new Client(server.url);
  const room = await client.consumeSeatReservation(
    reservation as unknown as Parameters<Client["consumeSeatReservation"]>[0],
  );
  const player = new TestPlayer(client, room, options.patches === true);
  await player.until(() => player.table && player.seat, "the first table");
  return player;
}

/** An HTTP call to the workshop API: the status and the JSON answer. */
export async function workshopApi(
  server: TestServer,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  secret?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (secret !== undefined) headers.Authorization = `Bearer ${secret}`;
  const res = await fetch(`${server.http}/api/workshops${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** What `POST /api/workshops/:code/join` answers a seated student. */
export interface WorkshopSeat {
  readonly student: string;
  readonly nickname: string;
  readonly token: string;
  readonly table: string;
  readonly seat: string | null;
  readonly watching: boolean;
}

/** Creates a workshop; its code and facilitator secret. */
export async function createWorkshop(
  server: TestServer,
  options: Record<string, unknown> = {},
): Promise<{ code: string; secret: string; body: Record<string, unknown> }> {
  const res = await workshopApi(server, "POST", "", options);
  if (res.status !== 201) throw new Error(`workshop refused: ${JSON.stringify(res.body)}`);
  return { code: res.body.code as string, secret: res.body.secret as string, body: res.body };
}

/** A student joins a workshop by its code (seated, not yet connected). */
export async function joinWorkshop(
  server: TestServer,
  code: string,
  body: Record<string, unknown> = {},
): Promise<WorkshopSeat> {
  const res = await workshopApi(server, "POST", `/${code}/join`, body);
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`join refused: ${JSON.stringify(res.body)}`);
  return res.body as unknown as WorkshopSeat;
}

/** A seated student's browser connects to their table with their token. */
export function connectStudent(server: TestServer, seat: WorkshopSeat): Promise<TestPlayer> {
  return joinTable(server, seat.table, { name: seat.nickname, seatToken: seat.token });
}
