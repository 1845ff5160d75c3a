/**
 * The four catastrophic attractors. Each risk follows its drivers toward a target level; past
 * the tipping point the world is in the basin and the risk gains momentum from its own level,
 * and it only leaves the basin below a lower exit level (hysteresis). Inside the basin a
 * per-round hazard, rising steeply with the level, can end the game; at 100 it ends for sure.
 * Rising risk shows up first as close calls in the news.
 */
import { alignmentMargin, frontier } from "./labs";
import type { BlocPolicy } from "./policy";
import { streamRng } from "./rng";
import type { Firm, GameEvent, GameState, SeatId } from "./state";
import { AT, ATTRACTOR_LABEL, ATTRACTORS, type Attractor, GOV, LEVERS, LV } from "./vocabulary";
import { DIM, meanLevers } from "./welfare";

const NA = ATTRACTORS.length;
const levers = new Array<number>(LEVERS.length).fill(0);

export interface RiskTargets {
  /** Target level of each risk from its drivers, before holds. */
  drive: number[];
  /** Risk held back by regulation and defence. */
  hold: number[];
  /** Who pushed each risk this round (seat → amount). */
  blame: Record<SeatId, number>[];
}

export const CLOSE_CALLS: Record<Attractor, string> = {
  misuse:
    "Close call: a small group used a freely shared AI to design a germ. A lab worker reported it just in time.",
  centralisation:
    "Close call: a merger almost put one giant firm in charge of most of the AI we use.",
  goodhart:
    "Close call: a computer that pays out benefits turned down thousands of claims, and for weeks nobody could stop it.",
  takeover:
    "Close call: an AI copied itself to hide from a test that would switch it off. Engineers caught it.",
};

export const CATASTROPHES: Record<Attractor, string> = {
  misuse: "Catastrophe: a disease made with the help of freely shared AI spreads around the world.",
  centralisation:
    "Catastrophe: one group now controls the computers, the economy and the lawmakers. Nobody can stop it.",
  goodhart:
    "Catastrophe: machines that chase the wrong numbers now make the world's choices. Nobody can steer them back.",
  takeover:
    "Catastrophe: AI that does not share our goals slips out of human control and takes over.",
};

/** Records that `seat` pushed risk `a` by `v` this round (only pushes up count). */
function addBlame(blame: Record<SeatId, number>[], a: number, seat: SeatId, v: number): void {
  if (v > 0) blame[a]![seat] = (blame[a]![seat] ?? 0) + v;
}

/** A company's delegation beyond the level from which its agents run unsupervised. */
function unsupervised(firm: Firm, from: number): number {
  return Math.max(0, firm.levers[LV.delegation]! - from);
}

