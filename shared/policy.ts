/**
 * What the regulations in force add up to in each bloc this round. A regulation's effective
 * intensity is (strength / 3) × ramp-in × (1 − loopholes found in it) × the enforcing bloc's
 * enforcement capacity, times
 * a national factor for rules that only bite as an accord, and smaller while the world is in
 * the Goodhart lock-in basin (low human agency weakens every rule).
 */
import { REGULATIONS, type RegulationId } from "./regulations";
import type { ActiveRegulation, GameState } from "./state";
import { AT, ATTRACTORS, LEVERS, type WelfareDim } from "./vocabulary";

export interface BlocPolicy {
  penalty: number[];
  /** Fraction of each risk's drivers held back in this bloc (0 none, 1 all). */
  hold: number[];
  outputDrag: number;
  capabilityDrag: number;
  benefitDrag: number;
  measurement: number;
  harmPricing: number;
  /** Per lever: whether the dimension it harms is measured here (so its harm can be priced). */
  measured: boolean[];
  /** The welfare dimensions measured here, in the order statistics add them. */
  measuredDims: WelfareDim[];
  /** Fraction of the government's budget its rules cost each round (measuring costs money). */
  budgetCost: number;
  /** Capability growth held back for a lab whose alignment margin is negative (evaluations with teeth). */
  misalignedDrag: number;
  visibleSafety: number;
  approval: number;
  alignment: number;
  labRevenue: number;
  levy: number;
  openCap: number;
  recovery: number;
  autonomyLimit: number;
  /** Intensity of each regulation in force here, for the ledger and for evasion. */
  intensity: Partial<Record<RegulationId, number>>;
}

export function effectiveEnforcement(state: GameState, bloc: number): number {
  const b = state.blocs[bloc]!;
  return Math.min(
    1,
    b.enforcement + (b.emergency > 0 ? state.scenario.governments.emergencyBoost : 0),
  );
}

export function intensityIn(state: GameState, reg: ActiveRegulation, bloc: number): number {
  if (reg.ramp <= 0) return 0;
  if (reg.scope !== "accord" && reg.scope !== bloc) return 0;
  const spec = REGULATIONS[reg.reg];
  const national = reg.scope === "accord" ? 1 : (spec.nationalFactor ?? 1);
  const lockIn = state.inBasin[AT.goodhart] ? state.scenario.risks.lockInEffect : 1;
  return (
    (reg.strength / 3) *
    reg.ramp *
    (1 - reg.loopholes) *
    effectiveEnforcement(state, bloc) *
    national *
    lockIn
  );
}

function emptyPolicy(): BlocPolicy {
  return {
    penalty: LEVERS.map(() => 0),
    hold: ATTRACTORS.map(() => 0),
    outputDrag: 0,
    capabilityDrag: 0,
    benefitDrag: 0,
    measurement: 0,
    harmPricing: 0,
    measured: LEVERS.map(() => false),
    measuredDims: [],
    budgetCost: 0,
    misalignedDrag: 0,
    visibleSafety: 0,
    approval: 0,
    alignment: 0,
    labRevenue: 0,
    levy: 0,
    openCap: 100,
    recovery: 0,
    autonomyLimit: 0,
    intensity: {},
  };
}

/** Adds one regulation's effect at intensity `k` into `p`. */
export function addRegulation(p: BlocPolicy, id: RegulationId, k: number): void {
  const spec = REGULATIONS[id];
  p.intensity[id] = (p.intensity[id] ?? 0) + k;
  if (spec.penalty) {
    for (let l = 0; l < LEVERS.length; l++) p.penalty[l]! += (spec.penalty[LEVERS[l]!] ?? 0) * k;
  }
  if (spec.hold) {
    // Holds combine multiplicatively: each rule removes its fraction of what the others leave.
    for (let a = 0; a < ATTRACTORS.length; a++) {
      const h = Math.min(0.95, (spec.hold[ATTRACTORS[a]!] ?? 0) * k);
      p.hold[a] = 1 - (1 - p.hold[a]!) * (1 - h);
    }
  }
  p.outputDrag += (spec.outputDrag ?? 0) * k;
  p.capabilityDrag += (spec.capabilityDrag ?? 0) * k;
  p.benefitDrag += (spec.benefitDrag ?? 0) * k;
  p.measurement += (spec.measurement ?? 0) * k;
  p.harmPricing += (spec.harmPricing ?? 0) * k;
  p.budgetCost += (spec.budgetCost ?? 0) * k;
  p.misalignedDrag += (spec.misalignedDrag ?? 0) * k;
  p.visibleSafety += (spec.visibleSafety ?? 0) * k;
  p.approval += (spec.approval ?? 0) * k;
  p.alignment += (spec.alignment ?? 0) * k;
  p.labRevenue += (spec.labRevenue ?? 0) * k;
  p.levy += (spec.levy ?? 0) * k;
  p.recovery += (spec.recovery ?? 0) * k;
  p.autonomyLimit += (spec.autonomyLimit ?? 0) * k;
  if (spec.openCap !== undefined) p.openCap = Math.min(p.openCap, 100 - (100 - spec.openCap) * k);
}

/**
 * The welfare dimensions a bloc's statistics cover: the scenario's base coverage plus, for the
 * strongest measuring rule in force (one that `covers`), that many more per level of strength,
 * in the scenario's `measuredOrder`. With no such rule only output is measured.
 */
export function measuredDims(state: GameState, bloc: number): WelfareDim[] {
  let count = 0;
  for (const reg of state.regulations) {
    const covers = REGULATIONS[reg.reg].covers;
    if (!covers || intensityIn(state, reg, bloc) <= 0) continue;
    count = Math.max(count, state.scenario.welfare.measuredBase + covers * reg.strength);
  }
  return state.scenario.welfare.measuredOrder.slice(0, count);
}

export function blocPolicies(state: GameState): BlocPolicy[] {
  const harmed = state.scenario.welfare.leverHarm;
  return state.blocs.map((_, b) => {
    const p = emptyPolicy();
    for (const reg of state.regulations) {
      const k = intensityIn(state, reg, b);
      if (k > 0) addRegulation(p, reg.reg, k);
    }
    p.measuredDims = measuredDims(state, b);
    for (let l = 0; l < LEVERS.length; l++) p.measured[l] = p.measuredDims.includes(harmed[l]!);
    p.budgetCost = Math.min(0.5, p.budgetCost);
    p.misalignedDrag = Math.min(0.95, p.misalignedDrag);
    p.capabilityDrag = Math.min(0.95, p.capabilityDrag);
    p.benefitDrag = Math.min(0.95, p.benefitDrag);
    p.measurement = Math.min(0.9, p.measurement);
    p.autonomyLimit = Math.min(1, p.autonomyLimit);
    return p;
  });
}
