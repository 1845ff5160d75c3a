/**
 * The connection to the real game server with colyseus.js 0.16: create or join a table,
 * forward every server message, and reconnect by itself after a drop (0.16 has no automatic
 * reconnection): first with the reconnection token while the seat is held, then by joining
 * again with the seat token, which takes the seat back from the bot.
 */
import { Client, type Room } from "colyseus.js";
import {
  CLOSE_CODES,
  type ClientMessage,
  type ClientMessageType,
  type CreateOptions,
  type JoinOptions,
  ROOM_NAME,
  type ServerMessages,
} from "../../../shared/protocol";
import { type SavedSession, saveSession } from "./session";
import type { ServerMessageType, Transport, TransportEvents } from "./transport";

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

/** Close code of a workshop's student the facilitator moved to another table (`workshopMoved` first). */
const WORKSHOP_MOVED = 4010;

export function gameEndpoint(): string {
  const base = `${location.protocol}//${location.host}`;
  return import.meta.env.DEV ? `${base}/colyseus` : base;
}

export class ColyseusTransport implements Transport {
  private room: Room;
  private closed = false;
  private session: SavedSession;
  /** The table a `workshopMoved` named, until the close that follows it. */
  private movedTo: string | null = null;

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
    const room = await client.create(ROOM_NAME, options);
    const session: SavedSession = {
      code: room.roomId,
      name: options.name,
      seatToken: null,
      reconnectionToken: room.reconnectionToken,
      spectator: false,
    };
    return new ColyseusTransport(client, room, session, events);
  }

  static async join(
    code: string,
    options: JoinOptions,
    events: TransportEvents,
  ): Promise<ColyseusTransport> {
    const client = new Client(gameEndpoint());
    const room = await client.joinById(code, options);
    const session: SavedSession = {
      code: room.roomId,
      name: options.name,
      seatToken: options.seatToken ?? null,
      reconnectionToken: room.reconnectionToken,
      spectator: options.spectator === true,
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
      ? { name: saved.name, spectator: true }
      : saved.seatToken
        ? { name: saved.name, seatToken: saved.seatToken }
        : { name: saved.name };
    const room = await client.joinById(saved.code, options);
    return new ColyseusTransport(
      client,
      room,
      { ...saved, reconnectionToken: room.reconnectionToken },
      events,
    );
  }

  private attach(room: Room): void {
    for (const type of SERVER_TYPES) {
      room.onMessage(type, (payload: ServerMessages[typeof type]) => {
        if (type === "seat") {
          const seat = payload as ServerMessages["seat"];
          if (seat.token) this.session = { ...this.session, seatToken: seat.token };
          this.persist();
        }
        this.events.message(type, payload);
      });
    }
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
      if (this.closed || code === 1000) return;
      if (code === WORKSHOP_MOVED && this.events.moved) {
        this.closed = true;
        this.events.moved(this.movedTo);
        return;
      }
      if (code === CLOSE_CODES.kicked) {
        // Removed by the host (or this seat was taken back from another tab): do not return.
        this.closed = true;
        this.events.closed(code);
        return;
      }
      this.events.dropped(code);
      void this.reconnectLoop();
    });
    this.persist();
  }

  private persist(): void {
    if (this.closed) return;
    saveSession({
      ...this.session,
      code: this.room.roomId,
      reconnectionToken: this.room.reconnectionToken,
    });
  }

  private async reconnectLoop(): Promise<void> {
    let delay = 500;
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(5000, delay * 1.6);
      try {
        let room: Room;
        if (attempt < 6 && this.room.reconnectionToken) {
          room = await this.client.reconnect(this.room.reconnectionToken);
        } else {
          room = await this.client.joinById(this.session.code, {
            name: this.session.name,
            ...(this.session.spectator ? { spectator: true } : {}),
            ...(this.session.seatToken ? { seatToken: this.session.seatToken } : {}),
          });
        }
        this.room = room;
        this.attach(room);
        this.events.restored();
        return;
      } catch {
        // keep trying
      }
    }
  }

  send<T extends ClientMessageType>(type: T, payload: ClientMessage<T>): void {
    this.room.send(type, payload);
  }

  drop(): void {
    // No close code: the server sees an unexpected close and holds the seat for a reconnection.
    this.room.connection.close();
  }

  leave(): void {
    this.closed = true;
    void this.room.leave(true).catch(() => {});
  }
}
