/**
 * Unit tests of the client's pure parts: view models built from real views of the rules
 * (a standard game advanced with bots), formatting and layout rules. No Phaser, no DOM.
 */

import { describe, expect, it } from "vitest";
import { DEFAULT_PERSONALITY } from "../../../shared/bots";
import { personalityPolicies, playBots } from "../../../shared/bots/policy";
import { createGame } from "../../../shared/create";
import { advance } from "../../../shared/game";
import { PRESETS, STANDARD } from "../../../shared/presets";
import type { TableInfo } from "../../../shared/protocol";
import { runHarnessGame } from "../../../shared/selfplay";
import type { GameState } from "../../../shared/state";
import { debriefView, publicView, viewFor } from "../../../shared/views";
import { applyMessage, initialState, screenFor, withTrail } from "../app/store";
import { buildChart, DEFAULT_BOX, niceTicks } from "./chart";
import {
  moveAction,
  movesOf,
  rebalance,
  riskRows,
  statsOf,
  strategyAction,
  strategyOf,
} from "./dashboard";
import { buildDebrief } from "./debrief";
import { plainError } from "./errors";
import { clock, listWords, pct, signed } from "./format";
import { buildGameChart } from "./gamechart";
import {
  BASIN_CENTRES,
  basinDepth,
  basinFill,
  buildLandscape,
  contours,
  easeMove,
  heightAt,
  regionAt,
  VALLEY_CENTRE,
  worldPosition,
} from "./landscape";
import { buildLegislature } from "./legislature";
import { buildLobby, joinLink, scenarioOptions, seatsWith } from "./lobby";

const personalities = Object.fromEntries(
  createGame(STANDARD, 1).seats.map((s) => [s.id, DEFAULT_PERSONALITY[s.role]]),
);

/** A standard game advanced with bots to the given round and phase. */
function gameAt(round: number, phase: GameState["phase"], seed = 7): GameState {
  let state = createGame(STANDARD, seed);
  while (state.phase !== "ended" && !(state.round === round && state.phase === phase)) {
    state = playBots(state, personalityPolicies(personalities), null);
    state = advance(state);
  }
  return state;
}

function finished(seed = 7): GameState {
  let state = createGame(STANDARD, seed);
  while (state.phase !== "ended")
    state = advance(playBots(state, personalityPolicies(personalities), null));
  return state;
}

