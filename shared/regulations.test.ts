import { describe, expect, it } from "vitest";
import {
  act,
  newGame,
  quietScenario,
  rounds,
  toPhase,
  withRegulation,
} from "../tests/fixtures/game";
import { riskTargets } from "./attractors";
import { blocOutput } from "./governments";
import { blocPolicies, intensityIn, intensityOf } from "./policy";
import {
  byProtection,
  holdersOf,
  REGULATION_IDS,
  REGULATIONS,
  type RegulationId,
  regulationsOf,
} from "./regulations";
import type { GameState } from "./state";
import { ATTRACTORS, LEVERS, WELFARE_DIMS } from "./vocabulary";
import { DIM } from "./welfare";

/** Round 1's Act phase of a quiet game: G1, L1 and C1 sit in bloc 0; G2, L2 and C2 in bloc 1. */
const base = toPhase(newGame(quietScenario(), 7), "act");
/** The dimensions the levers harm. */
const LEVER_HARMS: readonly string[] = base.scenario.welfare.leverHarm;

/** A world whose risk drivers are all well above zero and well below 100. */
function dangerous(s: GameState): GameState {
  const labs = s.labs.map((l, i) => ({
    ...l,
    capability: i === 0 ? 75 : 50,
    alignment: 15,
    openCapability: 50,
    autonomy: 0.5,
    compute: i === 0 ? 30 : 10,
  }));
  const sectors = s.sectors.map((sec) => ({
    ...sec,
    segments: sec.segments.map((g) => ({ ...g, theta: LEVERS.map(() => 0.5) })),
  }));
  const welfare = s.welfare.slice();
  welfare[DIM.agency] = 45;
  welfare[DIM.information] = 45;
  return { ...s, labs, sectors, welfare, risks: ATTRACTORS.map(() => 40) };
}

function lab(s: GameState, seat: string) {
  return s.labs.find((l) => l.seat === seat)!;
}

/** The same game with and without `reg` in force in bloc 0 at full strength, after `n` rounds. */
function compare(reg: RegulationId, n = 1, prepare: (s: GameState) => GameState = (s) => s) {
  const start = prepare(base);
  return { control: rounds(start, n), treated: rounds(withRegulation(start, reg), n) };
}

const withField = (field: keyof (typeof REGULATIONS)[RegulationId]) =>
  REGULATION_IDS.filter((id) => REGULATIONS[id][field] !== undefined);

describe("the catalogue", () => {
  it("has all the regulations of DESIGN.md section 6, including two pieces of security theatre", () => {
    expect(REGULATION_IDS.length).toBeGreaterThanOrEqual(15);
    for (const id of REGULATION_IDS) {
      const spec = REGULATIONS[id];
      expect(spec.id).toBe(id);
      expect(spec.name.length).toBeGreaterThan(3);
      expect(spec.explain.length).toBeGreaterThan(10);
    }
    expect(REGULATION_IDS.filter((id) => REGULATIONS[id].family === "theatre")).toHaveLength(2);
  });

  it("every regulation does something", () => {
    for (const id of REGULATION_IDS) {
      const k = intensityIn(withRegulation(base, id), withRegulation(base, id).regulations[0]!, 0);
      expect(k, id).toBeGreaterThan(0);
      const p = blocPolicies(withRegulation(base, id))[0]!;
      const q = blocPolicies(base)[0]!;
      expect(JSON.stringify(p), id).not.toBe(JSON.stringify(q));
    }
  });
});

describe.each(withField("penalty"))("%s penalises its levers", (id) => {
  it("lowers the penalised lever values in the market segments of its bloc", () => {
    const { control, treated } = compare(id, 2);
    const penalty = REGULATIONS[id].penalty!;
    LEVERS.forEach((lever, l) => {
      if (!penalty[lever]) return;
      for (let si = 0; si < control.sectors.length; si++) {
        const c = control.sectors[si]!.segments[0]!.theta[l]!;
        const t = treated.sectors[si]!.segments[0]!.theta[l]!;
        expect(t, `${lever} in sector ${si}`).toBeLessThan(c);
      }
    });
  });

  it("leaves the market's levers in another bloc's segments alone when national", () => {
    const { control, treated } = compare(id, 1);
    LEVERS.forEach((lever, l) => {
      if (!REGULATIONS[id].penalty![lever]) return;
      for (const sector of treated.sectors.keys()) {
        const c = control.sectors[sector]!.segments[1]!.theta[l]!;
        const t = treated.sectors[sector]!.segments[1]!.theta[l]!;
        expect(t).toBeCloseTo(c, 9);
      }
    });
  });
});

