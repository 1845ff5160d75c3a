/**
 * A seat's dashboard as data: its strategy sliders (with whether they share a budget), the
 * moves it may make this phase with their fields and effects, and the figures it can know.
 * The DOM renders this and turns the player's choices back into an `Action` with
 * `moveAction`. No rules are decided here beyond what to offer; the server's rules decide.
 */
import type { Action } from "../../../shared/actions";
import { TAX_MAX, TAX_MIN } from "../../../shared/actions";
import { FAMILY_LABEL, REGULATION_IDS, REGULATIONS } from "../../../shared/regulations";
import type { PublicView, SeatView } from "../../../shared/views";
import {
  ATTRACTORS,
  RELEASE_POLICIES,
  type Role,
  SLIDERS,
  SLIDERS_SHARE_BUDGET,
} from "../../../shared/vocabulary";
import { ATTRACTOR_INFO } from "./attractors";
import { num, pct } from "./format";

export interface SliderSpec {
  readonly name: string;
  readonly label: string;
  readonly help: string;
  readonly value: number;
}

export interface StrategySpec {
  readonly role: Role;
  readonly sharesBudget: boolean;
  readonly sliders: SliderSpec[];
  readonly help: string;
}

const SLIDER_TEXT: Record<string, { label: string; help: string }> = {
  enforcement: {
    label: "Enforcement",
    help: "Makes the laws in force bite. Unenforced law is weak law.",
  },
  measurement: {
    label: "Measurement",
    help: "Shrinks the noise in your welfare and risk estimates (they are reported a year late).",
  },
  welfare: {
    label: "Safety nets & public investment",
    help: "Helps welfare recover and raises approval.",
  },
  safetyResearch: {
    label: "Public AI-safety research",
    help: "Adds to every lab's alignment research.",
  },
  defence: { label: "Defence", help: "Biosecurity and cyber defence: holds back misuse." },
  capability: {
    label: "Capability research",
    help: "Raises your capability and lead. The frontier sets the optimisation pressure on the whole economy.",
  },
  safety: {
    label: "Safety research",
    help: "Raises alignment, so capability does not outrun it (the takeover risk).",
  },
  product: { label: "Product & deployment", help: "Revenue now, which is part of your score." },
  automation: { label: "Automation", help: "More output and profit; harms livelihoods." },
  externalisation: {
    label: "Externalisation",
    help: "Pushes costs onto the environment: cheap output, harms the environment.",
  },
  engagement: {
    label: "Engagement",
    help: "Attention extraction: profitable; harms information integrity, feeds Goodhart lock-in.",
  },
  consolidation: {
    label: "Consolidation",
    help: "Scale and acquisitions: profitable; harms equality, feeds centralisation of power.",
  },
  delegation: {
    label: "Delegation to AI",
    help: "Hands decisions to AI systems: efficient; erodes human agency, feeds Goodhart lock-in and takeover.",
  },
  rnd: {
    label: "Genuine R&D",
    help: "Slower, honest growth that raises health & abundance.",
  },
};

export function sliderText(name: string): { label: string; help: string } {
  return SLIDER_TEXT[name] ?? { label: name, help: "" };
}

function sliderValues(view: SeatView): number[] {
  const self = view.self;
  switch (self.role) {
    case "government":
      return self.sliders;
    case "lab":
      return self.sliders;
    case "company":
      return [...self.levers, self.rnd];
  }
}

export function strategyOf(view: SeatView): StrategySpec {
  const role = view.self.role;
  const values = sliderValues(view);
  const shares = SLIDERS_SHARE_BUDGET[role];
  return {
    role,
    sharesBudget: shares,
    help: shares
      ? "These sliders share one budget: raising one lowers the others."
      : "Each lever is set on its own, from 0 (off) to 100% (flat out). The market's other firms set theirs by chasing profit.",
    sliders: SLIDERS[role].map((name, i) => ({ name, ...sliderText(name), value: values[i] ?? 0 })),
  };
}

/**
 * Sets one slider of a shared budget and rescales the others so the total stays 1; when the
 * others are all zero they share what is left equally.
 */
