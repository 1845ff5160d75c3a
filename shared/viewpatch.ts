/**
 * Small structural patches between two JSON values, so the server can send a client only what
 * changed in its view since the last message. `diffJson(prev, next)` lists the operations that
 * turn `prev` into `next`; `applyPatch(doc, ops)` applies them (in place, returning the result).
 * Pure and dependency-free: the server and every client share it.
 */

export type PathKey = string | number;

/**
 * One change: `{ p, v }` sets the value at path `p` (an empty path replaces the whole value);
 * `{ p, d: 1 }` deletes the object key at `p`; `{ p, n }` truncates the array at `p` to length `n`.
 */
export type PatchOp =
  | { readonly p: PathKey[]; readonly v: unknown }
  | { readonly p: PathKey[]; readonly d: 1 }
  | { readonly p: PathKey[]; readonly n: number };

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The operations that turn `prev` into `next` (both plain JSON data). */
export function diffJson(prev: unknown, next: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  diffInto(prev, next, [], ops);
  return ops;
}

function diffInto(prev: unknown, next: unknown, path: PathKey[], ops: PatchOp[]): void {
  if (prev === next) return;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const common = Math.min(prev.length, next.length);
    for (let i = 0; i < common; i++) diffInto(prev[i], next[i], [...path, i], ops);
    for (let i = common; i < next.length; i++) ops.push({ p: [...path, i], v: next[i] });
    if (next.length < prev.length) ops.push({ p: path, n: next.length });
    return;
  }
  if (isObject(prev) && isObject(next)) {
    for (const key of Object.keys(next)) {
      if (next[key] === undefined) continue;
      if (!Object.hasOwn(prev, key) || prev[key] === undefined)
        ops.push({ p: [...path, key], v: next[key] });
      else diffInto(prev[key], next[key], [...path, key], ops);
    }
    for (const key of Object.keys(prev)) {
      if (prev[key] !== undefined && (!Object.hasOwn(next, key) || next[key] === undefined))
        ops.push({ p: [...path, key], d: 1 });
    }
    return;
  }
  if (typeof prev === "number" && typeof next === "number" && Object.is(prev, next)) return;
  ops.push({ p: path, v: next });
}

/** Applies operations to `doc` in place and returns the result (a new value for a root set). */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  let root: unknown = doc;
  for (const op of ops) {
    if (op.p.length === 0) {
      if ("v" in op) root = op.v;
      else if ("n" in op) (root as unknown[]).length = op.n;
      continue;
    }
    let parent: unknown = root;
    for (let i = 0; i < op.p.length - 1; i++) {
      parent = (parent as Record<PathKey, unknown>)[op.p[i]!];
    }
    const last = op.p[op.p.length - 1]!;
    const container = parent as Record<PathKey, unknown>;
    if ("v" in op) {
      // An own property even for a key like "__proto__" (never the prototype).
      Object.defineProperty(container, last, {
        value: op.v,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else if ("d" in op) delete container[last];
    else (container[last] as unknown[]).length = op.n;
  }
  return root as T;
}
