/**
 * What one entry of the action table is made of, and the small vocabulary the entries share:
 * the rules' error codes, the contexts an entry's checks and effects receive, and
 * `defineAction`, which ties an entry's functions to the type its schema describes.
 */
import type { z } from "zod";
import type { Bloc, Firm, GameEvent, GameState, Lab, Seat, SeatId } from "../state";
import type { Role } from "../vocabulary";

export const ERROR_CODES = [
  "game_over",
  "unknown_seat",
  "wrong_role",
  "wrong_phase",
  "no_moves_left",
  "bad_sliders",
  "bad_value",
  "unknown_regulation",
  "not_available",
  "already_proposed",
  "already_in_force",
  "unknown_proposal",
  "not_a_voter",
  "unknown_target",
  "already_done",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RuleError {
  readonly code: ErrorCode;
  readonly message: string;
}

export const ruleError = (code: ErrorCode, message: string): RuleError => ({ code, message });

/** The phases in which actions are taken. */
export type ActionPhase = "act" | "legislate";

/** What a legality check sees: the state, the acting seat and its orders this round. */
export interface SeatContext {
  readonly state: GameState;
  readonly seat: Seat;
  /** The seat's orders this round (typed loosely: the queued-move type derives from this table). */
  readonly orders: { readonly moves: readonly Shape[]; readonly used: number };
}

/** The legal values of an action's fields (for the client's forms and for bots). */
export type FieldOptions = Readonly<Record<string, readonly (string | number)[]>>;

/**
 * An action type as a whole, before its fields are chosen: whether anything stops it now
 * (`blocked`) and the values its fields may take.
 */
export interface Availability {
  readonly blocked: RuleError | null;
  readonly options?: FieldOptions;
}

/** What a move's effect at Resolve works on: the round's working copy of the state. */
export interface ResolveContext {
  readonly state: GameState;
  readonly seat: Seat;
  readonly lab: Lab | undefined;
  readonly firm: Firm | undefined;
  readonly bloc: Bloc;
  /** Lobbying spent this round, per seat (the legislature reads it). */
  readonly lobbying: Record<SeatId, number>;
  /** Takes an amount from the seat's firm or lab. */
  pay(amount: number): void;
  /** Reports the move in the news, for everyone. */
  news(kind: GameEvent["kind"], text: string): void;
}

export interface ActionDef<A extends { readonly type: string }> {
  /** The shape of the action on the wire (checked at the server's edge). */
  readonly schema: z.ZodType<A>;
  /** What it is, in a sentence's words ("release a model"). */
  readonly verb: string;
  readonly roles: readonly Role[];
  readonly phases: readonly ActionPhase[];
  /** Said when it is taken in another phase (else a general sentence). */
  readonly phaseHint?: string;
  /** Whether it uses one of the round's moves. */
  readonly usesMove: boolean;
  /** Whether this action type can be taken at all now, before its fields are chosen. */
  available?(ctx: SeatContext): Availability;
  /** Whether this action, with its fields, is legal now (after role, phase and moves). */
  check(ctx: SeatContext, action: A): RuleError | null;
  /** Its immediate effect: the fields of the state it replaces (never mutating `state`). */
  now?(state: GameState, seat: Seat, action: A): Partial<GameState>;
  /** Its effect at Resolve, on the round's working copy; an entry with it is queued. */
  atResolve?(ctx: ResolveContext, action: A): void;
}

type Shape = { readonly type: string };

/**
 * Declares one action: `defineAction(schema)({ ...entry })`. The entry's functions receive
 * the action type the schema describes.
 */
export function defineAction<S extends z.ZodType<Shape>>(schema: S) {
  return <D extends Omit<ActionDef<z.infer<S>>, "schema">>(def: D): D & { readonly schema: S } => ({
    ...def,
    schema,
  });
}

/** A check that never looks at the action's fields: it also says whether the type is open now. */
export function fieldless(check: (ctx: SeatContext) => RuleError | null) {
  return { available: (ctx: SeatContext): Availability => ({ blocked: check(ctx) }), check };
}

/** Refuses a second action of this type in the same round. */
export function onceARound(type: string, message: string) {
  return ({ orders }: SeatContext): RuleError | null =>
    orders.moves.some((m) => m.type === type) ? ruleError("already_done", message) : null;
}

export function replaceAt<T>(items: readonly T[], index: number, value: T): T[] {
  const out = items.slice();
  out[index] = value;
  return out;
}
