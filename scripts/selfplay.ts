/**
 * The self-play harness: `npm run selfplay -- --games N --seed S --policy P [--jsonl FILE]
 * [--scenario ID] [--no-shock] [--difficulty] [--workers W] [--bot ROLE=FILE]...`. Plays N
 * seeded bot games per policy and prints a table of endings, mean true welfare (a catastrophe
 * counted as a collapse), the proxy–welfare correlation by thirds of the game, mean rank by
 * role, and every clause of the ten balance targets of DESIGN.md section 10 with its figure
 * beside its goal. `--policy all` (the default) measures everything: every government policy,
 * the unregulated games again without the world-wide shock (target 5), every fixed opening
 * (target 6, also `--policy openings`), the best-response search per role (target 9, also
 * `--policy best-response`) and the difficulty odds (DESIGN.md section 11, also
 * `--difficulty`; `--write-odds FILE` writes them as the module the title screen reads,
 * which is `npm run odds`). The games run on `--workers` threads (default: one per core).
 *
 * `--bot ROLE=FILE` (repeatable; ROLE is government, lab or company) plays every seat of that
 * role with the policy a module exports (docs/BOTS.md): `loadBot` imports it, and
 * `externalBot` in shared/selfplay.ts checks it. Only this harness loads such modules; the
 * server never does. With a bot, only the policy rows are played (in this thread).
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { GOVERNMENT_POLICIES, type GovernmentPolicy } from "../shared/bots/personalities";
import { createGame } from "../shared/create";
import {
  type GameResult,
  type GamesJob,
  type Runner,
  runGamesJob,
  runHere,
} from "../shared/harness/jobs";
import { type Measured, type MeasureOptions, measure } from "../shared/harness/measure";
import {
  checkLines,
  curveLines,
  difficultyLines,
  drawLines,
  leverLines,
  oddsModule,
  openingLines,
  policyTable,
  responseLines,
} from "../shared/harness/report";
import { presetById } from "../shared/presets";
import type { Scenario } from "../shared/scenario";
import {
  BotError,
  balanceChecks,
  type ExternalBot,
  externalBot,
  type GameRecord,
  type RoleOverrides,
  runHarnessGame,
  type Summary,
  summarise,
} from "../shared/selfplay";
import { ROLES, type Role } from "../shared/vocabulary";

/** Imports a bot module (.ts through tsx, or .js/.mjs) and checks that it exports a policy. */
export async function loadBot(file: string): Promise<ExternalBot> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(resolve(file)).href);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BotError(`${file}: cannot be loaded: ${why}`, { cause: error });
  }
  return externalBot(file, module);
}

/** The `--bot ROLE=FILE` flags, one role each. */
export function parseBotFlags(flags: readonly string[]): { role: Role; file: string }[] {
  const out: { role: Role; file: string }[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    const role = flag.slice(0, Math.max(0, eq)) as Role;
    const file = flag.slice(eq + 1);
    if (eq < 0 || !ROLES.includes(role) || file === "")
      throw new Error(`--bot ${flag}: write --bot ROLE=FILE, ROLE one of ${ROLES.join(", ")}`);
    if (out.some((b) => b.role === role)) throw new Error(`--bot: two bots for the ${role} role`);
    out.push({ role, file });
  }
  return out;
}

// ---- Worker threads: this same file, started with workerData.selfplayWorker, runs jobs. ----

interface JobMessage {
  readonly id: number;
  readonly job: GamesJob;
}
type ResultMessage =
  | { readonly id: number; readonly results: GameResult[] }
  | { readonly id: number; readonly error: string };

const WORKER_MARK = "selfplayWorker";

function isWorkerData(data: unknown): boolean {
  return typeof data === "object" && data !== null && WORKER_MARK in data;
}

