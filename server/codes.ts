/**
 * Join codes: short, with no look-alike characters, unique among live tables. The code is the
 * room's id, so `joinById(code)` finds the table.
 */
import { customAlphabet } from "nanoid";
import { CODE_ALPHABET, CODE_LENGTH } from "../shared/protocol";

const generate = customAlphabet(CODE_ALPHABET, CODE_LENGTH);
const live = new Set<string>();

/** A fresh code, reserved until `releaseCode`. */
export function reserveCode(): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = generate();
    if (!live.has(code)) {
      live.add(code);
      return code;
    }
  }
  throw new Error("no free join code");
}

export function releaseCode(code: string): void {
  live.delete(code);
}

export function liveCodeCount(): number {
  return live.size;
}
