import { describe, expect, it } from "vitest";
import {
  act,
  newGame,
  nextRound,
  quietScenario,
  toPhase,
  withRegulation,
} from "../../tests/fixtures/game";
import { advance } from "../game";
import { hashState } from "../hash";
import { runHarnessGame } from "../selfplay";
import type { GameState, SeatId } from "../state";
import { ROLES, type Role } from "../vocabulary";
import {
  ACTION_ROLES,
  type Action,
  type ActionType,
  applyAction,
  checkAction,
  ERROR_CODES,
  type ErrorCode,
} from ".";

const scenario = quietScenario();
const actPhase = withRegulation(
  withRegulation(toPhase(newGame(scenario, 2), "act"), "antitrust", { scope: 0 }),
  "biosecurity",
  { scope: 0 },
);
const [antitrust, biosecurity] = actPhase.regulations.map((r) => r.uid) as [number, number];
const newsPhase = newGame(scenario, 2);
const withNational = act(actPhase, "G1", {
  type: "propose",
  regulation: "liability",
  strength: 2,
  accord: false,
});
const nationalUid = withNational.nextUid - 1;
const withAccord = act(actPhase, "G1", {
  type: "propose",
  regulation: "moratorium",
  strength: 3,
  accord: true,
});
const legislate = toPhase(withNational, "legislate");
const resolvePhase = advance(legislate);
const ended = runHarnessGame(scenario, 3, "none").state;
/** Round 2's Act phase, after C1 began evading antitrust, L1 licensed C1 and G1 invoked emergency powers. */
const round2 = (() => {
  let s = act(actPhase, "C1", { type: "evade", regulation: antitrust });
  s = act(s, "L1", { type: "license", counterpart: "C1" });
  s = act(s, "G1", { type: "emergencyPowers" });
  s = nextRound(s);
  return { ...s, labs: s.labs.map((l) => (l.seat === "L2" ? { ...l, autonomy: 1 } : l)) };
})();

const validSliders = {
  government: {
    enforcement: 0.2,
    measurement: 0.2,
    welfare: 0.2,
    safetyResearch: 0.2,
    defence: 0.2,
  },
  lab: { capability: 0.5, safety: 0.3, product: 0.2 },
  company: {
    automation: 0.2,
    externalisation: 0.2,
    engagement: 0.2,
    consolidation: 0.2,
    delegation: 0.2,
    rnd: 0.2,
  },
};

/** One well-formed example of each action type. */
const SAMPLE: Record<ActionType, Action> = {
  setStrategy: { type: "setStrategy", sliders: validSliders.lab },
  release: { type: "release", policy: "open" },
  deployAgents: { type: "deployAgents" },
  license: { type: "license", counterpart: "L1" },
  lobby: { type: "lobby", target: "G1", stance: "against" },
  pledge: { type: "pledge" },
  relocate: { type: "relocate", bloc: 1 },
  acquire: { type: "acquire" },
  evade: { type: "evade", regulation: antitrust },
  comply: { type: "comply", regulation: antitrust },
  propose: { type: "propose", regulation: "antitrust", strength: 1, accord: false },
  repeal: { type: "repeal", regulation: antitrust },
  emergencyPowers: { type: "emergencyPowers" },
  emergencyMeasure: { type: "emergencyMeasure", attractor: "takeover" },
  setTax: { type: "setTax", rate: 0.3 },
  vote: { type: "vote", proposal: nationalUid, yes: true },
};

const SEAT_OF: Record<Role, SeatId> = { government: "G1", lab: "L1", company: "C1" };

/** An action with a deliberately malformed field, as it might arrive from an untrusted client. */
const malformed = (a: Record<string, unknown>) => a as unknown as Action;

type Case = [name: string, state: GameState, seat: SeatId, action: Action, code: ErrorCode];

