/**
 * The server and browser a browser-test file shares: started before its tests, stopped after.
 * (Kept apart from harness.ts, which scripts also import outside Vitest.)
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type GameServer, launch, startServer } from "./harness";

/**
 * Server settings for a browser test that acts inside phases: every phase lasts ten times its
 * real length (the shortest, Resolve, 100 s; Act 15 minutes), so no clock ends a phase while
 * the test works in it, however busy the machine. The test ends phases itself: with Ready (in
 * a game where every seated person is ready the phase ends at once) or the host's skip.
 * Pressing Ready costs nothing whatever the phase's length, so long phases do not slow a test.
 */
export const LONG_PHASES: Readonly<Record<string, string>> = { TIME_SCALE: "10" };

/**
 * Starts a game server and Chromium for a test file and stops both after it: the file reads
 * `env.server` and `env.browser` inside its tests.
 */
export function useServerAndBrowser(serverEnv: Record<string, string> = {}): {
  server: GameServer;
  browser: Browser;
} {
  const env = {} as { server: GameServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer(serverEnv);
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
