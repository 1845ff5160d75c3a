/**
 * What each client message does once it passed the gate (`gate.ts`: type, shape, seat, stage,
 * host): one handler per message type, keyed by type, for the rules' checks and the work. A
 * handler returns null (done: the room sends what changed) or a refusal (the sender gets an
 * error, nothing changed). They work through the table (the lobby and its people) and the
 * table runner (the game's course); the room supplies both.
 */
import type { ChatMessage, ClientMessage, ClientMessageType, TableInfo } from "../shared/protocol";
import type { TableRunner } from "../shared/table/runner";
import { admit, GATE, shownType } from "./gate";
import { newPerson, type Person, type Refusal, type Table } from "./table";

/** What the handlers may use of the room. */
export interface HandlerContext {
  readonly table: Table;
  readonly stage: TableInfo["stage"];
  /** The game when it is being played (started and not ended), else null. */
  playing(): TableRunner | null;
  /** Starts the game from the lobby. */
  start(): void;
  /** Why this person may not chat this line now (a workshop's chat off or word filter), or null. */
  chatRefusal(person: Person, text: string): Refusal | null;
  /** Keeps a chat line and sends it to everyone it is for (all, or the sender and one seat). */
  chat(from: Person, chat: ChatMessage): void;
  /** The person's seat changed: tell their client. */
  resendSeat(person: Person): void;
  /** Closes the person's connection, if any (they were removed). */
  dropSession(sessionId: string): void;
  /** A seat became a bot's: its bot acts now if the others have; the phase may be over. */
  seatFreed(): void;
  /** Ends the phase if everyone seated is ready. */
  checkAllReady(): void;
  /** Ends the phase now (the host's skip). */
  skip(): void;
  /** A workshop's student asks for help or takes it back (elsewhere: `not_workshop`). */
  help(person: Person, on: boolean): Refusal | null;
  now(): number;
}

type Handler<T extends ClientMessageType> = (
  room: HandlerContext,
  person: Person,
  msg: ClientMessage<T>,
) => Refusal | null;

export const refuse = (code: string, message: string): Refusal => ({ code, message });

const notPlaying = () => refuse("wrong_stage", "The game is not being played.");

