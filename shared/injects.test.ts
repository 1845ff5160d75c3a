import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../tests/fixtures/clock";
import { randomScenario } from "../tests/fixtures/scenarios";
import { violations } from "../tests/fixtures/violations";
import { DEFAULT_PERSONALITY } from "./bots";
import { personalityPolicies, playBots } from "./bots/policy";
import { createGame } from "./create";
import { CRISES } from "./crises";
import { advance } from "./game";
import { hashState } from "./hash";
import { injectStatus, type LoggedInject, pushInject, strikesIn } from "./injects";
import { counterfactual, type GameLog, playBotGame, ReplayError, replay } from "./log";
import { PRESETS, STANDARD } from "./presets";
import type { ServerMessages } from "./protocol";
import { Rng, seedRng } from "./rng";
import { type Inject, parseScenario, type Scenario } from "./scenario";
import { runHarnessGame } from "./selfplay";
import type { GameState } from "./state";
import { TableRunner } from "./table/runner";
import { ATTRACTORS, INJECT_LABS, WELFARE_DIMS } from "./vocabulary";

const SIX = [
  "labLeak",
  "deepfakeElection",
  "chipExportControls",
  "marketCrash",
  "whistleBlower",
  "rogueAgent",
];

const seatsOf = (scenario: Scenario) =>
  createGame(scenario, 1).seats.map((s) => ({ role: s.role, name: s.name }));
const personalitiesOf = (scenario: Scenario) =>
  Object.fromEntries(createGame(scenario, 1).seats.map((s) => [s.id, DEFAULT_PERSONALITY[s.role]]));

/** A bot game's state at the given round and phase. */
function stateAt(scenario: Scenario, seed: number, round: number, phase: GameState["phase"]) {
  const policies = personalityPolicies(personalitiesOf(scenario));
  let state = createGame(scenario, seed);
  while (!(state.round === round && state.phase === phase)) {
    if (state.phase === "ended") throw new Error("the game ended first");
    state = advance(playBots(state, policies, null));
  }
  return state;
}

const totalOutput = (s: GameState) =>
  s.sectors.reduce((a, x) => a + x.segments.reduce((b, g) => b + g.output, 0), 0) +
  s.firms.reduce((a, f) => a + f.output, 0);
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

function readingGrade(text: string): number {
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  const sentences = Math.max(
    1,
    text.split(/[.!?]+(?:\s|$)/).filter((s) => /[A-Za-z]/.test(s)).length,
  );
  const syllables = words.reduce((n, w) => n + Math.max(1, syllable(w)), 0);
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
}

describe("the inject catalogue", () => {
  it("every preset carries the six crises, with no schedule, and parses as it is", () => {
    for (const preset of PRESETS) {
      expect(preset.injects.map((i) => i.id)).toEqual(SIX);
      expect(preset.schedule).toEqual([]);
      const parsed = parseScenario(preset);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(preset);
    }
  });

  it("a scenario written before injects existed still parses, and gets the catalogue", () => {
    const { injects: _i, schedule: _s, ...old } = STANDARD;
    const parsed = parseScenario(JSON.parse(JSON.stringify(old)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.injects).toEqual(CRISES);
    expect(parsed.value.schedule).toEqual([]);
  });

  it("each crisis reads at school grade 9 or below, as the news shows it", () => {
    for (const c of CRISES) {
      const text = `Crisis: ${c.title}. ${c.description}`;
      expect(readingGrade(text), `${c.id}: ${text}`).toBeLessThanOrEqual(9);
    }
  });

  it("refuses effects out of range, repeated ids and schedules that cannot fire", () => {
    const withInjects = (injects: unknown, schedule: unknown = []) =>
      parseScenario({ ...STANDARD, injects, schedule });
    const bad = (patch: Partial<Inject["effects"]>) => [
      { ...CRISES[0]!, effects: { ...CRISES[0]!.effects, ...patch } },
    ];
    const cases: [unknown, unknown, RegExp][] = [
      [bad({ risks: [1e9, 0, 0, 0] }), [], /injects\.0\.effects\.risks/],
      [bad({ compute: -1 }), [], /injects\.0\.effects\.compute/],
      [bad({ output: Number.POSITIVE_INFINITY }), [], /injects\.0\.effects\.output/],
      [bad({ approval: Number.NaN }), [], /injects\.0\.effects\.approval/],
      [bad({ welfare: [0, 0] }), [], /injects\.0\.effects\.welfare/],
      [[CRISES[0], CRISES[0]], [], /listed twice/],
      [CRISES, [{ round: 2, inject: "alienInvasion" }], /schedule\.0\.inject/],
      [CRISES, [{ round: 13, inject: "labLeak" }], /schedule\.0\.round/],
    ];
    for (const [injects, schedule, error] of cases) {
      const parsed = withInjects(injects, schedule);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.join("; ")).toMatch(error);
    }
  });
});

