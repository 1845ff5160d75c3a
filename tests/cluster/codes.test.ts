/**
 * Join codes across processes, on a real throwaway Redis: each process takes its codes in
 * Redis before its rooms are created, so two processes never hand out the same one; a code is
 * live for every process while its table is, and gone when it is released; a stopping process
 * leaves its codes for whoever takes its tables over, and the codes of a process that is gone
 * are forgotten by the others.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClusterCodes } from "../../server/cluster";
import { haveRedis, startRedis, type ThrowawayRedis } from "../services/redis";

describe.skipIf(!haveRedis())("join codes across processes (Redis)", () => {
  let redis: ThrowawayRedis;
  let one: Redis;
  let two: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    one = new Redis(redis.url);
    two = new Redis(redis.url);
  });

  afterAll(async () => {
    one?.disconnect();
    two?.disconnect();
    await redis?.stop();
  });

  /** `n` codes a process takes and hands out as its rooms are created. */
  async function take(codes: ClusterCodes, n: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      await codes.prepare();
      out.push(codes.reserve());
    }
    return out;
  }

  it("each process's codes are recorded as its own, live for both processes until released", async () => {
    const a = new ClusterCodes(one, "process-a");
    const b = new ClusterCodes(two, "process-b");
    const [fromA, fromB] = await Promise.all([take(a, 200), take(b, 200)]);
    expect(new Set([...fromA, ...fromB]).size).toBe(400);
    const owners = await one.hgetall("attractor:codes");
    for (const code of fromA) expect(owners[code]).toBe("process-a");
    for (const code of fromB) expect(owners[code]).toBe("process-b");
    // B sees A's code as live (its table is on A), and not once A released it.
    const code = fromA[0]!;
    expect(await b.isLive(code)).toBe(true);
    a.release(code);
    await expect.poll(() => b.isLive(code)).toBe(false);
    expect(await a.isLive(code)).toBe(false);
    // A code named by no process is not live.
    expect(await b.isLive("ZZZZZ")).toBe(false);
    for (const c of fromA.slice(1)) a.release(c);
    for (const c of fromB) b.release(c);
    await expect.poll(() => one.hlen("attractor:codes")).toBe(0);
  });

  it("a code another process holds is never handed out: the next free one is taken", async () => {
    /** Codes drawn in a given order (the real draw is random). */
    class Scripted extends ClusterCodes {
      constructor(
        redis: Redis,
        self: string,
        private readonly draws: string[],
      ) {
        super(redis, self);
      }
      protected override candidate(): string {
        return this.draws.shift()!;
      }
    }
    const a = new Scripted(one, "process-a", ["KKKKK"]);
    const b = new Scripted(two, "process-b", ["KKKKK", "KKKKK", "MMMMM"]);
    expect(await take(a, 1)).toEqual(["KKKKK"]);
    expect(await take(b, 1)).toEqual(["MMMMM"]);
    expect(await one.hget("attractor:codes", "KKKKK")).toBe("process-a");
    a.release("KKKKK");
    b.release("MMMMM");
    await expect.poll(() => one.hlen("attractor:codes")).toBe(0);
  });

  it("a creation without a code taken first is refused", () => {
    const c = new ClusterCodes(one, "process-c");
    expect(() => c.reserve()).toThrow(/no join code was taken/);
  });

  it("a stopping process keeps its codes for the take-over; a gone process's codes are forgotten", async () => {
    const gone = new ClusterCodes(one, "process-gone");
    const alive = new ClusterCodes(two, "process-alive");
    const [left] = await take(gone, 1);
    const [kept] = await take(alive, 1);
    gone.stop();
    gone.release(left!);
    expect(await one.hget("attractor:codes", left!)).toBe("process-gone");
    // Adopted by the process that claimed its table: now that process's.
    const heir = new ClusterCodes(two, "process-heir");
    await heir.adopt(left!);
    expect(await one.hget("attractor:codes", left!)).toBe("process-heir");
    expect(heir.has(left!)).toBe(true);
    // A lobby's code of a gone process (never adopted) is dropped; a live one's is kept.
    const [lobby] = await take(new ClusterCodes(one, "process-gone-2"), 1);
    await alive.dropGone(async (owner) => owner === "process-gone-2");
    expect(await one.hget("attractor:codes", lobby!)).toBeNull();
    expect(await one.hget("attractor:codes", kept!)).toBe("process-alive");
    expect(await one.hget("attractor:codes", left!)).toBe("process-heir");
  });
});
