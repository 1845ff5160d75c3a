/**
 * One scale for the two figures everyone compares: the economic index and welfare (measured
 * or true) are shown as an index where the start of the game is 100, on the seat card, the
 * tiles, the chart, the debrief and its tables alike. And places as words ("2nd of 6"). Pure.
 */

/** A figure as an index of its start value (start = 100). */
export function indexOf(value: number, start: number): number {
  return start !== 0 && Number.isFinite(start) ? (value / start) * 100 : value;
}

/** An index figure as shown everywhere: a whole number. */
export function indexText(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x)) : "–";
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** A place among players: "2nd of 6". */
export function placeText(rank: number, of: number): string {
  return `${ordinal(rank)} of ${of}`;
}