describe("each crisis", () => {
  const before = stateAt(STANDARD, 7, 3, "news");

  it.each(CRISES.map((c) => [c.id, c] as const))(
    "%s does what its entry states, and tells everyone",
    (_id, crisis) => {
      const frozen = JSON.stringify(before);
      const result = pushInject(before, crisis.id);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const after = result.state;
      const e = crisis.effects;
      expect(JSON.stringify(before)).toBe(frozen);
      ATTRACTORS.forEach((_a, i) => {
        expect(after.risks[i]).toBeCloseTo(clamp(before.risks[i]! + e.risks[i]!, 0, 100), 12);
      });
      WELFARE_DIMS.forEach((_d, i) => {
        expect(after.welfare[i]).toBeCloseTo(clamp(before.welfare[i]! + e.welfare[i]!, 0, 100), 12);
      });
      after.blocs.forEach((b, i) => {
        expect(b.approval).toBeCloseTo(clamp(before.blocs[i]!.approval + e.approval, 0, 100), 12);
      });
      expect(after.visibleSafety).toBeCloseTo(
        clamp(before.visibleSafety + e.visibleSafety, 0, 100),
        12,
      );
      expect(totalOutput(after)).toBeCloseTo(totalOutput(before) * (1 - e.output), 9);
      const leader = before.labs.reduce((l, x) => (x.capability > l.capability ? x : l));
      const hit = (seat: string) =>
        e.labs === "all" || (e.labs === "leader") === (seat === leader.seat);
      after.labs.forEach((lab, i) => {
        const was = before.labs[i]!;
        const yes = hit(lab.seat);
        expect(lab.compute).toBeCloseTo(was.compute * (yes ? 1 + e.compute : 1), 12);
        expect(lab.alignment).toBeCloseTo(
          yes ? Math.max(0, was.alignment + e.alignment) : was.alignment,
          12,
        );
      });
      const news = after.events.at(-1)!;
      expect(news).toEqual({
        round: 3,
        kind: "crisis",
        inject: crisis.id,
        public: true,
        text: `Crisis: ${crisis.title}. ${crisis.description}`,
      });
      expect(after.chronicle.at(-1)).toEqual(news);
      expect(after.events.slice(0, -1)).toEqual(before.events);
      // Nothing else moves: no luck drawn, no seat's figures touched.
      expect(after.history).toEqual(before.history);
      expect(after.regulations).toEqual(before.regulations);
      expect(after.seats).toEqual(before.seats);
    },
  );

  it("moves something real: every crisis changes the state's hash", () => {
    const hashes = new Set(
      CRISES.map((c) => hashState((pushInject(before, c.id) as { state: GameState }).state)),
    );
    hashes.add(hashState(before));
    expect(hashes.size).toBe(CRISES.length + 1);
  });
});

