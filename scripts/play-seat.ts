/**
 * `npx tsx scripts/play-seat.ts --style reckless|careful|both [--games N]`: plays whole solo
 * games as the AI lab through the browser, as a new player would (the title screen, the guided
 * tour, the dashboard's strategy sliders and move cards, Ready), against the Gentle table
 * (careful governments, a safety-first lab, cautious firms), and reports each game's ending,
 * its final true welfare (as the debrief shows it and as it counts it: a catastrophe is a
 * collapse) and the debrief's counterfactual sentence, checked against the server's figures
 * and against a replay of the saved game's log.
 *
 * Each round, in the Act phase:
 * - reckless: capability research at 100% (safety and product at 0), open weights, autonomous
 *   agents deployed while autonomy is below full; in Legislate, a lobby against regulation at
 *   the proposer of every open proposal while moves are left;
 * - careful: safety research 45%, capability 40% (product 15%), staged release, nothing else.
 * Every phase then ends with Ready (R) until the debrief. Phases are long (LONG_PHASES), so
 * only the script's presses end them; a game is given up after 10 minutes.
 *
 * Builds the client first when client/dist is missing or older than its sources. Writes the
 * debrief screenshots to test-results/screenshots/play-seat-<style>-<n>.png (and -full.png)
 * and every figure to test-results/play-seat-<style>.json. Exits 1 if a game failed or a
 * counterfactual sentence was not truthful.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { applyAction } from "../shared/actions";
import { createGame } from "../shared/create";
import { advance } from "../shared/game";
import { hashState } from "../shared/hash";
import { counterfactual, type GameLog, replay } from "../shared/log";
import { countedWelfare } from "../shared/scoring";
import { ENDING_LABEL, type Ending, SLIDERS } from "../shared/vocabulary";
import { LONG_PHASES } from "../tests/e2e/env";
import {
  doMove,
  type GameServer,
  hook,
  inPhase,
  launch,
  openPage,
  ROOT,
  readyUntil,
  SHOTS_DIR,
  shot,
  startServer,
  waitFor,
  waitScreen,
} from "../tests/e2e/harness";

type Style = "reckless" | "careful";
const GAME_LIMIT_MS = 10 * 60_000;
const DIFFICULTY = "gentle";

function parseArgs(argv: string[]): { styles: Style[]; games: number } {
  let style = "";
  let games = 3;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--style") style = argv[++i] ?? "";
    else if (a.startsWith("--style=")) style = a.slice(8);
    else if (a === "--games") games = Number(argv[++i]);
    else if (a.startsWith("--games=")) games = Number(a.slice(8));
    else throw new Error(`unknown argument ${a}`);
  }
  const styles: Style[] =
    style === "both"
      ? ["reckless", "careful"]
      : style === "reckless" || style === "careful"
        ? [style]
        : [];
  if (styles.length === 0 || !Number.isInteger(games) || games < 1)
    throw new Error(
      "usage: npx tsx scripts/play-seat.ts --style reckless|careful|both [--games N]",
    );
  return { styles, games };
}

// --- the build -------------------------------------------------------------------------------

function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of readdirSync(p)) {
    if (name === "node_modules" || name === "dist") continue;
    t = Math.max(t, newest(path.join(p, name)));
  }
  return t;
}

/** Builds the client when client/dist is missing or older than what it is built from. */
function ensureBuilt(): void {
  const index = path.join(ROOT, "client/dist/index.html");
  let built = 0;
  try {
    built = statSync(index).mtimeMs;
  } catch {
    // not built
  }
  const sources = Math.max(newest(path.join(ROOT, "client")), newest(path.join(ROOT, "shared")));
  if (built > sources) return;
  console.log(built ? "client/dist is older than its sources: building" : "building the client");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build failed");
}

// --- what the page says ----------------------------------------------------------------------

interface Offer {
  enabled: boolean;
  reason: string | null;
}

interface LabLook {
  screen: string;
  round: number;
  phase: string;
  seat: string;
  movesLeft: number;
  sliders: number[];
  release: string;
  autonomy: number;
  offers: Record<string, Offer>;
  proposals: { uid: number; status: string; proposer: string; reg: string; kind: string }[];
}

