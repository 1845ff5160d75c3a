/**
 * The market is an optimiser. Each round the market part of every sector, in every bloc,
 * takes a few steps of projected gradient ascent on its profit
 *
 *   profit(θ, ρ) = Σ_l [ g_l · P^β_l · θ_l − (c_l + λ_l) · θ_l² − π_l · H_l · θ_l^k ]
 *                  + g_r · P^β_r · ρ − c_r · ρ² − κ · (Σ_l θ_l + ρ)²
 *
 * over its five levers θ and its genuine R&D ρ. λ_l is the regularisers' penalty on lever l in
 * that bloc (a brake); π_l prices the lever's harm H_l · θ^k where that harm is measured (better
 * measurement covers named dimensions); κ couples everything a firm pushes (one management's
 * attention, one balance sheet), so what is held down on one lever is pushed on the others, and
 * R&D is squeezed out when the other levers pay more. Pressure P raises the gains, not the harm:
 * the harmful levers' gains grow faster (larger β) than R&D's, so as capability grows the optimum
 * overshoots the welfare-best level and runs on to the wall. Nothing scripts that.
 */
import { type BlocPolicy, intensityOf } from "./policy";
import { REGULATIONS, type RegulationId } from "./regulations";
import type { Scenario } from "./scenario";
import type { Firm, GameState } from "./state";
import { LEVERS, LV } from "./vocabulary";

const NL = LEVERS.length;

/** The marginal gain of each lever in a sector at pressure P (before costs). */
export function leverGains(
  scenario: Scenario,
  sector: number,
  pressure: number,
  out: number[],
): number[] {
  const cached = gainsCache[sector];
  if (gainsScenario === scenario && cached && cached.pressure === pressure) {
    for (let l = 0; l < NL; l++) out[l] = cached.gains[l]!;
    return out;
  }
  const e = scenario.economy;
  const mult = e.sectors[sector]!.leverGain;
  for (let l = 0; l < NL; l++) out[l] = e.leverGain[l]! * mult[l]! * pressure ** e.leverBeta[l]!;
  if (gainsScenario !== scenario) {
    gainsScenario = scenario;
    gainsCache.length = 0;
  }
  gainsCache[sector] = { pressure, gains: out.slice(0, NL) };
  return out;
}

/**
 * The gains `leverGains` worked out last, per sector, for one scenario (a scenario never
 * changes once parsed): the market, the firms and the company bots ask for a sector's at the
 * same pressure, and the powers cost more than the rest of the call.
 */
let gainsScenario: Scenario | null = null;
const gainsCache: ({ pressure: number; gains: number[] } | undefined)[] = [];

/** The marginal gain of genuine R&D at pressure P: it grows slowly with pressure. */
export function rndGain(scenario: Scenario, pressure: number): number {
  return scenario.economy.rndGain * pressure ** scenario.economy.rndBeta;
}

/**
 * The price per unit of harm on each lever in a bloc: measured harm costs firms money (better
 * measurement), unmeasured harm costs nothing. What a firm shifts off a measured dimension
 * (`harmShift`) escapes the price too.
 */
export function harmPrices(
  scenario: Scenario,
  policy: BlocPolicy,
  measurement: number,
  out: number[],
): number[] {
  const w = scenario.welfare;
  const base = policy.harmPricing * (0.4 + 0.6 * measurement) * (1 - w.harmShift);
  for (let l = 0; l < NL; l++) out[l] = policy.measured[l]! ? base * w.harmScale[l]! : 0;
  return out;
}

/** Profit per unit of output from lever and R&D settings (the part they change). */
export function leverProfit(
  scenario: Scenario,
  gains: readonly number[],
  rGain: number,
  theta: readonly number[],
  rnd: number,
  penalty: readonly number[],
  prices: readonly number[],
): number {
  const e = scenario.economy;
  const k = scenario.welfare.harmPower;
  let p = rGain * rnd - e.rndCost * rnd * rnd;
  let effort = rnd;
  for (let l = 0; l < NL; l++) {
    const t = theta[l]!;
    effort += t;
    p += gains[l]! * t - (e.leverCost[l]! + penalty[l]!) * t * t;
    if (prices[l]! > 0) p -= prices[l]! * t ** k;
  }
  return p - e.coupling * effort * effort;
}

