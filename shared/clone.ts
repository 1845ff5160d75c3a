/**
 * Deep copy of plain game data. The round step copies the state once and then mutates its
 * copy, so the state it was given never changes. The scenario is shared, never copied.
 */
import type { GameState } from "./state";

function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    if (value.length === 0 || typeof value[0] !== "object") return value.slice() as T;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = cloneValue((value as Record<string, unknown>)[key]);
  return out as T;
}

export function cloneState(state: GameState): GameState {
  const out: Record<string, unknown> = {};
  for (const key in state) {
    const v = (state as unknown as Record<string, unknown>)[key];
    out[key] = key === "scenario" || key === "history" || key === "chronicle" ? v : cloneValue(v);
  }
  // History records and chronicle entries are immutable once written: copy the arrays, share the records.
  out.history = state.history.slice();
  out.chronicle = state.chronicle.slice();
  return out as unknown as GameState;
}
