import { describe, expect, it } from "vitest";
import { newGame, quietScenario, toPhase } from "../tests/fixtures/game";
import { type RiskTargets, riskTargets, stepRisks } from "./attractors";
import { advance } from "./game";
import { blocPolicies } from "./policy";
import { STANDARD } from "./presets";
import { resolveRound } from "./resolve";
import type { Scenario } from "./scenario";
import { gradeWorld, ranks } from "./scoring";
import { runHarnessGame } from "./selfplay";
import type { GameEvent, GameState } from "./state";
import {
  AT,
  ATTRACTORS,
  type Attractor,
  ENDINGS,
  type Ending,
  endingOfAttractor,
  LEVERS,
  LV,
} from "./vocabulary";
import { DIM, proxyOf } from "./welfare";

const quiet = quietScenario();
const { tipping, exit } = quiet.risks;
const NA = ATTRACTORS.length;

function world(sc: Scenario = quiet, risks?: number[], inBasin?: boolean[]): GameState {
  const s = newGame(sc, 5);
  return {
    ...s,
    risks: risks ?? s.risks.slice(),
    inBasin: inBasin ?? s.inBasin.slice(),
    drivers: s.drivers.map((d) => ({ ...d })),
  };
}

/** Targets that hold every risk exactly where it is (only momentum moves it), or at `drive`. */
function targets(drive: number[]): RiskTargets {
  return { drive, hold: drive.map(() => 0), blame: drive.map(() => ({})) };
}

/** One risk step; `draw` picks the round, and so which draws the luck streams give. */
function step(s: GameState, drive: number[], draw = 0) {
  const events: GameEvent[] = [];
  s.round = 1 + draw;
  const struck = stepRisks(s, targets(drive), events);
  return { struck, events };
}

const all = <T>(v: T): T[] => ATTRACTORS.map(() => v);

describe("tipping points and hysteresis", () => {
  it("a risk enters its basin when it crosses the tipping point", () => {
    const s = world(quiet, all(tipping - 1), all(false));
    step(s, all(100));
    for (let a = 0; a < NA; a++) {
      expect(s.risks[a]).toBeGreaterThanOrEqual(tipping);
      expect(s.inBasin[a]).toBe(true);
    }
  });

  it("below the tipping point and outside the basin, a risk only follows its drivers", () => {
    const mid = (tipping + exit) / 2;
    const s = world(quiet, all(mid), all(false));
    step(s, all(mid));
    for (let a = 0; a < NA; a++) {
      expect(s.risks[a]).toBeCloseTo(mid, 9);
      expect(s.inBasin[a]).toBe(false);
    }
  });

  it("inside the basin the same level gains momentum and stays in: history matters", () => {
    const mid = (tipping + exit) / 2;
    const outside = world(quiet, all(mid), all(false));
    const inside = world(quiet, all(mid), all(true));
    step(outside, all(mid));
    step(inside, all(mid));
    for (let a = 0; a < NA; a++) {
      expect(inside.risks[a]).toBeGreaterThan(outside.risks[a]!);
      expect(inside.inBasin[a]).toBe(true);
    }
  });

  it("a risk leaves the basin only once it falls below the exit level", () => {
    const s = world(quiet, all(tipping + 5), all(true));
    let left = false;
    for (let i = 0; i < 60 && !left; i++) {
      step(s, all(0), i);
      for (let a = 0; a < NA; a++) expect(s.inBasin[a]).toBe(s.risks[a]! >= exit);
      left = s.inBasin.every((b) => !b);
    }
    expect(left).toBe(true);
  });

  it("escaping costs more than staying out: a drive that lowers a risk outside the basin does not inside", () => {
    const level = tipping - 2;
    const drive = all(level - 5);
    const outside = world(quiet, all(level), all(false));
    const inside = world(quiet, all(level), all(true));
    step(outside, drive);
    step(inside, drive);
    for (let a = 0; a < NA; a++) {
      expect(outside.risks[a]).toBeLessThan(level);
      expect(inside.risks[a]).toBeGreaterThan(outside.risks[a]!);
    }
  });
});