describe.each(withField("hold"))("%s holds risks back", (id) => {
  const hold = REGULATIONS[id].hold!;

  it("raises its bloc's hold on each risk it holds (lowers it for a negative hold), and no other bloc's", () => {
    const treated = withRegulation(base, id);
    const [t0, t1] = blocPolicies(treated);
    const [c0, c1] = blocPolicies(base);
    ATTRACTORS.forEach((a, i) => {
      const h = hold[a] ?? 0;
      if (h > 0) expect(t0!.hold[i], a).toBeGreaterThan(c0!.hold[i]!);
      else if (h < 0) expect(t0!.hold[i], a).toBeLessThan(c0!.hold[i]!);
      else expect(t0!.hold[i], a).toBeCloseTo(c0!.hold[i]!, 12);
      expect(t1!.hold[i], a).toBeCloseTo(c1!.hold[i]!, 12);
    });
  });

  it("holds back more of each driven risk's target in the risk model", () => {
    const world = dangerous(base);
    const treated = withRegulation(world, id);
    const before = riskTargets(world, blocPolicies(world), {});
    const after = riskTargets(treated, blocPolicies(treated), {});
    ATTRACTORS.forEach((a, i) => {
      const h = hold[a] ?? 0;
      expect(before.drive[i], a).toBeGreaterThan(0);
      if (h > 0) expect(after.hold[i], a).toBeGreaterThan(before.hold[i]!);
      else if (h < 0) expect(after.hold[i], a).toBeLessThan(before.hold[i]!);
    });
  });

  it("moves each held risk in the direction of its hold by the end of the round", () => {
    const { control, treated } = compare(id, 1, dangerous);
    ATTRACTORS.forEach((a, i) => {
      const h = hold[a] ?? 0;
      if (REGULATIONS[id].family === "theatre") return; // see "security theatre" below
      if (h > 0) expect(treated.risks[i], a).toBeLessThan(control.risks[i]!);
      else if (h < 0) expect(treated.risks[i], a).toBeGreaterThan(control.risks[i]!);
    });
  });
});

describe.each(withField("outputDrag"))("%s drags output", (id) => {
  it("its bloc ends the round with less output", () => {
    const { control, treated } = compare(id, 2);
    expect(blocOutput(treated, 0)).toBeLessThan(blocOutput(control, 0));
  });
});

describe.each(withField("capabilityDrag"))("%s slows capability", (id) => {
  it("the lab headquartered in its bloc gains less capability", () => {
    // An aligned lab: only the rule's general drag applies (evaluations add more for a misaligned one).
    const aligned = (s: GameState) => ({
      ...s,
      labs: s.labs.map((l) => ({ ...l, alignment: 100 })),
    });
    const { control, treated } = compare(id, 2, aligned);
    const gainC = lab(control, "L1").capability - lab(aligned(base), "L1").capability;
    const gainT = lab(treated, "L1").capability - lab(aligned(base), "L1").capability;
    expect(gainC).toBeGreaterThan(0);
    expect(gainT).toBeLessThan(gainC);
    expect(gainT).toBeCloseTo(
      gainC * (1 - blocPolicies(withRegulation(base, id))[0]!.capabilityDrag),
      0,
    );
  });

  it("writes the benefits it delays into the ledger", () => {
    const { control, treated } = compare(id, 2);
    expect(control.delayedBenefits[id] ?? 0).toBe(0);
    expect(treated.delayedBenefits[id]).toBeGreaterThan(0);
  });
});

