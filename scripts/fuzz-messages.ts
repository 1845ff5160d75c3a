/**
 * `npm run fuzz:messages -- [--messages N] [--seed S]`: boots a server, sends N invalid client
 * messages (every registered type with payloads its schema refuses, raw bytes, unknown types)
 * from four connections to a paused game, and checks each got the right error, the game did
 * not change and the server still answers. Prints what went wrong; exits 1 if anything did.
 */
import { parseArgs } from "node:util";
import { fuzzGate } from "../tests/server/gateFuzz";
import { bootServer } from "../tests/server/helpers";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
  },
});
const count = Number(values.messages);
const seed = Number(values.seed);
const server = await bootServer({ messagesPerSecond: 1_000_000 });
const t0 = performance.now();
const result = await fuzzGate(server, seed, count);
const seconds = (performance.now() - t0) / 1000;
await server.close();
for (const p of result.problems) console.log(p);
console.log(
  `${result.sent} invalid messages (seed ${seed}) in ${seconds.toFixed(1)} s: ` +
    `${result.problems.length === 0 ? "every one refused as it should be, nothing changed" : `${result.problems.length} problems`}.`,
);
process.exit(result.problems.length > 0 ? 1 : 0);
