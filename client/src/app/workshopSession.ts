/**
 * What a workshop's pages keep in this browser (localStorage, so a reload or a new tab finds
 * it): a student's token (`attractor.workshop.CODE`), which takes their seat back, and the
 * facilitator's secret (`attractor.facilitator.CODE`), which reopens the cockpit.
 */

export interface SavedStudent {
  readonly token: string;
  readonly nickname: string;
  readonly student: string;
}

const studentKey = (code: string) => `attractor.workshop.${code.toUpperCase()}`;
const secretKey = (code: string) => `attractor.facilitator.${code.toUpperCase()}`;

export function loadStudent(code: string, storage = local()): SavedStudent | null {
  try {
    const raw = storage?.getItem(studentKey(code));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedStudent>;
    if (typeof v.token !== "string" || !v.token) return null;
    return {
      token: v.token,
      nickname: typeof v.nickname === "string" ? v.nickname : "",
      student: typeof v.student === "string" ? v.student : "",
    };
  } catch {
    return null;
  }
}

export function saveStudent(code: string, s: SavedStudent, storage = local()): void {
  try {
    storage?.setItem(studentKey(code), JSON.stringify(s));
  } catch {
    // Storage full or disabled: a reload asks for a nickname again.
  }
}

export function forgetStudent(code: string, storage = local()): void {
  try {
    storage?.removeItem(studentKey(code));
  } catch {
    // ignore
  }
}

export interface SavedFacilitator {
  readonly secret: string;
  /** The projector's key, answered only when the workshop was made. */
  readonly projectorKey: string | null;
}

export function loadFacilitator(code: string, storage = local()): SavedFacilitator | null {
  try {
    const raw = storage?.getItem(secretKey(code));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedFacilitator>;
    if (typeof v.secret !== "string" || !v.secret) return null;
    return {
      secret: v.secret,
      projectorKey: typeof v.projectorKey === "string" ? v.projectorKey : null,
    };
  } catch {
    return null;
  }
}

/** Keeps the secret (and the projector's key, once known: a later save without it keeps it). */
export function saveFacilitator(code: string, f: SavedFacilitator, storage = local()): void {
  try {
    const before = loadFacilitator(code, storage);
    const projectorKey =
      f.projectorKey ?? (before?.secret === f.secret ? before.projectorKey : null);
    storage?.setItem(secretKey(code), JSON.stringify({ secret: f.secret, projectorKey }));
  } catch {
    // ignore: the link itself still opens the cockpit
  }
}

function local(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
