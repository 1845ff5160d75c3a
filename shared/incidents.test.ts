import { describe, expect, it } from "vitest";
import { act, newGame, quietScenario, toPhase } from "../tests/fixtures/game";
import { applyAction } from "./actions";
import { blocOutput } from "./governments";
import { incidentChance, stepIncidents } from "./incidents";
import { STANDARD } from "./presets";
import { resolveRound } from "./resolve";
import type { Scenario } from "./scenario";
import type { GameEvent, GameState } from "./state";
import { AT, ATTRACTORS, INCIDENT_ATTRACTOR, INCIDENTS } from "./vocabulary";
import { DIM, proxyOf } from "./welfare";

/** Incidents on (at a sure chance when asked), everything else quiet. */
function withIncidents(chance: number): Scenario {
  const quiet = quietScenario();
  return { ...quiet, incidents: { ...STANDARD.incidents, chance } };
}

const at = (s: GameState, level: number): GameState => ({
  ...s,
  risks: ATTRACTORS.map(() => level),
  welfare: s.welfare.slice(),
  blocs: s.blocs.map((b) => ({ ...b })),
  sectors: s.sectors.map((sec) => ({ ...sec, segments: sec.segments.map((g) => ({ ...g })) })),
  firms: s.firms.map((f) => ({ ...f })),
});

describe("incidents", () => {
  const scenario = withIncidents(1);
  const s0 = newGame(scenario, 3);
  const { from } = scenario.incidents;
  const tipping = scenario.risks.tipping;

  it("cannot strike at or below the scenario's level; the chance rises to its full value at the tipping point", () => {
    for (const incident of INCIDENTS) {
      expect(incidentChance(at(s0, from), incident)).toBe(0);
      const low = incidentChance(at(s0, from + 5), incident);
      const high = incidentChance(at(s0, (from + tipping) / 2), incident);
      expect(low).toBeGreaterThan(0);
      expect(high).toBeGreaterThan(low);
      expect(incidentChance(at(s0, tipping), incident)).toBeCloseTo(1, 9);
    }
  });

  it("strike below the tipping point with real costs, and are news naming the incident", () => {
    const before = at(s0, tipping - 1);
    const after = at(s0, tipping - 1);
    const events: GameEvent[] = [];
    expect(stepIncidents(after, events)).toBe(INCIDENTS.length);
    expect(events.map((e) => e.incident)).toEqual([...INCIDENTS]);
    for (const e of events) {
      expect(e.kind).toBe("incident");
      expect(e.public).toBe(true);
      expect(e.attractor).toBe(INCIDENT_ATTRACTOR[e.incident!]);
    }
    for (const incident of INCIDENTS) {
      const d = DIM[scenario.incidents.effects[incident].dim];
      expect(after.welfare[d]).toBeLessThan(before.welfare[d]!);
    }
    for (let b = 0; b < after.blocs.length; b++)
      expect(after.blocs[b]!.approval).toBeLessThan(before.blocs[b]!.approval);
    expect(proxyOf(after)).toBeLessThan(proxyOf(before));
    expect(after.visibleSafety).toBeLessThan(before.visibleSafety);
    expect(after.ending).toBeNull();
  });

  it("draw from the round's incident stream: the same seed and round give the same incidents, whatever else differs", () => {
    const partial = withIncidents(0.5);
    const base = at(newGame(partial, 21), (from + tipping) / 2);
    const struck = (s: GameState) => {
      const events: GameEvent[] = [];
      stepIncidents(s, events);
      return events.map((e) => e.incident);
    };
    const other = { ...at(base, (from + tipping) / 2), visibleSafety: 90 };
    expect(struck(at(base, (from + tipping) / 2))).toEqual(struck(other));
    // Another round draws again: over many rounds some strike and some do not.
    const counts = INCIDENTS.map(() => 0);
    for (let round = 1; round <= 60; round++) {
      const s = { ...at(base, (from + tipping) / 2), round };
      for (const i of struck(s)) counts[INCIDENTS.indexOf(i!)]!++;
    }
    for (const c of counts) {
      expect(c).toBeGreaterThan(3);
      expect(c).toBeLessThan(45);
    }
  });

  it("reach the round's news when the model steps", () => {
    const s = toPhase(newGame(scenario, 5), "legislate");
    const risky = { ...s, risks: s.risks.map(() => tipping - 2) };
    const r = resolveRound(risky);
    expect(r.events.filter((e) => e.kind === "incident").length).toBeGreaterThan(0);
    expect(r.chronicle.some((e) => e.kind === "incident")).toBe(true);
  });
});

describe("the emergency measure", () => {
  const scenario = quietScenario();
  const g = scenario.governments;
  const s0 = toPhase(newGame(scenario, 8), "act");
  const risky = { ...s0, risks: s0.risks.map(() => 50) };
  const measure = (attractor: (typeof ATTRACTORS)[number]) =>
    act(risky, "G1", { type: "emergencyMeasure", attractor });

  it("bites the round it is taken: the risk is cut at once by about the scenario's amount", () => {
    const control = resolveRound(toPhase(risky, "legislate"));
    for (const a of ATTRACTORS) {
      const treated = resolveRound(toPhase(measure(a), "legislate"));
      // (a little more or less: what the measure costs also moves the drivers)
      expect(control.risks[AT[a]]! - treated.risks[AT[a]]!).toBeCloseTo(g.measureCut, 0);
    }
  });

  it("costs approval and output, and all but a break-up concentrate power in the state", () => {
    const control = resolveRound(toPhase(risky, "legislate"));
    const takeover = resolveRound(toPhase(measure("takeover"), "legislate"));
    // Its approval cost, and the growth its output loss takes away.
    expect(takeover.blocs[0]!.approval).toBeLessThanOrEqual(
      control.blocs[0]!.approval - g.measureApproval,
    );
    expect(blocOutput(takeover, 0)).toBeLessThan(blocOutput(control, 0));
    expect(takeover.risks[AT.centralisation]! - control.risks[AT.centralisation]!).toBeCloseTo(
      g.measureCentralisation,
      0,
    );
    const breakUp = resolveRound(toPhase(measure("centralisation"), "legislate"));
    expect(breakUp.risks[AT.centralisation]).toBeLessThan(control.risks[AT.centralisation]!);
    expect(takeover.chronicle.some((e) => e.kind === "emergency" && e.round === 1)).toBe(true);
    // It lasts one round: the next round has no measure in force.
    expect(takeover.blocs.every((b) => b.emergencyMeasure === null)).toBe(true);
  });

  it("against takeover, recalls the autonomous agents of the bloc's labs", () => {
    const agents = {
      ...risky,
      labs: risky.labs.map((l) => ({ ...l, autonomy: 0.75 })),
    };
    const r = resolveRound(
      toPhase(act(agents, "G1", { type: "emergencyMeasure", attractor: "takeover" }), "legislate"),
    );
    for (const l of r.labs) {
      const bloc = r.seats.find((s) => s.id === l.seat)!.bloc;
      expect(l.autonomy).toBe(bloc === 0 ? 0 : 0.75);
    }
  });

  it("is taken once a round, by governments only", () => {
    const once = measure("misuse");
    const again = applyAction(once, "G1", { type: "emergencyMeasure", attractor: "takeover" });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe("already_done");
    const lab = applyAction(risky, "L1", { type: "emergencyMeasure", attractor: "misuse" });
    expect(lab.ok).toBe(false);
  });
});
