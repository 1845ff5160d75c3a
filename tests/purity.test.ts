/**
 * `shared/` is a pure library: no imports from the client or the server, no Node built-ins,
 * no engine or network libraries, and no source of nondeterminism or host API.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sharedDir = join(root, "shared");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

/** The code of a file with comments removed and string contents blanked (template expressions kept). */
function codeOnly(src: string): string {
  let out = "";
  let i = 0;
  const templateDepth: number[] = [];
  let braces = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === "/" && next === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      i = src.indexOf("*/", i + 2);
      i = i < 0 ? src.length : i + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === "\\" ? 2 : 1;
      i++;
      out += `${c}${c}`;
    } else if (c === "`" || (c === "}" && templateDepth.at(-1) === braces)) {
      if (c === "}") templateDepth.pop();
      i++;
      out += "`";
      while (i < src.length && src[i] !== "`" && !(src[i] === "$" && src[i + 1] === "{"))
        i += src[i] === "\\" ? 2 : 1;
      if (src[i] === "$") {
        templateDepth.push(braces);
        i += 2;
        out += "${";
      } else {
        i++;
        out += "`";
      }
    } else {
      if (c === "{") braces++;
      if (c === "}") braces--;
      out += c;
      i++;
    }
  }
  return out;
}

/** Every module specifier a file imports or re-exports. */
function importsOf(src: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^"';]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const code = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]!);
  return specs;
}

const FORBIDDEN_CODE: [RegExp, string][] = [
  [/\bMath\s*\.\s*random\b/, "Math.random"],
  [/\bDate\s*\.\s*now\b/, "Date.now"],
  [/\bnew\s+Date\b/, "new Date"],
  [/\bperformance\b/, "performance"],
  [/\bprocess\b/, "process"],
  [/\bwindow\b/, "window"],
  [/\bdocument\b/, "document"],
  [/\bglobalThis\b/, "globalThis"],
  [/\brequire\s*\(/, "require"],
  [/\bsetTimeout\b|\bsetInterval\b/, "timers"],
  [/\bcrypto\b/, "crypto"],
];

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function forbiddenImport(file: string, spec: string): string | null {
  if (spec.startsWith("node:") || BUILTINS.has(spec)) return "a Node built-in";
  if (/^(phaser|colyseus|@colyseus\/|colyseus\.js|express|better-sqlite3)/.test(spec))
    return "an engine, network or storage library";
  if (spec.startsWith(".")) {
    const target = relative(root, resolve(dirname(file), spec));
    if (!target.startsWith("shared")) return `a module outside shared/ (${target})`;
  }
  return null;
}

const files = sourceFiles(sharedDir);

describe("shared/ is pure", () => {
  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))("%s imports nothing impure", (_name, file) => {
    const bad = importsOf(readFileSync(file, "utf8"))
      .map((spec) => [spec, forbiddenImport(file, spec)])
      .filter(([, why]) => why !== null);
    expect(bad).toEqual([]);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    "%s uses no host API or randomness",
    (_name, file) => {
      const code = codeOnly(readFileSync(file, "utf8"));
      const found = FORBIDDEN_CODE.filter(([re]) => re.test(code)).map(([, name]) => name);
      expect(found).toEqual([]);
    },
  );
});

describe("the purity scanner itself", () => {
  it("finds imports of every form", () => {
    const src = `import a from "node:fs";\nimport { b } from '../server/room';\nexport * from "./x";\nimport "phaser";\nconst c = await import("colyseus");\n// import z from "ignored";`;
    expect(importsOf(src)).toEqual(["node:fs", "../server/room", "./x", "phaser", "colyseus"]);
    const file = join(sharedDir, "x.ts");
    expect(forbiddenImport(file, "node:fs")).not.toBeNull();
    expect(forbiddenImport(file, "fs")).not.toBeNull();
    expect(forbiddenImport(file, "../server/room")).not.toBeNull();
    expect(forbiddenImport(file, "../client/scene")).not.toBeNull();
    expect(forbiddenImport(file, "@colyseus/schema")).not.toBeNull();
    expect(forbiddenImport(file, "./rng")).toBeNull();
    expect(forbiddenImport(join(sharedDir, "bots", "x.ts"), "../rng")).toBeNull();
    expect(forbiddenImport(file, "zod")).toBeNull();
  });

  it("sees code, including template expressions, but not comments or strings", () => {
    const placeholder = "$" + "{Date.now()}";
    const code = codeOnly(
      `const s = "Math.random"; // Date.now()\n/* process */ const t = \`window ${placeholder} document\`;`,
    );
    expect(code).not.toMatch(/Math\.random|process|window|document/);
    expect(code).toMatch(/Date\.now/);
  });
});
