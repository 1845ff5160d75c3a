/**
 * The self-play harness's pure part: play seeded bot games under a government policy (with
 * any role played instead by a policy of one's own, such as a bot written outside the repo:
 * `externalBot` checks what such a module exports and what it returns), record each game in
 * the harness's JSONL shape, and summarise many games against the balance targets of
 * DESIGN.md section 10. The command-line wrapper is `scripts/selfplay.ts`; `docs/BOTS.md`
 * says how to write a bot.
 */
import { type Action, actionSchema, ruleError } from "./actions";
import {
  COMPANY_PERSONALITIES,
  GOVERNMENT_PERSONALITIES,
  type GovernmentPolicy,
  LAB_PERSONALITIES,
  type Personality,
} from "./bots/personalities";
import { type BotRules, type Policy, personalityPolicies, playBots } from "./bots/policy";
import { createGame, defaultSeats } from "./create";
import { advance } from "./game";
import { hashState } from "./hash";
import { type LoggedAction, playBotGame } from "./log";
import { Rng, seedRng } from "./rng";
import type { Scenario } from "./scenario";
import { ranks } from "./scoring";
import type { GameState, SeatId } from "./state";
import { ATTRACTORS, ENDINGS, type Ending, isCatastrophe, ROLES, type Role } from "./vocabulary";

export interface RoundFigures {
  round: number;
  proxy: number;
  welfare: number;
  measuredWelfare: number;
  capability: number;
  pressure: number;
  visibleSafety: number;
  risks: { misuse: number; centralisation: number; goodhart: number; takeover: number };
}

export interface GameRecord {
  seed: number;
  policy: GovernmentPolicy;
  ending: Ending;
  rounds: RoundFigures[];
  ranks: Record<SeatId, { role: Role; rank: number }>;
  finalHash: string;
}

/** The personalities the harness gives each seat: governments follow the policy, others are drawn. */
export function harnessPersonalities(
  scenario: Scenario,
  seed: number,
  policy: GovernmentPolicy,
): { seats: ReturnType<typeof defaultSeats>; personalities: Record<SeatId, Personality> } {
  const seats = defaultSeats(scenario);
  const rng = new Rng(seedRng(seed ^ 0x5eed5eed));
  const personalities: Record<SeatId, Personality> = {};
  const counts: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const prefix: Record<Role, string> = { government: "G", lab: "L", company: "C" };
  for (const seat of seats) {
    const id = `${prefix[seat.role]}${++counts[seat.role]}`;
    switch (seat.role) {
      case "government":
        personalities[id] = policy === "mixed" ? rng.pick(GOVERNMENT_PERSONALITIES) : policy;
        break;
      case "lab":
        personalities[id] = rng.pick(LAB_PERSONALITIES);
        break;
      case "company":
        personalities[id] = rng.pick(COMPANY_PERSONALITIES);
        break;
    }
  }
  return { seats, personalities };
}

export function recordOf(state: GameState, policy: GovernmentPolicy): GameRecord {
  const r = ranks(state);
  return {
    seed: state.seed,
    policy,
    ending: state.ending!,
    rounds: state.history.map((h) => ({
      round: h.round,
      proxy: h.proxy,
      welfare: h.welfare,
      measuredWelfare: h.measuredWelfare,
      capability: h.capability,
      pressure: h.pressure,
      visibleSafety: h.visibleSafety,
      risks: {
        misuse: h.risks[0]!,
        centralisation: h.risks[1]!,
        goodhart: h.risks[2]!,
        takeover: h.risks[3]!,
      },
    })),
    ranks: Object.fromEntries(state.seats.map((s) => [s.id, { role: s.role, rank: r[s.id]! }])),
    finalHash: hashState(state),
  };
}

/** Policies that play every seat of a role instead of the harness's built-in bots. */
export type RoleOverrides = Partial<Record<Role, Policy>>;

/**
 * Plays one harness game: the seats and built-in personalities of `harnessPersonalities`
 * (governments following `policy`), except that every seat of a role in `overrides` is
 * played by that policy. The draw of personalities does not depend on the overrides, so a
 * game with a bot government meets the same labs and companies as the built-in one.
 * Returns the final state, its record and the accepted actions in order.
 */
