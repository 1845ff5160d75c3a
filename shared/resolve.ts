/**
 * One round's resolution: the legislature's tally, then the world model steps once. It is a
 * pure function of the state (which holds every seat's orders and the generator's state):
 * the input state is never changed; the result carries the round's events for the news feed
 * and the client's animation.
 */
import { resolveMoves } from "./actions";
import { riskTargets, stepRisks } from "./attractors";
import { cloneState } from "./clone";
import { stepFirms } from "./firms";
import {
  blocOutput,
  cutOutput,
  fundGovernments,
  measure,
  publishedRisks,
  updateApproval,
} from "./governments";
import { stepIncidents } from "./incidents";
import { frontier, stepLabs } from "./labs";
import { rampRegulations, tally } from "./legislature";
import { arbitrage, stepMarket } from "./market";
import { blocPolicies, intensityOf } from "./policy";
import type { RegulationId } from "./regulations";
import { streamRng } from "./rng";
import { gradeWorld, scores } from "./scoring";
import type { GameEvent, GameState, SeatId } from "./state";
import { AT, ATTRACTORS, ENDING_LABEL, endingOfAttractor, LEVERS } from "./vocabulary";
import { meanLevers, measureTrueWelfare, proxyOf, stepWelfare } from "./welfare";

/** Carries out every seat's moves for the round; returns lobbying spent per seat. */
function applyMoves(state: GameState, events: GameEvent[]): Record<SeatId, number> {
  const lobbying: Record<SeatId, number> = {};
  // Relocations decided last round take effect now.
  for (const firm of state.firms) {
    if (firm.relocateTo !== null) {
      state.seats.find((s) => s.id === firm.seat)!.bloc = firm.relocateTo;
      firm.relocateTo = null;
    }
  }
  for (const lab of state.labs) {
    if (lab.relocateTo !== null) {
      state.seats.find((s) => s.id === lab.seat)!.bloc = lab.relocateTo;
      lab.relocateTo = null;
    }
  }
  // Each seat's moves, in the order it made them, through the action table.
  for (const seat of state.seats) resolveMoves(state, seat.id, events, lobbying);
  // Evasion of a rule that has lapsed ends by itself.
  for (const firm of state.firms)
    if (firm.evading.length > 0)
      firm.evading = firm.evading.filter((u) => state.regulations.some((r) => r.uid === u));
  return lobbying;
}

const leverBuf = new Array<number>(LEVERS.length).fill(0);

