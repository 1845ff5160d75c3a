/**
 * One table's course on the server, between the room (connections) and the shared table
 * runner (the game): the stage (lobby, playing, ended), starting the game with a seed from the
 * services, saving it at every Resolve and at the end, sending each client the round's events
 * it may see and the debrief, people leaving for good (a bot stands in), and closing a game
 * nobody is connected to. The handlers work through it (`HandlerContext`). If the round step
 * refuses to produce a non-finite number (`ModelError`: the scenario lets the model overflow),
 * the game stops as it was before that step, everyone is told, and the table ends cleanly.
 */
import { nanoid } from "nanoid";
import type { Personality } from "../shared/bots/personalities";
import { difficultySeats } from "../shared/difficulty";
import type { ChatMessage, CreateOptions, ServerMessages, TableInfo } from "../shared/protocol";
import { SPEED_FACTOR } from "../shared/protocol";
import { ModelError } from "../shared/resolve";
import type { Scenario } from "../shared/scenario";
import type { GameState, SeatId } from "../shared/state";
import type { Clock } from "../shared/table/phaseClock";
import { eventsFor, type RunnerHost, TableRunner } from "../shared/table/runner";
import { ChatLog, mayRead } from "./chat";
import { type HandlerContext, refuse } from "./handlers";
import { savedGame } from "./match";
import type { LiveRoom, RoomServices } from "./services";
import { type Person, type Refusal, seatMessage, Table } from "./table";

/** What the course needs of its room: its code, its clock and its connections. */
export interface Edge {
  readonly code: string;
  readonly clock: Clock;
  /** Every connection with the person it carries. */
  people(): {
    send<T extends keyof ServerMessages>(type: T, body: ServerMessages[T]): void;
    person: Person;
  }[];
  dropSession(sessionId: string): void;
  /** Something changed: every client is sent it soon. */
  sync(): void;
  /** Sends every client what changed now. */
  flush(): void;
  /** Whether the room closes when its last client leaves. */
  setAutoDispose(on: boolean): void;
  connections(): number;
  close(): void;
  /** Sends every client an error that no message of theirs caused (the game stopped). */
  tellEveryone(type: string, refusal: Refusal): void;
}

const SILENT = refuse(
  "silent_watch",
  "You are watching this table silently: nobody here sees you, and you cannot send that.",
);

/** What a workshop's table takes from its workshop (`workshops.ts`); null at other tables. */
export interface WorkshopHooks {
  /** The workshop's name for the table's saved games and logs. */
  readonly workshopId: string;
  /** Multiplier on the scenario's timers (the workshop's format), instead of the speed's. */
  readonly timeFactor: number;
  /** Why a chat line is refused now (chat is off at the table, the word filter), or null. */
  chatRefusal(person: Person, text: string): Refusal | null;
  /** The token that joins the table as a silent watcher (the facilitator's "watch"). */
  readonly watchToken: string;
  /**
   * A round has opened (its News; round 1 at the start): the workshop may compute its odds
   * from a copy of the state. Must not throw or block: it runs inside the table's step.
   */
  roundOpened(state: GameState): void;
}

export class TableCourse implements HandlerContext, RunnerHost {
  readonly table: Table;
  readonly solo: boolean;
  stage: TableInfo["stage"] = "lobby";
  game: TableRunner | null = null;
  /** Why the game was stopped before its end (the round step failed), or null. */
  halted: Refusal | null = null;
  private createdAt = 0;
  private abandonTimer: { clear(): void } | null = null;
  private saved = false;
  /** The table's last chat lines, for people who join, reload or reconnect. */
  private readonly chatLog = new ChatLog();
  /** A solo table's bots, seat by seat, from the difficulty the player chose (else null). */
  private readonly soloBots: Record<SeatId, Personality> | null;

  constructor(
    private readonly edge: Edge,
    private readonly services: RoomServices<LiveRoom>,
    scenario: Scenario,
    opts: CreateOptions,
    readonly workshop: WorkshopHooks | null = null,
  ) {
    this.solo = opts.mode === "solo";
    this.soloBots =
      this.solo && opts.difficulty
        ? difficultySeats(opts.difficulty, scenario, opts.role ?? "government")
        : null;
    this.table = new Table(
      (id) => services.scenarios.get(id),
      scenario,
      opts.rounds,
      opts.speed ?? "standard",
    );
    this.table.hostless = workshop !== null;
  }