describe("format", () => {
  it("formats clocks, percentages and signed numbers", () => {
    expect(clock(61_000)).toBe("1:01");
    expect(clock(-5)).toBe("0:00");
    expect(clock(999)).toBe("0:01");
    expect(pct(0.256)).toBe("26%");
    expect(signed(2.5)).toBe("+2.5");
    expect(signed(-2.5)).toBe("-2.5");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("landscape", () => {
  it("puts the world in the valley when no risk is high and in a basin when one is", () => {
    expect(worldPosition([0, 0, 0, 0])).toEqual(VALLEY_CENTRE);
    const calm = worldPosition([10, 10, 10, 10]);
    expect(Math.hypot(calm.x - VALLEY_CENTRE.x, calm.y - VALLEY_CENTRE.y)).toBeLessThan(0.1);
    const takeover = worldPosition([5, 5, 5, 100]);
    expect(takeover.x).toBeCloseTo(BASIN_CENTRES.takeover.x, 1);
    expect(takeover.y).toBeCloseTo(BASIN_CENTRES.takeover.y, 1);
  });

  it("moves toward the basin whose risk rises", () => {
    const before = worldPosition([10, 20, 10, 10]);
    const after = worldPosition([10, 60, 10, 10]);
    const c = BASIN_CENTRES.centralisation;
    expect(Math.hypot(after.x - c.x, after.y - c.y)).toBeLessThan(
      Math.hypot(before.x - c.x, before.y - c.y),
    );
  });

  it("deepens basins with pressure and fills them with regulation", () => {
    expect(basinDepth(3, 20)).toBeGreaterThan(basinDepth(1, 20));
    expect(basinFill(0)).toBe(0);
    expect(basinFill(0.2)).toBeGreaterThan(0);
    expect(basinFill(1)).toBeLessThan(1);
  });

  it("visibly fills basins when the rules in force hold risks back (regression: holds are fractions)", () => {
    const { state } = runHarnessGame(STANDARD, 3, "max");
    const pub = publicView(state);
    expect(Math.max(...pub.regulationHold)).toBeLessThanOrEqual(1);
    const m = buildLandscape(pub);
    expect(Math.max(...m.basins.map((b) => b.fill))).toBeGreaterThan(0.3);
  });

  it("builds a terrain from a real view whose basins are lower than the rim", () => {
    const pub = publicView(gameAt(3, "act"));
    const m = buildLandscape(pub, [[10, 20, 10, 5], pub.publishedRisks]);
    expect(m.basins.map((b) => b.id)).toEqual(["misuse", "centralisation", "goodhart", "takeover"]);
    expect(m.trail).toHaveLength(2);
    for (const b of m.basins)
      expect(heightAt(m, b.centre.x, b.centre.y)).toBeLessThan(heightAt(m, 0, -0.95));
    expect(regionAt(m, BASIN_CENTRES.goodhart.x, BASIN_CENTRES.goodhart.y)).toBe("goodhart");
    expect(regionAt(m, VALLEY_CENTRE.x, VALLEY_CENTRE.y)).toBe("valley");
    expect(m.summary.length).toBeGreaterThan(10);
  });

  it("draws contour lines that lie inside the square", () => {
    const m = buildLandscape(publicView(createGame(STANDARD, 3)));
    const lines = contours(m, [-0.2], 24, 16);
    expect(lines[0]!.segments.length).toBeGreaterThan(4);
    for (const s of lines[0]!.segments)
      for (const v of [s.x1, s.x2, s.y1, s.y2]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it("eases a move from start to end", () => {
    const a = { x: 0, y: 0 };
    const b = { x: 1, y: -1 };
    expect(easeMove(a, b, 0)).toEqual(a);
    expect(easeMove(a, b, 1)).toEqual(b);
    expect(easeMove(a, b, 0.5).x).toBeCloseTo(0.5);
  });
});

describe("chart", () => {
  it("maps values into the box and keeps bands around the line", () => {
    const m = buildChart(
      [{ id: "a", label: "A", colour: "#fff", values: [100, 110, 120], band: [5, 5, 5] }],
      ["1", "2", "3"],
    );
    const s = m.series[0]!;
    expect(s.path.startsWith("M")).toBe(true);
    expect(s.path.split("L")).toHaveLength(3);
    expect(s.bandPath).toMatch(/Z$/);
    expect(m.yMin).toBeLessThan(95);
    expect(m.yMax).toBeGreaterThan(125);
    expect(s.last?.value).toBe(120);
  });

  it("labels the first and last year and never prints a tick next to the last", () => {
    const years = (n: number) => Array.from({ length: n }, (_, i) => String(2027 + i));
    const labels = (n: number) =>
      buildChart(
        [{ id: "a", label: "A", colour: "#fff", values: years(n).map((_, i) => 100 + i) }],
        years(n),
      ).xTicks.map((t) => t.label);
    expect(labels(12)).toEqual(["2027", "2029", "2031", "2033", "2035", "2038"]);
    expect(labels(5)).toEqual(["2027", "2028", "2029", "2030", "2031"]);
    for (let n = 2; n <= 24; n++) {
      const ticks = buildChart(
        [{ id: "a", label: "A", colour: "#fff", values: years(n).map(() => 100) }],
        years(n),
      ).xTicks;
      expect(ticks[0]!.label).toBe("2027");
      expect(ticks.at(-1)!.label).toBe(years(n).at(-1));
      const plot = DEFAULT_BOX.width - DEFAULT_BOX.padLeft - DEFAULT_BOX.padRight;
      const step = plot / (n - 1);
      const gaps = ticks.slice(1).map((t, i) => (t.x - ticks[i]!.x) / step);
      // Neighbouring labels are at least two years apart once years are drawn closer than ~30.
      if (step < 30) for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1.9);
    }
  });

  it("picks round tick values", () => {
    expect(niceTicks(0, 100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(87, 123)).toEqual([90, 100, 110, 120]);
  });

  it("indexes the game's proxy and measured welfare to 100 in the first year", () => {
    const g = buildGameChart(publicView(gameAt(4, "act")));
    expect(g.proxy[0]).toBeCloseTo(100);
    expect(g.welfare[0]).toBeCloseTo(100);
    expect(g.years.length).toBeGreaterThanOrEqual(3);
    expect(g.noise.every((n) => n >= 0)).toBe(true);
  });
});

describe("dashboard", () => {
  it("rebalances a shared budget so it still sums to one", () => {
    const v = rebalance([0.25, 0.25, 0.5], 0, 0.5);
    expect(v[0]).toBe(0.5);
    expect(v.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(v[2]! / v[1]!).toBeCloseTo(2);
    const z = rebalance([1, 0, 0], 0, 0.4);
    expect(z).toEqual([0.4, 0.3, 0.3]);
  });

  it("offers every role's sliders and moves from DESIGN.md section 5", () => {
    const state = gameAt(1, "act");
    const ids = (seat: string) => movesOf(viewFor(state, seat)).map((m) => m.id);
    expect(ids("G1")).toEqual([
      "propose",
      "repeal",
      "emergencyPowers",
      "emergencyMeasure",
      "setTax",
    ]);
    expect(ids("L1")).toEqual([
      "release",
      "deployAgents",
      "license",
      "lobby",
      "pledge",
      "relocate",
    ]);
    expect(ids("C1")).toEqual(["acquire", "license", "lobby", "evade", "comply", "relocate"]);
    expect(strategyOf(viewFor(state, "G1")).sharesBudget).toBe(true);
    expect(strategyOf(viewFor(state, "C1")).sliders.map((s) => s.name)).toContain("rnd");
    expect(statsOf(viewFor(state, "L1")).some((s) => s.term === "alignmentMargin")).toBe(true);
  });

  it("disables proposals outside the Act phase and explains why", () => {
    const state = gameAt(1, "legislate");
    const propose = movesOf(viewFor(state, "G1")).find((m) => m.id === "propose")!;
    expect(propose.enabled).toBe(false);
    expect(propose.reason).toMatch(/Act phase/);
    const news = gameAt(2, "news");
    expect(movesOf(viewFor(news, "L1")).every((m) => !m.enabled)).toBe(true);
  });

  it("builds actions the rules accept", async () => {
    const { checkAction } = await import("../../../shared/actions");
    const state = gameAt(1, "act");
    const g = viewFor(state, "G1");
    const propose = moveAction("propose", {
      regulation: "welfare_statistics",
      strength: "2",
      accord: true,
    });
    expect(checkAction(state, "G1", propose)).toBeNull();
    expect(checkAction(state, "G1", moveAction("setTax", { rate: "0.3" }))).toBeNull();
    expect(
      checkAction(
        state,
        "G1",
        strategyAction(
          "government",
          strategyOf(g).sliders.map((s) => s.value),
        ),
      ),
    ).toBeNull();
    expect(checkAction(state, "L1", moveAction("release", { policy: "open" }))).toBeNull();
    expect(
      checkAction(state, "C1", moveAction("lobby", { target: "G2", stance: "against" })),
    ).toBeNull();
    expect(
      checkAction(state, "C1", strategyAction("company", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])),
    ).toBeNull();
  });

  it("shows a government its own noisy risk estimates and others the published ones", () => {
    const state = gameAt(2, "act");
    expect(riskRows(viewFor(state, "G1")).every((r) => r.noise !== null)).toBe(true);
    expect(riskRows(viewFor(state, "C1")).every((r) => r.noise === null)).toBe(true);
    expect(riskRows(viewFor(state, "C1")).map((r) => r.value)).toEqual(
      publicView(state).publishedRisks,
    );
  });
});

describe("legislature", () => {
  it("lists proposals with votes and lets only the right government vote", async () => {
    const { applyAction } = await import("../../../shared/actions");
    let state = gameAt(1, "act");
    const r = applyAction(state, "G1", {
      type: "propose",
      regulation: "antitrust",
      strength: 2,
      accord: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    state = advance(r.state);
    const g2 = buildLegislature(publicView(state), viewFor(state, "G2"));
    const p = g2.proposals.find((x) => x.title === "Antitrust enforcement")!;
    expect(p.canVote).toBe(true);
    expect(p.familyLabel).toBe("Brake");
    expect(p.votes.find((v) => v.seat === "G1")?.vote).toBe("yes");
    expect(buildLegislature(publicView(state), viewFor(state, "C1")).proposals[0]!.canVote).toBe(
      false,
    );
    const cat = g2.catalogue.map((c) => c.family);
    expect(cat).toContain("measurement");
    expect(cat).toContain("theatre");
  });
});

describe("debrief", () => {
  it("shows true welfare beside the proxy, drivers, scores and download links", () => {
    const state = finished();
    const d = debriefView(state)!;
    const m = buildDebrief(
      {
        debrief: d,
        counterfactual: {
          ending: "takeover",
          welfare: d.history.map((h) => h.welfare - 3),
          proxy: d.history.map((h) => h.proxy),
          welfareCounted: 20,
        },
        gameId: "g 1",
      },
      publicView(state),
      "G1",
    );
    expect(m.welfareChart.series.map((s) => s.id)).toEqual([
      "proxy",
      "measured",
      "welfare",
      "counterfactual",
    ]);
    expect(m.riskChart.series).toHaveLength(4);
    expect(m.scores).toHaveLength(6);
    expect(m.scores.filter((s) => s.you)).toHaveLength(1);
    expect(m.drivers).toHaveLength(4);
    expect(m.csvUrl).toBe("/api/games/g%201/rounds.csv");
    expect(m.recordUrl).toBe("/api/games/g%201");
    expect(m.counterfactual.text).toMatch(/AI takeover/);
    expect(m.table).toHaveLength(d.history.length);
  });

  it("lists which regulations mattered, most risk held back first", () => {
    const { state } = runHarnessGame(STANDARD, 4, "sensible");
    const d = debriefView(state)!;
    const m = buildDebrief(
      {
        debrief: d,
        counterfactual: { ending: "muddling", welfare: [], proxy: [], welfareCounted: 60 },
        gameId: "g",
      },
      publicView(state),
      "G1",
    );
    expect(m.mattered.length).toBeGreaterThan(0);
    for (let i = 1; i < m.mattered.length; i++) {
      expect(m.mattered[i - 1]!.amount).toBeGreaterThanOrEqual(m.mattered[i]!.amount);
    }
    expect(m.mattered[0]!.family).not.toBe("");
  });
});

describe("scenario choices", () => {
  it("lists the presets, and names the table's uploaded scenario when it uses one", () => {
    expect(scenarioOptions("standard").map((o) => o.value)).toEqual(PRESETS.map((p) => p.id));
    const withUpload = scenarioOptions("custom-abcdefghij", {
      "custom-abcdefghij": { name: "Our class", description: "Ours." },
    });
    expect(withUpload.at(-1)).toEqual({
      value: "custom-abcdefghij",
      label: "Our class (uploaded)",
      description: "Ours.",
    });
    expect(scenarioOptions("custom-zzzzzzzzzz").at(-1)!.label).toBe("Uploaded scenario");
  });
});

describe("lobby", () => {
  const table: TableInfo = {
    code: "ACDEF",
    stage: "lobby",
    scenario: "standard",
    rounds: 12,
    speed: "standard",
    seats: [
      { id: "G1", role: "government", name: "Atlantic Union", player: "p1", bot: null },
      { id: "G2", role: "government", name: "Pacific Compact", player: null, bot: "careful" },
      { id: "L1", role: "lab", name: "Helix Labs", player: null, bot: "racer" },
    ],
    players: [
      {
        id: "p1",
        name: "Ada",
        seat: "G1",
        host: true,
        connected: true,
        ready: false,
        spectator: false,
        muted: false,
      },
      {
        id: "p2",
        name: "Bo",
        seat: null,
        host: false,
        connected: true,
        ready: false,
        spectator: false,
        muted: false,
      },
    ],
    round: 0,
    phase: "lobby",
    remainingMs: 0,
    paused: false,
    link: "/?join=ACDEF",
    gameId: null,
  };
  it("knows the host, free seats and the share link", () => {
    const host = buildLobby(table, "p1", "http://x");
    expect(host.isHost).toBe(true);
    expect(host.canStart).toBe(true);
    expect(host.seats[0]!.mine).toBe(true);
    expect(host.link).toBe("http://x/?join=ACDEF");
    const guest = buildLobby(table, "p2", "http://x");
    expect(guest.isHost).toBe(false);
    expect(guest.seats.filter((s) => s.canTake).map((s) => s.id)).toEqual(["G2", "L1"]);
    expect(joinLink("https://a.b", "XY")).toBe("https://a.b/?join=XY");
  });
  it("adds and removes seats within 3–9 and keeps a government", () => {
    expect(seatsWith(table, "lab", 1)).toEqual(["government", "government", "lab", "lab"]);
    expect(seatsWith(table, "lab", -1)).toBeNull();
  });
});

describe("store", () => {
  it("moves between screens with the table's stage and keeps one trail point per round", () => {
    let s = initialState();
    expect(screenFor(s)).toBe("title");
    const state = gameAt(2, "act");
    s = applyMessage(s, "view", { seat: viewFor(state, "G1"), public: publicView(state) }, 0);
    expect(screenFor(s)).toBe("game");
    s = applyMessage(s, "view", { seat: viewFor(state, "G1"), public: publicView(state) }, 0);
    // Round 1 from the published history, round 2 from the view itself; a repeat adds nothing.
    expect(s.riskTrail.map((t) => t.round)).toEqual([1, 2]);
    // After a reload, the first view alone rebuilds the whole trail.
    const later = gameAt(5, "act");
    const fresh = applyMessage(
      initialState(),
      "view",
      { seat: viewFor(later, "G1"), public: publicView(later) },
      0,
    );
    expect(fresh.riskTrail.map((t) => t.round)).toEqual([1, 2, 3, 4, 5]);
    expect(withTrail([{ round: 1, risks: [1] }], 2, [2]).map((t) => t.round)).toEqual([1, 2]);
  });
  it("uses the player id the server names in the seat message", () => {
    const s = applyMessage(initialState(), "seat", { seat: "G1", token: "t", player: "abc" }, 0);
    expect(s.playerId).toBe("abc");
  });
  it("after a reload, restored chat lines are not counted as unread (the badge counts live lines)", () => {
    const line = (text: string) => ({
      from: "Bea",
      fromPlayer: "p2",
      fromSeat: "L1" as const,
      text,
      to: null,
      at: 0,
    });
    let s = applyMessage(initialState(), "chatHistory", [line("a"), line("b"), line("c")], 0);
    expect(s.chat).toHaveLength(3);
    expect(s.chatArrived).toBe(0);
    s = applyMessage(s, "chat", line("d"), 0);
    expect(s.chatArrived).toBe(1);
    // A reconnection's history replaces the lines and adds nothing unread.
    s = applyMessage(s, "chatHistory", [line("a"), line("b"), line("c"), line("d")], 0);
    expect(s.chatArrived).toBe(1);
  });
});

describe("errors", () => {
  it("keeps the rules' sentences and replaces technical ones", () => {
    expect(
      plainError({ code: "no_moves_left", message: "You have used both of this round's 2 moves." }),
    ).toMatch(/both/);
    expect(
      plainError({ code: "bad_message", message: 'Expected number, received "x" at path [0]' }),
    ).toBe("The game did not understand that request. Try again.");
    expect(plainError({ code: "not_host", message: "" })).toBe("Only the host can do that.");
  });
});

describe("rule constants come from the view, not the client", () => {
  it("a scenario's own tipping point reaches the landscape, the risk rows and the debrief", () => {
    const tipped = { ...STANDARD, risks: { ...STANDARD.risks, tipping: 12, exit: 5 } };
    const state = createGame(tipped, 3);
    const pub = publicView(state);
    const land = buildLandscape(pub);
    expect(land.basins.every((b) => b.tipping === 12)).toBe(true);
    // Centralisation starts above 12: past this scenario's tipping point, not Standard's.
    const central = land.basins.find((b) => b.id === "centralisation")!;
    expect(central.risk).toBeGreaterThan(12);
    expect(land.summary).toMatch(/inside the/);
    expect(riskRows(viewFor(state, "G1")).every((r) => r.tipping === 12)).toBe(true);
    const end = runHarnessGame(tipped, 3, "sensible").state;
    const d = debriefView(end)!;
    const m = buildDebrief(
      {
        debrief: d,
        counterfactual: { ending: "muddling", welfare: [], proxy: [], welfareCounted: 60 },
        gameId: "x",
      },
      publicView(end),
      "G1",
    );
    expect(m.tipping).toEqual([12]);
  });

  it("names what holds a basin back from the catalogue, within the scenario's regulations", () => {
    const few = {
      ...STANDARD,
      regulations: ["biosecurity", "antitrust"] as typeof STANDARD.regulations,
    };
    const land = buildLandscape(publicView(createGame(few, 3)));
    const misuse = land.basins.find((b) => b.id === "misuse")!;
    expect(misuse.heldBackBy).toMatch(/Biosecurity/i);
    expect(misuse.heldBackBy).not.toMatch(/Antitrust/i);
    const goodhart = land.basins.find((b) => b.id === "goodhart")!;
    expect(goodhart.heldBackBy).toBe("no regulation in this scenario");
  });
});
