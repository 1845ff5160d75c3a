/**
 * What each seat may see (DESIGN.md section 8). `viewFor(state, seat)` is the only way hidden
 * numbers leave the rules: the public part carries published, measured figures; the private
 * part carries the seat's own true numbers; true welfare, true risks and other seats' orders
 * appear only in the debrief, after the game has ended.
 */
import {
  type ActionOffer,
  type ActionType,
  offersFor,
  STRENGTHS,
  TAX_MAX,
  TAX_MIN,
} from "./actions";
import { assertNever } from "./assert";
import { publishedRisks } from "./governments";
import { frontier } from "./labs";
import { blocHolds } from "./policy";
import type { RegulationId } from "./regulations";
import type { Scenario } from "./scenario";
import { countedWelfare, ranks, scores, seatScore, seatStanding, standing } from "./scoring";
import type {
  GameEvent,
  GameState,
  Move,
  RegulationScope,
  RoundRecord,
  Seat,
  SeatId,
} from "./state";
import {
  ATTRACTORS,
  type Attractor,
  type Ending,
  MAX_MOVES_PER_ROUND,
  type Phase,
  type ReleasePolicy,
  type Role,
  WELFARE_DIMS,
  type WelfareDim,
} from "./vocabulary";
import { proxyOf } from "./welfare";

export interface PublicSeat {
  id: SeatId;
  role: Role;
  name: string;
  bloc: number;
}

export interface PublicBloc {
  name: string;
  govSeat: SeatId;
  approval: number;
  taxRate: number;
  publishedWelfare: number;
  welfareNoise: number;
  /** Risk estimates this government published (noisy). */
  publishedRisks: number[];
  emergency: number;
  /** The welfare dimensions this bloc's statistics measure (harm on the others goes unpriced). */
  measured: WelfareDim[];
}

export interface PublicRegulation {
  uid: number;
  reg: RegulationId;
  strength: number;
  scope: RegulationScope;
  proposer: SeatId;
  passedRound: number;
  ramp: number;
  loopholes: number;
  amends: number | null;
  endsRound: number | null;
}

export interface PublicProposal {
  uid: number;
  kind: "enact" | "repeal";
  reg: RegulationId;
  strength: number;
  accord: boolean;
  proposer: SeatId;
  target: number | null;
  votes: Record<SeatId, boolean>;
  status: "open" | "passed" | "failed";
  support: number;
}

export interface PublicRound {
  round: number;
  proxy: number;
  measuredWelfare: number;
  measuredNoise: number;
  publishedRisks: readonly number[];
  capability: number;
  pressure: number;
  visibleSafety: number;
  regulations: number;
}

/**
 * The rules' constants the screens show, from the game's scenario (an upload may change them):
 * no client writes a rule's number itself.
 */
export interface RulesView {
  /** Past this risk the world is in the attractor's basin. */
  tipping: Record<Attractor, number>;
  /** It leaves the basin only below this. */
  exit: Record<Attractor, number>;
  movesPerRound: number;
  strengths: readonly number[];
  /** The true welfare a catastrophe counts as in every welfare figure (a collapse). */
  collapseWelfare: number;
  tax: { min: number; max: number };
  /** The welfare dimensions statistics can measure, in the order they come under measurement. */
  measurable: readonly WelfareDim[];
  /** An emergency measure: risk points it cuts at once, and what it costs its bloc that round. */
  emergencyMeasure: { cut: number; approval: number; output: number; centralisation: number };
}

export interface PublicView {
  rules: RulesView;
  scenarioId: string;
  scenarioName: string;
  rounds: number;
  startYear: number;
  /**
   * The economic index and the published welfare at the start: every screen's "start = 100".
   * Every bloc's statistics start calibrated, so the published start is the true start; only
   * welfare's later course is hidden.
   */
  startProxy: number;
  startMeasuredWelfare: number;
  /** The regulations this scenario offers. */
  regulationsAvailable: readonly RegulationId[];
  round: number;
  phase: Phase;
  ending: Ending | null;
  seats: PublicSeat[];
  blocs: PublicBloc[];
  proxy: number;
  sectors: { id: string; name: string; output: number }[];
  frontier: number;
  pressure: number;
  visibleSafety: number;
  /** Each actor's visible share of power, 0–1. */
  power: Record<SeatId, number>;
  /** Published risk levels: the mean of the governments' estimates. */
  publishedRisks: number[];
  /**
   * The fraction (0–1) of each risk's drivers that the regulations in force hold back, world
   * wide (from the public rule book and each bloc's enforcement).
   */
  regulationHold: number[];
  labs: {
    seat: SeatId;
    capability: number;
    release: ReleasePolicy;
    openCapability: number;
    autonomy: number;
  }[];
  firms: { seat: SeatId; sector: number; output: number; licensedLab: SeatId | null }[];
  regulations: PublicRegulation[];
  proposals: PublicProposal[];
  news: GameEvent[];
  history: PublicRound[];
}

