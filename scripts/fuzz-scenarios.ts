/**
 * `npm run fuzz:scenarios -- [--games N] [--seed S]`: plays N random scenarios the parser
 * accepts (each number redrawn anywhere in its allowed range) to the end and lists every game
 * whose state held a non-finite number or a level out of bounds. Exits 1 if any did.
 */
import { parseArgs } from "node:util";
import { fuzzScenarios } from "../tests/fixtures/scenarios";

const { values } = parseArgs({
  options: { games: { type: "string", default: "20000" }, seed: { type: "string", default: "1" } },
});
const games = Number(values.games);
const seed = Number(values.seed);
const t0 = performance.now();
const problems = fuzzScenarios(seed, games);
const seconds = (performance.now() - t0) / 1000;
for (const p of problems) console.log(p);
console.log(
  `${games} scenarios played in ${seconds.toFixed(1)} s: ${problems.length} broke the model.`,
);
process.exit(problems.length > 0 ? 1 : 0);
