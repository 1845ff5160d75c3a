/**
 * The game's phase machine: News → Act → Legislate → Resolve, round after round, until an
 * ending. `advance` is the only way time moves; the server calls it when a phase's timer runs
 * out (or everyone is ready), the harness calls it directly. As a round opens, its injects
 * strike (`injects.ts`): the scenario's scheduled ones and those pushed during the last round.
 */
import { openRound } from "./injects";
import { resolveRound } from "./resolve";
import type { GameState } from "./state";

export function advance(state: GameState): GameState {
  switch (state.phase) {
    case "news":
      return { ...state, phase: "act" };
    case "act":
      return { ...state, phase: "legislate" };
    case "legislate":
      return resolveRound(state);
    case "resolve": {
      if (state.ending) return { ...state, phase: "ended" };
      const { pendingInjects, ...rest } = state;
      const next: GameState = {
        ...rest,
        round: state.round + 1,
        phase: "news",
        orders: Object.fromEntries(state.seats.map((s) => [s.id, { moves: [], used: 0 }])),
        proposals: state.proposals.filter((p) => p.status === "open"),
      };
      return openRound(next, pendingInjects);
    }
    case "ended":
      return state;
  }
}

export function yearOf(state: GameState, round = state.round): number {
  return state.scenario.startYear + round - 1;
}
