/**
 * The connection to the real game server with colyseus.js 0.16: create or join a table,
 * forward every server message, and reconnect by itself after a drop (0.16 has no automatic
 * reconnection) on the back-off schedule of model/reconnect.ts: first with the reconnection
 * token while the seat is held, then (the window passed, or the server restarted and restored
 * the table under the same code) by joining again with the seat token, which takes the seat
 * back from the bot. A workshop's student whose table the server no longer knows (a lobby table
 * after a restart, or the facilitator moved them meanwhile) asks the workshop which table is
 * theirs first: answering, the server opens the workshop's lobby tables again. A leave, a
 * removal (4001) or a workshop's move (4010) does not come back.
 * Every join asks for patches (`patches: true`): after the first whole view and table the
 * server sends only what changed, which the mirror (patches.ts) turns back into whole ones.
 */
import { Client, type Room } from "colyseus.js";
import {
  type ClientMessage,
  type ClientMessageType,
  type CreateOptions,
  type JoinOptions,
  ROOM_NAME,
  type ServerMessages,
} from "../../../shared/protocol";
import type { ViewDoc } from "../../../shared/viewdoc";
import { closeMeaning, nextTryAt, RECONNECT, tryFailure } from "../model/reconnect";
import { PatchMirror } from "./patches";
import { type SavedSession, saveSession } from "./session";
import type { ServerMessageType, Transport, TransportEvents } from "./transport";
import { joinWorkshop, WorkshopApiError } from "./workshopApi";

const SERVER_TYPES: ServerMessageType[] = [
  "table",
  "view",
  "debrief",
  "seat",
  "chat",
  "chatHistory",
  "error",
  "events",
];

/** Coming back after a drop: the tries so far and the next one. */
interface Retry {
  readonly droppedAt: number;
  attempt: number;
  timer: ReturnType<typeof setTimeout> | null;
  trying: boolean;
  /** The server no longer knows our reconnection token: join with the seat token. */
  tokenSpent: boolean;
  /** A workshop's student: the server did not know the table's code (ask the workshop). */
  tableUnknown: boolean;
}

/**
 * The table a workshop's student is at now, by their token (null: none open for them yet); the
 * server opens the workshop's lobby tables again as it answers, after a restart. A refusal
 * (removed, the workshop gone) throws as a join refusal (4403), no answer as a network failure.
 */
async function workshopTable(workshop: string, token: string): Promise<string | null> {
  try {
    return (await joinWorkshop(workshop, { token })).table;
  } catch (err) {
    const status = err instanceof WorkshopApiError ? err.status : 0;
    if (status >= 400 && status < 500 && status !== 429)
      throw Object.assign(new Error((err as Error).message), { code: 4403 });
    throw err;
  }
}

export function gameEndpoint(): string {
  const base = `${location.protocol}//${location.host}`;
  return import.meta.env.DEV ? `${base}/colyseus` : base;
}

export class ColyseusTransport implements Transport {
  private room: Room;
  private closed = false;
  private session: SavedSession;
  /** Coming back after a drop (null while connected). */
  private retry: Retry | null = null;
  /** The table a `workshopMoved` named, until the close that follows it. */
  private movedTo: string | null = null;
  /** The last view and table of the connection, which the server's patches change. */
  private readonly mirror = new PatchMirror();

  private constructor(
    private readonly client: Client,
    room: Room,
    session: SavedSession,
    private readonly events: TransportEvents,
  ) {
    this.room = room;
    this.session = session;
    this.attach(room);
  }

  get code(): string {
    return this.room.roomId;
  }

  get playerId(): string {
    return this.room.sessionId;
  }

  static async create(options: CreateOptions, events: TransportEvents): Promise<ColyseusTransport> {
    const client = new Client(gameEndpoint());
    const room = await client.create(ROOM_NAME, { ...options, patches: true });
    const session: SavedSession = {
      code: room.roomId,
      name: options.name,
      seatToken: null,
      reconnectionToken: room.reconnectionToken,
      spectator: false,
    };
    return new ColyseusTransport(client, room, session, events);
  }

  /** `workshop`: a workshop's student joining the table it gave them, by the workshop's code. */
  static async join(
    code: string,
    options: JoinOptions,
    events: TransportEvents,
    workshop: string | null = null,
  ): Promise<ColyseusTransport> {
    const client = new Client(gameEndpoint());
    const room = await client.joinById(code, { ...options, patches: true });
    const session: SavedSession = {
      code: room.roomId,
      name: options.name,
      seatToken: options.seatToken ?? null,
      reconnectionToken: room.reconnectionToken,
      spectator: options.spectator === true,
      workshop,
    };
    return new ColyseusTransport(client, room, session, events);
  }

