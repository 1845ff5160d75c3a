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
import { num, signed } from "./format";
import { type HarmMoved, harmMoved } from "./measurement";

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
  readonly welfareChange: number;
  readonly proxyChange: number;
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
  readonly goodhart: { kind: string; count: number; explain: string }[];
  readonly delayed: { name: string; amount: number }[];
  /** Which regulations mattered: risk points each held back over the game, most first. */
  readonly mattered: { name: string; family: string; amount: number }[];
  readonly counterfactual: { ending: string; welfareEnd: number; text: string };
  /** Where harm moved: what firms shifted off measured welfare dimensions onto unmeasured ones. */
  readonly harmMoved: HarmMoved;
  readonly csvUrl: string;
  readonly recordUrl: string;
  readonly table: {
    round: number;
    year: number;
    proxy: number;
    welfare: number;
    measured: number;
    risks: number[];
  }[];
}

const GOODHART_TEXT: Record<string, string> = {
  regressional:
    "Regressional: measurement noise. Choosing policy on the measured figure partly chose the noise.",
  extremal:
    "Extremal: at high pressure the economy reached states where output and welfare no longer moved together.",
  causal: "Causal: security theatre raised the indicator while the real risk kept rising.",
  adversarial: "Adversarial: firms and labs gamed audits and evaded rules.",
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
  const years = h.map((r) => String((pub?.startYear ?? 2027) + r.round - 1));
  const seatInfo = (id: string) => pub?.seats.find((s) => s.id === id);
  const proxy = h.map((r) => r.proxy);
  const welfareIdx = h.map((r) => (r.welfare / d.startWelfare) * 100);
  const proxyIdx = h.map((r) => (r.proxy / d.startProxy) * 100);
  const cfWelfare = msg.counterfactual.welfare.map((w) => (w / d.startWelfare) * 100);
  const welfareChart = buildChart(
    [
      {
        id: "proxy",
        label: "Economic index (the proxy)",
        colour: SERIES_COLOUR.proxy,
        values: proxyIdx,
        marker: "square",
      },
      {
        id: "measured",
        label: "Measured welfare",
        colour: SERIES_COLOUR.welfare,
        values: h.map((r) => (r.measuredWelfare / d.startWelfare) * 100),
        dash: "2 4",
        marker: "circle",
      },
      {
        id: "welfare",
        label: "True welfare (revealed)",
        colour: SERIES_COLOUR.trueWelfare,
        values: welfareIdx,
        marker: "diamond",
      },
      {
        id: "counterfactual",
        label: "True welfare with no regulation",
        colour: SERIES_COLOUR.counterfactual,
        values: cfWelfare,
        dash: "7 4",
        marker: "triangle",
      },
    ],
    years.length >= cfWelfare.length
      ? years
      : cfWelfare.map((_, i) => String((pub?.startYear ?? 2027) + i)),
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
    years,
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
        you: seat === mySeat,
      };
    })
    .sort((a, b) => a.rank - b.rank || b.standing - a.standing);
  // As every welfare figure counts it: a catastrophe is a collapse, whatever welfare stood at before.
  const welfareChange = d.welfareCounted - d.startWelfare;
  const proxyChange = proxy.length ? (proxy[proxy.length - 1]! / d.startProxy - 1) * 100 : 0;
  const catastrophe = isCatastrophe(d.ending);
  const cfEnding = endingOf(msg.counterfactual.ending);
  // The end of each world as every welfare figure counts it: a catastrophe is a collapse.
  const cfEnd = (msg.counterfactual.welfareCounted / d.startWelfare) * 100;
  const myEnd = (d.welfareCounted / d.startWelfare) * 100;
  return {
    ending: d.ending,
    endingLabel: ENDING_LABEL[d.ending],
    catastrophe,
    headline: catastrophe
      ? `The world fell into the ${ENDING_LABEL[d.ending]} basin. Everybody loses: no proxy score counts.`
      : d.ending === "dystopia"
        ? "The proxy soared while true welfare fell: a Goodhart dystopia. Scores rank, but look at what the world got."
        : d.ending === "flourishing"
          ? "The world flourished: true welfare, human agency and alignment all held up."
          : "The world muddled through: no catastrophe, no flourishing.",
    welfareChange,
    proxyChange,
    welfareChart,
    riskChart,
    tipping: [...new Set(Object.values(d.rules.tipping))].sort((a, b) => a - b),
    drivers,
    timeline,
    rounds: lastRound,
    scores,
    goodhart: Object.entries(d.goodhart)
      .filter(([, n]) => n > 0)
      .map(([kind, count]) => ({ kind, count, explain: GOODHART_TEXT[kind] ?? kind })),
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
      ending: cfEnding ? ENDING_LABEL[cfEnding] : msg.counterfactual.ending,
      welfareEnd: cfEnd,
      text: `The same game with no regulation passed ends in ${cfEnding ? ENDING_LABEL[cfEnding] : msg.counterfactual.ending}, with true welfare at ${num(cfEnd, 0)} (this game: ${num(myEnd, 0)}; start = 100; a catastrophe counts as a collapse to ${num((d.rules.collapseWelfare / d.startWelfare) * 100, 0)}). Difference: ${signed(myEnd - cfEnd, 0)}.`,
    },
    harmMoved: harmMoved(d),
    csvUrl: `/api/games/${encodeURIComponent(msg.gameId)}/rounds.csv`,
    recordUrl: `/api/games/${encodeURIComponent(msg.gameId)}`,
    table: h.map((r, i) => ({
      round: r.round,
      year: Number(years[i]),
      proxy: r.proxy,
      welfare: r.welfare,
      measured: r.measuredWelfare,
      risks: r.risks.slice(),
    })),
  };
}

export function roleOfSeat(seat: string): Role {
  return seat.startsWith("G") ? "government" : seat.startsWith("L") ? "lab" : "company";
}

export { ROLE_COLOUR };
