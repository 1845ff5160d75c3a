/**
 * Throwaway services on loopback for `npm run start:cluster` and the cluster tests: a Redis
 * with no persistence on a free port, and nginx as the front door from deploy/nginx.conf.template
 * with its pid file, logs and temp files in a temp folder. Each is stopped by `stop()`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
export const NGINX_TEMPLATE = path.join(ROOT, "deploy", "nginx.conf.template");

/** The first of `candidates` (absolute paths or names on PATH) that exists, or null. */
export function findBinary(candidates: readonly string[]): string | null {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const c of candidates) {
    const paths = path.isAbsolute(c) ? [c] : dirs.map((d) => path.join(d, c));
    for (const p of paths) {
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch {}
    }
  }
  return null;
}

export const redisBinary = () =>
  findBinary(
    [process.env.REDIS_SERVER ?? "", "redis-server", "/usr/bin/redis-server"].filter(Boolean),
  );
export const nginxBinary = () =>
  findBinary([process.env.NGINX ?? "", "nginx", "/usr/sbin/nginx"].filter(Boolean));

/** A free TCP port on loopback (Node picks it; redis-server's `--port 0` would not). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves when the child prints `text` (rejects if it exits first or after `timeoutMs`). */
function said(child: ChildProcess, text: string, timeoutMs: number, name: string): Promise<void> {
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${name} did not start:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes(text)) done();
    };
    const onExit = () => done(new Error(`${name} exited at its start:\n${output}`));
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`) and waits for it to exit. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A Redis on a free loopback port, keeping nothing on disk. */
export class ThrowawayRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** redis-server's process (for its CPU and memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * `detached`: in a process group of its own, so a Ctrl-C in the terminal does not stop it
   * before the servers using it have saved their games (`stop()` does).
   */
  static async start(binary: string, detached = false): Promise<ThrowawayRedis> {
    const port = await freePort();
    const child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"], detached },
    );
    try {
      await said(child, "Ready to accept connections", 15_000, "redis-server");
    } catch (error) {
      child.kill("SIGKILL");
      throw error;
    }
    return new ThrowawayRedis(child, port);
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** One process behind the front door: the path it is reached under, and where it listens. */
export interface FrontDoorProcess {
  /** The path segment (`2568` for `/2568/`). */
  readonly path: string;
  /** `host:port` of the process. */
  readonly upstream: string;
}

/** deploy/nginx.conf.template filled in. */
export function nginxConfig(options: {
  readonly prefix: string;
  readonly listen: string;
  readonly processes: readonly FrontDoorProcess[];
}): string {
  const template = fs.readFileSync(NGINX_TEMPLATE, "utf8");
  // A process that refused a connection is skipped for 2 s only (nginx's default is 10 s):
  // a restarted one is back at once.
  const upstreams = options.processes
    .map((p) => `    server ${p.upstream} max_fails=1 fail_timeout=2s;`)
    .join("\n");
  const locations = options.processes
    .map((p) => `    location /${p.path}/ {\n      proxy_pass http://${p.upstream}/;\n    }`)
    .join("\n");
  return template
    .replaceAll("{{PREFIX}}", options.prefix)
    .replaceAll("{{LISTEN}}", options.listen)
    .replace("{{UPSTREAMS}}", upstreams)
    .replace("{{PROCESSES}}", locations);
}

/** Resolves once something accepts TCP connections on `port` (nginx says nothing when ready). */
async function accepting(port: number, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error("nginx exited at its start");
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx is not listening on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** nginx in the foreground on a generated copy of the template, all its files in a temp folder. */
export class ThrowawayNginx {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly prefix: string,
    private readonly output: () => string,
  ) {}

  static async start(
    binary: string,
    processes: readonly FrontDoorProcess[],
    port?: number,
    detached = false,
  ): Promise<ThrowawayNginx> {
    const listenPort = port ?? (await freePort());
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-nginx-"));
    const conf = path.join(prefix, "nginx.conf");
    fs.writeFileSync(conf, nginxConfig({ prefix, listen: `127.0.0.1:${listenPort}`, processes }));
    const child = spawn(
      binary,
      ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log"), "-g", "daemon off;"],
      {
        stdio: ["ignore", "pipe", "pipe"],
        detached,
      },
    );
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    try {
      await accepting(listenPort, 15_000, child);
    } catch (error) {
      child.kill("SIGKILL");
      const log = path.join(prefix, "error.log");
      const why = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
      throw new Error(`${(error as Error).message}\n${output}${why}`);
    }
    return new ThrowawayNginx(child, listenPort, prefix, () => output);
  }

  /** nginx's master process (its workers are its children). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** nginx's error log so far (for a failing test's message). */
  get errors(): string {
    const log = path.join(this.prefix, "error.log");
    return this.output() + (fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "");
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
    fs.rmSync(this.prefix, { recursive: true, force: true });
  }
}
