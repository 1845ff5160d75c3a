/**
 * The processes of `npm run bench:server` (scripts/bench-server.ts): a server process started
 * for a bench and asked its `/healthz`, and what the kernel counts of any process (its CPU time,
 * its memory, its main thread's CPU, the open-file limit), read from /proc on Linux; null
 * elsewhere.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Health {
  rooms: number;
  clients: number;
  rssBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface BenchServerOptions {
  readonly dataDir: string;
  readonly timeScale: number;
  /** The rooms the bench opens (the server's room cap and creation limit leave room for them). */
  readonly rooms: number;
  /** A folder for the server's V8 CPU profiles, or null. */
  readonly cpuProf: string | null;
  /** More environment, over the bench's (PORT, REDIS_URL, …). */
  readonly env?: Record<string, string>;
}

export interface BenchServer {
  readonly child: ChildProcess;
  readonly port: number;
  /** What it has printed so far. */
  output(): string;
}

export async function startServer(options: BenchServerOptions): Promise<BenchServer> {
  // The server runs under node itself with tsx imported (not tsx's CLI, which would start it
  // as its own child), so the child is the server: its main thread's CPU can be read
  // (`mainThreadCpuMs`) and --cpu-prof profiles it.
  const prof = options.cpuProf
    ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProf}`, "--cpu-prof-interval=200"]
    : [];
  const args = [...prof, "--import", "tsx", path.join(root, "server", "main.ts")];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir,
      TIME_SCALE: String(options.timeScale),
      MAX_ROOMS: String(options.rooms + 50),
      CREATES_PER_MINUTE: String(options.rooms * 10),
      BOT_DELAY_MS: "100",
      NODE_ENV: "production",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/:(\d+) \(data in/);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, port, output: () => out };
}

export async function health(port: number): Promise<Health> {
  return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
}

/**
 * Milliseconds of CPU the server's main thread (its event loop) has run, from the kernel's
 * scheduler count (Linux); null elsewhere. Unlike the process's CPU time, it leaves out the
 * odds threads, and unlike the loop's delays, other programs on the cores do not inflate it.
 */
export function mainThreadCpuMs(pid: number | undefined): number | null {
  try {
    return (
      Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6
    );
  } catch {
    return null;
  }
}

/**
 * Milliseconds the main thread of `pid` has spent runnable but waiting for a core, from the
 * kernel's scheduler count (Linux); null elsewhere. Large beside its CPU time, the machine is
 * short of cores: the thread's lateness is other programs' doing, not its own work.
 */
export function mainThreadWaitMs(pid: number | undefined): number | null {
  try {
    return (
      Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e6
    );
  } catch {
    return null;
  }
}

/** The kernel's clock ticks per second (the unit of /proc/PID/stat's times). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString()) || 100;
  } catch {
    return 100;
  }
})();

/** `pid` and its descendants (an nginx master and its workers), from /proc. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, "utf8");
      tree.push(...children.split(" ").filter(Boolean).map(Number));
    } catch {}
  }
  return tree;
}

/** CPU time (user and system, all threads) of `pid` and its descendants, in ms; null off Linux. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let ms = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      // The fields after the command's closing parenthesis start at the third; utime, stime
      // are the 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      if (p === pid) return null;
    }
  }
  return ms;
}

/** Resident memory of `pid` and its descendants, in bytes; null off Linux. */
export function processRssBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let bytes = 0;
  for (const p of processTree(pid)) {
    try {
      const m = fs.readFileSync(`/proc/${p}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      bytes += Number(m?.[1] ?? 0) * 1024;
    } catch {
      if (p === pid) return null;
    }
  }
  return bytes;
}

/** This process's soft limit on open files (what its children inherit); null off Linux. */
export function openFileLimit(): number | null {
  try {
    const m = fs.readFileSync("/proc/self/limits", "utf8").match(/^Max open files\s+(\d+)/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
