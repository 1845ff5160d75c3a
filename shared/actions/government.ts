/**
 * The government's moves: proposing and repealing regulation (acted on by the legislature),
 * emergency powers, the tax rate, and votes on accords and its own laws.
 */
import { z } from "zod";
import { copyProposal } from "../clone";
import { isRegulationId, REGULATION_IDS } from "../regulations";
import type { Proposal, SeatId } from "../state";
import { ATTRACTORS, type Attractor } from "../vocabulary";
import { defineAction, fieldless, onceARound, ruleError, type SeatContext } from "./kit";

export const TAX_MIN = 0.05;
export const TAX_MAX = 0.5;
/** The strengths a regulation is proposed at. */
export const STRENGTHS = [1, 2, 3] as const;

const uidSchema = z.number().int().min(1);

export const propose = defineAction(
  z.strictObject({
    type: z.literal("propose"),
    regulation: z.enum(REGULATION_IDS),
    strength: z.number().int().min(1).max(3),
    accord: z.boolean(),
  }),
)({
  verb: "propose a regulation",
  roles: ["government"],
  phases: ["act"],
  phaseHint: "Proposals can only be made in the Act phase.",
  usesMove: true,
  available: ({ state }) => ({
    blocked: null,
    options: { regulation: state.scenario.regulations, strength: STRENGTHS },
  }),
  check({ state, seat }, action) {
    if (!isRegulationId(action.regulation))
      return ruleError("unknown_regulation", "No such regulation.");
    if (!state.scenario.regulations.includes(action.regulation))
      return ruleError("not_available", "That regulation is not available in this scenario.");
    if (!Number.isInteger(action.strength) || action.strength < 1 || action.strength > 3)
      return ruleError("bad_value", "Strength must be 1, 2 or 3.");
    if (
      state.proposals.some(
        (p) =>
          p.status === "open" &&
          p.reg === action.regulation &&
          p.accord === action.accord &&
          (action.accord || p.proposer === seat.id),
      )
    )
      return ruleError("already_proposed", "That proposal is already on the table.");
    const scope = action.accord ? "accord" : seat.bloc;
    if (
      state.regulations.some(
        (r) =>
          r.reg === action.regulation &&
          r.scope === scope &&
          r.strength === action.strength &&
          r.endsRound === null &&
          r.loopholes === 0,
      )
    )
      return ruleError(
        "already_in_force",
        "That regulation is already in force at that strength, with no loopholes found in it yet to close.",
      );
    return null;
  },
  now(state, seat, action) {
    const p: Proposal = {
      uid: state.nextUid,
      kind: "enact",
      reg: action.regulation,
      strength: action.strength,
      accord: action.accord,
      proposer: seat.id,
      target: null,
      votes: votesOf(seat.id),
      status: "open",
      support: 0,
    };
    return { nextUid: state.nextUid + 1, proposals: [...state.proposals, p] };
  },
});

/** A new proposal's votes: its proposer's yes (a computed key would make each a slow object). */
function votesOf(proposer: SeatId): Record<SeatId, boolean> {
  const votes: Record<SeatId, boolean> = {};
  votes[proposer] = true;
  return votes;
}

/** Regulations in force that this government may put up for repeal. */
const repealable = ({ state, seat }: SeatContext) =>
  state.regulations.filter(
    (r) => r.endsRound === null && (r.scope === "accord" || r.scope === seat.bloc),
  );

export const repeal = defineAction(
  z.strictObject({ type: z.literal("repeal"), regulation: uidSchema }),
)({
  verb: "propose a repeal",
  roles: ["government"],
  phases: ["act"],
  phaseHint: "Repeals can only be proposed in the Act phase.",
  usesMove: true,
  available(ctx) {
    const regulation = repealable(ctx).map((r) => r.uid);
    return {
      blocked:
        regulation.length === 0
          ? ruleError("unknown_regulation", "No regulation is in force in your bloc.")
          : null,
      options: { regulation },
    };
  },
  check(ctx, action) {
    const reg = repealable(ctx).find((r) => r.uid === action.regulation);
    if (!reg)
      return ruleError(
        "unknown_regulation",
        "You can only repeal a regulation in force in your bloc, or an accord.",
      );
    if (
      ctx.state.proposals.some(
        (p) => p.status === "open" && p.kind === "repeal" && p.target === reg.uid,
      )
    )
      return ruleError("already_proposed", "A repeal of it is already on the table.");
    return null;
  },
  now(state, seat, action) {
    const reg = state.regulations.find((r) => r.uid === action.regulation)!;
    const p: Proposal = {
      uid: state.nextUid,
      kind: "repeal",
      reg: reg.reg,
      strength: reg.strength,
      accord: reg.scope === "accord",
      proposer: seat.id,
      target: reg.uid,
      votes: votesOf(seat.id),
      status: "open",
      support: 0,
    };
    return { nextUid: state.nextUid + 1, proposals: [...state.proposals, p] };
  },
});

