/**
 * The rules' gate for actions, driven by the action table: `checkAction` says whether an
 * action is legal for a seat now (a stable code and a sentence when not), `applyAction`
 * returns the new state, `offersFor` tells a seat which action types it can take now and the
 * values their fields may take (the view carries it, so no client decides legality), and
 * `resolveMoves` carries out the queued moves at Resolve. Bots and people use the same gate.
 */
import { shallowState } from "../clone";
import type { GameEvent, GameState, Orders, SeatId } from "../state";
import { MAX_MOVES_PER_ROUND, type Phase, type Role } from "../vocabulary";
import {
  type FieldOptions,
  type ResolveContext,
  type RuleError,
  ruleError,
  type SeatContext,
} from "./kit";
import { ACTION_TYPES, type Action, type ActionType, definition, isQueued } from "./table";

export type ActionResult = { ok: true; state: GameState } | { ok: false; error: RuleError };

/** Whether an action of this type uses one of the seat's moves this round. */
export function isMove(type: ActionType): boolean {
  return definition(type).usesMove;
}

export function describe(type: ActionType): string {
  return definition(type).verb;
}

/**
 * What stops any action of this type for a seat of this role now, before its own fields are
 * looked at: the game's end, the role, the phase, the moves used (in that order). It reads
 * nothing a seat's view lacks, so a client works a closed offer's reason out from its view
 * (`public.phase`, `self.role`, `movesLeft`) without being sent it.
 */
export function gateRefusal(
  type: ActionType,
  role: Role,
  phase: Phase,
  movesLeft: number,
): RuleError | null {
  if (phase === "ended") return ruleError("game_over", "The game is over.");
  const def = definition(type);
  if (!def.roles.includes(role)) return ruleError("wrong_role", `A ${role} cannot ${def.verb}.`);
  if (!(def.phases as readonly string[]).includes(phase))
    return ruleError(
      "wrong_phase",
      def.phaseHint ??
        `Actions can only be taken in the Act and Legislate phases, not during ${phase}.`,
    );
  if (def.usesMove && movesLeft <= 0)
    return ruleError(
      "no_moves_left",
      `You have used both moves this round (${MAX_MOVES_PER_ROUND} a round).`,
    );
  return null;
}

/**
 * What stops any action of this type for the seat now (`gateRefusal`, or an unknown seat), and
 * the seat's context whenever the type is its role's (also while the phase or the used moves
 * close it, so its offer can still list its fields' values).
 */
function gateFor(
  state: GameState,
  seatId: SeatId,
  type: ActionType,
): { error: RuleError | null; ctx?: SeatContext } {
  const seat = state.seats.find((s) => s.id === seatId);
  if (!seat) {
    if (state.phase === "ended") return { error: ruleError("game_over", "The game is over.") };
    return { error: ruleError("unknown_seat", `There is no seat ${seatId}.`) };
  }
  const orders = state.orders[seatId]!;
  const error = gateRefusal(type, seat.role, state.phase, MAX_MOVES_PER_ROUND - orders.used);
  if (error?.code === "game_over" || error?.code === "wrong_role") return { error };
  return { ctx: { state, seat, orders }, error };
}

/** Checks an action without changing anything; null when it is legal. */
export function checkAction(state: GameState, seatId: SeatId, action: Action): RuleError | null {
  const { ctx, error } = gateFor(state, seatId, action.type);
  return error ?? definition(action.type).check(ctx!, action);
}

/** Applies a legal action and returns the new state, or the reason it is not legal. */
export function applyAction(state: GameState, seatId: SeatId, action: Action): ActionResult {
  const def = definition(action.type);
  const { ctx, error: closed } = gateFor(state, seatId, action.type);
  const error = closed ?? def.check(ctx!, action);
  if (error) return { ok: false, error };
  const next = shallowState(state);
  if (def.usesMove) {
    const old = state.orders[seatId]!;
    const orders: Orders = {
      moves: isQueued(action) ? [...old.moves, action] : old.moves,
      used: old.used + 1,
    };
    // Object.assign copies the keys in the same order as a spread, for less.
    const all: Record<SeatId, Orders> = Object.assign({}, state.orders);
    all[seatId] = orders;
    next.orders = all;
  }
  return {
    ok: true,
    state: def.now ? Object.assign(next, def.now(state, ctx!.seat, action)) : next,
  };
}

/** An action type as a seat's view offers it. */
export interface ActionOffer {
  readonly enabled: boolean;
  /** Why not, when it is not enabled (the rules' code and sentence). */
  readonly code: RuleError["code"] | null;
  readonly reason: string | null;
  /** The values the action's fields may take now (where the rules restrict them). */
  readonly options?: FieldOptions;
}

/** Every action type, as it stands for this seat now. */
export function offersFor(state: GameState, seatId: SeatId): Record<ActionType, ActionOffer> {
  const out = {} as Record<ActionType, ActionOffer>;
  for (const type of ACTION_TYPES) {
    const { ctx, error } = gateFor(state, seatId, type);
    const available = ctx ? definition(type).available?.(ctx) : undefined;
    const why = error ?? available?.blocked ?? null;
    const offer: ActionOffer = {
      enabled: why === null,
      code: why?.code ?? null,
      reason: why?.message ?? null,
    };
    out[type] = available?.options ? { ...offer, options: available.options } : offer;
  }
  return out;
}

/**
 * Carries out one seat's queued moves at Resolve, in the order they were made, on the round's
 * working copy of the state; returns nothing, the state and events are changed in place.
 */
export function resolveMoves(
  state: GameState,
  seatId: SeatId,
  events: GameEvent[],
  lobbying: Record<SeatId, number>,
): void {
  const seat = state.seats.find((s) => s.id === seatId)!;
  const lab = state.labs.find((l) => l.seat === seat.id);
  const firm = state.firms.find((f) => f.seat === seat.id);
  const ctx: ResolveContext = {
    state,
    seat,
    lab,
    firm,
    bloc: state.blocs[seat.bloc]!,
    lobbying,
    pay(amount) {
      if (firm) firm.cash -= amount;
      if (lab) lab.cumulativeRevenue -= amount;
    },
    news(kind, text) {
      events.push({ round: state.round, kind, seat: seat.id, public: true, text });
    },
  };
  for (const move of state.orders[seat.id]!.moves) definition(move.type).atResolve!(ctx, move);
}
