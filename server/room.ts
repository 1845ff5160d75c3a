/**
 * The game room: one table, found by its join code. A thin edge: a message is rate-limited,
 * its shape checked with the protocol's zod schemas, its sender's seat and role checked, then
 * the table (lobby), the match (rules) or the phase clock does the work, and every client is
 * sent what changed in its own view. Persistence, bots, timers and rate limits live beside it.
 */
import type { AuthContext, Client, RoomException } from "@colyseus/core";
import { ServerError } from "@colyseus/core";
import type { z } from "zod";
import { counterfactual } from "../shared/log";
import { PRESETS } from "../shared/presets";
import {
  type ChatMessage,
  CLOSE_CODES,
  type ClientMessage,
  type ClientMessageType,
  type CreateOptions,
  clientMessages,
  createOptionsSchema,
  type ErrorMessage,
  JOIN_ERRORS,
  type JoinOptions,
  joinOptionsSchema,
  MAX_PEOPLE_PER_TABLE,
  type ServerMessages,
  SPEED_FACTOR,
  type TableInfo,
} from "../shared/protocol";
import type { SeatId } from "../shared/state";
import { debriefView, publicView, viewFor } from "../shared/views";
import { ROLES, type Role } from "../shared/vocabulary";
import { playBotTurns } from "./bots";
import { releaseCode, reserveCode } from "./codes";
import type { ServerConfig } from "./config";
import { ClientFeed } from "./feed";
import { Match } from "./match";
import { PhaseTimer } from "./phaseTimer";
import { FloodGuard, type KeyedLimiter } from "./rateLimit";
import { SafeRoom } from "./safeRoom";
import type { ScenarioLibrary } from "./scenarios";
import type { GameStore } from "./store";
import { type Person, type Refusal, Table } from "./table";

export interface RoomServices {
  readonly config: ServerConfig;
  readonly store: GameStore;
  /** Presets and uploaded scenarios, by id. */
  readonly scenarios: ScenarioLibrary;
  readonly createLimiter: KeyedLimiter;
  /** Rooms alive now (created and not yet disposed). */
  readonly rooms: Set<GameRoom>;
}

let services: RoomServices | null = null;

/** Called once by the server factory before any room is created. */
export function setRoomServices(s: RoomServices | null): void {
  services = s;
}

function need(): RoomServices {
  if (!services) throw new Error("room services not set");
  return services;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "message"}: ${i.message}`)
    .join("; ");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

type Stage = TableInfo["stage"];
type Handler<T extends ClientMessageType> = (
  person: Person,
  msg: ClientMessage<T>,
) => Refusal | null;

const HOST_ONLY: ReadonlySet<ClientMessageType> = new Set([
  "configure",
  "setBot",
  "start",
  "pause",
  "resume",
  "extend",
  "skip",
  "mute",
  "kick",
]);

/** How often changes are sent to the clients that did not cause them. */
const FLUSH_MS = 50;

const refuse = (code: string, message: string): Refusal => ({ code, message });

const unknownScenario = (id: string) =>
  new ServerError(
    JOIN_ERRORS.scenarioNotFound,
    `Unknown scenario "${id}": use a preset's id (${PRESETS.map((p) => p.id).join(", ")}) or the id an upload returned.`,
  );

export class GameRoom extends SafeRoom {
  private cfg!: ServerConfig;
  private table!: Table;
  private match: Match | null = null;
  private timer!: PhaseTimer;
  private stage: Stage = "lobby";
  private solo = false;
  private creatorPending = true;
  private readonly feeds = new Map<string, ClientFeed>();
  private readonly guards = new Map<string, FloodGuard>();
  /** Seats whose bot has taken its turn in the current phase. */
  private readonly botsDone = new Set<SeatId>();
  private botsRan = false;
  /** The bots' turn came while the clock was paused: they act on resume. */
  private botsAfterResume = false;
  private abandonTimer: { clear(): void } | null = null;
  private saved = false;
  private dirty = false;