/** `ascend`'s scratch: each lever's quadratic cost and unpriced step length. */
const ascendCost: number[] = new Array(NL).fill(0);
const ascendStep: number[] = new Array(NL).fill(0);

/**
 * Projected gradient ascent on `leverProfit`, in place: `steps` safeguarded steps (never longer
 * than a Newton step on the separable part plus the coupling's bound), so it cannot oscillate.
 * Returns the new R&D level (levers are written into `theta`).
 */
export function ascend(
  scenario: Scenario,
  gains: readonly number[],
  rGain: number,
  theta: number[],
  rndStart: number,
  penalty: readonly number[],
  prices: readonly number[],
  rate: number,
  steps: number,
): number {
  // The same number (unary plus on a number is the number), but a fresh one: carried through
  // the loop in the parameter itself, the optimiser kept it boxed, one allocation a step.
  let rnd = +rndStart;
  const e = scenario.economy;
  const k = scenario.welfare.harmPower;
  const couplingCurvature = 2 * e.coupling * (NL + 1);
  // What no step changes, worked out once (the same numbers, in the same order, as in the
  // step): each lever's quadratic cost, and its step length where it is not priced.
  for (let l = 0; l < NL; l++) {
    const cost = 2 * (e.leverCost[l]! + penalty[l]!);
    ascendCost[l] = cost;
    ascendStep[l] = Math.min(rate, 0.9 / (cost + 0 + couplingCurvature));
  }
  const rndStep = Math.min(rate, 0.9 / (2 * e.rndCost + couplingCurvature));
  for (let step = 0; step < steps; step++) {
    let effort = rnd;
    for (let l = 0; l < NL; l++) effort += theta[l]!;
    const pull = 2 * e.coupling * effort;
    for (let l = 0; l < NL; l++) {
      const t = theta[l]!;
      const price = prices[l]!;
      const cost = ascendCost[l]!;
      let next: number;
      if (price > 0) {
        // The harm price's slope and curvature (skipped where nothing is priced, as is usual).
        // With the usual harm power (3) they skip pow calls: the engine's pow gives x * x
        // exactly for a power of 2, and a power of 1 is its base.
        const slope = price * k * (k === 3 ? t * t : t ** (k - 1));
        const bendBase = Math.max(t, 0.05);
        const bend = price * k * (k - 1) * (k === 3 ? bendBase : bendBase ** (k - 2));
        const curvature = cost + bend + couplingCurvature;
        next = t + Math.min(rate, 0.9 / curvature) * (gains[l]! - cost * t - slope - pull);
      } else {
        next = t + ascendStep[l]! * (gains[l]! - cost * t - 0 - pull);
      }
      theta[l] = next < 0 ? 0 : next > 1 ? 1 : next;
    }
    const next = rnd + rndStep * (rGain - 2 * e.rndCost * rnd - pull);
    rnd = next < 0 ? 0 : next > 1 ? 1 : next;
  }
  return rnd;
}

/** The profit-maximising lever values a firm would pick under the given penalties and prices. */
export function optimalLevers(
  scenario: Scenario,
  gains: readonly number[],
  rGain: number,
  penalty: readonly number[],
  prices: readonly number[],
): { levers: number[]; rnd: number } {
  const levers = new Array<number>(NL).fill(0.3);
  const rnd = ascend(scenario, gains, rGain, levers, 0.2, penalty, prices, 10, 40);
  return { levers, rnd };
}

const gainsBuf = new Array<number>(NL).fill(0);
const pricesBuf = new Array<number>(NL).fill(0);

