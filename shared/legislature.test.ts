import { describe, expect, it } from "vitest";
import { act, enact, newGame, nextRound, quietScenario, toPhase } from "../tests/fixtures/game";
import { applyAction } from "./actions";
import { advance } from "./game";
import { parliamentSupport } from "./legislature";
import { blocPolicies, intensityIn, intensityOf } from "./policy";
import type { GameState } from "./state";

const scenario = quietScenario();
const start = toPhase(newGame(scenario, 3), "act");
const rampRounds = scenario.legislature.rampRounds;

function withBloc(state: GameState, b: number, patch: Partial<GameState["blocs"][number]>) {
  return { ...state, blocs: state.blocs.map((x, i) => (i === b ? { ...x, ...patch } : x)) };
}

function proposal(state: GameState, uid: number) {
  return state.proposals.find((p) => p.uid === uid)!;
}

describe("national proposals", () => {
  it("pass with the proposer's yes and enough parliamentary support", () => {
    const s = enact(start, "G1", "antitrust", 2);
    expect(parliamentSupport(s, 0)).toBeGreaterThanOrEqual(50);
    const after = advance(s);
    const p = after.proposals.at(-1)!;
    expect(p.status).toBe("passed");
    const reg = after.regulations.find((r) => r.reg === "antitrust")!;
    expect(reg).toMatchObject({ scope: 0, strength: 2, proposer: "G1", passedRound: 1 });
    expect(after.events.some((e) => e.kind === "passed" && e.seat === "G1")).toBe(true);
  });

  it("fail when the proposer votes against its own proposal", () => {
    let s = enact(start, "G1", "antitrust", 2);
    const uid = s.proposals.at(-1)!.uid;
    s = act(s, "G1", { type: "vote", proposal: uid, yes: false });
    const after = advance(s);
    expect(proposal(after, uid).status).toBe("failed");
    expect(after.regulations).toHaveLength(0);
    expect(after.events.find((e) => e.kind === "failed")!.text).toMatch(/voted against/);
  });

  it("fail when parliamentary support is below 50, and pass when it is at least 50", () => {
    const cases: GameState[] = [];
    for (const approval of [0, 25, 50, 75, 100])
      for (const risk of [0, 60, 100]) {
        const s = withBloc(enact(start, "G1", "antitrust", 2), 0, { approval });
        cases.push({ ...s, risks: s.risks.map((r, a) => (a === 1 ? risk : r)) });
      }
    let passed = 0;
    let failed = 0;
    for (const s of cases) {
      const support = parliamentSupport(s, 0);
      const after = advance(s);
      const p = after.proposals.at(-1)!;
      expect(p.status).toBe(support >= 50 ? "passed" : "failed");
      expect(p.support).toBeCloseTo(Math.max(0, Math.min(100, support)), 9);
      if (p.status === "passed") passed++;
      else {
        failed++;
        expect(after.events.find((e) => e.kind === "failed")!.text).toMatch(/parliament/);
      }
    }
    expect(passed).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
  });

  it("lose support to lobbying against, to low approval and to a centralised grip", () => {
    const s = enact(start, "G1", "antitrust", 2);
    const base = parliamentSupport(s, 0);
    let lobbied = s;
    for (const seat of ["L1", "L2", "C1", "C2"])
      lobbied = act(lobbied, seat, { type: "lobby", target: "G1", stance: "against" });
    expect(parliamentSupport(lobbied, 0)).toBeLessThan(base);
    let lobbiedFor = s;
    for (const seat of ["L1", "C1"])
      lobbiedFor = act(lobbiedFor, seat, { type: "lobby", target: "G1", stance: "for" });
    expect(parliamentSupport(lobbiedFor, 0)).toBeGreaterThan(base);
    expect(parliamentSupport(withBloc(s, 0, { approval: 5 }), 0)).toBeLessThan(base);
    const gripped = { ...s, risks: s.risks.map((r, a) => (a === 1 ? 95 : r)) };
    expect(parliamentSupport(gripped, 0)).toBeLessThan(base);
    // Enough lobbying against defeats a law its government wants.
    let heavy = s;
    const seats = ["L1", "L2", "C1", "C2"];
    for (let i = 0; i < 8 && parliamentSupport(heavy, 0) >= 50; i++) {
      const seat = seats[i % 4]!;
      if (heavy.orders[seat]!.used < 2)
        heavy = act(heavy, seat, { type: "lobby", target: "G1", stance: "against" });
    }
    if (parliamentSupport(heavy, 0) < 50) {
      expect(advance(heavy).proposals.at(-1)!.status).toBe("failed");
    } else {
      // Lobbying alone cannot block it at these constants: add low approval.
      const weak = withBloc(heavy, 0, { approval: 0 });
      expect(parliamentSupport(weak, 0)).toBeLessThan(50);
      expect(advance(weak).proposals.at(-1)!.status).toBe("failed");
    }
  });
});