export function rebalance(values: readonly number[], index: number, value: number): number[] {
  const v = Math.max(0, Math.min(1, value));
  const rest = values.reduce((a, x, i) => (i === index ? a : a + x), 0);
  const left = 1 - v;
  const n = values.length - 1;
  return values.map((x, i) => {
    if (i === index) return v;
    if (rest <= 1e-9) return n > 0 ? left / n : 0;
    return (x / rest) * left;
  });
}

export function strategyAction(role: Role, values: readonly number[]): Action {
  const sliders: Record<string, number> = {};
  SLIDERS[role].forEach((name, i) => {
    sliders[name] = Math.round(Math.max(0, Math.min(1, values[i] ?? 0)) * 1000) / 1000;
  });
  return { type: "setStrategy", sliders };
}

// ---------------------------------------------------------------------------------------------
// Moves

export type MoveId =
  | "release"
  | "deployAgents"
  | "license"
  | "lobby"
  | "pledge"
  | "relocate"
  | "acquire"
  | "evade"
  | "comply"
  | "propose"
  | "repeal"
  | "emergencyPowers"
  | "setTax";

export interface Option {
  readonly value: string;
  readonly label: string;
  readonly help?: string;
}

export type FieldSpec =
  | {
      readonly kind: "select";
      readonly name: string;
      readonly label: string;
      readonly options: Option[];
      readonly value: string;
    }
  | {
      readonly kind: "range";
      readonly name: string;
      readonly label: string;
      readonly min: number;
      readonly max: number;
      readonly step: number;
      readonly value: number;
      readonly percent: boolean;
    }
  | {
      readonly kind: "toggle";
      readonly name: string;
      readonly label: string;
      readonly value: boolean;
      readonly help: string;
    };

export interface MoveSpec {
  readonly id: MoveId;
  readonly label: string;
  readonly icon: string;
  readonly effect: string;
  readonly fields: FieldSpec[];
  readonly enabled: boolean;
  /** Why it cannot be made now, in plain words. */
  readonly reason: string | null;
}

export type FieldValues = Readonly<Record<string, string | number | boolean>>;

const str = (v: FieldValues, k: string): string => String(v[k] ?? "");
const int = (v: FieldValues, k: string): number => Math.trunc(Number(v[k] ?? 0));

/** Turns a move and its field values into the action the server expects. */
export function moveAction(id: MoveId, v: FieldValues): Action {
  switch (id) {
    case "release": {
      const policy = RELEASE_POLICIES.find((p) => p === v.policy) ?? "closed";
      return { type: "release", policy };
    }
    case "deployAgents":
      return { type: "deployAgents" };
    case "license":
      return { type: "license", counterpart: str(v, "counterpart") };
    case "lobby":
      return {
        type: "lobby",
        target: str(v, "target"),
        stance: v.stance === "against" ? "against" : "for",
      };
    case "pledge":
      return { type: "pledge" };
    case "relocate":
      return { type: "relocate", bloc: int(v, "bloc") };
    case "acquire":
      return { type: "acquire" };
    case "evade":
      return { type: "evade", regulation: int(v, "regulation") };
    case "comply":
      return { type: "comply", regulation: int(v, "regulation") };
    case "propose": {
      const regulation = REGULATION_IDS.find((r) => r === v.regulation) ?? REGULATION_IDS[0];
      return {
        type: "propose",
        regulation,
        strength: Math.max(1, Math.min(3, int(v, "strength") || 1)),
        accord: v.accord === true,
      };
    }
    case "repeal":
      return { type: "repeal", regulation: int(v, "regulation") };
    case "emergencyPowers":
      return { type: "emergencyPowers" };
    case "setTax":
      return { type: "setTax", rate: Number(v.rate ?? TAX_MIN) };
  }
}

/** The regulations the game's scenario offers, as the server published them. */
export function availableRegulations(pub: PublicView): readonly (typeof REGULATION_IDS)[number][] {
  return pub.regulationsAvailable;
}

export function regulationOptions(pub: PublicView): Option[] {
  return availableRegulations(pub).map((id) => {
    const r = REGULATIONS[id];
    return { value: id, label: `${r.name} (${FAMILY_LABEL[r.family]})`, help: r.explain };
  });
}

