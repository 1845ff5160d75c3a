/**
 * What the regulations in force add up to in each bloc this round. A regulation's effective
 * intensity is (strength / 3) × ramp-in × (1 − loopholes found in it) × the enforcing bloc's
 * enforcement capacity, times
 * a national factor for rules that only bite as an accord, and smaller while the world is in
 * the Goodhart lock-in basin (low human agency weakens every rule).
 */
import { REGULATION_IDS, REGULATIONS, type RegulationId } from "./regulations";
import type { ActiveRegulation, GameState } from "./state";
import { AT, ATTRACTORS, LEVERS, type WelfareDim } from "./vocabulary";

const NL = LEVERS.length;
const NA = ATTRACTORS.length;

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
  /**
   * The regulations in force here, each once, in the order they first appear in the rule book,
   * and the intensity of each (summed over its laws), for the ledger and for evasion; read one
   * rule's with `intensityOf`. (Two lists, not a record keyed by rule: making a record with
   * keys in a new order each round cost more than the rest of the policy.)
   */
  rules: CompiledSpec[];
  ruleIntensity: number[];
}

/** The intensity of one regulation in a bloc's policy, 0 where it is not in force. */
export function intensityOf(p: BlocPolicy, id: RegulationId): number {
  for (let i = 0; i < p.rules.length; i++) if (p.rules[i]!.id === id) return p.ruleIntensity[i]!;
  return 0;
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
    rules: [],
    ruleIntensity: [],
  };
}

/**
 * A regulation's numbers laid out for `addRegulation`: per-lever and per-risk arrays, and an
 * absent field as 0, which adds exactly what the catalogue's `?? 0` did.
 */
export interface CompiledSpec {
  readonly id: RegulationId;
  readonly penalty: readonly number[] | null;
  readonly hold: readonly number[] | null;
  readonly outputDrag: number;
  readonly capabilityDrag: number;
  readonly benefitDrag: number;
  readonly measurement: number;
  readonly harmPricing: number;
  readonly budgetCost: number;
  readonly misalignedDrag: number;
  readonly visibleSafety: number;
  readonly approval: number;
  readonly alignment: number;
  readonly labRevenue: number;
  readonly levy: number;
  readonly recovery: number;
  readonly autonomyLimit: number;
  readonly openCap: number | undefined;
  readonly covers: number | undefined;
}

const COMPILED: Readonly<Record<RegulationId, CompiledSpec>> = Object.fromEntries(
  REGULATION_IDS.map((id) => {
    const spec = REGULATIONS[id];
    const penalty = spec.penalty;
    const hold = spec.hold;
    const compiled: CompiledSpec = {
      id,
      penalty: penalty ? LEVERS.map((l) => penalty[l] ?? 0) : null,
      hold: hold ? ATTRACTORS.map((a) => hold[a] ?? 0) : null,
      outputDrag: spec.outputDrag ?? 0,
      capabilityDrag: spec.capabilityDrag ?? 0,
      benefitDrag: spec.benefitDrag ?? 0,
      measurement: spec.measurement ?? 0,
      harmPricing: spec.harmPricing ?? 0,
      budgetCost: spec.budgetCost ?? 0,
      misalignedDrag: spec.misalignedDrag ?? 0,
      visibleSafety: spec.visibleSafety ?? 0,
      approval: spec.approval ?? 0,
      alignment: spec.alignment ?? 0,
      labRevenue: spec.labRevenue ?? 0,
      levy: spec.levy ?? 0,
      recovery: spec.recovery ?? 0,
      autonomyLimit: spec.autonomyLimit ?? 0,
      openCap: spec.openCap,
      covers: spec.covers,
    };
    return [id, compiled];
  }),
) as Record<RegulationId, CompiledSpec>;

/** A regulation's numbers as lists (per lever, per risk) with an absent field as 0. */
export function compiledSpec(id: RegulationId): CompiledSpec {
  return COMPILED[id];
}

/**
 * Adds one regulation's effect at intensity `k` into `p`, except its intensity, which the
 * caller sums (`blocPolicies` into `sums` below, `addRegulation` into `p.ruleIntensity`).
 */
