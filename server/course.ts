/**
 * One table's course on the server, between the room (connections) and the shared table
 * runner (the game): the stage (lobby, playing, ended), starting the game with a seed from the
 * services, saving it at every Resolve and at the end, keeping the table's record for a restart
 * (`restore.ts`: written at every phase change and, with the flush that sends them, after
 * accepted actions and chat lines; taken up again by `resume`, its chat history with it),
 * sending each client without patches the round's events it may see (a client with patches
 * reads them in its view's news), the debrief, people leaving for good (a bot stands in), and
 * closing a game nobody is connected to. The handlers work through it (`HandlerContext`). If
 * the round step refuses to produce a non-finite number (`ModelError`: the scenario lets the
 * model overflow), the game stops as it was before that step, everyone is told, and the table
 * ends cleanly.
 */
import { nanoid } from "nanoid";
import type { Personality } from "../shared/bots/personalities";
import { difficultySeats } from "../shared/difficulty";
import { hashState } from "../shared/hash";
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
import type { TableLive, TableSetup } from "./restore";
import type { LiveRoom, RoomServices } from "./services";
import { inBackground } from "./store";
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
  /** The chat lines the table's lobby had (kept by the workshop), after a restart. */
  readonly lobbyChat?: readonly ChatMessage[];
  /**
   * A chat line was said while the table is in its lobby (where nothing of the table is
   * saved): the workshop keeps its last lines in its record, so a restart does not lose them.
   */
  lobbyChatSaid?(lines: readonly ChatMessage[]): void;
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
  /** What the game was set up with (the table's record for a restart), once it started. */
  private setup: TableSetup | null = null;
  /** The server is closing and the table's record was written for the last time. */
  private frozen = false;
  /** The record last written: its state, the rest of it but the clock's time left, its hash. */
  private recorded: { state: GameState; unchanged: string; hash: string } | null = null;
  /** The host before a restart: they are host again when they come back. */
  private formerHost: string | null = null;
  /** The table's last chat lines, for people who join, reload or reconnect. */
  private readonly chatLog = new ChatLog();
  /** A solo table's bots, seat by seat, from the difficulty the player chose (else null). */
  private readonly soloBots: Record<SeatId, Personality> | null;
  private readonly difficulty: CreateOptions["difficulty"] | null;

  constructor(
    private readonly edge: Edge,
    private readonly services: RoomServices<LiveRoom>,
    scenario: Scenario,
    opts: CreateOptions,
    readonly workshop: WorkshopHooks | null = null,
  ) {
    this.solo = opts.mode === "solo";
    this.difficulty = opts.difficulty ?? null;
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
    for (const line of workshop?.lobbyChat ?? []) this.chatLog.add(line);
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
    this.setup = {
      gameId: nanoid(12),
      createdAt: this.createdAt,
      scenario: this.table.scenario(),
      seed: this.services.newSeed(),
      seats: this.table.seats.map((s) => ({ role: s.role, name: s.name })),
      mode: this.solo ? "solo" : "private",
      difficulty: this.difficulty,
      settings: { ...this.table.settings },
      timeFactor:
        (this.workshop?.timeFactor ?? SPEED_FACTOR[this.table.settings.speed]) * cfg.timeScale,
      workshopId: this.workshop?.workshopId ?? null,
    };
    this.game = this.runner(this.setup, this.table.personalities());
    this.stage = "playing";
    this.edge.setAutoDispose(false);
    this.step(() => this.game!.start());
    if (this.stage === "playing") {
      const code = this.edge.code;
      inBackground(
        this.services.store.saveTable({
          code,
          gameId: this.setup.gameId,
          workshopId: this.setup.workshopId,
          updatedAt: Date.now(),
          setup: JSON.stringify(this.setup),
          live: JSON.stringify(this.live()),
          owner: this.services.processId,
        }),
        `saving table ${code}`,
      );
    }
  }

  private runner(setup: TableSetup, personalities: Record<SeatId, Personality>): TableRunner {
    return new TableRunner(
      {
        gameId: setup.gameId,
        scenario: setup.scenario,
        seed: setup.seed,
        seats: setup.seats,
        personalities,
        timeFactor: setup.timeFactor,
        botDelayMs: this.services.config.botDelayMs,
        clock: this.guardedClock(),
      },
      this,
    );
  }

  /**
   * Takes up a saved table after a restart (`restore.ts`): its settings, seats and people
   * (every one away, a bot standing in, until they come back with their seat token), and its
   * game replayed to the phase in play, its clock running for what was left. Throws if the
   * log does not replay to the saved hash. Nobody is connected: the abandon window starts now.
   */
  resume(setup: TableSetup, live: TableLive): void {
    const table = this.table;
    table.settings = { ...setup.settings };
    for (const saved of live.seats) {
      const seat = table.seat(saved.id);
      if (!seat) throw new Error(`seat ${saved.id} is not at the restored table`);
      seat.player = saved.player;
      seat.hostBot = saved.hostBot;
      seat.personality = live.personalities[saved.id] ?? seat.personality;
    }
    for (const p of live.people) {
      const person = table.addPerson(p.name, p.spectator, p.patches, p.joinedAt, "", p);
      person.seat = p.seat;
      person.muted = p.muted;
      person.standIn = true;
    }
    for (const r of live.removed) table.removed.set(r.id, r);
    // The record's chat is the whole chat: a workshop's lobby lines, which the table was
    // created with, are in it. (A record from before chat was kept has none.)
    this.chatLog.replace(Array.isArray(live.chat) ? live.chat : []);
    table.hostId = null;
    this.formerHost = live.hostId;
    this.setup = setup;
    this.createdAt = setup.createdAt;
    const game = this.runner(setup, live.personalities);
    game.resumeAt(live);
    const hash = hashState(game.state);
    if (hash !== live.hash)
      throw new Error(`the log replays to ${hash}, not to the saved ${live.hash}`);
    this.game = game;
    this.stage = "playing";
    this.edge.setAutoDispose(false);
    this.scheduleAbandon();
  }

  /** Where the table stands, for its record (the game is in play), but its state's hash. */
  private live(): Omit<TableLive, "hash"> {
    const game = this.game!;
    const phase = game.state.phase;
    if (phase === "ended") throw new Error("an ended game has no record to resume");
    const bots = game.botTurn();
    const log = game.log();
    return {
      round: game.state.round,
      phase,
      remainingMs: Math.round(game.remainingMs()),
      paused: game.paused,
      botsRan: bots.ran,
      botsDone: bots.done,
      personalities: { ...game.personalities },
      actions: log.actions,
      injects: log.injects ?? [],
      seats: this.table.seats.map((s) => ({ id: s.id, player: s.player, hostBot: s.hostBot })),
      people: [...this.table.people.values()].map((p) => ({
        id: p.id,
        name: p.name,
        token: p.token,
        spectator: p.spectator,
        patches: p.patches,
        seat: p.seat,
        muted: p.muted,
        joinedAt: p.joinedAt,
      })),
      removed: [...this.table.removed.values()],
      hostId: this.table.hostId ?? this.formerHost,
      chat: this.chatLog.all,
    };
  }

  /**
   * Rewrites the table's record (where it stands) while its game is in play; a no-op
   * otherwise, and once the server closing wrote it for the last time. The write is queued
   * (in order behind the table's earlier ones; the store skips a `live` a newer one replaced
   * before it ran), so no action waits for the database.
   */
  persist(force = false): void {
    if (this.frozen || !this.setup || this.stage !== "playing" || this.halted) return;
    if (!this.game || this.game.ended) return;
    const state = this.game.state;
    const { actions, injects, remainingMs, chat, ...rest } = this.live();
    // A flush after an action, or a change nobody's record shows, writes nothing: the state is
    // the one recorded (so are its actions and injects, which only a new state adds to), so is
    // everything else, no chat line came (the count of lines says it, without serialising
    // them), and the clock still ends when it did (or, paused, has as long left).
    const clock = rest.paused
      ? remainingMs
      : Math.round((this.edge.clock.now() + remainingMs) / 1000);
    const unchanged = `${JSON.stringify(rest)} ${clock} ${this.chatLog.added}`;
    if (!force && this.recorded?.state === state && this.recorded.unchanged === unchanged) return;
    let hash = this.recorded?.state === state ? this.recorded.hash : null;
    hash ??= hashState(state);
    this.recorded = { state, unchanged, hash };
    const live: TableLive = { ...rest, remainingMs, actions, injects, chat, hash };
    const code = this.edge.code;
    inBackground(
      this.services.store.updateTableLive(code, JSON.stringify(live), Date.now()),
      `updating table ${code}`,
    );
  }

  /** The server is closing: the record is written one last time, and kept for the restart. */
  persistFinal(): void {
    this.persist(true);
    this.frozen = true;
  }

  /** The game is over (ended, stopped or abandoned): there is nothing to resume. */
  private dropRecord(): void {
    if (this.setup)
      inBackground(
        this.services.store.dropTable(this.edge.code),
        `dropping table ${this.edge.code}`,
      );
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
    this.dropRecord();
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
    this.persist();
    if (state.phase !== "resolve") return;
    this.save(false);
    for (const { send, person } of this.edge.people()) {
      // A client with patches reads them in its view's news (they would come twice).
      if (person.patches) continue;
      const events = eventsFor(state.events, person.seat, person.spectator);
      if (events.length > 0) send("events", events);
    }
  }

  changed(): void {
    // Recorded with the flush that sends it (`persist` there).
    this.edge.sync();
  }

  ended(debrief: ServerMessages["debrief"] | null): void {
    this.stage = "ended";
    this.save(false);
    this.dropRecord();
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
    this.lobbyChatSaid();
    for (const { send, person } of this.edge.people())
      if (mayRead(person, chat)) send("chat", chat);
  }

  /** A line nobody at the table sent (the workshop's facilitator): kept and sent to everyone. */
  announce(chat: ChatMessage): void {
    this.chatLog.add(chat);
    this.lobbyChatSaid();
    for (const { send } of this.edge.people()) send("chat", chat);
    this.edge.sync();
  }

  /** In a workshop table's lobby, the chat so far goes to the workshop's record. */
  private lobbyChatSaid(): void {
    if (this.stage === "lobby") this.workshop?.lobbyChatSaid?.(this.chatLog.all);
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
    if (this.formerHost === person.id && !this.table.hostless) {
      this.table.hostId = person.id;
      this.formerHost = null;
    }
    if (this.table.hostId === null && !this.table.hostless && (back || !person.spectator))
      this.table.hostId = person.id;
    this.abandonTimer?.clear();
    this.abandonTimer = null;
  }

  /** A person left for good (or their window ran out): free or hand their seat to a bot. */
  personGone(person: Person): void {
    // The server is closing: the seat stays theirs, as saved, for when it is back.
    if (this.services.lifecycle.closing) return;
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
    inBackground(
      this.services.store.save(
        savedGame(game, {
          code: this.edge.code,
          createdAt: this.createdAt,
          now: Date.now(),
          people: this.table.seatedNames(),
          // Closing the server is not abandoning: the game is resumed when it is back.
          abandoned: disposing && !game.ended && !this.services.lifecycle.closing,
          halted: this.halted !== null,
        }),
      ),
      `saving game ${game.options.gameId}`,
    );
    if (game.ended || this.halted) this.saved = true;
  }

  dispose(): void {
    const closing = this.services.lifecycle.closing;
    if (closing) this.persistFinal();
    this.game?.stop();
    this.save(true);
    if (!closing) this.dropRecord();
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
