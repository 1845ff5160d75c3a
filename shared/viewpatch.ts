/**
 * Small structural patches between two JSON values, so the server can send a client only what
 * changed in its view since the last message. `diffJson(prev, next)` lists the operations that
 * turn `prev` into `next`; `applyPatch(doc, ops)` applies them (in place, returning the result).
 * Pure and dependency-free: the server and every client share it.
 */

export type PathKey = string | number;

/**
 * One change: `{ p, v }` sets the value at path `p` (an empty path replaces the whole value);
 * `{ p, m: [k1, v1, k2, v2, …] }` sets several keys (or indices) of the object (or array) at
 * `p` at once, one path for them all (most of a view's changes are a few numbers of one
 * object); `{ p, d: 1 }` deletes the object key at `p`; `{ p, n }` truncates the array at `p`
 * to length `n`.
 */
export type PatchOp =
  | { readonly p: PathKey[]; readonly v: unknown }
  | { readonly p: PathKey[]; readonly m: unknown[] }
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

/** Whether `diffInto` looks inside both values rather than setting the new one whole. */
function nested(prev: unknown, next: unknown): boolean {
  return (Array.isArray(prev) && Array.isArray(next)) || (isObject(prev) && isObject(next));
}

/** Whether a value at a key is unchanged (numbers by `Object.is`, so NaN equals NaN). */
function same(prev: unknown, next: unknown): boolean {
  return (
    prev === next || (typeof prev === "number" && typeof next === "number" && Object.is(prev, next))
  );
}

/** The keys of the container at `path` set whole (`[k1, v1, k2, v2, …]`) as one operation. */
function pushSets(path: PathKey[], sets: unknown[], ops: PatchOp[]): void {
  if (sets.length === 2) ops.push({ p: [...path, sets[0] as PathKey], v: sets[1] });
  else if (sets.length > 2) ops.push({ p: path, m: sets });
}

function diffInto(prev: unknown, next: unknown, path: PathKey[], ops: PatchOp[]): void {
  if (same(prev, next)) return;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const sets: unknown[] = [];
    const common = Math.min(prev.length, next.length);
    for (let i = 0; i < common; i++) {
      if (nested(prev[i], next[i])) diffInto(prev[i], next[i], [...path, i], ops);
      else if (!same(prev[i], next[i])) sets.push(i, next[i]);
    }
    for (let i = common; i < next.length; i++) sets.push(i, next[i]);
    pushSets(path, sets, ops);
    if (next.length < prev.length) ops.push({ p: path, n: next.length });
    return;
  }
  if (isObject(prev) && isObject(next)) {
    const sets: unknown[] = [];
    for (const key of Object.keys(next)) {
      const value = next[key];
      if (value === undefined) continue;
      const old = Object.hasOwn(prev, key) ? prev[key] : undefined;
      if (old !== undefined && nested(old, value)) diffInto(old, value, [...path, key], ops);
      else if (old === undefined || !same(old, value)) sets.push(key, value);
    }
    pushSets(path, sets, ops);
    for (const key of Object.keys(prev)) {
      if (prev[key] !== undefined && (!Object.hasOwn(next, key) || next[key] === undefined))
        ops.push({ p: [...path, key], d: 1 });
    }
    return;
  }
  ops.push({ p: path, v: next });
}

/** Sets `key` of `container` as an own property, even a key like "__proto__" (never the prototype). */
function setOwn(container: Record<PathKey, unknown>, key: PathKey, value: unknown): void {
  Object.defineProperty(container, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Applies operations to `doc` in place and returns the result (a new value for a root set). */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  let root: unknown = doc;
  for (const op of ops) {
    if (op.p.length === 0) {
      if ("v" in op) root = op.v;
      else if ("n" in op) (root as unknown[]).length = op.n;
      else if ("m" in op) setAll(root as Record<PathKey, unknown>, op.m);
      continue;
    }
    let parent: unknown = root;
    for (let i = 0; i < op.p.length - 1; i++) {
      parent = (parent as Record<PathKey, unknown>)[op.p[i]!];
    }
    const last = op.p[op.p.length - 1]!;
    const container = parent as Record<PathKey, unknown>;
    if ("v" in op) setOwn(container, last, op.v);
    else if ("m" in op) setAll(container[last] as Record<PathKey, unknown>, op.m);
    else if ("d" in op) delete container[last];
    else (container[last] as unknown[]).length = op.n;
  }
  return root as T;
}

function setAll(target: Record<PathKey, unknown>, sets: readonly unknown[]): void {
  for (let i = 0; i + 1 < sets.length; i += 2) setOwn(target, sets[i] as PathKey, sets[i + 1]);
}
