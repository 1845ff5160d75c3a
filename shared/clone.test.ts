import { describe, expect, it } from "vitest";
import { cloneState } from "./clone";
import { hashState } from "./hash";
import { STANDARD } from "./presets";
import { runHarnessGame } from "./selfplay";
import type { GameState } from "./state";

/** Overwrites every number, string and boolean reachable in `value`, except shared parts. */
function scribble(value: unknown, skip: ReadonlySet<unknown>): void {
  if (value === null || typeof value !== "object" || skip.has(value)) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === "number") record[key] = v + 1;
    else if (typeof v === "string") record[key] = `${v}!`;
    else if (typeof v === "boolean") record[key] = !v;
    else scribble(v, skip);
  }
}

describe("cloneState", () => {
  it("copies every part the round step may write, so scribbling on the copy leaves the original intact", () => {
    const { state } = runHarnessGame(STANDARD, 11, "sensible");
    // A mid-game state with regulations, proposals, orders and drivers in it.
    const original: GameState = { ...state, phase: "legislate" };
    const before = hashState(original);
    const copy = cloneState(original);
    // History records, events and queued moves are written once and shared on purpose, as is the scenario.
    const moves = Object.values(copy.orders).flatMap((o) => o.moves);
    const shared = new Set<unknown>([
      copy.scenario,
      ...copy.history,
      ...copy.chronicle,
      ...copy.events,
      ...moves,
    ]);
    scribble(copy, shared);
    expect(hashState(original)).toBe(before);
    expect(hashState(copy)).not.toBe(before);
  });

  it("gives a state equal to the original", () => {
    const { state } = runHarnessGame(STANDARD, 12, "mixed");
    expect(hashState(cloneState(state))).toBe(hashState(state));
    expect(cloneState(state)).toEqual(state);
  });
});
