/**
 * The game room: one table, found by its join code. A thin edge: a frame is read (`frames.ts`:
 * malformed ones close the connection), a message is rate-limited, then goes through the gate
 * (`gate.ts`: type, shape, seat, stage, host), then its handler (`handlers.ts`) has the table
 * (lobby, admission, seating) or the table runner (the game's course, bots, clock; shared with
 * the offline client) do the work, and every client is sent what changed in its own view.
 * Services come from the server that defined the room type (`GameRoom.withServices`), never
 * from module state.
 */
import type { AuthContext, Client, ClientPrivate, RoomException } from "@colyseus/core";
import { ClientState, ServerError } from "@colyseus/core";
import {
  CLOSE_CODES,
  type ClientMessage,
  type CreateOptions,
  createOptionsSchema,
  type ErrorMessage,
  JOIN_ERRORS,
  MAX_PEOPLE_PER_TABLE,
  MAX_SILENT_WATCHERS,
  type TableInfo,
} from "../shared/protocol";
import type { SeatId } from "../shared/state";
import type { TableRunner } from "../shared/table/runner";
import { authorize, creates, isRecord, joinAddress, parseCreate, parseJoin } from "./auth";
import type { ServerConfig } from "./config";
import { type Edge, TableCourse } from "./course";
import { Sessions, wireFrame } from "./feed";
import { readFrame } from "./frames";
import { isMessageType, MESSAGE_TYPES, shownType } from "./gate";
import { type FacilitatorCommand, facilitate, receive, refuse } from "./handlers";
import type { RestoreSpec } from "./restore";
import { SafeRoom } from "./safeRoom";
import { CUSTOM_ID } from "./scenarios";
import type { RoomServices as Services, WorkshopTableSpec } from "./services";
import { type Person, type Refusal, seatMessage } from "./table";

export type RoomServices = Services<GameRoom>;

/** How often changes are sent to the clients that did not cause them. */
const FLUSH_MS = 50;

/** The test hook's message type (registered only with `testHooks`): its handler throws. */
const DEBUG_THROW = "debugThrow";

export class GameRoom extends SafeRoom {
  /**
   * The room type of one server: this room bound to that server's services. (Colyseus calls the
   * static onAuth with the client's options only, so `define`'s options could not reach it.)
   */
  static withServices(services: RoomServices): typeof GameRoom {
    return class extends GameRoom {
      static override async onAuth(_token: string, options: unknown, context: AuthContext) {
        // An upload made through another process or before a restart is read from the records
        // first: the checks here and in onCreate look scenarios up synchronously.
        if (isRecord(options) && typeof options.scenario === "string")
          await services.scenarios.load(options.scenario);
        return authorize(services, options, context);
      }
      protected override services(): RoomServices {
        return services;
      }
    };
  }

  protected services(): RoomServices {
    throw new Error("define the room with GameRoom.withServices(...)");
  }

  private cfg!: ServerConfig;
  private course!: TableCourse;
  private creatorPending = true;
  private dirty = false;
  private sessions!: Sessions;
  /** The workshop this table belongs to, or null. */
  private workshopSpec: WorkshopTableSpec<GameRoom> | null = null;
  /** Messages wait behind this while an uploaded scenario a `configure` names is read. */
  private held: Promise<void> | null = null;

  override onCreate(options: unknown): void {
    const s = this.services();
    const restore = restoreSpec(s, options);
    const spec = restore ? restore.workshop : workshopSpec(s, options);
    this.workshopSpec = spec;
    // Checked in onAuth too; an upload could have been forgotten since (see ScenarioLibrary).
    const { opts, scenario } = restore
      ? { opts: restoredOptions(restore), scenario: restore.setup.scenario }
      : spec
        ? { opts: spec.create, scenario: spec.scenario }
        : parseCreate(s, options);
    this.cfg = s.config;
    this.sessions = new Sessions(s.config.messagesPerSecond);
    this.roomId = restore ? restore.code : (spec?.code ?? s.codes.reserve());
    s.rooms.add(this);
    this.maxClients = MAX_PEOPLE_PER_TABLE;
    void this.setPrivate(true);
    this.course = new TableCourse(this.edge(), s, scenario, opts, spec?.hooks ?? null);
    if (restore) {
      // Back after a restart: its people come back with their seat tokens, nobody creates it.
      this.creatorPending = false;
      try {
        this.course.resume(restore.setup, restore.live);
      } catch (error) {
        this.course.dispose();
        s.rooms.delete(this);
        throw error;
      }
    }
    if (spec) {
      // Nobody creates a workshop's table by joining it: it waits for its students.
      this.creatorPending = false;
      this.autoDispose = false;
      // The facilitator's silent watchers come on top of the table's people.
      this.maxClients = MAX_PEOPLE_PER_TABLE + MAX_SILENT_WATCHERS;
    }
    // One handler per registered type, never "*": a frame of any other type is answered in
    // _onMessage before Colyseus would run it as the wildcard (with the payload as its type).
    for (const type of MESSAGE_TYPES)
      this.onMessage(type, (client, payload) => this.arrive(client, type, payload));
    this.clock.setInterval(() => this.flush(), FLUSH_MS);
    if (this.cfg.testHooks) {
      this.onMessage(DEBUG_THROW, () => {
        throw new Error("debugThrow: a handler failed on purpose");
      });
    }
    spec?.created(this);
  }