export function runHarnessGame(
  scenario: Scenario,
  seed: number,
  policy: GovernmentPolicy,
  overrides: RoleOverrides = {},
): { state: GameState; record: GameRecord; actions: LoggedAction[] } {
  const { seats, personalities } = harnessPersonalities(scenario, seed, policy);
  if (Object.keys(overrides).length === 0) {
    const { state, log } = playBotGame({ scenario, seed, seats, personalities });
    return { state, record: recordOf(state, policy), actions: log.actions };
  }
  // playBotGame's loop (shared/log.ts), with the overriding policies in their roles' seats.
  const actions: LoggedAction[] = [];
  let state = createGame(scenario, seed, seats);
  const policies = personalityPolicies(personalities);
  for (const seat of state.seats) {
    const own = overrides[seat.role];
    if (own) policies[seat.id] = own;
  }
  while (state.phase !== "ended") {
    state = playBots(state, policies, actions);
    state = advance(state);
  }
  return { state, record: recordOf(state, policy), actions };
}

/** A bot module that broke the interface: names the module, and the seat, round and phase. */
export class BotError extends Error {
  override name = "BotError";
}

/** A policy loaded from outside the repository, checked at every call, with its counts. */
export interface ExternalBot {
  /** Where it came from (the file given to `--bot`), named in every error. */
  readonly name: string;
  readonly policy: Policy;
  /** Calls made and actions returned (the accepted ones are in the game's log). */
  readonly stats: { calls: number; returned: number };
}

/** A plain-data copy (views and offers are plain data), so a bot cannot write into the state. */
function copyData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyData(v);
    return out as T;
  }
  return value;
}

function describeValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * Makes a policy of a loaded module (`module` is its namespace object): its default export if
 * that is a function, else its named export `policy` if that is one; else a BotError. The policy it
 * returns gives the bot a copy of its view and offers, checks that each call returns an
 * array of actions of the wire shape (`actionSchema`), and throws a BotError naming `name`,
 * the seat, round and phase when it returns anything else or throws itself. Actions of the
 * right shape that the rules refuse are dropped by `playBots`, as a person's would be.
 */
export function externalBot(name: string, module: Readonly<Record<string, unknown>>): ExternalBot {
  const exported = [module.default, module.policy].find((x) => typeof x === "function");
  if (exported === undefined) {
    const kind = (x: unknown) => (x === null ? "null" : typeof x);
    throw new BotError(
      module.default === undefined && module.policy === undefined
        ? `${name}: exports no policy (give it a default export, or a named export \`policy\`, that is a function (view, rules) => actions)`
        : `${name}: exports no function (default export: ${kind(module.default)}, export \`policy\`: ${kind(module.policy)}); a policy is a function (view, rules) => actions`,
    );
  }
  const own = exported as (view: unknown, rules: BotRules) => unknown;
  const stats = { calls: 0, returned: 0 };
  const policy: Policy = (view, rules) => {
    const where = `${name}: seat ${view.seat}, round ${view.public.round}, ${view.public.phase} phase`;
    const guarded: BotRules = {
      scenario: rules.scenario,
      offers: () => copyData(rules.offers()),
      check(action) {
        const parsed = actionSchema.safeParse(action);
        if (!parsed.success)
          return ruleError("bad_value", `Not an action: ${parsed.error.issues[0]?.message}.`);
        return rules.check(parsed.data);
      },
    };
    let result: unknown;
    stats.calls++;
    try {
      result = own(copyData(view), guarded);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new BotError(`${where}: the policy threw: ${why}`, { cause: error });
    }
    if (!Array.isArray(result))
      throw new BotError(`${where}: returned ${describeValue(result)}, not an array of actions`);
    const actions: Action[] = [];
    result.forEach((item, i) => {
      const parsed = actionSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
        throw new BotError(
          `${where}: action ${i} is malformed (${issue?.message ?? "not an action"}${at}): ${describeValue(item)}`,
        );
      }
      actions.push(parsed.data);
    });
    stats.returned += actions.length;
    return actions;
  };
  return { name, policy, stats };
}

