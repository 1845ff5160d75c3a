#!/usr/bin/env node
/**
 * `npm run dev`: the Vite dev server for the client (hot reload) and the game server, side by
 * side. The client proxies /colyseus (matchmaking and websockets), /api and /healthz to the
 * game server on GAME_PORT (default 2567). If a game server is already listening there, only
 * Vite starts. Open http://localhost:5173 (or ?offline to play against in-page bots).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import { createServer } from "vite";

const gamePort = Number(process.env.GAME_PORT ?? process.env.PORT ?? 2567);
process.env.GAME_SERVER = `http://localhost:${gamePort}`;

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

let server = null;
if (!(await listening(gamePort))) {
  server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: String(gamePort), NODE_ENV: "development" },
  });
  server.on("exit", (code) => {
    if (code) console.error(`game server exited with code ${code}`);
  });
} else {
  console.log(`Using the game server already on port ${gamePort}.`);
}

const vite = await createServer({ configFile: "client/vite.config.ts" });
await vite.listen();
vite.printUrls();

const stop = async () => {
  server?.kill("SIGTERM");
  await vite.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
