/**
 * A seat's strategy sliders as data: their names, plain-words help, current values and
 * whether they share one budget, and the action that sets them.
 */
import type { Action } from "../../../shared/actions";
import type { SeatView } from "../../../shared/views";
import { type Role, SLIDERS, SLIDERS_SHARE_BUDGET } from "../../../shared/vocabulary";

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
    help: "Helps people's well-being recover, and voters like it.",
  },
  safetyResearch: {
    label: "Public AI-safety research",
    help: "Adds to every lab's alignment research.",
  },
  defence: { label: "Defence", help: "Guards against germ and cyber attacks: holds back misuse." },
  capability: {
    label: "Capability research",
    help: "Raises your capability and lead. The frontier sets the optimisation pressure on the whole economy.",
  },
  safety: {
    label: "Safety research",
    help: "Makes your AI safer, so its power does not outrun your control (the takeover risk).",
  },
  product: { label: "Product & deployment", help: "Revenue now, which is part of your score." },
  automation: { label: "Automation", help: "More output and profit; harms livelihoods." },
  externalisation: {
    label: "Externalisation",
    help: "Cheap output by pushing costs onto nature. It harms the environment.",
  },
  engagement: {
    label: "Engagement",
    help: "Apps that grab attention. It pays well, but it hurts the news people can trust and feeds the numbers trap.",
  },
  consolidation: {
    label: "Consolidation",
    help: "Grow big and buy up rivals. It pays well, but it makes things less fair and puts power in few hands.",
  },
  delegation: {
    label: "Delegation to AI",
    help: "Hand choices to AI. It is cheap and fast, but people lose their say. It feeds the numbers trap and takeover.",
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
