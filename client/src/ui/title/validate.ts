/**
 * What the title screen accepts before it asks the server: a player's name, and a join code
 * as typed (upper-cased, stripped to letters and digits, the code's length).
 */
import { CODE_ALPHABET, CODE_LENGTH } from "../../../../shared/protocol";

const NAME_RE = /^[\p{L}\p{N} _.'-]{1,24}$/u;

export function validName(name: string): string | null {
  const n = name.trim();
  if (!n) return "Type a name first.";
  if (n.length > 24) return "Names are at most 24 characters.";
  if (!NAME_RE.test(n)) return "Names may use letters, digits, spaces and _ . ' -";
  return null;
}

export function normaliseCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, CODE_LENGTH);
}

export function validCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}
