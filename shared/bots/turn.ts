/**
 * A bot's turn: the actions it will send, and a move budget so that it never asks for more
 * moves than its seat has left this round (the rules would refuse them anyway).
 */
import type { Action } from "../actions";
import type { PublicView } from "../views";
import type { Attractor } from "../vocabulary";

export interface Turn {
  readonly actions: Action[];
  /** Adds a move if one is left; returns whether it was added. */
  move(action: Action): boolean;
}

export function startTurn(movesLeft: number): Turn {
  const actions: Action[] = [];
  let left = movesLeft;
  return {
    actions,
    move(action) {
      if (left <= 0) return false;
      actions.push(action);
      left--;
      return true;
    },
  };
}

/** Whether last round's news had a warning sign (a close call or an incident) on one of these. */
export function warningHeard(pub: PublicView, attractors: readonly Attractor[]): boolean {
  return pub.news.some(
    (e) =>
      e.round === pub.round - 1 &&
      (e.kind === "closeCall" || e.kind === "incident") &&
      e.attractor !== undefined &&
      attractors.includes(e.attractor),
  );
}
