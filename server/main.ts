/**
 * The server's entry point (`npm start` runs it through scripts/start.mjs): reads the
 * environment, warms the rules up (`warmup.ts`), restores the tables that were in play when it last stopped (`restore.ts`),
 * serves, and on SIGINT/SIGTERM saves every game in play, to be resumed at the next start,
 * before exiting.
 */
import { startServer } from "./app";
import { configFromEnv } from "./config";
import { warmUp } from "./warmup";

const config = configFromEnv();
// The rules and views compiled before the first table plays (see warmup.ts).
warmUp();
const server = await startServer(config);
console.log(
  `Attractor server on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${server.port} (data in ${config.dataDir})`,
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: saving games in play (resumed at the next start) and shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await server.close();
    process.exit(0);
  } catch (error) {
    console.error("shutdown failed:", error);
    process.exit(1);
  }
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
