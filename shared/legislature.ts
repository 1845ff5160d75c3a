/**
 * The legislature. Governments propose regulations (national, or as an international accord)
 * in the Act phase and vote on them in the Legislate phase; companies and labs lobby. A
 * national proposal passes when its government votes for it and its parliament supports it
 * (support rises with approval and lobbying for, falls with lobbying against and with the
 * dominant actor's grip once centralisation is high). An accord needs every government. What
 * passes takes effect the round after and ramps in over a few rounds. A rule nobody rewrites
 * is gamed: each round in force the optimiser finds loopholes in it, faster under more
 * optimisation pressure, until it is amended (passed again, which keeps its ramp-in).
 */

import { REGULATIONS } from "./regulations";
import type { ActiveRegulation, GameEvent, GameState, Proposal } from "./state";
import { AT } from "./vocabulary";

export function parliamentSupport(state: GameState, bloc: number): number {
  const l = state.scenario.legislature;
  const b = state.blocs[bloc]!;
  const grip =
    Math.max(0, state.risks[AT.centralisation]! - l.centralisationFrom) * l.centralisationBlock;
  return l.baseSupport + l.approvalWeight * (b.approval - 50) + l.lobbyWeight * b.lobby - grip;
}

function blocOfSeat(state: GameState, seat: string): number {
  return state.seats.find((s) => s.id === seat)!.bloc;
}

/** Counts the votes on every open proposal and enacts or repeals what passed. Mutates `state`. */
export function tally(state: GameState, events: GameEvent[]): void {
  const govs = state.seats.filter((s) => s.role === "government");
  for (const p of state.proposals) {
    if (p.status !== "open") continue;
    const proposerBloc = blocOfSeat(state, p.proposer);
    const voters = p.accord ? govs : govs.filter((g) => g.id === p.proposer);
    const yes = voters.every((g) => (p.votes[g.id] ?? g.id === p.proposer) === true);
    // The least support among the parliaments that must pass it (Math.min over them, in order).
    let support = Number.POSITIVE_INFINITY;
    if (p.accord)
      for (const g of govs) support = Math.min(support, parliamentSupport(state, g.bloc));
    else support = Math.min(support, parliamentSupport(state, proposerBloc));
    p.support = Math.max(0, Math.min(100, support));
    const passed = yes && support >= 50;
    p.status = passed ? "passed" : "failed";
    const name = REGULATIONS[p.reg].name;
    const where = p.accord ? "as an international accord" : `in ${state.blocs[proposerBloc]!.name}`;
    const why = !yes ? "a government voted against" : "parliament did not back it";
    if (!passed) {
      events.push({
        round: state.round,
        kind: "failed",
        public: true,
        seat: p.proposer,
        text: `${p.kind === "repeal" ? "Repeal of " : ""}${name} failed ${where}: ${why}.`,
      });
      continue;
    }
    if (p.kind === "repeal") {
      const target = state.regulations.find((r) => r.uid === p.target);
      if (target) target.endsRound = state.round + 1;
      events.push({
        round: state.round,
        kind: "repealed",
        public: true,
        seat: p.proposer,
        text: `${name} repealed ${where}; it lapses next round.`,
      });
      continue;
    }
    const scope = p.accord ? ("accord" as const) : proposerBloc;
    // A new law on the same rule and scope replaces the old one (it may change the strength).
    const old = state.regulations.find(
      (r) => r.reg === p.reg && r.scope === scope && r.endsRound === null,
    );
    if (old) old.endsRound = state.round + 1;
    // Fields in the order cloneState's copies list them, so new and copied rules share a shape.
    state.regulations.push({
      uid: state.nextUid++,
      reg: p.reg,
      strength: p.strength,
      scope,
      proposer: p.proposer,
      passedRound: state.round,
      ramp: 0,
      loopholes: 0,
      amends: old ? old.uid : null,
      endsRound: null,
    });
    events.push({
      round: state.round,
      kind: "passed",
      public: true,
      seat: p.proposer,
      text: `${name} (strength ${p.strength}) passed ${where}; it takes effect next round.`,
    });
  }
}

/**
 * At the start of a round's resolution: lapse repealed rules, ramp in the rest, and let the
 * optimiser find loopholes in every rule that was already in force last round.
 */
export function rampRegulations(state: GameState, events: GameEvent[]): void {
  const l = state.scenario.legislature;
  const step = 1 / l.rampRounds;
  // Each rule's ramp before this step, for an amendment to carry on from.
  const before = state.regulations;
  const rampsBefore = before.map((r) => r.ramp);
  state.regulations = state.regulations.filter(
    (r) => r.endsRound === null || r.endsRound > state.round,
  );
  const found = l.loopholes * state.pressure;
  for (const r of state.regulations) {
    if (r.passedRound >= state.round) continue;
    if (r.ramp === 0) {
      const where = r.scope === "accord" ? " everywhere" : ` in ${state.blocs[r.scope]!.name}`;
      const name = REGULATIONS[r.reg].name;
      events.push({
        round: state.round,
        kind: "inForce",
        public: true,
        seat: r.proposer,
        text:
          r.amends === null
            ? `${name} is now in force${where}.`
            : `${name} is amended${where} (strength ${r.strength}): its loopholes are closed.`,
      });
      // An amendment ramps on from where the rule it rewrites had got to.
      const from = r.amends === null ? 0 : rampBefore(before, rampsBefore, r.amends);
      r.ramp = Math.min(1, from + step);
    } else {
      const gameable = REGULATIONS[r.reg].gameable ?? 1;
      r.loopholes = Math.min(l.loopholeMax, r.loopholes + found * gameable);
      r.ramp = Math.min(1, r.ramp + step);
    }
  }
}

/** The ramp the rule `uid` had before this step (0 if there was none). */
function rampBefore(
  before: readonly ActiveRegulation[],
  ramps: readonly number[],
  uid: number,
): number {
  for (let i = before.length - 1; i >= 0; i--) if (before[i]!.uid === uid) return ramps[i]!;
  return 0;
}

export function openProposals(state: GameState): Proposal[] {
  return state.proposals.filter((p) => p.status === "open");
}
