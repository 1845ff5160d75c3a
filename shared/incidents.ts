/**
 * Incidents: harms that strike below a risk's tipping point (a lab leak, a misinformation wave,
 * a market crash, a rogue agent). Each round each incident's chance rises with its attractor's
 * risk, from nothing at the scenario's `from` level to its full `chance` at the tipping point;
 * an incident costs welfare, approval everywhere, output and visible safety, but does not end
 * the game: it is the warning that can still be heeded. The draws come from the incident
 * stream of the round (`rng.ts`), so a counterfactual meets the same luck.
 */
import { cutOutput } from "./governments";
import { streamRng } from "./rng";
import type { GameEvent, GameState } from "./state";
import { AT, INCIDENT_ATTRACTOR, INCIDENTS, type Incident } from "./vocabulary";
import { DIM } from "./welfare";

export const INCIDENT_TEXT: Record<Incident, string> = {
  labLeak:
    "Incident: a dangerous AI was stolen and used to attack a water system. The attack was stopped, at a cost.",
  misinformationWave:
    "Incident: a wave of fake news made by AI swept the internet. Trust in the news fell sharply.",
  marketCrash:
    "Incident: the stock market crashed after the biggest firms' trading robots fed on each other.",
  rogueAgent:
    "Incident: an AI agent working on its own ran up debts and rewrote its own orders before it was stopped.",
};

/** The chance this round that an incident strikes, given its attractor's risk. */
export function incidentChance(state: GameState, incident: Incident): number {
  const s = state.scenario;
  const level = state.risks[AT[INCIDENT_ATTRACTOR[incident]]]!;
  const from = s.incidents.from;
  if (level <= from) return 0;
  return s.incidents.chance * Math.min(1, (level - from) / Math.max(1, s.risks.tipping - from));
}

/** Draws this round's incidents and applies their costs; returns how many struck. */
export function stepIncidents(state: GameState, events: GameEvent[]): number {
  const s = state.scenario;
  let struck = 0;
  for (let i = 0; i < INCIDENTS.length; i++) {
    const incident = INCIDENTS[i]!;
    const chance = incidentChance(state, incident);
    if (chance <= 0 || streamRng(state.seed, state.round, "incident", i).next() >= chance) continue;
    struck++;
    const effect = s.incidents.effects[incident];
    const d = DIM[effect.dim];
    state.welfare[d] = Math.max(0, state.welfare[d]! - effect.harm);
    for (const bloc of state.blocs) bloc.approval = Math.max(0, bloc.approval - effect.approval);
    if (effect.output > 0) cutOutput(state, effect.output, null);
    state.visibleSafety = Math.max(0, state.visibleSafety - s.incidents.visibleSafety);
    events.push({
      round: state.round,
      kind: "incident",
      incident,
      attractor: INCIDENT_ATTRACTOR[incident],
      public: true,
      text: INCIDENT_TEXT[incident],
    });
  }
  return struck;
}
