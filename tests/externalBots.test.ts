/**
 * Bots anyone can write (docs/BOTS.md): the harness loads a module the way
 * `npm run selfplay -- --bot ROLE=FILE` does, its games are deterministic, what the bot's
 * legal actions do is carried out, and a module that breaks the interface (exports no
 * function, returns a malformed action or not an array, throws) stops the harness with an
 * error naming the file, the seat, the round and the phase.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadBot } from "../scripts/selfplay";
import type { Policy } from "../shared/bots/policy";
import { STANDARD } from "../shared/presets";
import { BotError, runHarnessGame } from "../shared/selfplay";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLE = join(root, "docs", "examples", "measure-first-government.ts");

// The example is type-checked with the tests (the root tsconfig does not include docs/).
type Example = typeof import("../docs/examples/measure-first-government");
const exampleIsPolicy: Example["default"] extends Policy ? true : never = true;
void exampleIsPolicy;

const dir = mkdtempSync(join(tmpdir(), "attractor-bots-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a bot module (plain JavaScript, as .mjs) and returns its path. */
function botFile(name: string, source: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return file;
}

describe("an external bot in the harness", () => {
  it("plays deterministic games, unlike the built-in government", async () => {
    const bot = await loadBot(EXAMPLE);
    let differs = false;
    for (const seed of [1, 2, 3]) {
      const a = runHarnessGame(STANDARD, seed, "sensible", { government: bot.policy });
      const b = runHarnessGame(STANDARD, seed, "sensible", { government: bot.policy });
      expect(a.record.finalHash).toBe(b.record.finalHash);
      expect(a.record).toEqual(b.record);
      const builtIn = runHarnessGame(STANDARD, seed, "sensible");
      if (builtIn.record.finalHash !== a.record.finalHash) differs = true;
    }
    expect(differs).toBe(true);
    // Loading the module again gives the same games.
    const again = await loadBot(EXAMPLE);
    expect(runHarnessGame(STANDARD, 1, "sensible", { government: again.policy }).record).toEqual(
      runHarnessGame(STANDARD, 1, "sensible", { government: bot.policy }).record,
    );
  });

  it("is the built-in game when no role is overridden", () => {
    const a = runHarnessGame(STANDARD, 7, "mixed", {});
    const b = runHarnessGame(STANDARD, 7, "mixed");
    expect(a.record.finalHash).toBe(b.record.finalHash);
  });

  it("carries out the bot's legal actions", async () => {
    const bot = await loadBot(EXAMPLE);
    const { state, actions } = runHarnessGame(STANDARD, 1, "sensible", {
      government: bot.policy,
    });
    const governments = state.seats.filter((s) => s.role === "government").map((s) => s.id);
    const mine = actions.filter((a) => governments.includes(a.seat));
    const proposals = mine.filter((a) => a.action.type === "propose");
    expect(proposals.length).toBeGreaterThan(0);
    expect(
      proposals.some(
        (a) => a.action.type === "propose" && a.action.regulation === "welfare_statistics",
      ),
    ).toBe(true);
    expect(mine.some((a) => a.action.type === "vote" && a.action.yes)).toBe(true);
    expect(mine.some((a) => a.action.type === "setStrategy" && a.round === 1)).toBe(true);
    // Its proposals passed (it votes yes on its own) and stand in the rule book.
    const passed = state.regulations.filter(
      (r) => governments.includes(r.proposer) && r.reg === "welfare_statistics",
    );
    expect(passed.length).toBeGreaterThan(0);
    // Its strategy is the measurement-heavy one: measurement is the largest government slider.
    const sliders = state.blocs[0]!.sliders;
    expect(Math.max(...sliders)).toBe(sliders[1]);
    // Everything it returned was accepted (it checks before it proposes).
    expect(bot.stats.returned).toBe(mine.length);
  });

  it("refuses a module that exports no function", async () => {
    const file = botFile("number", "export default 42;\n");
    await expect(loadBot(file)).rejects.toThrow(BotError);
    await expect(loadBot(file)).rejects.toThrow(
      `${file}: exports no function (default export: number, export \`policy\`: undefined)`,
    );
    const none = botFile("nothing", "export const notAPolicy = () => [];\n");
    await expect(loadBot(none)).rejects.toThrow(`${none}: exports no policy`);
    const missing = join(dir, "missing.mjs");
    await expect(loadBot(missing)).rejects.toThrow(`${missing}: cannot be loaded`);
  });

  it("takes a named export `policy`", async () => {
    const file = botFile("named", "export const policy = () => [];\n");
    const bot = await loadBot(file);
    const { actions, state } = runHarnessGame(STANDARD, 1, "none", { lab: bot.policy });
    const labs = state.seats.filter((s) => s.role === "lab").map((s) => s.id);
    expect(actions.some((a) => labs.includes(a.seat))).toBe(false);
    expect(bot.stats.calls).toBeGreaterThan(0);
  });

  it("stops at a malformed action, naming the file, seat, round and phase", async () => {
    const file = botFile(
      "malformed",
      `export default (view) =>
  view.public.round === 2 && view.public.phase === "legislate"
    ? [{ type: "propose", regulation: "no_such_law", strength: 2, accord: false }]
    : [];
`,
    );
    const bot = await loadBot(file);
    const play = () => runHarnessGame(STANDARD, 1, "none", { government: bot.policy });
    expect(play).toThrow(BotError);
    expect(play).toThrow(`${file}: seat G1, round 2, legislate phase: action 0 is malformed`);
    expect(play).toThrow(/at regulation/);
  });

  it("stops when a policy returns something other than an array, or throws", async () => {
    const object = await loadBot(botFile("object", "export default () => ({ type: 'pledge' });\n"));
    expect(() => runHarnessGame(STANDARD, 1, "none", { lab: object.policy })).toThrow(
      /object\.mjs: seat L1, round 1, act phase: returned \{"type":"pledge"\}, not an array/,
    );
    const throws = await loadBot(
      botFile(
        "throws",
        `export default (view) => {
  if (view.public.round === 3) throw new Error("out of ideas");
  return [];
};
`,
      ),
    );
    expect(() => runHarnessGame(STANDARD, 1, "none", { company: throws.policy })).toThrow(
      /throws\.mjs: seat C1, round 3, act phase: the policy threw: out of ideas/,
    );
  });

  it("drops well-formed actions the rules refuse, as a person's would be", async () => {
    // A lab may not propose: the shape is right, the rules say no, the game goes on.
    const bot = await loadBot(
      botFile(
        "refused",
        `export default () => [{ type: "propose", regulation: "antitrust", strength: 1, accord: false }];\n`,
      ),
    );
    const withBot = runHarnessGame(STANDARD, 2, "none", { lab: bot.policy });
    const idle = await loadBot(botFile("idle", "export default () => [];\n"));
    const withIdle = runHarnessGame(STANDARD, 2, "none", { lab: idle.policy });
    expect(withBot.record.finalHash).toBe(withIdle.record.finalHash);
    expect(bot.stats.returned).toBeGreaterThan(0);
  });

  it("cannot change the game by writing into its view", async () => {
    const vandal = await loadBot(
      botFile(
        "vandal",
        `export default (view, rules) => {
  view.public.proposals.length = 0;
  view.public.regulations.push({ uid: 999 });
  view.public.blocs[0].approval = -1;
  rules.offers().propose.options?.regulation.splice(0);
  return [];
};
`,
      ),
    );
    const idle = await loadBot(botFile("idle2", "export default () => [];\n"));
    const a = runHarnessGame(STANDARD, 3, "sensible", { company: vandal.policy });
    const b = runHarnessGame(STANDARD, 3, "sensible", { company: idle.policy });
    expect(a.record.finalHash).toBe(b.record.finalHash);
  });

  it("runs from the command line, and a broken module ends it with the message and status 1", () => {
    const run = (...args: string[]) =>
      spawnSync("npx", ["tsx", join(root, "scripts", "selfplay.ts"), "--games", "3", ...args], {
        cwd: root,
        encoding: "utf8",
        timeout: 60_000,
      });
    const ok = run("--quiet", "--bot", `government=${EXAMPLE}`);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`government  bot ${EXAMPLE} in row "bot"`);
    expect(ok.stdout).toMatch(/\nbot {7}/);
    expect(ok.stdout).toContain("balance targets (DESIGN.md section 10), built-in rows only");
    const bad = botFile("cli-number", "export default 42;\n");
    const broken = run("--bot", `lab=${bad}`);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`selfplay: ${bad}: exports no function`);
  });
});
