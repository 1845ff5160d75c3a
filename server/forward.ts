/**
 * A workshop lives in one process (its tables, its cockpit's state); with several processes
 * (`cluster.ts`) a teacher's or a student's request may reach any of them through the front
 * door. This middleware, put before the workshop API, answers here only for the workshops this
 * process holds, and forwards every other request to the process that holds it (the same path,
 * method, headers and body, with the client's address appended to `X-Forwarded-For`), so the
 * browser and `curl` never see where the workshop lives. A workshop nobody holds in Redis but
 * the records know is adopted here; one whose process is gone and not yet taken over is
 * answered 503 for the few seconds the take-over takes.
 */
import http from "node:http";
import type express from "express";
import type { WorkshopCluster } from "./cluster";
import { WORKSHOP_CODE } from "./workshops";

/** Marks a forwarded request: the process it reaches answers it or says it moved, never forwards. */
export const FORWARDED_HEADER = "x-attractor-forwarded";

const WORKSHOP_PATH = /^\/api\/workshops\/([^/]+)(?:\/|$)/;

function unavailable(res: express.Response, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(503).set("Retry-After", "3").json({ error: "unavailable", message });
}

/** Sends the request on to `base` and its answer back. */
function forward(req: express.Request, res: express.Response, base: string, self: string): void {
  const target = new URL(req.originalUrl, base);
  const peer = req.socket.remoteAddress ?? "unknown";
  const prior = req.headers["x-forwarded-for"];
  const headers: http.OutgoingHttpHeaders = {
    ...req.headers,
    host: target.host,
    "x-forwarded-for": prior ? `${prior}, ${peer}` : peer,
    [FORWARDED_HEADER]: self,
  };
  const out = http.request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on("error", (error) => {
    console.error(
      `[cluster] forwarding ${req.method} ${req.originalUrl} to ${base} failed:`,
      error,
    );
    unavailable(res, "The server holding this workshop did not answer; try again in a moment.");
  });
  req.pipe(out);
}

/**
 * The middleware. `known(code)` says whether the records have a workshop of that code (only
 * then is an unowned one adopted: a guessed code must not leave a trace in Redis).
 */
export function workshopForwarder(
  cluster: WorkshopCluster,
  known: (code: string) => Promise<boolean>,
): express.RequestHandler {
  return (req, res, next) => {
    const match = WORKSHOP_PATH.exec(req.path);
    const code = match ? match[1]! : "";
    if (!WORKSHOP_CODE.test(code)) return next();
    const forwarded = req.headers[FORWARDED_HEADER] !== undefined;
    const decide = async (): Promise<void> => {
      let route = await cluster.route(code);
      if (route.kind === "unowned") {
        if (!(await known(code))) return next(); // no such workshop: answered (and counted) here
        route = (await cluster.adopt(code)) ? { kind: "here" } : await cluster.route(code);
      }
      if (route.kind === "here") return next();
      if (route.kind === "there" && !forwarded)
        return forward(req, res, route.internal, cluster.processId);
      unavailable(
        res,
        route.kind === "orphaned"
          ? "The server holding this workshop stopped; another takes it over in a few seconds."
          : "This workshop moved to another server; try again.",
      );
    };
    decide().catch((error: unknown) => {
      console.error("[cluster] routing a workshop request failed:", error);
      unavailable(res, "The server could not find where this workshop lives; try again.");
    });
  };
}
