/**
 * The wire form of what a connection with `patches` is sent: its view document, its table and
 * their patches, with every string of `WIRE_WORDS` (keys, and values such as regulation ids or
 * phases) written as one or two characters (`packValue`, `packOps`), and each patch operation as
 * an array instead of an object (`WireOp`). The client turns them back (`unpackValue`,
 * `unpackOps`) before it applies them. Keys such as "publishedWelfare" or "openCapability" were
 * a quarter of a round's patches, and the operations' own keys and nesting a tenth; longer
 * strings (the news) have their common phrases (`WIRE_PHRASES`) written as one control character
 * each. Exact both ways, for any string: one that is not in the list but starts like a short name,
 * or holds a control character, goes as it is with an escape character before it.
 */
import type { PatchOp, PathKey } from "./viewpatch";

/**
 * The strings given short names, most bytes saved first (the first get one character). Any
 * string may be left out (it goes as it is); one put in may not be moved or taken out without
 * the client changing with it, which it does: client and server are built together.
 */
// biome-ignore format: a list of words, kept in a few lines
export const WIRE_WORDS: readonly string[] = [
  // The keys of a round's patches, by the bytes they took (a bot game's patches, every role).
  "round", "public", "loopholes", "publishedRisks", "output", "capability", "publishedWelfare",
  "kind", "text", "seat", "welfareNoise", "visibleSafety", "strength", "proposer", "support",
  "phase", "proposals", "ramp", "regulations", "status", "measuredWelfare", "openCapability",
  "approval", "pressure", "passedRound", "endsRound", "measuredNoise", "proxy", "regulationHold",
  "uid", "reg", "target", "accord", "attractor", "actions", "reason", "amends", "votes", "scope",
  "sectors", "history", "code", "standing", "options", "movesLeft", "blocs", "power", "firms",
  "self", "G1", "G2", "labs", "news", "incident", "score", "cumulativeRevenue", "alignmentMargin",
  "comply", "riskEstimates", "licensedLab", "queued", "enforcement", "measurement", "L1", "L2",
  "C1", "C2", "lastProfit", "vote", "evade", "riskNoise", "alignment", "proposal", "repeal",
  "compute", "revenue", "regulation", "release", "levers", "autonomy", "budget", "type", "cash",
  "measured", "rank", "ending", "sliders", "taxRate", "counterpart", "relocate",
  "emergencyMeasure", "license", "stance", "pledge", "lobby", "acquire", "propose", "policy",
  "rnd", "evading", "rate", "seats", "bloc",
  // The table's.
  "remainingMs", "players", "connected", "ready", "paused", "stage", "spectator", "muted", "host",
  "player", "bot", "role", "name", "id", "gameId", "link", "speed", "scenario", "rounds",
  "removed",
  // The rest of the views'.
  "centralisation", "collapseWelfare", "cut", "deployAgents", "emergency", "emergencyPowers",
  "exit", "goodhart", "govSeat", "max", "measurable", "min", "misuse", "movesPerRound",
  "privateNews", "regulationsAvailable", "relocateTo", "rules", "scenarioId", "scenarioName",
  "sector", "setStrategy", "setTax", "startMeasuredWelfare", "startProxy", "startYear",
  "strengths", "takeover", "tax", "tipping",
  // Strings the views hold as values, by the bytes they took (ids, phases, kinds, names).
  "pre_deployment_evals", "welfare_statistics", "passed", "open_release_restrictions",
  "legislate", "platform_accountability", "You are not evading anything.", "externality_pricing",
  "enact", "resolve", "open", "voluntary_pledges", "human_in_loop", "not_available", "inForce",
  "checkbox_audits", "safety_nets", "biosecurity", "safety_institute", "Pacific Compact",
  "closeCall", "Atlantic Union", "antitrust", "compute_licensing", "government", "environment",
  "livelihoods", "acquisition", "Verdant Industries", "misinformationWave", "Industry & energy",
  "Health & services", "act", "unknown_proposal", "windfall_tax", "company", "equality",
  "closed", "failed", "Prometheus AI", "Consumer tech", "threshold", "moratorium", "liability",
  "unknown_regulation", "information", "Helix Labs", "evasionDetected", "standard", "Standard",
  "Omnicorp", "industry", "marketCrash", "against", "finance", "Finance", "muddling", "agency",
  "health", "agents", "already_done", "lab", "staged", "rogueAgent", "ended", "labLeak", "shock",
  "One acquisition per round.", "tech", "The game ends: Flourishing.", "catastrophe", "for",
  "flourishing", "goodhart_lockin", "relocation",
];