describe("close calls and catastrophes", () => {
  const warned: Scenario = {
    ...quiet,
    risks: { ...quiet.risks, closeCallFrom: STANDARD.risks.closeCallFrom },
  };
  const from = warned.risks.closeCallFrom;

  function closeCalls(level: number, trials: number): GameEvent[] {
    const out: GameEvent[] = [];
    for (let seed = 0; seed < trials; seed++) {
      const s = world(warned, all(level), all(false));
      out.push(...step(s, all(level), seed).events.filter((e) => e.kind === "closeCall"));
    }
    return out;
  }

  it("rising risk shows up as public close calls naming the attractor", () => {
    const calls = closeCalls(Math.min(99, tipping + 20), 100);
    expect(calls.length).toBeGreaterThan(10);
    for (const a of ATTRACTORS) expect(calls.some((e) => e.attractor === a)).toBe(true);
    for (const e of calls) {
      expect(e.public).toBe(true);
      expect(e.text.length).toBeGreaterThan(20);
    }
  });

  it("there are no close calls while a risk is low, and more the higher it is", () => {
    expect(closeCalls(Math.max(0, from - 10), 200)).toHaveLength(0);
    expect(closeCalls(Math.min(99, tipping + 20), 200).length).toBeGreaterThan(
      closeCalls(from + 1, 200).length,
    );
  });

  it("at 100 the catastrophe happens for sure, with a public event", () => {
    for (const [a, name] of ATTRACTORS.entries()) {
      const risks = all(10);
      risks[a] = 100;
      const s = world(quiet, risks, all(false));
      const drive = all(10);
      drive[a] = 100;
      const { struck, events } = step(s, drive);
      expect(struck).toBe(name);
      expect(events.find((e) => e.kind === "catastrophe")!.attractor).toBe(name);
    }
  });

  it("inside the basin a per-round hazard can strike before 100; below the tipping point it cannot", () => {
    const hazardous: Scenario = { ...quiet, risks: { ...quiet.risks, hazardMax: 1 } };
    let high = 0;
    let low = 0;
    const level = (tipping + 100) / 2 + 5;
    for (let seed = 0; seed < 100; seed++) {
      if (step(world(hazardous, all(level), all(true)), all(level), seed).struck) high++;
      if (step(world(hazardous, all(tipping - 3), all(false)), all(tipping - 3), seed).struck)
        low++;
    }
    expect(high).toBeGreaterThan(5);
    expect(low).toBe(0);
  });
});

describe("risk drivers", () => {
  const s0 = newGame(quiet, 5);
  const drive = (s: GameState) => riskTargets(s, blocPolicies(s), {}).drive;
  const base = drive(s0);

  it("open release of dangerous capability drives misuse", () => {
    const s = { ...s0, labs: s0.labs.map((l) => ({ ...l, capability: 60, openCapability: 60 })) };
    expect(drive(s)[0]).toBeGreaterThan(base[0]!);
  });

  it("consolidation drives centralisation", () => {
    const s = {
      ...s0,
      sectors: s0.sectors.map((x) => ({
        ...x,
        segments: x.segments.map((g) => ({
          ...g,
          theta: LEVERS.map((_, l) => (l === 3 ? 1 : g.theta[l]!)),
        })),
      })),
    };
    expect(drive(s)[1]).toBeGreaterThan(base[1]!);
  });

  it("lost human agency drives Goodhart lock-in", () => {
    const s = { ...s0, welfare: s0.welfare.map((w, d) => (d === DIM.agency ? 10 : w)) };
    expect(drive(s)[2]).toBeGreaterThan(base[2]!);
  });

  it("capability outrunning alignment, deployed autonomously, drives takeover", () => {
    const misaligned = {
      ...s0,
      labs: s0.labs.map((l) => ({ ...l, capability: 80, alignment: 1 })),
    };
    const autonomous = { ...misaligned, labs: misaligned.labs.map((l) => ({ ...l, autonomy: 1 })) };
    expect(drive(misaligned)[3]).toBeGreaterThan(base[3]!);
    expect(drive(autonomous)[3]).toBeGreaterThan(drive(misaligned)[3]!);
  });

  it("a company handing nearly every decision to agents drives takeover, and is blamed for it", () => {
    const d = quiet.risks.drivers;
    const delegating = (s: GameState, level: number) => ({
      ...s,
      firms: s.firms.map((f, i) =>
        i === 0 ? { ...f, levers: f.levers.map((v, l) => (l === LV.delegation ? level : v)) } : f,
      ),
    });
    const misaligned = {
      ...s0,
      labs: s0.labs.map((l) => ({ ...l, capability: 80, alignment: 1, autonomy: 0 })),
    };
    const below = delegating(misaligned, d.takeoverFirmAgentsFrom);
    const above = delegating(misaligned, 1);
    // At the threshold nothing changes; above it the frontier's gap weighs more.
    expect(drive(below)[3]).toBeCloseTo(drive(misaligned)[3]!, 12);
    expect(drive(above)[3]).toBeGreaterThan(drive(below)[3]! + 1);
    const firm = above.firms[0]!.seat;
    expect(riskTargets(above, blocPolicies(above), {}).blame[3]![firm]).toBeGreaterThan(0);
    // With aligned labs there is no gap, and a company's agents add nothing.
    const aligned = delegating(s0, 1);
    expect(drive(aligned)[3]).toBeCloseTo(drive(delegating(s0, 0))[3]!, 12);
  });
});

