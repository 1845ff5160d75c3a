import { describe, expect, it } from "vitest";
import { PRESETS, presetById, STANDARD } from "./presets";
import { parseScenario, type Scenario } from "./scenario";

/** A deep copy of STANDARD as untrusted JSON, changed by `patch`. */
function variant(patch: (s: Record<string, unknown> & Scenario) => void): unknown {
  const s = JSON.parse(JSON.stringify(STANDARD));
  patch(s);
  return s;
}

function errorsOf(input: unknown): string[] {
  const result = parseScenario(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe("parseScenario", () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))("accepts the preset %s", (_name, preset) => {
    const result = parseScenario(JSON.parse(JSON.stringify(preset)));
    expect(result.ok ? null : result.errors).toBeNull();
    if (result.ok) expect(result.value).toEqual(preset);
  });

  it("ships at least Standard, Fast takeoff and Concentrated start, with distinct ids", () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["standard", "fast-takeoff", "concentrated-start"])
      expect(presetById(id)?.id).toBe(id);
    expect(presetById("nope")).toBeUndefined();
  });

  it("rejects an exit level at or above the tipping point", () => {
    const errors = errorsOf(
      variant((s) => {
        s.risks.exit = s.risks.tipping;
      }),
    );
    expect(errors.some((e) => e.startsWith("risks.exit"))).toBe(true);
  });

  it("rejects too few seats", () => {
    const errors = errorsOf(
      variant((s) => {
        s.seats = ["government", "lab"];
      }),
    );
    expect(errors.some((e) => e.startsWith("seats"))).toBe(true);
  });

  it("rejects too many seats", () => {
    const errors = errorsOf(
      variant((s) => {
        s.seats = Array.from(
          { length: 10 },
          (_, i) => (["government", "lab", "company"] as const)[i % 3]!,
        );
      }),
    );
    expect(errors.some((e) => e.startsWith("seats"))).toBe(true);
  });

  it("rejects a table missing a role, saying which rule it breaks", () => {
    const errors = errorsOf(
      variant((s) => {
        s.seats = ["government", "government", "lab"];
      }),
    );
    expect(errors.join("\n")).toMatch(/seats: .*every role/);
  });

  it("rejects more governments than bloc names", () => {
    const errors = errorsOf(
      variant((s) => {
        s.seats = ["government", "government", "lab", "company"];
        s.blocNames = ["Only One"];
      }),
    );
    expect(errors.some((e) => e.startsWith("blocNames"))).toBe(true);
  });

  it("rejects unknown keys at the top level and inside sections", () => {
    expect(errorsOf(variant((s) => (s.cheat = true))).join("\n")).toMatch(/cheat/);
    expect(
      errorsOf(
        variant((s) => {
          (s.economy as unknown as Record<string, unknown>).magic = 1;
        }),
      ).join("\n"),
    ).toMatch(/economy.*magic|magic/);
  });

  it("rejects out-of-range and wrongly typed values, naming the path", () => {
    const cases: [(s: Record<string, unknown> & Scenario) => void, string][] = [
      [(s) => (s.rounds = 7), "rounds"],
      [(s) => (s.rounds = 21), "rounds"],
      [(s) => (s.rounds = 12.5), "rounds"],
      [(s) => ((s as Record<string, unknown>).rounds = "12"), "rounds"],
      [(s) => (s.risks.tipping = 120), "risks.tipping"],
      [(s) => (s.economy.leverGain = [0.1, 0.1]), "economy.leverGain"],
      [(s) => (s.welfare.start = s.welfare.start.map(() => -1)), "welfare.start"],
      [(s) => (s.regulations = ["antitrust", "ban_ai" as "antitrust"]), "regulations"],
      [(s) => ((s as Record<string, unknown>).id = "Has Spaces"), "id"],
      [(s) => (s.legislature.rampRounds = 0), "legislature.rampRounds"],
    ];
    for (const [patch, path] of cases) {
      const errors = errorsOf(variant(patch));
      expect(
        errors.some((e) => e.startsWith(path)),
        `${path}: ${errors.join("; ")}`,
      ).toBe(true);
      for (const e of errors) expect(e).toMatch(/^[\w.]+: \S/);
    }
  });

  it("lists everything that is wrong, not just the first thing", () => {
    const errors = errorsOf(
      variant((s) => {
        s.rounds = 99;
        s.risks.momentum = -1;
        s.timers.act = 0;
      }),
    );
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it("rejects what is not a scenario at all", () => {
    for (const bad of [null, 42, "standard", [], {}])
      expect(errorsOf(bad).length).toBeGreaterThan(0);
  });

  it("does not change the input it parses", () => {
    const input = variant(() => {});
    const copy = JSON.parse(JSON.stringify(input));
    parseScenario(input);
    expect(input).toEqual(copy);
  });
});