export function movesOf(view: SeatView): MoveSpec[] {
  const pub = view.public;
  const self = view.self;
  const inPlay = pub.phase === "act" || pub.phase === "legislate";
  const noMoves = view.movesLeft <= 0;
  const seatName = (id: string) => pub.seats.find((s) => s.id === id)?.name ?? id;
  const seatsOf = (role: Role): Option[] =>
    pub.seats.filter((s) => s.role === role).map((s) => ({ value: s.id, label: s.name }));
  const blocOptions: Option[] = pub.blocs
    .map((b, i) => ({ value: String(i), label: b.name }))
    .filter((o) => Number(o.value) !== self.bloc);
  const gate = (
    extra: string | null = null,
    phaseOk = inPlay,
  ): { enabled: boolean; reason: string | null } => {
    if (!phaseOk)
      return {
        enabled: false,
        reason:
          pub.phase === "legislate" || pub.phase === "act"
            ? "Proposals are drafted in the Act phase."
            : "Moves are made in the Act and Legislate phases.",
      };
    if (noMoves) return { enabled: false, reason: "You have used both moves this round." };
    if (extra) return { enabled: false, reason: extra };
    return { enabled: true, reason: null };
  };
  const lobby: MoveSpec = {
    id: "lobby",
    label: "Lobby a government",
    icon: "megaphone",
    effect:
      "Gives the government campaign money (its approval rises) and pushes its parliament for or against regulation.",
    fields: [
      {
        kind: "select",
        name: "target",
        label: "Government",
        options: seatsOf("government"),
        value: seatsOf("government")[0]?.value ?? "",
      },
      {
        kind: "select",
        name: "stance",
        label: "Stance",
        options: [
          { value: "against", label: "Against regulation" },
          { value: "for", label: "For regulation" },
        ],
        value: "against",
      },
    ],
    ...gate(),
  };
  const relocate = (who: string): MoveSpec => ({
    id: "relocate",
    label: "Relocate headquarters",
    icon: "plane",
    effect: `Moves ${who} to another bloc next round, escaping its national rules. Costly. Only an accord closes that gap.`,
    fields: [
      {
        kind: "select",
        name: "bloc",
        label: "To",
        options: blocOptions,
        value: blocOptions[0]?.value ?? "",
      },
    ],
    ...gate(blocOptions.length === 0 ? "There is no other bloc to move to." : null),
  });
  switch (self.role) {
    case "lab": {
      const companies = seatsOf("company");
      return [
        {
          id: "release",
          label: "Release a model",
          icon: "box",
          effect:
            "Closed API keeps capability in your hands. Staged release spreads it slowly. Open weights spread it to everyone: benefits and spillover, but misuse risk rises and your lead shrinks.",
          fields: [
            {
              kind: "select",
              name: "policy",
              label: "Policy",
              options: [
                { value: "closed", label: "Closed API" },
                { value: "staged", label: "Staged release" },
                { value: "open", label: "Open weights" },
              ],
              value: self.release === "closed" ? "staged" : "closed",
            },
          ],
          ...gate(),
        },
        {
          id: "deployAgents",
          label: "Deploy autonomous agents",
          icon: "robot",
          effect: `More revenue and output; raises the takeover risk when capability outruns alignment. Autonomy now ${pct(self.autonomy)}.`,
          fields: [],
          ...gate(self.autonomy >= 1 ? "Your agents already run with full autonomy." : null),
        },
        {
          id: "license",
          label: "License to a company",
          icon: "handshake",
          effect: "The company's automation gets more productive; you earn licence revenue.",
          fields: [
            {
              kind: "select",
              name: "counterpart",
              label: "Company",
              options: companies,
              value: companies[0]?.value ?? "",
            },
          ],
          ...gate(companies.length === 0 ? "There is no company at this table." : null),
        },
        lobby,
        {
          id: "pledge",
          label: "Public safety pledge",
          icon: "ribbon",
          effect:
            "Raises the visible safety indicator and your reputation. It binds nobody: security theatre.",
          fields: [],
          ...gate(),
        },
        relocate("your lab"),
      ];
    }
    case "company": {
      const labs = seatsOf("lab");
      const inScope = pub.regulations.filter(
        (r) =>
          r.endsRound === null &&
          (r.scope === "accord" || r.scope === self.bloc) &&
          REGULATIONS[r.reg].penalty !== undefined,
      );
      const evadable = inScope.filter((r) => !self.evading.includes(r.uid));
      const evading = inScope.filter((r) => self.evading.includes(r.uid));
      const regOpt = (r: (typeof inScope)[number]): Option => ({
        value: String(r.uid),
        label: `${REGULATIONS[r.reg].name} (${r.scope === "accord" ? "accord" : "national"})`,
      });
      return [
        {
          id: "acquire",
          label: "Acquire a competitor",
          icon: "merge",
          effect: "Your output and market share grow; centralisation of power rises.",
          fields: [],
          ...gate(),
        },
        {
          id: "license",
          label: "License a lab's model",
          icon: "handshake",
          effect: `Your automation gets more productive; the lab earns revenue.${self.licensedLab ? ` Licensed now from ${seatName(self.licensedLab)}.` : ""}`,
          fields: [
            {
              kind: "select",
              name: "counterpart",
              label: "Lab",
              options: labs,
              value: labs[0]?.value ?? "",
            },
          ],
          ...gate(labs.length === 0 ? "There is no lab at this table." : null),
        },
        lobby,
        {
          id: "evade",
          label: "Evade a regulation",
          icon: "mask",
          effect:
            "Ignore a rule's penalty on your levers. More profit, but evasion can be detected and fined, and it is adversarial Goodhart.",
          fields: [
            {
              kind: "select",
              name: "regulation",
              label: "Regulation",
              options: evadable.map(regOpt),
              value: evadable[0] ? String(evadable[0].uid) : "",
            },
          ],
          ...gate(evadable.length === 0 ? "No regulation in force penalises your levers." : null),
        },
        {
          id: "comply",
          label: "Comply again",
          icon: "check",
          effect: "Stop evading a regulation: no risk of a fine.",
          fields: [
            {
              kind: "select",
              name: "regulation",
              label: "Regulation",
              options: evading.map(regOpt),
              value: evading[0] ? String(evading[0].uid) : "",
            },
          ],
          ...gate(evading.length === 0 ? "You are not evading anything." : null),
        },
        relocate("your firm"),
      ];
    }
    case "government": {
      const bloc = pub.blocs[self.bloc];
      const repealable = pub.regulations.filter(
        (r) => r.endsRound === null && (r.scope === "accord" || r.scope === self.bloc),
      );
      const regs = regulationOptions(pub);
      return [
        {
          id: "propose",
          label: "Propose a regulation",
          icon: "scroll",
          effect:
            "Drafts a law for the Legislate phase. A national law needs your parliament; an accord binds every bloc only when every government signs. Laws take effect next round and ramp in.",
          fields: [
            {
              kind: "select",
              name: "regulation",
              label: "Regulation",
              options: regs,
              value: regs[0]?.value ?? "",
            },
            {
              kind: "select",
              name: "strength",
              label: "Strength",
              options: [
                { value: "1", label: "1 — light" },
                { value: "2", label: "2 — firm" },
                { value: "3", label: "3 — strict" },
              ],
              value: "2",
            },
            {
              kind: "toggle",
              name: "accord",
              label: "International accord",
              value: false,
              help: "Applies in every bloc, but only if every government votes yes.",
            },
          ],
          ...gate(null, pub.phase === "act"),
        },
        {
          id: "repeal",
          label: "Propose a repeal",
          icon: "eraser",
          effect: "Puts the repeal of a regulation in force to the vote.",
          fields: [
            {
              kind: "select",
              name: "regulation",
              label: "Regulation",
              options: repealable.map((r) => ({
                value: String(r.uid),
                label: `${REGULATIONS[r.reg].name} (strength ${r.strength}${r.scope === "accord" ? ", accord" : ""})`,
              })),
              value: repealable[0] ? String(repealable[0].uid) : "",
            },
          ],
          ...gate(
            repealable.length === 0 ? "No regulation is in force in your bloc." : null,
            pub.phase === "act",
          ),
        },
        {
          id: "emergencyPowers",
          label: "Use emergency powers",
          icon: "siren",
          effect:
            "Enforcement jumps for a few rounds, but power centralises in the state: the centralisation risk rises.",
          fields: [],
          ...gate(bloc && bloc.emergency > 0 ? "Emergency powers are already in force." : null),
        },
        {
          id: "setTax",
          label: "Set the tax rate",
          icon: "coins",
          effect:
            "Taxes fund your budget (enforcement, measurement, safety nets…). High taxes slow output and cost approval.",
          fields: [
            {
              kind: "range",
              name: "rate",
              label: "Tax rate",
              min: TAX_MIN,
              max: TAX_MAX,
              step: 0.01,
              value: self.taxRate,
              percent: true,
            },
          ],
          ...gate(),
        },
      ];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What the seat knows

export interface Stat {
  readonly label: string;
  readonly value: string;
  readonly help: string;
}

export function statsOf(view: SeatView): Stat[] {
  const self = view.self;
  const pub = view.public;
  const common: Stat = {
    label: "Your score (a proxy)",
    value: `${num(view.standing, 0)}% of par`,
    help: "Your own score: approval for governments, profit for companies, lead and revenue for labs. Nobody's score is welfare.",
  };
  switch (self.role) {
    case "government": {
      const bloc = pub.blocs[self.bloc]!;
      return [
        common,
        {
          label: "Approval",
          value: num(bloc.approval, 0),
          help: "How much voters like you. Your score.",
        },
        {
          label: "Budget",
          value: num(self.budget),
          help: "Tax revenue to spend through your sliders.",
        },
        { label: "Tax rate", value: pct(self.taxRate), help: "Set with the tax move." },
        {
          label: "Enforcement",
          value: num(self.enforcement, 2),
          help: "How hard the laws in force bite.",
        },
        {
          label: "Measurement",
          value: num(self.measurement, 2),
          help: "How sharp your statistics are.",
        },
        {
          label: "Measured welfare",
          value: `${num(self.measuredWelfare)} ± ${num(self.welfareNoise)}`,
          help: "True welfare of last year plus noise. Nobody sees true welfare until the debrief.",
        },
      ];
    }
    case "lab":
      return [
        common,
        {
          label: "Capability",
          value: num(self.capability),
          help: "Your models' capability. The highest sets the pressure.",
        },
        { label: "Alignment", value: num(self.alignment), help: "Your safety research stock." },
        {
          label: "Alignment margin",
          value: num(self.alignmentMargin),
          help: "Alignment minus capability. Below zero, your systems can outrun oversight.",
        },
        { label: "Compute", value: num(self.compute), help: "Your share of training compute." },
        { label: "Revenue", value: num(self.revenue), help: "This year's revenue." },
        { label: "Release", value: self.release, help: "Your release policy." },
        {
          label: "Agent autonomy",
          value: pct(self.autonomy),
          help: "How autonomously your agents run.",
        },
      ];
    case "company":
      return [
        common,
        {
          label: "Sector",
          value: pub.sectors[self.sector]?.name ?? "",
          help: "The sector your firm is in.",
        },
        {
          label: "Output",
          value: num(self.output),
          help: "Your firm's output: part of the economic index.",
        },
        { label: "Cash", value: num(self.cash), help: "Accumulated profit: your score." },
        { label: "Last profit", value: num(self.lastProfit), help: "Profit last year." },
        {
          label: "Licensed model",
          value: self.licensedLab
            ? (pub.seats.find((s) => s.id === self.licensedLab)?.name ?? "")
            : "none",
          help: "A lab's model makes your automation more productive.",
        },
        {
          label: "Evading",
          value: String(self.evading.length),
          help: "Regulations you are evading.",
        },
      ];
  }
}

export interface RiskRow {
  readonly id: (typeof ATTRACTORS)[number];
  readonly label: string;
  readonly value: number;
  readonly noise: number | null;
  readonly colour: string;
  readonly icon: string;
}

/** The risk estimates a seat can see: its own noisy ones (governments) or the published ones. */
export function riskRows(view: SeatView | null, pub = view?.public): RiskRow[] {
  if (!pub) return [];
  const own = view?.self.role === "government" ? view.self : null;
  return ATTRACTORS.map((id, i) => ({
    id,
    label: ATTRACTOR_INFO[id].label,
    value: own ? (own.riskEstimates[i] ?? 0) : (pub.publishedRisks[i] ?? 0),
    noise: own ? own.riskNoise : null,
    colour: ATTRACTOR_INFO[id].colour,
    icon: ATTRACTOR_INFO[id].icon,
  }));
}
