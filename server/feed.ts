/**
 * What one connection has been sent: its last view and table. Produces the next message: the
 * whole value the first time (and always, for clients that did not ask for patches), then only
 * the changes (one `patch` with the table's and the view's), and nothing when nothing changed. A
 * connection with patches is sent the views as their document (`shared/viewdoc.ts`), which the
 * client expands, and everything in its wire form (`shared/wire.ts`), its numbers that are not
 * whole as 32-bit floats (`wireFrame`).
 */
import { getMessageBytes, Protocol } from "@colyseus/core";
import { FLOAT32_OPTIONS, Packr } from "@colyseus/msgpackr";
import type { TableInfo } from "../shared/protocol";
import type { GameState, SeatId } from "../shared/state";
import { type ViewDoc, viewDoc } from "../shared/viewdoc";
import { diffJson } from "../shared/viewpatch";
import { type PublicView, publicView, type SeatView, viewFor } from "../shared/views";
import { packOps, packValue, type WireOp } from "../shared/wire";
import { FloodGuard } from "./rateLimit";

/** A `view` message: the whole views, or (with patches) their document. */
export type ViewPayload = { seat: SeatView | null; public: PublicView } | ViewDoc;

/** A `patch` message: the changes to the table (`t`) and to the view document (`v`). */
export interface PatchBody {
  t?: WireOp[];
  v?: WireOp[];
}

export type FeedMessage =
  | { type: "view"; body: ViewPayload }
  | { type: "table"; body: TableInfo }
  | { type: "patch"; body: PatchBody };

export class ClientFeed {
  private lastView: ViewPayload | null = null;
  private lastTable: TableInfo | null = null;
  private lastEpoch = -1;
  /** The state and seat the last view was made from (a view is the rules' function of both). */
  private viewSource: { state: GameState; seat: SeatId | null } | null = null;

  constructor(readonly patches: boolean) {}

  reset(): void {
    this.lastView = null;
    this.lastTable = null;
    this.viewSource = null;
  }

  /** Whether the last view sent was made from this state for this seat (so is the same). */
  sent(state: GameState, seat: SeatId | null): boolean {
    return this.viewSource?.state === state && this.viewSource.seat === seat;
  }

  /** Notes the state and seat the view just given to `view` was made from. */
  madeFrom(state: GameState, seat: SeatId | null): void {
    this.viewSource = { state, seat };
  }

  /** `seat` is null for spectators. With patches, the views are sent as their document. */
  view(seat: SeatView | null, pub: PublicView, force = false): FeedMessage | null {
    const next: ViewPayload = this.patches ? viewDoc(seat, pub) : { seat, public: pub };
    const prev = this.lastView;
    this.lastView = next;
    if (prev === null)
      return { type: "view", body: this.patches ? (packValue(next) as ViewDoc) : next };
    const ops = diffJson(prev, next);
    if (ops.length === 0 && !force) return null;
    return this.patches
      ? { type: "patch", body: { v: packOps(ops) } }
      : { type: "view", body: next };
  }

  /**
   * `clockEpoch` changes whenever the clock is set (a phase starts, pause, resume, extend): only
   * then is a new `remainingMs` news; otherwise clients count down by themselves.
   */
  table(info: TableInfo, clockEpoch: number): FeedMessage | null {
    const prev = this.lastTable;
    const clockMoved = clockEpoch !== this.lastEpoch;
    this.lastEpoch = clockEpoch;
    if (prev === null) {
      this.lastTable = info;
      return { type: "table", body: this.patches ? (packValue(info) as TableInfo) : info };
    }
    const ops = diffJson({ ...prev, remainingMs: 0 }, { ...info, remainingMs: 0 });
    if (ops.length === 0 && !clockMoved) return null;
    this.lastTable = info;
    if (!this.patches) return { type: "table", body: info };
    if (clockMoved) ops.push({ p: ["remainingMs"], v: info.remainingMs });
    return { type: "patch", body: { t: packOps(ops) } };
  }
}

/**
 * Packs like Colyseus's own packer (no records, which other decoders do not read), but numbers
 * that are not whole as 32-bit floats: 5 bytes instead of 9, about seven significant digits where
 * the screens show one or two. They were a third of a round's patches.
 */
const packr = new Packr({ useRecords: false, useFloat32: FLOAT32_OPTIONS.ALWAYS });

/**
 * A message to a connection with patches, as the frame Colyseus would make of it (a room
 * message, decoded by colyseus.js as any other), packed with 32-bit floats.
 */
export function wireFrame(m: FeedMessage): Buffer {
  // Copied first: msgpackr's packers share one buffer, which Colyseus's writes the frame into.
  const body = Buffer.from(packr.pack(m.body));
  return getMessageBytes.raw(Protocol.ROOM_DATA, m.type, undefined, body);
}

/**
 * Every connection's feed and flood guard, by session: what the room has sent each client, and
 * how fast each may send.
 */
export class Sessions {
  private readonly feeds = new Map<string, ClientFeed>();
  private readonly guards = new Map<string, FloodGuard>();

  constructor(private readonly messagesPerSecond: number) {}

  open(sessionId: string, patches: boolean, now: number): void {
    this.feeds.set(sessionId, new ClientFeed(patches));
    this.guards.set(sessionId, new FloodGuard(this.messagesPerSecond, now));
  }

  /** Whether this session asked for patches (then its messages go as `wireFrame`s). */
  patched(sessionId: string): boolean {
    return this.feeds.get(sessionId)?.patches ?? false;
  }

  close(sessionId: string): void {
    this.feeds.delete(sessionId);
    this.guards.delete(sessionId);
  }

  /** Whether this session's next message passes its flood guard. */
  check(sessionId: string, now: number): ReturnType<FloodGuard["check"]> {
    return this.guards.get(sessionId)?.check(now) ?? "ok";
  }

  /**
   * What one client is sent now: the table, and its own view (`seat`'s, or the public view when
   * `seat` is null), their changes in one `patch`. With `reply`, a view message (or a patch with
   * the view's changes, perhaps none) goes even if the view did not change.
   */
  messages(
    sessionId: string,
    info: TableInfo,
    clockEpoch: number,
    game: { state: GameState; seat: SeatId | null } | null,
    reply: boolean,
  ): FeedMessage[] {
    const feed = this.feeds.get(sessionId);
    if (!feed) return [];
    const out: FeedMessage[] = [];
    const table = feed.table(info, clockEpoch);
    if (table) out.push(table);
    if (!game) return out;
    // Nothing to send unless the game moved on since this connection's last view (a flush just
    // after the sender's own reply, the other tables' moves): no view to make and compare.
    if (!reply && feed.sent(game.state, game.seat)) return out;
    const seat = game.seat === null ? null : viewFor(game.state, game.seat);
    const view = feed.view(seat, publicView(game.state), reply);
    feed.madeFrom(game.state, game.seat);
    if (!view) return out;
    const last = out[out.length - 1];
    // The table's changes and the view's go in one message.
    if (last?.type === "patch" && view.type === "patch") last.body.v = view.body.v;
    else out.push(view);
    return out;
  }
}
