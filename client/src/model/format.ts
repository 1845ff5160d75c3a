/**
 * Formatting for people: numbers, percentages, years, phase names and clocks. Pure functions.
 */
import type { Phase } from "../../../shared/vocabulary";

export function pct(x: number, digits = 0): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** A 0–100 level as a whole number. */
export function level(x: number): string {
  return Math.round(Math.max(0, Math.min(100, x))).toString();
}

export function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "–";
  const abs = Math.abs(x);
  if (abs >= 1000) return `${(x / 1000).toFixed(1)}k`;
  return x.toFixed(abs >= 100 ? 0 : digits);
}

export function signed(x: number, digits = 1): string {
  const s = num(x, digits);
  return x > 0 ? `+${s}` : s;
}

export function yearOfRound(startYear: number, round: number): number {
  return startYear + round - 1;
}

export const PHASE_LABEL: Record<Phase | "lobby", string> = {
  lobby: "Lobby",
  news: "News",
  act: "Act",
  legislate: "Legislate",
  resolve: "Resolve",
  ended: "Game over",
};

export const PHASE_HINT: Record<Phase | "lobby", string> = {
  lobby: "Waiting for the host to start.",
  news: "Read what happened last year.",
  act: "Set your strategy and make up to two moves. Governments draft proposals.",
  legislate: "Vote on proposals; companies and labs lobby.",
  resolve: "The world takes a step. Watch the marker move.",
  ended: "The game is over.",
};

/** Milliseconds as m:ss, never negative. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${(s % 60).toString().padStart(2, "0")}`;
}

/** "a", "b" and "c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function capitalise(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}
