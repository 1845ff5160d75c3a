/**
 * docs/PROTOCOL.md stays true to the action table: every action type has a row with the roles
 * and phases the rules give it, and no row names an action the rules do not have.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_ROLES, ACTION_TYPES, ACTIONS, type ActionType } from "../shared/actions";
import { ROLES } from "../shared/vocabulary";

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
