/**
 * Builds the client once before the browser tests, so they test the code as it is now, and
 * prints where the screenshots go.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { SHOTS_DIR } from "./harness";

export default function setup(): void {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("client build failed");
  mkdirSync(SHOTS_DIR, { recursive: true });
  console.log(`Screenshots of every screen: ${SHOTS_DIR}`);
}
