/**
 * A classroom workshop on the wire (DESIGN.md section 12; docs/PROTOCOL.md "Workshops"): what
 * a facilitator may ask for when creating one, what a student sends to join, the facilitator's
 * commands (zod schemas the server checks every request with), and the shape of every answer
 * the workshop routes give, for the server that builds them and the client that shows them.
 */
import { z } from "zod";
import { seatIdSchema } from "./actions";
import type { InjectStatus } from "./injects";
import { playerNameSchema } from "./protocol";
import type { RegulationScope, SeatId } from "./state";
import { type Attractor, type Ending, type Phase, ROLES, type Role } from "./vocabulary";

/** The lesson formats, in minutes: each a number of rounds and a multiplier on phase timers. */
export const FORMATS = {
  /** 8 rounds of about 3 minutes (Standard's timers): 23 minutes of play, time to brief and debrief. */
  45: { rounds: 8, timeFactor: 1 },
  /** 12 rounds of about 5 minutes: 61 minutes of play. */
  90: { rounds: 12, timeFactor: 1.75 },
  /** 16 rounds of about 7 minutes: 117 minutes of play, with room for discussion between rounds. */
  180: { rounds: 16, timeFactor: 2.5 },
} as const;
export type FormatMinutes = keyof typeof FORMATS;

export const workshopOptionsSchema = z
  .strictObject({
    /** A preset id or an uploaded scenario's `custom-…` id (default `standard`). */
    scenario: z.string().max(40).default("standard"),
    /** About 45, 90 or 180 minutes (default 90). */
    format: z.union([z.literal(45), z.literal(90), z.literal(180)]).default(90),
    /** Seats per table, 3–9, with the roles in turn; or give `seats`. */
    tableSize: z.number().int().min(3).max(9).optional(),
    /** The role of each seat at every table (the role mix), 3–9 seats. */
    seats: z.array(z.enum(ROLES)).min(3).max(9).optional(),
    /** Whether students may chat at their tables (the facilitator can change it later). */
    chat: z.boolean().default(true),
    /** Whether the word filter refuses students' chat lines that match it. */
    filter: z.boolean().default(false),
  })
  .refine((o) => !(o.seats && o.tableSize !== undefined && o.seats.length !== o.tableSize), {
    message: "tableSize and seats disagree: give one, or a size equal to the number of seats",
    path: ["tableSize"],
  });
export type WorkshopOptions = z.infer<typeof workshopOptionsSchema>;
/** What the client sends to create one (every field has a default). */
export type WorkshopRequest = z.input<typeof workshopOptionsSchema>;

export const studentJoinSchema = z.strictObject({
  /** The nickname to show; without one the student gets a random one. */
  nickname: playerNameSchema.optional(),
  /** The token of an earlier join: the same student, back in the same seat. */
  token: z.string().min(1).max(64).optional(),
});
export type StudentJoin = z.infer<typeof studentJoinSchema>;

/** Which tables a command is for: one, by its code, or every table (the default). */
const tableTarget = z.string().max(8).default("all");
const studentId = z.string().min(1).max(64);

/** What the facilitator may ask of the workshop (`POST /api/workshops/:code/control`). */
export const controlSchema = z.discriminatedUnion("command", [
  z.strictObject({
    command: z.enum(["start", "pause", "resume", "skip"]),
    table: tableTarget,
  }),
  z.strictObject({
    command: z.literal("extend"),
    table: tableTarget,
    seconds: z.number().int().min(5).max(600),
  }),
  z.strictObject({ command: z.literal("chat"), table: tableTarget, on: z.boolean() }),
  z.strictObject({
    command: z.literal("inject"),
    table: tableTarget,
    inject: z.string().min(1).max(40),
  }),
  z.strictObject({ command: z.literal("filter"), on: z.boolean() }),
  /** Whether the workshop projector shows the join code (shown until the facilitator hides it). */
  z.strictObject({ command: z.literal("showCode"), on: z.boolean() }),
  /** The facilitator has seen a student's "help": it is cleared and the student is told. */
  z.strictObject({ command: z.literal("helped"), student: studentId }),
  z.strictObject({
    command: z.literal("message"),
    table: tableTarget,
    text: z.string().trim().min(1).max(280),
  }),
  z.strictObject({ command: z.literal("mute"), student: studentId, muted: z.boolean() }),
  z.strictObject({ command: z.literal("remove"), student: studentId }),
  z.strictObject({
    command: z.literal("move"),
    student: studentId,
    table: z.string().max(8),
    seat: seatIdSchema.optional(),
  }),
]);
export type Control = z.infer<typeof controlSchema>;
/** What the client sends (the table defaults to all). */
export type ControlRequest = z.input<typeof controlSchema>;

// Answers.

/** What every workshop answer shares (`GET /api/workshops/:code` adds a nickname to offer). */
export interface WorkshopSummary {
  readonly code: string;
  readonly scenario: string;
  readonly format: {
    readonly minutes: FormatMinutes;
    readonly rounds: number;
    readonly timeFactor: number;
  };
  /** The role of each seat at every table. */
  readonly seats: readonly Role[];
  readonly chat: boolean;
  readonly filter: boolean;
  readonly tables: number;
  readonly students: number;
}