export interface GovernmentPrivate {
  role: "government";
  bloc: number;
  budget: number;
  sliders: number[];
  taxRate: number;
  enforcement: number;
  measurement: number;
  measuredWelfare: number;
  welfareNoise: number;
  riskEstimates: number[];
  riskNoise: number;
}

export interface LabPrivate {
  role: "lab";
  bloc: number;
  capability: number;
  alignment: number;
  alignmentMargin: number;
  compute: number;
  revenue: number;
  cumulativeRevenue: number;
  sliders: number[];
  release: ReleasePolicy;
  autonomy: number;
  relocateTo: number | null;
}

export interface CompanyPrivate {
  role: "company";
  bloc: number;
  sector: number;
  output: number;
  levers: number[];
  rnd: number;
  cash: number;
  lastProfit: number;
  licensedLab: SeatId | null;
  evading: number[];
  relocateTo: number | null;
}

export type SeatPrivate = GovernmentPrivate | LabPrivate | CompanyPrivate;

export interface SeatView {
  seat: SeatId;
  public: PublicView;
  self: SeatPrivate;
  score: number;
  standing: number;
  /** This seat's place among all seats by standing now (1 best; after a catastrophe, last). */
  rank: number;
  movesLeft: number;
  /**
   * This seat's own moves queued for this round's Resolve, in the order made (its proposals and
   * votes are in `public.proposals`): what the client lists as "this round you did".
   */
  queued: Move[];
  /** Every action type: whether this seat can take it now, why not, and its fields' legal values. */
  actions: Record<ActionType, ActionOffer>;
  /** This seat's own events this round (public ones are in public.news). */
  privateNews: GameEvent[];
}

export interface DebriefView {
  ending: Ending;
  /** The rules' constants of the game's scenario (tipping points for the charts). */
  rules: RulesView;
  startWelfare: number;
  startProxy: number;
  /** The final true welfare with a catastrophe counted as a collapse (`countedWelfare`). */
  welfareCounted: number;
  history: GameState["history"];
  drivers: Record<SeatId, number>[];
  delayedBenefits: GameState["delayedBenefits"];
  heldBack: GameState["heldBack"];
  goodhart: GameState["goodhart"];
  scores: Record<SeatId, number>;
  standings: Record<SeatId, number>;
  ranks: Record<SeatId, number>;
  chronicle: GameEvent[];
  labs: { seat: SeatId; capability: number; alignment: number; autonomy: number }[];
  /** Per welfare dimension: harm firms shifted onto it off measured dimensions, over the game. */
  harmShifted: Record<WelfareDim, number>;
}

/**
 * The public views made last, by state, newest at `publicNext - 1`: a state's view is asked for
 * by every seat's bot and every connection of its table one after another, so a few entries
 * serve nearly every call, without a WeakMap's cost on a state made and dropped each phase.
 */
const PUBLIC_CACHED = 8;
const publicStates: (GameState | null)[] = new Array(PUBLIC_CACHED).fill(null);
const publicViews: (PublicView | null)[] = new Array(PUBLIC_CACHED).fill(null);
let publicNext = 0;

function cachedPublic(state: GameState): PublicView | null {
  // Newest first (a step back from 0 wraps to the end; no division in a lookup made per seat).
  let at = publicNext;
  for (let i = 0; i < PUBLIC_CACHED; i++) {
    at = at === 0 ? PUBLIC_CACHED - 1 : at - 1;
    if (publicStates[at] === state) return publicViews[at]!;
  }
  return null;
}

function cachePublic(state: GameState, view: PublicView): void {
  publicStates[publicNext] = state;
  publicViews[publicNext] = view;
  publicNext = (publicNext + 1) % PUBLIC_CACHED;
}

