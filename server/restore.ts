/**
 * Tables that outlive their server. A table in play is saved as two pieces of JSON in the
 * store's `tables` row under its join code: its setup (game id, scenario, seed, seats, mode,
 * settings, time factor, workshop), written once when its game starts, and where it stands
 * (the action log and injects, the phase and what was left of its clock, whether the bots had
 * their turn, the seats' bots, the people with their seat tokens, the chat's last lines),
 * rewritten at every phase change and with the flush after accepted actions and chat lines
 * (`course.ts`). When the server starts, every saved row becomes a room again with the same
 * code: the state is replayed from the log to the phase in play (to the same hash, which is
 * checked), its clock runs for what was left, every seat is held for its person (a bot plays it
 * until they come back with their seat token), the chat history is what it was, and the
 * reconnection and abandon windows count from the restart. Each row names the process that
 * runs it (`owner`); a process takes up the rows it claims (`Store.claimTables`): at boot,
 * alone, every row; beside others, those of processes gone (no heartbeat since `staleBefore`).
 * A workshop's tables still in their lobby have no row: their workshop opens them again
 * (`workshops.ts`) under the codes `TableCodes.take` gives back.
 */
import { matchMaker } from "@colyseus/core";
import type { Personality } from "../shared/bots/personalities";
import type { SeatSpec } from "../shared/create";
import type { LoggedInject } from "../shared/injects";
import type { LoggedAction } from "../shared/log";
import { type ChatMessage, type CreateOptions, ROOM_NAME } from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import type { GameState, SeatId } from "../shared/state";
import { JoinCodes } from "./codes";
import type { LiveRoom, RoomServices, WorkshopTableSpec } from "./services";
import { inBackground, type StoredTable } from "./store";
import type { Removed, TableSettings } from "./table";

/** What a table's game was set up with (written once, when it starts). */
export interface TableSetup {
  readonly gameId: string;
  readonly createdAt: number;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly seats: readonly SeatSpec[];
  readonly mode: CreateOptions["mode"];
  readonly difficulty: CreateOptions["difficulty"] | null;
  readonly settings: TableSettings;
  readonly timeFactor: number;
  readonly workshopId: string | null;
}

/** A person at the table as saved: who they are and where they sit, never their address. */
export interface SavedPerson {
  readonly id: string;
  readonly name: string;
  readonly token: string;
  readonly spectator: boolean;
  readonly patches: boolean;
  readonly seat: SeatId | null;
  readonly muted: boolean;
  readonly joinedAt: number;
}

/** Where a table stands (rewritten as it goes). */
export interface TableLive {
  readonly round: number;
  readonly phase: Exclude<GameState["phase"], "ended">;
  readonly remainingMs: number;
  readonly paused: boolean;
  readonly botsRan: boolean;
  readonly botsDone: readonly SeatId[];
  readonly personalities: Record<SeatId, Personality>;
  readonly actions: readonly LoggedAction[];
  readonly injects: readonly LoggedInject[];
  readonly seats: readonly {
    readonly id: SeatId;
    readonly player: string | null;
    readonly hostBot: Personality | null;
  }[];
  readonly people: readonly SavedPerson[];
  readonly removed: readonly Removed[];
  readonly hostId: string | null;
  /**
   * The table's last chat lines (`ChatLog`, at most `CHAT_HISTORY`), oldest first, private ones
   * included (`mayRead` still decides who is sent which); absent in records from before.
   */
  readonly chat?: readonly ChatMessage[];
  /** `hashState` of the state when this was written: the replay must give the same. */
  readonly hash: string;
}

/** A saved table: its join code, setup and where it stands. */
export interface SavedTable {
  readonly code: string;
  readonly setup: TableSetup;
  readonly live: TableLive;
}

/** A saved table the server is creating a room for (the room reads it in `onCreate`). */
export interface RestoreSpec<R extends LiveRoom = LiveRoom> extends SavedTable {
  /** Its workshop's hooks, when the table is a workshop's (`workshops.ts` gives them). */
  readonly workshop: WorkshopTableSpec<R> | null;
}

