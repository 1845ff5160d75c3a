/**
 * Simple fixed policies for one seat (DESIGN.md section 10, target 9): a grid over a role's
 * sliders and move habits, searched against mixed bots for the best response.
 *
 * - A lab sets its research sliders (a point of a grid over the budget's shares), keeps one
 *   release policy (closed, staged or open) and either deploys autonomous agents whenever it
 *   can or never does; nothing else.
 * - A company scales the levers a greedy firm would choose (its profit optimum from public
 *   numbers) by a factor, sets its R&D, evades the strongest rule that penalises it or never
 *   evades, and licenses a model as every company bot does.
 * - A government sets its budget sliders (a grid point) and legislates sensibly (the
 *   sensible bot's moves), never, or everything at full strength (the `max` bot's moves).
 */
import type { Action } from "../actions";
import { type Policy, personalityPolicy } from "../bots/policy";
import type { CompanyPrivate, LabPrivate } from "../views";
import { LEVERS, RELEASE_POLICIES, type ReleasePolicy, type Role, SLIDERS } from "../vocabulary";

export const LAWS = ["sensible", "never", "everything"] as const;
export type Law = (typeof LAWS)[number];

export type Response =
  | {
      readonly role: "lab";
      /** Shares of capability, safety and product research (SLIDERS.lab order). */
      readonly sliders: readonly number[];
      readonly release: ReleasePolicy;
      readonly agents: boolean;
    }
  | {
      readonly role: "company";
      /** Factor on a greedy firm's levers (capped at 1 per lever). */
      readonly scale: number;
      readonly rnd: number;
      readonly evade: boolean;
    }
  | {
      readonly role: "government";
      /** Budget shares in SLIDERS.government order. */
      readonly sliders: readonly number[];
      readonly law: Law;
    };

/** Every way to split `units` whole steps among `parts` sliders, as shares. */
function simplex(parts: number, units: number): number[][] {
  if (parts === 1) return [[1]];
  const out: number[][] = [];
  const rec = (prefix: number[], left: number) => {
    if (prefix.length === parts - 1) {
      out.push([...prefix, left].map((u) => u / units));
      return;
    }
    for (let u = left; u >= 0; u--) rec([...prefix, u], left - u);
  };
  rec([], units);
  return out;
}

const COMPANY_SCALES = [0, 0.25, 0.5, 0.75, 1, 1.5];
const COMPANY_RND = [0, 0.25, 0.5];

/** The grid for a role: `units` steps per budget (5: steps of 0.2); coarse grids for tests. */
export function responseGrid(role: Role, units = 5): Response[] {
  const grid: Response[] = [];
  switch (role) {
    case "lab":
      for (const sliders of simplex(SLIDERS.lab.length, units))
        for (const release of RELEASE_POLICIES)
          for (const agents of [false, true]) grid.push({ role, sliders, release, agents });
      break;
    case "company": {
      const scales = units >= 5 ? COMPANY_SCALES : [0, 0.5, 1, 1.5];
      const rnds = units >= 5 ? COMPANY_RND : [0, 0.5];
      for (const scale of scales)
        for (const rnd of rnds)
          for (const evade of [false, true]) grid.push({ role, scale, rnd, evade });
      break;
    }
    case "government":
      for (const sliders of simplex(SLIDERS.government.length, units))
        for (const law of LAWS) grid.push({ role, sliders, law });
      break;
  }
  const { reckless, careful } = extremes(role);
  for (const r of [reckless, careful])
    if (!grid.some((g) => responseLabel(g) === responseLabel(r))) grid.push(r);
  return grid;
}

/**
 * The most reckless and the most careful policy of a role's grid, as judged by what each
 * choice does to the world (not to the seat's score):
 * - lab: reckless is all research on capability, open weights and agents deployed; careful is
 *   all research on safety, closed releases and no agents;
 * - company: reckless pushes every lever 1.5 times past a greedy firm's optimum with no R&D
 *   and evades; careful sets every lever to 0, spends on genuine R&D and never evades;
 * - government: reckless never legislates and puts its whole budget into welfare spending
 *   (nothing on enforcement, measurement, safety research or defence); careful passes
 *   everything and splits its budget among enforcement (0.4), measurement, safety research
 *   and defence (0.2 each).
 */