describe.each(withField("misalignedDrag"))("%s has teeth for a misaligned lab", (id) => {
  it("holds back a lab whose alignment margin is negative, and not an aligned one", () => {
    const withAlignment = (alignment: number) => (s: GameState) => ({
      ...s,
      labs: s.labs.map((l) => ({ ...l, alignment })),
    });
    const gain = (alignment: number) => {
      const { control, treated } = compare(id, 1, withAlignment(alignment));
      const start = lab(withAlignment(alignment)(base), "L1").capability;
      return {
        control: lab(control, "L1").capability - start,
        treated: lab(treated, "L1").capability - start,
      };
    };
    const misaligned = gain(0);
    const aligned = gain(100);
    // The misaligned lab loses a larger share of its growth than the aligned one.
    expect(misaligned.treated / misaligned.control).toBeLessThan(
      aligned.treated / aligned.control - 0.1,
    );
  });
});

describe.each(withField("benefitDrag"))("%s delays the benefits of AI", (id) => {
  it("health & abundance end lower and the ledger names it", () => {
    const { control, treated } = compare(id, 3);
    expect(treated.welfare[DIM.health]).toBeLessThan(control.welfare[DIM.health]!);
    expect(treated.delayedBenefits[id]).toBeGreaterThan(0);
  });
});

describe.each(withField("measurement"))("%s sharpens measurement", (id) => {
  it("shrinks its government's welfare and risk noise", () => {
    const { control, treated } = compare(id, 1);
    expect(treated.blocs[0]!.welfareNoise).toBeLessThan(control.blocs[0]!.welfareNoise);
    expect(treated.blocs[0]!.riskNoise).toBeLessThan(control.blocs[0]!.riskNoise);
  });
});

describe("welfare statistics", () => {
  it("shrink measurement noise for every government, not only the one that passed them", () => {
    const { control, treated } = compare("welfare_statistics", 1);
    for (let b = 0; b < base.blocs.length; b++)
      expect(treated.blocs[b]!.welfareNoise).toBeLessThan(control.blocs[b]!.welfareNoise);
  });
});

describe.each(withField("harmPricing"))("%s prices measured harm in", (id) => {
  it("lowers the levers whose harm it measures, and harm moves to the levers it does not", () => {
    const { control, treated } = compare(id, 2);
    const measured = blocPolicies(treated)[0]!.measured;
    expect(measured.some((m) => m)).toBe(true);
    expect(measured.every((m) => m)).toBe(false);
    LEVERS.forEach((lever, l) => {
      for (const sector of control.sectors.keys()) {
        const c = control.sectors[sector]!.segments[0]!.theta[l]!;
        const t = treated.sectors[sector]!.segments[0]!.theta[l]!;
        if (measured[l]) expect(t, lever).toBeLessThan(c);
        else expect(t, lever).toBeGreaterThan(c);
      }
    });
    const unmeasured = WELFARE_DIMS.filter(
      (d) => !blocPolicies(treated)[0]!.measuredDims.includes(d) && LEVER_HARMS.includes(d),
    );
    for (const d of unmeasured) expect(treated.harmShifted[DIM[d]], d).toBeGreaterThan(0);
    expect(control.harmShifted.every((h) => h === 0)).toBe(true);
  });
});

describe.each(withField("visibleSafety"))("%s raises visible safety", (id) => {
  it("the published safety indicator ends higher", () => {
    const { control, treated } = compare(id, 2);
    expect(treated.visibleSafety).toBeGreaterThan(control.visibleSafety);
  });
});

describe.each(withField("approval"))("%s earns approval", (id) => {
  it("adds its approval term for the enacting bloc only", () => {
    const treated = withRegulation(base, id);
    const k = intensityIn(treated, treated.regulations[0]!, 0);
    const [p0, p1] = blocPolicies(treated);
    expect(p0!.approval).toBeCloseTo(REGULATIONS[id].approval! * k, 9);
    expect(p1!.approval).toBe(0);
  });
});

describe.each(withField("alignment"))("%s funds alignment research", (id) => {
  it("labs in its bloc gain more alignment", () => {
    const { control, treated } = compare(id, 2);
    expect(lab(treated, "L1").alignment).toBeGreaterThan(lab(control, "L1").alignment);
  });
});

