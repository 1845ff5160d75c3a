import { describe, expect, it } from "vitest";
import { personalityPolicies, playBots } from "../bots/policy";
import { createGame } from "../create";
import { advance } from "../game";
import { STANDARD } from "../presets";
import { harnessPersonalities } from "../selfplay";
import type { GameState, SeatId } from "../state";
import { viewFor } from "../views";
import { SLIDERS } from "../vocabulary";
import {
  ACTION_TYPES,
  ACTIONS,
  type Action,
  type ActionType,
  actionSchema,
  checkAction,
  isMove,
  isQueued,
  offersFor,
} from ".";

/** Every state a bot game with every policy mixed passes through, with the bots' moves in. */
function statesOf(seed: number): GameState[] {
  const { seats, personalities } = harnessPersonalities(STANDARD, seed, "mixed");
  const policies = personalityPolicies(personalities);
  const out: GameState[] = [];
  let s = createGame(STANDARD, seed, seats);
  while (s.phase !== "ended") {
    out.push(s);
    s = playBots(s, policies, null);
    out.push(s);
    s = advance(s);
  }
  out.push(s);
  return out;
}

const half = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, 0.5]));

/**
 * Candidate actions of a type for a seat: each value the offer lists for its fields, and a
 * few values it does not list, so that refusals are tried too.
 */
function candidates(state: GameState, seat: SeatId, type: ActionType): Action[] {
  const options = offersFor(state, seat)[type].options ?? {};
  const pick = (field: string, extra: readonly (string | number)[]) => [
    ...(options[field] ?? []),
    ...extra,
  ];
  const role = state.seats.find((s) => s.id === seat)!.role;
  switch (type) {
    case "setStrategy":
      return [{ type, sliders: half(SLIDERS[role]) }];
    case "release":
      return pick("policy", []).map((p) => ({ type, policy: p as "open" }));
    case "deployAgents":
    case "pledge":
    case "acquire":
    case "emergencyPowers":
      return [{ type }];
    case "license":
      return pick("counterpart", ["G1", "L1", "C1"]).map((c) => ({ type, counterpart: String(c) }));
    case "lobby":
      return pick("target", ["L1"]).map((t) => ({ type, target: String(t), stance: "for" }));
    case "relocate":
      return pick("bloc", [0, 1, 2]).map((b) => ({ type, bloc: Number(b) }));
    case "evade":
    case "comply":
    case "repeal":
      return pick("regulation", [1, 2, 3]).map((r) => ({ type, regulation: Number(r) }));
    case "propose":
      return pick("regulation", []).flatMap((r) =>
        [false, true].map((accord) => ({
          type,
          regulation: r as "antitrust",
          strength: 2,
          accord,
        })),
      );
    case "emergencyMeasure":
      return pick("attractor", []).map((a) => ({ type, attractor: a as "misuse" }));
    case "setTax":
      return [0.3, 0.9].map((rate) => ({ type, rate }));
    case "vote":
      return pick("proposal", [1, 99]).map((p) => ({ type, proposal: Number(p), yes: true }));
  }
}

const GATE_CODES: readonly (string | null)[] = [
  "game_over",
  "wrong_role",
  "wrong_phase",
  "no_moves_left",
];

const states = [...statesOf(4), ...statesOf(9)];

describe("the action table", () => {
  it("derives the wire schema from its entries: each entry's shape is accepted", () => {
    const state = states.find((s) => s.phase === "act" && s.round === 2)!;
    for (const type of ACTION_TYPES) {
      const samples = state.seats.flatMap((seat) => candidates(state, seat.id, type));
      expect(samples.length, type).toBeGreaterThan(0);
      for (const a of samples) {
        expect(ACTIONS[type].schema.safeParse(a).success, `${type} ${JSON.stringify(a)}`).toBe(
          true,
        );
        expect(actionSchema.safeParse(a).success).toBe(true);
      }
    }
    expect(actionSchema.safeParse({ type: "teleport" }).success).toBe(false);
    expect(actionSchema.safeParse({ type: "pledge", extra: 1 }).success).toBe(false);
  });

  it("queues exactly the moves that have an effect at Resolve", () => {
    const queued = ACTION_TYPES.filter((t) => "atResolve" in ACTIONS[t]);
    expect(queued.sort()).toEqual(
      [
        "release",
        "deployAgents",
        "license",
        "lobby",
        "pledge",
        "relocate",
        "acquire",
        "evade",
        "comply",
        "emergencyPowers",
        "emergencyMeasure",
        "setTax",
      ].sort(),
    );
    expect(isQueued({ type: "pledge" })).toBe(true);
    expect(isQueued({ type: "vote", proposal: 1, yes: true })).toBe(false);
    expect(ACTION_TYPES.filter((t) => !isMove(t)).sort()).toEqual(["setStrategy", "vote"]);
  });
});

describe("a seat's offers", () => {
  it("agree with the rules' check in every state of two whole games, for every seat and type", () => {
    let accepted = 0;
    let refused = 0;
    for (const state of states) {
      for (const seat of state.seats) {
        const offers = offersFor(state, seat.id);
        for (const type of ACTION_TYPES) {
          const offer = offers[type];
          expect(offer.enabled).toBe(offer.reason === null);
          for (const action of candidates(state, seat.id, type)) {
            const error = checkAction(state, seat.id, action);
            if (error === null) {
              accepted++;
              // Legal only if offered, and only with values the offer lists.
              expect(offer.enabled, `${seat.id} ${type} r${state.round} ${state.phase}`).toBe(true);
              for (const [field, values] of Object.entries(offer.options ?? {})) {
                const value = (action as unknown as Record<string, unknown>)[field];
                if (value !== undefined) expect(values).toContain(value);
              }
            } else {
              refused++;
              // A type closed to the seat now (role, phase, moves) is refused for that reason.
              if (!offer.enabled && GATE_CODES.includes(offer.code!))
                expect(error.code, `${seat.id} ${type}`).toBe(offer.code);
            }
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it("are in the view a seat's client gets, with the rules' constants in the public part", () => {
    const state = states.find((s) => s.phase === "act")!;
    const view = viewFor(state, "G1");
    expect(Object.keys(view.actions).sort()).toEqual([...ACTION_TYPES].sort());
    expect(view.actions.propose.enabled).toBe(true);
    expect(view.actions.release).toMatchObject({ enabled: false, code: "wrong_role" });
    expect(view.public.rules.tipping.takeover).toBe(STANDARD.risks.tipping);
    expect(view.public.rules.exit.misuse).toBe(STANDARD.risks.exit);
    expect(view.public.rules.movesPerRound).toBe(2);
    // With both moves used the forms still show their values, disabled.
    const used = states.find((s) => s.phase === "act" && s.orders.G1!.used >= 2);
    expect(used).toBeDefined();
    const spent = viewFor(used!, "G1").actions.propose;
    expect(spent).toMatchObject({ enabled: false, code: "no_moves_left" });
    expect(spent.options?.strength).toEqual([1, 2, 3]);
    const tipped = { ...STANDARD, risks: { ...STANDARD.risks, tipping: 80 } };
    const custom = viewFor(createGame(tipped, 1), "G1");
    expect(custom.public.rules.tipping.goodhart).toBe(80);
  });
});