/** `201` of `POST /api/workshops`. The secret and the projector key are answered only here. */
export interface WorkshopCreated extends WorkshopSummary {
  readonly secret: string;
  /** `/?workshop=CODE`: for the students. */
  readonly link: string;
  /** `/?workshop=CODE#secret=SECRET`: the cockpit. */
  readonly facilitatorLink: string;
  /** A key that opens the workshop projector and nothing else. */
  readonly projectorKey: string;
  /** `/?workshop=CODE&view=projector#key=KEY`. */
  readonly projectorLink: string;
  readonly expiresAt: number;
}

/** `200` of `GET /api/workshops/:code`: the student's join page. */
export interface WorkshopAbout extends WorkshopSummary {
  /** A free random nickname to offer. */
  readonly nickname: string;
}

/** `201`/`200` of `POST /api/workshops/:code/join`. */
export interface StudentSeat {
  readonly workshop: string;
  readonly student: string;
  readonly nickname: string;
  /** Keep it: the same seat after a drop or a reload (`joinById(table, { name, seatToken })`). */
  readonly token: string;
  readonly table: string | null;
  readonly seat: SeatId | null;
  readonly watching: boolean;
  /** Whether the table's room is open. */
  readonly live: boolean;
}

/** Every ending's share of the bot continuations, 0 to 1 (they sum to 1). */
export type EndingShares = Readonly<Record<Ending, number>>;

/**
 * Odds from here: at the start of a round (its News), the share of each ending in bot
 * continuations of the table's state then (the same rules, the table's luck varied).
 */
export interface OddsPoint {
  readonly round: number;
  /** How many continuations were played. */
  readonly runs: number;
  readonly shares: EndingShares;
  /** Milliseconds of one core the computation took. */
  readonly ms: number;
}

export interface CockpitStudent {
  readonly id: string;
  readonly nickname: string;
  readonly table: string | null;
  readonly seat: SeatId | null;
  readonly watching: boolean;
  readonly connected: boolean;
  /** Connected but no message for `WORKSHOP_IDLE_SECONDS`. */
  readonly idle: boolean;
  readonly muted: boolean;
  /** Has pressed "Ask for help" and not been answered (`helped`). */
  readonly help: boolean;
}

export interface CockpitSeat {
  readonly id: SeatId;
  readonly role: Role;
  readonly name: string;
  readonly student: string | null;
  readonly nickname: string | null;
  readonly bot: boolean;
  readonly connected: boolean;
  readonly idle: boolean;
  readonly help: boolean;
}

/**
 * A table's levels at the start of its game: every screen's "start = 100" (`indexOf` in
 * `client/src/model/scale.ts`). `welfare` is the start's welfare, published and true alike
 * (every bloc's statistics start calibrated); `proxy` the economic index's start level.
 */
export interface TableStart {
  readonly welfare: number;
  readonly proxy: number;
}

/** What only the facilitator sees of a table in play. */
export interface TableTruth {
  /** Of the last resolved round (the start before one), as levels (true welfare 0–100). */
  readonly welfare: number;
  readonly proxy: number;
  /** The start's levels, to show both on the game's scale (start = 100). */
  readonly start?: TableStart;
  readonly risks: Readonly<Record<Attractor, number>>;
  readonly ending: Ending | null;
}

export interface CockpitRegulation {
  readonly id: string;
  readonly strength: number;
  readonly scope: RegulationScope;
  readonly proposer: SeatId;
  readonly passedRound: number;
}

export interface LiveTable {
  readonly code: string;
  readonly live: true;
  readonly stage: "lobby" | "playing" | "ended";
  readonly round: number;
  readonly rounds: number;
  readonly phase: Phase | null;
  readonly remainingMs: number | null;
  readonly paused: boolean;
  readonly chat: boolean;
  readonly gameId: string | null;
  readonly seats: readonly CockpitSeat[];
  /** Student ids. */
  readonly watchers: readonly string[];
  readonly truth: TableTruth | null;
  readonly injects: InjectStatus | null;
  readonly regulations: readonly CockpitRegulation[];
  /** The latest odds from here (null before the first is computed). */
  readonly odds: OddsPoint | null;
  /**
   * Joins this table as a silent watcher (`joinById(code, { name: "Facilitator", seatToken:
   * watchToken, patches: true })`): a spectator nobody at the table is shown.
   */
  readonly watchToken: string;
  /** How many silent watchers are connected now (at most `MAX_SILENT_WATCHERS`). */
  readonly silentWatchers?: number;
}

/** A table whose room is closed (its game is at `GET /api/games/:gameId`). */
export interface ClosedTable {
  readonly code: string;
  readonly live: false;
  readonly stage: "lobby" | "playing" | "ended";
  readonly chat: boolean;
  readonly gameId: string | null;
}

