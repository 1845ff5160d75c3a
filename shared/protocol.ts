/**
 * The wire contract between the game server and its clients (the browser client, tests and
 * external bots). Every client message has a zod schema here; the server checks a message's
 * shape with these before anything else, then the rules check whether the action is legal.
 * Server-to-client payloads are plain types built from the rules' views. docs/PROTOCOL.md
 * describes the same in words.
 */
import { z } from "zod";
import { actionSchema, seatIdSchema } from "./actions";
import { DIFFICULTIES } from "./difficulty";
import type { GameEvent, SeatId } from "./state";
import type { DebriefView, PublicView, SeatView } from "./views";
import { PHASES, type Phase, ROLES, type Role } from "./vocabulary";
import type { WireOp } from "./wire";

export { actionSchema };

export const ROOM_NAME = "attractor";

/** Join codes: no look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
export const CODE_LENGTH = 5;
export const codeSchema = z
  .string()
  .length(CODE_LENGTH)
  .regex(new RegExp(`^[${CODE_ALPHABET}]+$`));

export const playerNameSchema = z
  .string()
  .trim()
  .min(1, "a name is needed")
  .max(24, "names are at most 24 characters")
  .regex(/^[\p{L}\p{N} _.'-]+$/u, "names may use letters, digits, spaces and _ . ' -");

export const SPEEDS = ["quick", "standard", "classroom"] as const;
export type Speed = (typeof SPEEDS)[number];
/** Multiplier on the scenario's phase timers. */
export const SPEED_FACTOR: Record<Speed, number> = { quick: 0.5, standard: 1, classroom: 1.75 };

export const createOptionsSchema = z.strictObject({
  name: playerNameSchema,
  /** "solo": one person and bots, starts at once. "private": a table to share by code. */
  mode: z.enum(["solo", "private"]),
  scenario: z.string().max(40).optional(),
  role: z.enum(ROLES).optional(),
  rounds: z.number().int().min(8).max(20).optional(),
  speed: z.enum(SPEEDS).optional(),
  /** Solo only: what the bots at the other seats are like (shared/difficulty.ts). */
  difficulty: z.enum(DIFFICULTIES).optional(),
  /** Receive `patch` messages after the first full `view`/`table` (see wire.ts and viewpatch.ts). */
  patches: z.boolean().optional(),
});
export type CreateOptions = z.infer<typeof createOptionsSchema>;

