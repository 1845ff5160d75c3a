/**
 * What a game room needs from its server, passed to the room type the server defines
 * (`GameRoom.withServices`): settings, the store, scenarios, limits, the live rooms, the join
 * codes, how addresses are read and where seeds come from. One server's services, never module state.
 */

import type http from "node:http";
import type { JoinCodes } from "./codes";
import type { ServerConfig } from "./config";
import type { WindowLimiter } from "./rateLimit";
import type { ScenarioLibrary } from "./scenarios";
import type { GameStore } from "./store";

/** The room as the services know it (for the stats, tests and the shutdown). */
export interface LiveRoom {
  readonly roomId: string;
  readonly clients: { readonly length: number };
  saveNow(): void;
}

export interface RoomServices<R extends LiveRoom = LiveRoom> {
  readonly config: ServerConfig;
  readonly store: GameStore;
  /** Presets and uploaded scenarios, by id. */
  readonly scenarios: ScenarioLibrary;
  /** Tables created per address (a sliding minute). */
  readonly createLimiter: WindowLimiter;
  /** The address a request comes from, by the server's trust-proxy setting. */
  addressOf(req: http.IncomingMessage): string;
  /** Rooms alive now (created and not yet disposed). */
  readonly rooms: Set<R>;
  /** Join codes of this server's live tables. */
  readonly codes: JoinCodes;
  /** The seed of a new game (random on a real server; tests give their own). */
  newSeed(): number;
}

/** A random 32-bit seed: the server's default (only `shared/` must not use Math.random). */
export function randomSeed(): number {
  return (Math.random() * 2 ** 32) >>> 0;
}
