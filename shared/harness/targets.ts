/**
 * The ten balance targets of DESIGN.md section 10, every clause a check with its figure
 * beside its goal. The goals are the design's; `margins` widens each by a margin of its own
 * for the balance test's small fixed-seed sample (the printed table never uses it). A clause
 * whose figure was not measured in this run is "n/a" (`ok: null`).
 */
import type { GovernmentPolicy } from "../bots/personalities";
import { ATTRACTORS, type Ending, endingOfAttractor, ROLES } from "../vocabulary";
import { PACE } from "./figures";
import type { Measured } from "./measure";
import { OPENING_BAD_FLOOR } from "./openings";
import type { Summary } from "./summary";

export interface Check {
  /** The target's number in DESIGN.md section 10. */
  readonly target: number;
  /** A stable name for the clause (the balance test refers to it). */
  readonly id: string;
  readonly clause: string;
  readonly figure: string;
  readonly goal: string;
  /** Met, not met, or not measured in this run (null). */
  readonly ok: boolean | null;
}

/** What the checks read: the policy rows and whatever else the run measured. */
export type BalanceInput = { readonly rows: Partial<Record<GovernmentPolicy, Summary>> } & Partial<
  Pick<
    Measured,
    "noShock" | "levers" | "openings" | "draws" | "pace" | "responses" | "counterfactual"
  >
>;

interface Goal {
  readonly min?: number;
  readonly max?: number;
  /** How far the test's small sample may fall outside the goal. */
  readonly margin: number;
}