describe("every ending is reachable", () => {
  /** The last round's Legislate phase of a quiet game. */
  function lastRound(patch: (s: GameState) => Partial<GameState>): GameState {
    const s = toPhase(newGame(quiet, 9), "legislate");
    const at = { ...s, round: quiet.rounds };
    return { ...at, ...patch(at) };
  }

  it.each(ATTRACTORS.map((a, i) => [a, i] as const))(
    "a world at 100 %s ends in that catastrophe, and every seat shares the last place",
    (a: Attractor, i) => {
      const sure: Scenario = { ...quiet, risks: { ...quiet.risks, response: 0.01, momentum: 30 } };
      const s0 = toPhase(newGame(sure, 9), "legislate");
      const risks = s0.risks.map((r, j) => (j === i ? 100 : r));
      const inBasin = s0.inBasin.map((b, j) => j === i || b);
      const resolved = resolveRound({ ...s0, risks, inBasin });
      expect(resolved.ending).toBe(endingOfAttractor(a));
      const ended = advance(resolved);
      expect(ended.phase).toBe("ended");
      expect(Object.values(ranks(ended))).toEqual(ended.seats.map(() => ended.seats.length));
      expect(ended.chronicle.some((e) => e.kind === "ending")).toBe(true);
    },
  );

  it("a world whose proxy soared while welfare fell ends in Goodhart dystopia", () => {
    const s = lastRound((x) => ({
      startWelfare: 1000,
      startProxy: proxyOf(x) / (2 * quiet.endings.dystopiaProxyGrowth),
    }));
    expect(resolveRound(s).ending).toBe("dystopia");
  });

  it("a world with more welfare, human agency and low takeover and misuse risk flourishes", () => {
    const s = lastRound((x) => ({
      startWelfare: -1000,
      welfare: x.welfare.map((w, d) => (d === DIM.agency ? 100 : w)),
      risks: x.risks.map(() => 0),
    }));
    expect(resolveRound(s).ending).toBe("flourishing");
  });

  it("Flourishing is graded on outcomes: a misaligned lab does not veto it, the risk it leaves does", () => {
    const s = lastRound((x) => ({
      welfare: x.welfare.map((w, d) => (d === DIM.agency ? 100 : w)),
      labs: x.labs.map((l) => ({ ...l, capability: 90, alignment: 0 })),
      risks: x.risks.map(() => 0),
    }));
    const grade = (risks: number[]) =>
      gradeWorld({ ...s, risks }, s.startWelfare + 50, s.startProxy);
    expect(grade(s.risks)).toBe("flourishing");
    for (const a of [AT.takeover, AT.misuse]) {
      const risky = s.risks.map((_, i) => (i === a ? quiet.endings.flourishingRisk + 1 : 0));
      expect(grade(risky)).toBe("muddling");
    }
  });

  it("a world neither better nor worse muddles through", () => {
    const s = lastRound((x) => ({ startWelfare: 1000, startProxy: proxyOf(x) * 10 }));
    expect(resolveRound(s).ending).toBe("muddling");
  });

  it("the game does not end before the last round without a catastrophe", () => {
    const s = toPhase(newGame(quiet, 9), "legislate");
    const r = resolveRound(s);
    expect(r.ending).toBeNull();
    expect(advance(r).phase).toBe("news");
  });

  it("bots reach every ending in self-play under some government policy", () => {
    const found = new Map<Ending, string>();
    for (const policy of ["none", "theatre", "mixed", "sensible", "max"] as const) {
      for (let seed = 0; seed < 400 && found.size < ENDINGS.length; seed++) {
        const { state } = runHarnessGame(STANDARD, seed, policy);
        if (!found.has(state.ending!)) found.set(state.ending!, `${policy} seed ${seed}`);
      }
    }
    expect([...found.keys()].sort()).toEqual([...ENDINGS].sort());
  });
});
