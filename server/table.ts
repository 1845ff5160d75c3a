/**
 * The table: who is here (people and spectators), who sits in which seat, which seats bots
 * play and with what personality, who is host, and the host's settings for the game. Plain
 * data and checks, no networking: the room calls these and sends the results.
 */
import { nanoid } from "nanoid";
import { DEFAULT_PERSONALITY } from "../shared/bots";
import { isPersonalityFor, type Personality } from "../shared/bots/personalities";
import { createGame } from "../shared/create";
import { PRESETS } from "../shared/presets";
import {
  type ClientMessage,
  type CreateOptions,
  JOIN_ERRORS,
  type JoinOptions,
  MAX_PEOPLE_PER_TABLE,
  type PlayerInfo,
  type ProtocolErrorCode,
  type RemovedInfo,
  type SeatInfo,
  type ServerMessages,
  type Speed,
} from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import type { SeatId } from "../shared/state";
import { ROLES, type Role } from "../shared/vocabulary";

export interface Refusal {
  readonly code: ProtocolErrorCode | string;
  readonly message: string;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  /** Secret: lets this person take their seat back from a new connection. */
  readonly token: string;
  readonly spectator: boolean;
  /** Whether their client takes patches (a workshop's student says so when they connect). */
  patches: boolean;
  /** The address they joined from (never sent to anyone): a removed person's stays refused. */
  readonly address: string;
  /** The Colyseus session currently carrying this person, or null while away. */
  sessionId: string | null;
  seat: SeatId | null;
  muted: boolean;
  ready: boolean;
  /** Away past the reconnection window (or left): a bot plays their seat until they return. */
  standIn: boolean;
  /** A workshop's student asked for help and the facilitator has not answered yet. */
  help: boolean;
  readonly joinedAt: number;
  /** When they last sent a message (or joined): the workshop cockpit calls them idle after a while. */
  lastActiveAt: number;
}

/** Who a new person is; everything else starts fresh (no session, seat, mute, help…). */
type PersonIdentity = Pick<Person, "id" | "name" | "token" | "spectator" | "patches" | "address">;

/** A person as they arrive: not connected yet, unseated, not ready, not muted, not helped. */
export function newPerson(who: PersonIdentity, now: number): Person {
  return {
    ...who,
    sessionId: null,
    seat: null,
    muted: false,
    ready: false,
    standIn: false,
    help: false,
    joinedAt: now,
    lastActiveAt: now,
  };
}

export interface TableSeat {
  readonly id: SeatId;
  readonly role: Role;
  readonly name: string;
  /** The person who holds the seat, by id. */
  player: string | null;
  /** A bot the host put in the seat (people cannot take it), or null for an open seat. */
  hostBot: Personality | null;
  /** The personality a bot plays the seat with whenever no person does. */
  personality: Personality;
}

export interface TableSettings {
  scenarioId: string;
  rounds: number;
  speed: Speed;
}

/** Where a joining person would like to sit: a seat, or any free seat of a role. */
export interface SeatWish {
  readonly seat?: string;
  readonly role?: Role;
}

/** A join the table accepts (the person, where they wish to sit, a session they replace)… */
export interface Admission {
  readonly person: Person;
  readonly wish: SeatWish;
  /** The session that carried this person before (a return with the seat token). */
  readonly replaces: string | null;
}

/** …or refuses, with the join error code the client is sent. */
export interface JoinRefusal {
  readonly joinError: number;
  readonly message: string;
}

/** Someone the host removed: refused by token, name and address until let back in. */
export interface Removed {
  readonly id: string;
  readonly name: string;
  readonly token: string;
  readonly address: string;
}

const refuse = (code: Refusal["code"], message: string): Refusal => ({ code, message });