export function resolveRound(input: GameState): GameState {
  // The logs are shared with `input` until the end, where new ones replace them.
  const state = cloneState(input, true);
  const events: GameEvent[] = [];
  const nb = state.blocs.length;

  tally(state, events);
  rampRegulations(state, events);
  const lobbying = applyMoves(state, events);

  const last = state.history[state.history.length - 1];
  const lastWelfare = last ? last.welfare : state.startWelfare;
  const proxyBefore = last ? last.proxy : state.startProxy;
  const measuredBefore = state.blocs.map((b) => b.measuredWelfare);
  const outputBefore = state.blocs.map((_, b) => blocOutput(state, b));
  const risksBefore = state.risks.slice();
  const kBefore = frontier(state);

  fundGovernments(state);
  const policies = blocPolicies(state);
  // What the rules cost the public purse (measuring everything is not free).
  for (let b = 0; b < nb; b++) state.blocs[b]!.budget *= 1 - policies[b]!.budgetCost;
  const sd = state.scenario.economy.shockSd;
  const shock = sd * streamRng(state.seed, state.round, "shock").normal();
  if (sd > 0 && Math.abs(shock) > 1.5 * sd) {
    events.push({
      round: state.round,
      kind: "shock",
      public: true,
      text:
        shock > 0
          ? "A demand boom lifts output everywhere this year."
          : "A recession cuts output everywhere this year.",
    });
  }
  for (const lab of state.labs) lab.revenue = 0;
  stepMarket(state, policies, shock);
  arbitrage(state, policies);
  stepFirms(state, policies, shock, events);
  emergencyCosts(state);
  const prevented = stepLabs(state, policies, events);
  const capabilityGain = frontier(state) - kBefore;

  const targets = riskTargets(state, policies, lobbying);
  attributeHolds(state, policies, targets.drive);
  const delayed = stepWelfare(state, {
    policies,
    capabilityGain,
    preventedGain: prevented,
    misuse: state.risks[AT.misuse]!,
  });
  attributeDelay(state, policies, delayed);
  const struck = stepRisks(state, targets, events);
  if (!struck) stepIncidents(state, events);

  const proxy = proxyOf(state);
  const welfare = measureTrueWelfare(state, proxy);
  measure(state, policies, lastWelfare);

  // The visible safety indicator: pledges, audits and evaluations raise it; close calls dent it.
  let closeCalls = 0;
  for (let i = 0; i < events.length; i++) if (events[i]!.kind === "closeCall") closeCalls++;
  const safety = state.scenario.safety;
  let shown = 0;
  for (const p of policies) shown += p.visibleSafety / nb;
  state.visibleSafety = Math.max(
    0,
    Math.min(
      100,
      state.visibleSafety +
        shown -
        safety.closeCall * closeCalls +
        safety.relax * (safety.start - state.visibleSafety),
    ),
  );
  updateApproval(state, { policies, measuredBefore, outputBefore, closeCalls });

  // Counters for naming the kinds of Goodhart failure in the debrief.
  const trueChange = welfare - lastWelfare;
  for (let b = 0; b < nb; b++) {
    if (
      Math.sign(state.blocs[b]!.measuredWelfare - measuredBefore[b]!) !== Math.sign(trueChange) &&
      Math.abs(trueChange) > 0.5
    ) {
      state.goodhart.regressional++;
    }
  }
  if (state.pressure > 3 && proxy > proxyBefore && trueChange < 0) state.goodhart.extremal++;
  const theatre = policies.some(
    (p) => intensityOf(p, "voluntary_pledges") + intensityOf(p, "checkbox_audits") > 0,
  );
  if (theatre && state.risks.some((r, a) => r > risksBefore[a]! + 3)) state.goodhart.causal++;

  for (const bloc of state.blocs) {
    if (bloc.emergency > 0) bloc.emergency--;
    bloc.emergencyMeasure = null;
    bloc.campaignMoney = 0;
    bloc.lobby = 0;
  }
  let measuredSum = 0;
  let noiseSum = 0;
  for (const b of state.blocs) {
    measuredSum += b.measuredWelfare;
    noiseSum += b.welfareNoise;
  }
  const history = state.history.slice();
  history.push({
    round: state.round,
    proxy,
    welfare,
    measuredWelfare: measuredSum / nb,
    measuredNoise: noiseSum / nb,
    publishedRisks: publishedRisks(state),
    capability: frontier(state),
    pressure: state.pressure,
    visibleSafety: state.visibleSafety,
    risks: state.risks.slice(),
    dims: state.welfare.slice(),
    levers: meanLevers(state, leverBuf).slice(),
    scores: scores(state),
    regulations: state.regulations.filter((r) => r.ramp > 0).length,
  });
  state.history = history;

  if (struck) state.ending = endingOfAttractor(struck);
  else if (state.round >= state.scenario.rounds) state.ending = gradeWorld(state, welfare, proxy);
  if (state.ending) {
    events.push({
      round: state.round,
      kind: "ending",
      public: true,
      text: `The game ends: ${ENDING_LABEL[state.ending]}.`,
    });
  }
  state.events = events;
  const chronicle = state.chronicle.slice();
  for (let i = 0; i < events.length; i++) chronicle.push(events[i]!);
  state.chronicle = chronicle;
  state.phase = "resolve";
  const broken = firstNonFinite(state);
  if (broken) throw new ModelError(broken, state.round);
  return state;
}

/** An emergency measure costs its bloc output this round (approval is counted with the rest). */
function emergencyCosts(state: GameState): void {
  const loss = state.scenario.governments.measureOutput;
  for (let b = 0; b < state.blocs.length; b++)
    if (state.blocs[b]!.emergencyMeasure !== null) cutOutput(state, loss, b);
}

/**
 * The round step refused to produce a non-finite number: the scenario lets the model
 * overflow. The state the step started from is untouched (the step works on a copy).
 */
export class ModelError extends Error {
  constructor(
    /** Where in the state, e.g. "labs[0].capability". */
    readonly where: string,
    readonly round: number,
  ) {
    super(`The world model broke down in round ${round}: ${where} is not a finite number.`);
  }
}

/** The path of the first number in the state's figures that is NaN or infinite, or null. */
export function firstNonFinite(state: GameState): string | null {
  // Most rounds every number is finite: the paths are only worked out when one is not.
  if (figuresFinite(state)) return null;
  const groups: [string, unknown][] = [
    ["history", state.history[state.history.length - 1]],
    ["labs", state.labs],
    ["firms", state.firms],
    ["blocs", state.blocs],
    ["sectors", state.sectors],
    ["risks", state.risks],
    ["welfare", state.welfare],
  ];
  for (const [name, value] of groups) {
    const at = nonFinitePath(value, name);
    if (at) return at;
  }
  return null;
}

/**
 * Number.isFinite for a number: x - x is 0 for every finite number, NaN for NaN and the
 * infinities. (Called through Number.isFinite, the optimised check boxed each number it was
 * handed: about 2% of a bot game's allocation.)
 */
const finite = (x: number): boolean => x - x === 0;

function finiteList(xs: readonly number[]): boolean {
  for (let i = 0; i < xs.length; i++) if (!finite(xs[i]!)) return false;
  return true;
}

/**
 * Whether every number `firstNonFinite` looks at is finite, field by field (a walk over the
 * records' keys cost the round step more than some of the model's parts; resolve.test.ts
 * breaks each number of a played state in turn to check that none is missed).
 */
