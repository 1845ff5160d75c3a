/**
 * Injects: crises from the scenario's catalogue (`scenario.injects`, shipped in `crises.ts`)
 * that a facilitator pushes into a game in play, or that the scenario schedules at a round.
 * An inject is a rules-level event with stated effects: it moves true risks, welfare,
 * approval, visible safety, output and labs' compute and alignment by the numbers its entry
 * gives, each level kept within its range, and writes a public "Crisis: …" news event.
 *
 * When it strikes: as a round opens, before its News (scheduled ones for that round first,
 * then those pushed, in the order they were pushed). One pushed during News strikes at once
 * (the round has just opened, and nobody has acted yet); one pushed during Act, Legislate or
 * Resolve waits in `pendingInjects` for the next round, so the order of actions and injects
 * within a phase never matters and the action log needs only the round and phase of each.
 * No luck is drawn: an inject is the same in every replay and counterfactual.
 */
import { cloneState, shallowState } from "./clone";
import { cutOutput } from "./governments";
import type { Inject, Scenario, ScheduledInject } from "./scenario";
import type { GameState, Lab } from "./state";
import { ATTRACTORS, type Phase, WELFARE_DIMS } from "./vocabulary";

/** An inject in the action log: pushed in this round and phase (`log.ts` replays it). */
export interface LoggedInject {
  readonly round: number;
  readonly phase: Exclude<Phase, "ended">;
  /** Its id in the scenario's catalogue. */
  readonly inject: string;
}

export type InjectErrorCode = "unknownInject" | "gameEnded" | "tooLate";

export interface InjectError {
  readonly code: InjectErrorCode;
  readonly message: string;
}

export type InjectResult = { ok: true; state: GameState } | { ok: false; error: InjectError };

export function injectById(scenario: Scenario, id: string): Inject | undefined {
  return scenario.injects.find((i) => i.id === id);
}

/**
 * Pushes an inject into the game: it strikes at once during News, otherwise when the next
 * round opens. Refused (the state unchanged) for an id the scenario's catalogue lacks, a game
 * that has ended, or when no round is left for it to strike in.
 */
export function pushInject(state: GameState, id: string): InjectResult {
  const inject = injectById(state.scenario, id);
  if (!inject)
    return refused("unknownInject", `There is no crisis "${id}" in this game's scenario.`);
  if (state.phase === "ended") return refused("gameEnded", "The game has ended.");
  if (state.phase === "news") {
    const next = cloneState(state);
    strike(next, inject);
    return { ok: true, state: next };
  }
  if (state.ending !== null || state.round >= state.scenario.rounds)
    return refused(
      "tooLate",
      "This is the last round: a crisis pushed now would strike only after the game ends.",
    );
  const next = shallowState(state);
  next.pendingInjects = [...(state.pendingInjects ?? []), id];
  return { ok: true, state: next };
}

/** The round an inject pushed now would strike in, or null if it would be refused. */
export function strikesIn(state: GameState): number | null {
  if (state.phase === "ended") return null;
  if (state.phase === "news") return state.round;
  if (state.ending !== null || state.round >= state.scenario.rounds) return null;
  return state.round + 1;
}

/**
 * A game's injects as a facilitator's cockpit shows them. For the facilitator only: the
 * schedule and the queue are surprises, and no seat's view carries them.
 */
export interface InjectStatus {
  /** What can be pushed: the scenario's catalogue, in its words. */
  readonly catalogue: readonly { id: string; title: string; description: string }[];
  /** The round an inject pushed now would strike in (null: none can be pushed now). */
  readonly strikesIn: number | null;
  /** Pushed, waiting for the next round to open. */
  readonly pending: readonly string[];
  /** Scheduled by the scenario for rounds still to open. */
  readonly scheduled: readonly ScheduledInject[];
  /** Struck so far, oldest first. */
  readonly struck: readonly { round: number; inject: string }[];
}

export function injectStatus(state: GameState): InjectStatus {
  return {
    catalogue: state.scenario.injects.map(({ id, title, description }) => ({
      id,
      title,
      description,
    })),
    strikesIn: strikesIn(state),
    pending: state.pendingInjects ?? [],
    scheduled:
      state.phase === "ended" ? [] : state.scenario.schedule.filter((s) => s.round > state.round),
    struck: state.chronicle
      .filter((e) => e.kind === "crisis" && e.inject !== undefined)
      .map((e) => ({ round: e.round, inject: e.inject! })),
  };
}

/**
 * A round has just opened (`advance`, `createGame`): the scenario's injects scheduled for it
 * strike, then the ones pushed during the last round. Returns the state itself when none do.
 * The given state has no `pendingInjects` of its own; `pending` are those that waited.
 */
export function openRound(state: GameState, pending: readonly string[] = []): GameState {
  const due = state.scenario.schedule.filter((s) => s.round === state.round).map((s) => s.inject);
  due.push(...pending);
  if (due.length === 0) return state;
  const next = cloneState(state);
  for (const id of due) {
    const inject = injectById(state.scenario, id);
    if (inject) strike(next, inject);
  }
  return next;
}

/** Applies an inject's effects to a state the caller owns, and tells everyone. */
function strike(state: GameState, inject: Inject): void {
  const e = inject.effects;
  for (let a = 0; a < ATTRACTORS.length; a++)
    state.risks[a] = clamp(state.risks[a]! + e.risks[a]!, 0, 100);
  for (let d = 0; d < WELFARE_DIMS.length; d++)
    state.welfare[d] = clamp(state.welfare[d]! + e.welfare[d]!, 0, 100);
  for (const bloc of state.blocs) bloc.approval = clamp(bloc.approval + e.approval, 0, 100);
  state.visibleSafety = clamp(state.visibleSafety + e.visibleSafety, 0, 100);
  if (e.output > 0) cutOutput(state, e.output, null);
  for (const lab of labsHit(state, e.labs)) {
    lab.compute *= 1 + e.compute;
    lab.alignment = Math.max(0, lab.alignment + e.alignment);
  }
  const event = {
    round: state.round,
    kind: "crisis",
    inject: inject.id,
    public: true,
    text: `Crisis: ${inject.title}. ${inject.description}`,
  } as const;
  state.events.push(event);
  state.chronicle.push(event);
}

/** The labs an inject's compute and alignment changes hit. */
function labsHit(state: GameState, which: Inject["effects"]["labs"]): Lab[] {
  let leader: Lab | null = null;
  for (const lab of state.labs) if (!leader || lab.capability > leader.capability) leader = lab;
  switch (which) {
    case "all":
      return state.labs;
    case "leader":
      return leader ? [leader] : [];
    case "others":
      return state.labs.filter((l) => l !== leader);
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function refused(code: InjectErrorCode, message: string): InjectResult {
  return { ok: false, error: { code, message } };
}
