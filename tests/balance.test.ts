/**
 * The balance targets of DESIGN.md section 10 on a small fixed-seed sample, with margins, so
 * that a change which breaks the balance fails CI. The full measurement (2,000 games per
 * policy) is `npm run selfplay`; its figures are in docs/MODEL.md.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { GovernmentPolicy } from "../shared/bots/personalities";
import { createGame } from "../shared/create";
import { STANDARD } from "../shared/presets";
import { type GameRecord, runHarnessGame, type Summary, summarise } from "../shared/selfplay";
import { ROLES } from "../shared/vocabulary";

const GAMES = 200;
const SEED = 7001;
const POLICIES: GovernmentPolicy[] = ["none", "sensible", "max", "theatre", "mixed"];
const s = {} as Record<GovernmentPolicy, Summary>;

beforeAll(() => {
  const start = createGame(STANDARD, SEED);
  for (const policy of POLICIES) {
    const records: GameRecord[] = [];
    for (let g = 0; g < GAMES; g++) records.push(runHarnessGame(STANDARD, SEED + g, policy).record);
    s[policy] = summarise(records, policy, STANDARD, {
      welfare: start.startWelfare,
      proxy: start.startProxy,
    });
  }
});

const share = (sum: Summary, ending: keyof Summary["endings"]) => sum.endings[ending] / sum.games;

describe("balance on a fixed-seed sample (targets with margins)", () => {
  it("1: without regulation most games end badly, and every attractor occurs", () => {
    expect(s.none.badRate).toBeGreaterThanOrEqual(0.72);
    for (const ending of ["misuse", "centralisation", "goodhart_lockin", "takeover"] as const) {
      expect(share(s.none, ending), ending).toBeGreaterThanOrEqual(0.05);
      expect(share(s.none, ending), ending).toBeLessThanOrEqual(0.55);
    }
  });

  it("2: sensible regulation keeps catastrophes rare and welfare above its start", () => {
    expect(s.sensible.catastropheRate).toBeLessThanOrEqual(0.35);
    expect(s.sensible.meanEndWelfare).toBeGreaterThanOrEqual(s.sensible.startWelfare);
  });

  it("3: regulating everything avoids catastrophe but costs welfare against sensible regulation", () => {
    expect(s.max.catastropheRate).toBeLessThanOrEqual(s.sensible.catastropheRate + 0.02);
    expect(s.max.meanEndWelfare).toBeLessThanOrEqual(0.93 * s.sensible.meanEndWelfare);
  });

  it("4: security theatre raises the visible indicator, not safety", () => {
    expect(Math.abs(s.theatre.catastropheRate - s.none.catastropheRate)).toBeLessThan(0.05);
    expect(s.theatre.meanVisibleSafety).toBeGreaterThan(s.none.meanVisibleSafety + 10);
  });

  it("5: proxy and welfare move together early and apart late; welfare rises then falls", () => {
    expect(s.none.corrFirstThird).toBeGreaterThanOrEqual(0.5);
    expect(s.none.corrLastThird).toBeLessThanOrEqual(0);
    const curve = s.none.curve.filter((c) => c.games > 0);
    const peak = curve.reduce((best, c, i) => (c.welfare > curve[best]!.welfare ? i : best), 0);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(curve.length - 1);
    expect(curve[curve.length - 1]!.welfare).toBeLessThan(curve[peak]!.welfare - 5);
    expect(s.none.gao.alpha).toBeGreaterThan(0);
    expect(s.none.gao.beta).toBeGreaterThan(0);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i]!.proxy).toBeGreaterThan(curve[i - 1]!.proxy);
  });

  it("6: in mixed games no role is a clearly better seat", () => {
    const ranks = ROLES.map((r) => s.mixed.meanRank[r]);
    expect(Math.max(...ranks) - Math.min(...ranks)).toBeLessThanOrEqual(0.6);
  });
});
