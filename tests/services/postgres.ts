/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temp folder (trust auth, loopback
 * only, its socket in that folder, no fsync), started on a free port with `pg_ctl`, stopped with
 * `pg_ctl -m immediate stop` and removed. As root (initdb refuses root) both run as the
 * `postgres` user through `runuser`. Where the binaries are missing the tests that need them
 * are skipped with a message saying what to install, except in CI (`CI` set), where the missing
 * binaries are an error: CI always runs them.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../scripts/services";

const run = promisify(execFile);

/** The folder holding `initdb` and `pg_ctl`: Debian's /usr/lib/postgresql/N/bin, else PATH. */
export function postgresBin(): string | null {
  const has = (dir: string) =>
    fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions)
      if (has(path.join(debian, v, "bin"))) return path.join(debian, v, "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && has(dir)) return dir;
  return null;
}

const INSTALL = "install PostgreSQL's server binaries (Debian: apt-get install postgresql)";

/**
 * Whether the PostgreSQL tests can run here. Missing binaries: in CI an error (thrown at once,
 * failing the file); elsewhere false, with a line saying which tests are skipped and why.
 */
export function postgresAvailable(what: string): boolean {
  if (postgresBin()) return true;
  const message = `PostgreSQL (initdb, pg_ctl) not found: ${what} skipped; ${INSTALL}`;
  if (process.env.CI) throw new Error(`${message} (CI runs every test)`);
  console.warn(message);
  return false;
}

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: the cluster's default database. */
  readonly url: string;
  readonly port: number;
  /** A new empty database in the cluster; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the cluster at once (`-m immediate`) and removes its folder. */
  stop(): Promise<void>;
}

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root. */
function runAs(asPostgres: boolean, bin: string, args: string[]) {
  return asPostgres ? run("runuser", ["-u", "postgres", "--", bin, ...args]) : run(bin, args);
}

/** Initialises and starts a cluster (about 5 s); throws if the binaries are missing. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(`PostgreSQL (initdb, pg_ctl) not found: ${INSTALL}`);
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attractor-pg-"));
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const pgCtl = path.join(bin, "pg_ctl");
  const port = await freePort();
  try {
    await runAs(root, path.join(bin, "initdb"), [
      "--auth=trust",
      "--username=postgres",
      "--encoding=UTF8",
      "--no-sync",
      "-D",
      data,
    ]);
    await runAs(root, pgCtl, [
      "-w",
      "-D",
      data,
      "-l",
      path.join(dir, "log"),
      "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
      "start",
    ]);
  } catch (error) {
    const log = path.join(dir, "log");
    const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${tail}`, { cause: error });
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await runAs(root, pgCtl, ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
