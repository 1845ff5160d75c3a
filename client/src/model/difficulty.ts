/**
 * The title screen's difficulty choice as data: each level's name and what the bots are like
 * (shared/difficulty.ts), with its odds as the harness measured them for a player in the chosen
 * role who does nothing special (shared/difficultyOdds.ts). Pure.
 */
import {
  DIFFICULTIES,
  DIFFICULTY_LABEL,
  type Difficulty,
  type DifficultyOdds,
} from "../../../shared/difficulty";
import { DIFFICULTY_ODDS } from "../../../shared/difficultyOdds";
import { ENDING_LABEL, ENDINGS, type Role } from "../../../shared/vocabulary";
import { pct } from "./format";
import { plainText } from "./glossary";

export interface DifficultyChoice {
  readonly id: Difficulty;
  readonly name: string;
  readonly description: string;
  /** The headline odds, short ("Catastrophe 12% · Flourishing 30%"), or null if unmeasured. */
  readonly odds: string | null;
  /** Every ending's share and how the odds were measured, for a tooltip and screen readers. */
  readonly detail: string;
}

/** The odds the harness measured (`npm run odds` writes shared/difficultyOdds.ts). */
export const MEASURED_ODDS: DifficultyOdds | null = DIFFICULTY_ODDS;

/** The level a solo game starts at unless the player picks another. */
export const DEFAULT_DIFFICULTY: Difficulty = "standard";

export function difficultyChoices(odds: DifficultyOdds | null, role: Role): DifficultyChoice[] {
  return DIFFICULTIES.map((id) => {
    const o = odds?.odds[id]?.[role];
    const label = DIFFICULTY_LABEL[id];
    if (!o || !odds)
      return { ...label, id, odds: null, detail: "Its odds have not been measured yet." };
    const endings = ENDINGS.filter((e) => (o.endings[e] ?? 0) > 0)
      .sort((a, b) => (o.endings[b] ?? 0) - (o.endings[a] ?? 0))
      .map((e) => `${plainText(ENDING_LABEL[e])} ${pct(o.endings[e] ?? 0)}`);
    return {
      ...label,
      id,
      odds: `Catastrophe ${pct(o.catastrophe)} · Flourishing ${pct(o.endings.flourishing ?? 0)}`,
      detail: `How games ended for a player who does nothing special: ${endings.join(", ")}. Measured over ${odds.games.toLocaleString("en")} games of bots.`,
    };
  });
}