  static override async onAuth(
    _token: string,
    options: unknown,
    context: AuthContext,
  ): Promise<{ create: boolean }> {
    const s = need();
    if (isRecord(options) && "mode" in options) {
      const parsed = createOptionsSchema.safeParse(options);
      if (!parsed.success)
        throw new ServerError(JOIN_ERRORS.badOptions, describeIssues(parsed.error));
      if (!s.scenarios.get(parsed.data.scenario ?? "standard"))
        throw unknownScenario(parsed.data.scenario ?? "standard");
      if (s.rooms.size >= s.config.maxRooms)
        throw new ServerError(JOIN_ERRORS.serverFull, "The server is full; try again later.");
      const ip = Array.isArray(context.ip) ? context.ip[0] : context.ip;
      if (!s.createLimiter.take(String(ip ?? "unknown"), Date.now()))
        throw new ServerError(JOIN_ERRORS.tooManyTables, "Too many tables created; wait a minute.");
      return { create: true };
    }
    const parsed = joinOptionsSchema.safeParse(options);
    if (!parsed.success)
      throw new ServerError(JOIN_ERRORS.badOptions, describeIssues(parsed.error));
    return { create: false };
  }

  override onCreate(options: unknown): void {
    const s = need();
    const parsed = createOptionsSchema.safeParse(options);
    if (!parsed.success)
      throw new ServerError(JOIN_ERRORS.badOptions, describeIssues(parsed.error));
    const opts: CreateOptions = parsed.data;
    this.cfg = s.config;
    // Checked in onAuth too; an upload could have been forgotten since (see ScenarioLibrary).
    const scenario = s.scenarios.get(opts.scenario ?? "standard");
    if (!scenario) throw unknownScenario(opts.scenario ?? "standard");
    s.rooms.add(this);
    this.roomId = reserveCode();
    this.maxClients = MAX_PEOPLE_PER_TABLE;
    void this.setPrivate(true);
    this.solo = opts.mode === "solo";
    this.table = new Table(
      (id) => s.scenarios.get(id),
      scenario,
      opts.rounds,
      opts.speed ?? "standard",
    );
    this.timer = new PhaseTimer(
      {
        setTimeout: (fn, ms) => this.clock.setTimeout(fn, ms),
        now: () => Date.now(),
      },
      () => this.nextPhase(),
    );
    this.onMessage("*", (client, type, payload) => this.receive(client, String(type), payload));
    this.clock.setInterval(() => this.flush(), FLUSH_MS);
    if (this.cfg.testHooks) {
      this.onMessage("debugThrow", () => {
        throw new Error("debugThrow: a handler failed on purpose");
      });
    }
  }

  override onJoin(client: Client, options: unknown): void {
    const now = Date.now();
    let person: Person;
    let wish: { seat?: string; role?: Role } = {};
    if (this.creatorPending && isRecord(options) && "mode" in options) {
      const opts = createOptionsSchema.parse(options);
      this.creatorPending = false;
      person = this.table.addPerson(opts.name, false, opts.patches ?? false, now);
      this.table.hostId = person.id;
      wish = { role: opts.role ?? (this.solo ? "government" : undefined) };
    } else {
      const parsed = joinOptionsSchema.safeParse(options);
      if (!parsed.success)
        throw new ServerError(JOIN_ERRORS.badOptions, describeIssues(parsed.error));
      const opts: JoinOptions = parsed.data;
      const returning = opts.seatToken ? this.table.byToken(opts.seatToken) : undefined;
      if (opts.seatToken && this.table.banned.has(opts.seatToken))
        throw new ServerError(JOIN_ERRORS.notAllowed, "You were removed from this table.");
      if (returning) {
        person = returning;
        if (returning.sessionId !== null) this.dropSession(returning.sessionId);
      } else {
        if (this.table.people.size >= MAX_PEOPLE_PER_TABLE)
          throw new ServerError(JOIN_ERRORS.tableFull, "This table is full.");
        const spectator = opts.spectator ?? false;
        if (this.solo && !spectator)
          throw new ServerError(JOIN_ERRORS.notAllowed, "A solo game takes spectators only.");
        if (opts.seat !== undefined && !this.table.seat(opts.seat) && !isRole(opts.seat))
          throw new ServerError(JOIN_ERRORS.badOptions, `seat: there is no seat ${opts.seat}.`);
        person = this.table.addPerson(opts.name, spectator, opts.patches ?? false, now);
        if (!spectator) wish = { seat: opts.seat, role: opts.role };
      }
    }
    person.sessionId = client.sessionId;
    person.standIn = false;
    this.attach(client, person);
    if (this.table.hostId === null && !person.spectator) this.table.hostId = person.id;
    const refusal = this.seatByWish(person, wish);
    this.cancelAbandon();
    this.sendSeat(client, person);
    if (refusal) this.sendError(client, "join", refusal);
    if (this.solo && this.stage === "lobby") this.start();
    this.sync();
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const person = this.table?.bySession(client.sessionId);
    this.feeds.delete(client.sessionId);
    this.guards.delete(client.sessionId);
    if (!person) return;
    person.sessionId = null;
    person.ready = false;
    if (this.table.hostId === person.id) this.table.migrateHost();
    const noWindow = (client.userData as { noWindow?: boolean } | undefined)?.noWindow === true;
    if (consented || noWindow || this.cfg.reconnectSeconds <= 0) {
      this.personGone(person);
      this.sync();
      return;
    }
    this.sync();
    try {
      const back = await this.allowReconnection(client, this.cfg.reconnectSeconds);
      if (person.sessionId !== null) {
        // The person came back another way (a new join with their seat token) meanwhile.
        back.leave(CLOSE_CODES.kicked);
        return;
      }
      person.sessionId = back.sessionId;
      person.standIn = false;
      this.attach(back, person);
      this.cancelAbandon();
      this.sendSeat(back, person);
      if (this.table.hostId === null) this.table.hostId = person.id;
      this.sync();
    } catch {
      if (person.sessionId === null && this.table.people.has(person.id)) {
        this.personGone(person);
        this.sync();
      }
    }
  }