/**
 * Phrases of the news given one control character each (U+0001 to U+001F, in this order) inside
 * longer strings, most bytes saved first: the news's sentences were half of a round's patches.
 * Chosen greedily over the news of bot games of every preset (each phrase the one that saved
 * most bytes after the ones before it had been taken out). Like `WIRE_WORDS`, a phrase may only
 * change with the client, and a sentence without any goes as it is.
 */
// biome-ignore format: a list of phrases, kept in a few lines
export const WIRE_PHRASES: readonly string[] = [
  " it takes effect next round.", " lobbied Atlantic Union against regulation.",
  " (strength 2) passed in ", " is now in force in Pacific Compact.",
  "Restrictions on open release of dangerous ", " is now in force in Atlantic Union.",
  " failed in Atlantic Union: parliament did not back", "Mandatory pre-deployment ",
  "Human in the loop for critical ", "Welfare statistics beyond ", " its loopholes are closed.",
  " is amended in Pacific Compact (strength ", " made a public safety pledge.",
  " was caught evading a regulation and fined ", " deployed more autonomous AI agents (autonomy ",
  " is amended in Atlantic Union (strength ", " lobbied Pacific Compact against regulation.",
  "Platform accountability & content ", " failed in Pacific Compact: parliament did not back",
  "Biosecurity & cyber ", " (strength 1) passed in ", " (strength 3) passed in ", "Prometheus ",
  " computer that pays out benefits turned down thousands", " acquired rivals worth ",
  " now licenses Helix Labs's models.", " merger almost put one giant firm in charge",
  " market crashed after the biggest firms' trading robots",
  " claims, and for weeks nobody could stop it.", "Verdant ",
  " the internet. Trust in the news fell sharply.",
];

/**
 * The characters short names start with (one character, then two), and those a two-character
 * name ends with; a string that starts with one of the first is escaped. No digit starts a name:
 * a key like "7" would be an array index to JavaScript, which puts such keys first in an object.
 */
const FIRST = "!#$%&'()*+,-./:;<=>?@[]^_`{|}";
const SECOND = `${FIRST}0123456789`;
const ESCAPE = "~";

const shortOf = new Map<string, string>();
const wordOf = new Map<string, string>();
WIRE_WORDS.forEach((word, i) => {
  const n = i - FIRST.length;
  const short =
    n < 0 ? FIRST[i]! : FIRST[Math.floor(n / SECOND.length)]! + SECOND[n % SECOND.length]!;
  if (shortOf.has(word)) throw new Error(`wire word ${word} listed twice`);
  shortOf.set(word, short);
  wordOf.set(short, word);
});

if (WIRE_PHRASES.length > 31) throw new Error("more wire phrases than control characters");
/** A phrase's code, or another control character (tab, newline…), which no phrase holds. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the phrases' codes are control characters
const CONTROL = /[\u0001-\u001f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the phrases' codes are control characters
const PHRASE_CODE = /[\u0001-\u001f]/g;
const phraseOf = (code: string): string => WIRE_PHRASES[code.charCodeAt(0) - 1] ?? code;

/** The strings `packString` made lately (the news goes to every client): cleared when full. */
const packed = new Map<string, string>();
const PACKED_KEPT = 4096;

/**
 * A string (a key or a value) as it goes on the wire: its short name; or, escaped, as it is when
 * it starts like a short name or holds a control character; or with its phrases as their codes.
 */
export function packString(s: string): string {
  const short = shortOf.get(s);
  if (short !== undefined) return short;
  if (s.length === 0) return s;
  if (FIRST.includes(s[0]!) || s[0] === ESCAPE || CONTROL.test(s)) return ESCAPE + s;
  if (s.length < 8) return s;
  let out = packed.get(s);
  if (out === undefined) {
    out = s;
    for (let i = 0; i < WIRE_PHRASES.length; i++)
      out = out.replaceAll(WIRE_PHRASES[i]!, String.fromCharCode(i + 1));
    if (packed.size >= PACKED_KEPT) packed.clear();
    packed.set(s, out);
  }
  return out;
}

/** A string as it came on the wire, back to itself. */
export function unpackString(s: string): string {
  if (s[0] === ESCAPE) return s.slice(1);
  const word = wordOf.get(s);
  if (word !== undefined) return word;
  return CONTROL.test(s) ? s.replace(PHRASE_CODE, phraseOf) : s;
}

type Json = unknown;

