import { describe, expect, it } from "vitest";
import {
  act,
  newGame,
  nextRound,
  quietScenario,
  rounds,
  toPhase,
  withRegulation,
} from "../tests/fixtures/game";
import { offersFor } from "./actions/gate";
import { advance } from "./game";
import { blocOutput } from "./governments";
import { hashState } from "./hash";
import { intensityIn } from "./policy";
import { firstNonFinite, resolveRound } from "./resolve";
import type { Scenario } from "./scenario";
import type { GameState } from "./state";

const scenario = quietScenario();
const start = toPhase(newGame(scenario, 11), "act");
const firm = (s: GameState, seat: string) => s.firms.find((f) => f.seat === seat)!;
const lab = (s: GameState, seat: string) => s.labs.find((l) => l.seat === seat)!;
const blocOf = (s: GameState, seat: string) => s.seats.find((x) => x.id === seat)!.bloc;

describe("resolving a round", () => {
  it("never changes the state it is given", () => {
    let s = act(start, "C1", { type: "acquire" });
    s = act(s, "L1", { type: "release", policy: "open" });
    s = toPhase(s, "legislate");
    const before = hashState(s);
    const copy = structuredClone(s);
    const after = resolveRound(s);
    expect(hashState(s)).toBe(before);
    expect(s).toEqual(copy);
    expect(hashState(after)).not.toBe(before);
    expect(after.phase).toBe("resolve");
    expect(after.history).toHaveLength(1);
  });

  it("resolving the same state twice gives the same result", () => {
    const s = toPhase(start, "legislate");
    expect(hashState(resolveRound(s))).toBe(hashState(resolveRound(s)));
  });
});

describe("relocation", () => {
  const cost = scenario.companies.relocateCost;

  it("a company's move takes effect the next round and costs it the relocation cost", () => {
    const moved = nextRound(act(start, "C1", { type: "relocate", bloc: 1 }));
    const stayed = nextRound(start);
    // Round 1 resolved: still at home, the move is pending, the cost is paid.
    expect(blocOf(moved, "C1")).toBe(0);
    expect(firm(moved, "C1").relocateTo).toBe(1);
    expect(firm(stayed, "C1").cash - firm(moved, "C1").cash).toBeCloseTo(cost, 9);
    expect(moved.chronicle.some((e) => e.kind === "relocation" && e.seat === "C1")).toBe(true);
    // Round 2 resolved: headquartered in bloc 1, and its output counts there.
    const later = nextRound(moved);
    expect(blocOf(later, "C1")).toBe(1);
    expect(firm(later, "C1").relocateTo).toBeNull();
    const other = nextRound(stayed);
    expect(blocOutput(later, 1) - blocOutput(other, 1)).toBeGreaterThan(
      0.9 * firm(later, "C1").output,
    );
  });

  it("a lab's move takes effect the next round, costs it, and takes it out of reach of a national brake", () => {
    const braked = withRegulation(start, "compute_licensing", { scope: 0 });
    const moved = nextRound(act(braked, "L1", { type: "relocate", bloc: 1 }));
    const stayed = nextRound(braked);
    expect(blocOf(moved, "L1")).toBe(0);
    expect(lab(moved, "L1").relocateTo).toBe(1);
    expect(lab(stayed, "L1").cumulativeRevenue - lab(moved, "L1").cumulativeRevenue).toBeCloseTo(
      cost,
      9,
    );
    // Same capability growth in the round of the move (still under the brake) ...
    expect(lab(moved, "L1").capability).toBeCloseTo(lab(stayed, "L1").capability, 9);
    // ... then free of it.
    const movedLater = nextRound(moved);
    const stayedLater = nextRound(stayed);
    expect(blocOf(movedLater, "L1")).toBe(1);
    const gain = (a: GameState, b: GameState) => lab(b, "L1").capability - lab(a, "L1").capability;
    expect(gain(moved, movedLater)).toBeGreaterThan(gain(stayed, stayedLater));
  });
});

describe("acquisitions", () => {
  it("move output from the market segment to the firm and cost the acquirer", () => {
    const bought = nextRound(act(start, "C1", { type: "acquire" }));
    const control = nextRound(start);
    const sector = firm(start, "C1").sector;
    expect(firm(bought, "C1").output).toBeGreaterThan(firm(control, "C1").output);
    expect(bought.sectors[sector]!.segments[0]!.output).toBeLessThan(
      control.sectors[sector]!.segments[0]!.output,
    );
    const event = bought.chronicle.find((e) => e.kind === "acquisition")!;
    expect(event.seat).toBe("C1");
    // The segment in the other bloc is not touched.
    expect(bought.sectors[sector]!.segments[1]!.output).toBeCloseTo(
      control.sectors[sector]!.segments[1]!.output,
      6,
    );
  });

  it("transfer exactly acquireShare of the segment before growth", () => {
    const s = toPhase(act(start, "C1", { type: "acquire" }), "legislate");
    const sector = firm(s, "C1").sector;
    const segment = s.sectors[sector]!.segments[0]!.output;
    const text = resolveRound(s).events.find((e) => e.kind === "acquisition")!.text;
    expect(text).toContain((segment * scenario.companies.acquireShare).toFixed(1));
  });
});

