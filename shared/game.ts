/**
 * The game's phase machine: News → Act → Legislate → Resolve, round after round, until an
 * ending. `advance` is the only way time moves; the server calls it when a phase's timer runs
 * out (or everyone is ready), the harness calls it directly. As a round opens, its injects
 * strike (`injects.ts`): the scenario's scheduled ones and those pushed during the last round.
 */
import { shallowState } from "./clone";
import { openRound } from "./injects";
import { resolveRound } from "./resolve";
import type { GameState } from "./state";

export function advance(state: GameState): GameState {
  switch (state.phase) {
    case "news":
      return withPhase(state, "act");
    case "act":
      return withPhase(state, "legislate");
    case "legislate":
      return resolveRound(state);
    case "resolve": {
      if (state.ending) return withPhase(state, "ended");
      const next = shallowState(state, true);
      next.round = state.round + 1;
      next.phase = "news";
      const orders: GameState["orders"] = {};
      for (const s of state.seats) orders[s.id] = { moves: [], used: 0 };
      next.orders = orders;
      next.proposals = state.proposals.filter((p) => p.status === "open");
      return openRound(next, state.pendingInjects);
    }
    case "ended":
      return state;
  }
}

function withPhase(state: GameState, phase: GameState["phase"]): GameState {
  const next = shallowState(state);
  next.phase = phase;
  return next;
}

export function yearOf(state: GameState, round = state.round): number {
  return state.scenario.startYear + round - 1;
}
