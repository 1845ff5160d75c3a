/**
 * The self-play harness: `npm run selfplay -- --games N --seed S --policy P [--jsonl FILE]
 * [--scenario ID] [--bot ROLE=FILE]...`. Plays N seeded bot games per policy and prints a
 * table of endings, mean true welfare, the proxy–welfare correlation by thirds of the game,
 * mean rank by role, and the balance targets of DESIGN.md section 10 with each figure beside
 * its target. `--policy all` runs every policy, which every balance target needs.
 *
 * `--bot ROLE=FILE` (repeatable; ROLE is government, lab or company) plays every seat of that
 * role with the policy a module exports (docs/BOTS.md): `loadBot` imports it, and
 * `externalBot` in shared/selfplay.ts checks it. Only this harness loads such modules; the
 * server never does.
 */
import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GOVERNMENT_POLICIES, type GovernmentPolicy } from "../shared/bots/personalities";
import { createGame } from "../shared/create";
import { presetById, STANDARD } from "../shared/presets";
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
import { ENDINGS, ROLES, type Role } from "../shared/vocabulary";

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
      policy: { type: "string", default: "all" },
      jsonl: { type: "string" },
      scenario: { type: "string", default: "standard" },
      quiet: { type: "boolean", default: false },
      bot: { type: "string", multiple: true, default: [] },
    },
  });

  const games = Number(values.games);
  const seed0 = Number(values.seed);
  if (!Number.isInteger(games) || games < 1) throw new Error("--games must be a positive integer");
  if (!Number.isInteger(seed0)) throw new Error("--seed must be an integer");
  const scenario = presetById(values.scenario ?? "standard");
  if (!scenario) throw new Error(`unknown scenario ${values.scenario}`);
  const policies: GovernmentPolicy[] =
    values.policy === "all"
      ? [...GOVERNMENT_POLICIES]
      : [values.policy as GovernmentPolicy].filter((p) =>
          (GOVERNMENT_POLICIES as readonly string[]).includes(p),
        );
  if (policies.length === 0)
    throw new Error(`--policy must be one of ${GOVERNMENT_POLICIES.join(", ")} or all`);

  const bots: Partial<Record<Role, ExternalBot>> = {};
  for (const { role, file } of parseBotFlags(values.bot)) bots[role] = await loadBot(file);
  const overrides: RoleOverrides = {};
  for (const role of ROLES) if (bots[role]) overrides[role] = bots[role].policy;
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
  const start = createGame(scenario ?? STANDARD, seed0);
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
      );
      records.push(record);
      for (const a of actions) {
        const role = state.seats.find((s) => s.id === a.seat)!.role;
        if (row.overrides[role]) carriedOut[role]++;
      }
      const line =
        botRoles.length === 0
          ? record
          : {
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

  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
  console.log(
    `\nAttractor self-play: scenario ${scenario.id}, ${games} games per ${botRoles.length > 0 ? "row" : "policy"} from seed ${seed0} (${seconds.toFixed(1)} s)\n`,
  );
  if (botRoles.length > 0) {
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
    console.log("");
  }
  console.log(
    `${"policy".padEnd(10)}${ENDINGS.map((e) => e.slice(0, 12).padStart(14)).join("")}${"catastr.".padStart(10)}${"welfare".padStart(9)}${"corr 1/3".padStart(10)}${"corr 3/3".padStart(10)}${"vis.safety".padStart(11)}${ROLES.map((r) => `rank ${r.slice(0, 3)}`.padStart(10)).join("")}`,
  );
  for (const { label, summary: s } of table) {
    console.log(
      `${label.padEnd(10)}${ENDINGS.map((e) => pct(s.endings[e] / s.games).padStart(14)).join("")}${pct(s.catastropheRate).padStart(10)}${s.meanEndWelfare.toFixed(1).padStart(9)}${s.corrFirstThird.toFixed(2).padStart(10)}${s.corrLastThird.toFixed(2).padStart(10)}${s.meanVisibleSafety.toFixed(1).padStart(11)}${ROLES.map((r) => s.meanRank[r].toFixed(2).padStart(10)).join("")}`,
    );
  }
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
  if (!values.quiet && summaries.none) {
    console.log(
      "\nunregulated mean by round: round, games, cumulative pressure, true welfare, proxy",
    );
    for (const c of summaries.none.curve) {
      console.log(
        `  ${String(c.round).padStart(2)} ${String(c.games).padStart(6)} ${c.cumulativePressure.toFixed(2).padStart(7)} ${c.welfare.toFixed(1).padStart(7)} ${c.proxy.toFixed(1).padStart(8)}`,
      );
    }
  }
  const checks = balanceChecks(summaries);
  if (bots.government)
    console.log(
      "\nthe bot row has no balance target: the targets are set for the built-in government policies",
    );
  if (checks.length > 0) {
    const others = botRoles.filter((r) => r !== "government");
    const heading =
      others.length === 0
        ? bots.government
          ? "balance targets (DESIGN.md section 10), built-in rows only"
          : "balance targets (DESIGN.md section 10)"
        : `balance targets (DESIGN.md section 10), built-in government rows, with ${others.map((r) => `${r} played by ${bots[r]!.name}`).join(" and ")}: the targets are set for the built-in bots`;
    console.log(`\n${heading}`);
    console.log(`${"target".padEnd(52)}${"figure".padEnd(48)}${"goal".padEnd(28)}ok`);
    for (const c of checks)
      console.log(
        `${c.target.padEnd(52)}${c.figure.padEnd(48)}${c.goal.padEnd(28)}${c.ok ? "yes" : "NO"}`,
      );
    const failed = checks.filter((c) => !c.ok).length;
    console.log(`\n${checks.length - failed} of ${checks.length} balance targets met`);
  }
}

const invoked = process.argv[1] !== undefined && resolve(process.argv[1]);
if (invoked === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    // A bot that broke the interface is the bot author's to fix: say what, without a stack.
    if (!(error instanceof BotError)) throw error;
    console.error(`selfplay: ${error.message}`);
    process.exitCode = 1;
  }
}
