/**
 * An example bot (docs/BOTS.md): a government that measures first. It puts its budget into
 * measurement, proposes welfare statistics and pre-deployment evaluations (more as the
 * frontier grows and its own risk estimates rise) whenever the offers say it may propose,
 * and votes yes on its own proposals.
 *
 *   npm run selfplay -- --games 50 --seed 1 --bot government=docs/examples/measure-first-government.ts
 */
import type { Action } from "../../shared/actions";
import type { Policy } from "../../shared/bots/policy";
import type { RegulationId } from "../../shared/regulations";

/** A number in [0, 1) from the seat and the round: the bot's only "randomness" (FNV-1a). */
function noise(seat: string, round: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${seat}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

const measureFirst: Policy = (view, rules) => {
  const self = view.self;
  if (self.role !== "government") return [];
  const pub = view.public;
  const offers = rules.offers();
  const actions: Action[] = [];

  if (pub.phase === "act") {
    // Sliders share one budget (the rules normalise them); a little seat-and-round jitter.
    const jitter = 0.04 * noise(view.seat, pub.round);
    actions.push({
      type: "setStrategy",
      sliders: {
        enforcement: 0.25,
        measurement: 0.33 + jitter,
        welfare: 0.2,
        safetyResearch: 0.14,
        defence: 0.08,
      },
    });
    const [misuse = 0, , , takeover = 0] = self.riskEstimates;
    const wants: [RegulationId, number, boolean][] = [
      ["welfare_statistics", 2, true],
      ["pre_deployment_evals", 2, pub.frontier > 30 || takeover > 25],
      ["welfare_statistics", 3, pub.round >= 3],
      ["safety_institute", 2, pub.frontier > 45 || takeover > 30],
      ["biosecurity", 2, misuse > 35],
      ["pre_deployment_evals", 3, takeover > 45],
    ];
    const legal = offers.propose.options?.regulation ?? [];
    let moves = view.movesLeft;
    for (const [regulation, strength, when] of wants) {
      if (!offers.propose.enabled || moves === 0) break;
      if (!when || !legal.includes(regulation)) continue;
      // One proposal of a regulation at a time: the rules refuse a second one.
      if (actions.some((a) => a.type === "propose" && a.regulation === regulation)) continue;
      const action: Action = { type: "propose", regulation, strength, accord: false };
      if (rules.check(action) !== null) continue; // on the table or in force already
      actions.push(action);
      moves--;
    }
  } else if (pub.phase === "legislate" && offers.vote.enabled) {
    const open = offers.vote.options?.proposal ?? [];
    for (const p of pub.proposals) {
      if (!open.includes(p.uid)) continue;
      // Yes to its own proposals; to others' accords, yes only to measurement.
      const yes =
        p.proposer === view.seat || (p.kind === "enact" && p.reg === "welfare_statistics");
      actions.push({ type: "vote", proposal: p.uid, yes });
    }
  }
  return actions;
};

export default measureFirst;
