/**
 * Scenarios the browser tests upload to make a rare moment happen at once, so a test waits for
 * an event instead of hoping for a seed.
 */
import { STANDARD } from "../../shared/presets";
import type { Scenario } from "../../shared/scenario";

/**
 * Every risk held just below its tipping point (it barely moves and never tips on its own), so
 * incidents strike from the first Resolve (each about 98% likely every year); every law passes
 * its parliament, so welfare statistics proposed in round 1 are in force from round 2. Eight
 * years: the shortest game.
 */
export const WARNINGS: Scenario = {
  ...STANDARD,
  id: "warnings",
  name: "Warnings (test)",
  description: "Incidents every year; every law passes. For the browser tests.",
  rounds: 8,
  risks: { ...STANDARD.risks, start: [69, 69, 69, 69], response: 0.01, drift: 0, hazardMax: 0 },
  incidents: { ...STANDARD.incidents, from: 0, chance: 1 },
  legislature: {
    ...STANDARD.legislature,
    baseSupport: 100,
    lobbyWeight: 0,
    centralisationBlock: 0,
  },
};
