/**
 * What the client needs from a connection to a table, whichever kind: the real game server
 * (Colyseus) or the offline table that runs the rules in the page (development and demos).
 */
import type { ClientMessage, ClientMessageType, ServerMessages } from "../../../shared/protocol";

export type ServerMessageType = keyof ServerMessages;

export interface TransportEvents {
  message<T extends ServerMessageType>(type: T, payload: ServerMessages[T]): void;
  /** The connection dropped (not by our own leave). */
  dropped(code: number): void;
  /** The connection is back after a drop. */
  restored(): void;
  /** Trying to come back after a drop: when the next try is due (null: a try is under way). */
  retrying?(status: RetryStatus): void;
  /**
   * Stopped trying: the window passed (`window`), or the server refused the seat (`refused`,
   * with its words). The connection is closed for good.
   */
  gaveUp?(reason: "window" | "refused", message: string): void;
  /** The server closed this connection for good (removed by the host, or replaced). */
  closed(code: number): void;
  /** A workshop's student was moved to another table by the facilitator (then closed). */
  moved?(table: string | null): void;
  /** The facilitator answered this student's call for help. */
  helped?(text: string): void;
}

export interface RetryStatus {
  /** When the next try is due (`Date.now()` time), or null while a try is under way. */
  readonly nextTryAt: number | null;
  /** Tries made so far since the drop. */
  readonly attempt: number;
  /** When the client stops trying (`Date.now()` time). */
  readonly until: number;
}

export interface Transport {
  readonly code: string;
  /** Our player id at the table (the Colyseus session id). */
  readonly playerId: string;
  send<T extends ClientMessageType>(type: T, payload: ClientMessage<T>): void;
  leave(): void;
  /** Closes the socket as a failing network would, without leaving (tests only). */
  drop?(): void;
  /** While coming back after a drop: tries at once instead of waiting for the next try. */
  retryNow?(): void;
}