  override onDispose(): void {
    const s = need();
    s.rooms.delete(this);
    releaseCode(this.roomId);
    this.timer?.stop();
    this.save(true);
  }

  protected override afterException(error: RoomException<this>, methodName: string): void {
    if (methodName !== "onMessage") return;
    const client = this.clientOf(error);
    const type = (error as { type?: string }).type ?? "unknown";
    if (client)
      this.sendError(
        client,
        type,
        refuse("internal", "The server failed on this message; nothing changed."),
      );
  }

  /** The game in play (for tests and the shutdown), or null in the lobby. */
  get game(): Match | null {
    return this.match;
  }

  /** The snapshot of in-play games the graceful shutdown saves. */
  saveNow(): void {
    this.save(false);
  }

  // ---------------------------------------------------------------------------------------
  // Incoming messages: rate limit → known type → shape → role/stage → apply → send changes.

  private receive(client: Client, type: string, payload: unknown): void {
    const person = this.table.bySession(client.sessionId);
    if (!person) return;
    const guard = this.guards.get(client.sessionId);
    const verdict = guard ? guard.check(Date.now()) : "ok";
    if (verdict === "disconnect") {
      client.userData = { ...(client.userData as object | undefined), noWindow: true };
      client.leave(CLOSE_CODES.flooding, "too many messages");
      return;
    }
    if (verdict === "throttle") {
      this.sendError(client, type, refuse("too_fast", "Too many messages: this one was dropped."));
      return;
    }
    if (!Object.hasOwn(clientMessages, type)) {
      this.sendError(
        client,
        type.slice(0, 40),
        refuse("unknown_type", `Unknown message type "${type.slice(0, 40)}".`),
      );
      return;
    }
    const key = type as ClientMessageType;
    if (payload instanceof Uint8Array) {
      this.sendError(
        client,
        key,
        refuse("bad_message", `"${key}" takes a msgpack object, not raw bytes.`),
      );
      return;
    }
    const parsed = clientMessages[key].safeParse(payload ?? {});
    if (!parsed.success) {
      this.sendError(client, key, refuse("bad_message", describeIssues(parsed.error)));
      return;
    }
    if (HOST_ONLY.has(key) && this.table.hostId !== person.id) {
      this.sendError(client, key, refuse("not_host", `Only the host can ${key}.`));
      return;
    }
    const refusal = this.dispatch(key, person, parsed.data);
    if (refusal) {
      this.sendError(client, key, refusal);
      return;
    }
    // The sender hears at once; everyone else at the next flush.
    this.syncClient(client, this.tableInfo(), key === "action");
    this.sync();
  }

  private dispatch<T extends ClientMessageType>(
    type: T,
    person: Person,
    msg: ClientMessage<T>,
  ): Refusal | null {
    const handler = this.handlers[type] as Handler<T>;
    return handler(person, msg);
  }