/** Names compare without case, spacing or look-alike forms ("Bob", " bob ", "ＢＯＢ"). */
export function sameName(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const REMOVED = { joinError: JOIN_ERRORS.notAllowed, message: "You were removed from this table." };

export class Table {
  readonly people = new Map<string, Person>();
  /**
   * Silent watchers (a workshop's facilitator, joined with the table's watch token): spectators
   * nobody at the table is shown. Never in `people`: not listed, not counted, never host.
   */
  readonly silent = new Map<string, Person>();
  seats: TableSeat[] = [];
  hostId: string | null = null;
  settings: TableSettings;
  /** People the host removed, by their old id: they may not come back unless let back in. */
  readonly removed = new Map<string, Removed>();
  /**
   * A workshop's table has no host: its facilitator runs it from the cockpit, so nobody at the
   * table is ever made host (host-only messages answer `not_host` to everyone).
   */
  hostless = false;

  /** The scenario the table will play (a preset or an upload), held so it cannot change under us. */
  private base: Scenario;

  /**
   * `base` is the scenario the table starts with; `lookup` finds another one by id (a preset
   * or an upload) when the host changes it.
   */
  constructor(
    private readonly lookup: (id: string) => Scenario | undefined,
    base: Scenario,
    rounds: number | undefined,
    speed: Speed,
  ) {
    this.base = base;
    this.settings = { scenarioId: base.id, rounds: rounds ?? base.rounds, speed };
    this.seats = seatsFor(base, base.seats);
  }

  /** The scenario to play: the chosen one with the host's length and seats. */
  scenario(): Scenario {
    return { ...this.base, rounds: this.settings.rounds, seats: this.seats.map((s) => s.role) };
  }

  addPerson(
    name: string,
    spectator: boolean,
    patches: boolean,
    now: number,
    address = "unknown",
    known?: { readonly id: string; readonly token: string },
  ): Person {
    const person = newPerson(
      {
        id: known?.id ?? nanoid(10),
        name,
        token: known?.token ?? nanoid(24),
        spectator,
        patches,
        address,
      },
      now,
    );
    this.people.set(person.id, person);
    if (this.hostId === null && !spectator && !this.hostless) this.hostId = person.id;
    return person;
  }

  removePerson(id: string): void {
    const person = this.people.get(id);
    if (!person) return;
    this.unseat(person);
    this.people.delete(id);
    if (this.hostId === id) this.migrateHost();
  }

  /** The host removes a person: they leave, and their token, name and address are refused. */
  remove(person: Person): void {
    this.removed.set(person.id, {
      id: person.id,
      name: person.name,
      token: person.token,
      address: person.address,
    });
    person.sessionId = null;
    this.removePerson(person.id);
  }

  /** The host lets a removed person join again; false if nobody was removed with that id. */
  letBackIn(id: string): boolean {
    return this.removed.delete(id);
  }

  /** Whether a new person of this name, joining from this address, is one the host removed. */
  isRemoved(name: string, address: string): boolean {
    const wanted = sameName(name);
    for (const r of this.removed.values())
      if (sameName(r.name) === wanted || r.address === address) return true;
    return false;
  }

  /** Admits the person who created the table: its host, seated in their role if they chose one. */
  admitCreator(opts: CreateOptions, solo: boolean, now: number, address?: string): Admission {
    const person = this.addPerson(opts.name, false, opts.patches ?? false, now, address);
    this.hostId = person.id;
    return {
      person,
      wish: { role: opts.role ?? (solo ? "government" : undefined) },
      replaces: null,
    };
  }

  /** A person's connection dropped: they are not ready, and not host while away. */
  away(person: Person): void {
    person.sessionId = null;
    person.ready = false;
    if (this.hostId === person.id) this.migrateHost();
  }

  /**
   * Admits someone joining by code: back with their seat token (in their seat, their old
   * session replaced), or new, as a player (not at a solo table) or a spectator, unless the host
   * removed someone of that name or from that address, or this is a removed person's token.
   */
  admit(
    opts: JoinOptions,
    solo: boolean,
    now: number,
    address = "unknown",
  ): Admission | JoinRefusal {
    // Someone at the table coming back with their token is let in, whoever else was removed.
    const returning = opts.seatToken ? this.byToken(opts.seatToken) : undefined;
    if (returning) return { person: returning, wish: {}, replaces: returning.sessionId };
    if (this.isRemoved(opts.name, address)) return REMOVED;
    if (opts.seatToken && [...this.removed.values()].some((r) => r.token === opts.seatToken))
      return REMOVED;
    if (this.people.size >= MAX_PEOPLE_PER_TABLE)
      return { joinError: JOIN_ERRORS.tableFull, message: "This table is full." };
    const spectator = opts.spectator ?? false;
    if (solo && !spectator)
      return { joinError: JOIN_ERRORS.notAllowed, message: "A solo game takes spectators only." };
    if (opts.seat !== undefined && !this.seat(opts.seat) && !isRole(opts.seat))
      return { joinError: JOIN_ERRORS.badOptions, message: `seat: there is no seat ${opts.seat}.` };
    const person = this.addPerson(opts.name, spectator, opts.patches ?? false, now, address);
    return {
      person,
      wish: spectator ? {} : { seat: opts.seat, role: opts.role },
      replaces: null,
    };
  }

  /** Seats a person where they wished: the seat named, or the first free one of the role. */
  seatByWish(person: Person, wish: SeatWish, playing: boolean): Refusal | null {
    if (person.spectator || person.seat !== null) return null;
    let target = wish.seat;
    const role = wish.role ?? (wish.seat && isRole(wish.seat) ? wish.seat : undefined);
    if (target === undefined || isRole(target)) {
      if (!role) return null;
      target =
        this.freeSeatFor(role)?.id ??
        (playing ? this.seats.find((s) => s.role === role && s.player === null)?.id : undefined);
      if (!target) return refuse("seat_taken", `No free ${role} seat; pick another.`);
    }
    return this.takeSeat(person, target, playing);
  }

  /** People connected, seated and playing for themselves: the ones whose ready marks count. */
  everyoneReady(): boolean {
    const seated = this.connected().filter((p) => p.seat !== null && !p.spectator && !p.standIn);
    return seated.length > 0 && seated.every((p) => p.ready);
  }

  /** The name of the person in each seat (null: a bot plays it). */
  seatedNames(): Record<SeatId, string | null> {
    const people: Record<SeatId, string | null> = {};
    for (const seat of this.seats)
      people[seat.id] = seat.player ? (this.people.get(seat.player)?.name ?? null) : null;
    return people;
  }

  bySession(sessionId: string): Person | undefined {
    for (const p of this.people.values()) if (p.sessionId === sessionId) return p;
    for (const p of this.silent.values()) if (p.sessionId === sessionId) return p;
    return undefined;
  }

  /** A new silent watcher (a spectator with no token of its own), or null when `max` watch. */
  addSilent(max: number, patches: boolean, now: number): Person | null {
    if (this.silent.size >= max) return null;
    const person = newPerson(
      {
        id: `watch-${nanoid(8)}`,
        name: "Facilitator",
        token: "",
        spectator: true,
        patches,
        address: "",
      },
      now,
    );
    this.silent.set(person.id, person);
    return person;
  }

  isSilent(person: Person): boolean {
    return this.silent.get(person.id) === person;
  }

  byToken(token: string): Person | undefined {
    for (const p of this.people.values()) if (p.token === token) return p;
    return undefined;
  }

  seat(id: SeatId): TableSeat | undefined {
    return this.seats.find((s) => s.id === id);
  }

  /** People currently connected. */
  connected(): Person[] {
    return [...this.people.values()].filter((p) => p.sessionId !== null);
  }

  /** Hands the host role to the longest-present connected player (else a spectator), or nobody. */
  migrateHost(): void {
    if (this.hostless) {
      this.hostId = null;
      return;
    }
    const candidates = this.connected()
      .filter((p) => p.id !== this.hostId)
      .sort((a, b) => Number(a.spectator) - Number(b.spectator) || a.joinedAt - b.joinedAt);
    this.hostId = candidates[0]?.id ?? null;
  }

  /** Whether a bot plays this seat now (no person, or the person is away). */
  botPlays(seat: TableSeat): boolean {
    if (seat.player === null) return true;
    return this.people.get(seat.player)?.standIn ?? true;
  }

  takeSeat(person: Person, seatId: SeatId, playing: boolean): Refusal | null {
    if (person.spectator) return refuse("wrong_stage", "Spectators cannot take a seat.");
    const seat = this.seat(seatId);
    if (!seat) return refuse("bad_message", `There is no seat ${seatId} at this table.`);
    if (seat.player !== null && seat.player !== person.id)
      return refuse("seat_taken", `Seat ${seatId} is taken by another person.`);
    if (seat.hostBot !== null && !playing)
      return refuse("seat_taken", `The host put a bot in seat ${seatId}.`);
    this.unseat(person);
    seat.player = person.id;
    person.seat = seat.id;
    person.standIn = false;
    return null;
  }

  /** The first free seat for a role, if any. */
  freeSeatFor(role: Role): TableSeat | undefined {
    return this.seats.find((s) => s.role === role && s.player === null && s.hostBot === null);
  }

  unseat(person: Person): void {
    if (person.seat === null) return;
    const seat = this.seat(person.seat);
    if (seat && seat.player === person.id) seat.player = null;
    person.seat = null;
  }

  setBot(seatId: SeatId, personality: string | null, playing: boolean): Refusal | null {
    const seat = this.seat(seatId);
    if (!seat) return refuse("bad_message", `There is no seat ${seatId} at this table.`);
    if (personality === null) {
      if (playing) return refuse("wrong_stage", "Bots can only be removed before the start.");
      seat.hostBot = null;
      seat.personality = DEFAULT_PERSONALITY[seat.role];
      return null;
    }
    if (!isPersonalityFor(seat.role, personality))
      return refuse("bad_message", `"${personality}" is not a ${seat.role} bot personality.`);
    if (seat.player !== null && !playing)
      return refuse("seat_taken", `A person sits in seat ${seatId}.`);
    if (!playing) seat.hostBot = personality;
    seat.personality = personality;
    return null;
  }

  /**
   * The host's settings. Everything is checked before anything changes. Choosing another
   * scenario brings its rounds and its default seats, unless the message sets them too.
   */
  configure(msg: ClientMessage<"configure">): Refusal | null {
    const chosen = msg.scenario === undefined ? this.base : this.lookup(msg.scenario);
    if (!chosen)
      return refuse(
        "not_found",
        `Unknown scenario "${msg.scenario}": use one of ${PRESETS.map((p) => p.id).join(", ")} or the id an upload returned.`,
      );
    const changed = chosen.id !== this.settings.scenarioId;
    const roles = msg.seats ?? (changed ? chosen.seats : undefined);
    if (roles !== undefined) {
      const refusal = checkSeats(chosen, roles);
      if (refusal) return refusal;
    }
    if (changed) {
      this.base = chosen;
      this.settings.scenarioId = chosen.id;
      this.settings.rounds = chosen.rounds;
    }
    if (msg.rounds !== undefined) this.settings.rounds = msg.rounds;
    if (msg.speed !== undefined) this.settings.speed = msg.speed;
    if (roles !== undefined) this.rebuildSeats(roles);
    return null;
  }

  private rebuildSeats(roles: readonly Role[]): void {
    const old = new Map(this.seats.map((s) => [s.id, s]));
    this.seats = seatsFor(this.scenario(), roles);
    for (const seat of this.seats) {
      const before = old.get(seat.id);
      if (before && before.role === seat.role) {
        seat.player = before.player;
        seat.hostBot = before.hostBot;
        seat.personality = before.personality;
      }
    }
    for (const person of this.people.values()) {
      if (person.seat !== null && this.seat(person.seat)?.player !== person.id) person.seat = null;
    }
  }

  playerInfo(): PlayerInfo[] {
    return [...this.people.values()].map((p) => ({
      id: p.id,
      name: p.name,
      seat: p.seat,
      host: p.id === this.hostId,
      connected: p.sessionId !== null,
      ready: p.ready,
      spectator: p.spectator,
      muted: p.muted,
    }));
  }

  /** The removed people, for the host's table (never their address or token). */
  removedInfo(): RemovedInfo[] {
    return [...this.removed.values()].map((r) => ({ id: r.id, name: r.name }));
  }

  seatInfo(playing: boolean): SeatInfo[] {
    return this.seats.map((s) => ({
      id: s.id,
      role: s.role,
      name: s.name,
      player: s.player,
      bot: playing ? (this.botPlays(s) ? s.personality : null) : s.hostBot,
    }));
  }

  personalities(): Record<SeatId, Personality> {
    return Object.fromEntries(this.seats.map((s) => [s.id, s.personality]));
  }
}

/** The `seat` message: the person's seat, their seat token (players only) and id. */
export function seatMessage(person: Person): ServerMessages["seat"] {
  return { seat: person.seat, token: person.spectator ? null : person.token, player: person.id };
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a scenario has names and starting figures for every seat of a table of `roles`. */
function checkSeats(scenario: Scenario, roles: readonly Role[]): Refusal | null {
  const problem = seatMixProblem(scenario, roles);
  return problem === null ? null : refuse("bad_message", problem);
}

/** What is wrong with a table's role mix for a scenario (one of each role, enough names), or null. */
export function seatMixProblem(scenario: Scenario, roles: readonly Role[]): string | null {
  const missing = (["government", "lab", "company"] as const).filter((r) => !roles.includes(r));
  if (missing.length > 0) return `seats: needs at least one ${missing.join(" and one ")}.`;
  const count = (r: Role) => roles.filter((x) => x === r).length;
  if (
    count("government") > scenario.blocNames.length ||
    count("lab") > scenario.labNames.length ||
    count("company") > scenario.firmNames.length ||
    count("lab") > scenario.labs.startCapability.length ||
    count("lab") > scenario.labs.startCompute.length
  )
    return `seats: "${scenario.name}" has too few names for that many.`;
  return null;
}

function seatsFor(scenario: Scenario, roles: readonly Role[]): TableSeat[] {
  const game = createGame(
    { ...scenario, seats: [...roles] },
    0,
    roles.map((role) => ({ role })),
  );
  return game.seats.map((s) => ({
    id: s.id,
    role: s.role,
    name: s.name,
    player: null,
    hostBot: null,
    personality: DEFAULT_PERSONALITY[s.role],
  }));
}
