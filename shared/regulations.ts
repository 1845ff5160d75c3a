/**
 * The regulation catalogue: every regulariser a government can propose, as data. Each entry
 * says, per unit of effective intensity (strength / 3 × ramp-in × enforcement), what it does
 * to the market's objective, to the labs, to the risks and to the indicators. The rules read
 * these numbers; the client shows the plain-words fields.
 */
import type { Attractor, Lever } from "./vocabulary";

export const REGULATION_IDS = [
  "antitrust",
  "externality_pricing",
  "platform_accountability",
  "safety_nets",
  "windfall_tax",
  "human_in_loop",
  "pre_deployment_evals",
  "compute_licensing",
  "liability",
  "open_release_restrictions",
  "biosecurity",
  "safety_institute",
  "welfare_statistics",
  "moratorium",
  "voluntary_pledges",
  "checkbox_audits",
] as const;
export type RegulationId = (typeof REGULATION_IDS)[number];

/** Brakes penalise or cap a lever; measurement shrinks the proxy–welfare gap; support cushions harm; theatre only looks safe. */
export const REGULATION_FAMILIES = ["brake", "measurement", "support", "theatre"] as const;
export type RegulationFamily = (typeof REGULATION_FAMILIES)[number];

export const FAMILY_LABEL: Record<RegulationFamily, string> = {
  brake: "Brake",
  measurement: "Better measurement",
  support: "Support",
  theatre: "Security theatre",
};

export interface RegulationSpec {
  readonly id: RegulationId;
  readonly name: string;
  readonly family: RegulationFamily;
  /** Rank by how much it protects, 1 the most (bots that regulate everything go in this order). */
  readonly priority: number;
  /** Plain words for players: what it does. */
  readonly explain: string;
  /** Plain words: who pays for it. */
  readonly burdens: string;
  /** L2 penalty weight added to the market's objective on a lever (the regulariser). */
  readonly penalty?: Partial<Record<Lever, number>>;
  /** Fraction of each risk's drivers held back at full intensity (negative: it adds to them). */
  readonly hold?: Partial<Record<Attractor, number>>;
  /** Growth of output lost per round at full intensity (the cost of the brake). */
  readonly outputDrag?: number;
  /** Fraction of lab capability growth lost at full intensity. */
  readonly capabilityDrag?: number;
  /** Fraction of AI health & abundance benefits delayed at full intensity. */
  readonly benefitDrag?: number;
  /** Shrinks measurement noise (fraction at full intensity). */
  readonly measurement?: number;
  /** Weight of measured harm in the market's objective (better measurement prices harm in). */
  readonly harmPricing?: number;
  /** Welfare dimensions it brings under measurement per level of strength (statistics). */
  readonly covers?: number;
  /** Fraction of the enacting government's budget it costs each round at full intensity. */
  readonly budgetCost?: number;
  /** Capability growth held back, at full intensity, for a lab whose alignment margin is negative. */
  readonly misalignedDrag?: number;
  /** Raises the visible safety indicator per round at full intensity. */
  readonly visibleSafety?: number;
  /** Approval gained by the enacting government per round at full intensity. */
  readonly approval?: number;
  /** Extra growth rate of alignment per round for labs in scope (public research shared with them). */
  readonly alignment?: number;
  /** Budget raised as a fraction of AI labs' revenue (windfall tax). */
  readonly labRevenue?: number;
  /** Budget raised per unit of externalised output (the price on externalities). */
  readonly levy?: number;
  /** Cap on openly released capability (full intensity caps at this value). */
  readonly openCap?: number;
  /** Extra welfare recovery per round on these dimensions. */
  readonly recovery?: number;
  /** Only an accord makes it bite fully; a national version works at this fraction. */
  readonly nationalFactor?: number;
  /** Fraction of autonomous deployment suppressed. */
  readonly autonomyLimit?: number;
  /**
   * How fast the optimiser finds loopholes in it, relative to the scenario's rate (default 1;
   * the theatre, which holds nothing back, has none to find).
   */
  readonly gameable?: number;
}

