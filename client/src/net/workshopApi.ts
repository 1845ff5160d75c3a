/**
 * The workshop routes (docs/PROTOCOL.md "Workshops") as typed calls. The facilitator's secret
 * (or the projector's key) goes as `Authorization: Bearer …`; a refusal throws a
 * `WorkshopApiError` carrying the server's code and sentence.
 */
import type {
  Cockpit,
  ControlAnswer,
  ControlRequest,
  ProjectorView,
  StudentJoin,
  StudentSeat,
  WorkshopAbout,
  WorkshopCreated,
  WorkshopDebrief,
  WorkshopRequest,
} from "../../../shared/workshop";

export class WorkshopApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "WorkshopApiError";
  }
}

async function call<T>(
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; bearer?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new WorkshopApiError(0, "offline", "The server cannot be reached; check the connection.");
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page, say): reported below by its status.
  }
  if (!res.ok) {
    const err = json as { error?: unknown; message?: unknown } | null;
    throw new WorkshopApiError(
      res.status,
      typeof err?.error === "string" ? err.error : "http_error",
      typeof err?.message === "string" ? err.message : `The server answered ${res.status}.`,
    );
  }
  return json as T;
}

const at = (code: string) => `/api/workshops/${encodeURIComponent(code)}`;

export const createWorkshop = (request: WorkshopRequest) =>
  call<WorkshopCreated>("POST", "/api/workshops", { body: request });

export const aboutWorkshop = (code: string) => call<WorkshopAbout>("GET", at(code));

export const joinWorkshop = (code: string, join: StudentJoin) =>
  call<StudentSeat>("POST", `${at(code)}/join`, { body: join });

export const fetchCockpit = (code: string, secret: string) =>
  call<Cockpit>("GET", `${at(code)}/cockpit`, { bearer: secret });

export const sendControl = (code: string, secret: string, command: ControlRequest) =>
  call<ControlAnswer>("POST", `${at(code)}/control`, { body: command, bearer: secret });

/** The workshop projector: the projector key (or the secret). */
export const fetchProjector = (code: string, key: string) =>
  call<ProjectorView>("GET", `${at(code)}/projector`, { bearer: key });

export const fetchWorkshopDebrief = (code: string, secret: string) =>
  call<WorkshopDebrief>("GET", `${at(code)}/debrief`, { bearer: secret });

/** The whole workshop's export as a file to save. */
export async function fetchWorkshopExport(
  code: string,
  secret: string,
  format: "csv" | "json",
): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`${at(code)}/export.${format}`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
  } catch {
    throw new WorkshopApiError(0, "offline", "The server cannot be reached; check the connection.");
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
    throw new WorkshopApiError(
      res.status,
      err?.error ?? "http_error",
      err?.message ?? `The server answered ${res.status}.`,
    );
  }
  return res.blob();
}

/** The workshop projector's data (the projector key or the secret); short name for the screens. */
export const projector = (code: string, key: string) => fetchProjector(code, key);

/** The workshop debrief's data (the secret); short name for the screens. */
export const debrief = (code: string, secret: string) => fetchWorkshopDebrief(code, secret);
