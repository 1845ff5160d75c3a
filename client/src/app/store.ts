/**
 * The client's one state and its one change path: messages from the server and the player's
 * intents change the state, then every listener redraws once per animation frame (batched).
 */
import {
  CHAT_HISTORY,
  type ChatMessage,
  type ServerMessages,
  type TableInfo,
} from "../../../shared/protocol";
import type { GameEvent } from "../../../shared/state";
import type { Page } from "./route";

export type Screen = "title" | "lobby" | "game" | "debrief" | Page["screen"];
export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting";

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly kind: "error" | "info";
}

export interface AppState {
  screen: Screen;
  connection: ConnectionState;
  playerId: string | null;
  code: string | null;
  offline: boolean;
  table: TableInfo | null;
  /** When the table message arrived (for the local countdown). */
  tableAt: number;
  view: ServerMessages["view"] | null;
  debrief: ServerMessages["debrief"] | null;
  seat: ServerMessages["seat"] | null;
  chat: ChatMessage[];
  /**
   * How many chat lines arrived live while this page was open. The history restored on
   * joining or reconnecting is not counted: the unread badge counts from this.
   */
  chatArrived: number;
  /**
   * The game's events seen (the last 200, each once), from the views' news and private news and
   * from `events` messages: the news panel keeps earlier rounds from them.
   */
  events: GameEvent[];
  toasts: Toast[];
  /** Published risks at the end of each round seen, for the landscape's trail. */
  riskTrail: { round: number; risks: number[] }[];
  /** Whether the debrief is being shown instead of the finished game. */
  showDebrief: boolean;
  /** The workshop page shown while no table is joined (setup, join, cockpit…), or null. */
  page: Page | null;
  /** A student of a workshop: who they are in it (their table is the one joined). */
  workshop: WorkshopStudent | null;
  /** Whether this page watches the table silently (the facilitator's Watch). */
  watching: boolean;
  /** Coming back after a dropped connection (the banner's countdown), or null. */
  reconnect: Reconnecting | null;
}

/**
 * The banner's buttons as a document event (`CustomEvent<ReconnectIntent>`) the controller
 * listens for: "now" tries at once, "title" gives up and goes back to the title screen.
 */
export const RECONNECT_INTENT = "attractor:reconnect";
export type ReconnectIntent = "now" | "title";

/** What the "reconnecting" banner shows. */
export interface Reconnecting {
  /** When the next try is due (`Date.now()` time); null while a try is under way. */
  readonly nextTryAt: number | null;
  /** Tries made so far. */
  readonly attempt: number;
  /** When the client stops trying (`Date.now()` time). */
  readonly until: number;
  /** Stopped trying: the time ran out, or the server refused the seat (with its words). */
  readonly gaveUp: { readonly reason: "window" | "refused"; readonly message: string } | null;
}

export interface WorkshopStudent {
  readonly code: string;
  readonly student: string;
  readonly nickname: string;
  readonly token: string;
  /** Has pressed "Ask for help" and not been answered yet. */
  readonly help: boolean;
  /** The facilitator's last answer to a call for help. */
  readonly helped: string | null;
}

export function initialState(): AppState {
  return {
    screen: "title",
    connection: "idle",
    playerId: null,
    code: null,
    offline: false,
    table: null,
    tableAt: 0,
    view: null,
    debrief: null,
    seat: null,
    chat: [],
    chatArrived: 0,
    events: [],
    toasts: [],
    riskTrail: [],
    showDebrief: false,
    page: null,
    workshop: null,
    watching: false,
    reconnect: null,
  };
}

/** Which screen the table's stage means. */
export function screenFor(s: AppState): Screen {
  if (!s.table && !s.view) return s.page?.screen ?? "title";
  if (s.debrief && s.showDebrief) return "debrief";
  const stage = s.table?.stage ?? "playing";
  if (stage === "lobby") return "lobby";
  return "game";
}

