/**
 * AI labs and the capability race. Capability compounds with compute and the share of
 * research spent on it; alignment grows with the share spent on safety and with public safety
 * research. Open releases spill capability over to every other lab (and to bad actors).
 * Frontier capability K sets the optimisation pressure P = 1 + K / kScale.
 */
import type { BlocPolicy } from "./policy";
import type { GameEvent, GameState, Lab } from "./state";

export const THRESHOLDS = [
  {
    level: 40,
    text: "The newest AI can now really help people who want to cause harm.",
  },
  { level: 70, text: "AI agents can now do long jobs with nobody watching." },
  { level: 100, text: "The newest AI can now out-plan the best human experts." },
] as const;

/** The most capable lab's capability (of a state, or of a public view: the same number). */
export function frontier(state: {
  readonly labs: readonly { readonly capability: number }[];
}): number {
  let k = 0;
  for (const lab of state.labs) if (lab.capability > k) k = lab.capability;
  return k;
}

/**
 * The most capability, alignment, compute or revenue a lab can have: growth that compounds on
 * itself (a scenario with a high compute exponent) stops here instead of overflowing. The
 * presets' labs stay below a few hundred.
 */
export const LAB_STOCK_CEILING = 10_000;

export function alignmentMargin(state: GameState, lab: Lab): number {
  return lab.alignment * state.scenario.labs.alignmentMultiplier - lab.capability;
}

/** Returns each lab's capability growth that regulation prevented (for the benefits ledger). */
export function stepLabs(
  state: GameState,
  policies: readonly BlocPolicy[],
  events: GameEvent[],
): number {
  const s = state.scenario.labs;
  const before = frontier(state);
  let prevented = 0;
  const publicSafety = state.blocs.map((b) => b.budget * b.sliders[3]!);
  for (const lab of state.labs) {
    const seat = state.seats.find((x) => x.id === lab.seat)!;
    const pol = policies[seat.bloc]!;
    const [cap, safety, product] = lab.sliders as [number, number, number];
    const computeFactor = (lab.compute / 10) ** s.computeExponent;
    const raw = lab.capability * s.capabilityRate * cap * computeFactor;
    // Evaluations with teeth hold back a lab whose safety lags its capability.
    const drag = Math.min(
      0.95,
      pol.capabilityDrag + (alignmentMargin(state, lab) < 0 ? pol.misalignedDrag : 0),
    );
    prevented += raw * drag;
    lab.capability += raw * (1 - drag);
    lab.alignment +=
      lab.alignment * s.alignmentRate * safety * computeFactor +
      state.scenario.governments.publicSafetyAlignment * publicSafety[seat.bloc]! +
      lab.alignment * pol.alignment;
    const autonomy = lab.autonomy * (1 - pol.autonomyLimit);
    const gross =
      s.revenuePerCapability *
      lab.capability *
      (0.3 + product) *
      (1 + s.autonomyRevenue * autonomy);
    lab.revenue += gross * (1 - pol.labRevenue);
    state.blocs[seat.bloc]!.budget += gross * pol.labRevenue;
    lab.compute += s.computeGrowth * lab.revenue;
    // However a scenario sets growth, a lab's stocks stay finite (the presets stay far below).
    lab.capability = Math.min(lab.capability, LAB_STOCK_CEILING);
    lab.alignment = Math.min(lab.alignment, LAB_STOCK_CEILING);
    lab.compute = Math.min(lab.compute, LAB_STOCK_CEILING);
    lab.revenue = Math.min(lab.revenue, LAB_STOCK_CEILING);
    lab.cumulativeRevenue += lab.revenue;
    // What the lab's release policy puts into everyone's hands, under any cap on open release.
    const cap2 = pol.openCap;
    if (lab.release === "open")
      lab.openCapability = Math.max(lab.openCapability, Math.min(lab.capability, cap2));
    else if (lab.release === "staged")
      lab.openCapability = Math.max(
        lab.openCapability,
        Math.min(lab.capability - s.stagedLag, cap2),
      );
  }
  // Spillover: open weights let every lab catch up part of the gap.
  for (const lab of state.labs) {
    for (const other of state.labs) {
      if (other !== lab && other.openCapability > lab.capability) {
        lab.capability += s.spillover * (other.openCapability - lab.capability);
      }
    }
  }
  const after = frontier(state);
  for (const t of THRESHOLDS) {
    if (before < t.level && after >= t.level) {
      events.push({ round: state.round, kind: "threshold", public: true, text: t.text });
    }
  }
  state.pressure = 1 + after / state.scenario.economy.kScale;
  return prevented;
}