  now(): number {
    return Date.now();
  }

  playing(): TableRunner | null {
    return this.stage === "playing" && this.game && !this.game.ended ? this.game : null;
  }

  start(): void {
    const cfg = this.services.config;
    for (const seat of this.table.seats) {
      if (seat.player === null && seat.hostBot !== null) seat.personality = seat.hostBot;
      const bot = seat.player === null ? this.soloBots?.[seat.id] : undefined;
      if (bot) seat.personality = bot;
    }
    this.createdAt = Date.now();
    this.game = new TableRunner(
      {
        gameId: nanoid(12),
        scenario: this.table.scenario(),
        seed: this.services.newSeed(),
        seats: this.table.seats.map((s) => ({ role: s.role, name: s.name })),
        personalities: this.table.personalities(),
        timeFactor:
          (this.workshop?.timeFactor ?? SPEED_FACTOR[this.table.settings.speed]) * cfg.timeScale,
        botDelayMs: cfg.botDelayMs,
        clock: this.guardedClock(),
      },
      this,
    );
    this.stage = "playing";
    this.edge.setAutoDispose(false);
    this.step(() => this.game!.start());
  }

  /** The room's clock, with every timer the runner sets (phase ends, bots) run through `step`. */
  private guardedClock(): Clock {
    const clock = this.edge.clock;
    return {
      now: () => clock.now(),
      setTimeout: (fn, ms) => clock.setTimeout(() => this.step(fn), ms),
    };
  }

  /**
   * Runs something that may step the world (a phase ending). A ModelError stops the game as it
   * was before: its state and action log as they were when this began (the bots' last moves,
   * made as the phase ended, are undone with it); any other error is the room's to contain.
   */
  private step(fn: () => void): void {
    const game = this.game;
    const state = game?.state;
    const logged = game?.actions.length ?? 0;
    try {
      fn();
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      if (game && state) {
        game.state = state;
        game.actions.length = logged;
      }
      this.halt(error);
    }
  }

  /** The round step failed: the game stops as it was, everyone is told, the table ends. */
  private halt(error: ModelError): void {
    const game = this.game;
    if (!game || this.halted) return;
    game.stop();
    // The path written with dots (labs.0.capability): a sentence clients show as it is.
    const where = error.where.replace(/\[(\d+)\]/g, ".$1");
    this.halted = {
      code: "model_error",
      message:
        `The world model broke down in round ${error.round}: ${where} is not a finite number. ` +
        `The game was stopped as it was before that round resolved (its scenario lets the model overflow).`,
    };
    console.error(`[table ${this.edge.code}] ${error.message}`);
    this.stage = "ended";
    this.save(false);
    this.edge.sync();
    this.edge.flush();
    this.edge.tellEveryone("resolve", this.halted);
    this.edge.setAutoDispose(true);
    if (this.edge.connections() === 0) this.edge.close();
  }

  skip(): void {
    this.step(() => this.game?.next());
  }

  // The runner's host.
  botPlays(id: SeatId): boolean {
    const seat = this.table.seat(id);
    return seat ? this.table.botPlays(seat) : true;
  }

  standsIn(id: SeatId): boolean {
    const seat = this.table.seat(id);
    return seat?.player != null && this.table.botPlays(seat);
  }

  entered(state: GameState): void {
    for (const p of this.table.people.values()) p.ready = false;
    if (state.phase === "news") this.workshop?.roundOpened(state);
    if (state.phase !== "resolve") return;
    this.save(false);
    for (const { send, person } of this.edge.people()) {
      const events = eventsFor(state.events, person.seat, person.spectator);
      if (events.length > 0) send("events", events);
    }
  }

  changed(): void {
    this.edge.sync();
  }

  ended(debrief: ServerMessages["debrief"] | null): void {
    this.stage = "ended";
    this.save(false);
    this.edge.sync();
    this.edge.flush();
    if (debrief) for (const { send } of this.edge.people()) send("debrief", debrief);
    this.edge.setAutoDispose(true);
    if (this.edge.connections() === 0) this.edge.close();
  }