  /** After a page reload: the reconnection token first, then the seat token. */
  static async resume(saved: SavedSession, events: TransportEvents): Promise<ColyseusTransport> {
    const client = new Client(gameEndpoint());
    if (saved.reconnectionToken) {
      try {
        const room = await client.reconnect(saved.reconnectionToken);
        return new ColyseusTransport(
          client,
          room,
          { ...saved, reconnectionToken: room.reconnectionToken },
          events,
        );
      } catch {
        // The seat was released to a bot, or the server restarted: join again.
      }
    }
    const options: JoinOptions = saved.spectator
      ? { name: saved.name, spectator: true, patches: true }
      : saved.seatToken
        ? { name: saved.name, seatToken: saved.seatToken, patches: true }
        : { name: saved.name, patches: true };
    let room: Room;
    try {
      room = await client.joinById(saved.code, options);
    } catch (err) {
      // A workshop's lobby table after a restart, or a move: the workshop says which is ours.
      if (tryFailure(err) !== "unknown" || !saved.workshop || !saved.seatToken) throw err;
      const table = await workshopTable(saved.workshop, saved.seatToken);
      room = await client.joinById(table ?? saved.code, options);
    }
    return new ColyseusTransport(
      client,
      room,
      { ...saved, reconnectionToken: room.reconnectionToken },
      events,
    );
  }

  private attach(room: Room): void {
    // A new connection starts again from a whole view and table.
    this.mirror.reset();
    for (const type of SERVER_TYPES) {
      room.onMessage(type, (payload: ServerMessages[typeof type]) => this.receive(type, payload));
    }
    // The table's changes first, as the server made them, then the view's.
    room.onMessage("patch", (payload: ServerMessages["patch"]) => {
      if (payload.t) {
        const table = this.mirror.tablePatch(payload.t);
        if (!table) return this.lostBase(room);
        this.events.message("table", table);
      }
      if (payload.v) {
        const view = this.mirror.viewPatch(payload.v);
        if (!view) return this.lostBase(room);
        this.events.message("view", view);
      }
    });
    // A workshop's student: moved by the facilitator, or answered after asking for help.
    room.onMessage("workshopMoved", (payload: { table?: unknown }) => {
      this.movedTo = typeof payload?.table === "string" ? payload.table : null;
    });
    room.onMessage("helped", (payload: { text?: unknown }) => {
      this.events.helped?.(typeof payload?.text === "string" ? payload.text : "");
    });
    // Messages the protocol may add later must not close the connection.
    room.onMessage("*", () => {});
    room.onLeave((code) => {
      if (this.closed || this.room !== room) return;
      switch (closeMeaning(code)) {
        case "left":
          return;
        case "moved":
          if (this.events.moved) {
            this.closed = true;
            this.events.moved(this.movedTo);
            return;
          }
          break;
        case "removed":
          // Removed by the host (or this seat was taken back from another tab): do not return.
          this.closed = true;
          this.events.closed(code);
          return;
        case "reconnect":
          break;
      }
      this.events.dropped(code);
      this.startRetrying();
    });
    this.persist();
  }

  private receive<T extends ServerMessageType>(type: T, payload: ServerMessages[T]): void {
    if (type === "seat") {
      const seat = payload as ServerMessages["seat"];
      if (seat.token) this.session = { ...this.session, seatToken: seat.token };
      this.persist();
    }
    if (type === "view") {
      // With patches (always, here) a whole view comes as its document (shared/viewdoc.ts).
      this.events.message("view", this.mirror.view(payload as ViewDoc));
    } else if (type === "table") {
      this.events.message("table", this.mirror.tableInfo(payload as ServerMessages["table"]));
    } else this.events.message(type, payload);
  }

  /**
   * A patch that does not fit what we hold (it should never happen): the protocol's way to a
   * whole view and table again is a reconnection, so the connection is closed as a failing
   * network would and the usual retries bring the seat back.
   */
  private lostBase(room: Room): void {
    if (this.closed || this.retry || this.room !== room) return;
    this.mirror.reset();
    room.connection.close();
  }

  private persist(): void {
    if (this.closed) return;
    saveSession({
      ...this.session,
      code: this.room.roomId,
      reconnectionToken: this.room.reconnectionToken,
    });
  }

