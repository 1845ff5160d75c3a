/**
 * The action table: every action a seat can take, one entry each (its wire schema, who may
 * take it and when, whether it uses a move, its legality check, its effect now and at
 * Resolve). `Action`, the queued-move type and the wire schema are derived from it, so an
 * action added in its role's file is known everywhere the compiler can see.
 */
import { z } from "zod";
import type { Role } from "../vocabulary";
import { COMMON_ACTIONS } from "./common";
import { COMPANY_ACTIONS } from "./company";
import { GOVERNMENT_ACTIONS } from "./government";
import type { ActionDef } from "./kit";
import { LAB_ACTIONS } from "./lab";

/** Every entry, from the files beside this one (an action is added in its role's file). */
export const ACTIONS = {
  ...COMMON_ACTIONS,
  ...LAB_ACTIONS,
  ...COMPANY_ACTIONS,
  ...GOVERNMENT_ACTIONS,
} as const;

type Table = typeof ACTIONS;
export type ActionType = keyof Table;

/** Everything a seat can do, as one tagged union. */
export type Action = { [K in ActionType]: Readonly<z.infer<Table[K]["schema"]>> }[ActionType];

/** The action of one type. */
export type ActionOf<T extends ActionType> = Extract<Action, { readonly type: T }>;

/** Action types carried out at Resolve (queued in the seat's orders until then). */
export type QueuedType = {
  [K in ActionType]: Table[K] extends { atResolve(...args: never[]): void } ? K : never;
}[ActionType];

/** A move queued for Resolve. */
export type Move = ActionOf<QueuedType>;

export const ACTION_TYPES = Object.keys(ACTIONS) as ActionType[];

/** The entry of an action's type, typed for that action. */
export function definition<T extends ActionType>(type: T): ActionDef<ActionOf<T>> {
  return ACTIONS[type] as unknown as ActionDef<ActionOf<T>>;
}

/** Whether an action is queued for Resolve (its entry has an effect there). */
export function isQueued(action: Action): action is Move {
  return definition(action.type).atResolve !== undefined;
}

/** The wire shape of any action: the union of the table's schemas. */
export const actionSchema = z.discriminatedUnion(
  "type",
  ACTION_TYPES.map((t) => ACTIONS[t].schema) as unknown as [
    Table[ActionType]["schema"],
    ...Table[ActionType]["schema"][],
  ],
) as unknown as z.ZodType<Action>;

/** Who may take each action. */
export const ACTION_ROLES = {} as Record<ActionType, readonly Role[]>;
for (const t of ACTION_TYPES) ACTION_ROLES[t] = ACTIONS[t].roles;

// The table's keys are the actions' own type names.
type KeysMatch = { [K in ActionType]: ActionOf<K> extends never ? never : K }[ActionType];
const _keysMatch: ActionType extends KeysMatch ? true : never = true;
void _keysMatch;