const slidersCases: Case[] = [
  [
    "missing slider",
    actPhase,
    "L1",
    { type: "setStrategy", sliders: { capability: 1, safety: 0 } },
    "bad_sliders",
  ],
  [
    "extra slider",
    actPhase,
    "L1",
    { type: "setStrategy", sliders: { ...validSliders.lab, luck: 0.1 } },
    "bad_sliders",
  ],
  [
    "another role's sliders",
    actPhase,
    "G1",
    { type: "setStrategy", sliders: validSliders.lab },
    "bad_sliders",
  ],
  [
    "negative slider",
    actPhase,
    "L1",
    { type: "setStrategy", sliders: { ...validSliders.lab, safety: -0.1 } },
    "bad_sliders",
  ],
  [
    "slider above 1",
    actPhase,
    "C1",
    { type: "setStrategy", sliders: { ...validSliders.company, rnd: 1.5 } },
    "bad_sliders",
  ],
  [
    "NaN slider",
    actPhase,
    "G1",
    { type: "setStrategy", sliders: { ...validSliders.government, defence: Number.NaN } },
    "bad_sliders",
  ],
  [
    "infinite slider",
    actPhase,
    "L1",
    { type: "setStrategy", sliders: { ...validSliders.lab, product: Number.POSITIVE_INFINITY } },
    "bad_sliders",
  ],
  [
    "all-zero budget",
    actPhase,
    "L1",
    { type: "setStrategy", sliders: { capability: 0, safety: 0, product: 0 } },
    "bad_sliders",
  ],
  [
    "string slider",
    actPhase,
    "L1",
    malformed({ type: "setStrategy", sliders: { capability: "1", safety: 0, product: 0 } }),
    "bad_sliders",
  ],
];

