/**
 * The scenarios a table can be played with: the presets that ship with the game, and those a
 * facilitator uploads. An upload is untrusted until `parseScenario` accepts it; it is then
 * stored in SQLite under a server-chosen id (`custom-…`, unguessable: the id is what a
 * facilitator shares with their table) and looked up by that id when a table uses it. The
 * newest `keep` uploads are kept; older ones are forgotten (tables already playing one hold
 * their own copy, and a saved game's log holds the whole scenario).
 */
import { customAlphabet } from "nanoid";
import { PRESETS, presetById } from "../shared/presets";
import { parseScenario, type Scenario } from "../shared/scenario";
import type { GameStore } from "./store";

/** Uploaded scenarios kept by default; the oldest are forgotten beyond this. */
export const MAX_UPLOADED_SCENARIOS = 1000;
export const CUSTOM_ID = /^custom-[0-9a-z]{10}$/;
const newId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 10);

export type UploadResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** What `GET /api/scenarios` lists for each preset. */
export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly rounds: number;
  readonly custom: boolean;
}

export class ScenarioLibrary {
  constructor(
    private readonly store: GameStore,
    private readonly keep: number = MAX_UPLOADED_SCENARIOS,
  ) {}

  /** A preset or an uploaded scenario by id, or undefined. */
  get(id: string): Scenario | undefined {
    const preset = presetById(id);
    if (preset) return preset;
    if (!CUSTOM_ID.test(id)) return undefined;
    const json = this.store.scenarioJson(id);
    if (json === null) return undefined;
    // Stored only after parsing, so this passes; checked again in case the file was edited.
    const parsed = parseScenario(JSON.parse(json));
    return parsed.ok ? parsed.value : undefined;
  }

  /**
   * Validates and stores an upload. The stored scenario's id is the server's: the file's own
   * `id`, if any, is ignored (so a file needs none, and a bad one is no error).
   */
  add(input: unknown, now: number): UploadResult {
    const checked = this.check(input, `custom-${newId()}`);
    if (checked.ok) this.store.saveScenario(checked.scenario, now, this.keep);
    return checked;
  }

  /** Validates an upload under the given id without storing it. */
  check(input: unknown, id = "custom-0000000000"): UploadResult {
    if (input === null || typeof input !== "object" || Array.isArray(input))
      return {
        ok: false,
        errors: ["scenario: a scenario is a JSON object, not an array or a value"],
      };
    const parsed = parseScenario({ ...input, id });
    return parsed.ok ? { ok: true, scenario: parsed.value } : parsed;
  }

  presets(): ScenarioSummary[] {
    return PRESETS.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      rounds: p.rounds,
      custom: false,
    }));
  }
}
