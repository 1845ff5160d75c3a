/**
 * The self-play harness's pure part: play seeded bot games under a government policy (with
 * any role, or any one seat, played instead by a policy of one's own, such as a bot written
 * outside the repo: `externalBot` checks what such a module exports and what it returns),
 * record each game in the harness's JSONL shape, and measure the balance targets of DESIGN.md
 * section 10 (`harness/`: the searches, the figures and `balanceChecks`). The command-line
 * wrapper is `scripts/selfplay.ts`; `docs/BOTS.md` says how to write a bot.
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
import { type GameLog, type LoggedAction, playBotGame } from "./log";
import { Rng, seedRng } from "./rng";
import type { Scenario } from "./scenario";
import { countedWelfare, ranks } from "./scoring";
import type { GameState, SeatId } from "./state";
import type { Ending, Incident, Role } from "./vocabulary";

export { correlation, type Summary, summarise } from "./harness/summary";
export { balanceChecks, type Check } from "./harness/targets";

export interface RoundFigures {
  round: number;
  proxy: number;
  welfare: number;
  measuredWelfare: number;
  capability: number;
  pressure: number;
  visibleSafety: number;
  risks: { misuse: number; centralisation: number; goodhart: number; takeover: number };
  /** The market's and firms' output-weighted mean of each lever (LEVERS order). */
  levers: number[];
}

export interface GameRecord {
  seed: number;
  policy: GovernmentPolicy;
  ending: Ending;
  rounds: RoundFigures[];
  ranks: Record<SeatId, { role: Role; rank: number }>;
  finalHash: string;
  /** Who played each seat: a bot personality, or the name of the policy that replaced it. */
  personalities: Record<SeatId, string>;
  /** The round the game ended in (the last round, or the catastrophe's). */
  endRound: number;
  /** The round of the first close call in the news, or null if none came. */
  firstCloseCall: number | null;
  incidents: { round: number; kind: Incident }[];
  /** Final true welfare, a catastrophe counted as a collapse (`scenario.endings.collapseWelfare`). */
  welfareCounted: number;
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

export function recordOf(
  state: GameState,
  policy: GovernmentPolicy,
  personalities: Readonly<Record<SeatId, string>> = {},
): GameRecord {
  const r = ranks(state);
  const closeCall = state.chronicle.find((e) => e.kind === "closeCall");
  const incidents: GameRecord["incidents"] = [];
  for (const e of state.chronicle)
    if (e.kind === "incident" && e.incident) incidents.push({ round: e.round, kind: e.incident });
  const last = state.history[state.history.length - 1];
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
      levers: [...h.levers],
    })),
    ranks: Object.fromEntries(state.seats.map((s) => [s.id, { role: s.role, rank: r[s.id]! }])),
    finalHash: hashState(state),
    personalities: Object.fromEntries(state.seats.map((s) => [s.id, personalities[s.id] ?? "?"])),
    endRound: last ? last.round : state.round,
    firstCloseCall: closeCall ? closeCall.round : null,
    incidents,
    welfareCounted: countedWelfare(state),
  };
}

/** Policies that play every seat of a role instead of the harness's built-in bots. */
export type RoleOverrides = Partial<Record<Role, Policy>>;

/** A policy with the name the game's record gives the seat it plays. */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: Policy;
}

/** What else a harness game changes besides whole roles (see `runHarnessGame`). */
export interface HarnessOptions {
  /** Seats played by a policy of their own (over the role's override, if any). */
  readonly seats?: Readonly<Record<SeatId, NamedPolicy>>;
  /** Built-in personalities instead of the drawn ones (for the seats named). */
  readonly personalities?: Readonly<Record<SeatId, Personality>>;
  /** The names a role's overriding policy gets in the record (default "override"). */
  readonly roleNames?: Partial<Record<Role, string>>;
}

/**
 * Plays one harness game: the seats and built-in personalities of `harnessPersonalities`
 * (governments following `policy`), except that every seat of a role in `overrides` is
 * played by that policy, and each seat in `options.seats` by its own (`options.personalities`
 * replaces drawn personalities). The draw of personalities does not depend on the overrides,
 * so a game with a bot government meets the same labs and companies as the built-in one.
 * Returns the final state, its record, the accepted actions in order, and the game's log
 * (the personalities in it are the built-in bots that stand in for overriding policies).
 */
export function runHarnessGame(
  scenario: Scenario,
  seed: number,
  policy: GovernmentPolicy,
  overrides: RoleOverrides = {},
  options: HarnessOptions = {},
): { state: GameState; record: GameRecord; actions: LoggedAction[]; log: GameLog } {
  const drawn = harnessPersonalities(scenario, seed, policy);
  const seats = drawn.seats;
  const personalities = { ...drawn.personalities, ...options.personalities };
  const names: Record<SeatId, string> = { ...personalities };
  const ownSeats = options.seats ?? {};
  if (Object.keys(overrides).length === 0 && Object.keys(ownSeats).length === 0) {
    const { state, log } = playBotGame({ scenario, seed, seats, personalities });
    return { state, record: recordOf(state, policy, names), actions: log.actions, log };
  }
  // playBotGame's loop (shared/log.ts), with the overriding policies in their seats.
  const actions: LoggedAction[] = [];
  let state = createGame(scenario, seed, seats);
  const policies = personalityPolicies(personalities);
  for (const seat of state.seats) {
    const own = overrides[seat.role];
    if (own) {
      policies[seat.id] = own;
      names[seat.id] = options.roleNames?.[seat.role] ?? "override";
    }
    const mine = ownSeats[seat.id];
    if (mine) {
      policies[seat.id] = mine.policy;
      names[seat.id] = mine.name;
    }
  }
  while (state.phase !== "ended") {
    state = playBots(state, policies, actions);
    state = advance(state);
  }
  const log: GameLog = { scenario, seed, seats, personalities, actions };
  return { state, record: recordOf(state, policy, names), actions, log };
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
