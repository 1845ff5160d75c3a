/**
 * `npm start`: builds the browser client if it is not built yet, then runs the server (with
 * tsx) on one port: the client, the JSON API, /healthz and the Colyseus WebSocket.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.env.CLIENT_DIST || path.join(root, "client", "dist");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

if (!existsSync(path.join(dist, "index.html"))) {
  if (existsSync(path.join(root, "client", "vite.config.ts"))) {
    console.log("Building the browser client (npm run build)…");
    const build = spawnSync(npm, ["run", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) {
      console.error("The client build failed; starting the server without it.");
    }
  } else {
    console.log("No client to build yet (client/vite.config.ts is missing); serving the API only.");
  }
}

const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const child = spawn(process.execPath, [tsx, path.join(root, "server", "main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
