/**
 * How the game screen is laid out: the top bar; the board with the dashboard, the landscape,
 * the chart and risks below it and the side panel; the phone's tab bar; the phase hint.
 * The stylesheet places the board's areas (and shows one at a time on phones).
 */
import { h } from "../dom";

export interface GameParts {
  readonly topbar: HTMLElement;
  readonly dashboard: HTMLElement;
  readonly world: HTMLElement;
  readonly chart: HTMLElement;
  readonly risks: HTMLElement;
  readonly side: HTMLElement;
  readonly mobileBar: HTMLElement;
  readonly phaseHint: HTMLElement;
}

/** The board, empty; `gameScreen` fills it (the phone's tabs mark it with `data-mtab`). */
export function gameBoard(): HTMLElement {
  return h("main", { class: "board", "data-mtab": "world" });
}

export function gameScreen(board: HTMLElement, p: GameParts): HTMLElement {
  board.append(
    p.dashboard,
    p.world,
    h("div", { class: "panel area-lower" }, p.chart, p.risks),
    p.side,
  );
  return h(
    "div",
    { class: "game", "data-screen": "game" },
    p.topbar,
    board,
    p.mobileBar,
    p.phaseHint,
  );
}
