/**
 * Property tests over random games: random tables of 3–9 seats, random presets and seeds,
 * random interleavings of legal and illegal actions, bot turns and phase changes. Whatever
 * happens, the state holds no NaN or infinity, every level stays within its bounds, and an
 * invalid action is rejected with a reason and leaves the state as it was.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, applyAction, checkAction, ERROR_CODES } from "../shared/actions";
import {
  COMPANY_PERSONALITIES,
  GOVERNMENT_PERSONALITIES,
  LAB_PERSONALITIES,
  type Personality,
} from "../shared/bots/personalities";
import { personalityPolicies, playBots } from "../shared/bots/policy";
import { createGame, type SeatSpec } from "../shared/create";
import { advance } from "../shared/game";
import { hashState } from "../shared/hash";
import { PRESETS } from "../shared/presets";
import { REGULATION_IDS } from "../shared/regulations";
import type { GameState } from "../shared/state";
import { ENDINGS, ROLES, type Role, SLIDERS } from "../shared/vocabulary";
import { violations } from "./fixtures/violations";

const anyNumber = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    0,
    0.5,
    1,
    1.5,
    2,
    3,
    4,
  ),
);
const sliderNames = [...new Set(ROLES.flatMap((r) => [...SLIDERS[r]])), "bogus"];
const wellFormedSliders = (role: Role) =>
  fc.record(
    Object.fromEntries(SLIDERS[role].map((n) => [n, fc.double({ min: 0, max: 1, noNaN: true })])),
  );
const sliders = fc.oneof(
  wellFormedSliders("government"),
  wellFormedSliders("lab"),
  wellFormedSliders("company"),
  fc.dictionary(fc.constantFrom(...sliderNames), anyNumber, { maxKeys: 7 }),
);
const seatId = fc.constantFrom("G1", "G2", "G3", "L1", "L2", "L3", "C1", "C2", "C3", "X1");
const uid = fc.integer({ min: -1, max: 30 });
const bloc = fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constant(0.5));

/** Actions of every type, most of them well-formed, some not (as an untrusted client might send). */
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant("setStrategy" as const), sliders }),
  fc.record({
    type: fc.constant("release" as const),
    policy: fc.constantFrom("closed", "staged", "open", "public"),
  }),
  fc.constant({ type: "deployAgents" as const }),
  fc.record({ type: fc.constant("license" as const), counterpart: seatId }),
  fc.record({
    type: fc.constant("lobby" as const),
    target: seatId,
    stance: fc.constantFrom("for", "against", "maybe"),
  }),
  fc.constant({ type: "pledge" as const }),
  fc.record({ type: fc.constant("relocate" as const), bloc }),
  fc.constant({ type: "acquire" as const }),
  fc.record({ type: fc.constant("evade" as const), regulation: uid }),
  fc.record({ type: fc.constant("comply" as const), regulation: uid }),
  fc.record({
    type: fc.constant("propose" as const),
    regulation: fc.constantFrom(...REGULATION_IDS, "bogus"),
    strength: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(1.5)),
    accord: fc.boolean(),
  }),
  fc.record({ type: fc.constant("repeal" as const), regulation: uid }),
  fc.constant({ type: "emergencyPowers" as const }),
  fc.record({
    type: fc.constant("setTax" as const),
    rate: fc.oneof(fc.double({ min: 0, max: 0.6 }), anyNumber),
  }),
  fc.record({
    type: fc.constant("vote" as const),
    proposal: uid,
    yes: fc.oneof(fc.boolean(), fc.constant("yes")),
  }),
) as fc.Arbitrary<Action>;

const table: fc.Arbitrary<SeatSpec[]> = fc
  .array(fc.constantFrom(...ROLES), { minLength: 3, maxLength: 9 })
  .filter((roles) => ROLES.every((r) => roles.includes(r)))
  .map((roles) => roles.map((role) => ({ role })));

function personalitiesFor(state: GameState, picks: number[]): Record<string, Personality> {
  const out: Record<string, Personality> = {};
  state.seats.forEach((seat, i) => {
    const k = picks[i % picks.length] ?? 0;
    const list =
      seat.role === "government"
        ? ([...GOVERNMENT_PERSONALITIES, "max", "theatre", "sensible"] as const)
        : seat.role === "lab"
          ? LAB_PERSONALITIES
          : COMPANY_PERSONALITIES;
    out[seat.id] = list[k % list.length]!;
  });
  return out;
}

type Step =
  | { kind: "advance" }
  | { kind: "bots" }
  | { kind: "action"; seat: number; action: Action };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "advance" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "bots" as const }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("action" as const), seat: fc.nat(20), action }),
  },
);

/** Applies one action through the gate, checking the gate's promises; returns the next state. */
function tryAction(state: GameState, seat: string, a: Action): GameState {
  const before = hashState(state);
  const result = applyAction(state, seat, a);
  expect(hashState(state), "the input state was changed").toBe(before);
  if (result.ok) return result.state;
  expect(ERROR_CODES).toContain(result.error.code);
  expect(result.error.message.length).toBeGreaterThan(5);
  expect(checkAction(state, seat, a)).toEqual(result.error);
  return state;
}

describe("random play", () => {
  it("random legal and illegal action sequences keep every invariant", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        table,
        fc.array(fc.nat(10), { minLength: 1, maxLength: 9 }),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        (scenario, seed, seats, picks, steps) => {
          let state = createGame(scenario, seed, seats);
          const personalities = personalitiesFor(state, picks);
          expect(violations(state)).toEqual([]);
          for (const st of steps) {
            if (state.phase === "ended") break;
            if (st.kind === "advance") state = advance(state);
            else if (st.kind === "bots")
              state = playBots(state, personalityPolicies(personalities), null);
            else state = tryAction(state, state.seats[st.seat % state.seats.length]!.id, st.action);
            expect(violations(state)).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("whole bot games with random tables, personalities and noise reach a valid ending within bounds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        table,
        fc.array(fc.nat(10), { minLength: 1, maxLength: 9 }),
        fc.array(fc.record({ seat: fc.nat(20), action }), { maxLength: 12 }),
        (scenario, seed, seats, picks, noise) => {
          let state = createGame(scenario, seed, seats);
          const personalities = personalitiesFor(state, picks);
          let resolves = 0;
          while (state.phase !== "ended") {
            if (state.phase === "act" || state.phase === "legislate") {
              for (const n of noise.slice(0, 3))
                state = tryAction(state, state.seats[n.seat % state.seats.length]!.id, n.action);
              state = playBots(state, personalityPolicies(personalities), null);
            }
            state = advance(state);
            if (state.phase === "resolve") {
              resolves++;
              expect(violations(state)).toEqual([]);
              expect(state.history).toHaveLength(resolves);
            }
          }
          expect(ENDINGS).toContain(state.ending);
          expect(state.history.length).toBeLessThanOrEqual(scenario.rounds);
          expect(violations(state)).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("the violation checker finds what it looks for", () => {
    const s = createGame(PRESETS[0]!, 1);
    expect(violations(s)).toEqual([]);
    expect(violations({ ...s, risks: [101, 0, 0, 0] })).not.toEqual([]);
    expect(violations({ ...s, visibleSafety: Number.NaN })).not.toEqual([]);
    expect(violations({ ...s, welfare: s.welfare.map(() => -1) })).not.toEqual([]);
    const blocs = s.blocs.map((b) => ({ ...b, enforcement: 1.5 }));
    expect(violations({ ...s, blocs })).not.toEqual([]);
  });
});
