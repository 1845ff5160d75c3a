/**
 * The message gate: what every client message must pass before its handler runs, as data. The
 * checks run in one order for every type: the type is registered, the payload matches the
 * type's schema exactly (a plain object, never null, a string, an array or raw bytes), the
 * sender holds a seat if the type needs one, the table is in a stage the type allows, the
 * sender is host if the type needs it. The first check that fails is the one answered. The
 * rules (`handlers.ts`) come after, for what depends on the game itself.
 */
import { type ClientMessage, type ClientMessageType, clientMessages } from "../shared/protocol";
import { describeIssues } from "./auth";
import type { Person, Refusal } from "./table";

export type Stage = "lobby" | "playing" | "ended";

/** What a message type asks of its sender and of the table. */
export interface GateRule {
  /** Whether only a seated person may send it (refused with `not_seated`). */
  readonly seated: boolean;
  /** The stages it is taken in (otherwise refused with `wrong_stage`). */
  readonly stages: readonly Stage[];
  /** Whether only the host may send it (refused with `not_host`). */
  readonly host: boolean;
}

const ANY_STAGE: readonly Stage[] = ["lobby", "playing", "ended"];

/** Every registered message type's gate (docs/PROTOCOL.md has the same as a table). */
export const GATE: { readonly [K in ClientMessageType]: GateRule } = {
  action: { seated: true, stages: ["playing"], host: false },
  ready: { seated: true, stages: ["playing"], host: false },
  chat: { seated: false, stages: ANY_STAGE, host: false },
  takeSeat: { seated: false, stages: ["lobby", "playing"], host: false },
  leaveSeat: { seated: true, stages: ["lobby"], host: false },
  configure: { seated: false, stages: ["lobby"], host: true },
  setBot: { seated: false, stages: ["lobby", "playing"], host: true },
  start: { seated: false, stages: ["lobby"], host: true },
  pause: { seated: false, stages: ["playing"], host: true },
  resume: { seated: false, stages: ["playing"], host: true },
  extend: { seated: false, stages: ["playing"], host: true },
  skip: { seated: false, stages: ["playing"], host: true },
  mute: { seated: false, stages: ANY_STAGE, host: true },
  kick: { seated: false, stages: ANY_STAGE, host: true },
  unban: { seated: false, stages: ANY_STAGE, host: true },
  help: { seated: false, stages: ANY_STAGE, host: false },
};

/** The message types a client may send, in the order of `clientMessages`. */
export const MESSAGE_TYPES = Object.keys(clientMessages) as ClientMessageType[];

export function isMessageType(type: string): type is ClientMessageType {
  return Object.hasOwn(clientMessages, type);
}

/** A message that passed the gate: its type and its parsed payload. */
export type Admitted = {
  [K in ClientMessageType]: { readonly type: K; readonly msg: ClientMessage<K> };
}[ClientMessageType];

/** What the gate needs to know of the table. */
export interface GateContext {
  readonly stage: Stage;
  readonly hostId: string | null;
}

/** How a message type is named in an error: as sent, shortened, with a word for odd ones. */
export function shownType(type: string | number): string {
  if (typeof type === "number") return String(type);
  return type.slice(0, 40);
}

function unknownType(type: string | number): Refusal {
  const shown = shownType(type);
  const why =
    typeof type === "number"
      ? `Unknown message type ${shown}: message types are strings.`
      : type === ""
        ? "Unknown message type: the type is empty."
        : `Unknown message type "${shown}".`;
  return { code: "unknown_type", message: why };
}

const STAGE_WORDS: Record<Stage, string> = {
  lobby: "in the lobby",
  playing: "while the game is played",
  ended: "after the game",
};

/** A plain object (what msgpack makes of a map), not an array, a value, bytes or a class. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What a payload is, for the sentence refusing it. */
function kindOf(payload: unknown): string {
  if (payload === undefined) return "no payload";
  if (payload === null) return "null";
  if (payload instanceof Uint8Array) return "raw bytes";
  if (Array.isArray(payload)) return "an array";
  if (typeof payload === "object") return "an object that is not a plain map";
  return `a ${typeof payload}`;
}

/**
 * Runs a message through the gate, in the documented order. Either the message with its
 * parsed payload, or the refusal for the first check it fails.
 */
export function admit(
  table: GateContext,
  person: Person,
  type: string | number,
  payload: unknown,
): { ok: true; message: Admitted } | { ok: false; refusal: Refusal } {
  if (typeof type !== "string" || !isMessageType(type))
    return { ok: false, refusal: unknownType(type) };
  const no = (code: string, message: string) => ({
    ok: false as const,
    refusal: { code, message },
  });
  if (!isPlainObject(payload))
    return no(
      "bad_message",
      `"${type}" takes a msgpack object (send {} for none), not ${kindOf(payload)}.`,
    );
  const parsed = clientMessages[type].safeParse(payload);
  if (!parsed.success) return no("bad_message", describeIssues(parsed.error));
  const rule = GATE[type];
  if (rule.seated && (person.seat === null || person.spectator))
    return no("not_seated", `Take a seat to send "${type}".`);
  if (!rule.stages.includes(table.stage))
    return no("wrong_stage", `"${type}" cannot be sent ${STAGE_WORDS[table.stage]}.`);
  if (rule.host && table.hostId !== person.id) return no("not_host", `Only the host can ${type}.`);
  return { ok: true, message: { type, msg: parsed.data } as Admitted };
}
