/** The AI lab's own moves: how it releases models, autonomous agents, safety pledges. */
import { z } from "zod";
import { RELEASE_POLICIES } from "../vocabulary";
import { defineAction, fieldless, onceARound, ruleError, type SeatContext } from "./kit";

export const release = defineAction(
  z.strictObject({ type: z.literal("release"), policy: z.enum(RELEASE_POLICIES) }),
)({
  verb: "release a model",
  roles: ["lab"],
  phases: ["act", "legislate"],
  usesMove: true,
  available: () => ({ blocked: null, options: { policy: RELEASE_POLICIES } }),
  check: (_ctx, action) =>
    RELEASE_POLICIES.includes(action.policy)
      ? null
      : ruleError("bad_value", "Release policy must be closed, staged or open."),
  atResolve({ seat, lab, news }, move) {
    lab!.release = move.policy;
    news(
      "release",
      `${seat.name} switched to ${move.policy === "open" ? "open-weights" : move.policy} releases.`,
    );
  },
});

const fullAutonomy = ({ state, seat }: SeatContext) =>
  state.labs.find((l) => l.seat === seat.id)!.autonomy >= 1
    ? ruleError("already_done", "Your agents already run with full autonomy.")
    : null;

export const deployAgents = defineAction(z.strictObject({ type: z.literal("deployAgents") }))({
  verb: "deploy autonomous agents",
  roles: ["lab"],
  phases: ["act", "legislate"],
  usesMove: true,
  ...fieldless(fullAutonomy),
  atResolve({ state, seat, lab, news }) {
    lab!.autonomy = Math.min(1, lab!.autonomy + state.scenario.labs.agentsStep);
    news(
      "agents",
      `${seat.name} deployed more autonomous AI agents (autonomy ${Math.round(lab!.autonomy * 100)}%).`,
    );
  },
});

export const pledge = defineAction(z.strictObject({ type: z.literal("pledge") }))({
  verb: "make a safety pledge",
  roles: ["lab"],
  phases: ["act", "legislate"],
  usesMove: true,
  ...fieldless(onceARound("pledge", "You already pledged this round.")),
  atResolve({ state, seat, lab, bloc, news }) {
    lab!.pledges++;
    state.visibleSafety = Math.min(100, state.visibleSafety + state.scenario.safety.pledge);
    bloc.approval = Math.min(100, bloc.approval + state.scenario.safety.pledgeApproval);
    news("pledge", `${seat.name} made a public safety pledge.`);
  },
});

/** This file's entries of the action table. */
export const LAB_ACTIONS = { release, deployAgents, pledge } as const;
