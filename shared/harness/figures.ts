/**
 * Figures the balance targets read off the games' records: the pace of warnings (target 8),
 * the debrief's counterfactual against the game (target 10), and each lever's welfare-best
 * level against the market's (target 5).
 */
import type { Scenario } from "../scenario";
import type { GameRecord } from "../selfplay";
import { isCatastrophe, LEVERS, type Lever } from "../vocabulary";
import { welfareBestLevels } from "../welfare";
import type { GameResult } from "./jobs";
import type { Summary } from "./summary";

/** DESIGN.md section 10, target 8: the rounds its clauses name. */
export const PACE = { closeCallBy: 5, catastropheBefore: 9, incidentBy: 6 } as const;

export interface PaceFigures {
  readonly unregulated: {
    readonly games: number;
    /** Median round of the first close call; a game without one counts as after the end (null if the median is). */
    readonly medianFirstCloseCall: number | null;
    readonly catastropheEarly: number;
    readonly incidentEarly: number;
  } | null;
  readonly sensible: { readonly games: number; readonly warned: number } | null;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function paceFigures(
  scenario: Scenario,
  unregulated: readonly GameRecord[] | null,
  sensible: readonly GameRecord[] | null,
): PaceFigures {
  const after = scenario.rounds + 1;
  const share = (rs: readonly GameRecord[], f: (r: GameRecord) => boolean) =>
    rs.length > 0 ? rs.filter(f).length / rs.length : Number.NaN;
  let u: PaceFigures["unregulated"] = null;
  if (unregulated && unregulated.length > 0) {
    const m = median(unregulated.map((r) => r.firstCloseCall ?? after));
    u = {
      games: unregulated.length,
      medianFirstCloseCall: m >= after ? null : m,
      catastropheEarly: share(
        unregulated,
        (r) => isCatastrophe(r.ending) && r.endRound < PACE.catastropheBefore,
      ),
      incidentEarly: share(unregulated, (r) => r.incidents.some((i) => i.round <= PACE.incidentBy)),
    };
  }
  const s =
    sensible && sensible.length > 0
      ? {
          games: sensible.length,
          warned: share(sensible, (r) => r.firstCloseCall !== null || r.incidents.length > 0),
        }
      : null;
  return { unregulated: u, sensible: s };
}

export interface CounterfactualSummary {
  /** Games under `none` whose counterfactual hashes as the game itself. */
  readonly unregulated: { readonly games: number; readonly identical: number } | null;
  /** Sensible games whose "no regulation" world ends with more (counted) welfare. */
  readonly sensible: { readonly games: number; readonly better: number } | null;
}

export function counterfactualSummary(
  unregulated: readonly GameResult[] | null,
  sensible: readonly GameResult[] | null,
): CounterfactualSummary {
  const with_ = (rs: readonly GameResult[] | null) =>
    (rs ?? []).filter((r) => r.counterfactual !== null);
  const u = with_(unregulated);
  const s = with_(sensible);
  return {
    unregulated:
      u.length > 0
        ? {
            games: u.length,
            identical: u.filter((r) => r.counterfactual!.identical).length / u.length,
          }
        : null,
    sensible:
      s.length > 0
        ? {
            games: s.length,
            better:
              s.filter((r) => r.counterfactual!.welfareCounted > r.record.welfareCounted).length /
              s.length,
          }
        : null,
  };
}

export interface LeverFigures {
  readonly lever: Lever;
  /** The welfare-best level at the start (null if the model cannot say). */
  readonly best: number | null;
  /** The market's mean level in round 1. */
  readonly first: number;
  /** The first round whose mean level is above the welfare-best one, or null. */
  readonly passes: number | null;
}

/** Target 5's lever clause, from the (shock-free) unregulated games' mean curve. */
export function leverFigures(scenario: Scenario, unregulated: Summary): LeverFigures[] {
  const best = welfareBestLevels(scenario);
  const rounds = unregulated.curve.filter((c) => c.games > 0);
  return LEVERS.map((lever, l) => {
    const b = best[l];
    const at = b === undefined ? undefined : rounds.find((c) => c.levers[l]! > b);
    return {
      lever,
      best: b ?? null,
      first: rounds[0]?.levers[l] ?? Number.NaN,
      passes: at ? at.round : null,
    };
  });
}
