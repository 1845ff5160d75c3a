/**
 * Company bots. Each sets its firm's levers near the profit optimum it can compute from public
 * numbers (pressure, the scenario's gains, the penalties in force). A `greedy` firm goes all
 * the way, evades rules that cost it most and lobbies against new ones; a `cautious` firm
 * holds back and spends on R&D; a `consolidator` buys rivals whenever it can, except in a
 * round after a warning sign of concentrated power.
 */
import type { Action } from "../actions";
import { leverGains, optimalLevers, rndGain } from "../market";
import { compiledSpec } from "../policy";
import { REGULATIONS } from "../regulations";
import type { Scenario } from "../scenario";
import type { BotView, CompanyPrivate } from "../views";
import { LEVERS } from "../vocabulary";
import type { CompanyPersonality } from "./personalities";
import { startTurn, warningHeard } from "./turn";

const NL = LEVERS.length;

/** Scratch for one decision's penalties, harm prices and lever gains (read only by the optimiser). */
const penaltyBuf = new Array<number>(NL).fill(0);
const pricesBuf = new Array<number>(NL).fill(0);
const gainsBuf = new Array<number>(NL).fill(0);

export function companyActions(
  view: BotView,
  scenario: Scenario,
  personality: CompanyPersonality,
): Action[] {
  const self = view.self as CompanyPrivate;
  const pub = view.public;
  const { actions, move } = startTurn(view.movesLeft);
  if (pub.phase === "act") {
    // The penalties this firm faces: public rules in force here, at their published ramp.
    const penalty = penaltyBuf.fill(0);
    for (const r of pub.regulations) {
      if (r.scope !== self.bloc && r.scope !== "accord") continue;
      if (self.evading.includes(r.uid)) continue;
      const rule = compiledSpec(r.reg).penalty;
      for (let l = 0; l < NL; l++)
        penalty[l]! += (rule ? rule[l]! : 0) * (r.strength / 3) * r.ramp * 0.6;
    }
    // Harm on a dimension this bloc measures is priced: a rough public estimate of that price.
    const measured = pub.blocs[self.bloc]?.measured ?? [];
    const w = scenario.welfare;
    const prices = pricesBuf;
    for (let l = 0; l < NL; l++)
      prices[l] = measured.includes(w.leverHarm[l]!)
        ? 0.3 * (1 - w.harmShift) * w.harmScale[l]!
        : 0;
    const gains = leverGains(scenario, self.sector, pub.pressure, gainsBuf);
    const best = optimalLevers(
      scenario,
      gains,
      rndGain(scenario, pub.pressure),
      penalty,
      prices,
    ).levers;
    const sliders: Record<string, number> = {};
    const scale = personality === "cautious" ? 0.55 : 1;
    LEVERS.forEach((l, i) => {
      sliders[l] = Math.min(1, best[i]! * scale);
    });
    // A warning sign of concentrated power heard last round holds a consolidator back a round.
    const buying = personality === "consolidator" && !warningHeard(pub, ["centralisation"]);
    if (buying) sliders.consolidation = Math.min(1, best[3]! * 1.3 + 0.1);
    sliders.rnd = personality === "cautious" ? 0.4 : 0.12;
    actions.push({ type: "setStrategy", sliders });
    if (buying && self.cash >= scenario.companies.acquireCost) move({ type: "acquire" });
    if (personality === "greedy") {
      // Evade the in-force rule with the largest penalty on this firm's levers.
      const target = pub.regulations
        .filter(
          (r) =>
            (r.scope === self.bloc || r.scope === "accord") &&
            r.ramp > 0 &&
            REGULATIONS[r.reg].penalty &&
            !self.evading.includes(r.uid),
        )
        .sort((a, b) => b.strength - a.strength)[0];
      if (target) move({ type: "evade", regulation: target.uid });
    }
    if (personality === "cautious") {
      for (const uid of self.evading) move({ type: "comply", regulation: uid });
    }
    if (self.licensedLab === null && pub.labs.length > 0) {
      const lab = pub.labs.reduce((a, b) => (b.capability > a.capability ? b : a));
      move({ type: "license", counterpart: lab.seat });
    }
  } else if (pub.phase === "legislate" && personality !== "cautious") {
    const burden = pub.proposals.find(
      (p) => p.status === "open" && p.kind === "enact" && REGULATIONS[p.reg].penalty !== undefined,
    );
    if (burden) move({ type: "lobby", target: burden.proposer, stance: "against" });
  }
  return actions;
}
