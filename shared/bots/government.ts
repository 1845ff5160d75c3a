/**
 * Government bots. They see only their seat's view: measured welfare, their own noisy risk
 * estimates and the public rule book. `sensible` (alias `careful`) regulates where its
 * estimates say the danger is, preferring better measurement early; `technocrat` leans even
 * more on measurement; `populist` keeps taxes low and likes visible gestures; `laissez-faire`
 * and `none` never legislate; `max` passes everything at full strength; `theatre` passes
 * only the security theatre.
 */

import type { Action } from "../actions";
import { byProtection, type RegulationId, regulationsOf } from "../regulations";
import type { Scenario } from "../scenario";
import type { BotView, GovernmentPrivate, PublicView } from "../views";
import { AT, ATTRACTORS } from "../vocabulary";
import type { GovernmentBehaviour } from "./personalities";

interface Want {
  reg: RegulationId;
  strength: number;
}

/** The share of a law's effect lost to loopholes at which a careful government amends it. */
const AMEND_FROM = 0.25;

/** A careful government's estimate of a risk at which it takes an emergency measure. */
const EMERGENCY_FROM = 65;
/** The heavy hand's (`max`): it trusts its laws and reaches for emergency powers only late. */
const MAX_EMERGENCY_FROM = 81;

/** Every regulation but the theatre, the most protective first (from the catalogue). */
const MAX_ORDER: readonly RegulationId[] = byProtection();
/** The theatre regulations, from the catalogue. */
const THEATRE: readonly RegulationId[] = regulationsOf("theatre");

function inForce(pub: PublicView, bloc: number, reg: RegulationId): number {
  let best = 0;
  for (const r of pub.regulations) {
    if (r.reg === reg && (r.scope === bloc || r.scope === "accord") && r.endsRound === null)
      best = Math.max(best, r.strength);
  }
  return best;
}

/** The share of its effect the law on `reg` that binds a bloc (its own or an accord) has lost to loopholes. */
function loopholesIn(pub: PublicView, bloc: number, reg: RegulationId): number {
  let most = 0;
  for (const r of pub.regulations)
    if (r.reg === reg && (r.scope === bloc || r.scope === "accord") && r.endsRound === null)
      most = Math.max(most, r.loopholes);
  return most;
}

/** Adds a want when its condition holds. */
function want(wants: Want[], reg: RegulationId, strength: number, when: boolean): void {
  if (when) wants.push({ reg, strength });
}

function careful(view: BotView, self: GovernmentPrivate, technocrat: boolean): Want[] {
  const pub = view.public;
  const est = self.riskEstimates;
  const misuse = est[AT.misuse]!;
  const central = est[AT.centralisation]!;
  const goodhart = est[AT.goodhart]!;
  const takeover = est[AT.takeover]!;
  const K = pub.frontier;
  const anyOpen = pub.labs.some((l) => l.release === "open" || l.openCapability > 30);
  const wants: Want[] = [];
  const agents = pub.labs.some((l) => l.autonomy > 0);
  want(wants, "welfare_statistics", 2, true);
  want(wants, "pre_deployment_evals", 2, true);
  if (technocrat) want(wants, "safety_institute", 2, K > 25);
  want(wants, "open_release_restrictions", 2, anyOpen && K > 30);
  want(wants, "biosecurity", 2, misuse > 30 || (anyOpen && K > 35));
  want(wants, "human_in_loop", 2, goodhart > 30 || pub.pressure > 2.4 || (agents && K > 45));
  want(wants, "antitrust", 2, central > 30);
  want(wants, "liability", 2, takeover > 35 || K > 55);
  want(wants, "compute_licensing", 2, takeover > 32 || K > 75);
  want(wants, "safety_institute", 2, takeover > 30 || K > 50);
  want(wants, "platform_accountability", 1, pub.pressure > 2.2);
  want(wants, "externality_pricing", 1, pub.pressure > 1.9);
  want(wants, "safety_nets", 1, pub.pressure > 2.3);
  want(wants, "pre_deployment_evals", 3, takeover > 35);
  want(wants, "open_release_restrictions", 3, anyOpen && K > 50);
  want(wants, "compute_licensing", 3, takeover > 55);
  want(wants, "antitrust", 3, central > 55);
  want(wants, "human_in_loop", 3, goodhart > 55);
  want(wants, "moratorium", 2, takeover > 65);
  return wants;
}

function wantsFor(view: BotView, self: GovernmentPrivate, behaviour: GovernmentBehaviour): Want[] {
  switch (behaviour) {
    case "none":
    case "laissez-faire":
      return [];
    case "careful":
    case "sensible":
      return careful(view, self, false);
    case "technocrat":
      return careful(view, self, true);
    case "max":
      return MAX_ORDER.map((reg) => ({ reg, strength: 3 }));
    case "theatre":
      return THEATRE.map((reg) => ({ reg, strength: 3 }));
    case "populist":
      return [
        { reg: "voluntary_pledges", strength: 2 },
        { reg: "safety_nets", strength: 1 },
        { reg: "checkbox_audits", strength: 2 },
        ...(self.riskEstimates[AT.misuse]! > 45
          ? [{ reg: "biosecurity" as const, strength: 1 }]
          : []),
      ];
  }
}