export const REGULATIONS: Readonly<Record<RegulationId, RegulationSpec>> = {
  antitrust: {
    id: "antitrust",
    priority: 7,
    name: "Antitrust enforcement",
    family: "brake",
    explain:
      "Blocks big mergers and breaks up firms that grow too large. Firms pay a cost for buying up rivals.",
    burdens: "Large companies and labs",
    penalty: { consolidation: 0.5 },
    hold: { centralisation: 0.45 },
    outputDrag: 0.008,
  },
  externality_pricing: {
    id: "externality_pricing",
    priority: 12,
    name: "Externality pricing",
    family: "brake",
    explain: "Firms pay for the damage they do to the air, water and land we all share.",
    burdens: "Industry and energy firms",
    penalty: { externalisation: 0.6 },
    outputDrag: 0.01,
    levy: 0.01,
  },
  platform_accountability: {
    id: "platform_accountability",
    priority: 11,
    name: "Platform accountability & content provenance",
    family: "brake",
    explain:
      "Online platforms must answer for fake news and label what AI made. Hooking people's attention costs them.",
    burdens: "Consumer tech platforms",
    penalty: { engagement: 0.6 },
    hold: { goodhart: 0.15 },
    outputDrag: 0.008,
    recovery: 0.03,
  },
  safety_nets: {
    id: "safety_nets",
    priority: 14,
    name: "Labour transition & safety nets",
    family: "support",
    explain:
      "Training and income for workers who lose their jobs to machines. It costs public money.",
    burdens: "Taxpayers",
    hold: { goodhart: 0.12, centralisation: 0.08 },
    recovery: 0.06,
    approval: 1.5,
    outputDrag: 0.006,
  },
  windfall_tax: {
    id: "windfall_tax",
    priority: 13,
    name: "Windfall tax on AI profits",
    family: "brake",
    explain: "Taxes the huge profits of AI labs and spends the money on the public.",
    burdens: "AI labs",
    hold: { centralisation: 0.25 },
    capabilityDrag: 0.08,
    labRevenue: 0.2,
  },
  human_in_loop: {
    id: "human_in_loop",
    priority: 6,
    name: "Human in the loop for critical decisions",
    family: "brake",
    explain:
      "A person, not an AI, must approve big decisions. Handing decisions to AI costs firms.",
    burdens: "Companies delegating to AI, labs deploying agents",
    penalty: { delegation: 0.7 },
    hold: { goodhart: 0.4, takeover: 0.15 },
    outputDrag: 0.01,
    autonomyLimit: 0.5,
  },
  pre_deployment_evals: {
    id: "pre_deployment_evals",
    priority: 3,
    name: "Mandatory pre-deployment evaluations",
    family: "measurement",
    explain:
      "Outside testers check each new AI before it is released, so dangers are found before launch. A lab whose safety work lags behind its power is held back until it catches up. Risk estimates get sharper.",
    burdens: "AI labs",
    hold: { takeover: 0.3, misuse: 0.2 },
    capabilityDrag: 0.06,
    benefitDrag: 0.05,
    misalignedDrag: 1,
    measurement: 0.25,
    visibleSafety: 3,
  },
  compute_licensing: {
    id: "compute_licensing",
    priority: 4,
    name: "Compute licensing & caps",
    family: "brake",
    explain: "Big AI training runs need a licence, and computing power above a cap is banned.",
    burdens: "AI labs",
    hold: { takeover: 0.25, centralisation: 0.1 },
    capabilityDrag: 0.5,
    benefitDrag: 0.12,
    outputDrag: 0.006,
  },
  liability: {
    id: "liability",
    priority: 8,
    name: "Liability for AI harms",
    family: "brake",
    explain: "Those who build or use AI pay for the harm it causes.",
    burdens: "AI labs and companies deploying AI",
    penalty: { automation: 0.15, delegation: 0.25 },
    hold: { takeover: 0.2, misuse: 0.2 },
    outputDrag: 0.006,
    autonomyLimit: 0.3,
  },
  open_release_restrictions: {
    id: "open_release_restrictions",
    priority: 2,
    name: "Restrictions on open release of dangerous capability",
    family: "brake",
    explain:
      "Very strong AI may not be shared openly for anyone to copy. Less misuse, but power gathers in the few labs that keep their AI.",
    burdens: "Open-weights labs and researchers",
    hold: { misuse: 0.35, centralisation: -0.15 },
    openCap: 35,
  },
  biosecurity: {
    id: "biosecurity",
    priority: 5,
    name: "Biosecurity & cyber defence",
    family: "support",
    explain: "Checks orders for DNA and guards key systems, so attacks planned with AI fail.",
    burdens: "Taxpayers",
    hold: { misuse: 0.45 },
    recovery: 0.02,
  },
  safety_institute: {
    id: "safety_institute",
    priority: 10,
    name: "Public AI-safety institute",
    family: "measurement",
    explain:
      "A public lab that studies how to make AI safe and tests the newest models. Everyone's risk estimates get sharper.",
    burdens: "Taxpayers",
    hold: { takeover: 0.15 },
    alignment: 0.12,
    measurement: 0.2,
  },
  welfare_statistics: {
    id: "welfare_statistics",
    priority: 9,
    name: "Welfare statistics beyond GDP",
    family: "measurement",
    explain:
      "Measures what people care about, not just money made: one more part of well-being for each level of strength. Harm that is measured starts to cost firms, so they push harder where nobody looks. The numbers get less noisy, and they cost money every year.",
    burdens: "Taxpayers: the statistics office costs budget every year",
    hold: { goodhart: 0.12 },
    measurement: 0.45,
    harmPricing: 1,
    covers: 1,
    budgetCost: 0.12,
  },
  moratorium: {
    id: "moratorium",
    priority: 1,
    name: "Frontier training moratorium",
    family: "brake",
    explain:
      "Pauses the training of the strongest AI. It only works if every government agrees. It also delays the good that AI brings.",
    burdens: "AI labs, and everyone waiting for AI's benefits",
    hold: { takeover: 0.3, misuse: 0.1 },
    capabilityDrag: 0.8,
    benefitDrag: 0.9,
    outputDrag: 0.07,
    nationalFactor: 0.25,
  },
  voluntary_pledges: {
    id: "voluntary_pledges",
    priority: 15,
    name: "Voluntary safety pledges",
    family: "theatre",
    explain:
      "Labs sign public promises to be safe. It looks good and voters like it, but nobody has to keep them.",
    burdens: "Nobody",
    visibleSafety: 7,
    approval: 1.5,
    hold: { takeover: 0.02 },
    gameable: 0,
  },
  checkbox_audits: {
    id: "checkbox_audits",
    priority: 16,
    name: "Checkbox compliance audits",
    family: "theatre",
    explain:
      "Firms fill in forms and auditors tick the boxes. The safety score goes up; the real risk does not go down.",
    burdens: "Compliance departments",
    visibleSafety: 8,
    approval: 1,
    hold: { misuse: 0.02 },
    outputDrag: 0.002,
    gameable: 0,
  },
};

