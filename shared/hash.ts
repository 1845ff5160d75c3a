/**
 * A stable hash of a game state (FNV-1a over a canonical walk of its data), used to check
 * determinism and replays: two states hash equal exactly when their data is equal.
 */
import type { GameState } from "./state";

function walk(value: unknown, feed: (s: string) => void): void {
  if (value === null || value === undefined) {
    feed("n");
  } else if (typeof value === "number") {
    feed(Object.is(value, -0) ? "0" : value.toString());
  } else if (typeof value === "string") {
    feed(JSON.stringify(value));
  } else if (typeof value === "boolean") {
    feed(value ? "t" : "f");
  } else if (Array.isArray(value)) {
    feed("[");
    for (const v of value) {
      walk(v, feed);
      feed(",");
    }
    feed("]");
  } else if (typeof value === "object") {
    feed("{");
    for (const key of Object.keys(value).sort()) {
      feed(key);
      feed(":");
      walk((value as Record<string, unknown>)[key], feed);
      feed(",");
    }
    feed("}");
  }
}

export function hashState(state: GameState): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
  };
  walk(state, feed);
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
