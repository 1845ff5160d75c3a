/**
 * A workshop's plan, as data and pure functions: what a facilitator may ask for when creating
 * one (a zod schema: table size or role mix, scenario, format, chat, word filter), what each
 * format means in rounds and phase lengths, the random nicknames offered to students, the
 * facilitator's commands (a zod schema), and where the next student sits (`placeStudent`).
 * No networking and no clock: `workshops.ts` runs the workshop with these.
 */
import { z } from "zod";
import { seatIdSchema } from "../shared/actions";
import { playerNameSchema } from "../shared/protocol";
import { ROLES, type Role } from "../shared/vocabulary";

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

/** A table of `size` seats with the roles in turn (government, lab, company, government…). */
export function defaultRoles(size: number): Role[] {
  const order: Role[] = ["government", "lab", "company"];
  return Array.from({ length: size }, (_, i) => order[i % 3]!).sort(
    (a, b) => ROLES.indexOf(a) - ROLES.indexOf(b),
  );
}

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

/** The seats of every table of a workshop: the mix asked for, else `tableSize`, else the scenario's. */
export function tableRoles(opts: WorkshopOptions, scenarioSeats: readonly Role[]): Role[] {
  if (opts.seats) return [...opts.seats];
  if (opts.tableSize !== undefined) return defaultRoles(opts.tableSize);
  return [...scenarioSeats];
}

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

const ADJECTIVES = [
  "Amber",
  "Brave",
  "Calm",
  "Clever",
  "Curious",
  "Eager",
  "Gentle",
  "Golden",
  "Happy",
  "Jolly",
  "Keen",
  "Lively",
  "Lucky",
  "Merry",
  "Nimble",
  "Quiet",
  "Rapid",
  "Silver",
  "Steady",
  "Sunny",
  "Swift",
  "Tidy",
  "Witty",
  "Zesty",
] as const;
const ANIMALS = [
  "Badger",
  "Beaver",
  "Crane",
  "Dolphin",
  "Falcon",
  "Gecko",
  "Heron",
  "Ibis",
  "Koala",
  "Lemur",
  "Lynx",
  "Marten",
  "Narwhal",
  "Otter",
  "Owl",
  "Panda",
  "Puffin",
  "Quokka",
  "Raven",
  "Seal",
  "Tapir",
  "Walrus",
  "Wombat",
  "Yak",
] as const;

/** A random nickname such as "Swift Otter 42" (`random` in [0, 1), three draws). */
export function randomNickname(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${10 + Math.floor(random() * 90)}`;
}

/** What `placeStudent` knows of one table. */
export interface TablePlan {
  readonly started: boolean;
  readonly seats: readonly { readonly id: string; readonly role: Role; readonly taken: boolean }[];
  readonly watchers: number;
}

export type Placement =
  | { readonly kind: "seat"; readonly table: number; readonly seat: string }
  | { readonly kind: "newTable" }
  | { readonly kind: "watch"; readonly table: number };

/**
 * Where the next student goes: a free seat (bots play every seat nobody holds) at the table
 * with the fewest students, in the role fewest students there hold; when every seat is
 * taken, a new table while none has started and fewer than `maxTables` are open; else they
 * watch the table with the fewest watchers (a late or extra student).
 */
export function placeStudent(tables: readonly TablePlan[], maxTables: number): Placement {
  let best: { table: number; taken: number } | null = null;
  tables.forEach((t, i) => {
    const taken = t.seats.filter((s) => s.taken).length;
    if (taken < t.seats.length && (best === null || taken < best.taken)) best = { table: i, taken };
  });
  const chosen = best as { table: number; taken: number } | null;
  if (chosen !== null) {
    const seats = tables[chosen.table]!.seats;
    const held = (role: Role) => seats.filter((s) => s.taken && s.role === role).length;
    const free = seats.filter((s) => !s.taken);
    const seat = free.reduce((a, b) => (held(b.role) < held(a.role) ? b : a));
    return { kind: "seat", table: chosen.table, seat: seat.id };
  }
  if (tables.length < maxTables && !tables.some((t) => t.started)) return { kind: "newTable" };
  let watch = 0;
  tables.forEach((t, i) => {
    if (t.watchers < tables[watch]!.watchers) watch = i;
  });
  return { kind: "watch", table: watch };
}
