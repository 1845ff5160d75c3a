/**
 * The table runner: one game's course at a table, the same on the game server and in the
 * offline table in the page. A phase opens, its clock runs for the scenario's timer × the
 * table's time factor, the bots take their turn a moment after Act or Legislate opens, and the
 * phase ends on its clock, on the host's skip or when everyone is ready: bots that have not
 * acted act first, then `advance`. Bots play through `playBots` only; people's seats are
 * played only while `host.botPlays` says so (nobody there, or the person is away). Every
 * accepted action is logged as `replay` expects, and so is every inject the facilitator pushes
 * (`inject`). At the end: the debrief and the counterfactual
 * "no regulation" game. Time is injected (`Clock`), so this stays pure and deterministic.
 */
import { type Action, applyAction, type RuleError } from "../actions";
import type { Personality } from "../bots/personalities";
import { personalityPolicies, playBots } from "../bots/policy";
import { createGame, type SeatSpec } from "../create";
import { advance } from "../game";
import { type InjectError, type LoggedInject, pushInject } from "../injects";
import { counterfactual, type GameLog, type LoggedAction, ReplayError, Replayer } from "../log";
import type { ServerMessages } from "../protocol";
import type { Scenario } from "../scenario";
import { countedWelfare } from "../scoring";
import type { GameEvent, GameState, SeatId } from "../state";
import { debriefView } from "../views";
import { type Clock, PhaseClock } from "./phaseClock";

export interface RunnerOptions {
  readonly gameId: string;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly seats: readonly SeatSpec[];
  /** The personality a bot plays each seat with (for people's seats: their stand-in). */
  readonly personalities: Record<SeatId, Personality>;
  /** Multiplier on the scenario's timers: the table's speed factor × the time scale. */
  readonly timeFactor: number;
  /** Milliseconds after Act or Legislate opens before the bots take their turn. */
  readonly botDelayMs: number;
  readonly clock: Clock;
}

/** What the runner asks of the table it runs at. */
export interface RunnerHost {
  /** Whether a bot plays this seat now (no person in it, or the person is away). */
  botPlays(seat: SeatId): boolean;
  /** Whether a bot plays this seat in place of the person who holds it (they are away). */
  standsIn?(seat: SeatId): boolean;
  /** A phase opened (at Resolve, `state.events` holds the round's events). */
  entered(state: GameState): void;
  /** The game moved without a message (a clock, the bots' turn): views are out of date. */
  changed(): void;
  /** The game ended; what every client is sent (null if there is no debrief). */
  ended(debrief: ServerMessages["debrief"] | null): void;
}

/**
 * Where a saved game stood (server/restore.ts): its log up to now, the phase in play, what was
 * left of its clock, and whether the bots had taken their turn in it.
 */
export interface ResumePoint {
  readonly actions: readonly LoggedAction[];
  readonly injects: readonly LoggedInject[];
  readonly round: number;
  readonly phase: Exclude<GameState["phase"], "ended">;
  readonly remainingMs: number;
  readonly paused: boolean;
  readonly botsRan: boolean;
  readonly botsDone: readonly SeatId[];
}

/** Shortest phase, so a tiny time scale still lets a phase open before it closes. */
const MIN_PHASE_MS = 10;

export class TableRunner {
  /** The bots' personalities now (the host may change one during the game). */
  readonly personalities: Record<SeatId, Personality>;
  readonly actions: LoggedAction[] = [];
  /** The injects pushed into this game, in order (scheduled ones come with the scenario). */
  readonly injects: LoggedInject[] = [];
  state: GameState;
  private readonly phaseClock: PhaseClock;
  /** Seats whose bot has taken its turn in the current phase. */
  private readonly botsDone = new Set<SeatId>();
  private botsRan = false;
  /** The bots' turn came while the clock was paused: they act on resume. */
  private botsAfterResume = false;
  private pendingBots: { clear(): void } | null = null;