  // The handlers' context.
  chatRefusal(person: Person, text: string): Refusal | null {
    if (this.table.isSilent(person)) return SILENT;
    return this.workshop?.chatRefusal(person, text) ?? null;
  }

  help(person: Person, on: boolean): Refusal | null {
    if (!this.workshop)
      return refuse("not_workshop", "Asking for help works at a workshop's table only.");
    if (this.table.isSilent(person)) return SILENT;
    if (person.help !== on) {
      person.help = on;
      this.edge.sync();
    }
    return null;
  }

  chat(_from: Person, chat: ChatMessage): void {
    this.chatLog.add(chat);
    for (const { send, person } of this.edge.people())
      if (mayRead(person, chat)) send("chat", chat);
  }

  /** A line nobody at the table sent (the workshop's facilitator): kept and sent to everyone. */
  announce(chat: ChatMessage): void {
    this.chatLog.add(chat);
    for (const { send } of this.edge.people()) send("chat", chat);
    this.edge.sync();
  }

  /** The chat lines this person may read (sent on joining and reconnecting). */
  chatFor(person: Person): ChatMessage[] {
    return this.chatLog.for(person);
  }

  resendSeat(person: Person): void {
    for (const { send, person: p } of this.edge.people())
      if (p.id === person.id) {
        send("seat", seatMessage(person));
        // Another seat reads other private lines.
        send("chatHistory", this.chatFor(person));
      }
  }

  dropSession(sessionId: string): void {
    this.edge.dropSession(sessionId);
  }

  seatFreed(): void {
    const game = this.playing();
    if (game) this.step(() => game.seatFreed());
    this.checkAllReady();
  }

  checkAllReady(): void {
    const game = this.playing();
    if (game && this.table.everyoneReady()) this.step(() => game.everyoneReady());
  }

  /**
   * Someone is connected (`back`: reconnected within the window): they play their seat again, a
   * table without a host has one, and a game waiting to be abandoned goes on.
   */
  arrived(person: Person, back: boolean): void {
    person.standIn = false;
    if (this.table.hostId === null && !this.table.hostless && (back || !person.spectator))
      this.table.hostId = person.id;
    this.abandonTimer?.clear();
    this.abandonTimer = null;
  }

  /** A person left for good (or their window ran out): free or hand their seat to a bot. */
  personGone(person: Person): void {
    // A workshop's student keeps their seat until the facilitator moves or removes them.
    if (this.stage === "lobby" && !this.workshop) {
      this.table.removePerson(person.id);
    } else {
      person.standIn = true;
      this.seatFreed();
    }
    if (this.table.hostId === person.id) this.table.migrateHost();
    if (this.stage === "playing" && this.table.connected().length === 0) this.scheduleAbandon();
    this.edge.sync();
  }

  private scheduleAbandon(): void {
    if (this.abandonTimer) return;
    this.abandonTimer = this.edge.clock.setTimeout(() => {
      this.abandonTimer = null;
      if (this.table.connected().length === 0) {
        this.save(true);
        this.edge.close();
      }
    }, this.services.config.abandonSeconds * 1000);
  }

  /** Writes the game's record (once more after it ended or stopped: never). */
  save(disposing: boolean): void {
    const game = this.game;
    if (!game || this.saved) return;
    this.services.store.save(
      savedGame(game, {
        code: this.edge.code,
        createdAt: this.createdAt,
        now: Date.now(),
        people: this.table.seatedNames(),
        abandoned: disposing && !game.ended,
        halted: this.halted !== null,
      }),
    );
    if (game.ended || this.halted) this.saved = true;
  }

  dispose(): void {
    this.game?.stop();
    this.save(true);
  }

  tableInfo(): TableInfo {
    const game = this.game;
    const state = game?.state;
    return {
      code: this.edge.code,
      stage: this.stage,
      scenario: this.table.settings.scenarioId,
      rounds: this.table.settings.rounds,
      speed: this.table.settings.speed,
      seats: this.table.seatInfo(this.stage !== "lobby"),
      players: this.table.playerInfo(),
      round: state?.round ?? 0,
      phase: state ? state.phase : "lobby",
      remainingMs: Math.round(game?.remainingMs() ?? 0),
      paused: game?.paused ?? false,
      link: `${this.services.config.publicUrl}/?join=${this.edge.code}`,
      gameId: game?.options.gameId ?? null,
    };
  }
}