export function extremes(role: Role): { reckless: Response; careful: Response } {
  switch (role) {
    case "lab":
      return {
        reckless: { role, sliders: [1, 0, 0], release: "open", agents: true },
        careful: { role, sliders: [0, 1, 0], release: "closed", agents: false },
      };
    case "company":
      return {
        reckless: { role, scale: 1.5, rnd: 0, evade: true },
        careful: { role, scale: 0, rnd: 0.5, evade: false },
      };
    case "government":
      return {
        reckless: { role, sliders: [0, 0, 1, 0, 0], law: "never" },
        careful: { role, sliders: [0.4, 0.2, 0, 0.2, 0.2], law: "everything" },
      };
  }
}

const share = (x: number) => x.toFixed(1).replace(/^0\./, ".");

export function responseLabel(r: Response): string {
  switch (r.role) {
    case "lab":
      return `lab ${SLIDERS.lab.map((n, i) => `${n.slice(0, 3)} ${share(r.sliders[i]!)}`).join(" ")}, ${r.release}${r.agents ? ", agents" : ""}`;
    case "company":
      return `company levers x${r.scale}, R&D ${r.rnd}${r.evade ? ", evades" : ""}`;
    case "government":
      return `government ${SLIDERS.government.map((n, i) => `${n.slice(0, 4)} ${share(r.sliders[i]!)}`).join(" ")}, ${r.law}`;
  }
}

function sliderRecord(names: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? 0]));
}

const greedy = personalityPolicy("greedy");
const LAW_BOT: Record<Law, Policy> = {
  sensible: personalityPolicy("sensible"),
  never: personalityPolicy("none"),
  everything: personalityPolicy("max"),
};

/** The policy a grid point describes. */
export function responsePolicy(r: Response): Policy {
  switch (r.role) {
    case "lab":
      return (view) => {
        if (view.public.phase !== "act") return [];
        const self = view.self as LabPrivate;
        const actions: Action[] = [
          { type: "setStrategy", sliders: sliderRecord(SLIDERS.lab, r.sliders) },
        ];
        let moves = view.movesLeft;
        if (self.release !== r.release && moves > 0) {
          actions.push({ type: "release", policy: r.release });
          moves--;
        }
        if (r.agents && self.autonomy < 1 && moves > 0) actions.push({ type: "deployAgents" });
        return actions;
      };
    case "company":
      return (view, rules) => {
        if (view.public.phase !== "act") return [];
        const self = view.self as CompanyPrivate;
        const base = greedy(view, rules).find((a) => a.type === "setStrategy");
        const optimum = base?.type === "setStrategy" ? base.sliders : {};
        const sliders: Record<string, number> = { rnd: r.rnd };
        for (const l of LEVERS) sliders[l] = Math.min(1, r.scale * (optimum[l] ?? 0));
        const actions: Action[] = [{ type: "setStrategy", sliders }];
        let moves = view.movesLeft;
        if (r.evade && moves > 0) {
          const offer = rules.offers().evade;
          const uids = offer.enabled ? (offer.options?.regulation ?? []) : [];
          const strongest = view.public.regulations
            .filter((reg) => uids.includes(reg.uid))
            .sort((a, b) => b.strength - a.strength || a.uid - b.uid)[0];
          if (strongest) {
            actions.push({ type: "evade", regulation: strongest.uid });
            moves--;
          }
        }
        if (self.licensedLab === null && view.public.labs.length > 0 && moves > 0) {
          const lab = view.public.labs.reduce((a, b) => (b.capability > a.capability ? b : a));
          actions.push({ type: "license", counterpart: lab.seat });
        }
        return actions;
      };
    case "government":
      return (view, rules) =>
        LAW_BOT[r.law](view, rules).map((a) =>
          a.type === "setStrategy"
            ? { type: "setStrategy", sliders: sliderRecord(SLIDERS.government, r.sliders) }
            : a,
        );
  }
}