export const joinOptionsSchema = z.strictObject({
  name: playerNameSchema,
  /** Join as a spectator (the projector on the classroom wall): public view only. */
  spectator: z.boolean().optional(),
  /** A seat to ask for, by id (e.g. "G1"), or a role. */
  seat: z.string().max(4).optional(),
  role: z.enum(ROLES).optional(),
  /** The token a person got when they first took a seat, to take it back later. */
  seatToken: z.string().max(64).optional(),
  /** Receive `patch` messages after the first full `view`/`table` (see wire.ts and viewpatch.ts). */
  patches: z.boolean().optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

/** Every message a client may send: type → payload schema. */
export const clientMessages = {
  /** A game action for the sender's seat. */
  action: z.strictObject({ action: actionSchema }),
  /**
   * Ready for the phase to end (it ends early when every person is ready). `round` and `phase`
   * (given together) are the phase it was pressed in: a ready for a phase that is over is
   * refused with `phase_over` and changes nothing (a double click cannot end the next phase).
   */
  ready: z
    .strictObject({
      ready: z.boolean(),
      round: z.number().int().min(0).max(100).optional(),
      phase: z.enum(PHASES).optional(),
    })
    .refine((m) => (m.round === undefined) === (m.phase === undefined), {
      message: "round and phase go together: send both (the phase Ready was pressed in) or neither",
      path: ["phase"],
    }),
  /** Chat: public, or private to one seat. */
  chat: z.strictObject({ text: z.string().trim().min(1).max(280), to: seatIdSchema.optional() }),
  /** Lobby: take a free seat, or leave yours. */
  takeSeat: z.strictObject({ seat: seatIdSchema }),
  leaveSeat: z.strictObject({}),
  /** Host only. */
  configure: z.strictObject({
    scenario: z.string().max(40).optional(),
    rounds: z.number().int().min(8).max(20).optional(),
    speed: z.enum(SPEEDS).optional(),
    seats: z.array(z.enum(ROLES)).min(3).max(9).optional(),
  }),
  setBot: z.strictObject({ seat: seatIdSchema, personality: z.string().max(24).nullable() }),
  start: z.strictObject({}),
  pause: z.strictObject({}),
  resume: z.strictObject({}),
  extend: z.strictObject({ seconds: z.number().int().min(5).max(600) }),
  skip: z.strictObject({}),
  mute: z.strictObject({ player: z.string().max(64), muted: z.boolean() }),
  kick: z.strictObject({ player: z.string().max(64) }),
  /** Host only: let a removed person join this table again (an id from `TableInfo.removed`). */
  unban: z.strictObject({ player: z.string().max(64) }),
  /**
   * A workshop's student asks the facilitator for help (`on: true`) or takes it back; the
   * cockpit shows it until the facilitator answers (`helped`). Elsewhere: `not_workshop`.
   */
  help: z.strictObject({ on: z.boolean() }),
} as const;
export type ClientMessageType = keyof typeof clientMessages;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof clientMessages)[T]>;

export const PROTOCOL_ERROR_CODES = [
  "bad_message",
  "unknown_type",
  "too_fast",
  "too_large",
  "not_host",
  "not_seated",
  "seat_taken",
  "wrong_stage",
  "muted",
  "internal",
  "not_found",
  /** A `ready` for a round and phase that are over (a double click): nothing changed. */
  "phase_over",
  /** The round step refused to produce a non-finite number: the game was stopped as it was. */
  "model_error",
  /** `help` at a table that is not a workshop's. */
  "not_workshop",
  /** A silent watcher (the facilitator) sent something only the table's people may. */
  "silent_watch",
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** Sent to one client when something it sent was refused. Nothing changed. */
export interface ErrorMessage {
  /** A protocol code, or one of the rules' codes (`ERROR_CODES` in actions.ts). */
  code: string;
  message: string;
  /** The message type that was refused. */
  type: string;
}

/** How many chat lines a table keeps for people who join, reload or reconnect. */
export const CHAT_HISTORY = 100;

export interface ChatMessage {
  from: string;
  /** The sender's player id (as in `TableInfo.players`: whether they are muted, say). */
  fromPlayer: string;
  fromSeat: SeatId | null;
  text: string;
  to: SeatId | null;
  at: number;
}

/** The table as everyone sees it: who sits where, the stage of the game, the clock. */
export interface PlayerInfo {
  id: string;
  name: string;
  seat: SeatId | null;
  host: boolean;
  connected: boolean;
  ready: boolean;
  spectator: boolean;
  muted: boolean;
}

/** Someone the host removed from the table (only the host's `table` lists them). */
export interface RemovedInfo {
  /** Their player id when they were removed: what `unban` takes. */
  id: string;
  name: string;
}

export interface SeatInfo {
  id: SeatId;
  role: Role;
  name: string;
  /** The person in the seat, by player id, or null for a bot. */
  player: string | null;
  /** The bot personality playing it (when no person is, or while they are away). */
  bot: string | null;
}

export interface TableInfo {
  code: string;
  stage: "lobby" | "playing" | "ended";
  scenario: string;
  rounds: number;
  speed: Speed;
  seats: SeatInfo[];
  players: PlayerInfo[];
  round: number;
  phase: Phase | "lobby";
  /** Milliseconds left in the phase (frozen while paused). */
  remainingMs: number;
  paused: boolean;
  /** A link that opens this table in the browser client (path plus query, e.g. "/?join=K3P7Q"). */
  link: string;
  /** The saved game's id once the game has started (for `GET /api/games/:id`), else null. */
  gameId: string | null;
  /**
   * Only in the host's table: the people the host removed, who may not join again (by name or
   * address) until the host lets them back in with `unban`.
   */
  removed?: RemovedInfo[];
}

/** Server → client message types. */
export interface ServerMessages {
  table: TableInfo;
  /**
   * Your seat's view (people), or the public view (spectators). Sent whenever it changes. With
   * the `patches` join option it comes as its document (`ViewDoc`, `shared/viewdoc.ts`), which
   * `expandView` turns into this.
   */
  view: { seat: SeatView | null; public: PublicView };
  /** After the game: the whole truth, and the counterfactual with no regulation. */
  debrief: {
    debrief: DebriefView;
    /** The same game with no regulation passed; `welfareCounted` counts a catastrophe as a collapse. */
    counterfactual: { ending: string; welfare: number[]; proxy: number[]; welfareCounted: number };
    gameId: string;
  };
  /**
   * Who you are at this table: your player id (as in `TableInfo.players`), your seat and your
   * seat token. Keep the token to take your seat back after a drop (join option `seatToken`).
   */
  seat: { seat: SeatId | null; token: string | null; player: string };
  /**
   * With the `patches` join option: the changes to your last `table` (`t`) and to your last
   * `view` document (`v`), each in their wire form (`unpackOps` in `shared/wire.ts`, then
   * `applyPatch`; the table's first). The answer to an action has `v`, perhaps with no
   * operations.
   */
  patch: { t?: WireOp[]; v?: WireOp[] };
  chat: ChatMessage;
  /**
   * On joining and reconnecting (and when your seat changes): the table's last chat lines
   * (at most `CHAT_HISTORY`) that you may read, oldest first. They replace what you hold.
   */
  chatHistory: ChatMessage[];
  error: ErrorMessage;
  events: GameEvent[];
  /** A workshop's student moved by the facilitator to another table (then closed with 4010). */
  workshopMoved: { table: string };
  /** A workshop's student's "help" was seen: the facilitator is coming (in words to show). */
  helped: { text: string };
}

/**
 * Codes of a refused create/join/reconnect (the `code` of the matchmaking error a client gets).
 */
export const JOIN_ERRORS = {
  /** The options did not match createOptionsSchema / joinOptionsSchema; the message says why. */
  badOptions: 4400,
  /** You were removed from this table, or a solo table takes no other players. */
  notAllowed: 4403,
  /** Too many tables created from your address recently. */
  tooManyTables: 4429,
  /** Too many joins by a code that names no table from your address in the last hour. */
  tooManyFailedJoins: 4430,
  /** The server is running as many tables as it allows. */
  serverFull: 4503,
  /** The table has as many people as it allows. */
  tableFull: 4409,
  /** The create options name a scenario the server does not have (no preset or upload by that id). */
  scenarioNotFound: 4404,
  /** A workshop's table already has `MAX_SILENT_WATCHERS` silent watchers (its watch token). */
  tooManyWatchers: 4410,
} as const;

/** WebSocket close codes the server uses when it ends a connection. */
export const CLOSE_CODES = {
  /** The host removed you. */
  kicked: 4001,
  /** You sent too many messages too fast. */
  flooding: 4029,
  /**
   * You sent a frame that is not a Colyseus room message (empty, text, an unknown protocol
   * byte, a state or patch frame, no message type, a payload that is not msgpack).
   */
  malformed: 4002,
} as const;

/** Most people (players and spectators) at one table. */
export const MAX_PEOPLE_PER_TABLE = 40;

/** Most silent watchers (a workshop's facilitator, by the table's watch token) at one table. */
export const MAX_SILENT_WATCHERS = 4;