function figuresFinite(state: GameState): boolean {
  const h = state.history[state.history.length - 1];
  if (h) {
    if (
      !(
        finite(h.round) &&
        finite(h.proxy) &&
        finite(h.welfare) &&
        finite(h.measuredWelfare) &&
        finite(h.measuredNoise) &&
        finiteList(h.publishedRisks) &&
        finite(h.capability) &&
        finite(h.pressure) &&
        finite(h.visibleSafety) &&
        finiteList(h.risks) &&
        finiteList(h.dims) &&
        finiteList(h.levers) &&
        finite(h.regulations)
      )
    )
      return false;
    for (const seat in h.scores) if (!finite(h.scores[seat]!)) return false;
  }
  for (const l of state.labs) {
    if (
      !(
        finite(l.capability) &&
        finite(l.alignment) &&
        finite(l.compute) &&
        finite(l.revenue) &&
        finite(l.cumulativeRevenue) &&
        finite(l.openCapability) &&
        finite(l.autonomy) &&
        finiteList(l.sliders) &&
        (l.relocateTo === null || finite(l.relocateTo)) &&
        finite(l.pledges)
      )
    )
      return false;
  }
  for (const f of state.firms) {
    if (
      !(
        finite(f.sector) &&
        finite(f.output) &&
        finiteList(f.levers) &&
        finite(f.rnd) &&
        finite(f.cash) &&
        finite(f.lastProfit) &&
        finiteList(f.evading) &&
        (f.relocateTo === null || finite(f.relocateTo)) &&
        finite(f.detectedEvasions)
      )
    )
      return false;
  }
  for (const b of state.blocs) {
    if (
      !(
        finite(b.budget) &&
        finite(b.taxRate) &&
        finite(b.approval) &&
        finite(b.enforcement) &&
        finite(b.measurement) &&
        finite(b.emergency) &&
        finite(b.campaignMoney) &&
        finite(b.lobby) &&
        finiteList(b.sliders) &&
        finite(b.measuredWelfare) &&
        finite(b.welfareNoise) &&
        finiteList(b.riskEstimates) &&
        finite(b.riskNoise)
      )
    )
      return false;
  }
  for (const sector of state.sectors) {
    for (const g of sector.segments)
      if (!(finite(g.bloc) && finite(g.output) && finiteList(g.theta) && finite(g.rnd)))
        return false;
  }
  return finiteList(state.risks) && finiteList(state.welfare);
}

function nonFinitePath(value: unknown, path: string): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nonFinitePath(value[i], `${path}[${i}]`);
      if (at) return at;
    }
  } else if (value !== null && typeof value === "object") {
    for (const k in value) {
      const at = nonFinitePath((value as Record<string, unknown>)[k], `${path}.${k}`);
      if (at) return at;
    }
  }
  return null;
}

/** Credits each rule in force with the risk it held back this round (first-order share). */
function attributeHolds(
  state: GameState,
  policies: ReturnType<typeof blocPolicies>,
  drive: readonly number[],
): void {
  const nb = state.blocs.length;
  // Each rule's running total, from its old one, in the order rules first appear; written into
  // the record once per rule at the end (the same sums, and new keys in the same order, as
  // writing after each bloc: a record's keyed store cost more than the sums).
  const rules: RegulationId[] = [];
  const totals: number[] = [];
  for (const p of policies) {
    for (let i = 0; i < p.rules.length; i++) {
      const spec = p.rules[i]!;
      const hold = spec.hold;
      if (!hold) continue;
      const k = p.ruleIntensity[i]!;
      let held = 0;
      for (let a = 0; a < ATTRACTORS.length; a++)
        held += (drive[a]! * Math.min(0.95, hold[a]! * k)) / nb;
      const at = rules.indexOf(spec.id);
      if (at < 0) {
        rules.push(spec.id);
        totals.push((state.heldBack[spec.id] ?? 0) + held);
      } else totals[at] = totals[at]! + held;
    }
  }
  for (let i = 0; i < rules.length; i++) state.heldBack[rules[i]!] = totals[i]!;
}

/** Splits the health benefits delayed this round among the rules that delayed them. */
function attributeDelay(
  state: GameState,
  policies: ReturnType<typeof blocPolicies>,
  delayed: number,
): void {
  if (delayed <= 0) return;
  // Each rule's weight, summed in the order rules first appear (as a record's keys would be).
  const rules: RegulationId[] = [];
  const weight: number[] = [];
  let total = 0;
  for (const p of policies) {
    for (let i = 0; i < p.rules.length; i++) {
      const spec = p.rules[i]!;
      const w = p.ruleIntensity[i]! * (spec.benefitDrag + spec.capabilityDrag);
      if (w > 0) {
        const at = rules.indexOf(spec.id);
        if (at < 0) {
          rules.push(spec.id);
          weight.push(0 + w);
        } else weight[at] = weight[at]! + w;
        total += w;
      }
    }
  }
  if (total <= 0) return;
  for (let i = 0; i < rules.length; i++) {
    const reg = rules[i]!;
    state.delayedBenefits[reg] = (state.delayedBenefits[reg] ?? 0) + (delayed * weight[i]!) / total;
  }
}