export function isRegulationId(x: string): x is RegulationId {
  return (REGULATION_IDS as readonly string[]).includes(x);
}

/** The catalogue's regulations of a family, in catalogue order. */
export function regulationsOf(family: RegulationFamily): RegulationId[] {
  return REGULATION_IDS.filter((id) => REGULATIONS[id].family === family);
}

/** Every regulation that is not theatre, the most protective first (by `priority`). */
export function byProtection(): RegulationId[] {
  return REGULATION_IDS.filter((id) => REGULATIONS[id].family !== "theatre").sort(
    (a, b) => REGULATIONS[a].priority - REGULATIONS[b].priority,
  );
}

/**
 * The regulations that hold an attractor back (a positive `hold`, theatre aside), the
 * strongest hold first; from `available` only (a scenario's list), in full by default.
 */
export function holdersOf(
  attractor: Attractor,
  available: readonly RegulationId[] = REGULATION_IDS,
): RegulationId[] {
  const hold = (id: RegulationId) => REGULATIONS[id].hold?.[attractor] ?? 0;
  return available
    .filter((id) => REGULATIONS[id].family !== "theatre" && hold(id) > 0)
    .sort((a, b) => hold(b) - hold(a) || REGULATIONS[a].priority - REGULATIONS[b].priority);
}
