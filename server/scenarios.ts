/**
 * The scenarios a table can be played with: the presets that ship with the game, and those a
 * facilitator uploads. An upload is untrusted until `parseScenario` accepts it; it is then
 * stored in SQLite under a server-chosen id (`custom-…`, unguessable: the id is what a
 * facilitator shares with their table) and looked up by that id when a table uses it.
 */
import { customAlphabet } from "nanoid";
import { PRESETS, presetById } from "../shared/presets";
import { parseScenario, type Scenario } from "../shared/scenario";
import type { GameStore } from "./store";

/** Uploaded scenarios kept; the oldest are forgotten beyond this. */
export const MAX_UPLOADED_SCENARIOS = 1000;
export const CUSTOM_ID = /^custom-[0-9a-z]{10}$/;
const newId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 10);

export type UploadResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export class ScenarioLibrary {
  private readonly cache = new Map<string, Scenario>();

  constructor(private readonly store: GameStore) {}

  /** A preset or an uploaded scenario by id, or undefined. */
  get(id: string): Scenario | undefined {
    const preset = presetById(id);
    if (preset) return preset;
    if (!CUSTOM_ID.test(id)) return undefined;
    const cached = this.cache.get(id);
    if (cached) return cached;
    const json = this.store.scenarioJson(id);
    if (json === null) return undefined;
    const parsed = parseScenario(JSON.parse(json));
    if (!parsed.ok) return undefined;
    this.cache.set(id, parsed.value);
    return parsed.value;
  }

  /** Validates and stores an upload; the stored scenario's id is the server's, not the file's. */
  add(input: unknown, now: number): UploadResult {
    const parsed = parseScenario(input);
    if (!parsed.ok) return parsed;
    const scenario: Scenario = { ...parsed.value, id: `custom-${newId()}` };
    this.store.saveScenario(scenario, now, MAX_UPLOADED_SCENARIOS);
    return { ok: true, scenario };
  }

  presets(): { id: string; name: string; description: string; rounds: number; custom: false }[] {
    return PRESETS.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      rounds: p.rounds,
      custom: false,
    }));
  }
}
