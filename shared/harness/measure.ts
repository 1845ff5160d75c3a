/**
 * The harness's whole measurement of DESIGN.md section 10 (and the difficulty odds of section
 * 11), as stages of jobs handed to a `Runner`: the policy rows, the unregulated games again
 * without the world-wide shock (target 5), every fixed opening screened on a small sample and
 * the best re-run on the full one (target 6), the best-response search per role (target 9)
 * and the difficulty tables. The command line runs it on worker threads, the balance test in
 * its own thread on a small sample; both read the same figures.
 */
import type { GovernmentPolicy } from "../bots/personalities";
import { createGame } from "../create";
import {
  DIFFICULTIES,
  type Difficulty,
  type DifficultyOdds,
  difficultySeats,
  type EndingOdds,
  PLAYER_STAND_IN,
  playerSeat,
} from "../difficulty";
import type { Scenario } from "../scenario";
import { ENDINGS, type Ending, isCatastrophe, ROLES, type Role } from "../vocabulary";
import { type DrawFigures, drawFigures } from "./draws";
import {
  type CounterfactualSummary,
  counterfactualSummary,
  type LeverFigures,
  leverFigures,
  type PaceFigures,
  paceFigures,
} from "./figures";
import { type GameResult, type GamesJob, type Runner, type SeatPlay, seedRange } from "./jobs";
import { enumerateOpenings, OPENING_BAD_FLOOR, type Opening, openingLabel } from "./openings";
import { extremes, type Response, responseGrid, responseLabel } from "./responses";
import { type Summary, summarise } from "./summary";

export interface OpeningResult {
  readonly opening: Opening;
  readonly label: string;
  readonly games: number;
  /** Mean final true welfare, a catastrophe counted as a collapse. */
  readonly welfare: number;
  readonly catastrophe: number;
  /** Catastrophe or Goodhart dystopia. */
  readonly bad: number;
  /** Other openings whose screen games ended exactly as this one's (re-run as this one). */
  readonly twins: readonly string[];
}

export interface OpeningFigures {
  readonly openings: number;
  /** Games every opening played, and how many contenders then played `screenGames`. */
  readonly prescreenGames: number;
  readonly contenders: number;
  readonly screenGames: number;
  readonly finalGames: number;
  /** The re-run openings, best mean welfare first. */
  readonly finals: OpeningResult[];
  /** Openings below the bad-ending floor on the screen that were not re-run. */
  readonly unverified: OpeningResult[];
  /** The sensible governments' mean welfare on the finals' seeds. */
  readonly sensibleWelfare: number | null;
}

export interface ResponseResult {
  readonly response: Response;
  readonly label: string;
  readonly games: number;
  readonly meanRank: number;
  /** Share of games the seat finished first. */
  readonly first: number;
  readonly catastrophe: number;
  readonly welfare: number;
}

export interface RoleResponses {
  readonly role: Role;
  readonly seat: string;
  readonly grid: number;
  readonly screenGames: number;
  readonly finalGames: number;
  /** The re-run policies, best mean rank first. */
  readonly finals: ResponseResult[];
  readonly reckless: ResponseResult;
  readonly careful: ResponseResult;
}

export interface MeasureOptions {
  readonly games: number;
  readonly seed: number;
  /** The policy rows (each `games` games). */
  readonly policies: readonly GovernmentPolicy[];
  /** Switch the world-wide demand shock off in every game of the run. */
  readonly noShock?: boolean;
  /** Play the debrief's counterfactual of the `none` and `sensible` games (target 10). */
  readonly counterfactual?: boolean;
  /** Target 6: the screen's games per opening; how many re-run: the best, and at most `safest` below the floor. */
  readonly openings?: {
    /** Games every opening plays first; the contenders then play up to `screen`. */
    readonly prescreen?: number;
    readonly screen: number;
    /** Share of the openings, best by welfare on the prescreen, that go on to the screen. */
    readonly keep?: number;
    readonly finalists: number;
    readonly safest: number;
    readonly list?: readonly Opening[];
  } | null;
  /** Target 9: the screen's games per policy, how many re-run, on how many games. */
  readonly responses?: {
    readonly screen: number;
    readonly finalists: number;
    readonly games: number;
    /** Steps per slider budget (5: steps of 0.2). */
    readonly units?: number;
    readonly roles?: readonly Role[];
  } | null;
  readonly difficulty?: { readonly games: number } | null;
  /** Games per job handed to the runner. */
  readonly batch?: number;
  /** For stage timings (the shared library has no clock of its own). */
  readonly clock?: () => number;
  readonly progress?: (stage: string) => void;
}

