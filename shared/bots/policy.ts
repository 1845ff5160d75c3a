/**
 * A bot is a policy: given what its seat sees and the rules' public side, it returns the
 * actions it wants to take this phase. The built-in bots are policies made from a
 * personality; `docs/BOTS.md` shows how to write one. `playBots` is the one loop every host
 * runs bots with (the server, the offline client, the harness, the counterfactual).
 */
import {
  type Action,
  type ActionOffer,
  type ActionType,
  applyAction,
  checkAction,
  offersFor,
  type RuleError,
} from "../actions";
import type { LoggedAction } from "../log";
import type { Scenario } from "../scenario";
import type { GameState, SeatId } from "../state";
import { type BotView, botView } from "../views";
import { botActions } from "./index";
import type { Personality } from "./personalities";

/** The rules' side a bot may consult: the scenario, and the rules' own legality checks. */
export interface BotRules {
  readonly scenario: Scenario;
  /** Every action type as it stands for this seat now (enabled, why not, legal field values). */
  offers(): Record<ActionType, ActionOffer>;
  /** Whether this action would be accepted now (null) or why not. */
  check(action: Action): RuleError | null;
}

/** A bot: the actions to send this phase. Refused ones are dropped, as a person's would be. */
export type Policy = (view: BotView, rules: BotRules) => readonly Action[];

/** The built-in bot of a personality, as a policy. */
export function personalityPolicy(personality: Personality): Policy {
  return (view, rules) => botActions(view, rules.scenario, personality);
}

const builtIn = new Map<Personality, Policy>();

/** The built-in policies of a table's personalities, seat by seat. */
export function personalityPolicies(
  personalities: Readonly<Record<SeatId, Personality>>,
): Record<SeatId, Policy> {
  const out: Record<SeatId, Policy> = {};
  for (const [seat, p] of Object.entries(personalities)) {
    let policy = builtIn.get(p);
    if (!policy) {
      policy = personalityPolicy(p);
      builtIn.set(p, policy);
    }
    out[seat] = policy;
  }
  return out;
}

export function botRules(state: GameState, seat: SeatId): BotRules {
  return {
    scenario: state.scenario,
    offers: () => offersFor(state, seat),
    check: (action) => checkAction(state, seat, action),
  };
}

/**
 * Lets the bots of `seats` take their turn in the current phase, logging what was accepted.
 * They decide simultaneously from the same state (as people do in the secret Act phase);
 * their actions are then applied seat by seat, in the order of `seats`, and the ones the
 * rules refuse (or `filter` drops) are ignored.
 */
export function playBots(
  state: GameState,
  policies: Readonly<Record<SeatId, Policy>>,
  log: LoggedAction[] | null,
  filter?: (seat: SeatId, action: Action) => boolean,
  seats: readonly SeatId[] = state.seats.map((s) => s.id),
): GameState {
  if (state.phase !== "act" && state.phase !== "legislate") return state;
  const phase = state.phase;
  const opening = state;
  const decisions = seats.map((seat) =>
    policies[seat]!(botView(opening, seat), botRules(opening, seat)),
  );
  seats.forEach((seat, i) => {
    for (const action of decisions[i]!) {
      if (filter && !filter(seat, action)) continue;
      const result = applyAction(state, seat, action);
      if (result.ok) {
        state = result.state;
        log?.push({ round: state.round, phase, seat, action });
      }
    }
  });
  return state;
}
