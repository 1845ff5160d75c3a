/**
 * The debrief as data: the ending, true welfare against the proxy per round (and the
 * counterfactual "no regulation" line), each risk over time, who drove each risk, the
 * regulations on a timeline, the kinds of Goodhart failure that happened, where harm moved
 * off the measured welfare dimensions, and each player's proxy score beside what the world
 * got. Pure.
 */
import type { ServerMessages } from "../../../shared/protocol";
import { FAMILY_LABEL, REGULATIONS, type RegulationFamily } from "../../../shared/regulations";
import type { PublicView } from "../../../shared/views";
import {
  ATTRACTORS,
  ENDING_LABEL,
  type Ending,
  isCatastrophe,
  ROLE_LABEL,
  type Role,
} from "../../../shared/vocabulary";
import { ATTRACTOR_INFO, ROLE_COLOUR, SERIES_COLOUR } from "./attractors";
import { buildChart, type ChartBox, type ChartModel } from "./chart";
import { signed } from "./format";
import { plainText, type TermId } from "./glossary";
import { type HarmMoved, harmMoved } from "./measurement";
import { indexOf, indexText, placeText } from "./scale";

export type DebriefMessage = ServerMessages["debrief"];

export interface DriverRow {
  readonly seat: string;
  readonly name: string;
  readonly role: Role;
  readonly share: number;
}

export interface ScoreRow {
  readonly seat: string;
  readonly name: string;
  readonly role: Role;
  readonly roleLabel: string;
  readonly standing: number;
  readonly rank: number;
  /** "2nd of 6", or "shared last" after a catastrophe. */
  readonly place: string;
  readonly you: boolean;
}

export interface TimelineRow {
  readonly title: string;
  readonly family: RegulationFamily;
  readonly familyLabel: string;
  readonly scope: string;
  readonly from: number;
  readonly to: number;
  readonly strength: number;
}

export interface DebriefModel {
  readonly ending: Ending;
  readonly endingLabel: string;
  readonly catastrophe: boolean;
  readonly headline: string;
  /** True welfare at the end (start = 100): the true-welfare line's last point. */
  readonly welfareEnd: number;
  /** The end as every score counts it (start = 100): a catastrophe counts as a collapse. */
  readonly welfareCounted: number;
  /** The economic index at the end (start = 100). */
  readonly proxyEnd: number;
  readonly welfareChart: ChartModel;
  readonly riskChart: ChartModel;
  /** The tipping points drawn across the risk chart (one line per distinct level). */
  readonly tipping: readonly number[];
  readonly drivers: {
    id: string;
    label: string;
    colour: string;
    icon: string;
    rows: DriverRow[];
  }[];
  readonly timeline: TimelineRow[];
  readonly rounds: number;
  readonly scores: ScoreRow[];
  readonly goodhart: { kind: string; term: TermId | null; count: number; explain: string }[];
  readonly delayed: { name: string; amount: number }[];
  /** Which regulations mattered: risk points each held back over the game, most first. */
  readonly mattered: { name: string; family: string; amount: number }[];
  readonly counterfactual: { ending: string; welfareEnd: number; text: string };
  /** Where harm moved: what firms shifted off measured welfare dimensions onto unmeasured ones. */
  readonly harmMoved: HarmMoved;
  readonly csvUrl: string;
  /** Every seat's decisions, by round (people's and bots'). */
  readonly decisionsUrl: string;
  readonly recordUrl: string;
  /** The x labels of the welfare chart ("Start", then each year). */
  readonly years: string[];
  /** The x labels of the risk chart (each year). */
  readonly riskYears: string[];
  readonly table: {
    round: number;
    year: number;
    proxy: number;
    welfare: number;
    measured: number;
    risks: number[];
  }[];
}

const GOODHART_TERM: Record<string, TermId> = {
  regressional: "regressional",
  extremal: "extremal",
  causal: "causal",
  adversarial: "adversarial",
};

const GOODHART_TEXT: Record<string, string> = {
  regressional: "Choices made on the measured figures were partly made on their errors.",
  extremal: "The push went so far that making more stopped making life better.",
  causal: "Shows of safety raised the safety figure while the real risk kept rising.",
  adversarial: "Firms and labs cheated on tests and dodged the rules.",
};

const endingOf = (s: string): Ending | null =>
  (Object.keys(ENDING_LABEL) as Ending[]).find((e) => e === s) ?? null;