export interface Measured {
  readonly scenario: string;
  readonly games: number;
  readonly seed: number;
  readonly start: { readonly welfare: number; readonly proxy: number };
  readonly rows: Partial<Record<GovernmentPolicy, Summary>>;
  readonly results: Partial<Record<GovernmentPolicy, GameResult[]>>;
  /** The unregulated games without the world-wide demand shock (target 5). */
  readonly noShock: Summary | null;
  readonly levers: LeverFigures[] | null;
  readonly openings: OpeningFigures | null;
  readonly draws: DrawFigures | null;
  readonly pace: PaceFigures | null;
  readonly responses: Partial<Record<Role, RoleResponses>> | null;
  readonly counterfactual: CounterfactualSummary | null;
  readonly difficulty: DifficultyOdds | null;
  /** Seconds per stage, when a clock was given. */
  readonly timings: { stage: string; seconds: number }[];
}

/** A copy of the scenario with the world-wide demand shock switched off. */
export function withoutShock(scenario: Scenario): Scenario {
  return { ...scenario, economy: { ...scenario.economy, shockSd: 0 } };
}

/** Runs jobs in batches of `batch` games and puts each job's results back together. */
async function runAll(
  run: Runner,
  jobs: readonly GamesJob[],
  batch: number,
): Promise<GameResult[][]> {
  const pieces: GamesJob[] = [];
  const owner: number[] = [];
  jobs.forEach((job, j) => {
    for (let i = 0; i < job.seeds.length; i += batch) {
      pieces.push({ ...job, seeds: job.seeds.slice(i, i + batch) });
      owner.push(j);
    }
  });
  const done = await run(pieces);
  const out: GameResult[][] = jobs.map(() => []);
  done.forEach((results, i) => {
    out[owner[i]!]!.push(...results);
  });
  return out;
}

function openingResult(
  opening: Opening,
  results: readonly GameResult[],
  twins: readonly string[] = [],
): OpeningResult {
  const n = Math.max(1, results.length);
  let welfare = 0;
  let catastrophe = 0;
  let bad = 0;
  for (const { record } of results) {
    welfare += record.welfareCounted;
    if (isCatastrophe(record.ending)) catastrophe++;
    if (isCatastrophe(record.ending) || record.ending === "dystopia") bad++;
  }
  return {
    opening,
    label: openingLabel(opening),
    games: results.length,
    welfare: welfare / n,
    catastrophe: catastrophe / n,
    bad: bad / n,
    twins,
  };
}

function responseResult(
  response: Response,
  seat: string,
  results: readonly GameResult[],
): ResponseResult {
  const n = Math.max(1, results.length);
  let rank = 0;
  let first = 0;
  let catastrophe = 0;
  let welfare = 0;
  for (const { record } of results) {
    const r = record.ranks[seat]?.rank ?? Number.NaN;
    rank += r;
    if (r === 1) first++;
    if (isCatastrophe(record.ending)) catastrophe++;
    welfare += record.welfareCounted;
  }
  return {
    response,
    label: responseLabel(response),
    games: results.length,
    meanRank: rank / n,
    first: first / n,
    catastrophe: catastrophe / n,
    welfare: welfare / n,
  };
}

function endingOdds(results: readonly GameResult[]): EndingOdds {
  const n = Math.max(1, results.length);
  const endings = Object.fromEntries(ENDINGS.map((e) => [e, 0])) as Record<Ending, number>;
  let catastrophe = 0;
  let welfare = 0;
  for (const { record } of results) {
    endings[record.ending]++;
    if (isCatastrophe(record.ending)) catastrophe++;
    welfare += record.welfareCounted;
  }
  for (const e of ENDINGS) endings[e] /= n;
  return { endings, catastrophe: catastrophe / n, welfare: welfare / n };
}

