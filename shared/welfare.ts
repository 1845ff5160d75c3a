/**
 * Welfare: seven hidden dimensions (0–100) that the market does not optimise. Each lever does
 * genuine good to one dimension with diminishing returns (B · θ(2 − θ)) and harms another,
 * convexly (H · θ^k: it bites hard only near the extremes), both in proportion to the output
 * that pushes it; so each lever has a welfare-best level above zero (`welfareBestLevels`), and
 * pressure, which raises the market's gains and not the harm, carries the market past it.
 * Where a bloc measures a dimension, firms shift part of its harm onto the dimensions nobody
 * measures (`harmShifted` keeps the tally for the debrief). Dimensions recover slowly toward a
 * baseline, faster with public investment and support regulations. Health & abundance rise
 * with AI capability (slowing AI slows real benefits). True welfare W is the weighted mean
 * of the dimensions plus a log-consumption term. Governments see it only through a noisy,
 * lagged measurement.
 */
import type { BlocPolicy } from "./policy";
import type { Scenario } from "./scenario";
import type { GameState } from "./state";
import { LEVERS, WELFARE_DIMS, type WelfareDim } from "./vocabulary";

const NL = LEVERS.length;

/** A lever's yearly welfare effect per unit of exposed output: its good less its harm. */
function leverNet(scenario: Scenario, l: number, theta: number): number {
  const w = scenario.welfare;
  const good = w.weights[DIM[w.leverBenefit[l]!]]! * w.benefitScale[l]! * theta * (2 - theta);
  const harm = w.weights[DIM[w.leverHarm[l]!]]! * w.harmScale[l]! * theta ** w.harmPower;
  return good - harm;
}

/**
 * The level of each lever that does the most for true welfare (its good against its harm, as
 * the dimensions weigh them): above zero for every lever with any genuine good. The market
 * starts near it and overshoots it as pressure grows.
 */
export function welfareBestLevels(scenario: Scenario): number[] {
  return LEVERS.map((_, l) => {
    let best = 0;
    let bestValue = 0;
    for (let i = 1; i <= 1000; i++) {
      const v = leverNet(scenario, l, i / 1000);
      if (v > bestValue) {
        bestValue = v;
        best = i / 1000;
      }
    }
    return best;
  });
}
export const DIM: Record<WelfareDim, number> = Object.fromEntries(
  WELFARE_DIMS.map((d, i) => [d, i]),
) as Record<WelfareDim, number>;

export function proxyOf(state: GameState): number {
  let y = 0;
  for (const sector of state.sectors) for (const seg of sector.segments) y += seg.output;
  for (const firm of state.firms) y += firm.output;
  return y;
}

export function measureTrueWelfare(state: GameState, proxy: number): number {
  const w = state.scenario.welfare;
  let sum = 0;
  for (let d = 0; d < WELFARE_DIMS.length; d++) sum += w.weights[d]! * state.welfare[d]!;
  const ratio = state.startProxy > 0 ? proxy / state.startProxy : 1;
  return sum + w.consumptionWeight * Math.log(Math.max(0.05, ratio));
}

/** Output-weighted mean of each lever across the market and the firms. */
export function meanLevers(state: GameState, out: number[]): number[] {
  out.fill(0);
  let total = 0;
  for (const sector of state.sectors) {
    for (const seg of sector.segments) {
      total += seg.output;
      for (let l = 0; l < NL; l++) out[l]! += seg.theta[l]! * seg.output;
    }
  }
  for (const firm of state.firms) {
    total += firm.output;
    for (let l = 0; l < NL; l++) out[l]! += firm.levers[l]! * firm.output;
  }
  for (let l = 0; l < NL; l++) out[l]! /= total;
  return out;
}

let harmBuf: number[] = [];

export interface WelfareInputs {
  policies: readonly BlocPolicy[];
  capabilityGain: number;
  preventedGain: number;
  misuse: number;
}

/** Adds one producer's levers, weighted by its share of output, into each lever's good and its bloc's harm. */
function pushLevers(
  good: number[],
  harm: number[],
  k: number,
  bloc: number,
  theta: readonly number[],
  share: number,
): void {
  for (let l = 0; l < NL; l++) {
    const t = theta[l]!;
    good[l]! += share * t * (2 - t);
    harm[bloc * NL + l]! += share * t ** k;
  }
}

