/**
 * Unit tests of what the client shows of the world model's warnings and measurement: incidents
 * in the news and on the landscape, the emergency measure among a government's moves, which
 * welfare dimensions each bloc's statistics measure, and where harm moved in the debrief. Built
 * from real views of the rules.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PERSONALITY } from "../../../shared/bots";
import { personalityPolicies, playBots } from "../../../shared/bots/policy";
import { createGame } from "../../../shared/create";
import { advance } from "../../../shared/game";
import { STANDARD } from "../../../shared/presets";
import type { Scenario } from "../../../shared/scenario";
import type { GameEvent, GameState } from "../../../shared/state";
import { debriefView, publicView, viewFor } from "../../../shared/views";
import { newGame, rounds, withRegulation } from "../../../tests/fixtures/game";
import { moveAction, movesOf } from "./dashboard";
import { buildDebrief } from "./debrief";
import { buildLandscape, incidentMarks } from "./landscape";
import { harmMoved, measuredRows } from "./measurement";
import { newsLine } from "./news";
import { statsOf } from "./stats";

/** Every risk held just below its tipping point, and incidents as likely as they can be. */
const INCIDENTS: Scenario = {
  ...STANDARD,
  risks: { ...STANDARD.risks, start: [69, 69, 69, 69], response: 0.01, drift: 0, hazardMax: 0 },
  incidents: { ...STANDARD.incidents, from: 0, chance: 1 },
};

/** The first Resolve of a game of bots. */
function firstResolve(scenario: Scenario, seed = 3): GameState {
  let state = createGame(scenario, seed);
  const personalities = Object.fromEntries(
    state.seats.map((s) => [s.id, DEFAULT_PERSONALITY[s.role]]),
  );
  while (state.phase !== "resolve")
    state = advance(playBots(state, personalityPolicies(personalities), null));
  return state;
}

describe("incidents", () => {
  it("are named in the news with their own label and icon, without repeating 'Incident:'", () => {
    const pub = publicView(firstResolve(INCIDENTS));
    const incident = pub.news.find((e) => e.kind === "incident")!;
    expect(incident).toBeDefined();
    const line = newsLine(incident);
    expect(line.tone).toBe("incident");
    expect(line.icon).toBe("bolt");
    expect(line.label).toMatch(/Lab leak|Misinformation wave|Market crash|Rogue AI agent/);
    expect(line.text).not.toMatch(/^Incident:/);
    expect(line.text.charAt(0)).toBe(line.text.charAt(0).toUpperCase());
  });

  it("are marked at their attractor's basin on the landscape and said in its summary", () => {
    const pub = publicView(firstResolve(INCIDENTS));
    const marks = incidentMarks(pub);
    expect(marks.length).toBeGreaterThan(0);
    const model = buildLandscape(pub);
    expect(model.incidents).toEqual(marks);
    for (const m of marks) {
      const event = pub.news.find((e) => e.kind === "incident" && e.incident === m.incident)!;
      expect(m.attractor).toBe(event.attractor);
      expect(m.round).toBe(pub.round);
    }
    expect(model.summary).toMatch(/[Ii]ncidents? this year/);
    if (marks.length === 1) expect(model.summary).toContain(marks[0]!.label);
    else expect(model.summary).toContain(`${marks.length} incidents`);
  });

  it("leave the landscape unmarked in a round without one", () => {
    const pub = publicView(createGame(STANDARD, 1));
    expect(buildLandscape(pub).incidents).toEqual([]);
    expect(buildLandscape(pub).summary).not.toMatch(/Incident/);
  });
});

describe("news lines", () => {
  const event = (kind: GameEvent["kind"], text: string): GameEvent => ({
    round: 1,
    kind,
    text,
    public: true,
  });

  it("drop a label the rules' sentence already starts with", () => {
    const close = newsLine(event("closeCall", "Close call: a lab assistant reported it."));
    expect(close).toMatchObject({ label: "Close call", tone: "warning", icon: "hazard" });
    expect(close.text).toBe("A lab assistant reported it.");
  });

  it("announce emergency measures as emergencies", () => {
    const e = newsLine(event("emergency", "Atlantis locked down biolabs."));
    expect(e).toMatchObject({ label: "Emergency", tone: "emergency", icon: "shieldAlert" });
    expect(e.text).toBe("Atlantis locked down biolabs.");
    expect(newsLine(event("shock", "A recession.")).tone).toBe("plain");
  });
});

