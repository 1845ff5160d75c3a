/**
 * A bot's turn: the actions it will send, and a move budget so that it never asks for more
 * moves than its seat has left this round (the rules would refuse them anyway).
 */
import type { Action } from "../actions";

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