/** Updates the welfare dimensions for one round. Returns health benefits delayed by rules. */
export function stepWelfare(state: GameState, inputs: WelfareInputs): number {
  const w = state.scenario.welfare;
  const dims = state.welfare;
  const y0 = state.startProxy;
  const nb = state.blocs.length;
  if (harmBuf.length !== nb * NL) harmBuf = new Array<number>(nb * NL).fill(0);
  // Each lever's good (concave) and harm (convex), per bloc, in proportion to the output pushing it.
  const k = w.harmPower;
  const good = new Array<number>(NL).fill(0);
  const harm = harmBuf.fill(0);
  let rndExposure = 0;
  for (const sector of state.sectors) {
    for (const seg of sector.segments) {
      pushLevers(good, harm, k, seg.bloc, seg.theta, seg.output / y0);
      rndExposure += (seg.rnd * seg.output) / y0;
    }
  }
  for (const firm of state.firms) {
    pushLevers(
      good,
      harm,
      k,
      state.seats.find((s) => s.id === firm.seat)!.bloc,
      firm.levers,
      firm.output / y0,
    );
    rndExposure += (firm.rnd * firm.output) / y0;
  }
  for (let l = 0; l < NL; l++) dims[DIM[w.leverBenefit[l]!]]! += w.benefitScale[l]! * good[l]!;
  for (let b = 0; b < nb; b++) {
    const pol = inputs.policies[b]!;
    // Harm on a priced (measured) dimension is partly shifted onto the unmeasured ones.
    let unmeasured = 0;
    for (let l = 0; l < NL; l++) if (!pol.measured[l]) unmeasured++;
    for (let l = 0; l < NL; l++) {
      const amount = w.harmScale[l]! * harm[b * NL + l]!;
      const shifted = pol.measured[l] && pol.harmPricing > 0 && unmeasured > 0 ? w.harmShift : 0;
      dims[DIM[w.leverHarm[l]!]]! -= amount * (1 - shifted);
      if (shifted === 0) continue;
      for (let m = 0; m < NL; m++) {
        if (pol.measured[m]) continue;
        const d = DIM[w.leverHarm[m]!];
        const moved = (amount * shifted) / unmeasured;
        dims[d]! -= moved;
        state.harmShifted[d]! += moved;
      }
    }
  }
  // Recovery toward baseline, faster with support regulations and public investment.
  let recoveryBoost = 0;
  let investment = 0;
  let benefitDrag = 0;
  let defence = 0;
  let drag = 0;
  for (let b = 0; b < nb; b++) {
    drag += inputs.policies[b]!.outputDrag / nb;
    recoveryBoost += inputs.policies[b]!.recovery / nb;
    benefitDrag += inputs.policies[b]!.benefitDrag / nb;
    const bloc = state.blocs[b]!;
    investment += (bloc.budget * bloc.sliders[2]!) / y0;
    defence += (bloc.budget * bloc.sliders[4]!) / y0;
  }
  const rate = w.recovery + recoveryBoost + w.publicInvestment * investment;
  for (let d = 0; d < dims.length; d++) {
    if (d === DIM.health) continue;
    dims[d]! += rate * (w.baseline[d]! - dims[d]!);
  }
  // Brakes cost jobs: output lost to regulation hurts livelihoods.
  dims[DIM.livelihoods]! -= w.livelihoodsFromDrag * drag;
  // Health & abundance: the real benefits of innovation and AI, which brakes delay.
  const headroom = (100 - dims[DIM.health]!) / 50;
  const gained = w.healthFromCapability * inputs.capabilityGain * (1 - benefitDrag);
  const delayed =
    w.healthFromCapability *
    (inputs.capabilityGain * benefitDrag + inputs.preventedGain) *
    headroom;
  dims[DIM.health]! +=
    (gained + w.healthFromRnd * rndExposure + w.healthFromInvestment * investment) * headroom -
    w.healthRelax * (dims[DIM.health]! - w.baseline[DIM.health]!);
  // Security: falls with misuse risk, held up by defence spending.
  dims[DIM.security]! -=
    w.securityFromMisuse * Math.max(0, inputs.misuse - w.securityMisuseFrom) -
    w.securityFromDefence * defence;
  // Agency: autonomous AI agents take decisions away from people.
  let autonomy = 0;
  for (const lab of state.labs) {
    const limit = inputs.policies[state.seats.find((s) => s.id === lab.seat)!.bloc]!.autonomyLimit;
    autonomy += lab.autonomy * (1 - limit) * (lab.capability / 100);
  }
  dims[DIM.agency]! -= w.agencyFromAutonomy * autonomy;
  for (let d = 0; d < dims.length; d++) dims[d] = Math.max(0, Math.min(100, dims[d]!));
  return delayed;
}
