/**
 * Bot personalities per role, and the government policies the self-play harness can force.
 */
import type { Role } from "../vocabulary";

export const GOVERNMENT_PERSONALITIES = [
  "careful",
  "populist",
  "technocrat",
  "laissez-faire",
] as const;
export const LAB_PERSONALITIES = ["racer", "safety-first", "open-weights"] as const;
export const COMPANY_PERSONALITIES = ["greedy", "cautious", "consolidator"] as const;

/** Forced government behaviours for the harness: `sensible` is the bots' best judgement. */
export const GOVERNMENT_POLICIES = ["none", "sensible", "max", "theatre", "mixed"] as const;
export type GovernmentPolicy = (typeof GOVERNMENT_POLICIES)[number];

export type GovernmentBehaviour =
  | (typeof GOVERNMENT_PERSONALITIES)[number]
  | "none"
  | "sensible"
  | "max"
  | "theatre";
export type LabPersonality = (typeof LAB_PERSONALITIES)[number];
export type CompanyPersonality = (typeof COMPANY_PERSONALITIES)[number];
export type Personality = GovernmentBehaviour | LabPersonality | CompanyPersonality;

export const PERSONALITIES: Record<Role, readonly Personality[]> = {
  government: GOVERNMENT_PERSONALITIES,
  lab: LAB_PERSONALITIES,
  company: COMPANY_PERSONALITIES,
};

export const PERSONALITY_LABEL: Record<Personality, string> = {
  careful: "Careful",
  populist: "Populist",
  technocrat: "Technocrat",
  "laissez-faire": "Laissez-faire",
  none: "Never legislates",
  sensible: "Sensible",
  max: "Regulates everything",
  theatre: "Security theatre",
  racer: "Racer",
  "safety-first": "Safety-first",
  "open-weights": "Open-weights",
  greedy: "Greedy",
  cautious: "Cautious",
  consolidator: "Consolidator",
};

export function isPersonalityFor(role: Role, p: string): p is Personality {
  if (role === "government") {
    return (
      (GOVERNMENT_PERSONALITIES as readonly string[]).includes(p) ||
      ["none", "sensible", "max", "theatre"].includes(p)
    );
  }
  return (PERSONALITIES[role] as readonly string[]).includes(p);
}
