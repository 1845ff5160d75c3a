/**
 * Small structural patches between two JSON values, so the server can send a client only what
 * changed in its view since the last message. `diffJson(prev, next)` lists the operations that
 * turn `prev` into `next`; `applyPatch(doc, ops)` applies them (in place, returning the result;
 * or copying each container it changes, with `fresh`). Pure and dependency-free: the server and
 * every client share it.
 */

export type PathKey = string | number;

/**
 * One change, at the path `p` (keys and indices; an empty path is the whole value):
 * - `{ p, v }` sets the value at `p`;
 * - `{ p, m: [k1, v1, k2, v2, …] }` sets several keys (or indices) of the object (or array) at
 *   `p` at once, one path for them all (most of a view's changes are a few numbers of one
 *   object);
 * - `{ p, d: 1 }` deletes the object key at `p`;
 * - `{ p, n }` truncates the array at `p` to length `n`;
 * - `{ p, s: [start, count, item1, item2, …] }` splices the array at `p`: removes `count` items
 *   from `start` and puts the items given there (arrays of records with a `uid` are diffed by
 *   uid, so a record taken out of the middle does not shift every one after it);
 * - `{ p, o: [op1, op2, …] }` applies the operations `o`, whose paths start at `p`, to the
 *   value at `p` (so the path two or more changes share is sent once).
 */
export type PatchOp =
  | { readonly p: PathKey[]; readonly v: unknown }
  | { readonly p: PathKey[]; readonly m: unknown[] }
  | { readonly p: PathKey[]; readonly d: 1 }
  | { readonly p: PathKey[]; readonly n: number }
  | { readonly p: PathKey[]; readonly s: unknown[] }
  | { readonly p: PathKey[]; readonly o: PatchOp[] };

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The operations that turn `prev` into `next` (both plain JSON data). */
export function diffJson(prev: unknown, next: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  diffInto(prev, next, ops);
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

/** The keys of the container set whole (`[k1, v1, k2, v2, …]`) as one operation. */
function pushSets(sets: unknown[], ops: PatchOp[]): void {
  if (sets.length === 2) ops.push({ p: [sets[0] as PathKey], v: sets[1] });
  else if (sets.length > 2) ops.push({ p: [], m: sets });
}

/**
 * The changes inside the child at `key`, as operations of its container: one operation with
 * the key put before its path, or several under one `o` operation.
 */
function diffChild(key: PathKey, prev: unknown, next: unknown, ops: PatchOp[]): void {
  const inner: PatchOp[] = [];
  diffInto(prev, next, inner);
  if (inner.length === 1) ops.push({ ...inner[0]!, p: [key, ...inner[0]!.p] });
  else if (inner.length > 1) ops.push({ p: [key], o: inner });
}

/** Operations with paths relative to `prev` itself, which turn it into `next`. */
function diffInto(prev: unknown, next: unknown, ops: PatchOp[]): void {
  if (same(prev, next)) return;
  if (Array.isArray(prev) && Array.isArray(next)) {
    if (!diffByUid(prev, next, ops)) diffByIndex(prev, next, ops);
    return;
  }
  if (isObject(prev) && isObject(next)) {
    const sets: unknown[] = [];
    for (const key of Object.keys(next)) {
      const value = next[key];
      if (value === undefined) continue;
      const old = Object.hasOwn(prev, key) ? prev[key] : undefined;
      if (old !== undefined && nested(old, value)) diffChild(key, old, value, ops);
      else if (old === undefined || !same(old, value)) sets.push(key, value);
    }
    pushSets(sets, ops);
    for (const key of Object.keys(prev)) {
      if (prev[key] !== undefined && (!Object.hasOwn(next, key) || next[key] === undefined))
        ops.push({ p: [key], d: 1 });
    }
    return;
  }
  ops.push({ p: [], v: next });
}

function diffByIndex(prev: readonly unknown[], next: readonly unknown[], ops: PatchOp[]): void {
  const sets: unknown[] = [];
  const common = Math.min(prev.length, next.length);
  for (let i = 0; i < common; i++) {
    if (nested(prev[i], next[i])) diffChild(i, prev[i], next[i], ops);
    else if (!same(prev[i], next[i])) sets.push(i, next[i]);
  }
  for (let i = common; i < next.length; i++) sets.push(i, next[i]);
  pushSets(sets, ops);
  if (next.length < prev.length) ops.push({ p: [], n: next.length });
}

/** Each item's `uid`, or null unless every item is a record with a distinct numeric uid. */
function uids(items: readonly unknown[]): number[] | null {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const uid = isObject(item) ? item.uid : undefined;
    if (typeof uid !== "number" || seen.has(uid)) return null;
    seen.add(uid);
    out.push(uid);
  }
  return out;
}