  /**
   * Every frame a client sends, before Colyseus reads it: malformed frames close the
   * connection (4002); a message of a type this room does not register is answered here
   * (`unknown_type`, after the rate limit) and never dispatched; the rest go to Colyseus, which
   * decodes the payload (closing with 4002 if it is not msgpack) and runs the type's handler.
   */
  protected override _onMessage(
    client: Client & ClientPrivate,
    buffer: Buffer,
    isBinary = true,
  ): void {
    if (client.state === ClientState.LEAVING) return;
    const frame = readFrame(buffer, isBinary, client.state === ClientState.JOINING);
    if (frame.kind === "malformed") {
      client.leave(CLOSE_CODES.malformed, `malformed frame: ${frame.why}`);
      return;
    }
    if (frame.kind === "message") {
      const { type } = frame;
      const known = typeof type === "string" && (isMessageType(type) || this.isTestHook(type));
      if (!known) {
        this.guarded(client, shownType(type), () => this.receive(client, type, undefined));
        return;
      }
    }
    super._onMessage(client, buffer);
  }

  private isTestHook(type: string): boolean {
    return this.cfg.testHooks && type === DEBUG_THROW;
  }

  /** Runs work for a client's message outside Colyseus's own guard: a failure harms nobody. */
  private guarded(client: Client, type: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      console.error(`[room ${this.roomId}] message ${type} failed:`, error);
      this.sendError(client, type, refuse("internal", INTERNAL));
    }
  }

  override onJoin(client: Client, options: unknown, auth?: unknown): void {
    const table = this.course.table;
    const creator = this.creatorPending && creates(options);
    this.creatorPending &&= !creator;
    const address = joinAddress(auth);
    if (this.workshopSpec) {
      // A workshop seats its students itself (`workshops.ts`): only their tokens open the door.
      const token = parseJoin(options).seatToken;
      if (token !== undefined && token === this.workshopSpec.hooks.watchToken) {
        this.watchSilently(client, parseJoin(options).patches ?? false);
        return;
      }
      if (!token || !table.byToken(token))
        throw new ServerError(
          JOIN_ERRORS.notAllowed,
          "This table belongs to a workshop: join with the workshop's code.",
        );
    }
    const admitted = creator
      ? table.admitCreator(
          createOptionsSchema.parse(options),
          this.course.solo,
          Date.now(),
          address,
        )
      : table.admit(parseJoin(options), this.course.solo, Date.now(), address);
    if ("joinError" in admitted) throw new ServerError(admitted.joinError, admitted.message);
    if (this.workshopSpec) admitted.person.patches = parseJoin(options).patches ?? false;
    const { person, wish } = admitted;
    if (admitted.replaces !== null) this.dropSession(admitted.replaces);
    this.attach(client, person);
    const refusal = table.seatByWish(person, wish, this.course.stage === "playing");
    client.send("seat", seatMessage(person));
    client.send("chatHistory", this.course.chatFor(person));
    if (refusal) this.sendError(client, "join", refusal);
    const halted = this.course.halted;
    if (halted) this.sendError(client, "resolve", halted);
    if (this.course.solo && this.course.stage === "lobby") this.course.start();
    this.sync();
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const person = this.course?.table.bySession(client.sessionId);
    this.sessions?.close(client.sessionId);
    if (!person) return;
    const table = this.course.table;
    if (table.isSilent(person)) {
      // A silent watcher has no seat to keep: gone at once, and nobody saw them come or go.
      table.silent.delete(person.id);
      return;
    }
    table.away(person);
    const noWindow = (client.userData as { noWindow?: boolean } | undefined)?.noWindow === true;
    if (consented || noWindow || this.cfg.reconnectSeconds <= 0) {
      this.course.personGone(person);
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
      this.attach(back, person, true);
      back.send("seat", seatMessage(person));
      back.send("chatHistory", this.course.chatFor(person));
      this.sync();
    } catch {
      if (person.sessionId === null && table.people.has(person.id)) this.course.personGone(person);
    }
  }

  override onDispose(): void {
    const s = this.services();
    s.rooms.delete(this);
    s.codes.release(this.roomId);
    this.course?.dispose();
    this.workshopSpec?.disposed(this);
  }

  protected override afterException(error: RoomException<this>, methodName: string): void {
    const client = this.clientOf(error);
    if (methodName !== "onMessage" || !client) return;
    const type = (error as { type?: string }).type ?? "unknown";
    this.sendError(client, type, refuse("internal", INTERNAL));
  }

  /** The game in play (for tests and the shutdown), or null in the lobby. */
  get game(): TableRunner | null {
    return this.course?.game ?? null;
  }

  /**
   * The snapshot of in-play games the graceful shutdown saves: the saved game, and the table's
   * record for the restart (the last one while the server is closing).
   */
  saveNow(): void {
    this.course.save(false);
    if (this.services().lifecycle.closing) this.course.persistFinal();
    else this.course.persist();
  }

  // A workshop's facilitator (`workshops.ts`, after the facilitator's secret was checked).

  /** The table's course, for the workshop's cockpit (read only). */
  get courseOf(): TableCourse {
    return this.course;
  }

  /**
   * Seats a workshop's student (a new one, or one moved here) before they connect: in `seat`,
   * or watching when it is null. A bot plays the seat until they connect.
   */
  workshopSeat(
    student: { id: string; token: string; name: string },
    seat: SeatId | null,
  ): Refusal | null {
    const table = this.course.table;
    if (table.people.has(student.id)) return null;
    const playing = this.course.stage !== "lobby";
    if (seat !== null) {
      const target = table.seat(seat);
      if (!target) return refuse("not_found", `There is no seat ${seat} at table ${this.roomId}.`);
      if (target.player !== null) return refuse("seat_taken", `Seat ${seat} is taken.`);
    }
    const person = table.addPerson(student.name, seat === null, false, Date.now(), "", student);
    if (seat !== null) table.takeSeat(person, seat, playing);
    person.standIn = true; // takeSeat seated them as present; a bot plays until they connect
    this.sync();
    return null;
  }

  /** Moves a student who has not connected or is in the lobby to another seat at this table. */
  workshopMoveSeat(id: string, seat: SeatId): Refusal | null {
    const person = this.course.table.people.get(id);
    if (!person) return refuse("not_found", `No student ${id} at table ${this.roomId}.`);
    if (person.spectator)
      return refuse("wrong_stage", "A watching student cannot be moved within the table.");
    const refusal = this.course.table.takeSeat(person, seat, false);
    if (!refusal) {
      this.course.resendSeat(person);
      this.sync();
    }
    return refusal;
  }

  /**
   * A student leaves this table for another (`moved`, told first with `workshopMoved` and closed
   * with `WORKSHOP_MOVED`) or is removed for good (their token is refused, closed with `kicked`).
   */
  workshopRelease(id: string, how: { moved: string } | "removed"): void {
    const table = this.course.table;
    const person = table.people.get(id);
    if (!person) return;
    const session = person.sessionId;
    if (how === "removed") table.remove(person);
    else table.removePerson(id);
    const client = session ? this.clients.find((c) => c.sessionId === session) : undefined;
    if (client) {
      this.sessions.close(client.sessionId);
      if (how === "removed") cutOff(client, CLOSE_CODES.kicked);
      else {
        client.send("workshopMoved", { table: how.moved });
        cutOff(client, WORKSHOP_MOVED, "moved to another table");
      }
    }
    this.course.seatFreed();
    this.sync();
  }

  /** A clock or start command from the facilitator. */
  workshopCommand<T extends FacilitatorCommand>(type: T, msg: ClientMessage<T>): Refusal | null {
    const refusal = facilitate(this.course, type, msg);
    this.sync();
    return refusal;
  }

  /** A crisis from the scenario's catalogue pushed into the game in play (logged by the runner). */
  workshopInject(id: string): Refusal | null {
    const game = this.course.playing();
    if (!game) return refuse("wrong_stage", `Table ${this.roomId} is not playing.`);
    const refusal = game.inject(id);
    if (refusal) return refuse(refusal.code, refusal.message);
    this.sync();
    return null;
  }

  workshopMute(id: string, muted: boolean): Refusal | null {
    const person = this.course.table.people.get(id);
    if (!person) return refuse("not_found", `No student ${id} at table ${this.roomId}.`);
    person.muted = muted;
    this.sync();
    return null;
  }

  /** A line from the facilitator in the table's chat (kept in its history). */
  workshopAnnounce(text: string): void {
    this.course.announce({
      from: "Facilitator",
      fromPlayer: "facilitator",
      fromSeat: null,
      text,
      to: null,
      at: Date.now(),
    });
  }

  /**
   * The facilitator has seen a student's request for help: the flag is cleared, and the student
   * (if connected) is sent `helped` with a sentence to show.
   */
  workshopHelped(id: string, text: string): Refusal | null {
    const person = this.course.table.people.get(id);
    if (!person) return refuse("not_found", `No student ${id} at table ${this.roomId}.`);
    person.help = false;
    const client = person.sessionId
      ? this.clients.find((c) => c.sessionId === person.sessionId)
      : undefined;
    client?.send("helped", { text });
    this.sync();
    return null;
  }

  /** How many silent watchers are connected (for the cockpit). */
  get silentWatchers(): number {
    return this.course.table.silent.size;
  }

  /** The workshop is deleted: everyone leaves and the room closes. */
  workshopClose(): void {
    this.autoDispose = true;
    void this.disconnect();
  }

  /**
   * A message, in the order they came: a `configure` naming an upload this process has not read
   * yet waits for it to be read from the records, and the messages after it wait their turn.
   */
  private arrive(client: Client, type: string, payload: unknown): void {
    const scenario =
      type === "configure" && isRecord(payload) && typeof payload.scenario === "string"
        ? payload.scenario
        : null;
    const scenarios = this.services().scenarios;
    const unread = scenario !== null && CUSTOM_ID.test(scenario) && !scenarios.get(scenario);
    if (!this.held && !unread) {
      this.receive(client, type, payload);
      return;
    }
    const before = this.held ?? Promise.resolve();
    const read = unread
      ? before
          .then(() => scenarios.load(scenario))
          .then(
            () => undefined,
            (error: unknown) => console.error(`[room ${this.roomId}] reading ${scenario}:`, error),
          )
      : before;
    const run = read.then(() => {
      if (this.clients.includes(client))
        this.guarded(client, type, () => this.receive(client, type, payload));
    });
    this.held = run;
    void run.finally(() => {
      if (this.held === run) this.held = null;
    });
  }

  // Incoming messages: rate limit → the gate (type, shape, seat, stage, host) → the handler
  // (rules) → send changes.
  private receive(client: Client, type: string | number, payload: unknown): void {
    const person = this.course.table.bySession(client.sessionId);
    if (!person) return;
    person.lastActiveAt = Date.now();
    const verdict = this.sessions.check(client.sessionId, Date.now());
    if (verdict === "disconnect") {
      cutOff(client, CLOSE_CODES.flooding, "too many messages");
      return;
    }
    const refusal =
      verdict === "throttle"
        ? {
            type: shownType(type),
            ...refuse("too_fast", "Too many messages: this one was dropped."),
          }
        : receive(this.course, person, type, payload);
    if (refusal) {
      this.sendError(client, refusal.type, refusal);
      return;
    }
    // The sender hears at once; everyone else, and the table's record, at the next flush (one
    // record for all the actions of a flush: each record hashes and serialises the game, which
    // cost more than the replies when a class acted at once).
    this.syncClient(client, this.course.tableInfo(), type === "action");
    this.sync();
  }

  /** Tells everyone connected (the round step failed: the game was stopped as it was). */
  private broadcastError(type: string, refusal: Refusal): void {
    for (const client of this.clients) this.sendError(client, type, refusal);
  }

  // Connections.
  private edge(): Edge {
    return {
      code: this.roomId,
      clock: { now: () => Date.now(), setTimeout: (fn, ms) => this.clock.setTimeout(fn, ms) },
      people: () =>
        this.clients.flatMap((client) => {
          const person = this.course.table.bySession(client.sessionId);
          return person ? [{ person, send: client.send.bind(client) }] : [];
        }),
      dropSession: (id) => this.dropSession(id),
      sync: () => this.sync(),
      flush: () => this.flush(),
      setAutoDispose: (on) => {
        this.autoDispose = on;
      },
      connections: () => this.clients.length,
      close: () => void this.disconnect(),
      tellEveryone: (type, refusal) => this.broadcastError(type, refusal),
    };
  }

  /**
   * The facilitator joins with the table's watch token: a spectator nobody at the table is
   * shown (not among its people, not counted, never host), at most `MAX_SILENT_WATCHERS`.
   */
  private watchSilently(client: Client, patches: boolean): void {
    const person = this.course.table.addSilent(MAX_SILENT_WATCHERS, patches, Date.now());
    if (!person)
      throw new ServerError(
        JOIN_ERRORS.tooManyWatchers,
        `This table already has ${MAX_SILENT_WATCHERS} silent watchers; close one first.`,
      );
    person.sessionId = client.sessionId;
    this.sessions.open(client.sessionId, patches, Date.now());
    client.send("seat", seatMessage(person));
    client.send("chatHistory", this.course.chatFor(person));
    const halted = this.course.halted;
    if (halted) this.sendError(client, "join", halted);
    // Its first table and view at the next flush; nothing changed for anyone else.
    this.dirty = true;
  }

  /** A connection carries the person now (`back`: the same one, reconnected). */
  private attach(client: Client, person: Person, back = false): void {
    person.sessionId = client.sessionId;
    this.course.arrived(person, back);
    this.sessions.open(client.sessionId, person.patches, Date.now());
  }

  private dropSession(sessionId: string): void {
    const old = this.clients.find((c) => c.sessionId === sessionId);
    this.sessions.close(sessionId);
    if (old) cutOff(old, CLOSE_CODES.kicked);
  }

  // Outgoing messages.
  private sendError(client: Client, type: string, refusal: Refusal): void {
    const body: ErrorMessage = { code: refusal.code, message: refusal.message, type };
    client.send("error", body);
  }

  /** Something changed: every client gets it at the next flush (within FLUSH_MS). */
  private sync(): void {
    this.dirty = true;
  }

  /** Sends every client what changed since its last message, if anything did. */
  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.course.persist();
    const info = this.course.tableInfo();
    for (const client of this.clients) this.syncClient(client, info, false);
  }

  /**
   * Sends one client what changed (with `reply`, its view even if unchanged). The host's table
   * also lists the people they removed.
   */
  private syncClient(client: Client, info: TableInfo, reply: boolean): void {
    const table = this.course.table;
    const person = table.bySession(client.sessionId);
    const game = this.course.game;
    if (!person) return;
    if (person.id === table.hostId) info = { ...info, removed: table.removedInfo() };
    const view = game ? { state: game.state, seat: person.spectator ? null : person.seat } : null;
    const epoch = game?.epoch ?? 0;
    const patched = this.sessions.patched(client.sessionId);
    for (const m of this.sessions.messages(client.sessionId, info, epoch, view, reply)) {
      if (patched) client.enqueueRaw(wireFrame(m));
      else client.send(m.type, m.body);
    }
  }
}