  /** Tries to come back after a drop, on the back-off schedule, until the window passes. */
  private startRetrying(): void {
    if (this.retry) return;
    this.retry = {
      droppedAt: Date.now(),
      attempt: 0,
      timer: null,
      trying: false,
      tokenSpent: !this.room.reconnectionToken,
      tableUnknown: false,
    };
    this.scheduleTry();
  }

  private scheduleTry(): void {
    const r = this.retry;
    if (!r || this.closed) return;
    const now = Date.now();
    const at = nextTryAt(r.droppedAt, now, r.attempt, Math.random());
    if (at === null) {
      this.giveUp("window", "");
      return;
    }
    this.events.retrying?.({
      nextTryAt: at,
      attempt: r.attempt,
      until: r.droppedAt + RECONNECT.windowMs,
    });
    r.timer = setTimeout(() => void this.tryOnce(r), at - now);
  }

  retryNow(): void {
    const r = this.retry;
    if (!r || r.trying || this.closed) return;
    if (r.timer) clearTimeout(r.timer);
    void this.tryOnce(r);
  }

  private async tryOnce(r: Retry): Promise<void> {
    if (this.retry !== r || r.trying || this.closed) return;
    r.trying = true;
    r.timer = null;
    this.events.retrying?.({
      nextTryAt: null,
      attempt: r.attempt,
      until: r.droppedAt + RECONNECT.windowMs,
    });
    let room: Room | null = null;
    let failure: unknown = null;
    try {
      room = await this.openAgain(r);
    } catch (err) {
      failure = err;
    }
    r.trying = false;
    r.attempt++;
    if (this.retry !== r || this.closed) {
      // Left meanwhile: the seat we just took back is given up too.
      if (room) void room.leave(true).catch(() => {});
      return;
    }
    if (room) {
      this.retry = null;
      this.room = room;
      this.attach(room);
      this.events.restored();
      return;
    }
    if (tryFailure(failure) === "refused") {
      this.giveUp("refused", failure instanceof Error ? failure.message : String(failure));
      return;
    }
    this.scheduleTry();
  }

  /**
   * One try: the reconnection token while the server may still know it, then (the server
   * answered that it does not: the window passed, or the server restarted and restored the
   * table) the seat token, which takes the seat back from the bot playing it.
   */
  private async openAgain(r: Retry): Promise<Room> {
    const token = this.room.reconnectionToken;
    if (!r.tokenSpent && token) {
      try {
        return await this.client.reconnect(token);
      } catch (err) {
        if (tryFailure(err) === "network") throw err;
        r.tokenSpent = true;
      }
    }
    if (r.tableUnknown) await this.askWorkshop();
    try {
      return await this.client.joinById(this.session.code, {
        name: this.session.name,
        patches: true,
        ...(this.session.spectator ? { spectator: true } : {}),
        ...(this.session.seatToken ? { seatToken: this.session.seatToken } : {}),
      });
    } catch (err) {
      // Each failed join counts against the address's limit: a workshop's student asks the
      // workshop before the next one.
      if (tryFailure(err) === "unknown" && this.session.workshop && this.session.seatToken)
        r.tableUnknown = true;
      throw err;
    }
  }

  /**
   * A workshop's student: which table the workshop has them at now (the same, open again after
   * a restart, or the one the facilitator moved them to). A refusal (removed, the workshop
   * gone) ends the tries; no answer is tried again.
   */
  private async askWorkshop(): Promise<void> {
    const { workshop, seatToken } = this.session;
    if (!workshop || !seatToken) return;
    const table = await workshopTable(workshop, seatToken);
    // Kept with the rest of the session once the table answers (`persist`).
    if (table) this.session = { ...this.session, code: table };
  }

  private giveUp(reason: "window" | "refused", message: string): void {
    this.stopRetrying();
    this.closed = true;
    this.events.gaveUp?.(reason, message);
  }

  private stopRetrying(): void {
    if (this.retry?.timer) clearTimeout(this.retry.timer);
    this.retry = null;
  }

  send<T extends ClientMessageType>(type: T, payload: ClientMessage<T>): void {
    this.room.send(type, payload);
  }

  drop(): void {
    // No close code: the server sees an unexpected close and holds the seat for a reconnection.
    this.room.connection.close();
  }

  leave(): void {
    this.stopRetrying();
    this.closed = true;
    void this.room.leave(true).catch(() => {});
  }
}