/** Parses a stored row (JSON the server wrote itself); null if it is not readable. */
export function readStoredTable(row: StoredTable): SavedTable | null {
  try {
    const setup = JSON.parse(row.setup) as TableSetup;
    const live = JSON.parse(row.live) as TableLive;
    if (typeof setup.gameId !== "string" || !Array.isArray(live.actions)) return null;
    return { code: row.code, setup, live };
  } catch {
    return null;
  }
}

/**
 * Join codes with some claimed up front: the codes of saved tables are taken before the server
 * listens, so no new table can be given one before its saved table is back.
 */
export class TableCodes {
  private readonly fresh = new JoinCodes();
  private readonly claimed = new Set<string>();

  /** A fresh code, never one claimed. */
  reserve(): string {
    for (;;) {
      const code = this.fresh.reserve();
      if (!this.claimed.has(code)) return code;
    }
  }

  /** Holds a saved table's code until `release`. */
  claim(code: string): void {
    this.claimed.add(code);
  }

  has(code: string): boolean {
    return this.claimed.has(code) || this.fresh.has(code);
  }

  /**
   * Takes back a code a table had before a restart (a workshop's lobby table opened again):
   * true when it was free and is held now until `release`; false when another table has it.
   */
  async take(code: string): Promise<boolean> {
    if (this.has(code)) return false;
    this.claim(code);
    return true;
  }

  release(code: string): void {
    this.claimed.delete(code);
    this.fresh.release(code);
  }

  get size(): number {
    return this.claimed.size + this.fresh.size;
  }
}

/**
 * Every saved table this process claims (`Store.claimTables`: the rows of no live process, all
 * of them by default, `staleBefore` = Infinity, for a process alone) that `accept` takes (by
 * default the ones of no workshop: `workshops.ts` restores its own), with its code claimed;
 * unreadable rows are dropped.
 */
export async function savedTables(
  services: RoomServices,
  accept: (setup: TableSetup) => boolean = (s) => s.workshopId === null,
  staleBefore = Number.POSITIVE_INFINITY,
): Promise<SavedTable[]> {
  const out: SavedTable[] = [];
  for (const row of await services.store.claimTables(services.processId, staleBefore)) {
    const saved = readStoredTable(row);
    if (!saved) {
      console.error(`[restore] table ${row.code}: unreadable record, dropped`);
      inBackground(services.store.dropTable(row.code), `dropping table ${row.code}`);
      continue;
    }
    if (!accept(saved.setup)) continue;
    services.codes.claim(row.code);
    out.push(saved);
  }
  return out;
}

let restoreKeys = 0;

/**
 * Creates the room of a saved table again, under its code (its code claimed first); resolves
 * with the room, or null when it could not come back (its log no longer replays, say): then its
 * record is dropped and its code released.
 */
export async function restoreTable<R extends LiveRoom>(
  services: RoomServices<R>,
  spec: RestoreSpec<R>,
): Promise<R | null> {
  const key = `restore-${++restoreKeys}`;
  services.codes.claim(spec.code);
  services.restoring.set(key, spec);
  try {
    await matchMaker.createRoom(ROOM_NAME, { restoreTable: key });
    return [...services.rooms].find((r) => r.roomId === spec.code) ?? null;
  } catch (error) {
    console.error(`[restore] table ${spec.code} could not be restored:`, error);
    services.restoring.delete(key);
    inBackground(services.store.dropTable(spec.code), `dropping table ${spec.code}`);
    services.codes.release(spec.code);
    return null;
  }
}

/** Restores saved tables of no workshop, one after another; the codes of the tables back. */
export async function restoreTables(
  services: RoomServices,
  saved: readonly SavedTable[],
): Promise<string[]> {
  const back: string[] = [];
  for (const s of saved)
    if (await restoreTable(services, { ...s, workshop: null })) back.push(s.code);
  return back;
}