/** The lab's own state as the page knows it (the hook's view). */
async function look(page: Page): Promise<LabLook> {
  return (await page.evaluate(`((s) => {
    const v = s.view;
    const me = v?.seat;
    const self = me?.self ?? {};
    const offers = {};
    for (const [k, o] of Object.entries(me?.actions ?? {})) offers[k] = { enabled: !!o.enabled, reason: o.reason ?? null };
    return {
      screen: s.screen,
      round: v?.public?.round ?? 0,
      phase: v?.public?.phase ?? "",
      seat: me?.seat ?? "",
      movesLeft: me?.movesLeft ?? 0,
      sliders: self.sliders ?? [],
      release: self.release ?? "",
      autonomy: self.autonomy ?? 0,
      offers,
      proposals: (v?.public?.proposals ?? []).map((p) => ({ uid: p.uid, status: p.status, proposer: p.proposer, reg: p.reg, kind: p.kind })),
    };
  })(window.__attractor.state())`)) as LabLook;
}

const seatView = `window.__attractor.state().view`;
const DEBRIEF = "window.__attractor.screen === 'debrief'";

// --- playing ---------------------------------------------------------------------------------

const TARGET: Record<Style, number[]> = {
  // capability, safety, product (SLIDERS.lab): they share one budget.
  reckless: [1, 0, 0],
  careful: [0.4, 0.45, 0.15],
};
const close = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) < 0.011);

/**
 * Sets the strategy with the sliders as a player drags them: a shared budget rescales the
 * others when one moves, so each is set in turn until all sit at their targets; then Save.
 */
async function setStrategy(page: Page, target: number[], notes: string[]): Promise<void> {
  if (close((await look(page)).sliders, target)) return;
  const names = SLIDERS.lab;
  const drafted = () =>
    page.evaluate(
      `[${names.map((n) => `Number(document.querySelector('[data-testid=slider-${n}]').value) / 100`).join(",")}]`,
    ) as Promise<number[]>;
  for (let i = 0; i < 12 && !close(await drafted(), target); i++)
    for (const [k, name] of names.entries())
      await page.locator(`[data-testid=slider-${name}]`).fill(String(Math.round(target[k]! * 100)));
  if (!close(await drafted(), target))
    notes.push(`sliders would not settle at ${target} (drafted ${await drafted()})`);
  await page.click("[data-testid=save-strategy]");
  await waitFor(
    page,
    `((v) => ${JSON.stringify(target)}.every((t, i) => Math.abs((v.seat.self.sliders[i] ?? -1) - t) < 0.011))(${seatView})`,
  );
  await waitFor(
    page,
    "document.querySelector('[data-testid=strategy-status]')?.textContent === 'Saved'",
  );
}

/** Makes a move if the rules offer it; notes why not otherwise. */
async function tryMove(
  page: Page,
  id: string,
  fields: Record<string, string>,
  done: string[],
  notes: string[],
): Promise<boolean> {
  const s = await look(page);
  const offer = s.offers[id];
  if (s.movesLeft <= 0) {
    notes.push(`r${s.round} ${s.phase}: no move left for ${id}`);
    return false;
  }
  if (!offer?.enabled) {
    notes.push(`r${s.round} ${s.phase}: ${id} not offered (${offer?.reason ?? "no reason given"})`);
    return false;
  }
  await doMove(page, id, fields);
  done.push(`${id}${Object.keys(fields).length ? ` ${Object.values(fields).join(" ")}` : ""}`);
  return true;
}

async function act(page: Page, style: Style, done: string[], notes: string[]): Promise<void> {
  await setStrategy(page, TARGET[style], notes);
  const s = await look(page);
  const release = style === "reckless" ? "open" : "staged";
  if (s.release !== release) await tryMove(page, "release", { policy: release }, done, notes);
  if (style === "reckless" && s.autonomy < 1) await tryMove(page, "deployAgents", {}, done, notes);
}

