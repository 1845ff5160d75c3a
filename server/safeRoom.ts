/**
 * The base of every room: an exception in a handler, timer or lifecycle method is logged and
 * contained instead of ending the whole process (Colyseus 0.16 exits on an uncaught exception
 * in a room unless the room defines `onUncaughtException`).
 */
import { type Client, Room, type RoomException, ServerError } from "@colyseus/core";

export abstract class SafeRoom extends Room {
  override onUncaughtException(error: RoomException<this>, methodName: string): void {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ServerError) return; // a refused join, not a failure
    console.error(
      `[room ${this.roomId}] ${methodName} failed:`,
      cause instanceof Error ? cause.message : error.message,
    );
    this.afterException(error, methodName);
  }

  /** Lets a room tell the client whose message failed; the room keeps running. */
  protected afterException(_error: RoomException<this>, _methodName: string): void {}

  protected clientOf(error: RoomException<this>): Client | null {
    const client = (error as { client?: Client }).client;
    return client ?? null;
  }
}