describe("licensing", () => {
  it("a company licensing a lab's models pays the lab the licence fee", () => {
    const licensed = nextRound(act(start, "C1", { type: "license", counterpart: "L1" }));
    const control = nextRound(start);
    expect(firm(licensed, "C1").licensedLab).toBe("L1");
    expect(lab(licensed, "L1").revenue - lab(control, "L1").revenue).toBeCloseTo(
      scenario.labs.licenseFeeShare * firm(start, "C1").output,
      9,
    );
    expect(licensed.chronicle.some((e) => e.kind === "license")).toBe(true);
  });

  it("a lab can license its models to a company", () => {
    const licensed = nextRound(act(start, "L2", { type: "license", counterpart: "C2" }));
    expect(firm(licensed, "C2").licensedLab).toBe("L2");
    expect(firm(licensed, "C1").licensedLab).toBeNull();
  });
});

describe("evasion", () => {
  const certain: Scenario = {
    ...scenario,
    companies: { ...scenario.companies, detection: 1 },
    governments: { ...scenario.governments, capacityRate: 0 },
  };
  const never: Scenario = { ...scenario, companies: { ...scenario.companies, detection: 0 } };

  function evasionGame(sc: Scenario, capacity: number) {
    const g = toPhase(newGame(sc, 11), "act");
    const s = withRegulation(
      { ...g, blocs: g.blocs.map((b) => ({ ...b, enforcement: capacity, measurement: capacity })) },
      "antitrust",
      { scope: 0 },
    );
    return { s, uid: s.regulations[0]!.uid };
  }

  it("an undetected evader escapes the penalty and earns more than a complier", () => {
    const { s, uid } = evasionGame(never, 1);
    const evaded = nextRound(act(s, "C1", { type: "evade", regulation: uid }));
    const complied = nextRound(s);
    expect(firm(evaded, "C1").evading).toEqual([uid]);
    expect(firm(evaded, "C1").lastProfit).toBeGreaterThan(firm(complied, "C1").lastProfit);
    expect(evaded.chronicle.some((e) => e.kind === "evasionDetected")).toBe(false);
    expect(evaded.goodhart.adversarial).toBeGreaterThan(complied.goodhart.adversarial);
  });

  it("a detected evader is fined in proportion to its output and the rule's intensity, in public", () => {
    const { s, uid } = evasionGame(certain, 1);
    const evading = toPhase(act(s, "C1", { type: "evade", regulation: uid }), "legislate");
    const caught = resolveRound(evading);
    const { s: s2 } = evasionGame(
      { ...certain, companies: { ...certain.companies, detection: 0 } },
      1,
    );
    const free = resolveRound(
      toPhase(act(s2, "C1", { type: "evade", regulation: uid }), "legislate"),
    );
    const event = caught.events.find((e) => e.kind === "evasionDetected")!;
    expect(event.seat).toBe("C1");
    expect(event.public).toBe(true);
    expect(firm(caught, "C1").detectedEvasions).toBe(1);
    // The fine is taken at the rule's intensity in this resolution (after the round's ramp-in
    // and the loopholes found in it), with the bloc's enforcement of the round.
    const k = intensityIn(evading, caught.regulations[0]!, 0);
    const fine = certain.companies.fine * firm(evading, "C1").output * k;
    expect(firm(free, "C1").lastProfit - firm(caught, "C1").lastProfit).toBeCloseTo(fine, 9);
    expect(caught.visibleSafety).toBeLessThan(free.visibleSafety);
  });

  it("complying again ends the evasion", () => {
    const { s, uid } = evasionGame(never, 1);
    const evaded = nextRound(act(s, "C1", { type: "evade", regulation: uid }));
    const complied = nextRound(act(evaded, "C1", { type: "comply", regulation: uid }));
    expect(firm(complied, "C1").evading).toEqual([]);
  });

  it("a firm can comply again with a rule a passed repeal ends next round", () => {
    const { s, uid } = evasionGame(never, 1);
    let t = nextRound(act(s, "C1", { type: "evade", regulation: uid }));
    t = nextRound(act(t, "G1", { type: "repeal", regulation: uid }));
    expect(t.regulations.find((r) => r.uid === uid)?.endsRound).not.toBeNull();
    t = toPhase(t, "act");
    expect(firm(t, "C1").evading).toEqual([uid]);
    const offer = offersFor(t, "C1").comply;
    expect(offer.enabled).toBe(true);
    expect(offer.options?.regulation).toEqual([uid]);
    // Evading it anew is not offered: the rule is on its way out.
    expect(offersFor(t, "C1").evade.options?.regulation ?? []).not.toContain(uid);
  });

  it("evasion of a repealed rule ends when it lapses", () => {
    const { s, uid } = evasionGame(never, 1);
    let t = nextRound(act(s, "C1", { type: "evade", regulation: uid }));
    t = act(t, "G1", { type: "repeal", regulation: uid });
    t = nextRound(nextRound(t));
    expect(t.regulations.some((r) => r.uid === uid)).toBe(false);
    expect(firm(t, "C1").evading).toEqual([]);
  });
});

