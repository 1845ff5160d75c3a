/**
 * The players of `npm run bench:server` (scripts/bench-server.ts): colyseus.js clients that play
 * every seat of a table with the bots' policy on short timers, counting the bytes they receive
 * and the time from each action to its reply, and what a set of them measured, in a form that
 * sums across processes (`LoadSummary`). The one-server bench plays them in its own process;
 * with `--processes N` they play in client processes (`bench-players-process.ts`).
 */
import type { Socket } from "node:net";
import { Client, type Room } from "colyseus.js";
import { botActions, DEFAULT_PERSONALITY } from "../shared/bots";
import { presetById } from "../shared/presets";
import { ROOM_NAME, type ServerMessages, type TableInfo } from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import { expandView, type ViewDoc } from "../shared/viewdoc";
import { applyPatch } from "../shared/viewpatch";
import type { SeatView } from "../shared/views";
import { unpackOps, unpackValue } from "../shared/wire";

export const ROUNDS = 8;
const SEATS = ["G1", "G2", "L1", "L2", "C1", "C2"] as const;
const ROLE_OF = { G: "government", L: "lab", C: "company" } as const;

/** One round of a quick table at `timeScale`, in ms. */
export const roundMs = (timeScale: number) => 175 * 0.5 * timeScale * 1000;
/** How long the rooms bench waits for every game to end. */
export const playBudgetMs = (timeScale: number) => ROUNDS * roundMs(timeScale) * 3 + 60_000;

export class BenchClient {
  table: TableInfo | null = null;
  /** The view document (`shared/viewdoc.ts`): a client with patches is sent it. */
  view: ViewDoc | null = null;
  bytes = 0;
  /**
   * Bytes of the messages received from the game's start to its ending (not counting the
   * debrief), as the client reads them: after decompression.
   */
  playBytes = 0;
  /**
   * The same messages' bytes as they came over the connection (read from its socket: frames
   * as sent, compressed when the server compresses, with their headers).
   */
  playWireBytes = 0;
  firstViewBytes = 0;
  debriefBytes = 0;
  /** Bytes received during play by message type (a frame carries one message). */
  readonly playByType = new Map<string, number>();
  lastView: BenchClient["view"] = null;
  ended = false;
  private pending: number[] = [];
  private actedIn = "";
  private lastFrame = 0;
  /** What the last frame took on the wire. */
  private lastWire = 0;
  /** Whether the last frame counted in `playBytes` (it arrived during play). */
  private lastInPlay = false;

  constructor(
    readonly room: Room,
    readonly seat: string,
    readonly latencies: number[],
    private readonly scenario: () => Scenario | null,
  ) {
    // Count each frame before colyseus.js handles it (so the handlers know its size). What each
    // message took on the wire is read from the socket's bytes (`WireFrames`): a read from the
    // socket may hold several frames, or part of one, so its size is not the message's.
    const ws = (
      room.connection.transport as unknown as {
        ws: { onmessage: (e: { data: ArrayBuffer }) => void; _socket: Socket };
      }
    ).ws;
    const handle = ws.onmessage;
    const wire = new WireFrames();
    // Before ws's own listener, which hands the frames of a read to `onmessage` at once.
    ws._socket.prependListener("data", (chunk: Buffer) => wire.read(chunk));
    ws.onmessage = (e) => {
      this.lastFrame = e.data.byteLength;
      this.lastWire = wire.next();
      this.bytes += e.data.byteLength;
      this.lastInPlay = this.table?.stage === "playing";
      if (this.lastInPlay) {
        this.playBytes += e.data.byteLength;
        this.playWireBytes += this.lastWire;
      }
      handle(e);
    };
    room.onMessage("*", (type, body) => this.receive(String(type), body));
  }

  private receive(type: string, body: unknown): void {
    if (this.table?.stage === "playing" && type !== "debrief")
      this.playByType.set(type, (this.playByType.get(type) ?? 0) + this.lastFrame);
    switch (type) {
      // Everything comes with its keys' short names (shared/wire.ts).
      case "table":
        this.table = unpackValue(body) as TableInfo;
        break;
      case "view":
        this.view = unpackValue(body) as BenchClient["view"];
        if (this.firstViewBytes === 0) this.firstViewBytes = this.lastFrame;
        this.answered();
        break;
      case "patch": {
        const { t, v } = body as ServerMessages["patch"];
        if (t) this.table = applyPatch(this.table, unpackOps(t));
        if (v) {
          this.view = applyPatch(this.view, unpackOps(v));
          this.answered();
        }
        break;
      }
      case "error":
        this.answered();
        break;
      case "debrief":
        this.lastView = this.view;
        this.debriefBytes = this.lastFrame;
        // The server says the table ended before it sends the debrief: then it was not counted.
        if (this.lastInPlay) {
          this.playBytes -= this.lastFrame;
          this.playWireBytes -= this.lastWire;
        }
        this.ended = true;
        break;
    }
    this.maybeAct();
  }