  private readonly handlers: { [K in ClientMessageType]: Handler<K> } = {
    action: (person, msg) => {
      const match = this.playing();
      if (!match) return refuse("wrong_stage", "The game is not being played.");
      if (person.seat === null) return refuse("not_seated", "Take a seat to act.");
      const error = match.apply(person.seat, msg.action);
      return error ? { code: error.code, message: error.message } : null;
    },
    ready: (person, msg) => {
      if (!this.playing()) return refuse("wrong_stage", "The game is not being played.");
      if (person.seat === null) return refuse("not_seated", "Only seated players mark ready.");
      person.ready = msg.ready;
      this.checkAllReady();
      return null;
    },
    chat: (person, msg) => {
      if (person.muted) return refuse("muted", "The host has muted you.");
      if (msg.to !== undefined && !this.table.seat(msg.to))
        return refuse("bad_message", `to: there is no seat ${msg.to}.`);
      const chat: ChatMessage = {
        from: person.name,
        fromSeat: person.seat,
        text: msg.text,
        to: msg.to ?? null,
        at: Date.now(),
      };
      for (const client of this.clients) {
        const other = this.table.bySession(client.sessionId);
        if (!other) continue;
        if (msg.to === undefined || other.id === person.id || other.seat === msg.to)
          this.post(client, "chat", chat);
      }
      return null;
    },
    takeSeat: (person, msg) => {
      if (this.stage === "ended") return refuse("wrong_stage", "The game is over.");
      const refusal = this.table.takeSeat(person, msg.seat, this.stage === "playing");
      if (!refusal) this.resendSeat(person);
      return refusal;
    },
    leaveSeat: (person) => {
      if (this.stage !== "lobby")
        return refuse("wrong_stage", "Seats can only be left in the lobby.");
      this.table.unseat(person);
      this.resendSeat(person);
      return null;
    },
    configure: (_person, msg) => {
      if (this.stage !== "lobby") return refuse("wrong_stage", "The game has started.");
      return this.table.configure(msg);
    },
    setBot: (_person, msg) => {
      if (this.stage === "ended") return refuse("wrong_stage", "The game is over.");
      const refusal = this.table.setBot(msg.seat, msg.personality, this.stage === "playing");
      if (!refusal && this.match && msg.personality !== null)
        this.match.personalities[msg.seat] = this.table.seat(msg.seat)!.personality;
      return refusal;
    },
    start: () => {
      if (this.stage !== "lobby") return refuse("wrong_stage", "The game has already started.");
      this.start();
      return null;
    },
    pause: () => {
      if (!this.playing()) return refuse("wrong_stage", "The game is not being played.");
      return this.timer.pause() ? null : refuse("wrong_stage", "The clock is already paused.");
    },
    resume: () => {
      if (!this.playing()) return refuse("wrong_stage", "The game is not being played.");
      if (!this.timer.resume()) return refuse("wrong_stage", "The clock is not paused.");
      if (this.botsAfterResume) {
        this.botsAfterResume = false;
        this.runBots();
      }
      return null;
    },
    extend: (_person, msg) => {
      if (!this.playing()) return refuse("wrong_stage", "The game is not being played.");
      return this.timer.extend(msg.seconds * 1000)
        ? null
        : refuse("wrong_stage", "There is no phase clock running.");
    },
    skip: () => {
      if (!this.playing()) return refuse("wrong_stage", "The game is not being played.");
      this.nextPhase();
      return null;
    },
    mute: (person, msg) => {
      const target = this.table.people.get(msg.player);
      if (!target) return refuse("not_found", `No player ${msg.player} at this table.`);
      if (target.id === person.id) return refuse("bad_message", "You cannot mute yourself.");
      target.muted = msg.muted;
      return null;
    },
    kick: (person, msg) => {
      const target = this.table.people.get(msg.player);
      if (!target) return refuse("not_found", `No player ${msg.player} at this table.`);
      if (target.id === person.id) return refuse("bad_message", "You cannot remove yourself.");
      this.table.banned.add(target.token);
      const session = target.sessionId;
      target.sessionId = null;
      this.table.removePerson(target.id);
      if (session) this.dropSession(session);
      this.runLateBots();
      return null;
    },
  };

  // ---------------------------------------------------------------------------------------
  // The game's course.

  private playing(): Match | null {
    return this.stage === "playing" && this.match && !this.match.ended ? this.match : null;
  }

  private start(): void {
    const seed = (Math.random() * 2 ** 32) >>> 0;
    const scenario = this.table.scenario();
    for (const seat of this.table.seats) {
      if (seat.player === null && seat.hostBot !== null) seat.personality = seat.hostBot;
    }
    this.match = new Match(
      scenario,
      seed,
      this.table.seats.map((s) => ({ role: s.role, name: s.name })),
      this.table.personalities(),
    );
    this.stage = "playing";
    this.autoDispose = false;
    this.enterPhase();
  }

