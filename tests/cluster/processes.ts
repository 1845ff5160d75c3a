/**
 * Server processes of a cluster test: each `server/main.ts` as a child process (tsx as a loader
 * in the child itself, so a SIGKILL to it leaves no grandchild running) on one Redis, with the
 * records in one shared DATA_DIR, reached through the front door at `{door}/{port}`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { LiveTableProbe } from "../../server/app";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ClusterSite {
  readonly redisUrl: string;
  readonly dataDir: string;
  /** The front door's port (nginx on loopback). */
  readonly door: number;
}

export class ServerProcess {
  private output = "";
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly door: number,
  ) {
    const keep = (d: Buffer) => {
      this.output += d.toString();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  static async start(site: ClusterSite, port: number): Promise<ServerProcess> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "server", "main.ts")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
          REDIS_URL: site.redisUrl,
          PUBLIC_ADDRESS: `127.0.0.1:${site.door}/${port}`,
          TRUST_PROXY: "loopback",
          DATA_DIR: site.dataDir,
          DATABASE_URL: "",
          CLIENT_DIST: path.join(site.dataDir, "no-client"),
          TIME_SCALE: "0.02",
          BOT_DELAY_MS: "20",
          ODDS_RUNS: "0",
          CREATES_PER_MINUTE: "1000",
          FAILED_JOIN_DELAY_MS: "0",
          TEST_HOOKS: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const server = new ServerProcess(child, port, site.door);
    await server.waitFor("Attractor server on", 60_000);
    return server;
  }

  /** The process's own HTTP base through the front door (`/{port}`). */
  get http(): string {
    return `http://127.0.0.1:${this.door}/${this.port}`;
  }

  /** Resolves when the process has printed `text` (at once if it already has). */
  waitFor(text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`no "${text}" from the process on ${this.port}; it said:\n${this.output}`),
        );
      }, timeoutMs);
      const check = () => {
        if (this.output.includes(text)) {
          cleanup();
          resolve();
        }
      };
      const gone = () => {
        cleanup();
        reject(new Error(`the process on ${this.port} exited before "${text}":\n${this.output}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.child.stdout?.off("data", check);
        this.child.off("exit", gone);
      };
      this.child.stdout?.on("data", check);
      this.child.once("exit", gone);
      check();
    });
  }

  get said(): string {
    return this.output;
  }

  /** The process's live tables (`TEST_HOOKS=1`), asked through its own path. */
  async tables(): Promise<Map<string, LiveTableProbe>> {
    const res = await fetch(`${this.http}/api/test/tables`);
    const list = (await res.json()) as LiveTableProbe[];
    return new Map(list.map((t) => [t.code, t]));
  }

  async kill(signal: "SIGKILL" | "SIGTERM"): Promise<void> {
    this.child.kill(signal);
    await this.exited;
  }

  /** Ends the process whatever state it is in (afterAll). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}
