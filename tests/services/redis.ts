/**
 * A throwaway Redis for a test file (`scripts/services.ts`: a free loopback port, nothing kept
 * on disk), stopped after. Where redis-server is not installed the file's tests are skipped
 * with a message saying what to install, except under CI (`CI` set), where that fails loudly.
 */
import { redisBinary, ThrowawayRedis } from "../../scripts/services";

/** Whether a binary the tests need is here; throws under CI when it is not. */
export function available(name: string, binary: string | null, install: string): boolean {
  if (binary) return true;
  const why = `${name} is not installed (${install})`;
  if (process.env.CI) throw new Error(`${why}: CI runs the tests that need it`);
  console.warn(`Skipping the tests that need ${name}: ${why}.`);
  return false;
}

const binary = redisBinary();

/** Whether redis-server is here (under CI it must be). */
export const haveRedis = (): boolean =>
  available("redis-server", binary, "apt-get install redis-server");

export function startRedis(): Promise<ThrowawayRedis> {
  if (!binary) throw new Error("redis-server is not installed");
  return ThrowawayRedis.start(binary);
}

export type { ThrowawayRedis };
