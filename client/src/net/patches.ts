/**
 * The server's patches (the `patches` join option) turned back into the whole `view` and
 * `table` the store reads. The mirror keeps the last view document (`shared/viewdoc.ts`, which
 * it expands into the views) and table of one connection; a whole `view` or `table` (the first
 * after a join or a reconnection) sets them again. Each patch makes new objects along the paths
 * it changes and shares the rest, so a view the store holds is never changed under it. A patch
 * that cannot be applied (no base, or a path the base does not have) gives null: the caller
 * must get a whole view again (a reconnection). Everything comes with its keys' short names
 * (`shared/wire.ts`), given back here first.
 */
import type { ServerMessages, TableInfo } from "../../../shared/protocol";
import { expandView, type ViewDoc } from "../../../shared/viewdoc";
import { applyPatch, type PatchOp } from "../../../shared/viewpatch";
import { unpackOps, unpackValue, type WireOp } from "../../../shared/wire";

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
    this.doc = unpackValue(body) as ViewDoc;
    return expandView(this.doc);
  }

  /** A view patch: the whole view it makes, or null when it cannot be applied. */
  viewPatch(ops: readonly WireOp[]): View | null {
    if (!this.doc) return null;
    const next = patched(this.doc, unpackOps(ops));
    if (!next || !isRecord(next.public)) return null;
    this.doc = next;
    return expandView(next);
  }

  /** A whole table: the new base, its clock counted from now. */
  tableInfo(body: TableInfo): TableInfo {
    this.table = unpackValue(body) as TableInfo;
    this.clockAt = this.now();
    return this.table;
  }

  /**
   * A table patch: the whole table it makes, or null when it cannot be applied. The time left
   * is what it is now, as a whole table sent now would say (the store counts down from it).
   */
  tablePatch(packed: readonly WireOp[]): TableInfo | null {
    if (!this.table) return null;
    const ops = unpackOps(packed);
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
 * `ops` applied to copies of the containers they change (`doc` itself is not changed), or null
 * when a path goes through something that is not there.
 */
export function patched<T>(doc: T, ops: readonly PatchOp[]): T | null {
  const copies = new Set<unknown>();
  const fresh = (v: unknown): unknown => {
    if (!isRecord(v)) throw new TypeError("a patch path goes through a value that is not there");
    if (copies.has(v)) return v;
    const copy = Array.isArray(v) ? v.slice() : { ...v };
    copies.add(copy);
    return copy;
  };
  try {
    return applyPatch(doc, ops, fresh);
  } catch {
    return null;
  }
}