describe("when an inject strikes", () => {
  it("pushed during Act, it waits, and strikes as the next round opens", () => {
    const act = stateAt(STANDARD, 3, 2, "act");
    const result = pushInject(act, "marketCrash");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.pendingInjects).toEqual(["marketCrash"]);
    expect(result.state.risks).toEqual(act.risks);
    expect(result.state.chronicle).toEqual(act.chronicle);
    let s = result.state;
    while (s.phase !== "news") s = advance(s);
    expect(s.round).toBe(3);
    expect("pendingInjects" in s).toBe(false);
    const crisis = s.events.filter((e) => e.kind === "crisis");
    expect(crisis.map((e) => [e.round, e.inject])).toEqual([[3, "marketCrash"]]);
  });

  it("a scheduled inject strikes at its round, in every game of the scenario, and replays", () => {
    const scenario: Scenario = {
      ...STANDARD,
      rounds: 8,
      schedule: [
        { round: 1, inject: "labLeak" },
        { round: 4, inject: "chipExportControls" },
      ],
    };
    expect(parseScenario(scenario).ok).toBe(true);
    const first = createGame(scenario, 9);
    expect(first.events.map((e) => e.inject)).toEqual(["labLeak"]);
    const seats = seatsOf(scenario);
    const personalities = personalitiesOf(scenario);
    const { state, log } = playBotGame({ scenario, seed: 9, seats, personalities });
    const crises = state.chronicle.filter((e) => e.kind === "crisis");
    expect(crises.map((e) => [e.round, e.inject])).toEqual([
      [1, "labLeak"],
      [4, "chipExportControls"],
    ]);
    expect(hashState(replay(log))).toBe(hashState(state));
    const plain = playBotGame({
      scenario: { ...scenario, schedule: [] },
      seed: 9,
      seats,
      personalities,
    });
    expect(hashState(plain.state)).not.toBe(hashState(state));
    const cf = counterfactual(log, "noRegulation");
    expect(cf.chronicle.filter((e) => e.kind === "crisis").map((e) => e.inject)).toEqual([
      "labLeak",
      "chipExportControls",
    ]);
  });
});

describe("the cockpit's inject status", () => {
  it("lists the catalogue, the queue, the schedule to come and what struck, and agrees with pushInject", () => {
    const scenario: Scenario = {
      ...STANDARD,
      rounds: 8,
      schedule: [
        { round: 2, inject: "labLeak" },
        { round: 5, inject: "rogueAgent" },
      ],
    };
    const policies = personalityPolicies(personalitiesOf(scenario));
    let state = createGame(scenario, 21);
    expect(injectStatus(state).catalogue.map((c) => c.id)).toEqual(SIX);
    while (state.phase !== "ended") {
      const status = injectStatus(state);
      const pushed = pushInject(state, "marketCrash");
      expect(pushed.ok, `${state.round}/${state.phase}`).toBe(status.strikesIn !== null);
      expect(status.strikesIn).toBe(strikesIn(state));
      expect(status.scheduled.every((s) => s.round > state.round)).toBe(true);
      if (state.round === 3 && state.phase === "act" && pushed.ok) {
        state = pushed.state;
        expect(injectStatus(state).pending).toEqual(["marketCrash"]);
      }
      state = advance(playBots(state, policies, null));
    }
    const end = injectStatus(state);
    expect(end.strikesIn).toBeNull();
    expect(end.pending).toEqual([]);
    expect(end.scheduled).toEqual([]);
    expect(end.struck.filter((s) => s.round <= 5)).toEqual([
      { round: 2, inject: "labLeak" },
      { round: 4, inject: "marketCrash" },
      { round: 5, inject: "rogueAgent" },
    ]);
  });
});

describe("an inject refused", () => {
  it("for an unknown id, an ended game, or the last round after its News, leaves the state as it was", () => {
    const news = stateAt(STANDARD, 5, 2, "news");
    const cases: [GameState, string, string][] = [
      [news, "alienInvasion", "unknownInject"],
      [stateAt({ ...STANDARD, rounds: 8 }, 5, 8, "act"), "labLeak", "tooLate"],
      [
        playBotGame({
          scenario: STANDARD,
          seed: 5,
          seats: seatsOf(STANDARD),
          personalities: personalitiesOf(STANDARD),
        }).state,
        "labLeak",
        "gameEnded",
      ],
    ];
    for (const [state, id, code] of cases) {
      const hash = hashState(state);
      const result = pushInject(state, id);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
      expect(hashState(state)).toBe(hash);
    }
  });
});