const emergencyOn = ({ state, seat }: SeatContext) =>
  state.blocs[seat.bloc]!.emergency > 0
    ? ruleError("already_done", "Emergency powers are already in force.")
    : null;

export const emergencyPowers = defineAction(z.strictObject({ type: z.literal("emergencyPowers") }))(
  {
    verb: "use emergency powers",
    roles: ["government"],
    phases: ["act", "legislate"],
    usesMove: true,
    ...fieldless(emergencyOn),
    atResolve({ state, seat, bloc, news }) {
      bloc.emergency = state.scenario.governments.emergencyRounds;
      news("emergency", `${seat.name} invoked emergency powers.`);
    },
  },
);

/** What each emergency measure does, in the news's words. */
export const EMERGENCY_MEASURE_TEXT: Record<Attractor, string> = {
  misuse: "locked down biolabs, DNA synthesis and leaked model weights",
  centralisation: "broke up the dominant firm under emergency law",
  goodhart: "suspended automated decision systems until people can review them",
  takeover: "ordered frontier AI systems shut down and autonomous agents recalled",
};

const measureTaken = onceARound(
  "emergencyMeasure",
  "You have already taken an emergency measure this round.",
);

/**
 * An emergency measure against one risk: it bites in the round it is taken (the risk falls at
 * once), at a real cost in approval and output, and every measure but a break-up concentrates
 * power in the state. A warning heeded late can still be answered, but not for free.
 */
export const emergencyMeasure = defineAction(
  z.strictObject({ type: z.literal("emergencyMeasure"), attractor: z.enum(ATTRACTORS) }),
)({
  verb: "take an emergency measure",
  roles: ["government"],
  phases: ["act", "legislate"],
  usesMove: true,
  available: (ctx) => ({ blocked: measureTaken(ctx), options: { attractor: ATTRACTORS } }),
  check: (ctx, action) =>
    ATTRACTORS.includes(action.attractor)
      ? measureTaken(ctx)
      : ruleError("bad_value", `The measure's target must be one of ${ATTRACTORS.join(", ")}.`),
  atResolve({ state, seat, bloc, news }, move) {
    bloc.emergencyMeasure = move.attractor;
    news("emergency", `${seat.name} ${EMERGENCY_MEASURE_TEXT[move.attractor]}.`);
    if (move.attractor !== "takeover") return;
    for (const lab of state.labs)
      if (state.seats.find((s) => s.id === lab.seat)!.bloc === seat.bloc) lab.autonomy = 0;
  },
});

export const setTax = defineAction(
  z.strictObject({ type: z.literal("setTax"), rate: z.number().finite().min(0).max(1) }),
)({
  verb: "set taxes",
  roles: ["government"],
  phases: ["act", "legislate"],
  usesMove: true,
  check: (_ctx, action) =>
    Number.isFinite(action.rate) && action.rate >= TAX_MIN && action.rate <= TAX_MAX
      ? null
      : ruleError(
          "bad_value",
          `The tax rate must be between ${TAX_MIN * 100}% and ${TAX_MAX * 100}%.`,
        ),
  atResolve({ bloc }, move) {
    bloc.taxRate = move.rate;
  },
});

export const vote = defineAction(
  z.strictObject({ type: z.literal("vote"), proposal: uidSchema, yes: z.boolean() }),
)({
  verb: "vote",
  roles: ["government"],
  phases: ["legislate"],
  phaseHint: "Votes are cast in the Legislate phase.",
  usesMove: false,
  available({ state, seat }) {
    const proposal = state.proposals
      .filter((p) => p.status === "open" && (p.accord || p.proposer === seat.id))
      .map((p) => p.uid);
    return {
      blocked:
        proposal.length === 0
          ? ruleError("unknown_proposal", "There is nothing for you to vote on.")
          : null,
      options: { proposal },
    };
  },
  check({ state, seat }, action) {
    const p = state.proposals.find((x) => x.uid === action.proposal && x.status === "open");
    if (!p) return ruleError("unknown_proposal", "There is no open proposal with that number.");
    if (!p.accord && p.proposer !== seat.id)
      return ruleError(
        "not_a_voter",
        "Only the proposing government votes on a national law; lobby or propose an accord instead.",
      );
    return typeof action.yes === "boolean" ? null : ruleError("bad_value", "A vote is yes or no.");
  },
  now: (state, seat, action) => ({
    proposals: state.proposals.map((p) => {
      if (p.uid !== action.proposal) return p;
      const voted = copyProposal(p);
      voted.votes[seat.id] = action.yes;
      return voted;
    }),
  }),
});

/** This file's entries of the action table. */
export const GOVERNMENT_ACTIONS = {
  propose,
  repeal,
  emergencyPowers,
  emergencyMeasure,
  setTax,
  vote,
} as const;
