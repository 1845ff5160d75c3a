import { describe, expect, it } from "vitest";
import { ManualClock } from "../../tests/fixtures/clock";
import { DEFAULT_PERSONALITY } from "../bots";
import { createGame } from "../create";
import { hashState } from "../hash";
import { playBotGame } from "../log";
import { STANDARD } from "../presets";
import type { ServerMessages } from "../protocol";
import type { Clock } from "./phaseClock";
import { TableRunner } from "./runner";

const scenario = { ...STANDARD, rounds: 8 };
const seats = createGame(scenario, 1).seats.map((s) => ({ role: s.role, name: s.name }));
const personalities = Object.fromEntries(
  createGame(scenario, 1).seats.map((s) => [s.id, DEFAULT_PERSONALITY[s.role]]),
);

function runner(
  clock: Clock,
  seed: number,
  bots: (seat: string) => boolean = () => true,
  standsIn?: (seat: string) => boolean,
) {
  const out: { debrief: ServerMessages["debrief"] | null | undefined; phases: string[] } = {
    debrief: undefined,
    phases: [],
  };
  const game = new TableRunner(
    {
      gameId: "g",
      scenario,
      seed,
      seats,
      personalities,
      timeFactor: 0.01,
      botDelayMs: 5,
      clock,
    },
    {
      botPlays: bots,
      standsIn,
      entered: (s) => out.phases.push(s.phase),
      changed: () => {},
      ended: (d) => {
        out.debrief = d;
      },
    },
  );
  return { game, out };
}

describe("the table runner", () => {
  it("plays a table of bots on its clock to the harness's final state, log and debrief", () => {
    const clock = new ManualClock();
    const { game, out } = runner(clock, 42);
    game.start();
    while (clock.run());
    const harness = playBotGame({ scenario, seed: 42, seats, personalities });
    expect(game.ended).toBe(true);
    expect(game.actions).toEqual(harness.log.actions);
    expect(hashState(game.state)).toBe(hashState(harness.state));
    expect(out.debrief?.gameId).toBe("g");
    expect(out.debrief?.counterfactual.welfare.length).toBeGreaterThan(0);
    expect(out.phases.at(-1)).toBe("ended");
  });

  it("holds the bots' turn while paused, acts on resume, and extends the phase clock", () => {
    const clock = new ManualClock();
    const { game } = runner(clock, 3, (seat) => seat !== "G1");
    game.start();
    clock.run(); // News ends
    expect(game.state.phase).toBe("act");
    expect(game.pause()).toBe(true);
    const frozen = game.remainingMs();
    clock.run(); // the bots' turn comes while paused
    expect(game.actions).toHaveLength(0);
    expect(game.extend(1000)).toBe(true);
    expect(game.remainingMs()).toBe(frozen + 1000);
    expect(game.resume()).toBe(true);
    expect(game.actions.length).toBeGreaterThan(0);
    expect(game.actions.some((a) => a.seat === "G1")).toBe(false);
    game.next();
    expect(game.state.phase).toBe("legislate");
    game.stop();
    expect(clock.run()).toBe(false);
  });

  it("marks the moves a bot made for an away person as a stand-in's, and only those", () => {
    const clock = new ManualClock();
    const { game } = runner(clock, 5, undefined, (seat) => seat === "G1");
    game.start();
    while (clock.run());
    const g1 = game.actions.filter((a) => a.seat === "G1");
    const others = game.actions.filter((a) => a.seat !== "G1");
    expect(g1.length).toBeGreaterThan(0);
    expect(g1.every((a) => a.standIn === true)).toBe(true);
    expect(others.some((a) => a.standIn)).toBe(false);
    // The same game as the harness's: the mark changes nothing the rules see.
    const harness = playBotGame({ scenario, seed: 5, seats, personalities });
    expect(hashState(game.state)).toBe(hashState(harness.state));
  });
});
