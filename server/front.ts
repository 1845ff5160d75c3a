/**
 * The HTTP front door, before Express and Colyseus see a request: security headers on every
 * response, the size cap on matchmaking bodies, and the limit on joins by a code that names no
 * table (guessing codes): per address, in a sliding hour, each failure answered late. Colyseus
 * answers matchmaking requests itself on the same server, so this wraps its listeners.
 */
import type http from "node:http";
import { ErrorCode, matchMaker } from "@colyseus/core";
import { JOIN_ERRORS } from "../shared/protocol";
import type { WindowLimiter } from "./rateLimit";

/** Largest matchmaking request body (JSON join options) accepted. */
export const MAX_MATCHMAKE_BODY = 4096;

/**
 * What the browser client needs and nothing more: its own scripts, styles (it sets inline
 * `style` attributes), fonts and images, `data:`/`blob:` images (Phaser's built-in textures,
 * the QR code), the API and the WebSocket on its own origin; no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  // A join link carries the table's code: never hand it to another site.
  "Referrer-Policy": "same-origin",
};

export interface FrontOptions {
  readonly addressOf: (req: http.IncomingMessage) => string;
  /** Whether a join code names a live table of this server (or of the cluster's, with Redis). */
  readonly isLive: (code: string) => boolean | Promise<boolean>;
  /** Failed joins by code per address. */
  readonly failedJoins: WindowLimiter;
  readonly failedJoinDelayMs: number;
}

/** A matchmaking call that names a table by code: `joinById` or `reconnect`, and the code. */
function byCode(req: http.IncomingMessage): string | null {
  if (req.method !== "POST") return null;
  const path = (req.url ?? "").split("?")[0]!;
  const m = /^\/matchmake\/(?:joinById|reconnect)\/([^/]*)\/?$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!; // a broken %-escape names no table either
  }
}

/** Answers a matchmaking request the way Colyseus does: HTTP 200 with `{ code, error }`. */
function answer(req: http.IncomingMessage, res: http.ServerResponse, code: number, error: string) {
  const cors = {
    ...matchMaker.controller.DEFAULT_CORS_HEADERS,
    ...matchMaker.controller.getCorsHeaders(req),
  };
  res.writeHead(200, { ...cors, "Content-Type": "application/json" });
  res.end(JSON.stringify({ code, error }));
  req.resume();
}

/** Puts the front door before every request listener the server has now. */
export function guardFront(server: http.Server, options: FrontOptions): void {
  const listeners = server.listeners("request") as ((
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  const pass = (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const listener of listeners) listener.call(server, req, res);
  };
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method === "POST" && req.url?.startsWith("/matchmake")) {
      const length = Number(req.headers["content-length"]);
      if (!Number.isFinite(length) || length > MAX_MATCHMAKE_BODY) {
        res.writeHead(413, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ code: 413, error: "request body too large" }));
        req.resume();
        return;
      }
    }
    const code = byCode(req);
    if (code === null) {
      pass(req, res);
      return;
    }
    const address = options.addressOf(req);
    const now = Date.now();
    const limiter = options.failedJoins;
    // Over the limit, every join by code is refused, live code or not: the answer says nothing.
    if (!limiter.allows(address, now)) {
      const minutes = Math.ceil(limiter.retryAfterMs(address, now) / 60_000);
      answer(
        req,
        res,
        JOIN_ERRORS.tooManyFailedJoins,
        `Too many joins by a wrong code from your address; try again in ${minutes} min.`,
      );
      return;
    }
    const unknown = () => {
      limiter.count(address, now);
      setTimeout(
        () => answer(req, res, ErrorCode.MATCHMAKE_INVALID_ROOM_ID, `room "${code}" not found`),
        options.failedJoinDelayMs,
      );
    };
    const live = options.isLive(code);
    if (live === true) pass(req, res);
    else if (live === false) unknown();
    else
      live.then(
        (yes) => (yes ? pass(req, res) : unknown()),
        (error: unknown) => {
          console.error("[front] could not look a join code up:", error);
          answer(req, res, ErrorCode.MATCHMAKE_UNHANDLED, "The server could not look the code up.");
        },
      );
  });
}
