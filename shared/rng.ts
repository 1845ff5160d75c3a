/**
 * The only source of randomness in the rules: a small seeded generator (sfc32) whose whole
 * state is four unsigned 32-bit integers. The rules never carry one generator through a game:
 * each kind of luck (the demand shock, each attractor's hazard, incidents, measurement noise…)
 * draws from its own stream, seeded by the game's seed, the round and the stream (`streamRng`).
 * So a game is reproducible from its seed and its actions, and two games with the same seed
 * share their luck even when their actions differ: a counterfactual meets the same shocks,
 * incidents and hazards, however many numbers either drew before.
 */

export type RngState = readonly [number, number, number, number];

/** Mixes a 32-bit seed into a full generator state (splitmix32), then warms it up. */
export function seedRng(seed: number): RngState {
  return seeded(seed).state();
}

/** A generator at the state `seedRng` gives for `seed` (made directly, not through a state). */
function seeded(seed: number): Rng {
  const s = seed >>> 0;
  const rng = new Rng([splitmix(s, 1), splitmix(s, 2), splitmix(s, 3), splitmix(s, 4)]);
  for (let i = 0; i < 12; i++) rng.nextU32();
  return rng;
}

/** The i-th output of splitmix32 from `seed` (a plain function: no closure per seeding). */
function splitmix(seed: number, i: number): number {
  let z = (seed + Math.imul(0x9e3779b9, i)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A mutable cursor over an RngState; call state() to store it back. The four words are kept
 * as signed 32-bit integers (the same bits as the state's unsigned ones: every step below
 * works modulo 2^32), which the engine holds as small integers, not boxed numbers.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: RngState) {
    this.a = state[0] | 0;
    this.b = state[1] | 0;
    this.c = state[2] | 0;
    this.d = state[3] | 0;
  }

  nextU32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Approximately normal with mean 0 and standard deviation 1 (sum of four uniforms). */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  state(): RngState {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }
}

/** The kinds of luck the rules draw, each from streams of its own (see `streamRng`). */
export const STREAM = {
  shock: 1,
  hazard: 2,
  closeCall: 3,
  incident: 4,
  evasion: 5,
  measurement: 6,
  approval: 7,
  drift: 8,
} as const;
export type Stream = keyof typeof STREAM;

/** Mixes a word into a running hash (boost's hash_combine, then a murmur3 finaliser). */
function mix(h: number, v: number): number {
  h = (h ^ ((v >>> 0) + 0x9e3779b9 + (h << 6) + (h >>> 2))) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The generator of one kind of luck in one round of a game: fixed by the seed, the round, the
 * stream and `index` (which attractor, bloc, firm or incident), and by nothing that happened.
 */
export function streamRng(seed: number, round: number, stream: Stream, index = 0): Rng {
  return seeded(mix(mix(mix(seed >>> 0, round), STREAM[stream]), index));
}