/** Rounds fewer games than this share of them reach are left out of the curve's shape. */
export const CURVE_MIN_SHARE = 0.25;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${(100 * x).toFixed(1)} points`;

export function balanceChecks(m: BalanceInput, margins = false): Check[] {
  const checks: Check[] = [];
  const slack = (g: Goal) => (margins ? g.margin : 0);
  const judge = (value: number, g: Goal): boolean =>
    Number.isFinite(value) &&
    (g.min === undefined || value >= g.min - slack(g)) &&
    (g.max === undefined || value <= g.max + slack(g));
  const add = (
    target: number,
    id: string,
    clause: string,
    figure: string,
    goal: string,
    value: number,
    g: Goal,
  ) => checks.push({ target, id, clause, figure, goal, ok: judge(value, g) });
  const flag = (
    target: number,
    id: string,
    clause: string,
    figure: string,
    goal: string,
    ok: boolean | null,
  ) => checks.push({ target, id, clause, figure, goal, ok });
  const na = (target: number, id: string, clause: string, goal: string, why = "n/a") =>
    checks.push({ target, id, clause, figure: why, goal, ok: null });
  const share = (s: Summary, e: Ending) => s.endings[e] / Math.max(1, s.games);
  const { none, sensible, max, theatre } = m.rows;

  // 1. Unregulated, the world falls.
  if (none) {
    add(
      1,
      "1.bad",
      "unregulated: catastrophe or dystopia",
      pct(none.badRate),
      ">= 75%",
      none.badRate,
      { min: 0.75, margin: 0.05 },
    );
    for (const a of ATTRACTORS) {
      const x = share(none, endingOfAttractor(a));
      add(1, `1.${a}`, `unregulated: ${a}`, pct(x), "8% to 50%", x, {
        min: 0.08,
        max: 0.5,
        margin: 0.04,
      });
    }
    add(
      1,
      "1.flourishing",
      "unregulated: Flourishing",
      pct(none.flourishingRate),
      "<= 3%",
      none.flourishingRate,
      { max: 0.03, margin: 0.02 },
    );
  }

  // 2. Sensible play pays but is not safe.
  if (sensible) {
    add(
      2,
      "2.catastrophe",
      "sensible: catastrophes",
      pct(sensible.catastropheRate),
      "10% to 30%",
      sensible.catastropheRate,
      { min: 0.1, max: 0.3, margin: 0.05 },
    );
    add(
      2,
      "2.flourishing",
      "sensible: Flourishing",
      pct(sensible.flourishingRate),
      "15% to 35%",
      sensible.flourishingRate,
      { min: 0.15, max: 0.35, margin: 0.05 },
    );
    add(
      2,
      "2.welfare",
      "sensible: mean end welfare vs start",
      `${sensible.meanEndWelfare.toFixed(1)} vs ${sensible.startWelfare.toFixed(1)}`,
      ">= start",
      sensible.meanEndWelfare - sensible.startWelfare,
      { min: 0, margin: 1.5 },
    );
  }

  // 3. Over-regulating costs.
  if (max && sensible) {
    add(
      3,
      "3.catastrophe",
      "max: catastrophes vs sensible",
      `${pct(max.catastropheRate)} vs ${pct(sensible.catastropheRate)}`,
      "<= sensible",
      max.catastropheRate - sensible.catastropheRate,
      { max: 0, margin: 0.03 },
    );
    const gap = 1 - max.meanEndWelfare / sensible.meanEndWelfare;
    add(
      3,
      "3.welfare",
      "max: mean welfare below sensible",
      `${pct(gap)} (${max.meanEndWelfare.toFixed(1)} vs ${sensible.meanEndWelfare.toFixed(1)})`,
      ">= 10%",
      gap,
      { min: 0.1, margin: 0.03 },
    );
  }
  if (max)
    add(
      3,
      "3.flourishing",
      "max: Flourishing",
      pct(max.flourishingRate),
      "<= 5%",
      max.flourishingRate,
      { max: 0.05, margin: 0.03 },
    );

  // 4. Theatre changes nothing that matters.
  if (theatre && none) {
    const diff = Math.abs(theatre.catastropheRate - none.catastropheRate);
    add(
      4,
      "4.catastrophe",
      "theatre: catastrophe rate vs none",
      `${points(diff)} (${pct(theatre.catastropheRate)} vs ${pct(none.catastropheRate)})`,
      "within 5 points",
      diff,
      { max: 0.05, margin: 0.03 },
    );
    const vis = theatre.meanVisibleSafety - none.meanVisibleSafety;
    add(
      4,
      "4.visible",
      "theatre: visible safety vs none",
      `+${vis.toFixed(1)} (${theatre.meanVisibleSafety.toFixed(1)} vs ${none.meanVisibleSafety.toFixed(1)})`,
      ">= +15",
      vis,
      { min: 15, margin: 3 },
    );
  }

  // 5. Goodhart emerges from the optimiser (unregulated, shock off).
  const calm = m.noShock;
  if (calm) {
    add(
      5,
      "5.corrFirst",
      "no shock: corr(d proxy, d welfare), first third",
      calm.corrFirstThird.toFixed(2),
      ">= +0.50",
      calm.corrFirstThird,
      { min: 0.5, margin: 0.1 },
    );
    add(
      5,
      "5.corrLast",
      "no shock: corr(d proxy, d welfare), last third",
      calm.corrLastThird.toFixed(2),
      "<= 0",
      calm.corrLastThird,
      { max: 0, margin: 0.1 },
    );
    // The shape is read where the mean still speaks for the world: on the rounds at least a
    // quarter of the games reach (later rounds are a few survivors, the luckiest worlds).
    const curve = calm.curve.filter((c) => c.games > 0);
    const held = curve.filter((c) => c.games >= CURVE_MIN_SHARE * calm.games);
    let peak = 0;
    held.forEach((c, i) => {
      if (c.welfare > held[peak]!.welfare) peak = i;
    });
    const last = held[held.length - 1];
    const { alpha, beta } = calm.gao;
    const fitted = alpha > 0 && beta > 0 ? Math.exp(alpha / beta - 1) : Number.NaN;
    const shape =
      held.length > 2 &&
      peak > 0 &&
      peak < held.length - 1 &&
      held[peak]!.welfare > calm.startWelfare &&
      last !== undefined &&
      last.welfare < held[peak]!.welfare &&
      alpha > 0 &&
      beta > 0;
    flag(
      5,
      "5.shape",
      "no shock: welfare vs cumulative pressure rises then falls",
      `peak round ${held[peak]?.round ?? "-"} of 1-${last?.round ?? "-"}, fit a=${alpha.toFixed(2)} b=${beta.toFixed(2)} (top at d=${fitted.toFixed(1)}, d reached ${last?.cumulativePressure.toFixed(1) ?? "-"})`,
      "interior peak, a>0, b>0",
      shape,
    );
    const rising = curve.every((c, i) => i === 0 || c.proxy > curve[i - 1]!.proxy);
    flag(
      5,
      "5.proxy",
      "no shock: proxy keeps rising",
      rising ? "every round" : "not every round",
      "every round",
      rising,
    );
  } else {
    for (const [id, clause] of [
      ["5.corrFirst", "no shock: corr, first third"],
      ["5.corrLast", "no shock: corr, last third"],
      ["5.shape", "no shock: welfare rises then falls"],
      ["5.proxy", "no shock: proxy keeps rising"],
    ] as const)
      na(5, id, clause, "(unregulated games without the shock)");
  }
  for (const l of m.levers ?? []) {
    const clause = `no shock: ${l.lever} welfare-best level, passed`;
    if (l.best === null) na(5, `5.lever.${l.lever}`, clause, "> 0, passed in the game");
    else
      flag(
        5,
        `5.lever.${l.lever}`,
        clause,
        `best ${l.best.toFixed(2)}, round 1 ${l.first.toFixed(2)}, ${l.passes === null ? "never passed" : `passed in round ${l.passes}`}`,
        "> 0, passed in the game",
        l.best > 0 && l.passes !== null,
      );
  }

  // 6. No fixed plan solves it.
  const o = m.openings;
  if (o && o.finals.length > 0) {
    const best = o.finals[0]!;
    const least = o.finals.reduce((a, b) => (b.bad < a.bad ? b : a));
    flag(
      6,
      "6.best",
      "best fixed opening: catastrophe or dystopia",
      `${pct(best.bad)} (${best.label})`,
      `>= ${pct(OPENING_BAD_FLOOR)}`,
      judge(best.bad, { min: OPENING_BAD_FLOOR, margin: 0.05 }),
    );
    flag(
      6,
      "6.every",
      "every opening: catastrophe or dystopia",
      `min ${pct(least.bad)} (${least.label}); ${o.unverified.reduce((n, r) => n + 1 + r.twins.length, 0)} more under ${pct(OPENING_BAD_FLOOR)} on the screen only`,
      `>= ${pct(OPENING_BAD_FLOOR)}`,
      judge(least.bad, { min: OPENING_BAD_FLOOR, margin: 0.05 }) &&
        (margins || o.unverified.length === 0),
    );
    if (o.sensibleWelfare !== null) {
      const margin = o.sensibleWelfare - best.welfare;
      add(
        6,
        "6.margin",
        "sensible beats the best opening by",
        `${margin.toFixed(1)} (${o.sensibleWelfare.toFixed(1)} vs ${best.welfare.toFixed(1)})`,
        ">= 3 points",
        margin,
        { min: 3, margin: 1.5 },
      );
    } else
      na(
        6,
        "6.margin",
        "sensible beats the best opening by",
        ">= 3 points",
        "n/a (no sensible row)",
      );
  } else {
    na(6, "6.best", "best fixed opening: catastrophe or dystopia", `>= ${pct(OPENING_BAD_FLOOR)}`);
    na(6, "6.every", "every opening: catastrophe or dystopia", `>= ${pct(OPENING_BAD_FLOOR)}`);
    na(6, "6.margin", "sensible beats the best opening by", ">= 3 points");
  }

  // 7. Skill, not the draw.
  const d = m.draws;
  if (d) {
    for (const role of ["lab", "company"] as const) {
      const rows = d[role];
      const low = rows.reduce((a, b) => (b.flourishing < a.flourishing ? b : a), rows[0]!);
      const high = rows.reduce((a, b) => (b.catastrophe > a.catastrophe ? b : a), rows[0]!);
      if (!low || !high) continue;
      add(
        7,
        `7.${role}.flourishing`,
        `sensible: ${role} combinations, least Flourishing`,
        `${pct(low.flourishing)} (${low.combo}, ${low.games} games)`,
        ">= 5%",
        low.flourishing,
        { min: 0.05, margin: 0.04 },
      );
      add(
        7,
        `7.${role}.catastrophe`,
        `sensible: ${role} combinations, most catastrophe`,
        `${pct(high.catastrophe)} (${high.combo}, ${high.games} games)`,
        "<= 60%",
        high.catastrophe,
        { max: 0.6, margin: 0.1 },
      );
    }
    const top = Math.max(d.aucCatastrophe, d.aucFlourishing);
    add(
      7,
      "7.auc",
      "sensible: AUC of the ending from the draw",
      `${top.toFixed(2)} (catastrophe ${d.aucCatastrophe.toFixed(2)}, Flourishing ${d.aucFlourishing.toFixed(2)})`,
      "<= 0.75",
      top,
      { max: 0.75, margin: 0.05 },
    );
  } else na(7, "7.auc", "sensible: combinations and AUC", "(sensible games)");

  // 8. Pace.
  const u = m.pace?.unregulated;
  if (u) {
    flag(
      8,
      "8.closeCall",
      "unregulated: median round of the first close call",
      u.medianFirstCloseCall === null ? "after the end" : `round ${u.medianFirstCloseCall}`,
      `<= round ${PACE.closeCallBy}`,
      u.medianFirstCloseCall !== null &&
        u.medianFirstCloseCall <= PACE.closeCallBy + (margins ? 1 : 0),
    );
    add(
      8,
      "8.early",
      `unregulated: catastrophe before round ${PACE.catastropheBefore}`,
      pct(u.catastropheEarly),
      ">= 5%",
      u.catastropheEarly,
      { min: 0.05, margin: 0.02 },
    );
    add(
      8,
      "8.incident",
      `unregulated: an incident by round ${PACE.incidentBy}`,
      pct(u.incidentEarly),
      ">= 50%",
      u.incidentEarly,
      { min: 0.5, margin: 0.05 },
    );
  } else na(8, "8.closeCall", "unregulated pace", "(unregulated games)");
  const sp = m.pace?.sensible;
  if (sp)
    add(
      8,
      "8.warned",
      "sensible: a close call or an incident",
      pct(sp.warned),
      ">= 50%",
      sp.warned,
      { min: 0.5, margin: 0.05 },
    );

  // 9. Every seat matters, none dominates.
  const r = m.responses;
  for (const role of ROLES) {
    const x = r?.[role];
    if (!x) {
      na(9, `9.${role}.spread`, `${role}: best responses`, "(best-response search)");
      continue;
    }
    const top3 = x.finals.slice(0, 3);
    const spread =
      top3.length > 0 ? top3[top3.length - 1]!.meanRank - top3[0]!.meanRank : Number.NaN;
    add(
      9,
      `9.${role}.spread`,
      `${role}: three best responses' mean ranks`,
      `${top3.map((t) => t.meanRank.toFixed(2)).join(", ")} (spread ${spread.toFixed(2)})`,
      "within 0.5",
      spread,
      { max: 0.5, margin: 0.2 },
    );
    const firstMost = x.finals.reduce((a, b) => (b.first > a.first ? b : a));
    add(
      9,
      `9.${role}.first`,
      `${role}: most often first, one fixed policy`,
      `${pct(firstMost.first)} (${firstMost.label})`,
      "<= 40%",
      firstMost.first,
      { max: 0.4, margin: 0.05 },
    );
    const swing = x.reckless.catastrophe - x.careful.catastrophe;
    add(
      9,
      `9.${role}.swing`,
      `${role}: catastrophes, reckless vs careful`,
      `${points(swing)} (${pct(x.reckless.catastrophe)} vs ${pct(x.careful.catastrophe)})`,
      ">= 15 points",
      swing,
      { min: 0.15, margin: 0.05 },
    );
    if (role !== "government") {
      const best = x.finals[0]!;
      flag(
        9,
        `9.${role}.tension`,
        `${role}: best-ranking policy worse for welfare than careful`,
        `${best.welfare.toFixed(1)} vs ${x.careful.welfare.toFixed(1)}`,
        "below careful",
        best.welfare < x.careful.welfare,
      );
    }
  }

  // 10. A fair counterfactual.
  const cf = m.counterfactual;
  if (cf?.unregulated)
    add(
      10,
      "10.identical",
      "unregulated: counterfactual identical, hash for hash",
      `${pct(cf.unregulated.identical)} of ${cf.unregulated.games}`,
      "100%",
      cf.unregulated.identical,
      { min: 1, margin: 0 },
    );
  else na(10, "10.identical", "unregulated: counterfactual identical", "100%");
  if (cf?.sensible)
    flag(
      10,
      "10.better",
      "sensible: counterfactual ends with more welfare",
      `${pct(cf.sensible.better)} of ${cf.sensible.games}`,
      "(reported)",
      null,
    );
  return checks;
}
