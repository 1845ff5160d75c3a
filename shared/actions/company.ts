/** The company's own moves: acquisitions, and evading or complying with a regulation. */
import { z } from "zod";
import { REGULATIONS } from "../regulations";
import type { ActiveRegulation } from "../state";
import {
  type Availability,
  defineAction,
  fieldless,
  onceARound,
  ruleError,
  type SeatContext,
} from "./kit";

export const acquire = defineAction(z.strictObject({ type: z.literal("acquire") }))({
  verb: "acquire a competitor",
  roles: ["company"],
  phases: ["act", "legislate"],
  usesMove: true,
  ...fieldless(onceARound("acquire", "One acquisition per round.")),
  atResolve({ state, seat, firm, news }) {
    const c = state.scenario.companies;
    const seg = state.sectors[firm!.sector]!.segments[seat.bloc]!;
    const bought = seg.output * c.acquireShare;
    seg.output -= bought;
    firm!.output += bought;
    firm!.cash -= c.acquireCost;
    news("acquisition", `${seat.name} acquired rivals worth ${bought.toFixed(1)} of output.`);
  },
});

/** Regulations in force where the firm is that put a penalty on its levers. */
function penalising({ state, seat }: SeatContext): ActiveRegulation[] {
  return state.regulations.filter(
    (r) =>
      r.endsRound === null &&
      (r.scope === "accord" || r.scope === seat.bloc) &&
      REGULATIONS[r.reg].penalty !== undefined,
  );
}

const evading = ({ state, seat }: SeatContext): readonly number[] =>
  state.firms.find((f) => f.seat === seat.id)!.evading;

/** The check evading and complying share; `evade` says which of the two. */
function checkEvasion(ctx: SeatContext, uid: number, evade: boolean) {
  const { state, seat } = ctx;
  const reg = state.regulations.find((r) => r.uid === uid);
  if (!reg || (reg.scope !== "accord" && reg.scope !== seat.bloc))
    return ruleError("unknown_regulation", "That regulation does not apply to your firm.");
  if (!REGULATIONS[reg.reg].penalty)
    return ruleError("not_available", "That regulation puts no penalty on your levers to evade.");
  const now = evading(ctx).includes(uid);
  if (evade && now) return ruleError("already_done", "You are already evading it.");
  if (!evade && !now) return ruleError("already_done", "You already comply with it.");
  return null;
}

/**
 * The regulations a firm can start (`evade`) or stop evading now, or why there are none. A firm
 * can stop evading any rule it evades, also one that a repeal or an amendment ends next round.
 */
function evasionChoices(ctx: SeatContext, evade: boolean, none: string): Availability {
  const regulation = evade
    ? penalising(ctx)
        .map((r) => r.uid)
        .filter((u) => !evading(ctx).includes(u))
    : evading(ctx).filter((u) => checkEvasion(ctx, u, false) === null);
  return {
    blocked: regulation.length === 0 ? ruleError("not_available", none) : null,
    options: { regulation },
  };
}

const uidSchema = z.number().int().min(1);

export const evade = defineAction(
  z.strictObject({ type: z.literal("evade"), regulation: uidSchema }),
)({
  verb: "evade a regulation",
  roles: ["company"],
  phases: ["act", "legislate"],
  usesMove: true,
  available: (ctx) => evasionChoices(ctx, true, "No regulation in force penalises your levers."),
  check: (ctx, action) => checkEvasion(ctx, action.regulation, true),
  atResolve({ firm }, move) {
    if (!firm!.evading.includes(move.regulation)) firm!.evading.push(move.regulation);
  },
});

export const comply = defineAction(
  z.strictObject({ type: z.literal("comply"), regulation: uidSchema }),
)({
  verb: "comply with a regulation",
  roles: ["company"],
  phases: ["act", "legislate"],
  usesMove: true,
  available: (ctx) => evasionChoices(ctx, false, "You are not evading anything."),
  check: (ctx, action) => checkEvasion(ctx, action.regulation, false),
  atResolve({ firm }, move) {
    firm!.evading = firm!.evading.filter((u) => u !== move.regulation);
  },
});

/** This file's entries of the action table. */
export const COMPANY_ACTIONS = { acquire, evade, comply } as const;