/** Measures everything the options ask for; see the module's header. */
export async function measure(
  scenario: Scenario,
  options: MeasureOptions,
  run: Runner,
): Promise<Measured> {
  const { games, seed } = options;
  const batch = options.batch ?? 50;
  const world = options.noShock ? withoutShock(scenario) : scenario;
  const timings: { stage: string; seconds: number }[] = [];
  let t = options.clock?.() ?? 0;
  const stage = (name: string) => {
    if (options.clock) {
      const now = options.clock();
      timings.push({ stage: name, seconds: (now - t) / 1000 });
      t = now;
    }
    options.progress?.(name);
  };
  const opening = createGame(world, seed);
  const start = { welfare: opening.startWelfare, proxy: opening.startProxy };
  const seeds = seedRange(seed, games);
  const play = (
    policy: GovernmentPolicy,
    more: Partial<GamesJob> = {},
    s: Scenario = world,
  ): GamesJob => ({
    scenario: s,
    policy,
    seeds,
    rounds: false,
    counterfactual: false,
    ...more,
  });

  // The policy rows.
  const rowJobs = options.policies.map((p) =>
    play(p, {
      rounds: true,
      counterfactual: !!options.counterfactual && (p === "none" || p === "sensible"),
    }),
  );
  const rowResults = await runAll(run, rowJobs, batch);
  const rows: Partial<Record<GovernmentPolicy, Summary>> = {};
  const results: Partial<Record<GovernmentPolicy, GameResult[]>> = {};
  options.policies.forEach((p, i) => {
    results[p] = rowResults[i]!;
    rows[p] = summarise(
      rowResults[i]!.map((r) => r.record),
      p,
      world,
      start,
    );
  });
  if (options.policies.length > 0) stage(`${options.policies.length} policy rows`);

  // Target 5: the unregulated games without the shock (the rows already are, with --no-shock).
  let noShock: Summary | null = null;
  if (options.policies.includes("none")) {
    if (options.noShock) noShock = rows.none!;
    else {
      const calm = withoutShock(scenario);
      const [calmResults] = await runAll(run, [play("none", { rounds: true }, calm)], batch);
      const calmStart = createGame(calm, seed);
      noShock = summarise(
        calmResults!.map((r) => r.record),
        "none",
        calm,
        { welfare: calmStart.startWelfare, proxy: calmStart.startProxy },
      );
      stage("unregulated without the shock");
    }
  }

  const openings = options.openings
    ? await measureOpenings(world, options, run, batch, rows.sensible ?? null)
    : null;
  if (openings) stage(`${openings.openings} openings`);

  const responses = options.responses ? await measureResponses(world, options, run, batch) : null;
  if (responses) stage("best responses");

  const difficulty = options.difficulty
    ? await measureDifficulty(world, options.difficulty.games, seed, run, batch)
    : null;
  if (difficulty) stage("difficulty");

  const records = (p: GovernmentPolicy) => results[p]?.map((r) => r.record) ?? null;
  return {
    scenario: scenario.id,
    games,
    seed,
    start,
    rows,
    results,
    noShock,
    levers: noShock ? leverFigures(world, noShock) : null,
    openings,
    draws: results.sensible ? drawFigures(records("sensible")!) : null,
    pace:
      results.none || results.sensible
        ? paceFigures(world, records("none"), records("sensible"))
        : null,
    responses,
    counterfactual: options.counterfactual
      ? counterfactualSummary(results.none ?? null, results.sensible ?? null)
      : null,
    difficulty,
    timings,
  };
}

