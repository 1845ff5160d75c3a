import { describe, expect, it } from "vitest";
import { act, keysIn, numbersIn } from "../tests/fixtures/game";
import { personalityPolicies, playBots } from "./bots/policy";
import { createGame } from "./create";
import { advance } from "./game";
import { STANDARD } from "./presets";
import { harnessPersonalities } from "./selfplay";
import type { GameState, SeatId } from "./state";
import { debriefView, publicView, viewFor } from "./views";

/** Keys that only the rules and the debrief may hold. */
const HIDDEN_KEYS = [
  "welfare",
  "risks",
  "dims",
  "inBasin",
  "drivers",
  "orders",
  "rng",
  "chronicle",
  "startWelfare",
  "delayedBenefits",
  // The debrief's Goodhart counters (the key "goodhart" itself is also an attractor's id,
  // which the public rules constants are keyed by).
  "regressional",
  "adversarial",
  "trueWelfare",
];

const { seats, personalities } = harnessPersonalities(STANDARD, 21, "mixed");

/** Every state a bot game passes through, phase by phase. */
function playThrough(seed: number): GameState[] {
  const states: GameState[] = [];
  let s = createGame(STANDARD, seed, seats);
  while (s.phase !== "ended") {
    states.push(s);
    s = playBots(s, personalityPolicies(personalities), null);
    states.push(s);
    s = advance(s);
  }
  states.push(s);
  return states;
}

const states = playThrough(21);
const midGame = states.filter((s) => s.phase === "act" && s.history.length >= 3).at(-1)!;
/** The same Act phase before any seat acted. */
const freshAct = states.find(
  (s) =>
    s.phase === "act" &&
    s.round === midGame.round &&
    Object.values(s.orders).every((o) => o.used === 0),
)!;

/** Non-integer numbers in the state that are secret: true welfare and true risks after play began. */
function secretNumbers(s: GameState): number[] {
  const out: number[] = [];
  for (const h of s.history) {
    out.push(h.welfare, ...h.risks, ...h.dims);
  }
  out.push(...s.risks, ...s.welfare);
  return out.filter((x) => !Number.isInteger(x));
}

function viewNumbers(v: unknown): Set<number> {
  return new Set(numbersIn(v).map(([, n]) => n));
}

