/**
 * The game's vocabulary as data: every list of names the rules switch over is an `as const`
 * table here, and the union types are derived from it, so adding a case breaks the build
 * wherever it must be handled.
 */

export const ROLES = ["government", "lab", "company"] as const;
export type Role = (typeof ROLES)[number];

export const PHASES = ["news", "act", "legislate", "resolve", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/** The market's levers, each in [0, 1]. Order matters: arrays of lever values use it. */
export const LEVERS = [
  "automation",
  "externalisation",
  "engagement",
  "consolidation",
  "delegation",
] as const;
export type Lever = (typeof LEVERS)[number];

/** Hidden welfare dimensions, each 0–100. */
export const WELFARE_DIMS = [
  "environment",
  "livelihoods",
  "information",
  "equality",
  "agency",
  "health",
  "security",
] as const;
export type WelfareDim = (typeof WELFARE_DIMS)[number];

export const ATTRACTORS = ["misuse", "centralisation", "goodhart", "takeover"] as const;
export type Attractor = (typeof ATTRACTORS)[number];

/**
 * Incidents: harms that strike below a risk's tipping point, with real costs but without
 * ending the game (the warnings of DESIGN 4.5 v2). Each belongs to one attractor.
 */
export const INCIDENTS = ["labLeak", "misinformationWave", "marketCrash", "rogueAgent"] as const;
export type Incident = (typeof INCIDENTS)[number];

export const INCIDENT_ATTRACTOR: Record<Incident, Attractor> = {
  labLeak: "misuse",
  marketCrash: "centralisation",
  misinformationWave: "goodhart",
  rogueAgent: "takeover",
};

export const INCIDENT_LABEL: Record<Incident, string> = {
  labLeak: "Lab leak",
  misinformationWave: "Misinformation wave",
  marketCrash: "Market crash",
  rogueAgent: "Rogue AI agent",
};

/**
 * Which labs a crisis (an inject, `injects.ts`) changes: every lab, the leading lab (the one
 * with the most capability; the first in seat order on a tie), or every lab but the leader.
 */
export const INJECT_LABS = ["all", "leader", "others"] as const;
export type InjectLabs = (typeof INJECT_LABS)[number];

export const ENDINGS = [
  "misuse",
  "centralisation",
  "goodhart_lockin",
  "takeover",
  "flourishing",
  "muddling",
  "dystopia",
] as const;
export type Ending = (typeof ENDINGS)[number];

export const RELEASE_POLICIES = ["closed", "staged", "open"] as const;
export type ReleasePolicy = (typeof RELEASE_POLICIES)[number];

/** The strategy sliders of each role, by name. */
export const SLIDERS = {
  government: ["enforcement", "measurement", "welfare", "safetyResearch", "defence"],
  lab: ["capability", "safety", "product"],
  company: [...LEVERS, "rnd"],
} as const satisfies Record<Role, readonly string[]>;
export type SliderName<R extends Role> = (typeof SLIDERS)[R][number];

/** Whether a role's sliders share one budget (they are normalised to sum to 1). */
export const SLIDERS_SHARE_BUDGET: Record<Role, boolean> = {
  government: true,
  lab: true,
  company: false,
};

export const ROLE_LABEL: Record<Role, string> = {
  government: "Government",
  lab: "AI lab",
  company: "Company",
};

export const ATTRACTOR_LABEL: Record<Attractor, string> = {
  misuse: "Misuse catastrophe",
  centralisation: "Centralisation of power",
  goodhart: "Goodhart lock-in",
  takeover: "AI takeover",
};

export const ENDING_LABEL: Record<Ending, string> = {
  misuse: "Misuse catastrophe",
  centralisation: "Centralisation of power",
  goodhart_lockin: "Goodhart lock-in",
  takeover: "AI takeover",
  flourishing: "Flourishing",
  muddling: "Muddling through",
  dystopia: "Goodhart dystopia",
};

export function isCatastrophe(ending: Ending): boolean {
  switch (ending) {
    case "misuse":
    case "centralisation":
    case "goodhart_lockin":
    case "takeover":
      return true;
    case "flourishing":
    case "muddling":
    case "dystopia":
      return false;
  }
}

export function endingOfAttractor(a: Attractor): Ending {
  switch (a) {
    case "misuse":
      return "misuse";
    case "centralisation":
      return "centralisation";
    case "goodhart":
      return "goodhart_lockin";
    case "takeover":
      return "takeover";
  }
}

export const MAX_MOVES_PER_ROUND = 2;

/** Each name's position in its list: arrays of per-name values are read by name, never by a literal. */
function positions<const T extends readonly string[]>(
  names: T,
): { readonly [K in T[number]]: number } {
  return Object.fromEntries(names.map((n, i) => [n, i])) as { readonly [K in T[number]]: number };
}

/** Where each attractor's value stands in per-attractor arrays (risks, holds, estimates). */
export const AT = positions(ATTRACTORS);
/** Where each lever's value stands in per-lever arrays (levers, theta). */
export const LV = positions(LEVERS);
/** Where each government slider stands in a government's sliders. */
export const GOV = positions(SLIDERS.government);
