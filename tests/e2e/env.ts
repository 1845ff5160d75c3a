/**
 * The server and browser a browser-test file shares: started before its tests, stopped after.
 * (Kept apart from harness.ts, which scripts also import outside Vitest.)
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type GameServer, launch, startServer } from "./harness";

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
