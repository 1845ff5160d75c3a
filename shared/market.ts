/**
 * The market is an optimiser. Each round the market part of every sector, in every bloc,
 * takes a few steps of projected gradient ascent on its profit
 *
 *   profit(θ) = Σ_l gain_l · θ_l · P^β_l − Σ_l (cost_l + λ_l) · θ_l² − μ · Σ_l harm_l · P · θ_l
 *
 * where λ_l is the regularisers' penalty on lever l in that bloc and μ prices in measured
 * harm (better measurement). Harmful levers have larger β, so as optimisation pressure P
 * grows the gradient turns toward them: nothing scripts that, it follows from the numbers.
 */
import type { BlocPolicy } from "./policy";
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
  const e = scenario.economy;
  const mult = e.sectors[sector]!.leverGain;
  for (let l = 0; l < NL; l++) out[l] = e.leverGain[l]! * mult[l]! * pressure ** e.leverBeta[l]!;
  return out;
}

/** Linear price on each lever from measured harm: better measurement makes harm cost money. */
export function harmPrice(
  scenario: Scenario,
  policy: BlocPolicy,
  measurement: number,
  pressure: number,
  l: number,
): number {
  return policy.harmPricing * (0.4 + 0.6 * measurement) * scenario.welfare.harmScale[l]! * pressure;
}

/** Profit per unit of output from lever settings (the part that levers change). */
export function leverProfit(
  scenario: Scenario,
  gains: readonly number[],
  theta: readonly number[],
  penalty: readonly number[],
): number {
  const cost = scenario.economy.leverCost;
  let p = 0;
  for (let l = 0; l < NL; l++) {
    const t = theta[l]!;
    p += gains[l]! * t - (cost[l]! + penalty[l]!) * t * t;
  }
  return p;
}

/** The profit-maximising lever values a firm would pick under the given penalties. */
export function optimalLevers(
  scenario: Scenario,
  gains: readonly number[],
  penalty: readonly number[],
  harmPrices: readonly number[],
): number[] {
  const cost = scenario.economy.leverCost;
  const out = new Array<number>(NL);
  for (let l = 0; l < NL; l++) {
    const t = (gains[l]! - harmPrices[l]!) / (2 * (cost[l]! + penalty[l]!));
    out[l] = t < 0 ? 0 : Math.min(t, 1);
  }
  return out;
}

const gainsBuf = new Array<number>(NL).fill(0);

/** Runs the market's gradient steps for every segment, then grows every segment's output. */
export function stepMarket(state: GameState, policies: readonly BlocPolicy[], shock: number): void {
  const s = state.scenario;
  const e = s.economy;
  const P = state.pressure;
  const innovation = e.innovationGrowth * P ** e.innovationBeta;
  for (let si = 0; si < state.sectors.length; si++) {
    const gains = leverGains(s, si, P, gainsBuf);
    for (const seg of state.sectors[si]!.segments) {
      const pol = policies[seg.bloc]!;
      const m = state.blocs[seg.bloc]!.measurement;
      for (let step = 0; step < e.marketSteps; step++) {
        for (let l = 0; l < NL; l++) {
          const curvature = 2 * (e.leverCost[l]! + pol.penalty[l]!);
          const grad = gains[l]! - curvature * seg.theta[l]! - harmPrice(s, pol, m, P, l);
          // A safeguarded step: never more than the exact Newton step, so it cannot oscillate.
          const lr = Math.min(e.learningRate * P, 0.9 / curvature);
          const t = seg.theta[l]! + lr * grad;
          seg.theta[l] = t < 0 ? 0 : Math.min(t, 1);
        }
      }
      const growth =
        e.baseGrowth +
        innovation * (1 - pol.benefitDrag * 0.5) +
        e.profitToGrowth * leverProfit(s, gains, seg.theta, pol.penalty) -
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
    const k = policy.intensity[reg.reg] ?? 0;
    for (let l = 0; l < NL; l++) {
      out[l] = Math.max(0, out[l]! - penaltyOf(reg.reg, l) * k);
    }
  }
  return out;
}

function penaltyOf(id: RegulationId, l: number): number {
  return REGULATIONS[id].penalty?.[LEVERS[l]!] ?? 0;
}
