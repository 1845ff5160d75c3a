/**
 * Copy of a game state for the round step, which mutates its copy so that the state it was
 * given never changes. Each mutable record is rebuilt as an object literal with every field
 * listed: the compiler then insists that a new field is copied here, and every copy has the
 * same shape, which keeps the model's hot loops fast. What is never written once it exists
 * (the scenario, history records, events, moves) is shared. `clone.test.ts` scribbles over a
 * copy and checks that the original is untouched.
 */
import type { ActiveRegulation, Bloc, Firm, GameState, Lab, Proposal, Seat, Sector } from "./state";

export const copySeat = (s: Seat): Seat => ({ id: s.id, role: s.role, name: s.name, bloc: s.bloc });

export const copyBloc = (b: Bloc): Bloc => ({
  name: b.name,
  govSeat: b.govSeat,
  budget: b.budget,
  taxRate: b.taxRate,
  approval: b.approval,
  enforcement: b.enforcement,
  measurement: b.measurement,
  emergency: b.emergency,
  emergencyMeasure: b.emergencyMeasure,
  campaignMoney: b.campaignMoney,
  lobby: b.lobby,
  sliders: b.sliders.slice(),
  measuredWelfare: b.measuredWelfare,
  welfareNoise: b.welfareNoise,
  riskEstimates: b.riskEstimates.slice(),
  riskNoise: b.riskNoise,
});

export const copySector = (s: Sector): Sector => ({
  id: s.id,
  name: s.name,
  segments: s.segments.map((g) => ({
    bloc: g.bloc,
    output: g.output,
    theta: g.theta.slice(),
    rnd: g.rnd,
  })),
});

export const copyFirm = (f: Firm): Firm => ({
  seat: f.seat,
  sector: f.sector,
  output: f.output,
  levers: f.levers.slice(),
  rnd: f.rnd,
  cash: f.cash,
  lastProfit: f.lastProfit,
  licensedLab: f.licensedLab,
  evading: f.evading.slice(),
  relocateTo: f.relocateTo,
  detectedEvasions: f.detectedEvasions,
});

export const copyLab = (l: Lab): Lab => ({
  seat: l.seat,
  capability: l.capability,
  alignment: l.alignment,
  compute: l.compute,
  revenue: l.revenue,
  cumulativeRevenue: l.cumulativeRevenue,
  release: l.release,
  openCapability: l.openCapability,
  autonomy: l.autonomy,
  sliders: l.sliders.slice(),
  relocateTo: l.relocateTo,
  pledges: l.pledges,
});

const copyRegulation = (r: ActiveRegulation): ActiveRegulation => ({
  uid: r.uid,
  reg: r.reg,
  strength: r.strength,
  scope: r.scope,
  proposer: r.proposer,
  passedRound: r.passedRound,
  ramp: r.ramp,
  loopholes: r.loopholes,
  amends: r.amends,
  endsRound: r.endsRound,
});

export const copyProposal = (p: Proposal): Proposal => ({
  uid: p.uid,
  kind: p.kind,
  reg: p.reg,
  strength: p.strength,
  accord: p.accord,
  proposer: p.proposer,
  target: p.target,
  votes: { ...p.votes },
  status: p.status,
  support: p.support,
});

/**
 * A new top-level record sharing every field's value with `s`: what a step that replaces a
 * few fields starts from (an action, a phase change). Listed field by field like
 * `cloneState`, so every state has the same shape (a spread would make a new one for each
 * way a state was made, and slow every function that reads a state). `pendingInjects` is
 * left out when `withoutPending` (the round that opens takes them).
 */
export function shallowState(s: GameState, withoutPending = false): GameState {
  const copy: GameState = {
    scenario: s.scenario,
    seed: s.seed,
    round: s.round,
    phase: s.phase,
    seats: s.seats,
    blocs: s.blocs,
    sectors: s.sectors,
    firms: s.firms,
    labs: s.labs,
    welfare: s.welfare,
    risks: s.risks,
    inBasin: s.inBasin,
    drivers: s.drivers,
    visibleSafety: s.visibleSafety,
    pressure: s.pressure,
    regulations: s.regulations,
    proposals: s.proposals,
    orders: s.orders,
    events: s.events,
    chronicle: s.chronicle,
    history: s.history,
    delayedBenefits: s.delayedBenefits,
    heldBack: s.heldBack,
    harmShifted: s.harmShifted,
    goodhart: s.goodhart,
    startWelfare: s.startWelfare,
    startProxy: s.startProxy,
    ending: s.ending,
    nextUid: s.nextUid,
  };
  if (s.pendingInjects !== undefined && !withoutPending) copy.pendingInjects = s.pendingInjects;
  return copy;
}

/**
 * A copy of `s` that a step may change freely. With `forRoundStep`, the logs (`events`,
 * `chronicle`, `history`) and the orders are `s`'s own: the round step only reads them, then
 * replaces the logs (and the next round replaces the orders), so they are copied once, or not
 * at all, instead of twice.
 */
export function cloneState(s: GameState, forRoundStep = false): GameState {
  const copy: GameState = {
    scenario: s.scenario,
    seed: s.seed,
    round: s.round,
    phase: s.phase,
    seats: s.seats.map(copySeat),
    blocs: s.blocs.map(copyBloc),
    sectors: s.sectors.map(copySector),
    firms: s.firms.map(copyFirm),
    labs: s.labs.map(copyLab),
    welfare: s.welfare.slice(),
    risks: s.risks.slice(),
    inBasin: s.inBasin.slice(),
    drivers: s.drivers.map((d) => ({ ...d })),
    visibleSafety: s.visibleSafety,
    pressure: s.pressure,
    regulations: s.regulations.map(copyRegulation),
    proposals: s.proposals.map(copyProposal),
    orders: forRoundStep ? s.orders : copyOrders(s.orders),
    events: forRoundStep ? s.events : s.events.slice(),
    chronicle: forRoundStep ? s.chronicle : s.chronicle.slice(),
    history: forRoundStep ? s.history : s.history.slice(),
    delayedBenefits: { ...s.delayedBenefits },
    heldBack: { ...s.heldBack },
    harmShifted: s.harmShifted.slice(),
    goodhart: {
      regressional: s.goodhart.regressional,
      extremal: s.goodhart.extremal,
      causal: s.goodhart.causal,
      adversarial: s.goodhart.adversarial,
    },
    startWelfare: s.startWelfare,
    startProxy: s.startProxy,
    ending: s.ending,
    nextUid: s.nextUid,
  };
  // Only present while an inject waits: a game without injects keeps its old shape and hash.
  if (s.pendingInjects) copy.pendingInjects = s.pendingInjects.slice();
  return copy;
}

function copyOrders(orders: GameState["orders"]): GameState["orders"] {
  const out: GameState["orders"] = {};
  for (const seat in orders) {
    const o = orders[seat]!;
    out[seat] = { moves: o.moves.slice(), used: o.used };
  }
  return out;
}
