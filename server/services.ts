/**
 * What a game room needs from its server, passed to the room type the server defines
 * (`GameRoom.withServices`): settings, the store, scenarios, limits, the live rooms, the join
 * codes, how addresses are read and where seeds come from. One server's services, never module state.
 */

import type http from "node:http";
import type { CreateOptions } from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import type { ServerConfig } from "./config";
import type { WorkshopHooks } from "./course";
import type { WindowLimiter } from "./rateLimit";
import type { RestoreSpec, TableCodes } from "./restore";
import type { ScenarioLibrary } from "./scenarios";
import type { Store } from "./store";

/** The room as the services know it (for the stats, tests and the shutdown). */
export interface LiveRoom {
  readonly roomId: string;
  readonly clients: { readonly length: number };
  saveNow(): void;
}

/**
 * A workshop's table waiting to be created: the server creates the room with the option
 * `{ workshopTable: key }` (a key no client can know; clients' create options are strict and
 * never carry it), and the room takes its scenario, settings and hooks from here.
 */
export interface WorkshopTableSpec<R extends LiveRoom = LiveRoom> {
  /**
   * The code of a lobby table opened again after a restart (taken back by the caller with
   * `TableCodes.take`; the room is created with `keepCode` too); absent: a fresh code.
   */
  readonly code?: string;
  readonly scenario: Scenario;
  readonly create: CreateOptions;
  readonly hooks: WorkshopHooks;
  /** The room exists (called from its onCreate). */
  created(room: R): void;
  /** The room closed (called from its onDispose). */
  disposed(room: R): void;
}

export interface RoomServices<R extends LiveRoom = LiveRoom> {
  readonly config: ServerConfig;
  readonly store: Store;
  /** This process's id: the owner of the tables it runs in the store's `tables` rows. */
  readonly processId: string;
  /** Presets and uploaded scenarios, by id. */
  readonly scenarios: ScenarioLibrary;
  /** Tables created per address (a sliding minute). */
  readonly createLimiter: WindowLimiter;
  /** The address a request comes from, by the server's trust-proxy setting. */
  addressOf(req: http.IncomingMessage): string;
  /** Rooms alive now (created and not yet disposed). */
  readonly rooms: Set<R>;
  /** Join codes of this server's live tables (and of saved tables being restored). */
  readonly codes: TableCodes;
  /** Workshops' tables being created, by the key in their creation options. */
  readonly workshopTables: Map<string, WorkshopTableSpec<R>>;
  /** Saved tables being restored, by the key in their creation options (`restore.ts`). */
  readonly restoring: Map<string, RestoreSpec<R>>;
  /**
   * `closing`: the server is shutting down. Games in play are saved as resumable (not
   * abandoned), and nothing that happens as the connections close is saved after that.
   */
  readonly lifecycle: { closing: boolean };
  /** The seed of a new game (random on a real server; tests give their own). */
  newSeed(): number;
}

/** A random 32-bit seed: the server's default (only `shared/` must not use Math.random). */
export function randomSeed(): number {
  return (Math.random() * 2 ** 32) >>> 0;
}