/**
 * Arrays of records with uids, diffed by uid: the records gone are spliced out, the new ones
 * spliced in where they stand, and the records in both diffed where they end up. Returns false
 * (nothing pushed) when the arrays are not such, or the records in both changed order.
 */
function diffByUid(prev: readonly unknown[], next: readonly unknown[], ops: PatchOp[]): boolean {
  const before = uids(prev);
  const after = before && next.length > 0 ? uids(next) : null;
  if (!before || !after || before.length === 0) return false;
  const inNext = new Set(after);
  const inPrev = new Set(before);
  const kept = before.filter((u) => inNext.has(u));
  const order = after.filter((u) => inPrev.has(u));
  if (kept.some((u, i) => order[i] !== u)) return false;
  // Removals, last first so the indices still hold; a run of neighbours is one splice.
  for (let i = before.length - 1; i >= 0; ) {
    if (inNext.has(before[i]!)) {
      i--;
      continue;
    }
    let start = i;
    while (start > 0 && !inNext.has(before[start - 1]!)) start--;
    ops.push({ p: [], s: [start, i - start + 1] });
    i = start - 1;
  }
  // Insertions, first first: after them the array stands index for index with `next`.
  for (let j = 0; j < after.length; ) {
    if (inPrev.has(after[j]!)) {
      j++;
      continue;
    }
    let end = j;
    while (end + 1 < after.length && !inPrev.has(after[end + 1]!)) end++;
    ops.push({ p: [], s: [j, 0, ...next.slice(j, end + 1)] });
    j = end + 1;
  }
  const at = new Map(before.map((u, i) => [u, i]));
  for (let j = 0; j < after.length; j++) {
    const i = at.get(after[j]!);
    if (i !== undefined) diffChild(j, prev[i], next[j], ops);
  }
  return true;
}

/** Sets `key` of `container` as an own property, even a key like "__proto__" (never the prototype). */
function setOwn(container: object, key: PathKey, value: unknown): void {
  Object.defineProperty(container, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

type Container = Record<PathKey, unknown>;

/**
 * Applies operations to `doc` and returns the result (a new value for a root set). `fresh`
 * gives the container an operation may change, before it changes it or goes into it: by
 * default the container itself (the patch changes `doc` in place); a copy, to leave `doc` and
 * everything in it as they were (the copy is put where the container was).
 */
export function applyPatch<T>(
  doc: T,
  ops: readonly PatchOp[],
  fresh: (container: unknown) => unknown = (c) => c,
): T {
  return applyOps(doc, ops, fresh) as T;
}

function applyOps(
  doc: unknown,
  ops: readonly PatchOp[],
  fresh: (container: unknown) => unknown,
): unknown {
  let root = doc;
  for (const op of ops) {
    if (op.p.length === 0) {
      root = "v" in op ? op.v : applyHere(fresh(root) as Container, op, fresh);
      continue;
    }
    root = fresh(root);
    let parent = root as Container;
    for (let i = 0; i < op.p.length - 1; i++) parent = child(parent, op.p[i]!, fresh);
    const last = op.p[op.p.length - 1]!;
    if ("v" in op) setOwn(parent, last, op.v);
    else if ("d" in op) delete parent[last];
    else setOwn(parent, last, applyHere(child(parent, last, fresh), op, fresh));
  }
  return root;
}

/** The container at `key` of `parent`, as `fresh` gives it (put in its place). */
function child(parent: Container, key: PathKey, fresh: (c: unknown) => unknown): Container {
  const old = parent[key];
  const out = fresh(old) as Container;
  if (out !== old) setOwn(parent, key, out);
  return out;
}

/** An operation other than a set or a delete, on the container its path leads to. */
function applyHere(target: Container, op: PatchOp, fresh: (c: unknown) => unknown): unknown {
  if ("m" in op) {
    for (let i = 0; i + 1 < op.m.length; i += 2) setOwn(target, op.m[i] as PathKey, op.m[i + 1]);
  } else if ("n" in op) (target as unknown as unknown[]).length = op.n;
  else if ("s" in op) {
    const [start, count, ...items] = op.s as [number, number, ...unknown[]];
    (target as unknown as unknown[]).splice(start, count, ...items);
  } else if ("o" in op) return applyOps(target, op.o, fresh);
  return target;
}
