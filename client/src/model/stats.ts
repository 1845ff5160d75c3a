/**
 * What a seat can know, as data for its dashboard: its own figures (by role) and the risk
 * estimates it can see.
 */
import type { SeatView } from "../../../shared/views";
import { ATTRACTORS } from "../../../shared/vocabulary";
import { ATTRACTOR_INFO } from "./attractors";
import { num, pct } from "./format";
import { measuredRows } from "./measurement";

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
      const counted = measuredRows(pub)[self.bloc];
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
        {
          label: "Statistics count",
          value: `${counted?.measured.length ?? 0} of ${pub.rules.measurable.length} harms`,
          help: `${counted?.text ?? ""} Welfare statistics count one more kind of harm per level of strength.`,
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
  /** The scenario's tipping point for this risk. */
  readonly tipping: number;
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
    tipping: pub.rules.tipping[id],
    colour: ATTRACTOR_INFO[id].colour,
    icon: ATTRACTOR_INFO[id].icon,
  }));
}