describe("the emergency measure", () => {
  it("is among a government's moves, says what it costs and bites now, and becomes the action", () => {
    let state = createGame(STANDARD, 1);
    while (state.phase !== "act") state = advance(state);
    const view = viewFor(state, "G1");
    const move = movesOf(view).find((m) => m.id === "emergencyMeasure")!;
    expect(move.enabled).toBe(true);
    expect(move.icon).toBe("shieldAlert");
    const m = view.public.rules.emergencyMeasure;
    expect(move.effect).toContain("this round");
    expect(move.effect).toContain(`${m.cut} points`);
    expect(move.effect).toContain(`${m.approval} approval`);
    expect(move.effect).toMatch(/output/);
    expect(move.effect).toMatch(/Centralisation of power risk \+\d/);
    const field = move.fields[0]!;
    expect(field.kind).toBe("select");
    if (field.kind !== "select") return;
    expect(field.options).toHaveLength(4);
    for (const o of field.options) expect(o.help).toBeTruthy();
    // Preselected: the risk this government estimates highest.
    const est = view.self.role === "government" ? view.self.riskEstimates : [];
    const worst = field.options[est.indexOf(Math.max(...est))]!;
    expect(field.value).toBe(worst.value);
    expect(field.label).toMatch(/your risk estimate/);
    expect(field.options[0]!.label).toMatch(/\(\d+\)$/);
    expect(moveAction("emergencyMeasure", { attractor: "takeover" })).toEqual({
      type: "emergencyMeasure",
      attractor: "takeover",
    });
  });

  it("is not a company's move", () => {
    let state = createGame(STANDARD, 1);
    while (state.phase !== "act") state = advance(state);
    expect(movesOf(viewFor(state, "C1")).some((m) => m.id === "emergencyMeasure")).toBe(false);
  });
});

describe("measured dimensions", () => {
  it("say in words what each bloc's statistics count and what they leave out", () => {
    const state = withRegulation(newGame(STANDARD, 3), "welfare_statistics", { strength: 2 });
    const pub = publicView(state);
    const [counted, none] = measuredRows(pub);
    expect(counted!.measured).toEqual(pub.blocs[0]!.measured);
    expect(counted!.measured.length).toBeGreaterThan(0);
    expect([...counted!.measured, ...counted!.unmeasured].sort()).toEqual(
      [...pub.rules.measurable].sort(),
    );
    expect(counted!.text).toMatch(/^Measured: .+\. Not measured: .+ costs firms nothing/);
    expect(none!.measured).toEqual([]);
    expect(none!.text).toMatch(/^Nothing is counted yet/);
  });

  it("are in a government's figures", () => {
    const state = withRegulation(newGame(STANDARD, 3), "welfare_statistics", { strength: 2 });
    const stat = statsOf(viewFor(state, "G1")).find((s) => s.label === "Statistics count")!;
    const n = publicView(state).blocs[0]!.measured.length;
    expect(stat.value).toBe(`${n} of ${publicView(state).rules.measurable.length} harms`);
    expect(stat.help).toMatch(/Not measured/);
  });
});

describe("where harm moved", () => {
  it("lists the unmeasured dimensions harm was shifted onto, most first", () => {
    const start = withRegulation(newGame(STANDARD, 3), "welfare_statistics", { strength: 2 });
    const end = rounds(start, 20);
    const d = debriefView(end)!;
    const moved = harmMoved(d);
    expect(moved.total).toBeGreaterThan(0);
    expect(moved.rows.length).toBeGreaterThan(0);
    const measured = publicView(start).blocs[0]!.measured;
    for (const r of moved.rows) expect(measured).not.toContain(r.dim);
    const amounts = moved.rows.map((r) => r.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(moved.text).toContain(moved.rows[0]!.label);
    const m = buildDebrief(
      {
        debrief: d,
        counterfactual: { ending: "muddling", welfare: [], proxy: [], welfareCounted: 60 },
        gameId: "g",
      },
      publicView(end),
      "G1",
    );
    expect(m.harmMoved).toEqual(moved);
  });

  it("says so when nothing moved", () => {
    let state = newGame(STANDARD, 3);
    state = rounds(state, 20);
    const moved = harmMoved(debriefView(state)!);
    expect(moved.rows).toEqual([]);
    expect(moved.text).toMatch(/^No harm moved/);
  });
});