/**
 * Whether a number goes as a 32-bit float: the server packs every number that is not whole and
 * is in msgpackr's float32 range (server/feed.ts, `FLOAT32_OPTIONS.ALWAYS`) so.
 */
const goesAsFloat32 = (n: number): boolean =>
  !Number.isInteger(n) && n < 4294967296 && n >= -2147483648;

/**
 * A number as it came, 32-bit, back to the decimal of seven significant digits it stands for:
 * exactly the number sent when that had at most seven (a tax rate of 0.35, a strength, a
 * slider's 0.6), which a 32-bit float alone would give as 0.3499999940395355; else within its
 * seventh digit. Whole numbers come as they are.
 */
export function fromFloat32(n: number): number {
  return goesAsFloat32(n) ? Number(n.toPrecision(7)) : n;
}

function mapStrings(
  value: Json,
  rename: (s: string) => string,
  number?: (n: number) => number,
): Json {
  if (typeof value === "string") return rename(value);
  if (typeof value === "number") return number ? number(value) : value;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, rename, number));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    const name = rename(key);
    if (name === "__proto__") throw new TypeError("a key named __proto__");
    out[name] = mapStrings((value as Record<string, Json>)[key], rename, number);
  }
  return out;
}

/** A JSON value with its strings, keys and values at every depth, as they go on the wire. */
export const packValue = (value: Json): Json => mapStrings(value, packString);
/** A JSON value as it came on the wire, with its strings back and its numbers (`fromFloat32`). */
export const unpackValue = (value: Json): Json => mapStrings(value, unpackString, fromFloat32);

/**
 * A JSON value as a client has it after the wire: its numbers sent as 32-bit floats and read back
 * (`fromFloat32`). What a test compares a client's view with.
 */
export const asSent = (value: Json): Json =>
  mapStrings(
    value,
    (s) => s,
    (n) => (goesAsFloat32(n) ? fromFloat32(Math.fround(n)) : n),
  );

/**
 * A patch operation on the wire: `[kind, data, ...path]`, the kind a number (`OP_KINDS`) and
 * the data what the operation's own field holds (`{ p, m: [...] }` is `[1, [...], ...p]`).
 */
export type WireOp = [number, unknown, ...PathKey[]];

const OP_KINDS = ["v", "m", "d", "n", "s", "o"] as const;
type OpKind = (typeof OP_KINDS)[number];

function opKind(op: PatchOp): OpKind {
  for (const kind of OP_KINDS) if (kind in op) return kind;
  throw new TypeError("not a patch operation");
}

/** Renames the keys of one kind's data (`m`'s even places are keys; `s`'s first two are not items). */
function mapData(
  kind: OpKind,
  data: unknown,
  key: (k: string) => string,
  value: (v: unknown) => unknown,
): unknown {
  switch (kind) {
    case "v":
      return value(data);
    case "m":
      return (data as unknown[]).map((x, i) =>
        i % 2 === 1 ? value(x) : typeof x === "string" ? key(x) : x,
      );
    case "s":
      return (data as unknown[]).map((x, i) => (i < 2 ? x : value(x)));
    default:
      return data;
  }
}

function packOp(op: PatchOp): WireOp {
  const kind = opKind(op);
  const data = (op as unknown as Record<OpKind, unknown>)[kind];
  const path = op.p.map((s) => (typeof s === "string" ? packString(s) : s));
  const packed =
    kind === "o" ? (data as PatchOp[]).map(packOp) : mapData(kind, data, packString, packValue);
  return [OP_KINDS.indexOf(kind), packed, ...path];
}

function unpackOp(wire: WireOp): PatchOp {
  if (!Array.isArray(wire)) throw new TypeError("a patch operation that is not an array");
  const [index, data, ...path] = wire;
  const kind = OP_KINDS[index];
  if (kind === undefined) throw new TypeError(`an unknown patch operation ${index}`);
  const p = path.map((s) => (typeof s === "string" ? unpackString(s) : s));
  const unpacked =
    kind === "o"
      ? (data as WireOp[]).map(unpackOp)
      : mapData(kind, data, unpackString, unpackValue);
  return { p, [kind]: unpacked } as unknown as PatchOp;
}

/** Patch operations as they go on the wire. */
export const packOps = (ops: readonly PatchOp[]): WireOp[] => ops.map(packOp);
/** Patch operations as they came on the wire, back to themselves. */
export const unpackOps = (ops: readonly WireOp[]): PatchOp[] => ops.map(unpackOp);