export interface Summary {
  policy: GovernmentPolicy;
  games: number;
  endings: Record<Ending, number>;
  catastropheRate: number;
  badRate: number;
  startWelfare: number;
  meanEndWelfare: number;
  meanVisibleSafety: number;
  corrFirstThird: number;
  corrLastThird: number;
  /** Mean true welfare and proxy by round, and the mean cumulative pressure reached. */
  curve: {
    round: number;
    games: number;
    welfare: number;
    proxy: number;
    cumulativePressure: number;
  }[];
  /** Fit of welfare gain to d(α − β ln d), d = cumulative pressure (Gao et al. 2022). */
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
  const curve = Array.from({ length: rounds }, (_, i) => ({
    round: i + 1,
    games: 0,
    welfare: 0,
    proxy: 0,
    cumulativePressure: 0,
  }));
  const rankSum: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const rankCount: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  for (const rec of records) {
    endings[rec.ending]++;
    if (isCatastrophe(rec.ending)) catastrophes++;
    if (isCatastrophe(rec.ending) || rec.ending === "dystopia") bad++;
    const lastRound = rec.rounds[rec.rounds.length - 1]!;
    endWelfare += lastRound.welfare;
    let vs = 0;
    for (const r of rec.rounds) vs += r.visibleSafety;
    safety += vs / rec.rounds.length;
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
      const c = curve[r.round - 1]!;
      c.games++;
      c.welfare += r.welfare;
      c.proxy += r.proxy;
      c.cumulativePressure += cum;
    }
    for (const seat in rec.ranks) {
      const { role, rank } = rec.ranks[seat]!;
      rankSum[role] += rank;
      rankCount[role]++;
    }
  }
  for (const c of curve) {
    if (c.games > 0) {
      c.welfare /= c.games;
      c.proxy /= c.games;
      c.cumulativePressure /= c.games;
    }
  }
  // Least squares for W − W0 = α d − β d ln d.
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let t1 = 0;
  let t2 = 0;
  for (const c of curve) {
    if (c.games === 0) continue;
    const d = c.cumulativePressure;
    const a = d;
    const b = -d * Math.log(d);
    const y = c.welfare - start.welfare;
    s11 += a * a;
    s12 += a * b;
    s22 += b * b;
    t1 += a * y;
    t2 += b * y;
  }
  const det = s11 * s22 - s12 * s12;
  const alpha = det !== 0 ? (t1 * s22 - t2 * s12) / det : Number.NaN;
  const beta = det !== 0 ? (s11 * t2 - s12 * t1) / det : Number.NaN;
  const n = Math.max(1, records.length);
  return {
    policy,
    games: records.length,
    endings,
    catastropheRate: catastrophes / n,
    badRate: bad / n,
    startWelfare: start.welfare,
    meanEndWelfare: endWelfare / n,
    meanVisibleSafety: safety / n,
    corrFirstThird: correlation(first[0], first[1]),
    corrLastThird: correlation(last[0], last[1]),
    curve,
    gao: { alpha, beta },
    meanRank: Object.fromEntries(
      ROLES.map((r) => [r, rankCount[r] > 0 ? rankSum[r] / rankCount[r] : Number.NaN]),
    ) as Record<Role, number>,
  };
}