describe.each(withField("autonomyLimit"))("%s limits autonomous deployment", (id) => {
  it("a fully autonomous lab in its bloc earns less from its agents", () => {
    const autonomous = (s: GameState) => ({
      ...s,
      labs: s.labs.map((l) => (l.seat === "L1" ? { ...l, autonomy: 1 } : l)),
    });
    const { control, treated } = compare(id, 1, autonomous);
    expect(lab(treated, "L1").revenue).toBeLessThan(lab(control, "L1").revenue);
  });
});

describe("windfall tax", () => {
  it("moves AI labs' revenue to the government's budget", () => {
    const { control, treated } = compare("windfall_tax", 1);
    expect(lab(treated, "L1").revenue).toBeLessThan(lab(control, "L1").revenue);
    expect(treated.blocs[0]!.budget).toBeGreaterThan(control.blocs[0]!.budget);
    // A lab in the other bloc pays nothing.
    expect(lab(treated, "L2").revenue).toBeCloseTo(lab(control, "L2").revenue, 9);
  });
});

describe.each(withField("openCap"))("%s caps open release", (id) => {
  it("an open-weights lab in its bloc publishes less than it holds; without it, all of it", () => {
    const open = (s: GameState) => ({
      ...s,
      labs: s.labs.map((l) =>
        l.seat === "L1" ? { ...l, capability: 90, release: "open" as const } : l,
      ),
    });
    const { control, treated } = compare(id, 1, open);
    const held = lab(control, "L1");
    expect(held.openCapability).toBeCloseTo(Math.min(100, held.capability), 9);
    expect(lab(treated, "L1").openCapability).toBeLessThan(lab(treated, "L1").capability);
    const cap = blocPolicies(withRegulation(open(base), id))[0]!.openCap;
    expect(cap).toBeLessThan(100);
    expect(cap).toBeGreaterThanOrEqual(REGULATIONS[id].openCap!);
  });
});

describe.each(withField("recovery"))("%s speeds welfare recovery", (id) => {
  it("damaged welfare dimensions recover faster", () => {
    const damaged = (s: GameState) => ({
      ...s,
      welfare: s.welfare.map((w, d) => (d === DIM.health ? w : 10)),
    });
    const { control, treated } = compare(id, 1, damaged);
    WELFARE_DIMS.forEach((dim, d) => {
      if (d === DIM.health) return;
      expect(treated.welfare[d], dim).toBeGreaterThan(control.welfare[d]!);
    });
  });
});

describe("frontier training moratorium", () => {
  const spec = REGULATIONS.moratorium;

  it("bites only partly as a national law: its intensity is scaled by the national factor", () => {
    const national = withRegulation(base, "moratorium", { scope: 0 });
    const accord = withRegulation(base, "moratorium", { scope: "accord" });
    const kN = intensityIn(national, national.regulations[0]!, 0);
    const kA = intensityIn(accord, accord.regulations[0]!, 0);
    expect(spec.nationalFactor).toBeLessThan(1);
    expect(kN).toBeCloseTo(kA * spec.nationalFactor!, 9);
  });

  it("as an accord, slows every lab more than a national moratorium slows its own", () => {
    const national = rounds(withRegulation(base, "moratorium", { scope: 0 }), 2);
    const accord = rounds(withRegulation(base, "moratorium", { scope: "accord" }), 2);
    const none = rounds(base, 2);
    const gain = (s: GameState, seat: string) =>
      lab(s, seat).capability - lab(base, seat).capability;
    expect(gain(accord, "L1")).toBeLessThan(gain(national, "L1"));
    expect(gain(national, "L1")).toBeLessThan(gain(none, "L1"));
    // A national moratorium does not reach the lab in the other bloc; an accord does.
    expect(gain(national, "L2")).toBeCloseTo(gain(none, "L2"), 6);
    expect(gain(accord, "L2")).toBeLessThan(gain(none, "L2"));
  });
});

