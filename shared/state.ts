/**
 * The game state: plain, JSON-serialisable data. Everything the rules need lives here,
 * except luck, which the rules draw from streams fixed by the seed and the round (`rng.ts`);
 * the scenario is referenced, never mutated.
 * Nothing here is safe to show a client as a whole: `views.ts` decides what each seat sees.
 */
import type { Move } from "./actions";
import type { RegulationId } from "./regulations";
import type { Scenario } from "./scenario";
import type { Attractor, Ending, Incident, Phase, ReleasePolicy, Role } from "./vocabulary";

export type { Move };

export type SeatId = string;

export interface Seat {
  readonly id: SeatId;
  readonly role: Role;
  readonly name: string;
  /** Index of the seat's bloc: a government's own bloc, or where a lab or firm is headquartered. */
  bloc: number;
}

export interface Bloc {
  readonly name: string;
  readonly govSeat: SeatId;
  budget: number;
  taxRate: number;
  approval: number;
  enforcement: number;
  measurement: number;
  /** Rounds of emergency powers left. */
  emergency: number;
  /** The risk this government took an emergency measure against this round, if any. */
  emergencyMeasure: Attractor | null;
  /** Campaign money received this round from lobbying. */
  campaignMoney: number;
  /** Net lobbying this round: +1 for each lobby for regulation, -1 for each against. */
  lobby: number;
  /** Budget shares: enforcement, measurement, welfare, safetyResearch, defence. */
  sliders: number[];
  /** Measured welfare this government published (true welfare of last round plus noise). */
  measuredWelfare: number;
  /** Standard deviation of that measurement. */
  welfareNoise: number;
  /** This government's noisy estimates of each risk, and their standard deviation. */
  riskEstimates: number[];
  riskNoise: number;
}

export interface Segment {
  bloc: number;
  output: number;
  theta: number[];
  /** The market's genuine R&D in this segment, 0–1. */
  rnd: number;
}

export interface Sector {
  readonly id: string;
  readonly name: string;
  segments: Segment[];
}

export interface Firm {
  readonly seat: SeatId;
  readonly sector: number;
  output: number;
  /** Lever values and R&D share set by the company's sliders. */
  levers: number[];
  rnd: number;
  cash: number;
  lastProfit: number;
  licensedLab: SeatId | null;
  /** Regulation uids this firm is evading. */
  evading: number[];
  relocateTo: number | null;
  detectedEvasions: number;
}

export interface Lab {
  readonly seat: SeatId;
  capability: number;
  alignment: number;
  compute: number;
  revenue: number;
  cumulativeRevenue: number;
  release: ReleasePolicy;
  /** Capability released as open weights (0 if never). */
  openCapability: number;
  autonomy: number;
  /** Budget shares: capability, safety, product. */
  sliders: number[];
  relocateTo: number | null;
  pledges: number;
}

export type RegulationScope = number | "accord";

export interface ActiveRegulation {
  readonly uid: number;
  readonly reg: RegulationId;
  readonly strength: number;
  readonly scope: RegulationScope;
  readonly proposer: SeatId;
  readonly passedRound: number;
  /** Ramp-in from 0 to 1; 0 while in the pipeline. */
  ramp: number;
  /**
   * Loopholes found in it, 0 to `legislature.loopholeMax`: the share of its effect that the
   * optimiser has learned to game since it was last written. Amending the rule (passing it
   * again, at any strength) closes them.
   */
  loopholes: number;
  /** The uid of the rule in force this one amends (it keeps that rule's ramp-in), or null. */
  readonly amends: number | null;
  /** Round from which a passed repeal removes it, or null. */
  endsRound: number | null;
}

export interface Proposal {
  readonly uid: number;
  readonly kind: "enact" | "repeal";
  readonly reg: RegulationId;
  readonly strength: number;
  readonly accord: boolean;
  readonly proposer: SeatId;
  /** For a repeal: the uid of the regulation it removes. */
  readonly target: number | null;
  votes: Record<SeatId, boolean>;
  status: "open" | "passed" | "failed";
  /** Parliamentary support at the tally, 0–100. */
  support: number;
}

export interface Orders {
  moves: Move[];
  /** Moves used this round, including proposals and lobbying. */
  used: number;
}

export interface GameEvent {
  readonly round: number;
  readonly kind:
    | "closeCall"
    | "catastrophe"
    | "threshold"
    | "passed"
    | "failed"
    | "repealed"
    | "inForce"
    | "release"
    | "agents"
    | "evasionDetected"
    | "relocation"
    | "acquisition"
    | "license"
    | "emergency"
    | "pledge"
    | "lobby"
    | "shock"
    | "incident"
    | "crisis"
    | "ending";
  readonly text: string;
  readonly attractor?: Attractor;
  /** For an incident: which one. */
  readonly incident?: Incident;
  /** For a crisis (an inject): its id in the scenario's catalogue. */
  readonly inject?: string;
  readonly seat?: SeatId;
  /** Whether everyone hears of it (false: only the seat named). */
  readonly public: boolean;
}

export interface RoundRecord {
  readonly round: number;
  readonly proxy: number;
  readonly welfare: number;
  readonly measuredWelfare: number;
  readonly measuredNoise: number;
  /** The risk levels governments published after the round (mean of their estimates). */
  readonly publishedRisks: readonly number[];
  readonly capability: number;
  readonly pressure: number;
  readonly visibleSafety: number;
  readonly risks: readonly number[];
  readonly dims: readonly number[];
  readonly levers: readonly number[];
  readonly scores: Readonly<Record<SeatId, number>>;
  readonly regulations: number;
}

export interface GameState {
  readonly scenario: Scenario;
  readonly seed: number;
  round: number;
  phase: Phase;
  seats: Seat[];
  blocs: Bloc[];
  sectors: Sector[];
  firms: Firm[];
  labs: Lab[];
  welfare: number[];
  risks: number[];
  inBasin: boolean[];
  /** Per attractor, per seat: how much each seat's choices pushed that risk, summed over rounds. */
  drivers: Record<SeatId, number>[];
  visibleSafety: number;
  pressure: number;
  regulations: ActiveRegulation[];
  proposals: Proposal[];
  orders: Record<SeatId, Orders>;
  /** This round's events (the news feed). */
  events: GameEvent[];
  /** Every event of the game so far, oldest first (entries are never changed once written). */
  chronicle: GameEvent[];
  history: RoundRecord[];
  /** Health & abundance benefits delayed, by regulation. */
  delayedBenefits: Partial<Record<RegulationId, number>>;
  /** Risk points each regulation held back, summed over rounds and attractors (first order). */
  heldBack: Partial<Record<RegulationId, number>>;
  /** Per welfare dimension: harm firms shifted onto it off measured dimensions, summed over rounds. */
  harmShifted: number[];
  /** Counters for the debrief's naming of Goodhart failures. */
  goodhart: { regressional: number; extremal: number; causal: number; adversarial: number };
  startWelfare: number;
  startProxy: number;
  ending: Ending | null;
  nextUid: number;
  /**
   * Injects pushed during this round's Act, Legislate or Resolve, in order: they strike when
   * the next round opens (`injects.ts`). The field is absent, not empty, when none wait, so a
   * game without injects has the same data (and hash) as before injects existed.
   */
  pendingInjects?: string[];
}