/** Close code of a student the facilitator moved to another table (after `workshopMoved`). */
export const WORKSHOP_MOVED = 4010;

/** The workshop table a room is created for (server-side only), or null for any other table. */
function workshopSpec(s: RoomServices, options: unknown): WorkshopTableSpec<GameRoom> | null {
  const key = isRecord(options) ? options.workshopTable : undefined;
  if (typeof key !== "string") return null;
  const spec = s.workshopTables.get(key);
  if (!spec) throw new Error("no workshop table is waiting under that key");
  s.workshopTables.delete(key);
  return spec;
}

/** The saved table a room is created again for after a restart (server-side only), or null. */
function restoreSpec(s: RoomServices, options: unknown): RestoreSpec<GameRoom> | null {
  const key = isRecord(options) ? options.restoreTable : undefined;
  if (typeof key !== "string") return null;
  const spec = s.restoring.get(key);
  if (!spec) throw new Error("no saved table is waiting under that key");
  s.restoring.delete(key);
  return spec;
}

/** The creation options a restored table is built with (its settings come from its record). */
function restoredOptions(spec: RestoreSpec<GameRoom>): CreateOptions {
  if (spec.workshop) return spec.workshop.create;
  const { setup } = spec;
  return {
    name: "restored",
    mode: setup.mode,
    rounds: setup.settings.rounds,
    speed: setup.settings.speed,
    ...(setup.difficulty ? { difficulty: setup.difficulty } : {}),
  };
}

const INTERNAL = "The server failed on this message; nothing changed.";

/** Closes a connection with no reconnection window (flooding, replaced or removed). */
function cutOff(client: Client, code: number, reason?: string): void {
  client.userData = { ...(client.userData as object | undefined), noWindow: true };
  client.leave(code, reason);
}