  private answered(): void {
    const sent = this.pending.shift();
    if (sent !== undefined) this.latencies.push(performance.now() - sent);
  }

  /** Once per Act and Legislate phase: the bots' policy for this seat, sent as actions. */
  private maybeAct(): void {
    const table = this.table;
    const scenario = this.scenario();
    if (!table || !this.view?.seat || !scenario || table.stage !== "playing") return;
    if (table.phase !== "act" && table.phase !== "legislate") return;
    const key = `${table.round}/${table.phase}`;
    if (this.actedIn === key || this.view.public.phase !== table.phase) return;
    this.actedIn = key;
    const seatView = { ...this.view.seat, public: this.view.public } as SeatView;
    const role = ROLE_OF[this.seat[0] as keyof typeof ROLE_OF];
    for (const action of botActions(seatView, scenario, DEFAULT_PERSONALITY[role])) {
      this.pending.push(performance.now());
      this.room.send("action", { action });
    }
  }
}

/**
 * The wire size of each message a client's socket brings, in order: WebSocket frames parsed
 * from the bytes read (RFC 6455 headers: a server's frames are not masked), a message's frames
 * summed up to the one that ends it; control frames (ping, pong, close) are no message and are
 * left out. A compressed message counts as it came, compressed.
 */
class WireFrames {
  private readonly done: number[] = [];
  private header: number[] = [];
  /** Payload bytes still to come of the frame being read. */
  private left = 0;
  /** Bytes of the message being read so far; whether its last frame is being read. */
  private message = 0;
  private fin = false;
  private control = false;

  read(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.left > 0) {
        const take = Math.min(this.left, chunk.length - i);
        this.left -= take;
        if (!this.control) this.message += take;
        i += take;
        if (this.left === 0) this.frameEnd();
        continue;
      }
      this.header.push(chunk[i++]!);
      const length = this.headerLength();
      if (length === null) continue;
      const [b0, b1] = this.header as [number, number];
      this.fin = (b0 & 0x80) !== 0;
      this.control = (b0 & 0x08) !== 0;
      if (!this.control) this.message += this.header.length;
      this.header = [];
      this.left = length;
      if (b1 & 0x80) throw new Error("a masked frame from the server");
      if (this.left === 0) this.frameEnd();
    }
  }

  /** The next message's wire size (0 if its bytes were not seen). */
  next(): number {
    return this.done.shift() ?? 0;
  }

  /** The payload length once the whole header is in, else null. */
  private headerLength(): number | null {
    const h = this.header;
    if (h.length < 2) return null;
    const short = h[1]! & 0x7f;
    if (short < 126) return short;
    const extra = short === 126 ? 2 : 8;
    if (h.length < 2 + extra) return null;
    let n = 0;
    for (let k = 2; k < 2 + extra; k++) n = n * 256 + h[k]!;
    return n;
  }

  private frameEnd(): void {
    if (this.control || !this.fin) return;
    this.done.push(this.message);
    this.message = 0;
  }
}

/** One table of six clients at `endpoint` (`ws://host:port`, a server or the front door). */
async function openRoom(endpoint: string, latencies: number[]): Promise<BenchClient[]> {
  let scenario: Scenario | null = null;
  const get = () => scenario;
  const host = new Client(endpoint);
  const hostRoom = await host.create(ROOM_NAME, {
    name: "Bench",
    mode: "private",
    role: "government",
    rounds: ROUNDS,
    speed: "quick",
    patches: true,
  });
  const clients = [new BenchClient(hostRoom, "G1", latencies, get)];
  for (const seat of SEATS.slice(1)) {
    const room = await new Client(endpoint).joinById(hostRoom.roomId, {
      name: `Bench ${seat}`,
      seat,
      patches: true,
    });
    clients.push(new BenchClient(room, seat, latencies, get));
  }
  const base = presetById("standard")!;
  scenario = { ...base, rounds: ROUNDS };
  return clients;
}

