/**
 * What the browser tests share: the real game server started on a free port with a temp
 * DATA_DIR and short timers, Debian's Chromium through playwright-core, pages that record
 * console errors, the page's test hook, and screenshots.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SHOTS_DIR = process.env.SHOTS_DIR ?? path.join(ROOT, "test-results", "screenshots");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface GameServer {
  url: string;
  port: number;
  /** The server's DATA_DIR (its records). */
  dataDir: string;
  stop(): Promise<void>;
  log(): string;
  /**
   * Ends the process with this signal (SIGKILL: a crash) and waits for it to exit, keeping its
   * DATA_DIR for a server started again with `startServer(env, { port, dataDir })`.
   */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Where a server starts again after `kill`: the same port and records. */
export interface ServerPlace {
  port: number;
  dataDir: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The processes a process started, and theirs, parents first (Linux: `pgrep -P`). */
function descendants(pid: number): number[] {
  const out = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout ?? "";
  const kids = out.split("\n").filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

/** Starts `server/main.ts` as `npm start` would, with short timers. */
export async function startServer(
  env: Record<string, string> = {},
  at?: ServerPlace,
): Promise<GameServer> {
  const port = at?.port ?? (await freePort());
  const dataDir = at?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "attractor-e2e-"));
  let out = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "server/main.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        // The browser tests' own build (global-setup.ts), else client/dist.
        CLIENT_DIST: process.env.E2E_CLIENT_DIST ?? path.join(ROOT, "client/dist"),
        TIME_SCALE: "0.1",
        BOT_DELAY_MS: "50",
        CREATES_PER_MINUTE: "1000",
        RECONNECT_SECONDS: "30",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  // Compiling and booting the server takes seconds, longer on a busy machine.
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return {
    url,
    port,
    dataDir,
    log: () => out,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // tsx runs the server in a child process of its own, and a SIGKILL is not relayed: the
      // signal goes to that process (and any it started) first, then to tsx.
      for (const pid of descendants(child.pid!).reverse()) {
        try {
          process.kill(pid, signal);
        } catch {
          // already gone
        }
      }
      child.kill(signal);
      await exited;
    },
    async stop() {
      // (After `kill` the process has a signalCode and no exitCode: it is already gone.)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Launches Chromium. Playwright gives every launch a fresh, temporary user-data-dir of its own
 * (it refuses a `--user-data-dir` flag with `launch`), and every context is isolated. Every
 * context bypasses the page's Content-Security-Policy: the server forbids `eval` in its pages
 * (`script-src 'self'`), and the tests' string predicates (`waitFor`, `page.evaluate`) are
 * evaluated in the page.
 */
export async function launch(): Promise<Browser> {
  // The pages run under the server's real Content-Security-Policy: nothing here asks the page to
  // evaluate text itself (see waitFor), so no bypass is needed and the policy stays under test.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A page that records console errors and page errors. */
export async function openPage(ctx: BrowserContext, errors: string[]): Promise<Page> {
  const page = await ctx.newPage();
  recordErrors(page, errors);
  return page;
}

/** Records a page's console errors and page errors (a page the page itself opened, say). */
export function recordErrors(page: Page, errors: string[]): void {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
}

export interface HookState {
  screen: string;
  connection: string;
  code: string | null;
  playerId: string | null;
  seat: { seat: string | null; token: string | null } | null;
  table: {
    stage: string;
    phase: string;
    round: number;
    players: { id: string; name: string; seat: string | null; ready: boolean; host: boolean }[];
    seats: { id: string; role: string; player: string | null }[];
  } | null;
  view: {
    seat: { seat: string; movesLeft: number; self: { role: string } } | null;
    public: {
      round: number;
      rounds: number;
      phase: string;
      proposals: {
        uid: number;
        status: string;
        proposer: string;
        reg: string;
        votes: Record<string, boolean>;
      }[];
      regulations: {
        uid: number;
        reg: string;
        scope: number | "accord";
        endsRound: number | null;
      }[];
    };
  } | null;
  debrief: { debrief: { ending: string }; gameId: string } | null;
  chat: { from: string; text: string }[];
  toasts: { id: number; text: string; kind: string }[];
}

export async function hook(page: Page): Promise<HookState> {
  return (await page.evaluate("window.__attractor.state()")) as HookState;
}

/**
 * Waits until `predicate` (an expression about the page's state) holds, looking every 100 ms.
 * It is evaluated over the DevTools protocol (`page.evaluate`), which the page's
 * Content-Security-Policy does not govern; `waitForFunction` with a string would compile it
 * inside the page, which `script-src 'self'` rightly refuses.
 */
export async function waitFor(page: Page, predicate: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(`Boolean(${predicate})`)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitScreen(page: Page, screen: string, timeout = 30_000): Promise<void> {
  await waitFor(
    page,
    `window.__attractor && window.__attractor.ready && window.__attractor.screen === ${JSON.stringify(screen)}`,
    timeout,
  );
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Copies a screenshot to docs/screenshots for the README. */
export function publish(file: string, name: string): void {
  const dir = path.join(ROOT, "docs", "screenshots");
  mkdirSync(dir, { recursive: true });
  copyFileSync(file, path.join(dir, `${name}.png`));
}

interface ReadyLook {
  /** The predicate holds. */
  done: boolean;
  /** This player's round, phase, stage and readiness, and whether Ready can be pressed (JSON). */
  state: string;
}

interface ReadyState {
  round: number | null;
  phase: string | null;
  viewPhase: string | null;
  stage: string | null;
  ready: boolean | null;
  canPress: boolean;
}

/**
 * A page predicate: the game is in this phase, in the table and in this player's view alike
 * (the server sends them as two messages, and the page may be between them).
 */
export function inPhase(phase: string): string {
  return `((s) => s.table?.phase === ${JSON.stringify(phase)} && s.view?.public?.phase === ${JSON.stringify(phase)})(window.__attractor.state())`;
}

/**
 * In the page: waits (checking every 100 ms) until the predicate holds or this player's state
 * differs from `last`, or `ms` have passed, and answers with both. A form field that has the
 * focus loses it, since the R shortcut is ignored while one has it (a select, a slider). One
 * round trip per look: on a page busy drawing the landscape every call waits for a frame. A
 * predicate that throws rejects the look.
 */
function readyLook(predicate: string, last: string, ms: number): string {
  return `new Promise((resolve, reject) => {
    const end = Date.now() + ${ms};
    const look = () => {
      try {
        step();
      } catch (e) {
        reject(e);
      }
    };
    const step = () => {
      const done = !!(${predicate});
      const s = window.__attractor.state();
      const me = s.table?.players.find((p) => p.id === s.playerId);
      // The table and the view are two messages: press only once both are in this phase.
      const viewPhase = s.view?.public?.phase ?? null;
      const canPress =
        s.screen === "game" && !!me && s.table?.stage === "playing" && viewPhase === s.table.phase;
      const state = JSON.stringify({
        round: s.table?.round ?? null,
        phase: s.table?.phase ?? null,
        viewPhase,
        stage: s.table?.stage ?? null,
        ready: me?.ready ?? null,
        canPress,
      });
      if (!done && state === ${JSON.stringify(last)} && Date.now() < end) {
        setTimeout(look, 100);
        return;
      }
      const field = document.activeElement;
      if (!done && field && field.matches("input, select, textarea")) field.blur();
      resolve({ done, state });
    };
    look();
  })`;
}

/**
 * Presses Ready (with the R key) once in each phase where this player is not ready, until the
 * predicate holds. After a press it waits for the server's answer (this player ready, or the
 * next phase) before it looks again, and never presses twice in one phase: a second press sent
 * before the first was answered would land in the next phase and end that one too (in a solo
 * game one Ready ends a phase). So each phase must outlast the wait for an answer: give the
 * server long phases (LONG_PHASES in env.ts) so that only the test's presses end them.
 */
/** How long readyUntil waits for any answer to a press before it presses again. */
const ANSWER_WAIT = 15_000;

export async function readyUntil(
  page: Page,
  predicate: string,
  timeout = 180_000,
  each?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let pressedIn: string | null = null;
  let last = "";
  while (Date.now() < deadline) {
    if (each) await each();
    const look = (await page.evaluate(
      readyLook(predicate, last, Math.min(ANSWER_WAIT, Math.max(0, deadline - Date.now()))),
    )) as ReadyLook;
    const s = JSON.parse(look.state) as ReadyState;
    if (look.done) {
      // A press that landed just after the phase changed would end this phase too: take it back.
      if (s.ready) await page.keyboard.press("r");
      return;
    }
    // A press that got no answer at all (still not ready, nothing changed): press again. The
    // message names ready: true, so a late answer to the first press changes nothing.
    if (look.state === last && s.ready === false) pressedIn = null;
    last = look.state;
    const phaseKey = `${s.round}/${s.phase}`;
    if (s.canPress && s.ready === false && pressedIn !== phaseKey) {
      await page.keyboard.press("r");
      pressedIn = phaseKey;
    }
  }
  throw new Error(`timed out waiting for ${predicate} (last seen: ${last})`);
}

/** Makes a move through the dashboard: opens it, fills its fields, presses its button. */
export async function doMove(
  page: Page,
  id: string,
  fields: Record<string, string | boolean> = {},
): Promise<void> {
  const before = (await hook(page)).view?.seat?.movesLeft ?? 0;
  const mtab = page.locator("[data-testid=mtab-you]");
  if (await mtab.isVisible()) await mtab.click();
  const card = page.locator(`details[data-move=${id}]`);
  if (!(await card.evaluate((d) => d.hasAttribute("open")))) await card.locator("summary").click();
  for (const [name, value] of Object.entries(fields)) {
    const el = card.locator(`[name=${name}]`);
    if (typeof value === "boolean") await el.setChecked(value);
    else if ((await el.getAttribute("type")) === "range") await el.fill(value);
    else await el.selectOption(value);
  }
  await card.locator(`[data-testid=do-${id}]`).click();
  await waitFor(
    page,
    `(window.__attractor.state().view?.seat?.movesLeft ?? 9) < ${before} || window.__attractor.state().toasts.some(t => t.kind === "error")`,
    30_000,
  );
  const after = await hook(page);
  if ((after.view?.seat?.movesLeft ?? 9) >= before) {
    const why = after.toasts.filter((t) => t.kind === "error").map((t) => t.text);
    throw new Error(`move ${id} refused: ${why.join("; ")}`);
  }
}