const CASES: Case[] = [
  [
    "game over",
    ended,
    "G1",
    { type: "setStrategy", sliders: validSliders.government },
    "game_over",
  ],
  ["vote after the game", ended, "G1", SAMPLE.vote, "game_over"],
  ["unknown seat", actPhase, "X9", SAMPLE.pledge, "unknown_seat"],
  ["strategy in the news phase", newsPhase, "L1", SAMPLE.setStrategy, "wrong_phase"],
  ["move in the resolve phase", resolvePhase, "L1", SAMPLE.pledge, "wrong_phase"],
  ["propose in legislate", legislate, "G2", SAMPLE.propose, "wrong_phase"],
  ["repeal in legislate", legislate, "G1", SAMPLE.repeal, "wrong_phase"],
  ["vote in act", withNational, "G1", SAMPLE.vote, "wrong_phase"],
  ...slidersCases,
  [
    "unknown release policy",
    actPhase,
    "L1",
    malformed({ type: "release", policy: "public" }),
    "bad_value",
  ],
  ["relocate to a negative bloc", actPhase, "C1", { type: "relocate", bloc: -1 }, "bad_value"],
  ["relocate past the last bloc", actPhase, "C1", { type: "relocate", bloc: 2 }, "bad_value"],
  ["relocate to a fractional bloc", actPhase, "L1", { type: "relocate", bloc: 0.5 }, "bad_value"],
  ["tax too high", actPhase, "G1", { type: "setTax", rate: 0.9 }, "bad_value"],
  ["tax too low", actPhase, "G1", { type: "setTax", rate: 0.01 }, "bad_value"],
  ["NaN tax", actPhase, "G1", { type: "setTax", rate: Number.NaN }, "bad_value"],
  ["strength 0", actPhase, "G1", { ...SAMPLE.propose, strength: 0 } as Action, "bad_value"],
  ["strength 4", actPhase, "G1", { ...SAMPLE.propose, strength: 4 } as Action, "bad_value"],
  ["strength 1.5", actPhase, "G1", { ...SAMPLE.propose, strength: 1.5 } as Action, "bad_value"],
  [
    "lobby neither for nor against",
    actPhase,
    "C1",
    malformed({ type: "lobby", target: "G1", stance: "neutral" }),
    "bad_value",
  ],
  [
    "vote that is not yes or no",
    legislate,
    "G1",
    malformed({ type: "vote", proposal: nationalUid, yes: "yes" }),
    "bad_value",
  ],
  [
    "propose an unknown regulation",
    actPhase,
    "G1",
    malformed({ type: "propose", regulation: "ban_ai", strength: 1, accord: false }),
    "unknown_regulation",
  ],
  [
    "evade an unknown regulation",
    actPhase,
    "C1",
    { type: "evade", regulation: 999 },
    "unknown_regulation",
  ],
  [
    "comply with an unknown regulation",
    actPhase,
    "C1",
    { type: "comply", regulation: 999 },
    "unknown_regulation",
  ],
  [
    "repeal an unknown regulation",
    actPhase,
    "G1",
    { type: "repeal", regulation: 999 },
    "unknown_regulation",
  ],
  [
    "evade another bloc's rule",
    actPhase,
    "C2",
    { type: "evade", regulation: antitrust },
    "unknown_regulation",
  ],
  [
    "repeal another bloc's rule",
    actPhase,
    "G2",
    { type: "repeal", regulation: antitrust },
    "unknown_regulation",
  ],
  [
    "propose a regulation the scenario leaves out",
    { ...actPhase, scenario: { ...scenario, regulations: ["antitrust"] } },
    "G1",
    { type: "propose", regulation: "moratorium", strength: 1, accord: false },
    "not_available",
  ],
  [
    "evade a rule with no penalty",
    actPhase,
    "C1",
    { type: "evade", regulation: biosecurity },
    "not_available",
  ],
  [
    "propose the same law twice",
    withNational,
    "G1",
    { type: "propose", regulation: "liability", strength: 3, accord: false },
    "already_proposed",
  ],
  [
    "propose an accord already on the table",
    withAccord,
    "G2",
    { type: "propose", regulation: "moratorium", strength: 1, accord: true },
    "already_proposed",
  ],
  [
    "propose a repeal twice",
    act(actPhase, "G1", SAMPLE.repeal),
    "G1",
    SAMPLE.repeal,
    "already_proposed",
  ],
  [
    "propose a law in force at that strength",
    actPhase,
    "G1",
    { type: "propose", regulation: "antitrust", strength: 3, accord: false },
    "already_in_force",
  ],
  [
    "vote on an unknown proposal",
    legislate,
    "G1",
    { type: "vote", proposal: 999, yes: true },
    "unknown_proposal",
  ],
  ["vote on another government's national law", legislate, "G2", SAMPLE.vote, "not_a_voter"],
  [
    "license to a government",
    actPhase,
    "C1",
    { type: "license", counterpart: "G1" },
    "unknown_target",
  ],
  [
    "company licenses a company",
    actPhase,
    "C1",
    { type: "license", counterpart: "C2" },
    "unknown_target",
  ],
  ["lab licenses a lab", actPhase, "L1", { type: "license", counterpart: "L2" }, "unknown_target"],
  [
    "lobby a company",
    actPhase,
    "L1",
    { type: "lobby", target: "C1", stance: "for" },
    "unknown_target",
  ],
  [
    "lobby nobody",
    actPhase,
    "L1",
    { type: "lobby", target: "Z1", stance: "for" },
    "unknown_target",
  ],
  ["pledge twice", act(actPhase, "L1", SAMPLE.pledge), "L1", SAMPLE.pledge, "already_done"],
  ["acquire twice", act(actPhase, "C1", SAMPLE.acquire), "C1", SAMPLE.acquire, "already_done"],
  ["relocate to the home bloc", actPhase, "C1", { type: "relocate", bloc: 0 }, "already_done"],
  ["deploy agents at full autonomy", round2, "L2", SAMPLE.deployAgents, "already_done"],
  ["evade twice", round2, "C1", { type: "evade", regulation: antitrust }, "already_done"],
  [
    "comply when already complying",
    actPhase,
    "C1",
    { type: "comply", regulation: antitrust },
    "already_done",
  ],
  [
    "license already in place",
    round2,
    "C1",
    { type: "license", counterpart: "L1" },
    "already_done",
  ],
  ["emergency powers already in force", round2, "G1", SAMPLE.emergencyPowers, "already_done"],
  [
    "a third move",
    act(act(actPhase, "L1", SAMPLE.pledge), "L1", SAMPLE.release),
    "L1",
    SAMPLE.deployAgents,
    "no_moves_left",
  ],
  [
    "a third proposal",
    act(withNational, "G1", { type: "setTax", rate: 0.3 }),
    "G1",
    { type: "propose", regulation: "biosecurity", strength: 3, accord: false },
    "no_moves_left",
  ],
  [
    "lobbying counts as a move",
    act(act(actPhase, "C1", SAMPLE.lobby), "C1", SAMPLE.acquire),
    "C1",
    { type: "relocate", bloc: 1 },
    "no_moves_left",
  ],
];

