/**
 * How each action is presented: its label, icon, what it does, the form fields it asks for
 * and how the chosen values become the action. Keyed by the rules' action types and checked
 * by the compiler: an action added to the rules' table without an entry here does not build.
 * Whether a move can be made now, why not, and which values its fields may take come from
 * the seat's view (`view.actions`, decided by the rules); nothing here decides legality.
 */
import {
  ACTION_ROLES,
  type Action,
  type ActionOf,
  type ActionOffer,
  type ActionType,
} from "../../../shared/actions";
import {
  FAMILY_LABEL,
  isRegulationId,
  REGULATIONS,
  type RegulationId,
} from "../../../shared/regulations";
import type { PublicView, SeatView } from "../../../shared/views";
import {
  AT,
  ATTRACTOR_LABEL,
  ATTRACTORS,
  type Attractor,
  RELEASE_POLICIES,
} from "../../../shared/vocabulary";
import { pct } from "./format";

export interface Option {
  readonly value: string;
  readonly label: string;
  readonly help?: string;
  /** A heading the menu groups the option under (a regulation's family). */
  readonly group?: string;
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

export type FieldValues = Readonly<Record<string, string | number | boolean>>;

/** Actions with a button on the dashboard (the strategy and votes have panels of their own). */
export type MoveId = Exclude<ActionType, "setStrategy" | "vote">;

export interface MoveSpec {
  readonly id: MoveId;
  /** What this seat did with this move this round, in words ("Open weights"), or null. */
  readonly done: string | null;
  readonly label: string;
  readonly icon: string;
  readonly effect: string;
  readonly fields: FieldSpec[];
  readonly enabled: boolean;
  /** Why it cannot be made now, in plain words (the rules' sentence). */
  readonly reason: string | null;
}

interface Presentation<T extends MoveId> {
  readonly label: (view: SeatView) => string;
  readonly icon: string;
  readonly effect: (view: SeatView) => string;
  readonly fields: (view: SeatView, offer: ActionOffer) => FieldSpec[];
  readonly action: (values: FieldValues) => ActionOf<T>;
  /** The choice a made move carries, in words ("Open weights"); "" when it has none. */
  readonly done: (view: SeatView, action: ActionOf<T>) => string;
  /** The form's values that made it, so the form shows the choice again. */
  readonly values: (action: ActionOf<T>) => FieldValues;
}

/** Where an action is shown when it has no button of its own. */
type Elsewhere = { readonly panel: "strategy" | "legislature" };

type PresentationTable = { readonly [K in MoveId]: Presentation<K> } & {
  readonly [K in Exclude<ActionType, MoveId>]: Elsewhere;
};

const str = (v: FieldValues, k: string): string => String(v[k] ?? "");
const int = (v: FieldValues, k: string): number => Math.trunc(Number(v[k] ?? 0));

/** The legal values of one of an offer's fields. */
const allowed = (offer: ActionOffer, field: string): readonly (string | number)[] =>
  offer.options?.[field] ?? [];

function select(name: string, label: string, options: Option[], value?: string): FieldSpec {
  return { kind: "select", name, label, options, value: value ?? options[0]?.value ?? "" };
}

const seatOptions = (pub: PublicView, ids: readonly (string | number)[]): Option[] =>
  ids.map((id) => ({
    value: String(id),
    label: pub.seats.find((s) => s.id === id)?.name ?? String(id),
  }));

function regulationInForce(pub: PublicView, uid: string | number, detail: boolean): Option {
  const r = pub.regulations.find((x) => x.uid === uid);
  if (!r) return { value: String(uid), label: `Regulation ${uid}` };
  const name = REGULATIONS[r.reg].name;
  const label = detail
    ? `${name} (strength ${r.strength}${r.scope === "accord" ? ", accord" : ""})`
    : `${name} (${r.scope === "accord" ? "accord" : "national"})`;
  return { value: String(uid), label };
}

const RELEASE_LABEL: Record<(typeof RELEASE_POLICIES)[number], string> = {
  closed: "Closed API",
  staged: "Staged release",
  open: "Open weights",
};

/** What an emergency measure against each risk does, in the present tense (the news reports it). */
const MEASURE_HELP: Record<Attractor, string> = {
  misuse: "Locks down biolabs, DNA synthesis and leaked model weights.",
  centralisation:
    "Breaks up the dominant firm under emergency law: the one measure that does not put more power in the state.",
  goodhart: "Stops AI systems from making choices until people can check them.",
  takeover:
    "Orders the strongest AI systems shut down and calls back AI agents. The agents of your bloc's labs stop.",
};

const STRENGTH_LABEL: Readonly<Record<number, string>> = { 1: "light", 2: "firm", 3: "strict" };

const seatName = (pub: PublicView, id: string): string =>
  pub.seats.find((s) => s.id === id)?.name ?? id;

/** A proposed law in words: "Licensing, strength 2 (firm), accord". */
function proposalWords(reg: string, strength: number, accord: boolean): string {
  const name = isRegulationId(reg) ? REGULATIONS[reg].name : reg;
  const label = STRENGTH_LABEL[strength];
  return `${name}, strength ${strength}${label ? ` (${label})` : ""}${accord ? ", accord" : ""}`;
}

/**
 * A tax change made this round: it waits for Resolve, where the year's taxes are collected at
 * the new rate. "25% → 30%, pending: it applies when this round resolves".
 */
function taxWords(view: SeatView, rate: number): string {
  const now = view.self.role === "government" ? view.self.taxRate : rate;
  return `${pct(now)} → ${pct(rate)}, pending: it applies when this round resolves`;
}

/** The tax change this seat made this round, still to apply at Resolve, or null. */
export function pendingTax(view: SeatView): { from: number; to: number; text: string } | null {
  if (view.self.role !== "government") return null;
  const last = (view.queued ?? []).filter((m) => m.type === "setTax").at(-1);
  if (!last) return null;
  return { from: view.self.taxRate, to: last.rate, text: `Tax ${taxWords(view, last.rate)}` };
}

export const PRESENTATION: PresentationTable = {
  setStrategy: { panel: "strategy" },
  vote: { panel: "legislature" },
  release: {
    label: () => "Release a model",
    icon: "box",
    effect: () =>
      "Closed API keeps capability in your hands. Staged release spreads it slowly. Open weights spread it to everyone: benefits and spillover, but misuse risk rises and your lead shrinks.",
    fields: (view, offer) => {
      const current = view.self.role === "lab" ? view.self.release : "closed";
      const options = allowed(offer, "policy").map((p) => ({
        value: String(p),
        label: RELEASE_LABEL[RELEASE_POLICIES.find((x) => x === p) ?? "closed"],
      }));
      return [select("policy", "Policy", options, current === "closed" ? "staged" : "closed")];
    },
    action: (v) => ({
      type: "release",
      policy: RELEASE_POLICIES.find((p) => p === v.policy) ?? "closed",
    }),
    done: (_view, a) => RELEASE_LABEL[a.policy],
    values: (a) => ({ policy: a.policy }),
  },
  deployAgents: {
    label: () => "Deploy autonomous agents",
    icon: "robot",
    effect: (view) =>
      `Lets AI agents work on their own: you earn more and make more. But if your AI gets stronger than your safety work, the AI takeover risk rises. Agents now ${pct(view.self.role === "lab" ? view.self.autonomy : 0)}.`,
    fields: () => [],
    action: () => ({ type: "deployAgents" }),
    done: () => "",
    values: () => ({}),
  },
  acquire: {
    label: () => "Acquire a competitor",
    icon: "merge",
    effect: () =>
      "Your firm grows and sells more. But power sits in fewer hands, so the Centralisation of power risk rises.",
    fields: () => [],
    action: () => ({ type: "acquire" }),
    done: () => "",
    values: () => ({}),
  },
  license: {
    label: (view) => (view.self.role === "lab" ? "License to a company" : "License a lab's model"),
    icon: "handshake",
    effect: (view) => {
      if (view.self.role !== "company")
        return "The company's machines get better at their work. You earn a fee for it.";
      const from = view.self.licensedLab;
      const name = view.public.seats.find((s) => s.id === from)?.name;
      return `Your machines get better at their work. The lab earns a fee.${name ? ` Licensed now from ${name}.` : ""}`;
    },
    fields: (view, offer) => [
      select(
        "counterpart",
        view.self.role === "lab" ? "Company" : "Lab",
        seatOptions(view.public, allowed(offer, "counterpart")),
      ),
    ],
    action: (v) => ({ type: "license", counterpart: str(v, "counterpart") }),
    done: (view, a) => seatName(view.public, a.counterpart),
    values: (a) => ({ counterpart: a.counterpart }),
  },
  lobby: {
    label: () => "Lobby a government",
    icon: "megaphone",
    effect: () =>
      "Gives the government campaign money, so more voters back it. It also pushes its parliament for or against new rules.",
    fields: (view, offer) => [
      select("target", "Government", seatOptions(view.public, allowed(offer, "target"))),
      select(
        "stance",
        "Stance",
        allowed(offer, "stance").map((s) => ({
          value: String(s),
          label: s === "for" ? "For regulation" : "Against regulation",
        })),
        "against",
      ),
    ],
    action: (v) => ({
      type: "lobby",
      target: str(v, "target"),
      stance: v.stance === "against" ? "against" : "for",
    }),
    done: (view, a) =>
      `${seatName(view.public, a.target)}, ${a.stance === "for" ? "for" : "against"} regulation`,
    values: (a) => ({ target: a.target, stance: a.stance }),
  },
  pledge: {
    label: () => "Public safety pledge",
    icon: "ribbon",
    effect: () =>
      "Makes your lab look safer and raises your good name. But it binds nobody: it is a show of safety, not real safety.",
    fields: () => [],
    action: () => ({ type: "pledge" }),
    done: () => "",
    values: () => ({}),
  },
  evade: {
    label: () => "Evade a regulation",
    icon: "mask",
    effect: () =>
      "Ignore a rule's cost on your choices. You make more money, but you can be caught and fined. This is gaming the rules.",
    fields: (view, offer) => [
      select(
        "regulation",
        "Regulation",
        allowed(offer, "regulation").map((u) => regulationInForce(view.public, u, false)),
      ),
    ],
    action: (v) => ({ type: "evade", regulation: int(v, "regulation") }),
    done: (view, a) => regulationInForce(view.public, a.regulation, false).label,
    values: (a) => ({ regulation: String(a.regulation) }),
  },
  comply: {
    label: () => "Comply again",
    icon: "check",
    effect: () => "Stop evading a regulation: no risk of a fine.",
    fields: (view, offer) => [
      select(
        "regulation",
        "Regulation",
        allowed(offer, "regulation").map((u) => regulationInForce(view.public, u, false)),
      ),
    ],
    action: (v) => ({ type: "comply", regulation: int(v, "regulation") }),
    done: (view, a) => regulationInForce(view.public, a.regulation, false).label,
    values: (a) => ({ regulation: String(a.regulation) }),
  },
  relocate: {
    label: () => "Relocate headquarters",
    icon: "plane",
    effect: (view) =>
      `Moves ${view.self.role === "lab" ? "your lab" : "your firm"} to another bloc next round, escaping its national rules. Costly. Only an accord closes that gap.`,
    fields: (view, offer) => [
      select(
        "bloc",
        "To",
        allowed(offer, "bloc").map((b) => ({
          value: String(b),
          label: view.public.blocs[Number(b)]?.name ?? String(b),
        })),
      ),
    ],
    action: (v) => ({ type: "relocate", bloc: int(v, "bloc") }),
    done: (view, a) => `to ${view.public.blocs[a.bloc]?.name ?? `bloc ${a.bloc}`}`,
    values: (a) => ({ bloc: String(a.bloc) }),
  },
  propose: {
    label: () => "Propose a regulation",
    icon: "scroll",
    effect: () =>
      "Drafts a law for the Legislate phase. A national law needs your parliament; an accord binds every bloc only when every government signs. Laws take effect next round and ramp in.",
    fields: (view, offer) => {
      const strengths = allowed(offer, "strength").map((n) => ({
        value: String(n),
        label: `${n} — ${STRENGTH_LABEL[Number(n)] ?? ""}`,
      }));
      const middle = strengths[Math.floor((strengths.length - 1) / 2)]?.value;
      return [
        select("regulation", "Regulation", regulationOptions(view.public)),
        select("strength", "Strength", strengths, middle),
        {
          kind: "toggle",
          name: "accord",
          label: "International accord",
          value: false,
          help: "Applies in every bloc, but only if every government votes yes.",
        },
      ];
    },
    action: (v) => {
      const reg = str(v, "regulation");
      return {
        type: "propose",
        // An unknown id is sent as it is: the server refuses it in words.
        regulation: isRegulationId(reg) ? reg : (reg as ActionOf<"propose">["regulation"]),
        strength: int(v, "strength"),
        accord: v.accord === true,
      };
    },
    done: (_view, a) => proposalWords(a.regulation, a.strength, a.accord),
    values: (a) => ({ regulation: a.regulation, strength: String(a.strength), accord: a.accord }),
  },
  repeal: {
    label: () => "Propose a repeal",
    icon: "eraser",
    effect: () => "Puts the repeal of a regulation in force to the vote.",
    fields: (view, offer) => [
      select(
        "regulation",
        "Regulation",
        allowed(offer, "regulation").map((u) => regulationInForce(view.public, u, true)),
      ),
    ],
    action: (v) => ({ type: "repeal", regulation: int(v, "regulation") }),
    done: (view, a) => regulationInForce(view.public, a.regulation, true).label,
    values: (a) => ({ regulation: String(a.regulation) }),
  },
  emergencyPowers: {
    label: () => "Use emergency powers",
    icon: "siren",
    effect: () =>
      "Your rules are enforced much harder for a few rounds. But the state grabs more power, so the Centralisation of power risk rises.",
    fields: () => [],
    action: () => ({ type: "emergencyPowers" }),
    done: () => "",
    values: () => ({}),
  },
  emergencyMeasure: {
    label: () => "Take an emergency measure",
    icon: "shieldAlert",
    effect: (view) => {
      const m = view.public.rules.emergencyMeasure;
      return `For a warning that cannot wait for a law: it works this round. The risk you pick falls by ${m.cut} points at once. It costs you ${m.approval} approval and ${pct(m.output)} of your bloc's output this year. Every measure but a break-up gives the state more power (Centralisation of power risk +${m.centralisation}).`;
    },
    fields: (view, offer) => {
      const estimates = view.self.role === "government" ? view.self.riskEstimates : null;
      const estimate = (a: Attractor) => estimates?.[AT[a]];
      const choices = ATTRACTORS.filter((a) => allowed(offer, "attractor").includes(a));
      const options = choices.map((a) => {
        const est = estimate(a);
        return {
          value: a,
          label: `${ATTRACTOR_LABEL[a]}${est === undefined ? "" : ` (${Math.round(est)})`}`,
          help: MEASURE_HELP[a],
        };
      });
      // Preselected: the risk you estimate highest, the one you would most likely answer.
      const worst = choices.reduce<Attractor | undefined>(
        (best, a) => (best === undefined || (estimate(a) ?? 0) > (estimate(best) ?? 0) ? a : best),
        undefined,
      );
      return [
        select("attractor", estimates ? "Against (your risk estimate)" : "Against", options, worst),
      ];
    },
    action: (v) => ({
      type: "emergencyMeasure",
      attractor: ATTRACTORS.find((a) => a === v.attractor) ?? "misuse",
    }),
    done: (_view, a) => `against ${ATTRACTOR_LABEL[a.attractor]}`,
    values: (a) => ({ attractor: a.attractor }),
  },
  setTax: {
    label: () => "Set the tax rate",
    icon: "coins",
    effect: () =>
      "Taxes fund your budget (enforcement, measurement, safety nets…). High taxes slow output and cost approval.",
    fields: (view) => [
      {
        kind: "range",
        name: "rate",
        label: "Tax rate",
        min: view.public.rules.tax.min,
        max: view.public.rules.tax.max,
        step: 0.01,
        value: view.self.role === "government" ? view.self.taxRate : view.public.rules.tax.min,
        percent: true,
      },
    ],
    action: (v) => ({ type: "setTax", rate: Number(v.rate ?? 0) }),
    done: (view, a) => taxWords(view, a.rate),
    values: (a) => ({ rate: a.rate }),
  },
};

/** The dashboard's moves in the order the presentation table lists them. */
const MOVE_IDS = (Object.keys(PRESENTATION) as ActionType[]).filter(
  (t): t is MoveId => !("panel" in PRESENTATION[t]),
);

function presentation<T extends MoveId>(id: T): Presentation<T> {
  return PRESENTATION[id] as unknown as Presentation<T>;
}

/** Turns a move and its field values into the action the server expects. */
export function moveAction<T extends MoveId>(id: T, values: FieldValues): ActionOf<T> {
  return presentation(id).action(values);
}

/**
 * Menu names for the regulations whose full names do not fit a menu in the dashboard's column
 * (about 30 characters at 1280 px); the full name then leads the words under the menu.
 */
const MENU_NAME: Partial<Record<RegulationId, string>> = {
  platform_accountability: "Platform accountability",
  safety_nets: "Safety nets for workers",
  human_in_loop: "Human in the loop",
  pre_deployment_evals: "Safety tests before release",
  open_release_restrictions: "Limits on open release",
  welfare_statistics: "Welfare statistics",
};

/** The regulations the game's scenario offers, as the server published them, by family. */
export function regulationOptions(pub: PublicView): Option[] {
  const options = pub.regulationsAvailable.map((id) => {
    const r = REGULATIONS[id];
    const short = MENU_NAME[id];
    return {
      value: id,
      label: short ?? r.name,
      help: short ? `${r.name}. ${r.explain}` : r.explain,
      group: FAMILY_LABEL[r.family],
    };
  });
  // Grouped by family in the catalogue's family order, the catalogue's order within one.
  const order = Object.values(FAMILY_LABEL);
  return options.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

/** One thing this seat did this round, for the "This round you did" list. */
export interface DoneItem {
  /** The move (or "vote": votes have their own panel). */
  readonly id: MoveId | "vote";
  /** "Release a model: Open weights". */
  readonly text: string;
  /** A change that waits for Resolve (a tax change). */
  readonly pending: boolean;
}

/** This seat's moves this round as actions: queued ones, then its own proposals and repeals. */
function madeThisRound(view: SeatView): Action[] {
  const out: Action[] = [...(view.queued ?? [])];
  for (const p of view.public.proposals) {
    if (p.proposer !== view.seat) continue;
    if (p.kind === "enact")
      out.push({ type: "propose", regulation: p.reg, strength: p.strength, accord: p.accord });
    else if (p.target !== null) out.push({ type: "repeal", regulation: p.target });
  }
  return out;
}

const isMove = (a: Action): a is ActionOf<MoveId> => a.type !== "setStrategy" && a.type !== "vote";

function doneWords<T extends MoveId>(view: SeatView, id: T, action: ActionOf<T>): string {
  return presentation(id).done(view, action);
}

/** What this seat did this round, in the order made, with its votes last. */
export function doneThisRound(view: SeatView): DoneItem[] {
  const items: DoneItem[] = madeThisRound(view)
    .filter(isMove)
    .map((a) => {
      const detail = doneWords(view, a.type, a);
      const label = presentation(a.type).label(view);
      return {
        id: a.type,
        text: detail ? `${label}: ${detail}` : label,
        pending: a.type === "setTax",
      };
    });
  for (const p of view.public.proposals) {
    const vote = p.votes[view.seat];
    // A proposer's yes comes with the proposal (listed above).
    if (vote === undefined || p.proposer === view.seat) continue;
    const what =
      p.kind === "enact"
        ? proposalWords(p.reg, p.strength, p.accord)
        : `repealing ${REGULATIONS[p.reg].name}`;
    items.push({ id: "vote", text: `Voted ${vote ? "yes" : "no"} on ${what}`, pending: false });
  }
  return items;
}

/** The last move of a type this seat made this round, or undefined. */
function lastMade<T extends MoveId>(view: SeatView, id: T): ActionOf<T> | undefined {
  return madeThisRound(view)
    .filter((a): a is ActionOf<T> => a.type === id)
    .at(-1);
}

/** A field showing a value instead of its default (when the value is one it may take). */
export function withValue(f: FieldSpec, v: string | number | boolean | undefined): FieldSpec {
  if (v === undefined) return f;
  switch (f.kind) {
    case "select":
      return f.options.some((o) => o.value === String(v)) ? { ...f, value: String(v) } : f;
    case "range": {
      const n = Number(v);
      return Number.isFinite(n) && n >= f.min && n <= f.max ? { ...f, value: n } : f;
    }
    case "toggle":
      return typeof v === "boolean" ? { ...f, value: v } : f;
  }
}

/**
 * The moves of the seat's role, each enabled or not as the rules said in the view. A move made
 * this round shows the choice it was made with (its form keeps it) and says what was done.
 */
export function movesOf(view: SeatView): MoveSpec[] {
  return MOVE_IDS.filter((id) => ACTION_ROLES[id].includes(view.self.role)).map((id) => {
    const p = presentation(id);
    const offer = view.actions[id];
    const made = lastMade(view, id);
    const chosen = made ? p.values(made) : {};
    const detail = made ? p.done(view, made) : null;
    return {
      id,
      done: detail === null ? null : detail || p.label(view),
      label: p.label(view),
      icon: p.icon,
      effect: p.effect(view),
      fields: p.fields(view, offer).map((f) => withValue(f, chosen[f.name])),
      enabled: offer.enabled,
      reason: offer.reason,
    };
  });
}