  private phaseMs(): number {
    const match = this.match!;
    const phase = match.state.phase;
    if (phase === "ended") return 0;
    const seconds = match.scenario.timers[phase] * SPEED_FACTOR[this.table.settings.speed];
    return Math.max(10, seconds * 1000 * this.cfg.timeScale);
  }

  private enterPhase(): void {
    const match = this.match!;
    for (const p of this.table.people.values()) p.ready = false;
    this.botsDone.clear();
    this.botsRan = false;
    this.botsAfterResume = false;
    if (match.ended) {
      this.finish();
      return;
    }
    const phase = match.state.phase;
    this.timer.start(this.phaseMs());
    if (phase === "act" || phase === "legislate") {
      const round = match.state.round;
      this.clock.setTimeout(() => {
        if (this.match?.state.phase !== phase || this.match.state.round !== round) return;
        if (this.timer.paused) {
          this.botsAfterResume = true;
          return;
        }
        this.runBots();
        this.sync();
      }, this.cfg.botDelayMs);
    }
    if (phase === "resolve") {
      this.save(false);
      this.sendEvents();
    }
  }

  /** The phase ends (timer, skip or everyone ready): bots that have not acted act first. */
  private nextPhase(): void {
    const match = this.match;
    if (!match || match.ended) return;
    this.runBots();
    match.advance();
    this.enterPhase();
    this.sync();
  }

  private botSeats(): SeatId[] {
    return this.table.seats.filter((s) => this.table.botPlays(s)).map((s) => s.id);
  }

  private runBots(): void {
    const match = this.match;
    if (!match) return;
    const seats = this.botSeats().filter((id) => !this.botsDone.has(id));
    playBotTurns(match, seats);
    for (const id of seats) this.botsDone.add(id);
    this.botsRan = true;
  }

  /** A seat became a bot's after the bots' turn this phase: let it act now. */
  private runLateBots(): void {
    if (this.playing() && this.botsRan) this.runBots();
    this.checkAllReady();
  }

  private checkAllReady(): void {
    if (!this.playing() || this.timer.paused) return;
    const seated = this.table
      .connected()
      .filter((p) => p.seat !== null && !p.spectator && !p.standIn);
    if (seated.length > 0 && seated.every((p) => p.ready)) this.nextPhase();
  }

  private finish(): void {
    const match = this.match!;
    this.timer.stop();
    this.stage = "ended";
    this.save(false);
    this.sync();
    this.flush();
    const debrief = debriefView(match.state);
    if (debrief) {
      const cf = counterfactual(match.log(), "noRegulation");
      const payload: ServerMessages["debrief"] = {
        debrief,
        counterfactual: {
          ending: cf.ending ?? "muddling",
          welfare: cf.history.map((h) => h.welfare),
          proxy: cf.history.map((h) => h.proxy),
        },
        gameId: match.id,
      };
      for (const client of this.clients) this.post(client, "debrief", payload);
    }
    this.autoDispose = true;
    if (this.clients.length === 0) void this.disconnect();
  }

  private save(disposing: boolean): void {
    const match = this.match;
    if (!match || this.saved) return;
    const people: Record<SeatId, string | null> = {};
    for (const seat of this.table.seats) {
      people[seat.id] = seat.player ? (this.table.people.get(seat.player)?.name ?? null) : null;
    }
    need().store.save(match.record(this.roomId, people, disposing && !match.ended));
    if (match.ended) this.saved = true;
  }

  // ---------------------------------------------------------------------------------------
  // People coming and going.

  private attach(client: Client, person: Person): void {
    this.feeds.set(client.sessionId, new ClientFeed(person.patches));
    this.guards.set(client.sessionId, new FloodGuard(this.cfg.messagesPerSecond, Date.now()));
  }

  private dropSession(sessionId: string): void {
    const old = this.clients.find((c) => c.sessionId === sessionId);
    this.feeds.delete(sessionId);
    this.guards.delete(sessionId);
    if (old) {
      old.userData = { ...(old.userData as object | undefined), noWindow: true };
      old.leave(CLOSE_CODES.kicked);
    }
  }

