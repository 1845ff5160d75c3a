import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyAction } from "../shared/actions";
import { createGame } from "../shared/create";
import { advance } from "../shared/game";
import { hashState } from "../shared/hash";
import { counterfactual, type GameLog, playBotGame, ReplayError, replay } from "../shared/log";
import { FAST_TAKEOFF, STANDARD } from "../shared/presets";
import { harnessPersonalities, runHarnessGame } from "../shared/selfplay";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function botGame(seed: number, policy: "mixed" | "sensible" | "none" | "max" = "mixed") {
  const { seats, personalities } = harnessPersonalities(STANDARD, seed, policy);
  return playBotGame({ scenario: STANDARD, seed, seats, personalities });
}

describe("same seed and actions, same game", () => {
  it("two in-process runs give the same finalHash", () => {
    for (const seed of [1, 2, 3, 99]) {
      for (const policy of ["mixed", "sensible"] as const) {
        const a = runHarnessGame(STANDARD, seed, policy);
        const b = runHarnessGame(STANDARD, seed, policy);
        expect(a.record.finalHash).toBe(b.record.finalHash);
        expect(a.record).toEqual(b.record);
      }
    }
  });

  it("different seeds give different games", () => {
    const hashes = new Set(
      [1, 2, 3, 4, 5].map((s) => runHarnessGame(STANDARD, s, "mixed").record.finalHash),
    );
    expect(hashes.size).toBe(5);
  });

  it("the hash changes when the state changes, and not with key order", () => {
    const s = createGame(STANDARD, 1);
    expect(hashState(s)).toBe(hashState(createGame(STANDARD, 1)));
    expect(hashState({ ...s, visibleSafety: s.visibleSafety + 1e-9 })).not.toBe(hashState(s));
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(hashState(reordered)).toBe(hashState(s));
  });

  it("a separate process computes the same finalHash", () => {
    const seed = 4242;
    const script = join(root, "tests", "fixtures", "bot-game-hash.ts");
    const out = execFileSync("npx", ["tsx", script, String(seed), "mixed"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    const line = out.trim().split("\n").at(-1)!;
    const other = JSON.parse(line) as { seed: number; hash: string; finalHash: string };
    const here = runHarnessGame(STANDARD, seed, "mixed");
    expect(other.seed).toBe(seed);
    expect(other.finalHash).toBe(here.record.finalHash);
    expect(other.hash).toBe(hashState(here.state));
  });
});

describe("replay", () => {
  it.each([1, 7, 31])("replaying the log of bot game %i gives the same final state", (seed) => {
    const { state, log } = botGame(seed);
    expect(log.actions.length).toBeGreaterThan(0);
    const replayed = replay(log);
    expect(hashState(replayed)).toBe(hashState(state));
    expect(replayed.ending).toBe(state.ending);
  });

  it("a log survives JSON (as it is stored) and still replays to the same hash", () => {
    const { state, log } = botGame(12, "sensible");
    const stored = JSON.parse(JSON.stringify(log)) as GameLog;
    expect(hashState(replay(stored))).toBe(hashState(state));
  });

  it("replaying a log with an action that is not legal fails loudly", () => {
    const { log } = botGame(5);
    const broken: GameLog = {
      ...log,
      actions: [
        { round: 1, phase: "act", seat: "G1", action: { type: "setTax", rate: 99 } },
        ...log.actions,
      ],
    };
    expect(() => replay(broken)).toThrow(ReplayError);
  });

  it("replay reproduces a game played by hand with the same actions", () => {
    let s = createGame(FAST_TAKEOFF, 77);
    const actions: GameLog["actions"] = [];
    while (s.phase !== "ended") {
      if (s.phase === "act") {
        const action = { type: "setTax", rate: s.round % 2 ? 0.3 : 0.2 } as const;
        const r = applyAction(s, "G1", action);
        expect(r.ok).toBe(true);
        if (r.ok) s = r.state;
        actions.push({ round: s.round, phase: "act", seat: "G1", action });
      }
      s = advance(s);
    }
    const log: GameLog = {
      scenario: FAST_TAKEOFF,
      seed: 77,
      seats: FAST_TAKEOFF.seats.map((role) => ({ role })),
      personalities: {},
      actions,
    };
    expect(hashState(replay(log))).toBe(hashState(s));
  });
});

describe("counterfactual", () => {
  /** A sensible-government game in which regulations passed after round 1. */
  function regulatedGame() {
    for (let seed = 1; seed < 40; seed++) {
      const game = botGame(seed, "sensible");
      const passedLater = game.state.chronicle.some((e) => e.kind === "passed" && e.round > 1);
      if (passedLater && game.state.history.length >= 3) return game;
    }
    throw new Error("no sensible game passed a regulation after round 1");
  }

  it("with no regulation, no regulation passes after round 1", () => {
    const { log } = regulatedGame();
    const cf = counterfactual(log, "noRegulation", 2);
    expect(cf.phase).toBe("ended");
    expect(cf.chronicle.filter((e) => e.kind === "passed" && e.round > 1)).toEqual([]);
    expect(cf.regulations.every((r) => r.passedRound <= 1)).toBe(true);
  });

  it("with no regulation from the start, no regulation ever passes", () => {
    const { log } = regulatedGame();
    const cf = counterfactual(log, "noRegulation");
    expect(cf.chronicle.some((e) => e.kind === "passed")).toBe(false);
    expect(cf.regulations).toEqual([]);
  });

  it("is itself deterministic", () => {
    const { log } = regulatedGame();
    expect(hashState(counterfactual(log, "noRegulation", 2))).toBe(
      hashState(counterfactual(log, "noRegulation", 2)),
    );
  });

  it("a game in which no regulation passed is its own counterfactual, hash for hash", () => {
    for (const seed of [4, 9, 21]) {
      const { state, log } = botGame(seed, "none");
      expect(state.chronicle.some((e) => e.kind === "passed")).toBe(false);
      expect(hashState(counterfactual(log, "noRegulation"))).toBe(hashState(state));
    }
  });

  it("replays every seat's logged actions but the legislation, with the game's luck", () => {
    const { state, log } = regulatedGame();
    const cf = counterfactual(log, "noRegulation");
    // The labs' strategies are the logged ones, so the first round's capability matches
    // until a rule passed in round 1 ramps in (round 2 at the earliest).
    expect(cf.history[0]!.capability).toBe(state.history[0]!.capability);
    // The same demand shock every round: the shock stream is keyed by seed and round.
    const shocks = (s: typeof state) => s.chronicle.filter((e) => e.kind === "shock");
    const rounds = Math.min(cf.history.length, state.history.length);
    expect(shocks(cf).filter((e) => e.round <= rounds)).toEqual(
      shocks(state).filter((e) => e.round <= rounds),
    );
  });

  it("with no change and bots in every seat, it replays the bots' own game", () => {
    const { state, log } = botGame(3, "mixed");
    expect(hashState(counterfactual(log, "none"))).toBe(hashState(state));
  });
});