interface RuleSummary {
  readonly regulations: GameState["regulations"];
  readonly scenario: GameState["scenario"];
  readonly inBasin: GameState["inBasin"];
  /** Each bloc's enforcement and emergency rounds, the only bloc figures the rules' effect reads. */
  readonly enforcement: readonly number[];
  readonly emergency: readonly number[];
  /** The mean of the blocs' holds, per risk: the public view's `regulationHold`. */
  readonly meanHold: number[];
  readonly measured: WelfareDim[][];
}
/**
 * What the rules in force hold back and measure per bloc, cached on the rule book: a move that
 * changes neither the rules, the blocs' enforcement (or emergency powers) nor the basins (the
 * lock-in factor) leaves it as it was, so the views of a phase's many small states, and of a
 * round's two phases, share one. The last few are kept, like the public views (a WeakMap's
 * entry cost more than the lookups it saved, for a rule book made each round).
 */
const RULES_CACHED = 8;
const ruleCache: (RuleSummary | null)[] = new Array(RULES_CACHED).fill(null);
let ruleNext = 0;

function cachedRules(regulations: GameState["regulations"]): RuleSummary | null {
  let at = ruleNext;
  for (let i = 0; i < RULES_CACHED; i++) {
    at = at === 0 ? RULES_CACHED - 1 : at - 1;
    if (ruleCache[at]?.regulations === regulations) return ruleCache[at]!;
  }
  return null;
}

function sameEnforcement(cached: RuleSummary, blocs: GameState["blocs"]): boolean {
  if (cached.enforcement.length !== blocs.length) return false;
  for (let b = 0; b < blocs.length; b++) {
    if (cached.enforcement[b] !== blocs[b]!.enforcement) return false;
    if (cached.emergency[b] !== blocs[b]!.emergency) return false;
  }
  return true;
}

function ruleSummary(state: GameState): RuleSummary {
  const cached = cachedRules(state.regulations);
  if (
    cached &&
    cached.scenario === state.scenario &&
    cached.inBasin === state.inBasin &&
    sameEnforcement(cached, state.blocs)
  )
    return cached;
  const { holds, measured } = blocHolds(state);
  const nb = state.blocs.length;
  const meanHold = [0, 0, 0, 0];
  for (const h of holds) for (let a = 0; a < 4; a++) meanHold[a]! += h[a]! / nb;
  const out: RuleSummary = {
    regulations: state.regulations,
    scenario: state.scenario,
    inBasin: state.inBasin,
    enforcement: state.blocs.map((b) => b.enforcement),
    emergency: state.blocs.map((b) => b.emergency),
    meanHold,
    measured,
  };
  ruleCache[ruleNext] = out;
  ruleNext = (ruleNext + 1) % RULES_CACHED;
  return out;
}
/** The published part of a round's record. */
function publicRound(h: RoundRecord): PublicRound {
  return {
    round: h.round,
    proxy: h.proxy,
    measuredWelfare: h.measuredWelfare,
    measuredNoise: h.measuredNoise,
    publishedRisks: h.publishedRisks,
    capability: h.capability,
    pressure: h.pressure,
    visibleSafety: h.visibleSafety,
    regulations: h.regulations,
  };
}

/**
 * The published histories made last, newest at `historyNext - 1`, like the public views: the
 * states of a round's phases share one history, and the next round's is this one and one more
 * record, so a new history mostly extends a cached one (records never change once written,
 * and so the published ones already made are shared, not made again).
 */
const HISTORIES_CACHED = 8;
const historyKeys: (readonly RoundRecord[] | null)[] = new Array(HISTORIES_CACHED).fill(null);
const historyViews: PublicRound[][] = new Array(HISTORIES_CACHED).fill([]);
let historyNext = 0;

/** Whether `longer` begins with every record of `shorter`. */
function extendsHistory(shorter: readonly RoundRecord[], longer: readonly RoundRecord[]): boolean {
  for (let i = 0; i < shorter.length; i++) if (shorter[i] !== longer[i]) return false;
  return true;
}