  /** A person left for good (or their window ran out): free or hand their seat to a bot. */
  private personGone(person: Person): void {
    if (this.stage === "lobby") {
      this.table.removePerson(person.id);
    } else {
      person.standIn = true;
      this.runLateBots();
    }
    if (this.table.hostId === person.id) this.table.migrateHost();
    if (this.stage === "playing" && this.table.connected().length === 0) this.scheduleAbandon();
  }

  private seatByWish(person: Person, wish: { seat?: string; role?: Role }): Refusal | null {
    if (person.spectator || person.seat !== null) return null;
    let target = wish.seat;
    const role = wish.role ?? (wish.seat && isRole(wish.seat) ? wish.seat : undefined);
    if (target === undefined || isRole(target)) {
      if (!role) return null;
      target =
        this.table.freeSeatFor(role)?.id ??
        (this.stage === "playing"
          ? this.table.seats.find((s) => s.role === role && s.player === null)?.id
          : undefined);
      if (!target) return refuse("seat_taken", `No free ${role} seat; pick another.`);
    }
    return this.table.takeSeat(person, target, this.stage === "playing");
  }

  private scheduleAbandon(): void {
    if (this.abandonTimer) return;
    this.abandonTimer = this.clock.setTimeout(() => {
      this.abandonTimer = null;
      if (this.table.connected().length === 0) {
        this.save(true);
        void this.disconnect();
      }
    }, this.cfg.abandonSeconds * 1000);
  }

  private cancelAbandon(): void {
    this.abandonTimer?.clear();
    this.abandonTimer = null;
  }

  // ---------------------------------------------------------------------------------------
  // Outgoing messages.

  private post<T extends keyof ServerMessages>(
    client: Client,
    type: T,
    body: ServerMessages[T],
  ): void {
    client.send(type, body);
  }

  private sendError(client: Client, type: string, refusal: Refusal): void {
    const body: ErrorMessage = { code: refusal.code, message: refusal.message, type };
    this.post(client, "error", body);
  }

  private sendSeat(client: Client, person: Person): void {
    this.post(client, "seat", {
      seat: person.seat,
      token: person.spectator ? null : person.token,
      player: person.id,
    });
  }

  private resendSeat(person: Person): void {
    const client = this.clients.find((c) => c.sessionId === person.sessionId);
    if (client) this.sendSeat(client, person);
  }

  private sendEvents(): void {
    const state = this.match!.state;
    for (const client of this.clients) {
      const person = this.table.bySession(client.sessionId);
      if (!person) continue;
      const events = state.events.filter(
        (e) => e.public || (person.seat !== null && e.seat === person.seat && !person.spectator),
      );
      if (events.length > 0) this.post(client, "events", events);
    }
  }

  private tableInfo(): TableInfo {
    const state = this.match?.state;
    return {
      code: this.roomId,
      stage: this.stage,
      scenario: this.table.settings.scenarioId,
      rounds: this.table.settings.rounds,
      speed: this.table.settings.speed,
      seats: this.table.seatInfo(this.stage !== "lobby"),
      players: this.table.playerInfo(),
      round: state?.round ?? 0,
      phase: state ? state.phase : "lobby",
      remainingMs: Math.round(this.timer.remainingMs()),
      paused: this.timer.paused,
      link: `${this.cfg.publicUrl}/?code=${this.roomId}`,
      gameId: this.match?.id ?? null,
    };
  }

  /** Something changed: every client gets it at the next flush (within FLUSH_MS). */
  private sync(): void {
    this.dirty = true;
  }

  /** Sends every client what changed since its last message, if anything did. */
  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const info = this.tableInfo();
    for (const client of this.clients) this.syncClient(client, info, false);
  }

  /**
   * Sends one client what changed: the table, and its own view (its seat's, or the public view
   * for spectators and people without a seat). With `reply`, a view message goes even if the
   * view did not change, so every accepted action is answered.
   */
  private syncClient(client: Client, info: TableInfo, reply: boolean): void {
    const feed = this.feeds.get(client.sessionId);
    const person = this.table.bySession(client.sessionId);
    if (!feed || !person) return;
    const table = feed.table(info, this.timer.epoch);
    if (table) client.send(table.type, table.body);
    const state = this.match?.state;
    if (!state) return;
    const seat = person.seat !== null && !person.spectator ? viewFor(state, person.seat) : null;
    const view = feed.view(seat, publicView(state), reply);
    if (view) client.send(view.type, view.body);
  }
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