function addEffects(p: BlocPolicy, spec: CompiledSpec, k: number): void {
  const penalty = spec.penalty;
  if (penalty) {
    for (let l = 0; l < NL; l++) p.penalty[l]! += penalty[l]! * k;
  }
  const hold = spec.hold;
  if (hold) {
    // Holds combine multiplicatively: each rule removes its fraction of what the others leave.
    for (let a = 0; a < NA; a++) {
      const h = Math.min(0.95, hold[a]! * k);
      p.hold[a] = 1 - (1 - p.hold[a]!) * (1 - h);
    }
  }
  p.outputDrag += spec.outputDrag * k;
  p.capabilityDrag += spec.capabilityDrag * k;
  p.benefitDrag += spec.benefitDrag * k;
  p.measurement += spec.measurement * k;
  p.harmPricing += spec.harmPricing * k;
  p.budgetCost += spec.budgetCost * k;
  p.misalignedDrag += spec.misalignedDrag * k;
  p.visibleSafety += spec.visibleSafety * k;
  p.approval += spec.approval * k;
  p.alignment += spec.alignment * k;
  p.labRevenue += spec.labRevenue * k;
  p.levy += spec.levy * k;
  p.recovery += spec.recovery * k;
  p.autonomyLimit += spec.autonomyLimit * k;
  if (spec.openCap !== undefined) p.openCap = Math.min(p.openCap, 100 - (100 - spec.openCap) * k);
}

/** Adds one regulation's effect at intensity `k` into `p`. */
export function addRegulation(p: BlocPolicy, id: RegulationId, k: number): void {
  const spec = COMPILED[id];
  const at = p.rules.indexOf(spec);
  if (at < 0) {
    p.rules.push(spec);
    p.ruleIntensity.push(0 + k);
  } else p.ruleIntensity[at] = p.ruleIntensity[at]! + k;
  addEffects(p, spec, k);
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
  const measuredBase = state.scenario.welfare.measuredBase;
  const regs = state.regulations;
  const out: BlocPolicy[] = [];
  for (let b = 0; b < state.blocs.length; b++) {
    const p = emptyPolicy();
    // Each rule's intensity, summed per rule in the order rules first appear, and the
    // measured dimensions' count as `measuredDims` finds it.
    const order: CompiledSpec[] = [];
    let count = 0;
    for (let i = 0; i < regs.length; i++) {
      const reg = regs[i]!;
      const k = intensityIn(state, reg, b);
      const spec = COMPILED[reg.reg];
      if (k > 0) {
        const at = order.indexOf(spec);
        if (at < 0) {
          order.push(spec);
          sums[order.length - 1] = 0 + k;
        } else sums[at] = sums[at]! + k;
        addEffects(p, spec, k);
      }
      if (spec.covers && !(k <= 0))
        count = Math.max(count, measuredBase + spec.covers * reg.strength);
    }
    for (let i = 0; i < order.length; i++) p.ruleIntensity.push(sums[i]!);
    p.rules = order;
    p.measuredDims = state.scenario.welfare.measuredOrder.slice(0, count);
    for (let l = 0; l < NL; l++) p.measured[l] = p.measuredDims.includes(harmed[l]!);
    p.budgetCost = Math.min(0.5, p.budgetCost);
    p.misalignedDrag = Math.min(0.95, p.misalignedDrag);
    p.capabilityDrag = Math.min(0.95, p.capabilityDrag);
    p.benefitDrag = Math.min(0.95, p.benefitDrag);
    p.measurement = Math.min(0.9, p.measurement);
    p.autonomyLimit = Math.min(1, p.autonomyLimit);
    out.push(p);
  }
  return out;
}

/**
 * Only the part of `blocPolicies` the public view shows: each bloc's holds and measured
 * dimensions, by the same sums in the same order (the views make one per new rule book, and
 * the whole policy cost them more than the rest of the view).
 */
export function blocHolds(state: GameState): { holds: number[][]; measured: WelfareDim[][] } {
  const measuredBase = state.scenario.welfare.measuredBase;
  const regs = state.regulations;
  const holds: number[][] = [];
  const measured: WelfareDim[][] = [];
  for (let b = 0; b < state.blocs.length; b++) {
    const out = ATTRACTORS.map(() => 0);
    let count = 0;
    for (let i = 0; i < regs.length; i++) {
      const reg = regs[i]!;
      const k = intensityIn(state, reg, b);
      const spec = COMPILED[reg.reg];
      const hold = spec.hold;
      if (k > 0 && hold) {
        for (let a = 0; a < NA; a++) {
          const h = Math.min(0.95, hold[a]! * k);
          out[a] = 1 - (1 - out[a]!) * (1 - h);
        }
      }
      if (spec.covers && !(k <= 0))
        count = Math.max(count, measuredBase + spec.covers * reg.strength);
    }
    holds.push(out);
    measured.push(state.scenario.welfare.measuredOrder.slice(0, count));
  }
  return { holds, measured };
}

/** Scratch for `blocPolicies`: each rule's summed intensity, in `order`. */
const sums: number[] = new Array<number>(REGULATION_IDS.length).fill(0);