/** A table of bots run on its clock, with injects pushed at the given round/phase. */
function playTable(seed: number, plan: Record<string, string>) {
  const scenario = { ...STANDARD, rounds: 8 };
  const clock = new ManualClock();
  let changed = 0;
  let debrief: ServerMessages["debrief"] | null = null;
  const game = new TableRunner(
    {
      gameId: "g",
      scenario,
      seed,
      seats: seatsOf(scenario),
      personalities: personalitiesOf(scenario),
      timeFactor: 0.01,
      botDelayMs: 5,
      clock,
    },
    {
      botPlays: () => true,
      entered: () => {},
      changed: () => {
        changed++;
      },
      ended: (d) => {
        debrief = d;
      },
    },
  );
  game.start();
  const done = new Set<string>();
  do {
    const at = `${game.state.round}/${game.state.phase}`;
    if (plan[at] && !done.has(at)) {
      done.add(at);
      const before = changed;
      expect(game.inject(plan[at])).toBeNull();
      expect(changed).toBe(before + 1);
    }
  } while (clock.run());
  return { game, debrief: debrief as ServerMessages["debrief"] | null };
}

describe("the table runner's injects", () => {
  const plan = {
    "1/news": "deepfakeElection",
    "2/act": "marketCrash",
    "3/legislate": "rogueAgent",
    "4/resolve": "whistleBlower",
    "5/act": "labLeak",
  };

  it("are logged as they were pushed, and the log replays to the same hash", () => {
    const { game } = playTable(11, plan);
    expect(game.ended).toBe(true);
    expect(game.injects).toEqual(
      Object.entries(plan).map(([at, inject]): LoggedInject => {
        const [round, phase] = at.split("/");
        return { round: Number(round), phase: phase as LoggedInject["phase"], inject };
      }),
    );
    const log = game.log();
    expect(log.injects).toEqual(game.injects);
    const struck = game.state.chronicle.filter((e) => e.kind === "crisis");
    // Pushed during News: that round; otherwise the next (unless the game ended first).
    const expected: [number, string][] = [
      [1, "deepfakeElection"],
      [3, "marketCrash"],
      [4, "rogueAgent"],
      [5, "whistleBlower"],
      [6, "labLeak"],
    ];
    expect(struck.map((e) => [e.round, e.inject])).toEqual(
      expected.filter(([round]) => round <= game.state.round),
    );
    expect(hashState(replay(log))).toBe(hashState(game.state));
    const without: GameLog = { ...log, injects: [] };
    expect(() => replay(without)).not.toThrow();
    expect(hashState(counterfactual(without, "none"))).not.toBe(hashState(game.state));
  });

  it("are in the counterfactual: the same game replays with every crisis, rules or not", () => {
    const { game, debrief } = playTable(11, plan);
    const log = game.log();
    expect(hashState(counterfactual(log, "none"))).toBe(hashState(game.state));
    const cf = counterfactual(log, "noRegulation");
    const cfCrises = cf.chronicle.filter((e) => e.kind === "crisis").map((e) => e.inject);
    for (const id of game.state.chronicle.filter((e) => e.kind === "crisis").map((e) => e.inject))
      expect(cfCrises).toContain(id);
    const plainCf = counterfactual({ ...log, injects: [] }, "noRegulation");
    expect(hashState(cf)).not.toBe(hashState(plainCf));
    expect(debrief?.counterfactual.welfare).toEqual(cf.history.map((h) => h.welfare));
  });

  it("refuses an ended game with the game as it was", () => {
    const { game } = playTable(12, {});
    const hash = hashState(game.state);
    const error = game.inject("labLeak");
    expect(error?.code).toBe("gameEnded");
    expect(error?.message).toMatch(/ended/);
    expect(game.injects).toEqual([]);
    expect(hashState(game.state)).toBe(hash);
  });

  it("refuses an unknown id in play, logging nothing", () => {
    const scenario = { ...STANDARD, rounds: 8 };
    const clock = new ManualClock();
    const game = new TableRunner(
      {
        gameId: "g",
        scenario,
        seed: 1,
        seats: seatsOf(scenario),
        personalities: personalitiesOf(scenario),
        timeFactor: 0.01,
        botDelayMs: 5,
        clock,
      },
      { botPlays: () => true, entered: () => {}, changed: () => {}, ended: () => {} },
    );
    game.start();
    const hash = hashState(game.state);
    const error = game.inject("alienInvasion");
    expect(error?.code).toBe("unknownInject");
    expect(error?.message).toMatch(/alienInvasion/);
    expect(game.injects).toEqual([]);
    expect(game.log().injects).toEqual([]);
    expect(hashState(game.state)).toBe(hash);
    game.stop();
  });

  it("a log with an inject the scenario lacks does not replay", () => {
    const { game } = playTable(13, { "2/act": "marketCrash" });
    const log = game.log();
    const scenario = {
      ...log.scenario,
      injects: log.scenario.injects.filter((i) => i.id !== "marketCrash"),
    };
    expect(() => replay({ ...log, scenario })).toThrow(ReplayError);
  });
});