describe("accords", () => {
  function accordWith(votes: Record<string, boolean | undefined>) {
    let s = toPhase(
      act(start, "G1", { type: "propose", regulation: "moratorium", strength: 3, accord: true }),
      "legislate",
    );
    const uid = s.proposals.at(-1)!.uid;
    for (const [seat, yes] of Object.entries(votes))
      if (yes !== undefined) s = act(s, seat, { type: "vote", proposal: uid, yes });
    return { after: advance(s), uid };
  }

  it("pass when every government votes yes, and then apply in every bloc", () => {
    const { after, uid } = accordWith({ G1: true, G2: true });
    expect(proposal(after, uid).status).toBe("passed");
    const reg = after.regulations.find((r) => r.reg === "moratorium")!;
    expect(reg.scope).toBe("accord");
    const later = nextRound(toPhase(advance(after), "act"));
    for (let b = 0; b < later.blocs.length; b++) {
      const r = later.regulations.find((x) => x.reg === "moratorium")!;
      expect(intensityIn(later, r, b)).toBeGreaterThan(0);
    }
  });

  it("fail when any government votes no", () => {
    expect(proposal(accordWith({ G1: true, G2: false }).after, 1).status).toBe("failed");
    expect(proposal(accordWith({ G1: false, G2: true }).after, 1).status).toBe("failed");
  });

  it("fail when a government does not vote at all", () => {
    const { after, uid } = accordWith({ G1: true });
    expect(proposal(after, uid).status).toBe("failed");
    expect(after.regulations).toHaveLength(0);
  });

  it("with three governments, need all three", () => {
    const three = toPhase(
      newGame(scenario, 4, [
        { role: "government" },
        { role: "government" },
        { role: "government" },
        { role: "lab" },
        { role: "company" },
      ]),
      "act",
    );
    const run = (yes: boolean[]) => {
      let s = toPhase(
        act(three, "G2", { type: "propose", regulation: "biosecurity", strength: 1, accord: true }),
        "legislate",
      );
      const uid = s.proposals.at(-1)!.uid;
      ["G1", "G2", "G3"].forEach((g, i) => {
        s = act(s, g, { type: "vote", proposal: uid, yes: yes[i]! });
      });
      return proposal(advance(s), uid).status;
    };
    expect(run([true, true, true])).toBe("passed");
    expect(run([true, true, false])).toBe("failed");
    expect(run([false, true, true])).toBe("failed");
  });
});

describe("timing", () => {
  it("a law takes effect the round after it passes and ramps in over rampRounds", () => {
    let s = advance(enact(start, "G1", "antitrust", 3)); // resolve of round 1: passed
    const uid = s.regulations[0]!.uid;
    const ramp = (x: GameState) => x.regulations.find((r) => r.uid === uid)!.ramp;
    expect(ramp(s)).toBe(0);
    expect(intensityIn(s, s.regulations[0]!, 0)).toBe(0);
    expect(intensityOf(blocPolicies(s)[0]!, "antitrust")).toBe(0);
    for (let round = 2; round <= 2 + rampRounds; round++) {
      s = toPhase(advance(s), "resolve");
      expect(s.round).toBe(round);
      expect(ramp(s)).toBeCloseTo(Math.min(1, (round - 1) / rampRounds), 9);
      if (round === 2) expect(s.events.some((e) => e.kind === "inForce")).toBe(true);
      else expect(s.events.some((e) => e.kind === "inForce")).toBe(false);
    }
    expect(ramp(s)).toBe(1);
  });

  it("with rampRounds 1, a law is at full strength the round after it passes", () => {
    const sc = { ...scenario, legislature: { ...scenario.legislature, rampRounds: 1 } };
    let s = advance(enact(toPhase(newGame(sc, 3), "act"), "G1", "antitrust", 3));
    s = toPhase(advance(s), "resolve");
    expect(s.regulations[0]!.ramp).toBe(1);
  });

  it("a repeal passes in one round and the law lapses at the next round's resolution", () => {
    let s = advance(enact(start, "G1", "antitrust", 3));
    s = toPhase(advance(s), "act"); // round 2
    const uid = s.regulations[0]!.uid;
    s = act(s, "G1", { type: "repeal", regulation: uid });
    s = toPhase(s, "resolve"); // repeal passes in round 2
    const reg = s.regulations.find((r) => r.uid === uid)!;
    expect(reg.endsRound).toBe(3);
    expect(s.events.some((e) => e.kind === "repealed")).toBe(true);
    // Still in the rule book during round 3's act phase (it lapses next round) ...
    s = toPhase(advance(s), "act");
    expect(s.regulations.some((r) => r.uid === uid)).toBe(true);
    // ... and gone once round 3 resolves.
    s = toPhase(s, "resolve");
    expect(s.regulations.some((r) => r.uid === uid)).toBe(false);
    expect(intensityOf(blocPolicies(s)[0]!, "antitrust")).toBe(0);
  });

  it("a new law on the same rule replaces the old one with its strength", () => {
    let s = advance(enact(start, "G1", "antitrust", 1));
    s = toPhase(advance(s), "act");
    const oldUid = s.regulations[0]!.uid;
    const same = applyAction(s, "G1", {
      type: "propose",
      regulation: "antitrust",
      strength: 1,
      accord: false,
    });
    expect(same.ok ? null : same.error.code).toBe("already_in_force");
    s = act(s, "G1", { type: "propose", regulation: "antitrust", strength: 3, accord: false });
    s = toPhase(s, "resolve");
    const old = s.regulations.find((r) => r.uid === oldUid)!;
    const replacement = s.regulations.find((r) => r.reg === "antitrust" && r.uid !== oldUid)!;
    expect(old.endsRound).toBe(s.round + 1);
    expect(replacement).toMatchObject({ strength: 3, ramp: 0, endsRound: null });
    s = toPhase(advance(s), "resolve");
    const left = s.regulations.filter((r) => r.reg === "antitrust");
    expect(left).toHaveLength(1);
    expect(left[0]!.strength).toBe(3);
    expect(left[0]!.ramp).toBeGreaterThan(0);
  });

  it("failed and passed proposals are cleared from the table at the next round", () => {
    let s = advance(enact(start, "G1", "antitrust", 1));
    expect(s.proposals).toHaveLength(1);
    s = advance(s);
    expect(s.proposals).toHaveLength(0);
  });
});