export type CockpitTable = LiveTable | ClosedTable;

/** `200` of `GET /api/workshops/:code/cockpit`. */
export interface Cockpit extends Omit<WorkshopSummary, "tables" | "students"> {
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly showCode: boolean;
  readonly students: readonly CockpitStudent[];
  readonly tables: readonly CockpitTable[];
}

/** `200` of `POST /api/workshops/:code/control`. */
export interface ControlAnswer {
  readonly ok: boolean;
  readonly results: readonly {
    readonly table: string;
    readonly ok: boolean;
    readonly code?: string;
    readonly message?: string;
  }[];
}

/** A refusal from any workshop route. */
export interface WorkshopError {
  readonly error: string;
  readonly message: string;
}

/**
 * One resolved round of a table as the projector and the debrief get it. `index` is already on
 * the game's scale (start = 100); `measured` and `welfare` are levels (0–100): the screens show
 * them on the same scale with the table's `start` (`indexOf(level, start.welfare)`).
 */
export interface TableRound {
  readonly round: number;
  /** The published economic index (start = 100) and measured welfare (a level, 0–100). */
  readonly index: number;
  readonly measured: number;
  /** True welfare (a level): in the projector only once the table has ended; always in the debrief. */
  readonly welfare: number | null;
}

/** `200` of `GET /api/workshops/:code/projector` (the secret or the projector key). */
export interface ProjectorView {
  readonly code: string;
  /** Whether to show the join code (the facilitator's `showCode`). */
  readonly showCode: boolean;
  readonly link: string;
  /** The facilitator's messages, oldest first (`table` null: to every table). */
  readonly messages: readonly {
    readonly at: number;
    readonly table: string | null;
    readonly text: string;
  }[];
  readonly tables: readonly {
    readonly code: string;
    readonly stage: "lobby" | "playing" | "ended";
    readonly round: number;
    readonly rounds: number;
    readonly phase: Phase | null;
    readonly remainingMs: number | null;
    readonly paused: boolean;
    readonly students: number;
    /** Null until the table has ended. */
    readonly ending: Ending | null;
    readonly series: readonly TableRound[];
    /** The start's levels (null before the game starts): the series' "start = 100". */
    readonly start: TableStart | null;
    readonly regulationsPassed: number;
    readonly closeCalls: number;
    readonly incidents: number;
  }[];
}

/** One table in the workshop debrief. */
export interface DebriefTable {
  readonly code: string;
  readonly stage: "lobby" | "playing" | "ended";
  readonly ending: Ending | null;
  readonly endRound: number | null;
  /** Seat → nickname (bots: null). */
  readonly people: readonly {
    readonly seat: SeatId;
    readonly role: Role;
    readonly nickname: string | null;
  }[];
  readonly series: readonly TableRound[];
  /** The start's levels (null before the game starts): the series' "start = 100". */
  readonly start: TableStart | null;
  readonly regulations: readonly {
    readonly id: string;
    readonly strength: number;
    readonly scope: RegulationScope;
    readonly proposer: SeatId;
    readonly passedRound: number;
    readonly endsRound: number | null;
  }[];
  /** Each crisis and the moves made at the table in the round it struck and the next. */
  readonly injects: readonly {
    readonly round: number;
    readonly inject: string;
    readonly title: string;
    readonly answers: readonly string[];
  }[];
  readonly odds: readonly OddsPoint[];
}

/** `200` of `GET /api/workshops/:code/debrief` (the secret). */
export interface WorkshopDebrief {
  readonly code: string;
  readonly scenario: string;
  readonly tables: readonly DebriefTable[];
  /** What separated the tables that flourished from those that fell, in plain sentences. */
  readonly separated: readonly string[];
  /** Five discussion questions drawn from what happened. */
  readonly questions: readonly string[];
}

/** One decision (or a pushed inject) in the workshop's export. */
export interface ExportDecision {
  readonly phase: string;
  readonly seat: SeatId | null;
  readonly role: Role | null;
  /** The student's nickname, "bot", or "facilitator" for an inject. */
  readonly player: string;
  readonly action: string;
  /** The action in plain words. */
  readonly words: string;
  /** The action as logged, figures rounded to 3 decimals. */
  readonly data: unknown;
}

/** `200` of `GET /api/workshops/:code/export.json` (the secret): every table by round and decision. */
export interface WorkshopExport {
  readonly workshop: string;
  readonly scenario: string;
  readonly exportedAt: number;
  readonly tables: readonly {
    readonly table: string;
    readonly stage: "lobby" | "playing" | "ended";
    readonly ending: Ending | null;
    readonly endRound: number | null;
    readonly people: DebriefTable["people"];
    /** The start's levels (null before the game starts): `measured` and `welfare` ÷ it × 100. */
    readonly start: TableStart | null;
    readonly rounds: readonly (Partial<TableRound> & {
      readonly round: number;
      readonly decisions: readonly ExportDecision[];
    })[];
  }[];
}