export function buildDebrief(
  msg: DebriefMessage,
  pub: PublicView | null,
  mySeat: string | null,
  box?: ChartBox,
): DebriefModel {
  const d = msg.debrief;
  const h = d.history;
  const startYear = pub?.startYear ?? 2027;
  // Every welfare and index figure on one scale: the start of the game = 100, as in the game.
  const years = ["Start", ...h.map((r) => String(startYear + r.round - 1))];
  const seatInfo = (id: string) => pub?.seats.find((s) => s.id === id);
  const welfareIdx = [100, ...h.map((r) => indexOf(r.welfare, d.startWelfare))];
  const proxyIdx = [100, ...h.map((r) => indexOf(r.proxy, d.startProxy))];
  const measuredIdx = [100, ...h.map((r) => indexOf(r.measuredWelfare, d.startWelfare))];
  const cfWelfare = [100, ...msg.counterfactual.welfare.map((w) => indexOf(w, d.startWelfare))];
  const welfareChart = buildChart(
    [
      {
        id: "proxy",
        label: "Economy score",
        colour: SERIES_COLOUR.proxy,
        values: proxyIdx,
        marker: "square",
      },
      {
        id: "measured",
        label: "Measured well-being",
        colour: SERIES_COLOUR.welfare,
        values: measuredIdx,
        dash: "2 4",
        marker: "circle",
      },
      {
        id: "welfare",
        label: "True well-being (revealed)",
        colour: SERIES_COLOUR.trueWelfare,
        values: welfareIdx,
        marker: "diamond",
      },
      {
        id: "counterfactual",
        label: "True well-being with no laws",
        colour: SERIES_COLOUR.counterfactual,
        values: cfWelfare,
        dash: "7 4",
        marker: "triangle",
      },
    ],
    welfareChartYears(years, cfWelfare.length, startYear),
    box,
  );
  const riskChart = buildChart(
    ATTRACTORS.map((a, i) => ({
      id: a,
      label: ATTRACTOR_INFO[a].label,
      colour: ATTRACTOR_INFO[a].colour,
      values: h.map((r) => r.risks[i] ?? 0),
      dash: ["", "6 3", "2 3", "9 3 2 3"][i],
      marker: (["circle", "square", "triangle", "diamond"] as const)[i],
    })),
    years.slice(1),
    box,
    { min: 0, max: 100 },
  );
  const drivers = ATTRACTORS.map((a, i) => {
    const by = d.drivers[i] ?? {};
    const total = Object.values(by).reduce((s, v) => s + Math.max(0, v), 0);
    const rows = Object.entries(by)
      .map(([seat, v]) => ({
        seat,
        name: seatInfo(seat)?.name ?? seat,
        role: seatInfo(seat)?.role ?? roleOfSeat(seat),
        share: total > 0 ? Math.max(0, v) / total : 0,
      }))
      .sort((x, y) => y.share - x.share);
    return {
      id: a,
      label: ATTRACTOR_INFO[a].label,
      colour: ATTRACTOR_INFO[a].colour,
      icon: ATTRACTOR_INFO[a].icon,
      rows,
    };
  });
  const lastRound = h.length ? h[h.length - 1]!.round : (pub?.round ?? 1);
  const timeline: TimelineRow[] = (pub?.regulations ?? []).map((r) => ({
    title: REGULATIONS[r.reg].name,
    family: REGULATIONS[r.reg].family,
    familyLabel: FAMILY_LABEL[REGULATIONS[r.reg].family],
    scope: r.scope === "accord" ? "accord" : (pub?.blocs[r.scope]?.name ?? ""),
    from: r.passedRound + 1,
    to: r.endsRound ?? lastRound,
    strength: r.strength,
  }));
  const ids = Object.keys(d.scores);
  const scores = ids
    .map((seat) => {
      const role = seatInfo(seat)?.role ?? roleOfSeat(seat);
      return {
        seat,
        name: seatInfo(seat)?.name ?? seat,
        role,
        roleLabel: ROLE_LABEL[role],
        standing: d.standings[seat] ?? 0,
        rank: d.ranks[seat] ?? ids.length,
        place: isCatastrophe(d.ending)
          ? "shared last"
          : placeText(d.ranks[seat] ?? ids.length, ids.length),
        you: seat === mySeat,
      };
    })
    .sort((a, b) => a.rank - b.rank || b.standing - a.standing);
  const catastrophe = isCatastrophe(d.ending);
  const cfEnding = endingOf(msg.counterfactual.ending);
  // The end of each world as every score counts it: a catastrophe is a collapse.
  const cfEnd = indexOf(msg.counterfactual.welfareCounted, d.startWelfare);
  const myEnd = indexOf(d.welfareCounted, d.startWelfare);
  const welfareEnd = welfareIdx[welfareIdx.length - 1] ?? 100;
  const proxyEnd = proxyIdx[proxyIdx.length - 1] ?? 100;
  const cfName = cfEnding ? plainText(ENDING_LABEL[cfEnding]) : msg.counterfactual.ending;
  const collapse = indexText(indexOf(d.rules.collapseWelfare, d.startWelfare));
  return {
    ending: d.ending,
    endingLabel: plainText(ENDING_LABEL[d.ending]),
    catastrophe,
    headline: catastrophe
      ? `The world fell into a trap: ${plainText(ENDING_LABEL[d.ending])}. Everybody loses: nobody's points count.`
      : d.ending === "dystopia"
        ? "The economy score soared while true well-being fell. Points still rank, but look at what the world got."
        : d.ending === "flourishing"
          ? "The world did well: well-being went up, people kept their say, and AI stayed safe."
          : "The world muddled through: no disaster, but no big win either.",
    welfareEnd,
    welfareCounted: myEnd,
    proxyEnd,
    welfareChart,
    riskChart,
    tipping: [...new Set(Object.values(d.rules.tipping))].sort((a, b) => a - b),
    drivers,
    timeline,
    rounds: lastRound,
    scores,
    goodhart: Object.entries(d.goodhart)
      .filter(([, n]) => n > 0)
      .map(([kind, count]) => ({
        kind,
        term: GOODHART_TERM[kind] ?? null,
        count,
        explain: GOODHART_TEXT[kind] ?? kind,
      })),
    mattered: Object.entries(d.heldBack)
      .filter(([, v]) => (v ?? 0) >= 0.5)
      .map(([id, v]) => {
        const spec = REGULATIONS[id as keyof typeof REGULATIONS];
        return {
          name: spec?.name ?? id,
          family: spec ? FAMILY_LABEL[spec.family] : "",
          amount: v ?? 0,
        };
      })
      .sort((a, b) => b.amount - a.amount),
    delayed: Object.entries(d.delayedBenefits)
      .filter(([, v]) => (v ?? 0) > 0.05)
      .map(([id, v]) => ({
        name: REGULATIONS[id as keyof typeof REGULATIONS]?.name ?? id,
        amount: v ?? 0,
      })),
    counterfactual: {
      ending: cfName,
      welfareEnd: cfEnd,
      text: `With no laws passed, the same game ends in ${cfName}, with true well-being at ${indexText(cfEnd)}. This game: ${indexText(myEnd)}${catastrophe ? ", counted as a collapse" : ""}. Start = 100; a disaster counts as a collapse to ${collapse}. Difference: ${signed(Math.round(myEnd) - Math.round(cfEnd), 0)}.`,
    },
    harmMoved: harmMoved(d),
    csvUrl: `/api/games/${encodeURIComponent(msg.gameId)}/rounds.csv`,
    decisionsUrl: `/api/games/${encodeURIComponent(msg.gameId)}/decisions.csv`,
    recordUrl: `/api/games/${encodeURIComponent(msg.gameId)}`,
    years: welfareChartYears(years, cfWelfare.length, startYear),
    riskYears: years.slice(1),
    table: h.map((r, i) => ({
      round: r.round,
      year: Number(years[i + 1]),
      proxy: r.proxy,
      welfare: r.welfare,
      measured: r.measuredWelfare,
      risks: r.risks.slice(),
    })),
  };
}

/** The welfare chart's x labels: the game's years, or the counterfactual's when it ran longer. */
function welfareChartYears(years: string[], cfLength: number, startYear: number): string[] {
  return years.length >= cfLength
    ? years
    : Array.from({ length: cfLength }, (_, i) => (i === 0 ? "Start" : String(startYear + i - 1)));
}

export function roleOfSeat(seat: string): Role {
  return seat.startsWith("G") ? "government" : seat.startsWith("L") ? "lab" : "company";
}

export { ROLE_COLOUR };
