/**
 * `npm run start:cluster -- --processes N [--port P]`: a try-out of several server processes
 * on this machine as one game (docs/DEPLOY.md). It builds the browser client if need be, starts
 * a throwaway Redis when REDIS_URL is unset (no persistence, loopback, a free port), N server
 * processes on the ports after the front door's, and nginx as the front door on P (default
 * PORT or 8080) from deploy/nginx.conf.template when nginx is installed. The records are the
 * SQLite file in DATA_DIR (shared by the processes on this machine) unless DATABASE_URL names a
 * PostgreSQL. Ctrl-C or SIGTERM stops the processes (their games saved), then nginx and Redis.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { nginxBinary, redisBinary, stopChild, ThrowawayNginx, ThrowawayRedis } from "./services";

const ROOT = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    processes: { type: "string", default: "2" },
    port: { type: "string", default: process.env.PORT || "8080" },
  },
});
const count = Number(values.processes);
const frontPort = Number(values.port);
if (!Number.isInteger(count) || count < 1 || count > 32)
  throw new Error(`--processes must be a whole number from 1 to 32 (got ${values.processes})`);
if (!Number.isInteger(frontPort) || frontPort < 1 || frontPort > 65535 - count)
  throw new Error(`--port must be a port number (got ${values.port})`);

const dist = process.env.CLIENT_DIST || path.join(ROOT, "client", "dist");
if (!existsSync(path.join(dist, "index.html"))) {
  console.log("Building the browser client (npm run build)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const build = spawnSync(npm, ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) console.error("The client build failed; serving the API only.");
}

let redis: ThrowawayRedis | null = null;
let redisUrl = process.env.REDIS_URL ?? "";
if (!redisUrl) {
  const binary = redisBinary();
  if (!binary) {
    console.error(
      "REDIS_URL is unset and redis-server is not installed (apt-get install redis-server).",
    );
    process.exit(1);
  }
  redis = await ThrowawayRedis.start(binary, true);
  redisUrl = redis.url;
  console.log(`Redis (throwaway, nothing kept): ${redisUrl}`);
}

const nginx = nginxBinary();
const ports = Array.from({ length: count }, (_, i) => frontPort + 1 + i);
const front = nginx ? `localhost:${frontPort}` : null;
const servers: ChildProcess[] = [];
let stopping = false;

/** Starts one server process; resolves once it listens. */
function startProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "main.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      NODE_ENV: "production",
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      REDIS_URL: redisUrl,
      PUBLIC_ADDRESS: front ? `${front}/${port}` : `localhost:${port}`,
      ...(front ? { TRUST_PROXY: process.env.TRUST_PROXY || "loopback" } : {}),
    },
  });
  servers.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`process on ${port} exited (${signal ?? code})`);
  });
  return new Promise((resolve, reject) => {
    // Each line of the process's output, after its port.
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      console.log(`[${port}] ${line}`);
      if (line.includes("Attractor server on")) resolve(child);
    });
    child.once("exit", () => reject(new Error(`the process on ${port} exited at its start`)));
  });
}

let door: ThrowawayNginx | null = null;

async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("Stopping: the processes save their games, then the front door and Redis stop.");
  await Promise.all(servers.map((s) => stopChild(s, 15_000)));
  await door?.stop();
  await redis?.stop();
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void stopAll().then(() => process.exit(0));
  });

try {
  // One after another: each restores what the records say is nobody's before the next starts.
  for (const port of ports) await startProcess(port);
  if (nginx) {
    door = await ThrowawayNginx.start(
      nginx,
      ports.map((p) => ({ path: String(p), upstream: `127.0.0.1:${p}` })),
      frontPort,
      true,
    );
  }
} catch (error) {
  console.error(error);
  await stopAll();
  process.exit(1);
}

console.log("");
if (door) {
  console.log(`Attractor on ${count} process(es): open http://localhost:${frontPort}/`);
  console.log(`  front door: nginx on ${frontPort} (config in ${door.prefix}/nginx.conf)`);
} else {
  console.log(
    `Attractor on ${count} process(es); nginx is not installed, so there is no front door`,
  );
  console.log(
    "  (apt-get install nginx): open one process directly; a table on another process is then",
  );
  console.log(
    "  out of the page's reach (its content security policy allows its own origin only).",
  );
}
for (const port of ports) console.log(`  process: http://localhost:${port}/`);
console.log("Ctrl-C stops them all.");
