/**
 * What a seat can know, as data for its dashboard: its own figures (by role) and the risk
 * estimates it can see.
 */
import type { SeatView } from "../../../shared/views";
import { ATTRACTORS } from "../../../shared/vocabulary";
import { ATTRACTOR_INFO } from "./attractors";
import { num, pct } from "./format";
import { publishedWelfareNow } from "./gamechart";
import type { TermId } from "./glossary";
import { measuredRows } from "./measurement";
import { pendingTax } from "./moves";
import { indexOf, indexText, placeText } from "./scale";

export interface Stat {
  readonly label: string;
  readonly value: string;
  readonly help: string;
  /** The glossary term the label is: shown as its plain label, explained on hover or tap. */
  readonly term?: TermId;
  /** A stable name for tests ("welfare-published"). */
  readonly id?: string;
}

export function statsOf(view: SeatView): Stat[] {
  const self = view.self;
  const pub = view.public;
  const place: Stat = {
    label: "Your place",
    term: "rank",
    id: "rank",
    value: placeText(view.rank, pub.seats.length),
    help: "",
  };
  const common: Stat = {
    label: "Your points",
    term: "score",
    id: "points",
    value: `${num(view.standing, 0)} points`,
    help: "",
  };
  switch (self.role) {
    case "government": {
      const bloc = pub.blocs[self.bloc]!;
      const counted = measuredRows(pub)[self.bloc];
      const published = publishedWelfareNow(pub);
      return [
        place,
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
        taxStat(view, self.taxRate),
        {
          label: "Enforcement level",
          value: num(self.enforcement, 2),
          help: "How hard the laws in force bite, from 0 to 1. Your Enforcement slider moves it up or down over the years.",
        },
        {
          label: "Statistics quality",
          value: num(self.measurement, 2),
          help: "How sharp your statistics are, from 0 to 1. Your Measurement slider moves it up or down over the years.",
        },
        {
          label: "Measured well-being (published)",
          term: "measuredWelfare",
          id: "welfare-published",
          value: indexText(published.value),
          help: "",
        },
        {
          label: "Well-being, your own estimate",
          term: "ownEstimate",
          id: "welfare-own",
          value: `${indexText(indexOf(self.measuredWelfare, pub.startMeasuredWelfare))} ± ${indexText(indexOf(self.welfareNoise, pub.startMeasuredWelfare))}`,
          help: "",
        },
        {
          label: "Statistics count",
          value: `${counted?.measured.length ?? 0} of ${pub.rules.measurable.length} harms`,
          help: `${counted?.text ?? ""} Each level of a statistics law counts one more kind of harm.`,
        },
      ];
    }
    case "lab":
      return [
        place,
        common,
        {
          label: "Capability",
          value: num(self.capability),
          help: "Your models' capability. The highest sets the pressure.",
        },
        { label: "Alignment", value: num(self.alignment), help: "Your safety research stock." },
        {
          label: "Safety lead",
          term: "alignmentMargin",
          value: num(self.alignmentMargin),
          help: "",
        },
        { label: "Compute", value: num(self.compute), help: "Your share of training compute." },
        { label: "Revenue", value: num(self.revenue), help: "This year's revenue." },
        { label: "Release", value: self.release, help: "How you share your AI with the world." },
        {
          label: "Agent autonomy",
          value: pct(self.autonomy),
          help: "How much your AI agents act on their own.",
        },
      ];
    case "company":
      return [
        place,
        common,
        {
          label: "Sector",
          value: pub.sectors[self.sector]?.name ?? "",
          help: "The sector your firm is in.",
        },
        {
          label: "Output",
          value: num(self.output),
          help: "Your firm's output: part of the economy score.",
        },
        {
          label: "Cash",
          value: num(self.cash),
          help: "All the profit you have made so far. It sets your points.",
        },
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
          help: "Laws you are dodging.",
        },
      ];
  }
}

export interface RiskRow {
  readonly id: (typeof ATTRACTORS)[number];
  readonly label: string;
  /** The name the risks panel shows (the map's chips use it too). */
  readonly short: string;
  /** The figure this seat sees: its own estimate (a government) or the published one. */
  readonly value: number;
  readonly noise: number | null;
  /** The published figure (the mean of the governments' estimates): what the map shows. */
  readonly published: number;
  /** Whether `value` is this seat's own estimate rather than the published figure. */
  readonly own: boolean;
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
    short: ATTRACTOR_INFO[id].short,
    value: own ? (own.riskEstimates[i] ?? 0) : (pub.publishedRisks[i] ?? 0),
    noise: own ? own.riskNoise : null,
    published: pub.publishedRisks[i] ?? 0,
    own: own !== null,
    tipping: pub.rules.tipping[id],
    colour: ATTRACTOR_INFO[id].colour,
    icon: ATTRACTOR_INFO[id].icon,
  }));
}

/** The tax rate, and the new one while a change made this round waits for Resolve. */
function taxStat(view: SeatView, rate: number): Stat {
  const pending = pendingTax(view);
  return pending
    ? {
        label: "Tax rate",
        id: "tax-rate",
        value: `${pct(pending.from)} → ${pct(pending.to)} (pending)`,
        help: "The new rate starts when this round ends.",
      }
    : { label: "Tax rate", id: "tax-rate", value: pct(rate), help: "Set with the tax move." };
}
