/**
 * A workshop's plan, as data and pure functions: the seats of its tables, the random nicknames
 * offered to students, and where the next student sits (`placeStudent`). The schemas of what a
 * facilitator and a student may send are the wire's, in `shared/workshop.ts`.
 * No networking and no clock: `workshops.ts` runs the workshop with these.
 */

import { ROLES, type Role } from "../shared/vocabulary";
import type { WorkshopOptions } from "../shared/workshop";

export {
  type Control,
  controlSchema,
  FORMATS,
  type FormatMinutes,
  type StudentJoin,
  studentJoinSchema,
  type WorkshopOptions,
  workshopOptionsSchema,
} from "../shared/workshop";

/** A table of `size` seats with the roles in turn (government, lab, company, government…). */
export function defaultRoles(size: number): Role[] {
  const order: Role[] = ["government", "lab", "company"];
  return Array.from({ length: size }, (_, i) => order[i % 3]!).sort(
    (a, b) => ROLES.indexOf(a) - ROLES.indexOf(b),
  );
}

/** The seats of every table of a workshop: the mix asked for, else `tableSize`, else the scenario's. */
export function tableRoles(opts: WorkshopOptions, scenarioSeats: readonly Role[]): Role[] {
  if (opts.seats) return [...opts.seats];
  if (opts.tableSize !== undefined) return defaultRoles(opts.tableSize);
  return [...scenarioSeats];
}

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