describe("loopholes", () => {
  const loop = scenario.legislature;
  /** Resolves rounds until `round` and returns the state in its resolve phase. */
  const resolveThrough = (s: GameState, round: number) => {
    let out = s;
    while (out.round < round || out.phase !== "resolve") out = toPhase(advance(out), "resolve");
    return out;
  };

  it("grow each round a rule was already in force, with the pressure, up to the cap", () => {
    let s = advance(enact(start, "G1", "antitrust", 3)); // passed in round 1
    s = resolveThrough(s, 2); // in force from round 2: nothing found yet
    expect(s.regulations[0]!.loopholes).toBe(0);
    for (let round = 3; round <= 8; round++) {
      const before = s.regulations[0]!.loopholes;
      const pressure = s.pressure;
      s = resolveThrough(toPhase(advance(s), "act"), round);
      const expected = Math.min(loop.loopholeMax, before + loop.loopholes * pressure);
      expect(s.regulations[0]!.loopholes).toBeCloseTo(expected, 12);
    }
    expect(s.regulations[0]!.loopholes).toBeGreaterThan(0);
    const capped = { ...scenario, legislature: { ...loop, loopholes: 0.5, loopholeMax: 0.3 } };
    let c = advance(enact(toPhase(newGame(capped, 3), "act"), "G1", "antitrust", 3));
    c = resolveThrough(c, 5);
    expect(c.regulations[0]!.loopholes).toBe(0.3);
  });

  it("take their share of the rule's intensity", () => {
    let s = advance(enact(start, "G1", "antitrust", 3));
    s = resolveThrough(s, 6);
    const r = s.regulations[0]!;
    expect(r.ramp).toBe(1);
    expect(r.loopholes).toBeGreaterThan(0);
    const clean = { ...s, regulations: [{ ...r, loopholes: 0 }] };
    expect(intensityIn(s, r, 0)).toBeCloseTo(
      intensityIn(clean, clean.regulations[0]!, 0) * (1 - r.loopholes),
      12,
    );
  });

  it("are found in a moratorium as in any rule, and never in the theatre", () => {
    let s = enact(start, "G1", "moratorium", 2);
    s = advance(enact(s, "G1", "checkbox_audits", 2));
    s = resolveThrough(s, 2);
    const pressure = s.pressure;
    s = resolveThrough(toPhase(advance(s), "act"), 3);
    const of = (reg: string) => s.regulations.find((r) => r.reg === reg)!.loopholes;
    expect(of("moratorium")).toBeCloseTo(loop.loopholes * pressure, 12);
    expect(of("checkbox_audits")).toBe(0);
  });

  it("are closed by an amendment, which keeps the ramp-in and says so in the news", () => {
    let s = advance(enact(start, "G1", "antitrust", 2));
    s = resolveThrough(s, 5);
    const old = s.regulations[0]!;
    expect(old.loopholes).toBeGreaterThan(0);
    s = toPhase(advance(s), "act"); // round 6
    // The same rule at the same strength can be passed again now that it has been gamed.
    s = act(s, "G1", { type: "propose", regulation: "antitrust", strength: 2, accord: false });
    s = toPhase(s, "resolve");
    const amendment = s.regulations.find((r) => r.uid !== old.uid)!;
    expect(amendment).toMatchObject({ amends: old.uid, loopholes: 0, ramp: 0 });
    s = toPhase(advance(s), "resolve"); // round 7: the amendment replaces the old law
    expect(s.regulations.map((r) => r.uid)).toEqual([amendment.uid]);
    expect(s.regulations[0]!).toMatchObject({ ramp: 1, loopholes: 0 });
    const news = s.events.find((e) => e.kind === "inForce")!;
    expect(news.text).toMatch(/amended .*loopholes are closed/);
  });
});
