/**
 * What the title screen accepts before it asks the server: a player's name, and a join code
 * as typed (upper-cased, stripped to letters and digits, the code's length). A solo player and
 * a projector need no name: one is made up for them.
 */
import { CODE_ALPHABET, CODE_LENGTH } from "../../../../shared/protocol";
import { WORKSHOP_CODE_LENGTH } from "../../app/route";

const NAME_RE = /^[\p{L}\p{N} _.'-]{1,24}$/u;

export function validName(name: string): string | null {
  const n = name.trim();
  if (!n) return "Type a name first.";
  if (n.length > 24) return "Names are at most 24 characters.";
  if (!NAME_RE.test(n)) return "Names may use letters, digits, spaces and _ . ' -";
  return null;
}

const COLOURS = ["Amber", "Blue", "Coral", "Green", "Indigo", "Jade", "Lime", "Ruby", "Teal"];
const ANIMALS = ["Badger", "Crane", "Fox", "Heron", "Lynx", "Otter", "Owl", "Panda", "Wren"];

/** A made-up name for a solo player who typed none (nobody else sees it). */
export function randomName(pick: () => number = Math.random): string {
  const one = (list: readonly string[]) => list[Math.floor(pick() * list.length)] ?? list[0]!;
  return `${one(COLOURS)} ${one(ANIMALS)}`;
}

/** The name a projector (a spectator) joins with when it typed none. */
export const PROJECTOR_NAME = "Projector";

export function normaliseCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, WORKSHOP_CODE_LENGTH);
}

export function validCode(code: string): boolean {
  return codeProblem(code) === null;
}

/**
 * What is wrong with a (normalised) join code, in words, or null when it can be one: a
 * table's code (5 characters) or a workshop's (6).
 */
export function codeProblem(code: string): string | null {
  const odd = [...new Set([...code].filter((c) => !CODE_ALPHABET.includes(c)))];
  if (odd.length > 0)
    return `${odd.join(", ")} ${odd.length === 1 ? "is" : "are"} never in a join code. Codes use only these ${CODE_ALPHABET.length} letters and digits: ${[...CODE_ALPHABET].join(" ")}.`;
  if (code.length !== CODE_LENGTH && code.length !== WORKSHOP_CODE_LENGTH)
    return `A join code has ${CODE_LENGTH} letters and digits, like the one on the host's screen (a workshop's code has ${WORKSHOP_CODE_LENGTH}).`;
  return null;
}