/**
 * Runs the market's gradient steps for every segment, pulls each segment toward the player
 * firms that lead its sector (a leader that cuts corners takes the sector with it; one that
 * does not pulls it back), then grows every segment's output.
 */
export function stepMarket(state: GameState, policies: readonly BlocPolicy[], shock: number): void {
  const s = state.scenario;
  const e = s.economy;
  const c = s.companies;
  const P = state.pressure;
  const innovation = e.innovationGrowth * P ** e.innovationBeta;
  const rGain = rndGain(s, P);
  for (let si = 0; si < state.sectors.length; si++) {
    const gains = leverGains(s, si, P, gainsBuf);
    for (const seg of state.sectors[si]!.segments) {
      const pol = policies[seg.bloc]!;
      const prices = harmPrices(s, pol, state.blocs[seg.bloc]!.measurement, pricesBuf);
      seg.rnd = ascend(
        s,
        gains,
        rGain,
        seg.theta,
        seg.rnd,
        pol.penalty,
        prices,
        e.learningRate * P,
        e.marketSteps,
      );
      for (const firm of state.firms) {
        const pull = firm.sector === si ? c.follow : c.followOther;
        if (pull <= 0) continue;
        for (let l = 0; l < NL; l++) seg.theta[l]! += pull * (firm.levers[l]! - seg.theta[l]!);
        seg.rnd += pull * (firm.rnd - seg.rnd);
      }
      const growth =
        e.baseGrowth +
        innovation * (1 - pol.benefitDrag * 0.5) +
        c.rndGrowth * seg.rnd * P ** e.innovationBeta +
        e.profitToGrowth * leverProfit(s, gains, rGain, seg.theta, seg.rnd, pol.penalty, prices) -
        pol.outputDrag +
        shock;
      seg.output = Math.max(0.01, seg.output * (1 + growth));
      // The price on externalities is paid to the bloc's government.
      state.blocs[seg.bloc]!.budget += pol.levy * seg.theta[LV.externalisation]! * seg.output;
    }
  }
}

/**
 * Regulatory arbitrage: output drifts toward blocs whose penalties are lighter. Only an accord
 * (the same penalty everywhere) closes the gap.
 */
export function arbitrage(state: GameState, policies: readonly BlocPolicy[]): void {
  if (state.blocs.length < 2) return;
  const rate = state.scenario.economy.arbitrage;
  const burden = policies.map((p) => p.penalty.reduce((a, b) => a + b, 0) + 10 * p.outputDrag);
  const mean = burden.reduce((a, b) => a + b, 0) / burden.length;
  for (const sector of state.sectors) {
    let pool = 0;
    for (const seg of sector.segments) {
      const leave = Math.max(0, Math.min(0.2, rate * (burden[seg.bloc]! - mean)));
      pool += seg.output * leave;
      seg.output -= seg.output * leave;
    }
    if (pool === 0) continue;
    const light = sector.segments.filter((g) => burden[g.bloc]! <= mean);
    for (const seg of light) seg.output += pool / light.length;
  }
}

/** A firm's penalties: the bloc's, less the regulations it evades. */
export function firmPenalty(
  state: GameState,
  firm: Firm,
  policy: BlocPolicy,
  out: number[],
): number[] {
  for (let l = 0; l < NL; l++) out[l] = policy.penalty[l]!;
  if (firm.evading.length === 0) return out;
  for (const uid of firm.evading) {
    const reg = state.regulations.find((r) => r.uid === uid);
    if (!reg) continue;
    const k = intensityOf(policy, reg.reg);
    for (let l = 0; l < NL; l++) {
      out[l] = Math.max(0, out[l]! - penaltyOf(reg.reg, l) * k);
    }
  }
  return out;
}

function penaltyOf(id: RegulationId, l: number): number {
  return REGULATIONS[id].penalty?.[LEVERS[l]!] ?? 0;
}
