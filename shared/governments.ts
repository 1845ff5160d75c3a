/**
 * Governments: taxes fund a budget split by the government's sliders across enforcement,
 * measurement, welfare (safety nets and public investment), public AI-safety research and
 * defence. Capacities move toward what the spending buys. Governments see welfare and risks
 * only through noisy estimates reported a round late; their score is approval.
 */
import { type BlocPolicy, intensityOf } from "./policy";
import { streamRng } from "./rng";
import type { GameState } from "./state";
import { ATTRACTORS } from "./vocabulary";

export function blocOutput(state: GameState, bloc: number): number {
  let y = 0;
  for (const sector of state.sectors)
    for (const seg of sector.segments) if (seg.bloc === bloc) y += seg.output;
  for (const firm of state.firms) {
    const seat = state.seats.find((s) => s.id === firm.seat)!;
    if (seat.bloc === bloc) y += firm.output;
  }
  return y;
}

/** Takes `fraction` of every segment's and player firm's output, in one bloc or (null) everywhere. */
export function cutOutput(state: GameState, fraction: number, bloc: number | null): void {
  for (const sector of state.sectors)
    for (const seg of sector.segments)
      if (bloc === null || seg.bloc === bloc) seg.output *= 1 - fraction;
  for (const firm of state.firms)
    if (bloc === null || state.seats.find((s) => s.id === firm.seat)!.bloc === bloc)
      firm.output *= 1 - fraction;
}

/** Collects taxes and moves enforcement and measurement capacity toward what spending buys. */
export function fundGovernments(state: GameState): void {
  const g = state.scenario.governments;
  const ref = state.startProxy / Math.max(1, state.blocs.length);
  for (let b = 0; b < state.blocs.length; b++) {
    const bloc = state.blocs[b]!;
    const output = blocOutput(state, b);
    bloc.budget = bloc.taxRate * output;
    // Spending is measured against the bloc's starting economy, so capacity means the same in every game.
    const scale = (ref * g.taxRate) / 12.5;
    const enf = (bloc.budget * bloc.sliders[0]!) / scale;
    const mea = (bloc.budget * bloc.sliders[1]!) / scale;
    bloc.enforcement +=
      g.capacityRate * (0.1 + (0.9 * enf) / (enf + g.halfSaturation) - bloc.enforcement);
    bloc.measurement +=
      g.capacityRate * (0.1 + (0.9 * mea) / (mea + g.halfSaturation) - bloc.measurement);
  }
}

/** Publishes each government's noisy, lagged measurements of welfare and of the risks. */
export function measure(
  state: GameState,
  policies: readonly BlocPolicy[],
  lastWelfare: number,
): void {
  const g = state.scenario.governments;
  let globalStats = 0;
  for (const p of policies)
    globalStats = Math.max(globalStats, intensityOf(p, "welfare_statistics"));
  for (let b = 0; b < state.blocs.length; b++) {
    const bloc = state.blocs[b]!;
    const rng = streamRng(state.seed, state.round, "measurement", b);
    const m = Math.min(0.9, policies[b]!.measurement);
    bloc.welfareNoise =
      g.welfareNoise * (1 - 0.6 * bloc.measurement) * (1 - 0.5 * globalStats) * (1 - 0.5 * m);
    bloc.measuredWelfare = lastWelfare + bloc.welfareNoise * rng.normal();
    bloc.riskNoise = g.riskNoise * (1 - 0.5 * bloc.measurement) * (1 - m);
    for (let a = 0; a < ATTRACTORS.length; a++) {
      const est = state.risks[a]! + bloc.riskNoise * rng.normal();
      bloc.riskEstimates[a] = Math.max(0, Math.min(100, est));
    }
  }
}

export interface ApprovalInputs {
  policies: readonly BlocPolicy[];
  measuredBefore: readonly number[];
  outputBefore: readonly number[];
  closeCalls: number;
}

export function updateApproval(state: GameState, inputs: ApprovalInputs): void {
  const g = state.scenario.governments;
  for (let b = 0; b < state.blocs.length; b++) {
    const bloc = state.blocs[b]!;
    const pol = inputs.policies[b]!;
    const growth = blocOutput(state, b) / Math.max(0.01, inputs.outputBefore[b]!) - 1;
    const delta =
      g.approvalFromWelfare * (bloc.measuredWelfare - inputs.measuredBefore[b]!) +
      g.approvalFromGrowth * growth +
      g.approvalFromSafety * (state.visibleSafety - state.scenario.safety.start) +
      g.approvalFromMoney * bloc.campaignMoney -
      g.approvalFromTax * Math.max(0, bloc.taxRate - g.taxRate) -
      g.approvalFromDrag * pol.outputDrag +
      pol.approval -
      g.approvalFromCloseCall * inputs.closeCalls +
      (bloc.emergency > 0 ? g.approvalFromEmergency : 0) -
      (bloc.emergencyMeasure !== null ? g.measureApproval : 0) +
      g.approvalNoise * streamRng(state.seed, state.round, "approval", b).normal() +
      g.approvalRelax * (50 - bloc.approval);
    bloc.approval = Math.max(0, Math.min(100, bloc.approval + delta));
  }
}

/**
 * The risk levels the governments publish: the mean of their noisy estimates (of a state, or
 * of the blocs' published estimates in a view: the same numbers).
 */
export function publishedRisks(state: {
  readonly blocs: readonly { readonly riskEstimates: readonly number[] }[];
}): number[] {
  const nb = state.blocs.length;
  const out = ATTRACTORS.map(() => 0);
  for (const b of state.blocs)
    for (let a = 0; a < out.length; a++) out[a]! += b.riskEstimates[a]! / nb;
  return out;
}