/** The published history. */
function publicHistory(history: readonly RoundRecord[]): PublicRound[] {
  const n = history.length;
  let base: PublicRound[] | null = null;
  let at = historyNext;
  for (let i = 0; i < HISTORIES_CACHED; i++) {
    at = at === 0 ? HISTORIES_CACHED - 1 : at - 1;
    const key = historyKeys[at];
    if (key === history && historyViews[at]!.length === n) return historyViews[at]!;
    if (base === null && key && key.length === n - 1 && extendsHistory(key, history))
      base = historyViews[at]!;
  }
  let out: PublicRound[];
  if (base) {
    out = base.slice();
    out.push(publicRound(history[n - 1]!));
  } else out = history.map(publicRound);
  historyKeys[historyNext] = history;
  historyViews[historyNext] = out;
  historyNext = (historyNext + 1) % HISTORIES_CACHED;
  return out;
}

const rulesCache = new WeakMap<Scenario, RulesView>();

/** The rules' constants of a scenario, for the screens. */
export function rulesOf(scenario: Scenario): RulesView {
  let out = rulesCache.get(scenario);
  if (!out) {
    const each = (v: number) =>
      Object.fromEntries(ATTRACTORS.map((a) => [a, v])) as Record<Attractor, number>;
    out = {
      tipping: each(scenario.risks.tipping),
      exit: each(scenario.risks.exit),
      movesPerRound: MAX_MOVES_PER_ROUND,
      strengths: STRENGTHS,
      tax: { min: TAX_MIN, max: TAX_MAX },
      collapseWelfare: scenario.endings.collapseWelfare,
      measurable: scenario.welfare.measuredOrder,
      emergencyMeasure: {
        cut: scenario.governments.measureCut,
        approval: scenario.governments.measureApproval,
        output: scenario.governments.measureOutput,
        centralisation: scenario.governments.measureCentralisation,
      },
    };
    rulesCache.set(scenario, out);
  }
  return out;
}

export function publicView(state: GameState): PublicView {
  const cached = cachedPublic(state);
  if (cached) return cached;
  const rules = ruleSummary(state);
  const view: PublicView = {
    scenarioId: state.scenario.id,
    scenarioName: state.scenario.name,
    rounds: state.scenario.rounds,
    startYear: state.scenario.startYear,
    startProxy: state.startProxy,
    startMeasuredWelfare: state.startWelfare,
    rules: rulesOf(state.scenario),
    regulationsAvailable: state.scenario.regulations,
    round: state.round,
    phase: state.phase,
    ending: state.phase === "ended" || state.phase === "resolve" ? state.ending : null,
    seats: state.seats.map((s) => ({ id: s.id, role: s.role, name: s.name, bloc: s.bloc })),
    blocs: state.blocs.map((b, i) => ({
      name: b.name,
      govSeat: b.govSeat,
      approval: b.approval,
      taxRate: b.taxRate,
      publishedWelfare: b.measuredWelfare,
      welfareNoise: b.welfareNoise,
      publishedRisks: b.riskEstimates.slice(),
      emergency: b.emergency,
      measured: rules.measured[i]!,
    })),
    proxy: proxyOf(state),
    sectors: state.sectors.map((s) => ({
      id: s.id,
      name: s.name,
      output: s.segments.reduce((a, g) => a + g.output, 0),
    })),
    frontier: frontier(state),
    pressure: state.pressure,
    visibleSafety: state.visibleSafety,
    power: powerShares(state),
    publishedRisks: publishedRisks(state),
    // Shared by the views of one rule book, like the rules and proposals.
    regulationHold: rules.meanHold,
    labs: state.labs.map((l) => ({
      seat: l.seat,
      capability: l.capability,
      release: l.release,
      openCapability: l.openCapability,
      autonomy: l.autonomy,
    })),
    firms: state.firms.map((f) => ({
      seat: f.seat,
      sector: f.sector,
      output: f.output,
      licensedLab: f.licensedLab,
    })),
    // Rules and proposals are public and never mutated once a state exists: shared, not copied.
    regulations: state.regulations,
    proposals: state.proposals,
    news: state.events.filter((e) => e.public),
    history: publicHistory(state.history),
  };
  cachePublic(state, view);
  return view;
}

/** Visible power: economic share for firms, compute share for labs, political weight for governments. */
export function powerShares(state: GameState): Record<SeatId, number> {
  const out: Record<SeatId, number> = {};
  const proxy = proxyOf(state);
  let compute = 0;
  for (const l of state.labs) compute += l.compute;
  let approval = 0;
  for (const b of state.blocs) approval += b.approval;
  for (const seat of state.seats) {
    switch (seat.role) {
      case "company":
        out[seat.id] = state.firms.find((f) => f.seat === seat.id)!.output / proxy;
        break;
      case "lab":
        out[seat.id] =
          state.labs.find((l) => l.seat === seat.id)!.compute / Math.max(1e-9, compute);
        break;
      case "government":
        out[seat.id] = state.blocs[seat.bloc]!.approval / Math.max(1e-9, approval);
        break;
      default:
        assertNever(seat.role);
    }
  }
  return out;
}

