/**
 * A stable hash of a game state (two 32-bit FNV-style lanes over a canonical walk of its
 * data, numbers fed by their exact IEEE-754 bits), used to check determinism and replays:
 * two states hash equal when their data is equal, bit for bit.
 *
 * Of the scenario, the inject catalogue and schedule are left out: they are a menu of what may
 * happen, and what does happen shows in the state itself (an inject that strikes changes the
 * numbers and writes a "crisis" event naming it; one pushed and not yet struck waits in
 * `pendingInjects`). So adding the catalogue to every scenario left the hash of every game
 * without injects as it was.
 */
import type { GameState } from "./state";

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

class Hasher {
  h1 = 0x811c9dc5;
  h2 = 0x5bd1e995;

  word(w: number): void {
    this.h1 = Math.imul(this.h1 ^ w, 0x01000193) >>> 0;
    this.h2 = Math.imul(this.h2 ^ w, 0x5bd1e995) >>> 0;
    this.h2 = (this.h2 ^ (this.h2 >>> 15)) >>> 0;
  }

  number(n: number): void {
    f64[0] = n === 0 ? 0 : n; // -0 and 0 hash alike
    this.word(u32[0]!);
    this.word(u32[1]!);
  }

  string(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  walk(value: unknown): void {
    if (value === null || value === undefined) {
      this.word(1);
    } else if (typeof value === "number") {
      this.word(2);
      this.number(value);
    } else if (typeof value === "string") {
      this.word(3);
      this.string(value);
    } else if (typeof value === "boolean") {
      this.word(value ? 4 : 5);
    } else if (Array.isArray(value)) {
      this.word(6);
      this.word(value.length);
      for (const v of value) this.walk(v);
    } else if (typeof value === "object") {
      this.word(7);
      const keys = Object.keys(value).sort();
      this.word(keys.length);
      for (const key of keys) {
        this.string(key);
        this.walk((value as Record<string, unknown>)[key]);
      }
    }
  }
}

export function hashState(state: GameState): string {
  const h = new Hasher();
  const { injects: _injects, schedule: _schedule, ...scenario } = state.scenario;
  h.walk({ ...state, scenario });
  return h.h1.toString(16).padStart(8, "0") + h.h2.toString(16).padStart(8, "0");
}
