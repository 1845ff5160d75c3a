/**
 * Scores, rankings and endings. Each role's own score is a proxy: companies score profit,
 * labs capability lead plus revenue, governments approval. Scores are made comparable across
 * roles as a percentage of the scenario's par for the role. Nobody's score is welfare, and a
 * catastrophe makes every score worthless: everybody shares the last place.
 */
import type { GameState, Seat, SeatId } from "./state";
import { AT, type Ending, isCatastrophe } from "./vocabulary";
import { DIM } from "./welfare";

export function scoreOf(state: GameState, seatId: SeatId): number {
  return seatScore(state, state.seats.find((s) => s.id === seatId)!);
}

/** `scoreOf` for a seat already found. */
export function seatScore(state: GameState, seat: Seat): number {
  const seatId = seat.id;
  switch (seat.role) {
    case "government":
      return state.blocs[seat.bloc]!.approval;
    case "company":
      return state.firms.find((f) => f.seat === seatId)!.cash;
    case "lab": {
      const lab = state.labs.find((l) => l.seat === seatId)!;
      let best = 0;
      for (const other of state.labs)
        if (other !== lab && other.capability > best) best = other.capability;
      // Being ahead within the game's years pays: racing pays the racer.
      return lab.cumulativeRevenue + state.scenario.scoring.labLead * (lab.capability - best);
    }
  }
}

export function scores(state: GameState): Record<SeatId, number> {
  const out: Record<SeatId, number> = {};
  for (const seat of state.seats) out[seat.id] = seatScore(state, seat);
  return out;
}

/** A score as a percentage of its role's par: the figure the game shows and ranks by. */
export function standing(state: GameState, seatId: SeatId, score: number): number {
  return seatStanding(state, state.seats.find((s) => s.id === seatId)!, score);
}

/** `standing` for a seat already found. */
export function seatStanding(state: GameState, seat: Seat, score: number): number {
  return (100 * score) / state.scenario.scoring.par[seat.role];
}

/** Final places, 1 best. After a catastrophe every seat shares the last place. */
export function ranks(state: GameState): Record<SeatId, number> {
  const out: Record<SeatId, number> = {};
  const n = state.seats.length;
  if (state.ending && isCatastrophe(state.ending)) {
    for (const seat of state.seats) out[seat.id] = n;
    return out;
  }
  const order = state.seats
    .map((seat, i) => ({ id: seat.id, i, v: seatStanding(state, seat, seatScore(state, seat)) }))
    .sort((a, b) => b.v - a.v || a.i - b.i);
  order.forEach((x, k) => {
    out[x.id] = k + 1;
  });
  return out;
}

/**
 * The game's final true welfare as every welfare figure counts it: a catastrophe is a collapse
 * (the scenario's collapseWelfare, a third of the start), whatever welfare stood at just before.
 */
export function countedWelfare(state: GameState): number {
  if (state.ending && isCatastrophe(state.ending)) return state.scenario.endings.collapseWelfare;
  const last = state.history[state.history.length - 1];
  return last ? last.welfare : state.startWelfare;
}

/** The grade of a world that reached the last round without a catastrophe. */
export function gradeWorld(state: GameState, welfare: number, proxy: number): Ending {
  const e = state.scenario.endings;
  if (
    welfare < state.startWelfare - e.dystopiaWelfareDrop &&
    proxy >= e.dystopiaProxyGrowth * state.startProxy
  ) {
    return "dystopia";
  }
  // Graded on outcomes: true welfare, human agency and the takeover and misuse risk the world
  // ends with, whoever the labs were.
  if (
    welfare >= state.startWelfare + e.flourishingWelfareGain &&
    state.welfare[DIM.agency]! >= e.flourishingAgency &&
    state.risks[AT.takeover]! <= e.flourishingRisk &&
    state.risks[AT.misuse]! <= e.flourishingRisk
  ) {
    return "flourishing";
  }
  return "muddling";
}

export { isCatastrophe };