for (const type of Object.keys(ACTION_ROLES) as ActionType[]) {
  for (const role of ROLES) {
    if (ACTION_ROLES[type].includes(role)) continue;
    const state = type === "vote" ? legislate : actPhase;
    CASES.push([`${role} ${type}`, state, SEAT_OF[role], SAMPLE[type], "wrong_role"]);
  }
}

describe("rejected actions", () => {
  const titled = CASES.map(
    ([name, state, seat, action, code]) => [name, code, state, seat, action] as const,
  );
  it.each(titled)("%s → %s", (_name, code, state, seat, action) => {
    const before = hashState(state);
    const copy = structuredClone(state);
    const result = applyAction(state, seat, action);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    // A sentence for people: capitalised, punctuated, and no leaked internals.
    expect(result.error.message).toMatch(/^[A-Z].{8,}[.!?]$/);
    expect(result.error.message).not.toMatch(/undefined|NaN|\[object/);
    expect(checkAction(state, seat, action)).toEqual(result.error);
    expect(hashState(state)).toBe(before);
    expect(state).toEqual(copy);
  });

  it("every error code is exercised", () => {
    const seen = new Set(CASES.map((c) => c[4]));
    expect([...seen].sort()).toEqual([...ERROR_CODES].sort());
  });

  it("every action type is rejected for every role it does not belong to", () => {
    const wrong = CASES.filter((c) => c[4] === "wrong_role").length;
    const expected = (Object.keys(ACTION_ROLES) as ActionType[]).reduce(
      (n, t) => n + ROLES.length - ACTION_ROLES[t].length,
      0,
    );
    expect(wrong).toBe(expected);
  });
});

describe("accepted actions", () => {
  it("the sample of each action type is legal for its role and leaves the input state unchanged", () => {
    for (const type of Object.keys(ACTION_ROLES) as ActionType[]) {
      for (const role of ACTION_ROLES[type]) {
        const state = type === "vote" ? legislate : type === "comply" ? round2 : actPhase;
        let action = SAMPLE[type];
        if (type === "setStrategy") action = { type, sliders: validSliders[role] };
        if (type === "license" && role === "lab") action = { type, counterpart: "C1" };
        if (type === "vote" && role !== "government") continue;
        const seat = SEAT_OF[role];
        const before = hashState(state);
        const result = applyAction(state, seat, action);
        expect(result.ok, `${role} ${type}: ${result.ok ? "" : result.error.message}`).toBe(true);
        expect(hashState(state)).toBe(before);
        if (result.ok) expect(result.state).not.toBe(state);
      }
    }
  });

  it("strategy and votes do not use moves; everything else uses one", () => {
    let s = act(actPhase, "L1", SAMPLE.pledge);
    s = act(s, "L1", SAMPLE.release);
    expect(s.orders.L1!.used).toBe(2);
    s = act(s, "L1", { type: "setStrategy", sliders: validSliders.lab });
    expect(s.orders.L1!.used).toBe(2);
    let g = act(withNational, "G1", { type: "setTax", rate: 0.3 });
    g = toPhase(g, "legislate");
    g = act(g, "G1", SAMPLE.vote);
    expect(g.orders.G1!.used).toBe(2);
  });

  it("a government's sliders are normalised to share one budget; a company's are not", () => {
    const g = act(actPhase, "G1", {
      type: "setStrategy",
      sliders: { enforcement: 1, measurement: 1, welfare: 0, safetyResearch: 0, defence: 0 },
    });
    expect(g.blocs[0]!.sliders).toEqual([0.5, 0.5, 0, 0, 0]);
    const c = act(actPhase, "C1", { type: "setStrategy", sliders: validSliders.company });
    expect(c.firms[0]!.levers).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(c.firms[0]!.rnd).toBe(0.2);
  });

  it("moves are per round: the count resets at the next round", () => {
    const s = act(act(actPhase, "L1", SAMPLE.pledge), "L1", SAMPLE.release);
    const next = nextRound(s);
    expect(next.orders.L1).toEqual({ moves: [], used: 0 });
    expect(applyAction(next, "L1", SAMPLE.pledge).ok).toBe(true);
  });
});
