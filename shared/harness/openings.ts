/**
 * Fixed openings (DESIGN.md section 10, target 6): both governments propose the same at most
 * two regulations of the scenario (each at any strength, national or as an accord) in round 1,
 * vote yes on their own and on accord proposals in that round's Legislate, and do nothing
 * else all game (not even a strategy: their sliders stay where the game starts them). The
 * harness plays every such opening to show that none solves the game.
 */
import type { Action } from "../actions";
import type { Policy } from "../bots/policy";
import type { RegulationId } from "../regulations";
import type { Scenario } from "../scenario";

export interface OpeningProposal {
  readonly regulation: RegulationId;
  readonly strength: number;
  readonly accord: boolean;
}

/** Nothing, one proposal, or two proposals of different regulations. */
export type Opening = readonly OpeningProposal[];

/** DESIGN.md section 10, target 6: the share of bad endings every opening must keep. */
export const OPENING_BAD_FLOOR = 0.15;

const STRENGTHS = [1, 2, 3] as const;

/** Every opening of at most two regulations of the scenario, the empty one first. */
export function enumerateOpenings(scenario: Scenario): Opening[] {
  const singles: OpeningProposal[] = [];
  for (const regulation of scenario.regulations)
    for (const strength of STRENGTHS)
      for (const accord of [false, true]) singles.push({ regulation, strength, accord });
  const out: Opening[] = [[]];
  for (const p of singles) out.push([p]);
  for (let i = 0; i < singles.length; i++)
    for (let j = i + 1; j < singles.length; j++)
      if (singles[i]!.regulation !== singles[j]!.regulation) out.push([singles[i]!, singles[j]!]);
  return out;
}

export function openingLabel(opening: Opening): string {
  if (opening.length === 0) return "nothing";
  return opening
    .map((p) => `${p.regulation} ${p.strength}${p.accord ? " accord" : ""}`)
    .join(" + ");
}

/** A government that plays the opening and nothing else. */
export function openingPolicy(opening: Opening): Policy {
  return (view) => {
    const pub = view.public;
    if (pub.round !== 1) return [];
    if (pub.phase === "act")
      return opening.map(
        (p): Action => ({
          type: "propose",
          regulation: p.regulation,
          strength: p.strength,
          accord: p.accord,
        }),
      );
    if (pub.phase !== "legislate") return [];
    return pub.proposals
      .filter((p) => p.status === "open" && (p.accord || p.proposer === view.seat))
      .map((p): Action => ({ type: "vote", proposal: p.uid, yes: true }));
  };
}
