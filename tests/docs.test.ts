/**
 * The docs stay true to the code. docs/PROTOCOL.md stays true to the action table: every action type has a row with the roles
 * and phases the rules give it, and no row names an action the rules do not have.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_ROLES, ACTION_TYPES, ACTIONS, type ActionType } from "../shared/actions";
import { createGame } from "../shared/create";
import { leverGains, optimalLevers, rndGain } from "../shared/market";
import { STANDARD } from "../shared/presets";
import { REGULATIONS } from "../shared/regulations";
import { LEVERS, ROLES } from "../shared/vocabulary";
import { welfareBestLevels } from "../shared/welfare";

const doc = readFileSync(new URL("../docs/PROTOCOL.md", import.meta.url), "utf8");
const section = doc.slice(doc.indexOf("### Actions"), doc.indexOf("## Server → client messages"));
const rows = section
  .split("\n")
  .filter((l) => l.startsWith("| `") && !l.startsWith("| `type`"))
  .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim()));

/** The documented rows, by action type (a row may name two types, as `evade` / `comply`). */
const documented = new Map<string, { roles: string; phases: string }>();
for (const cells of rows) {
  const [, names = "", , roles = "", phases = ""] = cells;
  for (const m of names.matchAll(/`(\w+)`/g)) documented.set(m[1]!, { roles, phases });
}

describe("docs/PROTOCOL.md's action table", () => {
  it("lists every action type with its roles and phases", () => {
    for (const type of ACTION_TYPES) {
      const row = documented.get(type);
      expect(row, `${type} is not in docs/PROTOCOL.md`).toBeDefined();
      const roles = ACTION_ROLES[type];
      expect(row!.roles, type).toBe(roles.length === ROLES.length ? "all" : roles.join(", "));
      expect(row!.phases, type).toBe(ACTIONS[type].phases.join(", "));
    }
  });

  it("names no action the rules do not have", () => {
    for (const name of documented.keys()) expect(ACTION_TYPES, name).toContain(name as ActionType);
  });
});

/*
 * docs/MODEL.md stays true to the Standard scenario: every row of its "Standard values" tables
 * names a scenario key (or `catalogue.<regulation>.<field>`) and quotes exactly the preset's
 * value, and the figures "Derived at the start" are what the model's own functions give. A
 * retuned preset fails here with every quote that went stale, so the page is updated with it.
 */
const model = readFileSync(new URL("../docs/MODEL.md", import.meta.url), "utf8");
const valuesStart = model.indexOf("## Standard values");
const derivedStart = model.indexOf("### Derived at the start");

/** The cells of a section's table rows (header and rule rows left out). */
const tableRows = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("| ") && !/^\| (key|figure) /.test(l) && !/^\|\s*-/.test(l))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );

/** A key's value: a path into STANDARD (`*` maps over a list), or into the catalogue. */
function lookUp(key: string): unknown {
  const [head, ...rest] = key.split(".");
  const root: unknown = head === "catalogue" ? REGULATIONS : STANDARD;
  const walk = (at: unknown, path: readonly string[]): unknown => {
    if (path.length === 0 || at === undefined) return at;
    const [part, ...more] = path as [string, ...string[]];
    if (part === "*") return Array.isArray(at) ? at.map((item) => walk(item, more)) : undefined;
    return walk((at as Record<string, unknown>)[part], more);
  };
  return walk(root, head === "catalogue" ? rest : [head!, ...rest]);
}

/** A value as the list the table quotes: lists and objects (in key order) flattened. */
function flat(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(flat);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(flat);
  return [value];
}

const listOf = (cell: string) => cell.split(/,\s*/).map((x) => x.trim());

/** The market's profit-best levers and R&D at pressure P, output-weighted over the sectors. */
function marketLevels(pressure: number, measured: readonly boolean[]): number[] {
  const w = STANDARD.welfare;
  const m = STANDARD.governments.startCapacity;
  const prices = w.harmScale.map((h, l) =>
    measured[l] ? (0.4 + 0.6 * m) * (1 - w.harmShift) * h : 0,
  );
  const none = LEVERS.map(() => 0);
  const sectors = STANDARD.economy.sectors;
  const total = sectors.reduce((a, s) => a + s.output, 0);
  const out = new Array<number>(LEVERS.length + 1).fill(0);
  sectors.forEach((sector, si) => {
    const gains = leverGains(STANDARD, si, pressure, [...none]);
    const best = optimalLevers(STANDARD, gains, rndGain(STANDARD, pressure), none, prices);
    [...best.levers, best.rnd].forEach((v, i) => {
      out[i]! += (v * sector.output) / total;
    });
  });
  return out;
}