/** `count` tables at `endpoint`, opened ten at a time. */
export async function openRooms(
  endpoint: string,
  count: number,
  latencies: number[],
): Promise<BenchClient[][]> {
  const rooms: BenchClient[][] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, () => openRoom(endpoint, latencies)),
    );
    rooms.push(...batch);
  }
  return rooms;
}

/**
 * Starts the tables spread over one round, as real tables would start, not all at the same
 * instant: table `i` at `place(i)` (from 0 to 1) of the round.
 */
export function startRooms(
  rooms: readonly BenchClient[][],
  timeScale: number,
  place: (i: number) => number = (i) => i / rooms.length,
): void {
  rooms.forEach((clients, i) => {
    setTimeout(() => clients[0]!.room.send("start", {}), place(i) * roundMs(timeScale));
  });
}

/** What a set of clients measured: sums and maxima, so that summaries of processes add up. */
export interface LoadSummary {
  readonly clients: number;
  /** Clients whose game ended (they got the debrief). */
  readonly ended: number;
  /** Action-to-reply times in ms, unsorted. */
  readonly latencies: number[];
  /** Play bytes (`BenchClient.playBytes`) of the ended clients, summed. */
  readonly playBytes: number;
  /** The same on the wire (`BenchClient.playWireBytes`), summed. */
  readonly playWireBytes: number;
  /** The ended clients' play bytes by message type, summed. */
  readonly byType: [string, number][];
  /** The largest first view, debrief message, and full view in the last round (JSON). */
  readonly firstViewBytes: number;
  readonly debriefBytes: number;
  readonly lateFullBytes: number;
}

/** The play bytes of `clients` by message type. */
function byTypeTotals(clients: readonly BenchClient[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const c of clients)
    for (const [type, n] of c.playByType) total.set(type, (total.get(type) ?? 0) + n);
  return total;
}

export function summarize(clients: readonly BenchClient[], latencies: number[]): LoadSummary {
  const ended = clients.filter((c) => c.ended);
  return {
    clients: clients.length,
    ended: ended.length,
    latencies,
    playBytes: ended.reduce((n, c) => n + c.playBytes, 0),
    playWireBytes: ended.reduce((n, c) => n + c.playWireBytes, 0),
    byType: [...byTypeTotals(ended)],
    firstViewBytes: Math.max(0, ...clients.map((c) => c.firstViewBytes)),
    debriefBytes: Math.max(0, ...clients.map((c) => c.debriefBytes)),
    // What a client without patches (or reconnecting) gets as one full view in the last round:
    // the seat view with its public part, and the public view again (JSON, above msgpack's size).
    lateFullBytes: Math.max(
      0,
      ...clients.map((c) => (c.lastView ? JSON.stringify(expandView(c.lastView)).length : 0)),
    ),
  };
}

/** Summaries of several processes' clients as one. */
export function mergeSummaries(parts: readonly LoadSummary[]): LoadSummary {
  const byType = new Map<string, number>();
  for (const p of parts)
    for (const [type, n] of p.byType) byType.set(type, (byType.get(type) ?? 0) + n);
  return {
    clients: parts.reduce((n, p) => n + p.clients, 0),
    ended: parts.reduce((n, p) => n + p.ended, 0),
    latencies: parts.flatMap((p) => p.latencies),
    playBytes: parts.reduce((n, p) => n + p.playBytes, 0),
    playWireBytes: parts.reduce((n, p) => n + p.playWireBytes, 0),
    byType: [...byType],
    firstViewBytes: Math.max(0, ...parts.map((p) => p.firstViewBytes)),
    debriefBytes: Math.max(0, ...parts.map((p) => p.debriefBytes)),
    lateFullBytes: Math.max(0, ...parts.map((p) => p.lateFullBytes)),
  };
}

/** Bytes per ended client per round: on the wire, or (`read`) as the client reads them. */
export const bytesPerRound = (s: LoadSummary, rounds = ROUNDS, as: "wire" | "read" = "wire") =>
  (as === "read" ? s.playBytes : s.playWireBytes) / rounds / Math.max(1, s.ended);

/** The play bytes per client per round of each message type, largest first. */
export function byTypeLine(summary: LoadSummary, rounds = ROUNDS): string {
  const per = (n: number) => n / rounds / Math.max(1, summary.ended);
  return [...summary.byType]
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${(per(n) / 1024).toFixed(2)} KB`)
    .join(", ");
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}