  constructor(
    readonly options: RunnerOptions,
    private readonly host: RunnerHost,
  ) {
    this.personalities = { ...options.personalities };
    this.state = createGame(options.scenario, options.seed, options.seats);
    this.phaseClock = new PhaseClock(options.clock, () => this.next());
  }

  get ended(): boolean {
    return this.state.phase === "ended";
  }

  get paused(): boolean {
    return this.phaseClock.paused;
  }

  /** Counts every change to the phase clock (clients are told the remaining time only then). */
  get epoch(): number {
    return this.phaseClock.epoch;
  }

  remainingMs(): number {
    return this.phaseClock.remainingMs();
  }

  /** Opens the first phase. */
  start(): void {
    this.enter();
  }

  /**
   * Takes up a saved game where it stood instead of opening the first phase: the state is
   * replayed from the log to the phase in play (`replayTo`), its clock runs for what was left
   * (paused if it was), and the bots' turn comes as it would have (not again if it came).
   * The host is not told a phase opened: none did.
   */
  resumeAt(point: ResumePoint): void {
    const log = { ...this.log(), actions: [...point.actions], injects: [...point.injects] };
    this.state = replayTo(log, point.round, point.phase);
    this.actions.push(...point.actions);
    this.injects.push(...point.injects);
    this.botsDone.clear();
    for (const seat of point.botsDone) this.botsDone.add(seat);
    this.botsRan = point.botsRan;
    this.phaseClock.start(Math.max(MIN_PHASE_MS, point.remainingMs));
    if (point.paused) this.phaseClock.pause();
    const phase = this.state.phase;
    if ((phase === "act" || phase === "legislate") && !point.botsRan) this.scheduleBots();
  }

  /** Whether the bots have taken their turn in the phase in play, and for which seats. */
  botTurn(): { ran: boolean; done: SeatId[] } {
    return { ran: this.botsRan, done: [...this.botsDone] };
  }

  /** Stops the clock and any pending bots' turn (the table is going away). */
  stop(): void {
    this.phaseClock.stop();
    this.pendingBots?.clear();
    this.pendingBots = null;
  }

  /** Applies one seat's action through the rules; logs it when accepted. */
  apply(seat: SeatId, action: Action): RuleError | null {
    const phase = this.state.phase;
    const result = applyAction(this.state, seat, action);
    if (!result.ok) return result.error;
    this.state = result.state;
    if (phase === "act" || phase === "legislate")
      this.actions.push({ round: this.state.round, phase, seat, action });
    return null;
  }

  /**
   * Pushes a crisis from the scenario's catalogue into the game in play: it strikes at once
   * during News, otherwise when the next round opens (`injects.ts`). Logged when accepted, and
   * the host is told the views changed; refused, with the game unchanged, for an unknown id,
   * an ended game, or the last round after its News (it would never strike).
   */
  inject(id: string): InjectError | null {
    const { round, phase } = this.state;
    const result = pushInject(this.state, id);
    if (!result.ok) return result.error;
    if (phase === "ended") throw new Error("the rules accepted an inject after the game ended");
    this.state = result.state;
    this.injects.push({ round, phase, inject: id });
    this.host.changed();
    return null;
  }

  /** The log `replay` and `counterfactual` take. */
  log(): GameLog {
    const { scenario, seed, seats } = this.options;
    return {
      scenario,
      seed,
      seats,
      personalities: { ...this.personalities },
      actions: [...this.actions],
      injects: [...this.injects],
    };
  }

  /** A bot of another personality plays this seat from now on. */
  setPersonality(seat: SeatId, personality: Personality): void {
    this.personalities[seat] = personality;
  }

  /** The phase ends now (its clock ran out, the host skipped, or everyone is ready). */
  next(): void {
    if (this.ended) return;
    this.runBots();
    this.state = advance(this.state);
    this.enter();
    this.host.changed();
  }

  /** Everyone at the table is ready: the phase ends unless the clock is paused. */
  everyoneReady(): void {
    if (!this.ended && !this.paused) this.next();
  }

  pause(): boolean {
    return this.phaseClock.pause();
  }

