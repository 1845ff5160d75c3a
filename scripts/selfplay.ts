/**
 * The self-play harness: `npm run selfplay -- --games N --seed S --policy P [--jsonl FILE]
 * [--scenario ID]`. Plays N seeded bot games per policy and prints a table of endings, mean
 * true welfare, the proxy–welfare correlation by thirds of the game, mean rank by role, and
 * the balance targets of DESIGN.md section 10 with each figure beside its target.
 * `--policy all` runs every policy, which every balance target needs.
 */
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { GOVERNMENT_POLICIES, type GovernmentPolicy } from "../shared/bots/personalities";
import { createGame } from "../shared/create";
import { presetById, STANDARD } from "../shared/presets";
import {
  balanceChecks,
  type GameRecord,
  runHarnessGame,
  type Summary,
  summarise,
} from "../shared/selfplay";
import { ENDINGS, ROLES } from "../shared/vocabulary";

const { values } = parseArgs({
  options: {
    games: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    policy: { type: "string", default: "all" },
    jsonl: { type: "string" },
    scenario: { type: "string", default: "standard" },
    quiet: { type: "boolean", default: false },
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

const out = values.jsonl ? createWriteStream(values.jsonl) : null;
const start = createGame(scenario ?? STANDARD, seed0);
const summaries: Partial<Record<GovernmentPolicy, Summary>> = {};
const t0 = performance.now();
for (const policy of policies) {
  const records: GameRecord[] = [];
  for (let g = 0; g < games; g++) {
    const { record } = runHarnessGame(scenario, (seed0 + g) >>> 0, policy);
    records.push(record);
    out?.write(`${JSON.stringify(record)}\n`);
  }
  summaries[policy] = summarise(records, policy, scenario, {
    welfare: start.startWelfare,
    proxy: start.startProxy,
  });
}
const seconds = (performance.now() - t0) / 1000;
out?.end();

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
console.log(
  `\nAttractor self-play: scenario ${scenario.id}, ${games} games per policy from seed ${seed0} (${seconds.toFixed(1)} s)\n`,
);
console.log(
  `${"policy".padEnd(10)}${ENDINGS.map((e) => e.slice(0, 12).padStart(14)).join("")}${"catastr.".padStart(10)}${"welfare".padStart(9)}${"corr 1/3".padStart(10)}${"corr 3/3".padStart(10)}${"vis.safety".padStart(11)}${ROLES.map((r) => `rank ${r.slice(0, 3)}`.padStart(10)).join("")}`,
);
for (const policy of policies) {
  const s = summaries[policy]!;
  console.log(
    `${policy.padEnd(10)}${ENDINGS.map((e) => pct(s.endings[e] / s.games).padStart(14)).join("")}${pct(s.catastropheRate).padStart(10)}${s.meanEndWelfare.toFixed(1).padStart(9)}${s.corrFirstThird.toFixed(2).padStart(10)}${s.corrLastThird.toFixed(2).padStart(10)}${s.meanVisibleSafety.toFixed(1).padStart(11)}${ROLES.map((r) => s.meanRank[r].toFixed(2).padStart(10)).join("")}`,
  );
}
console.log(
  `\nstart welfare ${start.startWelfare.toFixed(1)}, start proxy ${start.startProxy.toFixed(1)}`,
);
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
if (checks.length > 0) {
  console.log("\nbalance targets (DESIGN.md section 10)");
  console.log(`${"target".padEnd(52)}${"figure".padEnd(48)}${"goal".padEnd(28)}ok`);
  for (const c of checks)
    console.log(
      `${c.target.padEnd(52)}${c.figure.padEnd(48)}${c.goal.padEnd(28)}${c.ok ? "yes" : "NO"}`,
    );
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`\n${checks.length - failed} of ${checks.length} balance targets met`);
}