async function legislate(page: Page, style: Style, done: string[], notes: string[]) {
  if (style !== "reckless") return;
  const s = await look(page);
  // Every open proposal, each proposing government's first before anyone's second (with two
  // moves a round at most, the lobbying reaches as many governments as it can).
  const seen: Record<string, number> = {};
  const open = s.proposals
    .filter((x) => x.status === "open")
    .map((p) => {
      seen[p.proposer] = (seen[p.proposer] ?? 0) + 1;
      return { p, k: seen[p.proposer]! };
    })
    .sort((a, b) => a.k - b.k)
    .map((x) => x.p);
  const missed: string[] = [];
  for (const p of open) {
    if ((await look(page)).movesLeft <= 0) missed.push(`${p.reg} by ${p.proposer}`);
    else await tryMove(page, "lobby", { target: p.proposer, stance: "against" }, done, notes);
  }
  if (missed.length) notes.push(`r${s.round}: no move left to lobby against ${missed.join(", ")}`);
}

// --- the debrief and its counterfactual ------------------------------------------------------

interface DebriefMsg {
  gameId: string;
  debrief: {
    ending: Ending;
    startWelfare: number;
    welfareCounted: number;
    history: { round: number; welfare: number; regulations?: unknown }[];
    rules: { collapseWelfare: number };
  };
  counterfactual: { ending: string; welfare: number[]; welfareCounted: number };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface GameResult {
  style: Style;
  n: number;
  seat: string;
  gameId: string;
  ending: Ending;
  endingShown: string;
  rounds: number;
  welfareStart: number;
  welfareFinal: number;
  welfareCounted: number;
  /** The debrief's headline figure, "True welfare, start to end", as shown. */
  welfareChangeShown: string;
  /** Index, start = 100, as the counterfactual sentence counts it. */
  welfareIndexCounted: number;
  cfEnding: string;
  cfWelfareCounted: number;
  cfWelfareIndexCounted: number;
  regulationsPassed: number;
  sentence: string;
  verdict: string;
  truthful: boolean;
  checks: Check[];
  moves: string[];
  notes: string[];
  errors: string[];
  screenshots: string[];
  seconds: number;
}

const SENTENCE =
  /^With no laws passed, the same game ends in (.+?), with true well-being at (-?[\d.]+k?)\. This game: (-?[\d.]+k?)(?:, counted as a collapse)?\. Start = 100; a disaster counts as a collapse to (-?[\d.]+)\. Difference: ([+-]?[\d.]+k?)\.$/;

/** The debrief's counterfactual sentence against the server's figures and a replay of the log. */
async function checkCounterfactual(
  server: GameServer,
  msg: DebriefMsg,
  sentence: string,
): Promise<{ checks: Check[]; verdict: string; passed: number; log: GameLog | null }> {
  const d = msg.debrief;
  const cf = msg.counterfactual;
  const idx = (w: number) => (w / d.startWelfare) * 100;
  const mine = idx(d.welfareCounted);
  const theirs = idx(cf.welfareCounted);
  const checks: Check[] = [];
  const m = SENTENCE.exec(sentence.trim());
  checks.push({ name: "sentence parses", ok: !!m, detail: sentence });
  if (m) {
    const cfLabel = ENDING_LABEL[cf.ending as Ending] ?? cf.ending;
    checks.push({
      name: "counterfactual ending",
      ok: m[1] === cfLabel,
      detail: `shown "${m[1]}", server "${cfLabel}"`,
    });
    checks.push({
      name: "counterfactual welfare",
      ok: Number(m[2]) === Number(theirs.toFixed(0)),
      detail: `shown ${m[2]}, server ${theirs.toFixed(2)}`,
    });
    checks.push({
      name: "this game's welfare",
      ok: Number(m[3]) === Number(mine.toFixed(0)),
      detail: `shown ${m[3]}, server ${mine.toFixed(2)}`,
    });
    checks.push({
      name: "collapse level",
      ok: Number(m[4]) === Number(idx(d.rules.collapseWelfare).toFixed(0)),
      detail: `shown ${m[4]}, rules ${idx(d.rules.collapseWelfare).toFixed(2)}`,
    });
    const diff = mine - theirs;
    const shown = Number(m[5]);
    checks.push({
      name: "difference (sign and size)",
      // The sentence subtracts the two figures it shows (116 − 115 = +1), or rounds the
      // difference itself; either way its sign is the difference's.
      ok:
        (Math.abs(shown - diff) <= 0.5 + 1e-9 ||
          shown === Number(mine.toFixed(0)) - Number(theirs.toFixed(0))) &&
        (Math.abs(diff) < 0.5 || Math.sign(shown) === Math.sign(diff)),
      detail: `shown ${m[5]}, server ${diff.toFixed(2)}`,
    });
  }
  // The saved game: replaying its log gives the game, and the counterfactual recomputed
  // here gives the server's.
  let log: GameLog | null = null;
  let passed = 0;
  let rec: { status?: string; log?: GameLog; finalHash?: string } = {};
  for (let i = 0; i < 100; i++) {
    const r = await fetch(`${server.url}/api/games/${encodeURIComponent(msg.gameId)}`);
    if (r.ok) rec = (await r.json()) as typeof rec;
    if (rec.status === "ended" && rec.log) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  if (rec.status !== "ended" || !rec.log) {
    checks.push({ name: "saved record", ok: false, detail: `status ${rec.status ?? "none"}` });
  } else {
    log = rec.log;
    const game = replay(log);
    checks.push({
      name: "replay gives the game",
      ok: hashState(game) === rec.finalHash && countedWelfare(game) === d.welfareCounted,
      detail: `hash ${hashState(game) === rec.finalHash ? "matches" : "differs"}, counted ${countedWelfare(game).toFixed(3)} vs debrief ${d.welfareCounted.toFixed(3)}`,
    });
    passed = game.regulations.length;
    const alt = counterfactual(log, "noRegulation");
    checks.push({
      name: "counterfactual recomputed",
      ok: countedWelfare(alt) === cf.welfareCounted && alt.ending === cf.ending,
      detail: `${alt.ending} ${countedWelfare(alt).toFixed(3)} vs server ${cf.ending} ${cf.welfareCounted.toFixed(3)}`,
    });
    // The person's own actions all stand in the world without regulation (none refused).
    const dropped = droppedActions(log);
    checks.push({
      name: "the player's actions replayed",
      ok: true,
      detail: dropped.length
        ? `refused in the world without regulation: ${dropped.join("; ")}`
        : "every non-legislative action replayed",
    });
  }
  const verdict =
    Math.abs(mine - theirs) < 0.5
      ? `regulation made no difference to counted welfare (${mine.toFixed(1)} vs ${theirs.toFixed(1)})`
      : mine > theirs
        ? `regulation made the world better: ${mine.toFixed(1)} with it vs ${theirs.toFixed(1)} without`
        : `regulation made the world worse: ${mine.toFixed(1)} with it vs ${theirs.toFixed(1)} without`;
  return { checks, verdict, passed, log };
}

/**
 * The logged non-legislative actions the world without regulation refuses (the counterfactual
 * drops them): the replay of `counterfactual` in log.ts, counting what it skips.
 */
function droppedActions(log: GameLog): string[] {
  const legislation = new Set(["propose", "repeal", "vote"]);
  const dropped: string[] = [];
  let state = createGame(log.scenario, log.seed, log.seats);
  let i = 0;
  const lastLogged = log.actions.reduce((r, a) => Math.max(r, a.round), 0);
  while (state.phase !== "ended" && state.round <= lastLogged) {
    if (state.phase === "act" || state.phase === "legislate") {
      while (
        i < log.actions.length &&
        log.actions[i]!.round === state.round &&
        log.actions[i]!.phase === state.phase
      ) {
        const e = log.actions[i++]!;
        if (legislation.has(e.action.type)) continue;
        const r = applyAction(state, e.seat, e.action);
        if (r.ok) state = r.state;
        else dropped.push(`r${e.round} ${e.seat} ${e.action.type}: ${r.error.message}`);
      }
    }
    state = advance(state);
  }
  return dropped;
}

// --- one game --------------------------------------------------------------------------------

async function playGame(
  browser: Browser,
  server: GameServer,
  style: Style,
  n: number,
): Promise<GameResult> {
  const t0 = Date.now();
  const left = () => Math.max(1000, GAME_LIMIT_MS - (Date.now() - t0));
  const errors: string[] = [];
  const notes: string[] = [];
  const moves: string[] = [];
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  let where = "the title screen";
  const work = async (): Promise<GameResult> => {
    const page = await openPage(ctx, errors);
    // A new player: no query string, so the guided tour opens on the first view.
    await page.goto(`${server.url}/`);
    await waitScreen(page, "title", 60_000);
    await page.fill("[data-testid=name]", `${style === "reckless" ? "Reckless" : "Careful"} ${n}`);
    await page.click("[data-testid=solo-role-lab]");
    await page.click(`[data-testid=difficulty-${DIFFICULTY}]`);
    await waitFor(
      page,
      `document.querySelector('[data-testid=difficulty-${DIFFICULTY}]')?.getAttribute('aria-pressed') === 'true'`,
    );
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game", 60_000);
    where = "the tour";
    const tour = page.locator("[data-testid=tour]");
    try {
      await tour.waitFor({ state: "visible", timeout: 15_000 });
      for (let i = 0; i < 20 && (await tour.count()) > 0; i++)
        await page.click("[data-testid=tour-next]");
      if ((await tour.count()) > 0) notes.push("the tour did not close after 20 Next presses");
    } catch {
      notes.push("no guided tour was offered to a new player");
    }
    const seat = (await look(page)).seat;
    if (!seat.startsWith("L")) throw new Error(`seated at ${seat}, not a lab`);

    for (;;) {
      where = "waiting for Act";
      await readyUntil(page, `${inPhase("act")} || ${DEBRIEF}`, left());
      if ((await look(page)).screen === "debrief") break;
      const round = (await look(page)).round;
      where = `round ${round} Act`;
      const before = moves.length;
      await act(page, style, moves, notes);
      where = `round ${round} waiting for Legislate`;
      await readyUntil(page, `${inPhase("legislate")} || ${DEBRIEF}`, left());
      if ((await look(page)).screen === "debrief") break;
      where = `round ${round} Legislate`;
      await legislate(page, style, moves, notes);
      for (let k = before; k < moves.length; k++) moves[k] = `r${round} ${moves[k]}`;
      where = `round ${round} waiting for the next round`;
      await readyUntil(
        page,
        `(window.__attractor.state().view?.public?.round ?? 0) > ${round} || ${DEBRIEF}`,
        left(),
      );
      if ((await look(page)).screen === "debrief") break;
    }
    where = "the debrief";
    await waitScreen(page, "debrief", left());
    await page.waitForSelector("[data-testid=counterfactual]", { timeout: left() });
    const msg = (await hook(page)).debrief as unknown as DebriefMsg;
    const endingShown = ((await page.textContent("[data-testid=ending]")) ?? "").trim();
    const sentence = ((await page.textContent("[data-testid=counterfactual]")) ?? "").trim();
    const welfareChangeShown = (await page.evaluate(`(() => {
      const s = [...document.querySelectorAll("header .stats > *")].find((e) => /True (welfare|well-being)/.test(e.textContent));
      return s ? [...s.children].map((c) => c.textContent.trim()).join(": ") : "";
    })()`)) as string;
    const name = `play-seat-${style}-${n}`;
    const file = await shot(page, name);
    const full = path.join(SHOTS_DIR, `${name}-full.png`);
    await page.screenshot({ path: full, fullPage: true });
    const d = msg.debrief;
    const cf = msg.counterfactual;
    const { checks, verdict, passed } = await checkCounterfactual(server, msg, sentence);
    if (endingShown !== ENDING_LABEL[d.ending])
      checks.push({
        name: "ending shown",
        ok: false,
        detail: `shown "${endingShown}", debrief ${d.ending}`,
      });
    const last = d.history[d.history.length - 1];
    return {
      style,
      n,
      seat,
      gameId: msg.gameId,
      ending: d.ending,
      endingShown,
      rounds: last?.round ?? 0,
      welfareStart: d.startWelfare,
      welfareFinal: last?.welfare ?? d.startWelfare,
      welfareCounted: d.welfareCounted,
      welfareChangeShown,
      welfareIndexCounted: (d.welfareCounted / d.startWelfare) * 100,
      cfEnding: cf.ending,
      cfWelfareCounted: cf.welfareCounted,
      cfWelfareIndexCounted: (cf.welfareCounted / d.startWelfare) * 100,
      regulationsPassed: passed,
      sentence,
      verdict,
      truthful: checks.every((c) => c.ok),
      checks,
      moves,
      notes,
      errors,
      screenshots: [file, full],
      seconds: Math.round((Date.now() - t0) / 1000),
    };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${style} game ${n}: gave up after ${GAME_LIMIT_MS / 60_000} minutes (at ${where})`,
          ),
        ),
      GAME_LIMIT_MS,
    );
  });
  try {
    return await Promise.race([work(), limit]);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    err.message = `${style} game ${n} failed at ${where}: ${err.message}${errors.length ? `\npage errors: ${errors.join("; ")}` : ""}`;
    throw err;
  } finally {
    clearTimeout(timer);
    await ctx.close().catch(() => {});
  }
}

// --- main ------------------------------------------------------------------------------------

const f1 = (x: number) => x.toFixed(1);

function report(r: GameResult): string {
  const lines = [
    `${r.style} #${r.n} (${r.seat}, game ${r.gameId}, ${r.rounds} rounds, ${r.seconds} s): ${ENDING_LABEL[r.ending]}`,
    `  true welfare: start ${f1(r.welfareStart)}, final ${f1(r.welfareFinal)}, counted ${f1(r.welfareCounted)} (index ${f1(r.welfareIndexCounted)}); debrief shows "${r.welfareChangeShown}"`,
    `  no regulation: ${ENDING_LABEL[r.cfEnding as Ending] ?? r.cfEnding}, counted ${f1(r.cfWelfareCounted)} (index ${f1(r.cfWelfareIndexCounted)}); regulations passed ${r.regulationsPassed}`,
    `  sentence: ${r.sentence}`,
    `  ${r.verdict}; truthful: ${r.truthful ? "yes" : "NO"}`,
    ...r.checks
      .filter((c) => !c.ok || c.name.startsWith("the player"))
      .map((c) => `    ${c.ok ? "ok" : "FAIL"} ${c.name}: ${c.detail}`),
    `  moves: ${r.moves.join(", ") || "none"}`,
    ...(r.notes.length ? [`  notes: ${r.notes.join(" | ")}`] : []),
    ...(r.errors.length ? [`  page errors: ${r.errors.join(" | ")}`] : []),
    `  screenshots: ${r.screenshots.join(", ")}`,
  ];
  return lines.join("\n");
}

const { styles, games } = parseArgs(process.argv.slice(2));
ensureBuilt();
const server = await startServer(LONG_PHASES);
const browser = await launch();
const results: GameResult[] = [];
const failures: string[] = [];
try {
  for (const style of styles) {
    for (let n = 1; n <= games; n++) {
      try {
        const r = await playGame(browser, server, style, n);
        results.push(r);
        console.log(report(r));
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        failures.push(msg);
        console.error(`FAILED: ${msg}`);
      }
    }
    const mine = results.filter((r) => r.style === style);
    mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
    writeFileSync(
      path.join(ROOT, "test-results", `play-seat-${style}.json`),
      `${JSON.stringify(mine, null, 2)}\n`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}

console.log("\nsummary");
for (const style of styles) {
  const mine = results.filter((r) => r.style === style);
  if (!mine.length) {
    console.log(`  ${style}: no game finished`);
    continue;
  }
  const mean = (f: (r: GameResult) => number) => mine.reduce((a, r) => a + f(r), 0) / mine.length;
  console.log(
    `  ${style}: ${mine.length} games; endings ${mine.map((r) => r.ending).join(", ")}; mean counted welfare ${f1(mean((r) => r.welfareCounted))} (index ${f1(mean((r) => r.welfareIndexCounted))}), mean final welfare ${f1(mean((r) => r.welfareFinal))}; no-regulation mean counted ${f1(mean((r) => r.cfWelfareCounted))}; truthful ${mine.filter((r) => r.truthful).length}/${mine.length}`,
  );
}
if (failures.length)
  console.log(`  failed games: ${failures.length}\n    ${failures.join("\n    ")}`);
if (failures.length || results.some((r) => !r.truthful)) process.exitCode = 1;
