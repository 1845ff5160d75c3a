/**
 * One table's course on the server, between the room (connections) and the shared table
 * runner (the game): the stage (lobby, playing, ended), starting the game with a seed from the
 * services, saving it at every Resolve and at the end, sending each client the round's events
 * it may see and the debrief, people leaving for good (a bot stands in), and closing a game
 * nobody is connected to. The handlers work through it (`HandlerContext`).
 */
import { nanoid } from "nanoid";
import type { ChatMessage, CreateOptions, ServerMessages, TableInfo } from "../shared/protocol";
import { SPEED_FACTOR } from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import type { GameState, SeatId } from "../shared/state";
import type { Clock } from "../shared/table/phaseClock";
import { eventsFor, type RunnerHost, TableRunner } from "../shared/table/runner";
import type { HandlerContext } from "./handlers";
import { savedGame } from "./match";
import type { LiveRoom, RoomServices } from "./services";
import { type Person, seatMessage, Table } from "./table";

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
}

export class TableCourse implements HandlerContext, RunnerHost {
  readonly table: Table;
  readonly solo: boolean;
  stage: TableInfo["stage"] = "lobby";
  game: TableRunner | null = null;
  private createdAt = 0;
  private abandonTimer: { clear(): void } | null = null;
  private saved = false;

  constructor(
    private readonly edge: Edge,
    private readonly services: RoomServices<LiveRoom>,
    scenario: Scenario,
    opts: CreateOptions,
  ) {
    this.solo = opts.mode === "solo";
    this.table = new Table(
      (id) => services.scenarios.get(id),
      scenario,
      opts.rounds,
      opts.speed ?? "standard",
    );
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
    }
    this.createdAt = Date.now();
    this.game = new TableRunner(
      {
        gameId: nanoid(12),
        scenario: this.table.scenario(),
        seed: this.services.newSeed(),
        seats: this.table.seats.map((s) => ({ role: s.role, name: s.name })),
        personalities: this.table.personalities(),
        timeFactor: SPEED_FACTOR[this.table.settings.speed] * cfg.timeScale,
        botDelayMs: cfg.botDelayMs,
        clock: this.edge.clock,
      },
      this,
    );
    this.stage = "playing";
    this.edge.setAutoDispose(false);
    this.game.start();
  }

  // The runner's host.
  botPlays(id: SeatId): boolean {
    const seat = this.table.seat(id);
    return seat ? this.table.botPlays(seat) : true;
  }

  entered(state: GameState): void {
    for (const p of this.table.people.values()) p.ready = false;
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
  chat(from: Person, chat: ChatMessage): void {
    for (const { send, person } of this.edge.people()) {
      if (chat.to === null || person.id === from.id || person.seat === chat.to) send("chat", chat);
    }
  }

  resendSeat(person: Person): void {
    for (const { send, person: p } of this.edge.people())
      if (p.id === person.id) send("seat", seatMessage(person));
  }

  dropSession(sessionId: string): void {
    this.edge.dropSession(sessionId);
  }

  seatFreed(): void {
    if (this.playing()) this.game!.seatFreed();
    this.checkAllReady();
  }

  checkAllReady(): void {
    const game = this.playing();
    if (game && this.table.everyoneReady()) game.everyoneReady();
  }

  /**
   * Someone is connected (`back`: reconnected within the window): they play their seat again, a
   * table without a host has one, and a game waiting to be abandoned goes on.
   */
  arrived(person: Person, back: boolean): void {
    person.standIn = false;
    if (this.table.hostId === null && (back || !person.spectator)) this.table.hostId = person.id;
    this.abandonTimer?.clear();
    this.abandonTimer = null;
  }

  /** A person left for good (or their window ran out): free or hand their seat to a bot. */
  personGone(person: Person): void {
    if (this.stage === "lobby") {
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

  /** Writes the game's record (once more after it ended: never). */
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
      }),
    );
    if (game.ended) this.saved = true;
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
      link: `${this.services.config.publicUrl}/?code=${this.edge.code}`,
      gameId: game?.options.gameId ?? null,
    };
  }
}
