/**
 * The workshops' HTTP edge (`workshops.ts` does the work): creating one (under the per-address
 * create limit), a student's join, and the facilitator's cockpit, commands, debrief and export,
 * which take the workshop's secret as `Authorization: Bearer <secret>` (none: 401; any other,
 * a student's token included: 403); the projector takes the secret or the projector key. Bodies
 * are JSON of at most 4 KB, read whatever their content type; every refusal is `{ error, message }`.
 */
import express from "express";
import type { WorkshopCluster } from "./cluster";
import { workshopForwarder } from "./forward";
import type { WindowLimiter } from "./rateLimit";
import type { Answer, WorkshopService } from "./workshops";

export interface WorkshopApiDeps {
  readonly workshops: WorkshopService;
  /** Tables (and workshops) created per address. */
  readonly createLimiter: WindowLimiter;
  /** Lookups of a workshop code that names none count with the joins by a wrong table code. */
  readonly failedJoins: WindowLimiter;
  readonly addressOf: (req: express.Request) => string;
  /**
   * With several processes: a workshop's requests are answered by the process holding it, the
   * others forward them there (`forward.ts`); null alone.
   */
  readonly cluster: WorkshopCluster | null;
  /** Whether the records have a workshop of this code (cluster only). */
  readonly knownWorkshop: (code: string) => Promise<boolean>;
}

const MAX_BODY = 4096;

function send(res: express.Response, answer: Answer): void {
  res.status(answer.status).json(answer.body);
}

/** The body as JSON (an empty one is `{}`), or the refusal saying why it is not. */
function readBody(body: unknown): { ok: true; value: unknown } | { ok: false; answer: Answer } {
  if (typeof body !== "string" || body.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      answer: {
        status: 400,
        body: { error: "bad_json", message: `The body is not JSON (${why}).` },
      },
    };
  }
}

/** The bearer secret of a request, or null when there is none. */
function bearer(req: express.Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export function workshopRouter(deps: WorkshopApiDeps): express.Router {
  const router = express.Router();
  const body = express.text({ limit: MAX_BODY, type: () => true });
  const { workshops } = deps;
  if (deps.cluster) router.use(workshopForwarder(deps.cluster, deps.knownWorkshop));

  /** Refuses an address over the failed-lookup limit; counts a lookup that found nothing. */
  const guessing = async (
    req: express.Request,
    res: express.Response,
    answer: () => Answer | Promise<Answer>,
  ) => {
    const address = deps.addressOf(req);
    if (!deps.failedJoins.allows(address, Date.now())) {
      send(res, {
        status: 429,
        body: {
          error: "too_many_failed_joins",
          message: "Too many wrong codes from your address; wait an hour.",
        },
      });
      return;
    }
    const result = await answer();
    if (result.status === 404) deps.failedJoins.count(address, Date.now());
    send(res, result);
  };

  router.post("/api/workshops", body, async (req, res) => {
    const parsed = readBody(req.body);
    if (!parsed.ok) return send(res, parsed.answer);
    const address = deps.addressOf(req);
    if (!deps.createLimiter.take(address, Date.now())) {
      send(res, {
        status: 429,
        body: {
          error: "too_fast",
          message: "Too many tables or workshops created from your address; wait a minute.",
        },
      });
      return;
    }
    const answer = await workshops.create(parsed.value);
    // Created here: this process holds it (its tables open here), the others forward to it.
    const code = (answer.body as { code?: unknown }).code;
    if (deps.cluster && answer.status === 201 && typeof code === "string")
      await deps.cluster.own(code);
    send(res, answer);
  });

  router.get("/api/workshops/:code", async (req, res) => {
    await guessing(req, res, () => workshops.about(req.params.code));
  });

  router.post("/api/workshops/:code/join", body, async (req, res) => {
    const parsed = readBody(req.body);
    if (!parsed.ok) return send(res, parsed.answer);
    await guessing(req, res, () => workshops.join(req.params.code, parsed.value));
  });

  router.get("/api/workshops/:code/cockpit", async (req, res) => {
    const workshop = await workshops.check(req.params.code, bearer(req));
    if ("status" in workshop) return send(res, workshop);
    send(res, workshops.cockpit(workshop));
  });

  router.get("/api/workshops/:code/projector", async (req, res) => {
    const workshop = await workshops.check(req.params.code, bearer(req), true);
    if ("status" in workshop) return send(res, workshop);
    send(res, await workshops.projector(workshop));
  });

  router.get("/api/workshops/:code/debrief", async (req, res) => {
    const workshop = await workshops.check(req.params.code, bearer(req));
    if ("status" in workshop) return send(res, workshop);
    send(res, await workshops.debrief(workshop));
  });

  router.get("/api/workshops/:code/export.csv", async (req, res) => {
    const workshop = await workshops.check(req.params.code, bearer(req));
    if ("status" in workshop) return send(res, workshop);
    const csv = await workshops.exportCsv(workshop);
    res
      .status(200)
      .type("text/csv; charset=utf-8")
      .attachment(`workshop-${workshop.data.code}.csv`)
      .send(csv);
  });

  router.get("/api/workshops/:code/export.json", async (req, res) => {
    const workshop = await workshops.check(req.params.code, bearer(req));
    if ("status" in workshop) return send(res, workshop);
    const json = await workshops.exportJson(workshop);
    res.status(200).attachment(`workshop-${workshop.data.code}.json`).json(json);
  });

  router.post("/api/workshops/:code/control", body, async (req, res) => {
    const workshop = await workshops.check(req.params.code, bearer(req));
    if ("status" in workshop) return send(res, workshop);
    const parsed = readBody(req.body);
    if (!parsed.ok) return send(res, parsed.answer);
    send(res, await workshops.control(workshop, parsed.value));
  });

  // Body errors (too large, a bad encoding) answer in JSON and words.
  router.use(
    "/api/workshops",
    (
      err: { status?: number; type?: string; message?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (err.type === "entity.too.large")
        send(res, {
          status: 413,
          body: { error: "too_large", message: `The body is over ${MAX_BODY} bytes.` },
        });
      else if (typeof err.status === "number" && err.status >= 400 && err.status < 500)
        send(res, {
          status: err.status,
          body: { error: "bad_body", message: err.message ?? "bad request" },
        });
      else if (err instanceof Error) {
        // A failure inside the workshop (a table could not be opened, say): said in JSON.
        console.error("[workshops] request failed:", err);
        send(res, {
          status: 500,
          body: {
            error: "internal",
            message: "The server failed on this request; nothing changed.",
          },
        });
      } else next(err);
    },
  );
  return router;
}
