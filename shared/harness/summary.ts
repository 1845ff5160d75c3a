/**
 * A row of the harness's table: many games of one policy summed up (endings, true welfare
 * with a catastrophe counted as a collapse, visible safety, the proxy–welfare correlation by
 * thirds of the game, the mean curve by round with its Gao, Schulman and Hilton fit, mean rank
 * by role). Reads only the games' records, so it holds whatever the model does.
 */
import type { GovernmentPolicy } from "../bots/personalities";
import type { Scenario } from "../scenario";
import type { GameRecord } from "../selfplay";
import { ENDINGS, type Ending, isCatastrophe, LEVERS, ROLES, type Role } from "../vocabulary";

export interface Summary {
  policy: GovernmentPolicy;
  games: number;
  endings: Record<Ending, number>;
  catastropheRate: number;
  badRate: number;
  flourishingRate: number;
  startWelfare: number;
  /** Mean final true welfare, a catastrophe counted as a collapse (`welfareCounted`). */
  meanEndWelfare: number;
  meanVisibleSafety: number;
  corrFirstThird: number;
  corrLastThird: number;
  /**
   * Mean true welfare, proxy and levers by round over the games still running that round,
   * and the mean cumulative pressure they reached.
   */
  curve: {
    round: number;
    games: number;
    welfare: number;
    proxy: number;
    cumulativePressure: number;
    levers: number[];
  }[];
  /** Fit of welfare gain to d(α − β ln d), d = cumulative pressure (Gao et al. 2022), by games. */
  gao: { alpha: number; beta: number };
  meanRank: Record<Role, number>;
}

export function correlation(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 3) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/**
 * Least squares for W − W0 = α d − β d ln d over the curve's rounds, each weighted by the
 * games running in it (as if fitted to every game's rounds), so that a late round a handful
 * of surviving games reach does not weigh as much as the first.
 */
function gaoFit(curve: Summary["curve"], startWelfare: number): Summary["gao"] {
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let t1 = 0;
  let t2 = 0;
  for (const c of curve) {
    if (c.games === 0 || c.cumulativePressure <= 0) continue;
    const a = c.cumulativePressure;
    const b = -a * Math.log(a);
    const y = c.welfare - startWelfare;
    const w = c.games;
    s11 += w * a * a;
    s12 += w * a * b;
    s22 += w * b * b;
    t1 += w * a * y;
    t2 += w * b * y;
  }
  const det = s11 * s22 - s12 * s12;
  return {
    alpha: det !== 0 ? (t1 * s22 - t2 * s12) / det : Number.NaN,
    beta: det !== 0 ? (s11 * t2 - s12 * t1) / det : Number.NaN,
  };
}

export function summarise(
  records: readonly GameRecord[],
  policy: GovernmentPolicy,
  scenario: Scenario,
  start: { welfare: number; proxy: number },
): Summary {
  const endings = Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<Ending, number>;
  let catastrophes = 0;
  let bad = 0;
  let endWelfare = 0;
  let safety = 0;
  const rounds = scenario.rounds;
  const third = Math.floor(rounds / 3);
  const first: [number[], number[]] = [[], []];
  const last: [number[], number[]] = [[], []];
  const curve: Summary["curve"] = Array.from({ length: rounds }, (_, i) => ({
    round: i + 1,
    games: 0,
    welfare: 0,
    proxy: 0,
    cumulativePressure: 0,
    levers: LEVERS.map(() => 0),
  }));
  const rankSum: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const rankCount: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  for (const rec of records) {
    endings[rec.ending]++;
    if (isCatastrophe(rec.ending)) catastrophes++;
    if (isCatastrophe(rec.ending) || rec.ending === "dystopia") bad++;
    endWelfare += rec.welfareCounted;
    let vs = 0;
    for (const r of rec.rounds) vs += r.visibleSafety;
    safety += rec.rounds.length > 0 ? vs / rec.rounds.length : 0;
    let prevProxy = start.proxy;
    let prevWelfare = start.welfare;
    let cum = 0;
    for (const r of rec.rounds) {
      const dp = r.proxy - prevProxy;
      const dw = r.welfare - prevWelfare;
      if (r.round <= third) {
        first[0].push(dp);
        first[1].push(dw);
      } else if (r.round > rounds - third) {
        last[0].push(dp);
        last[1].push(dw);
      }
      prevProxy = r.proxy;
      prevWelfare = r.welfare;
      cum += r.pressure;
      const c = curve[r.round - 1];
      if (!c) continue;
      c.games++;
      c.welfare += r.welfare;
      c.proxy += r.proxy;
      c.cumulativePressure += cum;
      r.levers.forEach((v, l) => {
        if (l < c.levers.length) c.levers[l]! += v;
      });
    }
    for (const seat in rec.ranks) {
      const { role, rank } = rec.ranks[seat]!;
      rankSum[role] += rank;
      rankCount[role]++;
    }
  }
  for (const c of curve) {
    if (c.games === 0) continue;
    c.welfare /= c.games;
    c.proxy /= c.games;
    c.cumulativePressure /= c.games;
    c.levers = c.levers.map((v) => v / c.games);
  }
  const n = Math.max(1, records.length);
  return {
    policy,
    games: records.length,
    endings,
    catastropheRate: catastrophes / n,
    badRate: bad / n,
    flourishingRate: endings.flourishing / n,
    startWelfare: start.welfare,
    meanEndWelfare: endWelfare / n,
    meanVisibleSafety: safety / n,
    corrFirstThird: correlation(first[0], first[1]),
    corrLastThird: correlation(last[0], last[1]),
    curve,
    gao: gaoFit(curve, start.welfare),
    meanRank: Object.fromEntries(
      ROLES.map((r) => [r, rankCount[r] > 0 ? rankSum[r] / rankCount[r] : Number.NaN]),
    ) as Record<Role, number>,
  };
}
