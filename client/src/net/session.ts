/**
 * What survives a page reload in this tab (sessionStorage): the table's code, our name, the
 * seat token that takes our seat back, and Colyseus's reconnection token.
 */
export interface SavedSession {
  code: string;
  name: string;
  seatToken: string | null;
  reconnectionToken: string | null;
  spectator: boolean;
  /** A workshop's student: the workshop's code (its join route says which table is theirs). */
  workshop?: string | null;
}

const KEY = "attractor.session";

export function loadSession(storage: Storage | null = safeStorage()): SavedSession | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedSession>;
    if (typeof v.code !== "string" || typeof v.name !== "string") return null;
    return {
      code: v.code,
      name: v.name,
      seatToken: typeof v.seatToken === "string" ? v.seatToken : null,
      reconnectionToken: typeof v.reconnectionToken === "string" ? v.reconnectionToken : null,
      spectator: v.spectator === true,
      workshop: typeof v.workshop === "string" ? v.workshop : null,
    };
  } catch {
    return null;
  }
}

export function saveSession(s: SavedSession, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(KEY, JSON.stringify(s));
  } catch {
    // Storage full or disabled: reconnection after a reload will not work, play goes on.
  }
}

export function clearSession(storage: Storage | null = safeStorage()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // ignore
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

const NAME_KEY = "attractor.name";
export function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? "";
  } catch {
    return "";
  }
}
export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // ignore
  }
}