/** How many events the store keeps. */
const EVENTS_KEPT = 200;

/** `seen` with the events of `more` it does not hold yet (by round, kind and text), in order. */
export function withEvents(seen: GameEvent[], ...more: readonly GameEvent[][]): GameEvent[] {
  const key = (e: GameEvent) => `${e.round}|${e.kind}|${e.text}`;
  let keys: Set<string> | null = null;
  let out = seen;
  for (const list of more) {
    for (const e of list) {
      keys ??= new Set(seen.map(key));
      const k = key(e);
      if (keys.has(k)) continue;
      keys.add(k);
      if (out === seen) out = seen.slice();
      out.push(e);
    }
  }
  return out === seen ? seen : out.slice(-EVENTS_KEPT);
}

/** Records the published risks of a round in the trail (one point per round). */
export function withTrail(
  trail: AppState["riskTrail"],
  round: number,
  risks: readonly number[],
): AppState["riskTrail"] {
  const rest = trail.filter((t) => t.round !== round);
  return [...rest, { round, risks: risks.slice() }].sort((a, b) => a.round - b.round).slice(-24);
}

export function applyMessage<T extends keyof ServerMessages>(
  s: AppState,
  type: T,
  payload: ServerMessages[T],
  now: number,
): AppState {
  switch (type) {
    case "table": {
      const table = payload as TableInfo;
      return { ...s, table, tableAt: now, code: table.code };
    }
    case "view": {
      const view = payload as ServerMessages["view"];
      const pub = view.public;
      // The trail is rebuilt from the published history, so it survives a reload.
      let riskTrail = s.riskTrail;
      for (const h of pub.history) riskTrail = withTrail(riskTrail, h.round, h.publishedRisks);
      riskTrail = withTrail(riskTrail, pub.round, pub.publishedRisks);
      // A client with patches gets the round's events only here (no `events` message).
      const events = withEvents(s.events, pub.news, view.seat?.privateNews ?? []);
      return { ...s, view, riskTrail, events };
    }
    case "debrief":
      return { ...s, debrief: payload as ServerMessages["debrief"] };
    case "seat": {
      const seat = payload as ServerMessages["seat"];
      return { ...s, seat, playerId: seat.player || s.playerId };
    }
    case "chat":
      return {
        ...s,
        chat: [...s.chat, payload as ChatMessage].slice(-CHAT_HISTORY),
        chatArrived: s.chatArrived + 1,
      };
    case "chatHistory":
      // The server's record replaces ours (a reload, a reconnection, another seat); its lines
      // were sent before, so they are not unread.
      return { ...s, chat: (payload as ChatMessage[]).slice(-CHAT_HISTORY) };
    case "events": {
      return { ...s, events: withEvents(s.events, payload as GameEvent[]) };
    }
    case "error":
    case "patch":
      return s;
  }
  return s;
}

export class Store {
  private state: AppState = initialState();
  private readonly listeners = new Set<(s: AppState) => void>();
  private scheduled = false;

  get(): AppState {
    return this.state;
  }

  set(change: Partial<AppState> | ((s: AppState) => AppState)): void {
    this.state = typeof change === "function" ? change(this.state) : { ...this.state, ...change };
    this.state = { ...this.state, screen: screenFor(this.state) };
    this.schedule();
  }

  subscribe(fn: (s: AppState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      for (const fn of this.listeners) fn(this.state);
    };
    if (typeof requestAnimationFrame === "function" && !document.hidden) requestAnimationFrame(run);
    else setTimeout(run, 0);
  }

  private toastId = 0;
  toast(text: string, kind: Toast["kind"] = "info"): void {
    const id = ++this.toastId;
    this.set((s) => ({ ...s, toasts: [...s.toasts, { id, text, kind }].slice(-4) }));
    setTimeout(
      () => this.set((s) => ({ ...s, toasts: s.toasts.filter((t) => t.id !== id) })),
      6000,
    );
  }
}