describe("docs/MODEL.md's Standard values", () => {
  const rows = tableRows(model.slice(valuesStart, derivedStart));

  it("has its tables", () => {
    expect(valuesStart).toBeGreaterThan(0);
    expect(derivedStart).toBeGreaterThan(valuesStart);
    expect(rows.length).toBeGreaterThan(100);
  });

  it("quotes every constant as the Standard preset has it", () => {
    const stale: string[] = [];
    for (const [keyCell = "", valueCell = ""] of rows) {
      const key = /^`([\w.*]+)`$/.exec(keyCell)?.[1];
      const actual = key === undefined ? undefined : lookUp(key);
      if (actual === undefined) {
        stale.push(`${keyCell} is not a key of the Standard scenario or the catalogue`);
        continue;
      }
      const want = flat(actual);
      const quoted = listOf(valueCell);
      const same =
        quoted.length === want.length &&
        want.every((v, i) => (typeof v === "number" ? Number(quoted[i]) === v : quoted[i] === v));
      if (!same)
        stale.push(`${key}: docs/MODEL.md says ${valueCell}, the preset ${want.join(", ")}`);
    }
    expect(stale).toEqual([]);
  });

  it("derives the starting figures as the model does", () => {
    const start = createGame(STANDARD, 1);
    const unmeasured = LEVERS.map(() => false);
    const measuredAt3 = STANDARD.welfare.measuredOrder.slice(
      0,
      STANDARD.welfare.measuredBase + 3 * (REGULATIONS.welfare_statistics.covers ?? 0),
    );
    const figures: Record<string, number[]> = {
      "pressure at the start": [start.pressure],
      "proxy at the start": [start.startProxy],
      "true welfare at the start": [start.startWelfare],
      "welfare-best levels": welfareBestLevels(STANDARD),
      "market levels at the start": marketLevels(start.pressure, unmeasured),
      "market levels at P = 3": marketLevels(3, unmeasured),
      "market levels at P = 3, statistics at 3": marketLevels(
        3,
        STANDARD.welfare.leverHarm.map((d) => measuredAt3.includes(d)),
      ),
    };
    const derived = tableRows(model.slice(derivedStart));
    expect(derived.map((r) => r[0])).toEqual(Object.keys(figures));
    const stale: string[] = [];
    for (const [name = "", cell = ""] of derived) {
      const want = figures[name]!;
      const quoted = listOf(cell);
      // Each figure is quoted to its last digit: within one unit of that digit.
      const close =
        quoted.length === want.length &&
        quoted.every(
          (q, i) => Math.abs(Number(q) - want[i]!) <= 10 ** -(q.split(".")[1]?.length ?? 0) + 1e-12,
        );
      if (!close)
        stale.push(
          `${name}: docs/MODEL.md says ${cell}, the model ${want.map((v) => v.toFixed(3)).join(", ")}`,
        );
    }
    expect(stale).toEqual([]);
  });
});

/* The inject catalogue in docs/MODEL.md quotes the Standard crises (`shared/crises.ts`). */
describe("docs/MODEL.md's inject catalogue", () => {
  it("quotes every Standard crisis's title, risks, approval, visible safety and output", () => {
    const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : "0");
    for (const c of STANDARD.injects) {
      const row = model.split("\n").find((l) => l.startsWith(`| \`${c.id}\``));
      expect(row, `${c.id} has no row`).toBeDefined();
      const cells = row!.split("|").map((x) => x.trim());
      const e = c.effects;
      expect(cells.slice(2, 4), c.id).toEqual([c.title, e.risks.map(signed).join(", ")]);
      expect(cells.slice(5, 8), c.id).toEqual([
        signed(e.approval),
        signed(e.visibleSafety),
        `${Math.round(e.output * 100)}${e.output > 0 ? "%" : ""}`,
      ]);
    }
  });
});
