/**
 * No scenario the parser accepts breaks the model: random accepted scenarios (each number
 * redrawn anywhere in its allowed range) played to the end give only finite numbers, every
 * level within its bounds. `npm run fuzz:scenarios` plays many more.
 */
import { describe, expect, it } from "vitest";
import { createGame } from "../shared/create";
import { advance } from "../shared/game";
import { STANDARD } from "../shared/presets";
import { ModelError } from "../shared/resolve";
import { parseScenario } from "../shared/scenario";
import { fuzzScenarios } from "./fixtures/scenarios";

describe("accepted scenarios", () => {
  it("2,000 random ones, played to the end, give only finite numbers within their bounds", () => {
    expect(fuzzScenarios(2026, 2000)).toEqual([]);
  });

  it("refuses a starting tax rate of 0 (public spending is measured against it)", () => {
    const zeroTax = { ...STANDARD, governments: { ...STANDARD.governments, taxRate: 0 } };
    const parsed = parseScenario(zeroTax);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join()).toMatch(/governments\.taxRate/);
  });

  it("the round step refuses to produce a non-finite number, naming where, and leaves its input alone", () => {
    let state = createGame(STANDARD, 5);
    while (state.phase !== "legislate") state = advance(state);
    const broken = {
      ...state,
      labs: state.labs.map((l, i) => (i === 0 ? { ...l, capability: Number.NaN } : l)),
    };
    const before = JSON.stringify(broken);
    expect(() => advance(broken)).toThrow(ModelError);
    expect(() => advance(broken)).toThrow(/not a finite number/);
    try {
      advance(broken);
    } catch (e) {
      expect((e as ModelError).where).toMatch(/^(labs|history|blocs|firms|sectors|risks|welfare)/);
    }
    expect(JSON.stringify(broken)).toBe(before);
  });
});