describe("games without injects", () => {
  // Values from commit a76860c (the model the injects were merged into), re-pinned when the news
  // texts were put in plain words (the states were checked equal but for their texts), and when
  // the balance retune changed Standard's values and the bots (a new model, not a drift).
  it("hash exactly as they did before injects existed", () => {
    expect(hashState(createGame(STANDARD, 5))).toBe("db5b699973d68cf4");
    expect(runHarnessGame(STANDARD, 1, "mixed").record.finalHash).toBe("f5df8f9f82d05c17");
    expect(runHarnessGame(STANDARD, 4242, "sensible").record.finalHash).toBe("35226e1f3529391c");
  });
});

/** Draws each number of an inject's effects anywhere in its allowed range. */
function randomEffects(rand: () => number): Inject["effects"] {
  const u = (lo: number, hi: number) => lo + rand() * (hi - lo);
  return {
    risks: ATTRACTORS.map(() => u(-30, 30)),
    welfare: WELFARE_DIMS.map(() => u(-30, 30)),
    approval: u(-30, 30),
    visibleSafety: u(-30, 30),
    output: u(0, 0.3),
    labs: INJECT_LABS[Math.floor(rand() * INJECT_LABS.length)]!,
    compute: rand() < 0.2 ? (rand() < 0.5 ? -0.5 : 0.5) : u(-0.5, 0.5),
    alignment: u(-20, 20),
  };
}

describe("a property: injects keep every number finite", () => {
  it("random accepted scenarios and crises, with injects pushed in every round, stay finite and in bounds", () => {
    const rng = new Rng(seedRng(1111));
    const rand = () => rng.next();
    const problems: string[] = [];
    for (let g = 0; g < 300; g++) {
      const base = randomScenario(rand, [0.1, 0.3, 0.6, 1][g % 4]!);
      const injects = CRISES.map((c) => ({ ...c, effects: randomEffects(rand) }));
      const parsed = parseScenario({
        ...base,
        injects,
        schedule: [{ round: 1 + Math.floor(rand() * base.rounds), inject: injects[g % 6]!.id }],
      });
      if (!parsed.ok) {
        problems.push(`game ${g}: refused: ${parsed.errors[0]}`);
        continue;
      }
      const scenario = parsed.value;
      const policies = personalityPolicies(personalitiesOf(scenario));
      try {
        let state = createGame(scenario, g);
        while (state.phase !== "ended") {
          if (state.phase === "news" || state.phase === "act") {
            const id = injects[Math.floor(rand() * injects.length)]!.id;
            const result = pushInject(state, id);
            if (result.ok) state = result.state;
            else if (result.error.code !== "tooLate")
              problems.push(`game ${g}: ${result.error.message}`);
          }
          state = advance(playBots(state, policies, null));
        }
        const found = violations(state);
        if (found.length > 0) problems.push(`game ${g}: ${found.slice(0, 3).join("; ")}`);
        if (state.chronicle.filter((e) => e.kind === "crisis").length < state.round)
          problems.push(`game ${g}: fewer crises than rounds`);
      } catch (e) {
        problems.push(`game ${g}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