if (!isMainThread && isWorkerData(workerData) && parentPort) {
  const port = parentPort;
  port.on("message", (msg: JobMessage) => {
    let reply: ResultMessage;
    try {
      reply = { id: msg.id, results: runGamesJob(msg.job) };
    } catch (error) {
      reply = {
        id: msg.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    port.postMessage(reply);
  });
}

/** A pool of `size` worker threads running jobs; each worker loads this file through tsx. */
function workerPool(size: number): { run: Runner; close: () => Promise<void> } {
  const api = import.meta.resolve("tsx/esm/api");
  const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(import.meta.url)});`;
  const url = new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
  const workers = Array.from(
    { length: size },
    () => new Worker(url, { workerData: { [WORKER_MARK]: true } }),
  );
  const queue: { id: number; job: GamesJob }[] = [];
  const pending = new Map<
    number,
    { resolve: (r: GameResult[]) => void; reject: (e: Error) => void }
  >();
  const idle = [...workers];
  let nextId = 0;
  const pump = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      worker.postMessage(queue.shift()!);
    }
  };
  for (const worker of workers) {
    worker.on("message", (msg: ResultMessage) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      idle.push(worker);
      pump();
      if (!p) return;
      if ("error" in msg) p.reject(new Error(`a harness worker failed: ${msg.error}`));
      else p.resolve(msg.results);
    });
    worker.on("error", (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  const run: Runner = (jobs) =>
    Promise.all(
      jobs.map(
        (job) =>
          new Promise<GameResult[]>((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject });
            queue.push({ id, job });
            pump();
          }),
      ),
    );
  return { run, close: async () => void (await Promise.all(workers.map((w) => w.terminate()))) };
}

// ---- The command line. ----

const SEARCHES = ["openings", "best-response", "difficulty"] as const;
type Search = (typeof SEARCHES)[number];

interface Plan {
  policies: GovernmentPolicy[];
  searches: Set<Search>;
}

/** What `--policy` (and `--difficulty`) ask for. */
function planOf(policy: string | undefined, difficulty: boolean): Plan {
  const all = policy === "all" || (policy === undefined && !difficulty);
  if (all) return { policies: [...GOVERNMENT_POLICIES], searches: new Set(SEARCHES) };
  const searches = new Set<Search>(difficulty ? ["difficulty"] : []);
  if (policy === undefined) return { policies: [], searches };
  if ((GOVERNMENT_POLICIES as readonly string[]).includes(policy))
    return { policies: [policy as GovernmentPolicy], searches };
  if (policy === "openings") return { policies: ["sensible"], searches: searches.add("openings") };
  if (policy === "best-response" || policy === "difficulty")
    return { policies: [], searches: searches.add(policy) };
  throw new Error(
    `--policy must be one of ${[...GOVERNMENT_POLICIES, ...SEARCHES].join(", ")} or all`,
  );
}

/** One line of the table: a label, the policy that draws the seats, and the roles bots play. */
interface Row {
  label: string;
  policy: GovernmentPolicy;
  overrides: RoleOverrides;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      games: { type: "string", default: "2000" },
      seed: { type: "string", default: "1" },
      policy: { type: "string" },
      jsonl: { type: "string" },
      scenario: { type: "string", default: "standard" },
      quiet: { type: "boolean", default: false },
      bot: { type: "string", multiple: true, default: [] },
      "no-shock": { type: "boolean", default: false },
      difficulty: { type: "boolean", default: false },
      "write-odds": { type: "string" },
      workers: { type: "string" },
      screen: { type: "string", default: "24" },
    },
  });

  const games = Number(values.games);
  const seed0 = Number(values.seed);
  if (!Number.isInteger(games) || games < 1) throw new Error("--games must be a positive integer");
  if (!Number.isInteger(seed0)) throw new Error("--seed must be an integer");
  const preset = presetById(values.scenario ?? "standard");
  if (!preset) throw new Error(`unknown scenario ${values.scenario}`);
  const scenario: Scenario = values["no-shock"]
    ? { ...preset, economy: { ...preset.economy, shockSd: 0 } }
    : preset;
  const plan = planOf(values.policy, values.difficulty || values["write-odds"] !== undefined);
  const bots = parseBotFlags(values.bot);
  if (bots.length > 0) return botMain(values, scenario, games, seed0, plan, bots);

  const workers = Number(values.workers ?? availableParallelism());
  const screen = Number(values.screen);
  if (!Number.isInteger(workers) || workers < 0) throw new Error("--workers must be 0 or more");
  if (!Number.isInteger(screen) || screen < 1)
    throw new Error("--screen must be a positive integer");
  const pool = workers > 0 ? workerPool(workers) : null;
  const t0 = performance.now();
  const options: MeasureOptions = {
    games,
    seed: seed0,
    policies: plan.policies,
    noShock: values["no-shock"],
    counterfactual: plan.policies.includes("none") || plan.policies.includes("sensible"),
    openings: plan.searches.has("openings")
      ? { prescreen: Math.min(8, screen), screen, keep: 0.15, finalists: 20, safest: 40 }
      : null,
    responses: plan.searches.has("best-response")
      ? { screen: 2 * screen, finalists: 6, games: Math.min(games, 500) }
      : null,
    difficulty: plan.searches.has("difficulty") ? { games } : null,
    clock: () => performance.now(),
    progress: values.quiet ? undefined : (stage) => console.error(`selfplay: ${stage} done`),
  };
  let m: Measured;
  try {
    m = await measure(scenario, options, pool?.run ?? runHere);
  } finally {
    await pool?.close();
  }
  const seconds = (performance.now() - t0) / 1000;

  if (values.jsonl) {
    const out = createWriteStream(values.jsonl);
    for (const p of plan.policies)
      for (const r of m.results[p] ?? []) out.write(`${JSON.stringify(r.record)}\n`);
    out.end();
  }
  if (values["write-odds"] && m.difficulty) {
    const file = resolve(values["write-odds"]);
    writeFileSync(file, oddsModule(m.difficulty));
    spawnSync("npx", ["biome", "format", "--write", file], { stdio: "ignore" });
  }
  report(m, scenario, seconds, workers, values.quiet);
  if (values["write-odds"]) console.log(`\nwrote the difficulty odds to ${values["write-odds"]}`);
}

function report(m: Measured, scenario: Scenario, seconds: number, workers: number, quiet: boolean) {
  const say = (lines: readonly string[]) => console.log(`\n${lines.join("\n")}`);
  console.log(
    `\nAttractor self-play: scenario ${scenario.id}${scenario.economy.shockSd === 0 ? " (no shock)" : ""}, ${m.games} games per policy from seed ${m.seed} (${seconds.toFixed(1)} s on ${workers} worker${workers === 1 ? "" : "s"})`,
  );
  const table = (Object.keys(m.rows) as GovernmentPolicy[]).map((p) => ({
    label: p,
    summary: m.rows[p]!,
  }));
  if (table.length > 0) {
    say(policyTable(table));
    console.log(
      `start welfare ${m.start.welfare.toFixed(1)}, start proxy ${m.start.proxy.toFixed(1)}`,
    );
  }
  if (!quiet && m.rows.none) say(curveLines("unregulated mean by round", m.rows.none));
  if (!quiet && m.noShock && m.noShock !== m.rows.none)
    say(curveLines("unregulated without the shock, mean by round", m.noShock));
  if (m.levers) say(leverLines(m.levers));
  if (m.openings) say(openingLines(m.openings));
  if (m.draws) say(drawLines(m.draws));
  if (m.responses) say(responseLines(m.responses));
  if (m.difficulty) say(difficultyLines(m.difficulty));
  const checks = balanceChecks(m);
  if (table.length > 0 || m.openings || m.responses)
    say(checkLines("balance targets (DESIGN.md section 10)", checks));
  if (m.timings.length > 0)
    console.log(
      `\ntime by stage: ${m.timings.map((t) => `${t.stage} ${t.seconds.toFixed(1)} s`).join(", ")}`,
    );
}

/** With `--bot`: the policy rows only, played here, as the harness always did. */
async function botMain(
  values: { jsonl?: string; quiet?: boolean },
  scenario: Scenario,
  games: number,
  seed0: number,
  plan: Plan,
  flags: { role: Role; file: string }[],
): Promise<void> {
  const policies = plan.policies;
  if (policies.length === 0)
    throw new Error("--bot plays the policy rows: give --policy a government policy or all");
  const bots: Partial<Record<Role, ExternalBot>> = {};
  for (const { role, file } of flags) bots[role] = await loadBot(file);
  const overrides: RoleOverrides = {};
  for (const role of ROLES) if (bots[role]) overrides[role] = bots[role].policy;
  const roleNames = Object.fromEntries(
    ROLES.filter((r) => bots[r]).map((r) => [r, `bot ${bots[r]!.name}`]),
  );
  const botRoles = ROLES.filter((r) => bots[r]);
  const withoutGovernment: RoleOverrides = { ...overrides };
  delete withoutGovernment.government;

  // A bot government replaces the policy's governments: the bot gets one row, the labs and
  // companies drawn as under --policy (`sensible`'s draw, shared by every fixed policy, when it
  // is `all`), and built-in rows on the same seeds follow for comparison.
  const botDraw: GovernmentPolicy = policies.length === 1 ? policies[0]! : "sensible";
  const rows: Row[] = bots.government
    ? [
        { label: "bot", policy: botDraw, overrides },
        ...(policies.length === 1 ? policies : (["none", "sensible"] as const)).map((p) => ({
          label: p,
          policy: p,
          overrides: withoutGovernment,
        })),
      ]
    : policies.map((p) => ({ label: p, policy: p, overrides }));

  const out = values.jsonl ? createWriteStream(values.jsonl) : null;
  const start = createGame(scenario, seed0);
  const summaries: Partial<Record<GovernmentPolicy, Summary>> = {};
  const table: { label: string; summary: Summary }[] = [];
  const carriedOut: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  const t0 = performance.now();
  for (const row of rows) {
    const records: GameRecord[] = [];
    const played = ROLES.filter((r) => row.overrides[r]);
    for (let g = 0; g < games; g++) {
      const { state, record, actions } = runHarnessGame(
        scenario,
        (seed0 + g) >>> 0,
        row.policy,
        row.overrides,
        { roleNames },
      );
      records.push(record);
      for (const a of actions) {
        const role = state.seats.find((s) => s.id === a.seat)!.role;
        if (row.overrides[role]) carriedOut[role]++;
      }
      const line = {
        ...record,
        row: row.label,
        bots: Object.fromEntries(played.map((r) => [r, bots[r]!.name])),
      };
      out?.write(`${JSON.stringify(line)}\n`);
    }
    const summary = summarise(records, row.policy, scenario, {
      welfare: start.startWelfare,
      proxy: start.startProxy,
    });
    table.push({ label: row.label, summary });
    if (!row.overrides.government) summaries[row.policy] = summary;
  }
  const seconds = (performance.now() - t0) / 1000;
  out?.end();

  console.log(
    `\nAttractor self-play: scenario ${scenario.id}, ${games} games per row from seed ${seed0} (${seconds.toFixed(1)} s)\n`,
  );
  const builtIn = rows.filter((r) => !r.overrides.government).map((r) => r.label);
  console.log("who plays each role:");
  for (const role of ROLES) {
    const bot = bots[role];
    const who =
      role === "government"
        ? bot
          ? `bot ${bot.name} in row "bot" (labs and companies drawn as under --policy ${botDraw}); the built-in policy in rows ${builtIn.join(", ")}`
          : `built-in, the policy each row is named for (${builtIn.join(", ")})`
        : bot
          ? `bot ${bot.name}, every ${role} seat of every row`
          : "built-in personalities drawn per seat";
    console.log(`  ${role.padEnd(12)}${who}`);
  }
  console.log(`\n${policyTable(table).join("\n")}`);
  console.log(
    `\nstart welfare ${start.startWelfare.toFixed(1)}, start proxy ${start.startProxy.toFixed(1)}`,
  );
  for (const role of botRoles) {
    const { name, stats } = bots[role]!;
    const refused = stats.returned - carriedOut[role];
    console.log(
      `bot ${role} ${name}: ${stats.calls} calls, ${stats.returned} actions returned, ${carriedOut[role]} carried out, ${refused} refused by the rules`,
    );
  }
  if (!values.quiet && summaries.none)
    console.log(`\n${curveLines("unregulated mean by round", summaries.none).join("\n")}`);
  if (bots.government)
    console.log(
      "\nthe bot row has no balance target: the targets are set for the built-in government policies",
    );
  // Only the targets the rows measure; the searches are set for the built-in bots.
  const checks = balanceChecks({ rows: summaries }).filter((c) => c.ok !== null);
  if (checks.length > 0) {
    const others = botRoles.filter((r) => r !== "government");
    const heading =
      others.length === 0
        ? bots.government
          ? "balance targets (DESIGN.md section 10), built-in rows only"
          : "balance targets (DESIGN.md section 10)"
        : `balance targets (DESIGN.md section 10), built-in government rows, with ${others.map((r) => `${r} played by ${bots[r]!.name}`).join(" and ")}: the targets are set for the built-in bots`;
    console.log(`\n${checkLines(heading, checks).join("\n")}`);
  }
}

const invoked = process.argv[1] !== undefined && resolve(process.argv[1]);
if (isMainThread && invoked === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    // A bot that broke the interface is the bot author's to fix: say what, without a stack.
    if (!(error instanceof BotError)) throw error;
    console.error(`selfplay: ${error.message}`);
    process.exitCode = 1;
  }
}