  resume(): boolean {
    if (!this.phaseClock.resume()) return false;
    if (this.botsAfterResume) {
      this.botsAfterResume = false;
      this.runBots();
    }
    return true;
  }

  extend(ms: number): boolean {
    return this.phaseClock.extend(ms);
  }

  /** A seat became a bot's (its person left): after the bots' turn, its bot acts at once. */
  seatFreed(): void {
    if (!this.ended && this.botsRan) this.runBots();
  }

  private phaseMs(): number {
    const phase = this.state.phase;
    if (phase === "ended") return 0;
    const ms = this.options.scenario.timers[phase] * 1000 * this.options.timeFactor;
    return Math.max(MIN_PHASE_MS, ms);
  }

  private enter(): void {
    this.botsDone.clear();
    this.botsRan = false;
    this.botsAfterResume = false;
    this.pendingBots?.clear();
    this.pendingBots = null;
    if (this.ended) {
      this.phaseClock.stop();
      this.host.entered(this.state);
      this.host.ended(this.debrief());
      return;
    }
    this.phaseClock.start(this.phaseMs());
    const phase = this.state.phase;
    if (phase === "act" || phase === "legislate") this.scheduleBots();
    this.host.entered(this.state);
  }

  private scheduleBots(): void {
    this.pendingBots = this.options.clock.setTimeout(() => {
      this.pendingBots = null;
      if (this.paused) {
        this.botsAfterResume = true;
        return;
      }
      this.runBots();
      this.host.changed();
    }, this.options.botDelayMs);
  }

  private runBots(): void {
    const seats = this.state.seats
      .map((s) => s.id)
      .filter((id) => this.host.botPlays(id) && !this.botsDone.has(id));
    const from = this.actions.length;
    this.state = playBots(
      this.state,
      personalityPolicies(this.personalities),
      this.actions,
      undefined,
      seats,
    );
    // The moves a bot made for a person who was away are marked, for the record of who did what.
    for (let i = from; i < this.actions.length; i++) {
      const entry = this.actions[i]!;
      if (this.host.standsIn?.(entry.seat)) this.actions[i] = { ...entry, standIn: true };
    }
    for (const id of seats) this.botsDone.add(id);
    this.botsRan = true;
  }

  private debrief(): ServerMessages["debrief"] | null {
    const debrief = debriefView(this.state);
    if (!debrief) return null;
    const cf = counterfactual(this.log(), "noRegulation");
    return {
      debrief,
      counterfactual: {
        ending: cf.ending ?? "muddling",
        welfare: cf.history.map((h) => h.welfare),
        proxy: cf.history.map((h) => h.proxy),
        welfareCounted: countedWelfare(cf),
      },
      gameId: this.options.gameId,
    };
  }
}

/** The events a seat's client is sent: the public ones, and its own unless it only watches. */
export function eventsFor(
  events: readonly GameEvent[],
  seat: SeatId | null,
  spectator: boolean,
): GameEvent[] {
  return events.filter((e) => e.public || (seat !== null && !spectator && e.seat === seat));
}

const PHASE_RANK = { news: 0, act: 1, legislate: 2, resolve: 3, ended: 4 } as const;

function rank(round: number, phase: GameState["phase"]): number {
  return round * 5 + PHASE_RANK[phase];
}

/**
 * The state of a game at a phase in play: the log replayed as `replay` does (in each phase its
 * injects, then its actions, then `advance`) up to that phase, then that phase's injects and
 * actions, without ending it. Throws ReplayError if the log does not lead there.
 */
export function replayTo(log: GameLog, round: number, phase: GameState["phase"]): GameState {
  const r = new Replayer(log);
  const target = rank(round, phase);
  for (;;) {
    const here = rank(r.state.round, r.state.phase);
    if (r.state.phase === "ended" || here > target)
      throw new ReplayError(`the log does not lead to round ${round} ${phase}`);
    r.enter();
    if (here === target) break;
    r.advance();
  }
  if (!r.done) throw new ReplayError(`the log goes on past round ${round} ${phase}`);
  return r.state;
}
