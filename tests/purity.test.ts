/**
 * `shared/` is a pure library: no imports from the client or the server, no Node built-ins,
 * no engine or network libraries, and no source of nondeterminism or host API.
 *
 * The linter enforces it: the `shared/**` override in biome.json (run by `npm run check`).
 * This file checks that those rules are real: each forbidden import or global, written into a
 * probe file inside shared/, is refused by Biome naming the rule; a clean file passes; and the
 * real shared/ passes. Test files in shared/ are outside the override, as they import fixtures
 * from tests/. `Math.random` is a member access, which only the nursery rule
 * noJsRestrictedProperties covers: if Biome renames it on leaving the nursery, this test says so.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const biome = join(root, "node_modules", ".bin", "biome");

/** The rules of the `shared/**` override in biome.json. */
const PURITY_RULES = {
  noNodejsModules: "correctness",
  noRestrictedImports: "style",
  noRestrictedGlobals: "style",
  noJsRestrictedProperties: "nursery",
} as const;
type Rule = keyof typeof PURITY_RULES;
const NODE: Rule = "noNodejsModules";
const IMPORTS: Rule = "noRestrictedImports";
const GLOBALS: Rule = "noRestrictedGlobals";
const PROPERTIES: Rule = "noJsRestrictedProperties";

/** Each forbidden thing, as the one line of a probe file, and the rule that refuses it. */
const FORBIDDEN: [string, string, Rule][] = [
  ["a Node built-in", `import { readFileSync } from "node:fs";`, NODE],
  ["a Node built-in without node:", `import { join } from "path";`, NODE],
  ["a Node built-in, type only", `import type { Stats } from "node:fs";`, IMPORTS],
  ["the server", `import { AttractorRoom } from "../../server/room";`, IMPORTS],
  ["the client", `import { mount } from "../../client/src/main";`, IMPORTS],
  ["the scripts", `import { main } from "../../scripts/selfplay";`, IMPORTS],
  ["the tests", `import { newGame } from "../../tests/fixtures/game";`, IMPORTS],
  ["a re-export of the server", `export * from "../../server/protocol";`, IMPORTS],
  ["phaser", `import "phaser";`, IMPORTS],
  ["colyseus, imported late", `export const c = await import("colyseus");`, IMPORTS],
  ["colyseus.js", `import { Client } from "colyseus.js";`, IMPORTS],
  ["@colyseus/schema", `import { Schema } from "@colyseus/schema";`, IMPORTS],
  ["express", `import express from "express";`, IMPORTS],
  ["better-sqlite3", `import Database from "better-sqlite3";`, IMPORTS],
  ["Math.random", `export const r = Math.random();`, PROPERTIES],
  ["Math.random, destructured", `export const { random } = Math;`, PROPERTIES],
  ["Date.now", `export const t = Date.now();`, GLOBALS],
  ["Date.now in a template", `export const s = \`at \${Date.now()}\`;`, GLOBALS],
  ["new Date", `export const d = new Date();`, GLOBALS],
  ["performance", `export const t = performance.now();`, GLOBALS],
  ["process", `export const e = process.env.SEED;`, GLOBALS],
  ["window", `export const w = window.innerWidth;`, GLOBALS],
  ["document", `export const d = document.title;`, GLOBALS],
  ["globalThis", `export const g = globalThis;`, GLOBALS],
  ["require", `export const m = require("./rng");`, GLOBALS],
  ["setTimeout", `setTimeout(() => 0, 1);`, GLOBALS],
  ["setInterval", `setInterval(() => 0, 1);`, GLOBALS],
  ["crypto", `export const id = crypto.randomUUID();`, GLOBALS],
];

/** Allowed: imports within shared/, zod, and forbidden names in comments, strings or locals. */
const CLEAN = `import { z } from "zod";
import { nextFloat } from "../rng";
// Math.random() and Date.now() in a comment; import "phaser";
/* process, window, document */
const note = "Math.random() Date.now() performance.now()";
const self = { process: 1, random: () => 0.5 };
export const clean = [z, nextFloat, note, \`window \${self.process}\`, self.random()];
`;

/** Every Node built-in, one import each: the rule must know the whole list. */
const BUILTINS = builtinModules.map((m, i) => `import * as m${i} from "${m}";`).join("\n");

interface Report {
  summary: { changed: number; unchanged: number };
  diagnostics: { category: string; location: { path: string; start: { line: number } } }[];
}

/** `biome lint` with only the purity rules, from the repository root. */
function lint(paths: string[]): { status: number | null; report: Report } {
  const run = spawnSync(
    biome,
    [
      "lint",
      "--reporter=json",
      "--max-diagnostics=none",
      ...Object.entries(PURITY_RULES).map(([rule, group]) => `--only=${group}/${rule}`),
      ...paths,
    ],
    { cwd: root, encoding: "utf8" },
  );
  if (!run.stdout.trim()) throw new Error(`biome printed no report: ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

const PROBE_PREFIX = "__purity_probe";
/** Inside shared/ so that biome.json's `shared/**` override applies; removed right after. */
const probeDir = join("shared", `${PROBE_PREFIX}_${process.pid}__`);
const probeFile = (name: string) => join(probeDir, `${name}.ts`);

/** The rules Biome named for each probe file, and the exit codes of the two runs. */
const named = new Map<string, string[]>();
let forbiddenStatus: number | null = null;
let cleanStatus: number | null = null;

beforeAll(() => {
  mkdirSync(join(root, probeDir), { recursive: true });
  try {
    for (const [i, [, line]] of FORBIDDEN.entries())
      writeFileSync(join(root, probeFile(`f${i}`)), `${line}\n`);
    writeFileSync(join(root, probeFile("builtins")), `${BUILTINS}\n`);
    writeFileSync(join(root, probeFile("clean")), CLEAN);
    const forbidden = lint([probeDir]);
    forbiddenStatus = forbidden.status;
    for (const d of forbidden.report.diagnostics) {
      const path = d.location.path;
      named.set(path, [...(named.get(path) ?? []), d.category.split("/").at(-1)!]);
    }
    cleanStatus = lint([probeFile("clean")]).status;
  } finally {
    rmSync(join(root, probeDir), { recursive: true, force: true });
  }
}, 60_000);

describe("shared/ is pure", () => {
  it("passes the purity rules", () => {
    // Other runs of this test may have a probe folder in shared/ right now; leave those out.
    const entries = readdirSync(join(root, "shared"))
      .filter((name) => !name.startsWith(PROBE_PREFIX))
      .map((name) => join("shared", name));
    const { status, report } = lint(entries);
    expect(report.diagnostics.map((d) => `${d.location.path}: ${d.category}`)).toEqual([]);
    expect(status).toBe(0);
    expect(report.summary.changed + report.summary.unchanged).toBeGreaterThan(10);
  }, 30_000);
});

describe("the purity rules themselves", () => {
  it("fail the lint on a forbidden file", () => {
    expect(forbiddenStatus).not.toBe(0);
  });

  it.each(FORBIDDEN.map(([name, line, rule], i) => [name, line, rule, probeFile(`f${i}`)]))(
    "refuse %s (%s) by %s",
    (_name, _line, rule, file) => {
      expect(named.get(file)).toContain(rule);
    },
  );

  it("refuse every Node built-in", () => {
    const found = named.get(probeFile("builtins")) ?? [];
    expect(found.filter((r) => r === NODE)).toHaveLength(builtinModules.length);
  });

  it("pass a clean file", () => {
    expect(named.get(probeFile("clean")) ?? []).toEqual([]);
    expect(cleanStatus).toBe(0);
  });
});