function sliders(self: GovernmentPrivate, behaviour: GovernmentBehaviour): Record<string, number> {
  const misuse = self.riskEstimates[AT.misuse]!;
  const takeover = self.riskEstimates[AT.takeover]!;
  switch (behaviour) {
    case "none":
    case "laissez-faire":
    case "theatre":
      return {
        enforcement: 0.15,
        measurement: 0.1,
        welfare: 0.45,
        safetyResearch: 0.05,
        defence: 0.25,
      };
    case "populist":
      return {
        enforcement: 0.1,
        measurement: 0.05,
        welfare: 0.55,
        safetyResearch: 0.05,
        defence: 0.25,
      };
    case "max":
      return {
        enforcement: 0.35,
        measurement: 0.2,
        welfare: 0.2,
        safetyResearch: 0.1,
        defence: 0.15,
      };
    case "careful":
    case "sensible":
    case "technocrat":
      return {
        enforcement: 0.3,
        measurement: behaviour === "technocrat" ? 0.3 : 0.22,
        welfare: 0.2,
        safetyResearch: takeover > 35 ? 0.2 : 0.1,
        defence: misuse > 35 ? 0.25 : 0.12,
      };
  }
}

let offeredScenario: Scenario | null = null;
let offeredSet: ReadonlySet<RegulationId> = new Set();

/** The regulations a scenario offers, as a set kept for the last scenario asked about. */
function offeredIn(scenario: Scenario): ReadonlySet<RegulationId> {
  if (scenario !== offeredScenario) {
    offeredScenario = scenario;
    offeredSet = new Set(scenario.regulations);
  }
  return offeredSet;
}

/**
 * The laws a government proposes from what it wants, first wanted first: each at the
 * strongest strength any of its wants names, when it is not in force that strong or when
 * the optimiser has found `amendFrom` or more loopholes in the bloc's own law (an amendment
 * never weakens a law). Only the first `limit` are worked out: the moves left take no more.
 */
function lawsToPropose(
  view: BotView,
  scenario: Scenario,
  wants: readonly Want[],
  amendFrom: number,
  limit: number,
): Want[] {
  const pub = view.public;
  const bloc = (view.self as GovernmentPrivate).bloc;
  const offered = offeredIn(scenario);
  const seen: RegulationId[] = [];
  const order: Want[] = [];
  for (let i = 0; i < wants.length && order.length < limit; i++) {
    const w = wants[i]!;
    if (seen.includes(w.reg) || !offered.has(w.reg)) continue;
    const open = pub.proposals.some(
      (p) => p.status === "open" && p.reg === w.reg && p.proposer === view.seat,
    );
    if (open) continue;
    const current = inForce(pub, bloc, w.reg);
    // The strongest strength wanted for this law, from every entry that names it (this is the
    // first: an earlier one would have been taken, or skipped for a reason that skips this one).
    let strength = current;
    for (let j = i; j < wants.length; j++) {
      const x = wants[j]!;
      if (x.reg === w.reg) strength = Math.max(strength, x.strength);
    }
    seen.push(w.reg);
    if (current < strength || loopholesIn(pub, bloc, w.reg) >= amendFrom)
      order.push({ reg: w.reg, strength });
  }
  return order;
}

export function governmentActions(
  view: BotView,
  scenario: Scenario,
  behaviour: GovernmentBehaviour,
): Action[] {
  const self = view.self as GovernmentPrivate;
  const pub = view.public;
  const actions: Action[] = [];
  if (pub.phase === "act") {
    actions.push({ type: "setStrategy", sliders: sliders(self, behaviour) });
    let moves = view.movesLeft;
    if (behaviour === "populist" && Math.abs(self.taxRate - 0.18) > 0.01 && moves > 0) {
      actions.push({ type: "setTax", rate: 0.18 });
      moves--;
    }
    const careful =
      behaviour === "sensible" || behaviour === "careful" || behaviour === "technocrat";
    // The governments that keep their laws up to date; they also act on a warning that
    // cannot wait for a law, with an emergency measure against the worst risk.
    const keeps = careful || behaviour === "max";
    // The first of the largest estimates (what indexOf of their Math.max finds).
    let worst = 0;
    for (let a = 1; a < self.riskEstimates.length; a++)
      if (self.riskEstimates[a]! > self.riskEstimates[worst]!) worst = a;
    const emergencyFrom = careful ? EMERGENCY_FROM : MAX_EMERGENCY_FROM;
    if (keeps && moves > 0 && self.riskEstimates[worst]! >= emergencyFrom) {
      actions.push({ type: "emergencyMeasure", attractor: ATTRACTORS[worst]! });
      moves--;
    }
    const amendFrom = keeps ? AMEND_FROM : Number.POSITIVE_INFINITY;
    const wants = moves > 0 ? wantsFor(view, self, behaviour) : [];
    for (const w of lawsToPropose(view, scenario, wants, amendFrom, moves)) {
      // A moratorium only bites as an accord; everything else is passed at home.
      const accord = w.reg === "moratorium";
      actions.push({ type: "propose", regulation: w.reg, strength: w.strength, accord });
      moves--;
    }
  } else if (pub.phase === "legislate") {
    const wants = wantsFor(view, self, behaviour);
    for (const p of pub.proposals) {
      if (p.status !== "open") continue;
      if (p.accord || p.proposer === view.seat) {
        const wanted = wants.some((w) => w.reg === p.reg);
        const yes = p.kind === "enact" ? wanted : !wanted;
        actions.push({ type: "vote", proposal: p.uid, yes });
      }
    }
  }
  return actions;
}
