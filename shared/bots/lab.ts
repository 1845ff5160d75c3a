/**
 * AI lab bots. A `racer` pours research into capability and deploys agents as soon as it
 * can; a `safety-first` lab spends heavily on alignment and releases in stages; an
 * `open-weights` lab publishes its models. All lobby against rules that burden labs. Each is
 * tempted by what happens: a racer eases off for a round after a warning sign on misuse or
 * takeover, and a safety-first lab that falls far behind the frontier races to catch up.
 */
import type { Action } from "../actions";
import { assertNever } from "../assert";
import { REGULATIONS } from "../regulations";
import type { Scenario } from "../scenario";
import type { BotView, LabPrivate, PublicView } from "../views";
import type { LabPersonality } from "./personalities";
import { startTurn, warningHeard } from "./turn";

const LAB_BURDENS = new Set([
  "compute_licensing",
  "moratorium",
  "windfall_tax",
  "pre_deployment_evals",
  "liability",
  "open_release_restrictions",
]);

/** How far behind the frontier a safety-first lab is tempted to race. */
const BEHIND_BY = 12;

/** How many rules in force in a bloc hold labs' capability growth back hard. */
function heavyRules(pub: PublicView, bloc: number): number {
  return pub.regulations.filter(
    (r) => r.scope === bloc && r.ramp > 0 && (REGULATIONS[r.reg].capabilityDrag ?? 0) >= 0.2,
  ).length;
}

export function labActions(
  view: BotView,
  _scenario: Scenario,
  personality: LabPersonality,
): Action[] {
  const self = view.self as LabPrivate;
  const pub = view.public;
  const { actions, move } = startTurn(view.movesLeft);
  if (pub.phase === "act") {
    switch (personality) {
      case "racer":
        actions.push({
          type: "setStrategy",
          // A warning sign last round on the risks labs drive: even a racer eases off a round.
          sliders: warningHeard(pub, ["takeover", "misuse"])
            ? { capability: 0.5, safety: 0.3, product: 0.2 }
            : { capability: 0.72, safety: 0.08, product: 0.2 },
        });
        if (self.capability >= 45 && self.autonomy < 1) move({ type: "deployAgents" });
        if (pub.round % 3 === 1) move({ type: "pledge" });
        break;
      case "safety-first":
        actions.push({
          type: "setStrategy",
          // Far behind the frontier, a careful lab is tempted to race.
          sliders:
            pub.frontier - self.capability > BEHIND_BY
              ? { capability: 0.6, safety: 0.2, product: 0.2 }
              : { capability: 0.42, safety: 0.38, product: 0.2 },
        });
        if (self.release !== "staged") move({ type: "release", policy: "staged" });
        if (self.alignmentMargin > 20 && self.capability >= 60 && self.autonomy < 0.5)
          move({ type: "deployAgents" });
        if (pub.round % 2 === 0) move({ type: "pledge" });
        break;
      case "open-weights":
        actions.push({
          type: "setStrategy",
          sliders: { capability: 0.6, safety: 0.12, product: 0.28 },
        });
        if (self.release !== "open") move({ type: "release", policy: "open" });
        if (self.capability >= 60 && self.autonomy < 0.5) move({ type: "deployAgents" });
        break;
      default:
        assertNever(personality);
    }
    // License to a company without one.
    const firm = pub.firms.find((f) => f.licensedLab === null);
    if (firm && personality !== "safety-first") move({ type: "license", counterpart: firm.seat });
    // Move away from a bloc with heavy rules on labs when another bloc is free of them.
    if (personality === "racer" && self.relocateTo === null && heavyRules(pub, self.bloc) > 0) {
      const better = pub.blocs.findIndex((_, b) => b !== self.bloc && heavyRules(pub, b) === 0);
      if (better >= 0) move({ type: "relocate", bloc: better });
    }
  } else if (pub.phase === "legislate") {
    // Lobby against the first open proposal of a rule that burdens labs.
    const burden = pub.proposals.find(
      (p) => p.status === "open" && p.kind === "enact" && LAB_BURDENS.has(p.reg),
    );
    if (burden && personality !== "safety-first") {
      const gov = pub.seats.find((s) => s.id === burden.proposer)!;
      move({ type: "lobby", target: gov.id, stance: "against" });
    }
  }
  return actions;
}
