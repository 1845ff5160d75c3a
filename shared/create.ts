/**
 * Setting up a new game from a scenario, a seed and the seats at the table.
 */

import { blocOutput } from "./governments";
import { openRound } from "./injects";
import type { Scenario } from "./scenario";
import type { Bloc, Firm, GameState, Lab, Seat, SeatId, Sector } from "./state";
import { ATTRACTORS, type Role, SLIDERS, WELFARE_DIMS } from "./vocabulary";
import { measureTrueWelfare } from "./welfare";

export interface SeatSpec {
  readonly role: Role;
  readonly name?: string;
}

const PREFIX: Record<Role, string> = { government: "G", lab: "L", company: "C" };

export const DEFAULT_SLIDERS: Record<Role, readonly number[]> = {
  government: [0.25, 0.2, 0.25, 0.1, 0.2],
  lab: [0.5, 0.2, 0.3],
  company: [0.2, 0.2, 0.2, 0.15, 0.1, 0.2],
};

/** The seats a scenario's default table has. */
export function defaultSeats(scenario: Scenario): SeatSpec[] {
  return scenario.seats.map((role) => ({ role }));
}

export function seatIdsFor(roles: readonly Role[]): string[] {
  const counts: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  return roles.map((role) => `${PREFIX[role]}${++counts[role]}`);
}

export function createGame(
  scenario: Scenario,
  seed: number,
  seatSpecs: readonly SeatSpec[] = defaultSeats(scenario),
): GameState {
  const ids = seatIdsFor(seatSpecs.map((s) => s.role));
  const govIds = ids.filter((_, i) => seatSpecs[i]!.role === "government");
  const nBlocs = Math.max(1, govIds.length);
  const blocName = (b: number) => scenario.blocNames[b % scenario.blocNames.length]!;
  const counts: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const seats: Seat[] = seatSpecs.map((spec, i) => {
    const k = counts[spec.role]++;
    const defaultName =
      spec.role === "government"
        ? blocName(k)
        : spec.role === "lab"
          ? scenario.labNames[k % scenario.labNames.length]!
          : scenario.firmNames[k % scenario.firmNames.length]!;
    return { id: ids[i]!, role: spec.role, name: spec.name ?? defaultName, bloc: k % nBlocs };
  });

  const econ = scenario.economy;
  // Loops, not Array.from or Object.fromEntries: this runs once a game, but a bot game is short.
  const weights: number[] = [];
  for (let b = 0; b < nBlocs; b++) weights.push(econ.blocWeights[b] ?? 1);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const sectors: Sector[] = econ.sectors.map((s) => ({
    id: s.id,
    name: s.name,
    segments: weights.map((w, b) => ({
      bloc: b,
      output: (s.output * w) / weightSum,
      theta: econ.initialTheta.slice(),
      rnd: econ.initialRnd,
    })),
  }));

  const firms: Firm[] = [];
  const labs: Lab[] = [];
  for (const seat of seats) {
    if (seat.role === "company") {
      const sector = firms.length % sectors.length;
      const segment = sectors[sector]!.segments[seat.bloc]!;
      const output = Math.min(
        segment.output * 0.8,
        econ.sectors[sector]!.output * scenario.companies.startShare,
      );
      segment.output -= output;
      firms.push({
        seat: seat.id,
        sector,
        output,
        levers: econ.initialTheta.slice(),
        rnd: DEFAULT_SLIDERS.company[SLIDERS.company.length - 1]!,
        cash: 0,
        lastProfit: 0,
        licensedLab: null,
        evading: [],
        relocateTo: null,
        detectedEvasions: 0,
      });
    } else if (seat.role === "lab") {
      const k = labs.length;
      const caps = scenario.labs.startCapability;
      const comps = scenario.labs.startCompute;
      labs.push({
        seat: seat.id,
        capability: caps[k % caps.length]!,
        alignment: scenario.labs.startAlignment,
        compute: comps[k % comps.length]!,
        revenue: 0,
        cumulativeRevenue: 0,
        release: "closed",
        openCapability: 0,
        autonomy: 0,
        sliders: DEFAULT_SLIDERS.lab.slice(),
        relocateTo: null,
        pledges: 0,
      });
    }
  }

  const gov = scenario.governments;
  const blocs: Bloc[] = [];
  for (let b = 0; b < nBlocs; b++)
    blocs.push({
      name: govIds[b] ? seats.find((s) => s.id === govIds[b])!.name : blocName(b),
      govSeat: govIds[b] ?? "",
      budget: 0,
      taxRate: gov.taxRate,
      approval: gov.approval,
      enforcement: gov.startCapacity,
      measurement: gov.startCapacity,
      emergency: 0,
      emergencyMeasure: null,
      campaignMoney: 0,
      lobby: 0,
      sliders: DEFAULT_SLIDERS.government.slice(),
      measuredWelfare: 0,
      welfareNoise: gov.welfareNoise,
      riskEstimates: scenario.risks.start.slice(),
      riskNoise: gov.riskNoise,
    });

  const proxy =
    sectors.reduce((a, s) => a + s.segments.reduce((b, g) => b + g.output, 0), 0) +
    firms.reduce((a, f) => a + f.output, 0);
  const kMax = labs.reduce((a, l) => Math.max(a, l.capability), 0);

  const orders: GameState["orders"] = {};
  for (const seat of seats) orders[seat.id] = { moves: [], used: 0 };
  const state: GameState = {
    scenario,
    seed: seed >>> 0,
    round: 1,
    phase: "news",
    seats,
    blocs,
    sectors,
    firms,
    labs,
    welfare: scenario.welfare.start.slice(),
    risks: scenario.risks.start.slice(),
    inBasin: ATTRACTORS.map(() => false),
    drivers: ATTRACTORS.map(() => {
      const pushed: Record<SeatId, number> = {};
      for (const seat of seats) pushed[seat.id] = 0;
      return pushed;
    }),
    visibleSafety: scenario.safety.start,
    pressure: 1 + kMax / econ.kScale,
    regulations: [],
    proposals: [],
    orders,
    events: [],
    chronicle: [],
    history: [],
    delayedBenefits: {},
    heldBack: {},
    harmShifted: WELFARE_DIMS.map(() => 0),
    goodhart: { regressional: 0, extremal: 0, causal: 0, adversarial: 0 },
    startWelfare: 0,
    startProxy: proxy,
    ending: null,
    nextUid: 1,
  };
  // The first year's budget, so a government sees what it can spend before its first resolve.
  for (let b = 0; b < blocs.length; b++)
    blocs[b]!.budget = blocs[b]!.taxRate * blocOutput(state, b);
  const w = measureTrueWelfare(state, proxy);
  state.startWelfare = w;
  for (const bloc of blocs) bloc.measuredWelfare = w;
  // Injects the scenario schedules for round 1 strike as the game opens.
  return openRound(state);
}