export function riskTargets(
  state: GameState,
  policies: readonly BlocPolicy[],
  campaignLobbying: Record<SeatId, number>,
): RiskTargets {
  const s = state.scenario;
  const scale = s.risks.driverScale;
  const blame: Record<SeatId, number>[] = ATTRACTORS.map(() => ({}));
  const K = frontier(state);
  meanLevers(state, levers);
  const dims = state.welfare;
  const d = s.risks.drivers;

  // Misuse: dangerous capability in everyone's hands.
  let openK = 0;
  for (const lab of state.labs) {
    if (lab.openCapability > openK) openK = lab.openCapability;
    addBlame(blame, 0, lab.seat, d.misuseOpen * Math.max(0, lab.openCapability - d.misuseOpenFrom));
  }
  const misuse =
    (d.misuseOpen * Math.max(0, openK - d.misuseOpenFrom) +
      d.misuseFrontier * Math.max(0, K - d.misuseFrontierFrom)) *
    scale[0]!;

  // Centralisation: consolidation, compute share, capability lead, lobbying, emergency powers.
  let totalCompute = 0;
  let maxCompute = 0;
  for (const lab of state.labs) {
    totalCompute += lab.compute;
    if (lab.compute > maxCompute) maxCompute = lab.compute;
  }
  const computeShare = totalCompute > 0 ? maxCompute / totalCompute : 0;
  const fair = 1 / Math.max(1, state.labs.length);
  let second = 0;
  for (const lab of state.labs)
    if (lab.capability < K && lab.capability > second) second = lab.capability;
  const lead = K > 0 ? (K - second) / K : 0;
  let firmConcentration = 0;
  const proxy =
    state.history.length > 0 ? state.history[state.history.length - 1]!.proxy : state.startProxy;
  for (const firm of state.firms) {
    // Dominance of its own sector, beyond a quarter of it, weighted by how hard it consolidates.
    let sectorOutput = firm.output;
    for (const seg of state.sectors[firm.sector]!.segments) sectorOutput += seg.output;
    for (const other of state.firms)
      if (other !== firm && other.sector === firm.sector) sectorOutput += other.output;
    const dominance =
      Math.max(0, firm.output / sectorOutput - d.centralDominanceFrom) *
      (0.5 + 0.5 * firm.levers[LV.consolidation]!);
    if (dominance > firmConcentration) firmConcentration = dominance;
    addBlame(blame, 1, firm.seat, d.centralDominance * dominance);
  }
  for (const lab of state.labs)
    addBlame(
      blame,
      1,
      lab.seat,
      d.centralCompute * Math.max(0, lab.compute / Math.max(1, totalCompute) - fair),
    );
  let lobbying = 0;
  for (const seat in campaignLobbying) {
    lobbying += campaignLobbying[seat]!;
    addBlame(blame, 1, seat, d.centralLobbying * campaignLobbying[seat]!);
  }
  let emergency = 0;
  for (const bloc of state.blocs) {
    if (bloc.emergency > 0) {
      emergency += d.centralEmergency;
      addBlame(blame, 1, bloc.govSeat, d.centralEmergency);
    }
  }
  const centralisation =
    (d.centralConsolidation * levers[LV.consolidation]! +
      d.centralCompute * Math.max(0, computeShare - fair) +
      d.centralLead * lead +
      d.centralDominance * firmConcentration +
      d.centralLobbying * lobbying +
      emergency) *
    scale[1]!;

  // Goodhart lock-in: delegation and engagement wear down agency and information.
  const goodhart =
    (d.goodhartAgency * Math.max(0, d.goodhartAgencyFrom - dims[DIM.agency]!) +
      d.goodhartInformation * Math.max(0, d.goodhartInformationFrom - dims[DIM.information]!) +
      d.goodhartDelegation * levers[LV.delegation]! +
      d.goodhartEngagement * levers[LV.engagement]!) *
    scale[2]!;
  for (const firm of state.firms)
    addBlame(
      blame,
      2,
      firm.seat,
      (d.goodhartDelegation * firm.levers[LV.delegation]! +
        d.goodhartEngagement * firm.levers[LV.engagement]!) *
        (firm.output / proxy),
    );
  for (const lab of state.labs) {
    const agencyLost = s.welfare.agencyFromAutonomy * lab.autonomy * (lab.capability / 100);
    addBlame(blame, 2, lab.seat, d.goodhartAgency * agencyLost);
  }

  // Takeover: capability outrunning alignment, with autonomous deployment.
  // Companies deploy the frontier's agents through their delegation lever, within their own
  // bloc's autonomy limit: a misaligned frontier is as dangerous in their hands.
  let firmAgents = 0;
  for (const firm of state.firms) {
    const limit = policies[blocOfSeat(state, firm.seat)]!.autonomyLimit;
    firmAgents += d.takeoverFirmAgents * unsupervised(firm, d.takeoverFirmAgentsFrom) * (1 - limit);
  }
  let takeover = 0;
  let worstGap = 0;
  const base = d.takeoverBaseAutonomy;
  for (const lab of state.labs) {
    const gap = Math.max(0, -alignmentMargin(state, lab));
    const limit = policies[blocOfSeat(state, lab.seat)]!.autonomyLimit;
    const v = d.takeoverGap * gap * (base + (1 - base) * (lab.autonomy * (1 - limit) + firmAgents));
    addBlame(
      blame,
      3,
      lab.seat,
      d.takeoverGap * gap * (base + (1 - base) * lab.autonomy * (1 - limit)),
    );
    if (v > takeover) takeover = v;
    if (gap > worstGap) worstGap = gap;
  }
  if (firmAgents > 0)
    for (const firm of state.firms) {
      const limit = policies[blocOfSeat(state, firm.seat)]!.autonomyLimit;
      addBlame(
        blame,
        3,
        firm.seat,
        d.takeoverGap *
          worstGap *
          (1 - base) *
          d.takeoverFirmAgents *
          unsupervised(firm, d.takeoverFirmAgentsFrom) *
          (1 - limit),
      );
    }
  takeover *= scale[3]!;

  // Holds: each bloc's rules hold back their fraction of the drivers in that bloc's share of
  // the world; defence spending holds misuse back directly.
  const nb = state.blocs.length;
  const hold = ATTRACTORS.map(() => 0);
  const drive = [misuse, centralisation, goodhart, takeover];
  for (let b = 0; b < nb; b++) {
    for (let a = 0; a < NA; a++) hold[a]! += (drive[a]! * policies[b]!.hold[a]!) / nb;
    const bloc = state.blocs[b]!;
    hold[AT.misuse]! +=
      (s.risks.defence * bloc.budget * bloc.sliders[GOV.defence]!) / state.startProxy;
  }
  return { drive, hold, blame };
}