describe("other moves", () => {
  it("emergency powers last the scenario's rounds and raise centralisation's drivers", () => {
    const s = nextRound(act(start, "G1", { type: "emergencyPowers" }));
    const control = nextRound(start);
    expect(s.chronicle.some((e) => e.kind === "emergency")).toBe(true);
    expect(s.blocs[0]!.emergency).toBe(scenario.governments.emergencyRounds - 1);
    expect(s.risks[1]).toBeGreaterThan(control.risks[1]!);
    expect(s.drivers[1]!.G1).toBeGreaterThan(0);
  });

  it("setting taxes changes the bloc's tax rate at resolution", () => {
    const s = act(start, "G2", { type: "setTax", rate: 0.4 });
    expect(s.blocs[1]!.taxRate).toBe(start.blocs[1]!.taxRate);
    expect(nextRound(s).blocs[1]!.taxRate).toBe(0.4);
  });

  it("deploying agents raises the lab's autonomy by the scenario's step", () => {
    const s = nextRound(act(start, "L1", { type: "deployAgents" }));
    expect(lab(s, "L1").autonomy).toBeCloseTo(scenario.labs.agentsStep, 9);
  });

  it("a safety pledge raises visible safety", () => {
    const s = nextRound(act(start, "L1", { type: "pledge" }));
    expect(s.visibleSafety).toBeGreaterThan(nextRound(start).visibleSafety);
    expect(lab(s, "L1").pledges).toBe(1);
  });

  it("open release puts the lab's capability into everyone's hands", () => {
    const s = nextRound(act(start, "L1", { type: "release", policy: "open" }));
    expect(lab(s, "L1").release).toBe("open");
    expect(lab(s, "L1").openCapability).toBeGreaterThan(0);
    expect(lab(nextRound(start), "L1").openCapability).toBe(0);
  });

  it("advancing an ended game changes nothing", () => {
    const ended = { ...start, phase: "ended" as const, ending: "muddling" as const };
    expect(advance(ended)).toBe(ended);
  });
});

/** Calls `visit` with each number's holder, key and path (as `firstNonFinite` names it). */
function eachNumber(
  value: unknown,
  path: string,
  visit: (holder: Record<string | number, unknown>, key: string | number, path: string) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v === "number")
        visit(value as unknown as Record<number, unknown>, i, `${path}[${i}]`);
      else eachNumber(v, `${path}[${i}]`, visit);
    });
  } else if (value !== null && typeof value === "object") {
    const holder = value as Record<string, unknown>;
    for (const k in holder) {
      if (typeof holder[k] === "number") visit(holder, k, `${path}.${k}`);
      else eachNumber(holder[k], `${path}.${k}`, visit);
    }
  }
}

describe("the round step's finite check", () => {
  it("finds a NaN or an infinity in every number of the figures it covers, by its path", () => {
    const s = structuredClone(rounds(start, 3));
    // Fields that are often null or empty hold numbers here, so that they are covered too.
    s.labs[0]!.relocateTo = 1;
    s.firms[0]!.relocateTo = 1;
    s.firms[0]!.evading.push(7);
    expect(firstNonFinite(s)).toBeNull();
    const groups: [string, unknown][] = [
      ["history", s.history[s.history.length - 1]],
      ["labs", s.labs],
      ["firms", s.firms],
      ["blocs", s.blocs],
      ["sectors", s.sectors],
      ["risks", s.risks],
      ["welfare", s.welfare],
    ];
    let checked = 0;
    for (const [name, value] of groups) {
      eachNumber(value, name, (holder, key, path) => {
        const old = holder[key];
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          holder[key] = bad;
          expect(firstNonFinite(s)).toBe(path);
        }
        holder[key] = old;
        checked++;
      });
    }
    expect(firstNonFinite(s)).toBeNull();
    expect(checked).toBeGreaterThan(100);
  });
});
