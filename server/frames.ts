/**
 * What a WebSocket frame from a client is, read before Colyseus sees it: a room message (its
 * protocol byte, then its type as a msgpack string or number, then its msgpack payload), one of
 * Colyseus's own frames a client may send (the join acknowledgement, leave), or a malformed
 * frame, which closes the connection (4002). Colyseus 0.16 itself ignores empty frames, text
 * frames, unknown protocol bytes and state or patch frames sent by a client, and runs a
 * message whose type it cannot read as the wildcard handler with the type `undefined`.
 */
import { Protocol } from "@colyseus/core";
import { decode } from "@colyseus/schema";

export type Frame =
  /** Colyseus's own: the join acknowledgement (while joining) or a leave. */
  | { readonly kind: "colyseus" }
  /** A room message (sent with `send`, or with `sendBytes`: then its payload is raw bytes). */
  | { readonly kind: "message"; readonly type: string | number }
  | { readonly kind: "malformed"; readonly why: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

const malformed = (why: string): Frame => ({ kind: "malformed", why });

/** Bytes after the prefix of each number a type may be (Colyseus writes them little-endian). */
const NUMBER_SIZES: Readonly<Record<number, number>> = {
  202: 4,
  203: 8,
  204: 1,
  205: 2,
  206: 4,
  207: 8,
  208: 1,
  209: 2,
  210: 4,
  211: 8,
};

/**
 * The message type at `offset`, as Colyseus writes it (`@colyseus/schema`'s string or number
 * encoding: msgpack prefixes, little-endian lengths and numbers), or why it cannot be read.
 * Unlike Colyseus's own reading, the empty string is a string.
 */
function readType(data: Buffer, offset: number): string | number | { why: string } {
  const cut = { why: "the message type is cut short" };
  if (offset >= data.length) return { why: "the frame has no message type" };
  const p = data[offset]!;
  const at = offset + 1;
  const le = (n: number) => {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + data[at + i]!;
    return v;
  };
  let length: number;
  let start: number;
  if (p >= 0xa0 && p <= 0xbf) [length, start] = [p & 0x1f, at];
  else if (p === 0xd9 || p === 0xda || p === 0xdb) {
    const n = p === 0xd9 ? 1 : p === 0xda ? 2 : 4;
    if (at + n > data.length) return cut;
    [length, start] = [le(n), at + n];
  } else if (p < 0x80 || p >= 0xe0) return decode.number(data, { offset });
  else {
    const size = NUMBER_SIZES[p];
    if (size === undefined) return { why: "the message type is neither a string nor a number" };
    if (at + size > data.length) return cut;
    return decode.number(data, { offset });
  }
  if (start + length > data.length) return cut;
  try {
    return utf8.decode(data.subarray(start, start + length));
  } catch {
    return { why: "the message type is not UTF-8" };
  }
}

/**
 * Reads one frame a client sent. `binary` is false for a WebSocket text frame; `joining` while
 * the client has not acknowledged its join yet.
 */
export function readFrame(data: Buffer, binary: boolean, joining: boolean): Frame {
  if (!binary) return malformed("text frames are not part of the protocol");
  if (data.length === 0) return malformed("the frame is empty");
  const code = data[0]!;
  switch (code) {
    case Protocol.JOIN_ROOM:
      return joining ? { kind: "colyseus" } : malformed("the join was already acknowledged");
    case Protocol.LEAVE_ROOM:
      return { kind: "colyseus" };
    case Protocol.ROOM_DATA:
    case Protocol.ROOM_DATA_BYTES: {
      const type = readType(data, 1);
      if (typeof type === "object") return malformed(type.why);
      return { kind: "message", type };
    }
    case Protocol.ROOM_STATE:
    case Protocol.ROOM_STATE_PATCH:
      return malformed("state and patch frames go from the server to clients only");
    default:
      return malformed(`unknown protocol byte ${code}`);
  }
}
