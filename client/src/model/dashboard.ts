/**
 * A seat's dashboard as data: its strategy sliders (`strategy.ts`), the moves it may make
 * with their fields and effects (`moves.ts`, legality from the view), and the figures it can
 * know (`stats.ts`). The DOM renders these and turns the player's choices back into actions.
 */
export * from "./moves";
export * from "./stats";
export * from "./strategy";
