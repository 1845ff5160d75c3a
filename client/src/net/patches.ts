/**
 * The server's patches (the `patches` join option) turned back into the whole `view` and
 * `table` the store reads. The mirror keeps the last view document (`shared/viewdoc.ts`, which
 * it expands into the views) and table of one connection; a whole `view` or `table` (the first
 * after a join or a reconnection) sets them again. Each patch makes new objects along the paths
 * it changes and shares the rest, so a view the store holds is never changed under it. A patch
 * that cannot be applied (no base, or a path the base does not have) gives null: the caller
 * must get a whole view again (a reconnection).
 */
import type { ServerMessages, TableInfo } from "../../../shared/protocol";
import { expandView, type ViewDoc } from "../../../shared/viewdoc";
import { applyPatch, type PatchOp } from "../../../shared/viewpatch";

type View = ServerMessages["view"];

export class PatchMirror {
  private doc: ViewDoc | null = null;
  private table: TableInfo | null = null;
  /** When the table's `remainingMs` was last sent (the server re-sends it only when it moves). */
  private clockAt = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A new connection: nothing to patch until its first whole view and table. */
  reset(): void {
    this.doc = null;
    this.table = null;
  }

  /** A whole view document: the new base. */
  view(body: ViewDoc): View {
    this.doc = body;
    return expandView(body);
  }

  /** A view patch: the whole view it makes, or null when it cannot be applied. */
  viewPatch(ops: readonly PatchOp[]): View | null {
    if (!this.doc) return null;
    const next = patched(this.doc, ops);
    if (!next || !isRecord(next.public)) return null;
    this.doc = next;
    return expandView(next);
  }

  /** A whole table: the new base, its clock counted from now. */
  tableInfo(body: TableInfo): TableInfo {
    this.table = body;
    this.clockAt = this.now();
    return body;
  }

  /**
   * A table patch: the whole table it makes, or null when it cannot be applied. The time left
   * is what it is now, as a whole table sent now would say (the store counts down from it).
   */
  tablePatch(ops: readonly PatchOp[]): TableInfo | null {
    if (!this.table) return null;
    const next = patched(this.table, ops);
    if (!next || !isRecord(next)) return null;
    this.table = next;
    const now = this.now();
    if (ops.some((op) => op.p.length === 0 || op.p[0] === "remainingMs")) {
      this.clockAt = now;
      return next;
    }
    if (next.remainingMs === null || next.paused) return next;
    return { ...next, remainingMs: Math.max(0, next.remainingMs - (now - this.clockAt)) };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/**
 * `ops` applied to copies of the containers on their paths (`doc` itself is not changed), or
 * null when a path goes through something that is not there.
 */
export function patched<T>(doc: T, ops: readonly PatchOp[]): T | null {
  const fresh = new Set<unknown>();
  const own = (v: unknown): unknown => {
    if (!isRecord(v) || fresh.has(v)) return v;
    const copy = Array.isArray(v) ? v.slice() : { ...v };
    fresh.add(copy);
    return copy;
  };
  let root = own(doc);
  for (const op of ops) {
    if (op.p.length === 0) {
      // A root set replaces everything; a root truncation changes the root array (copied).
      if ("v" in op) root = op.v;
      continue;
    }
    let parent = root;
    for (let i = 0; i < op.p.length; i++) {
      if (!isRecord(parent)) return null;
      const key = op.p[i]!;
      const child = (parent as Record<string, unknown>)[key];
      const last = i === op.p.length - 1;
      if (!last && !isRecord(child)) return null;
      if (last && "v" in op) break; // replaced whole: no copy needed
      const copy = own(child);
      if (copy !== child) setOwn(parent, key, copy);
      parent = copy;
    }
  }
  try {
    return applyPatch(root as T, ops);
  } catch {
    return null;
  }
}

function setOwn(container: object, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