describe("a seat's view", () => {
  it("never holds a hidden key, for any seat in any phase of a whole game", () => {
    for (const s of states) {
      if (s.phase === "ended") continue;
      for (const seat of s.seats) {
        const keys = keysIn(viewFor(s, seat.id));
        for (const k of HIDDEN_KEYS) expect(keys.has(k), `${seat.id} ${s.phase}: ${k}`).toBe(false);
      }
    }
  });

  it("never holds true welfare or true risk levels, as values, for any seat", () => {
    for (const s of states.filter((x) => x.history.length > 0 && x.phase !== "ended")) {
      const secrets = secretNumbers(s);
      expect(secrets.length).toBeGreaterThan(0);
      for (const seat of s.seats) {
        const numbers = viewNumbers(viewFor(s, seat.id));
        for (const x of secrets) expect(numbers.has(x), `${seat.id} sees ${x}`).toBe(false);
      }
    }
  });

  it("a lab sees its own alignment but never another lab's", () => {
    const labs = midGame.labs;
    expect(labs.length).toBeGreaterThan(1);
    for (const lab of labs) {
      const view = viewFor(midGame, lab.seat);
      const json = JSON.stringify(view);
      expect(view.self.role).toBe("lab");
      if (view.self.role === "lab") expect(view.self.alignment).toBe(lab.alignment);
      expect(json.match(/"alignment"/g)).toHaveLength(1);
      const numbers = viewNumbers(view);
      for (const other of labs.filter((l) => l !== lab))
        expect(numbers.has(other.alignment), `${lab.seat} sees ${other.seat}'s alignment`).toBe(
          false,
        );
    }
  });

  it("a company and a lab see no other lab's alignment at all", () => {
    for (const seat of ["C1", "C2", "G1"]) {
      const view = viewFor(midGame, seat);
      expect(keysIn(view).has("alignment")).toBe(false);
      const numbers = viewNumbers(view);
      for (const l of midGame.labs) expect(numbers.has(l.alignment)).toBe(false);
    }
  });

  it("shows no other seat's orders or private settings before they resolve", () => {
    let s = freshAct;
    s = act(s, "L1", { type: "relocate", bloc: 1 - s.seats.find((x) => x.id === "L1")!.bloc });
    s = act(s, "G1", { type: "setTax", rate: 0.3713 });
    s = act(s, "G1", {
      type: "setStrategy",
      sliders: {
        enforcement: 0.111,
        measurement: 0.222,
        welfare: 0.333,
        safetyResearch: 0.1,
        defence: 0.1,
      },
    });
    s = act(s, "L2", {
      type: "setStrategy",
      sliders: { capability: 0.4567, safety: 0.3123, product: 0.231 },
    });
    s = act(s, "C2", {
      type: "setStrategy",
      sliders: {
        automation: 0.1234,
        externalisation: 0.2345,
        engagement: 0.3456,
        consolidation: 0.4567,
        delegation: 0.5678,
        rnd: 0.6789,
      },
    });
    const pending = [0.3713, 0.111 / 0.866, 0.4567 / 1, 0.1234, 0.2345, 0.3456, 0.5678, 0.6789];
    for (const viewer of ["C1", "L1"] as SeatId[]) {
      const view = viewFor(s, viewer);
      const numbers = viewNumbers(view);
      for (const x of pending) expect(numbers.has(x), `${viewer} sees ${x}`).toBe(false);
      const keys = keysIn(view);
      expect(keys.has("orders")).toBe(false);
      expect(keys.has("moves")).toBe(false);
      if (viewer !== "L1")
        expect(JSON.stringify(view)).not.toMatch(/"type":"relocate"|moving its headquarters/);
    }
    // A seat does see its own settings.
    const own = viewFor(s, "C2");
    expect(viewNumbers(own).has(0.6789)).toBe(true);
  });

  it("a company sees only its own firm's private numbers", () => {
    const view = viewFor(midGame, "C1");
    const other = midGame.firms.find((f) => f.seat === "C2")!;
    const json = JSON.stringify(view);
    expect(json.match(/"cash"/g)).toHaveLength(1);
    expect(json.match(/"levers"/g)).toHaveLength(1);
    if (!Number.isInteger(other.cash)) expect(viewNumbers(view).has(other.cash)).toBe(false);
  });

  it("moves left counts down as the seat uses its moves", () => {
    const s = act(freshAct, "L1", { type: "pledge" });
    expect(viewFor(freshAct, "L1").movesLeft).toBe(2);
    expect(viewFor(s, "L1").movesLeft).toBe(1);
  });
});

describe("the public view", () => {
  it("its history carries no welfare, risks or dims", () => {
    const view = publicView(midGame);
    expect(view.history.length).toBeGreaterThan(0);
    for (const h of view.history) {
      for (const k of ["welfare", "risks", "dims"]) expect(Object.keys(h)).not.toContain(k);
    }
    const keys = keysIn(view);
    for (const k of HIDDEN_KEYS) expect(keys.has(k), k).toBe(false);
  });

  it("publishes measured welfare, which is not the true welfare", () => {
    const view = publicView(midGame);
    const last = midGame.history.at(-1)!;
    expect(view.history.at(-1)!.measuredWelfare).toBe(last.measuredWelfare);
    expect(view.history.at(-1)!.measuredWelfare).not.toBe(last.welfare);
  });
});

describe("the debrief", () => {
  it("is null in every phase before the game has ended", () => {
    for (const s of states.filter((x) => x.phase !== "ended")) expect(debriefView(s)).toBeNull();
  });

  it("reveals the whole truth once the game has ended", () => {
    const end = states.at(-1)!;
    const d = debriefView(end)!;
    expect(d).not.toBeNull();
    expect(d.ending).toBe(end.ending);
    expect(d.history.map((h) => h.welfare)).toEqual(end.history.map((h) => h.welfare));
    expect(d.labs.map((l) => l.alignment)).toEqual(end.labs.map((l) => l.alignment));
    expect(Object.keys(d.ranks).sort()).toEqual(end.seats.map((s) => s.id).sort());
  });

  it("is null for a resolved last round until the game is advanced to its end", () => {
    const resolved = states.filter((s) => s.phase === "resolve").at(-1)!;
    expect(resolved.ending).not.toBeNull();
    expect(debriefView(resolved)).toBeNull();
    expect(debriefView(advance(resolved))).not.toBeNull();
  });
});
