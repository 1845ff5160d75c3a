/**
 * Vite build of the browser client: root is client/, output client/dist (served by the game
 * server), static assets from the repository's assets/ folder. Phaser is imported dynamically,
 * so it lands in its own chunk that only the game screen loads.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const gameServer = process.env.GAME_SERVER ?? "http://localhost:2567";

export default defineConfig({
  root: here,
  publicDir: fileURLToPath(new URL("../assets", import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1600,
  },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    strictPort: false,
    proxy: {
      "/colyseus": {
        target: gameServer,
        ws: true,
        changeOrigin: true,
        rewrite: (path) => path.replace(/^\/colyseus/, ""),
      },
      "/api": { target: gameServer, changeOrigin: true },
      "/healthz": { target: gameServer, changeOrigin: true },
    },
  },
});