export interface Check {
  target: string;
  figure: string;
  goal: string;
  ok: boolean;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Checks the six balance targets on whichever policies' summaries are given. */
export function balanceChecks(s: Partial<Record<GovernmentPolicy, Summary>>): Check[] {
  const checks: Check[] = [];
  const none = s.none;
  if (none) {
    checks.push({
      target: "1 no regulation: catastrophe or dystopia",
      figure: pct(none.badRate),
      goal: ">= 75%",
      ok: none.badRate >= 0.75,
    });
    const ends: Record<(typeof ATTRACTORS)[number], Ending> = {
      misuse: "misuse",
      centralisation: "centralisation",
      goodhart: "goodhart_lockin",
      takeover: "takeover",
    };
    for (const a of ATTRACTORS) {
      const share = none.endings[ends[a]] / Math.max(1, none.games);
      checks.push({
        target: `1 no regulation: ${a}`,
        figure: pct(share),
        goal: "8% to 50%",
        ok: share >= 0.08 && share <= 0.5,
      });
    }
    checks.push({
      target: "5 corr(d proxy, d welfare), first third",
      figure: none.corrFirstThird.toFixed(2),
      goal: ">= +0.50",
      ok: none.corrFirstThird >= 0.5,
    });
    checks.push({
      target: "5 corr(d proxy, d welfare), last third",
      figure: none.corrLastThird.toFixed(2),
      goal: "<= 0",
      ok: none.corrLastThird <= 0,
    });
    const peak = none.curve.reduce(
      (best, c, i) => (c.games > 0 && c.welfare > none.curve[best]!.welfare ? i : best),
      0,
    );
    const lastC = [...none.curve].reverse().find((c) => c.games > 0)!;
    const risesThenFalls =
      peak > 0 &&
      peak < none.curve.length - 1 &&
      none.curve[peak]!.welfare > none.curve[0]!.welfare &&
      lastC.welfare < none.curve[peak]!.welfare;
    checks.push({
      target: "5 welfare vs cumulative pressure rises then falls",
      figure: `peak round ${peak + 1}, fit a=${none.gao.alpha.toFixed(2)} b=${none.gao.beta.toFixed(2)}`,
      goal: "interior peak, a>0, b>0",
      ok: risesThenFalls && none.gao.alpha > 0 && none.gao.beta > 0,
    });
    const rising = none.curve.every(
      (c, i) => i === 0 || c.games === 0 || c.proxy > none.curve[i - 1]!.proxy,
    );
    checks.push({
      target: "5 proxy keeps rising",
      figure: rising ? "every round" : "not every round",
      goal: "every round",
      ok: rising,
    });
  }
  const sensible = s.sensible;
  if (sensible) {
    checks.push({
      target: "2 sensible: catastrophes",
      figure: pct(sensible.catastropheRate),
      goal: "<= 35%",
      ok: sensible.catastropheRate <= 0.35,
    });
    checks.push({
      target: "2 sensible: end welfare vs start",
      figure: `${sensible.meanEndWelfare.toFixed(1)} vs ${sensible.startWelfare.toFixed(1)}`,
      goal: ">= start",
      ok: sensible.meanEndWelfare >= sensible.startWelfare,
    });
  }
  const max = s.max;
  if (max && sensible) {
    checks.push({
      target: "3 max: catastrophes",
      figure: pct(max.catastropheRate),
      goal: `<= sensible (${pct(sensible.catastropheRate)})`,
      ok: max.catastropheRate <= sensible.catastropheRate,
    });
    const gap = 1 - max.meanEndWelfare / sensible.meanEndWelfare;
    checks.push({
      target: "3 max: welfare below sensible",
      figure: pct(gap),
      goal: ">= 10%",
      ok: gap >= 0.1,
    });
  }
  const theatre = s.theatre;
  if (theatre && none) {
    const diff = Math.abs(theatre.catastropheRate - none.catastropheRate);
    checks.push({
      target: "4 theatre: catastrophe rate vs none",
      figure: `${(100 * diff).toFixed(1)} points`,
      goal: "< 5 points",
      ok: diff < 0.05,
    });
    checks.push({
      target: "4 theatre: visible safety vs none",
      figure: `${theatre.meanVisibleSafety.toFixed(1)} vs ${none.meanVisibleSafety.toFixed(1)}`,
      goal: ">= +10",
      ok: theatre.meanVisibleSafety >= none.meanVisibleSafety + 10,
    });
  }
  const mixed = s.mixed;
  if (mixed) {
    const v = Object.values(mixed.meanRank);
    const spread = Math.max(...v) - Math.min(...v);
    checks.push({
      target: "6 mixed: mean rank spread between roles",
      figure: `${spread.toFixed(2)} (${ROLES.map((r) => `${r} ${mixed.meanRank[r].toFixed(2)}`).join(", ")})`,
      goal: "<= 0.5",
      ok: spread <= 0.5,
    });
  }
  return checks;
}
