/**
 * Builds the client once before the browser tests, so they test the code as it is now, and
 * prints where the screenshots go. The build goes to a directory of this run's own
 * (E2E_CLIENT_DIST, which the test servers serve): another build of client/dist meanwhile, by
 * `npm run build` or a second test run, cannot swap the page's lazily loaded chunks mid-test.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, SHOTS_DIR } from "./harness";

export default function setup(): () => void {
  const dist = mkdtempSync(path.join(os.tmpdir(), "attractor-e2e-dist-"));
  const build = spawnSync(
    "npx",
    ["vite", "build", "--config", "client/vite.config.ts", "--outDir", dist, "--emptyOutDir"],
    { cwd: ROOT, stdio: "inherit" },
  );
  if (build.status !== 0) throw new Error("client build failed");
  // Test workers start after this and inherit the environment.
  process.env.E2E_CLIENT_DIST = dist;
  mkdirSync(SHOTS_DIR, { recursive: true });
  console.log(`Screenshots of every screen: ${SHOTS_DIR}`);
  return () => rmSync(dist, { recursive: true, force: true });
}
