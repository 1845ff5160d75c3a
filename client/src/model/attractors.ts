/**
 * How the client presents the four catastrophic attractors and the valley of flourishing:
 * label, colour (Okabe–Ito, colour-blind safe), icon, hatch pattern, and the plain words of
 * DESIGN.md section 4.5 on what drives each; what holds it back comes from the regulation
 * catalogue (`heldBackBy`).
 */
import { holdersOf, REGULATIONS } from "../../../shared/regulations";
import type { PublicView } from "../../../shared/views";
import { ATTRACTOR_LABEL, type Attractor } from "../../../shared/vocabulary";

export interface AttractorInfo {
  readonly id: Attractor;
  readonly label: string;
  readonly short: string;
  readonly colour: string;
  readonly icon: string;
  /** Hatch pattern name, so colour is never the only cue. */
  readonly pattern: "dots" | "stripes" | "cross" | "waves";
  readonly drivenBy: string;
  readonly tipping: string;
}

export const ATTRACTOR_INFO: Record<Attractor, AttractorInfo> = {
  misuse: {
    id: "misuse",
    label: ATTRACTOR_LABEL.misuse,
    short: "Misuse",
    colour: "#D55E00",
    icon: "hazard",
    pattern: "dots",
    drivenBy: "dangerous AI released openly, weak defences",
    tipping: "more capable bad actors find more recipes for ruin",
  },
  centralisation: {
    id: "centralisation",
    label: ATTRACTOR_LABEL.centralisation,
    short: "Centralisation",
    colour: "#CC79A7",
    icon: "crown",
    pattern: "stripes",
    drivenBy: "big firms buying up the rest, one lab far ahead, lobbying, emergency powers",
    tipping: "the dominant actor's lobbying blocks the laws that would check it",
  },
  goodhart: {
    id: "goodhart",
    // "Goodhart lock-in" in plain words (the glossary explains the name).
    label: "Numbers trap",
    short: "Numbers trap",
    colour: "#E69F00",
    icon: "target",
    pattern: "waves",
    drivenBy:
      "letting AI decide, apps that grab attention, the economy score growing while well-being falls",
    tipping: "when people no longer decide for themselves, every law works less well",
  },
  takeover: {
    id: "takeover",
    label: ATTRACTOR_LABEL.takeover,
    short: "Takeover",
    colour: "#56B4E9",
    icon: "chip",
    pattern: "cross",
    drivenBy: "AI power growing faster than safety work, AI agents left to run alone, racing",
    tipping: "unsafe AI fights human control and speeds up",
  },
};

/**
 * What holds an attractor back in this game, from the regulation catalogue (the scenario's
 * regulations whose `hold` on it is positive, strongest first), in plain words.
 */
export function heldBackBy(attractor: Attractor, pub: PublicView): string {
  const names = holdersOf(attractor, pub.regulationsAvailable).map((id) => REGULATIONS[id].name);
  return names.length > 0 ? names.join(", ") : "no regulation in this scenario";
}

export const VALLEY = {
  label: "Valley of flourishing",
  colour: "#009E73",
  explain:
    "The wide, shallow valley where the economy and well-being grow together. The world starts near it. As AI grows stronger, the ground tilts toward the traps.",
};

/** Colours for the two lines everyone compares: the proxy and welfare. */
export const SERIES_COLOUR = {
  proxy: "#E69F00",
  welfare: "#56B4E9",
  trueWelfare: "#009E73",
  counterfactual: "#CC79A7",
} as const;

export const ROLE_COLOUR = {
  government: "#56B4E9",
  lab: "#CC79A7",
  company: "#E69F00",
} as const;