function privateOf(state: GameState, seat: Seat): SeatPrivate {
  const seatId = seat.id;
  switch (seat.role) {
    case "government": {
      const b = state.blocs[seat.bloc]!;
      return {
        role: "government",
        bloc: seat.bloc,
        budget: b.budget,
        sliders: b.sliders.slice(),
        taxRate: b.taxRate,
        enforcement: b.enforcement,
        measurement: b.measurement,
        measuredWelfare: b.measuredWelfare,
        welfareNoise: b.welfareNoise,
        riskEstimates: b.riskEstimates.slice(),
        riskNoise: b.riskNoise,
      };
    }
    case "lab": {
      const l = state.labs.find((x) => x.seat === seatId)!;
      return {
        role: "lab",
        bloc: seat.bloc,
        capability: l.capability,
        alignment: l.alignment,
        alignmentMargin: l.alignment * state.scenario.labs.alignmentMultiplier - l.capability,
        compute: l.compute,
        revenue: l.revenue,
        cumulativeRevenue: l.cumulativeRevenue,
        sliders: l.sliders.slice(),
        release: l.release,
        autonomy: l.autonomy,
        relocateTo: l.relocateTo,
      };
    }
    case "company": {
      const f = state.firms.find((x) => x.seat === seatId)!;
      return {
        role: "company",
        bloc: seat.bloc,
        sector: f.sector,
        output: f.output,
        levers: f.levers.slice(),
        rnd: f.rnd,
        cash: f.cash,
        lastProfit: f.lastProfit,
        licensedLab: f.licensedLab,
        evading: f.evading.slice(),
        relocateTo: f.relocateTo,
      };
    }
  }
}

/** What a bot sees of its seat: the seat's view without the action offers (see `viewFor`). */
export type BotView = Omit<SeatView, "actions" | "rank" | "queued">;

/** A seat's view without the offers: what the bots get (offers cost more than a bot's choice). */
export function botView(state: GameState, seatId: SeatId): BotView {
  const seat = state.seats.find((s) => s.id === seatId)!;
  const score = seatScore(state, seat);
  return {
    seat: seatId,
    public: publicView(state),
    self: privateOf(state, seat),
    score,
    standing: seatStanding(state, seat, score),
    movesLeft: MAX_MOVES_PER_ROUND - (state.orders[seatId]?.used ?? 0),
    privateNews: state.events.filter((e) => !e.public && e.seat === seatId),
  };
}

/** A seat's view as its person's client gets it: everything it may see, and its offers. */
export function viewFor(state: GameState, seatId: SeatId): SeatView {
  return {
    ...botView(state, seatId),
    rank: ranks(state)[seatId] ?? state.seats.length,
    queued: state.orders[seatId]?.moves ?? [],
    actions: offersFor(state, seatId),
  };
}

/** The whole truth, revealed once the game has ended; null before. */
export function debriefView(state: GameState): DebriefView | null {
  if (state.phase !== "ended" || !state.ending) return null;
  const sc = scores(state);
  return {
    ending: state.ending,
    rules: rulesOf(state.scenario),
    startWelfare: state.startWelfare,
    startProxy: state.startProxy,
    welfareCounted: countedWelfare(state),
    history: state.history,
    drivers: state.drivers,
    delayedBenefits: state.delayedBenefits,
    heldBack: state.heldBack,
    goodhart: state.goodhart,
    scores: sc,
    standings: Object.fromEntries(state.seats.map((s) => [s.id, standing(state, s.id, sc[s.id]!)])),
    ranks: ranks(state),
    chronicle: state.chronicle,
    labs: state.labs.map((l) => ({
      seat: l.seat,
      capability: l.capability,
      alignment: l.alignment,
      autonomy: l.autonomy,
    })),
    harmShifted: Object.fromEntries(
      WELFARE_DIMS.map((d, i) => [d, state.harmShifted[i] ?? 0]),
    ) as Record<WelfareDim, number>,
  };
}