async function measureOpenings(
  scenario: Scenario,
  options: MeasureOptions,
  run: Runner,
  batch: number,
  sensible: Summary | null,
): Promise<OpeningFigures> {
  const o = options.openings!;
  const list = o.list ?? enumerateOpenings(scenario);
  const job = (opening: Opening, seeds: number[]): GamesJob => ({
    scenario,
    policy: "none",
    seeds,
    roles: { government: { kind: "opening", opening } },
    rounds: false,
    counterfactual: false,
  });
  // Every opening plays the prescreen; the best share by welfare, and any whose bad endings
  // are within 2.5 times the floor, go on to play the whole screen.
  const screenCount = Math.min(o.screen, options.games);
  const preCount = Math.min(o.prescreen ?? screenCount, screenCount);
  const pre = await runAll(
    run,
    list.map((opening) => job(opening, seedRange(options.seed, preCount))),
    batch,
  );
  let contenders = list.map((_, i) => i);
  if (preCount < screenCount) {
    const results = pre.map((rs, i) => openingResult(list[i]!, rs));
    const cut = [...results].sort((a, b) => b.welfare - a.welfare)[
      Math.max(0, Math.ceil((o.keep ?? 0.15) * list.length) - 1)
    ]!.welfare;
    contenders = contenders.filter(
      (i) => results[i]!.welfare >= cut || results[i]!.bad <= 2.5 * OPENING_BAD_FLOOR,
    );
    const more = await runAll(
      run,
      contenders.map((i) =>
        job(list[i]!, seedRange(options.seed + preCount, screenCount - preCount)),
      ),
      batch,
    );
    contenders.forEach((i, k) => {
      pre[i] = [...pre[i]!, ...more[k]!];
    });
  }
  const screenResults = contenders.map((i) => pre[i]!);
  const screenList = contenders.map((i) => list[i]!);
  // Openings whose screen games all end exactly as another's (the same ending in the same
  // round with the same welfare to the last digit, as an accord and the same rule passed in
  // both blocs do) are screened and re-run as one, their twins named.
  const groups = new Map<string, number[]>();
  screenResults.forEach((rs, i) => {
    const key = rs
      .map(({ record: r }) => `${r.ending}:${r.endRound}:${r.welfareCounted}`)
      .join(",");
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const screened = [...groups.values()].map((members) =>
    openingResult(
      screenList[members[0]!]!,
      screenResults[members[0]!]!,
      members.slice(1).map((i) => openingLabel(screenList[i]!)),
    ),
  );
  const byWelfare = [...screened].sort((a, b) => b.welfare - a.welfare);
  const bySafety = [...screened].sort((a, b) => a.bad - b.bad || b.welfare - a.welfare);
  // Re-run the best, and the least bad: every one below the floor on the screen, up to
  // `safest` of them (and never fewer than three, so the floor is checked on full samples).
  const below = bySafety.filter((r) => r.bad < OPENING_BAD_FLOOR).length;
  const chosen = new Set<OpeningResult>([
    ...byWelfare.slice(0, o.finalists),
    ...bySafety.slice(0, Math.min(o.safest, Math.max(3, below))),
  ]);
  const finalSeeds = seedRange(options.seed, options.games);
  const picked = [...chosen];
  const finals = (
    await runAll(
      run,
      picked.map((r) => job(r.opening, finalSeeds)),
      batch,
    )
  )
    .map((rs, i) => openingResult(picked[i]!.opening, rs, picked[i]!.twins))
    .sort((a, b) => b.welfare - a.welfare);
  return {
    openings: list.length,
    prescreenGames: preCount,
    contenders: contenders.length,
    screenGames: screenCount,
    finalGames: finalSeeds.length,
    finals,
    unverified: screened.filter((r) => r.bad < OPENING_BAD_FLOOR && !chosen.has(r)),
    sensibleWelfare: sensible ? sensible.meanEndWelfare : null,
  };
}

async function measureResponses(
  scenario: Scenario,
  options: MeasureOptions,
  run: Runner,
  batch: number,
): Promise<Partial<Record<Role, RoleResponses>>> {
  const o = options.responses!;
  const out: Partial<Record<Role, RoleResponses>> = {};
  for (const role of o.roles ?? ROLES) {
    const seat = playerSeat(scenario, role);
    if (!seat) continue;
    const grid = responseGrid(role, o.units);
    const job = (response: Response, seeds: number[]): GamesJob => ({
      scenario,
      policy: "mixed",
      seeds,
      seats: { [seat]: { kind: "response", response } },
      rounds: false,
      counterfactual: false,
    });
    const screenSeeds = seedRange(options.seed, Math.min(o.screen, options.games));
    const screened = (
      await runAll(
        run,
        grid.map((r) => job(r, screenSeeds)),
        batch,
      )
    ).map((rs, i) => responseResult(grid[i]!, seat, rs));
    const { reckless, careful } = extremes(role);
    const byRank = [...screened].sort((a, b) => a.meanRank - b.meanRank);
    const byFirst = [...screened].sort((a, b) => b.first - a.first);
    const labels = new Set<string>([
      ...byRank.slice(0, o.finalists).map((r) => r.label),
      ...byFirst.slice(0, 3).map((r) => r.label),
      responseLabel(reckless),
      responseLabel(careful),
    ]);
    const picked = grid.filter((r) => labels.has(responseLabel(r)));
    const finalSeeds = seedRange(options.seed, Math.min(o.games, options.games));
    const finals = (
      await runAll(
        run,
        picked.map((r) => job(r, finalSeeds)),
        batch,
      )
    )
      .map((rs, i) => responseResult(picked[i]!, seat, rs))
      .sort((a, b) => a.meanRank - b.meanRank);
    out[role] = {
      role,
      seat,
      grid: grid.length,
      screenGames: screenSeeds.length,
      finalGames: finalSeeds.length,
      finals,
      reckless: finals.find((r) => r.label === responseLabel(reckless))!,
      careful: finals.find((r) => r.label === responseLabel(careful))!,
    };
  }
  return out;
}

async function measureDifficulty(
  scenario: Scenario,
  games: number,
  seed: number,
  run: Runner,
  batch: number,
): Promise<DifficultyOdds> {
  const cells: { level: Difficulty; role: Role }[] = [];
  for (const level of DIFFICULTIES) for (const role of ROLES) cells.push({ level, role });
  const jobs = cells.map(({ level, role }): GamesJob => {
    const seats: Record<string, SeatPlay> = {};
    for (const [id, personality] of Object.entries(difficultySeats(level, scenario, role)))
      seats[id] = { kind: "personality", personality };
    const mine = playerSeat(scenario, role);
    if (mine) seats[mine] = { kind: "personality", personality: PLAYER_STAND_IN[role] };
    return {
      scenario,
      policy: "mixed",
      seeds: seedRange(seed, games),
      seats,
      rounds: false,
      counterfactual: false,
    };
  });
  const done = await runAll(run, jobs, batch);
  const odds = Object.fromEntries(
    DIFFICULTIES.map((level) => [level, {} as Record<Role, EndingOdds>]),
  ) as Record<Difficulty, Record<Role, EndingOdds>>;
  cells.forEach(({ level, role }, i) => {
    odds[level][role] = endingOdds(done[i]!);
  });
  return { scenario: scenario.id, games, seed, odds };
}
