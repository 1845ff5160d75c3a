/**
 * Join codes: short, with no look-alike characters, unique among the live tables of one
 * server. The code is the room's id, so `joinById(code)` finds the table. Each server has its
 * own registry (one of the room services), so two servers in one process share nothing.
 */
import { customAlphabet } from "nanoid";
import { CODE_ALPHABET, CODE_LENGTH } from "../shared/protocol";

const generate = customAlphabet(CODE_ALPHABET, CODE_LENGTH);

export class JoinCodes {
  private readonly live = new Set<string>();

  /** A fresh code, reserved until `release`. */
  reserve(): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const code = generate();
      if (!this.live.has(code)) {
        this.live.add(code);
        return code;
      }
    }
    throw new Error("no free join code");
  }

  has(code: string): boolean {
    return this.live.has(code);
  }

  release(code: string): void {
    this.live.delete(code);
  }

  get size(): number {
    return this.live.size;
  }
}