describe("security theatre", () => {
  const n = 3;
  it.each(["voluntary_pledges", "checkbox_audits"] as const)(
    "%s raises visible safety while barely changing the risks",
    (id) => {
      const start = dangerous(base);
      const control = rounds(start, n);
      const treated = rounds(withRegulation(start, id), n);
      expect(treated.visibleSafety).toBeGreaterThan(control.visibleSafety + 2);
      const hold = REGULATIONS[id].hold ?? {};
      ATTRACTORS.forEach((a, i) => {
        const bound = n * Math.abs(hold[a] ?? 0) + 0.5;
        expect(Math.abs(treated.risks[i]! - control.risks[i]!), a).toBeLessThan(bound);
      });
    },
  );

  it("a real brake moves the risk it targets far more than theatre does", () => {
    const start = dangerous(base);
    const control = rounds(start, n);
    const theatre = rounds(withRegulation(start, "checkbox_audits"), n);
    const biosecurity = rounds(withRegulation(start, "biosecurity"), n);
    const m = ATTRACTORS.indexOf("misuse");
    expect(control.risks[m]! - biosecurity.risks[m]!).toBeGreaterThan(
      5 * Math.abs(control.risks[m]! - theatre.risks[m]!),
    );
  });
});

describe("enforcement", () => {
  it("scales a rule's intensity: unenforced law is weak law", () => {
    const weak = withRegulation(base, "antitrust");
    const strong: GameState = {
      ...weak,
      blocs: weak.blocs.map((b, i) => (i === 0 ? { ...b, enforcement: 1 } : b)),
    };
    expect(intensityIn(strong, strong.regulations[0]!, 0)).toBeGreaterThan(
      intensityIn(weak, weak.regulations[0]!, 0),
    );
  });

  it("a regulation enacted through the legislature is in the rule book its bloc's policy reads", () => {
    let s = act(base, "G1", {
      type: "propose",
      regulation: "antitrust",
      strength: 2,
      accord: false,
    });
    s = rounds(s, 3);
    expect(intensityOf(blocPolicies(s)[0]!, "antitrust")).toBeGreaterThan(0);
    expect(intensityOf(blocPolicies(s)[1]!, "antitrust")).toBe(0);
  });
});

describe("externality pricing (regression: it used to skim AI labs' revenue)", () => {
  it("raises its revenue from the firms it burdens, not from AI labs", () => {
    const { control, treated } = compare("externality_pricing", 1);
    expect(lab(treated, "L1").revenue).toBeCloseTo(lab(control, "L1").revenue, 9);
    expect(treated.blocs[0]!.budget).toBeGreaterThan(control.blocs[0]!.budget);
  });
});

describe("lists derived from the catalogue", () => {
  it("ranks every regulation by protection once, theatre last", () => {
    const ranks = REGULATION_IDS.map((id) => REGULATIONS[id].priority).sort((a, b) => a - b);
    expect(ranks).toEqual(REGULATION_IDS.map((_, i) => i + 1));
    const order = byProtection();
    expect(order).not.toContain("voluntary_pledges");
    expect(order.length).toBe(REGULATION_IDS.length - regulationsOf("theatre").length);
    for (let i = 1; i < order.length; i++)
      expect(REGULATIONS[order[i]!].priority).toBeGreaterThan(REGULATIONS[order[i - 1]!].priority);
  });

  it("names what holds each attractor back from the holds, strongest first, within a scenario", () => {
    for (const a of ATTRACTORS) {
      const holders = holdersOf(a);
      expect(holders.length).toBeGreaterThan(0);
      for (const id of holders) {
        expect(REGULATIONS[id].hold?.[a] ?? 0).toBeGreaterThan(0);
        expect(REGULATIONS[id].family).not.toBe("theatre");
      }
      const holds = holders.map((id) => REGULATIONS[id].hold![a]!);
      expect([...holds].sort((x, y) => y - x)).toEqual(holds);
    }
    // Open-release restrictions add to centralisation (a negative hold): never named for it.
    expect(holdersOf("centralisation")).not.toContain("open_release_restrictions");
    expect(holdersOf("misuse", ["biosecurity", "antitrust"])).toEqual(["biosecurity"]);
  });
});