/**
 * Moves every risk one round toward its target, with hysteresis and momentum inside the basin.
 * Returns the attractor that struck this round, if any.
 */
export function stepRisks(
  state: GameState,
  targets: RiskTargets,
  events: GameEvent[],
): Attractor | null {
  const r = state.scenario.risks;
  const g = state.scenario.governments;
  let struck: Attractor | null = null;
  let struckLevel = -1;
  for (let a = 0; a < NA; a++) {
    const target = Math.max(0, Math.min(100, targets.drive[a]! - targets.hold[a]!));
    let level = state.risks[a]!;
    level +=
      r.response * (target - level) +
      r.drift * streamRng(state.seed, state.round, "drift", a).normal();
    if (state.inBasin[a]) level += r.momentum * (1 + (level - r.tipping) / (100 - r.tipping));
    // Emergency measures bite this round: each cuts its risk at once; all but a break-up
    // concentrate power in the state.
    for (const bloc of state.blocs) {
      const m = bloc.emergencyMeasure;
      if (m === null) continue;
      if (m === ATTRACTORS[a]) level -= g.measureCut;
      else if (a === AT.centralisation && m !== "centralisation") level += g.measureCentralisation;
    }
    level = Math.max(0, Math.min(100, level));
    if (level >= r.tipping) state.inBasin[a] = true;
    else if (level < r.exit) state.inBasin[a] = false;
    state.risks[a] = level;
    for (const seat in targets.blame[a]) {
      state.drivers[a]![seat] = (state.drivers[a]![seat] ?? 0) + targets.blame[a]![seat]!;
    }
    const name = ATTRACTORS[a]!;
    const over = (level - r.tipping) / (100 - r.tipping);
    const hazard = level >= 100 ? 1 : state.inBasin[a] && over > 0 ? r.hazardMax * over * over : 0;
    const draw = streamRng(state.seed, state.round, "hazard", a).next();
    if (draw < hazard && level > struckLevel) {
      struck = name;
      struckLevel = level;
      continue;
    }
    if (level >= r.closeCallFrom) {
      const chance =
        r.closeCallChance * ((level - r.closeCallFrom) / (100 - r.closeCallFrom)) + r.closeCallBase;
      if (streamRng(state.seed, state.round, "closeCall", a).next() < chance) {
        events.push({
          round: state.round,
          kind: "closeCall",
          attractor: name,
          public: true,
          text: CLOSE_CALLS[name],
        });
      }
    }
  }
  if (struck) {
    events.push({
      round: state.round,
      kind: "catastrophe",
      attractor: struck,
      public: true,
      text: CATASTROPHES[struck],
    });
  }
  return struck;
}

export function attractorLabel(a: Attractor): string {
  return ATTRACTOR_LABEL[a];
}

/** The bloc a seat is in (a loop, not `find`: this is asked in the round step's hot loops). */
function blocOfSeat(state: GameState, seat: SeatId): number {
  const seats = state.seats;
  for (let i = 0; i < seats.length; i++) if (seats[i]!.id === seat) return seats[i]!.bloc;
  throw new Error(`There is no seat ${seat}.`);
}