const HANDLERS: { readonly [K in ClientMessageType]: Handler<K> } = {
  action: (room, person, msg) => {
    const game = room.playing();
    if (!game || person.seat === null) return notPlaying();
    const error = game.apply(person.seat, msg.action);
    return error ? { code: error.code, message: error.message } : null;
  },
  ready: (room, person, msg) => {
    const game = room.playing();
    if (!game) return notPlaying();
    const { round, phase } = game.state;
    if (msg.phase !== undefined && (msg.phase !== phase || msg.round !== round))
      return refuse(
        "phase_over",
        `That Ready was for round ${msg.round}, ${msg.phase}, which is over; it is now round ${round}, ${phase}. Nothing changed.`,
      );
    person.ready = msg.ready;
    room.checkAllReady();
    return null;
  },
  chat: (room, person, msg) => {
    if (person.muted)
      return refuse(
        "muted",
        room.table.hostless ? "The facilitator has muted you." : "The host has muted you.",
      );
    const closed = room.chatRefusal(person, msg.text);
    if (closed) return closed;
    if (msg.to !== undefined && !room.table.seat(msg.to))
      return refuse("bad_message", `to: there is no seat ${msg.to}.`);
    room.chat(person, {
      from: person.name,
      fromPlayer: person.id,
      fromSeat: person.seat,
      text: msg.text,
      to: msg.to ?? null,
      at: room.now(),
    });
    return null;
  },
  takeSeat: (room, person, msg) => {
    const refusal = room.table.takeSeat(person, msg.seat, room.stage === "playing");
    if (!refusal) room.resendSeat(person);
    return refusal;
  },
  leaveSeat: (room, person) => {
    room.table.unseat(person);
    room.resendSeat(person);
    return null;
  },
  configure: (room, _person, msg) => room.table.configure(msg),
  setBot: (room, _person, msg) => {
    const refusal = room.table.setBot(msg.seat, msg.personality, room.stage === "playing");
    const game = room.playing();
    if (!refusal && game && msg.personality !== null)
      game.setPersonality(msg.seat, room.table.seat(msg.seat)!.personality);
    return refusal;
  },
  start: (room) => {
    room.start();
    return null;
  },
  pause: (room) => {
    const game = room.playing();
    if (!game) return notPlaying();
    return game.pause() ? null : refuse("wrong_stage", "The clock is already paused.");
  },
  resume: (room) => {
    const game = room.playing();
    if (!game) return notPlaying();
    if (!game.resume()) return refuse("wrong_stage", "The clock is not paused.");
    // Everyone may have pressed Ready while the clock stood still: the phase ends now.
    room.checkAllReady();
    return null;
  },
  extend: (room, _person, msg) => {
    const game = room.playing();
    if (!game) return notPlaying();
    return game.extend(msg.seconds * 1000)
      ? null
      : refuse("wrong_stage", "There is no phase clock running.");
  },
  skip: (room) => {
    if (!room.playing()) return notPlaying();
    room.skip();
    return null;
  },
  mute: (room, person, msg) => {
    const target = room.table.people.get(msg.player);
    if (!target) return refuse("not_found", `No player ${msg.player} at this table.`);
    if (target.id === person.id) return refuse("bad_message", "You cannot mute yourself.");
    target.muted = msg.muted;
    return null;
  },
  kick: (room, person, msg) => {
    const target = room.table.people.get(msg.player);
    if (!target) return refuse("not_found", `No player ${msg.player} at this table.`);
    if (target.id === person.id) return refuse("bad_message", "You cannot remove yourself.");
    const session = target.sessionId;
    room.table.remove(target);
    if (session) room.dropSession(session);
    room.seatFreed();
    return null;
  },
  unban: (room, _person, msg) =>
    room.table.letBackIn(msg.player)
      ? null
      : refuse("not_found", `Nobody removed from this table has the id ${msg.player}.`),
  help: (room, person, msg) => room.help(person, msg.on),
};

/**
 * A message past the rate limit: through the gate (type, shape, seat, stage, host), then its
 * handler (the rules). Null when done, else the refusal and the message type it is about.
 */
export function receive(
  room: HandlerContext,
  person: Person,
  type: string | number,
  payload: unknown,
): (Refusal & { type: string }) | null {
  const gate = admit({ stage: room.stage, hostId: room.table.hostId }, person, type, payload);
  if (!gate.ok) return { type: shownType(type), ...gate.refusal };
  const { message } = gate;
  const refusal = handle(room, message.type, person, message.msg);
  return refusal ? { type: message.type, ...refusal } : null;
}

/** Runs the handler of a message type. */
function handle<T extends ClientMessageType>(
  room: HandlerContext,
  type: T,
  person: Person,
  msg: ClientMessage<T>,
): Refusal | null {
  const handler = HANDLERS[type] as Handler<T>;
  return handler(room, person, msg);
}

/** The clock and start commands a workshop's facilitator gives a table from the cockpit. */
export const FACILITATOR_COMMANDS = ["start", "pause", "resume", "extend", "skip"] as const;
export type FacilitatorCommand = (typeof FACILITATOR_COMMANDS)[number];

/** The facilitator, as the handlers see them: nobody at the table (no seat, never host). */
const FACILITATOR: Person = newPerson(
  {
    id: "facilitator",
    name: "Facilitator",
    token: "",
    spectator: true,
    patches: false,
    address: "",
  },
  0,
);

/**
 * A facilitator's command to one table: the same handler as the host's message, after the
 * same stage check (the facilitator's secret was checked by the API; there is no host check).
 */
export function facilitate<T extends FacilitatorCommand>(
  room: HandlerContext,
  type: T,
  msg: ClientMessage<T>,
): Refusal | null {
  if (!GATE[type].stages.includes(room.stage))
    return refuse(
      "wrong_stage",
      room.stage === "lobby"
        ? `"${type}": the game at this table has not started.`
        : `"${type}": ${room.stage === "ended" ? "the game at this table has ended" : "the game at this table has already started"}.`,
    );
  return handle(room, type, FACILITATOR, msg);
}
