/**
 * The scenarios a table can be played with: the presets that ship with the game, and those a
 * facilitator uploads. An upload is untrusted until `parseScenario` accepts it; it is then
 * stored in the records (`store/`) under a server-chosen id (`custom-…`, unguessable: the id is
 * what a facilitator shares with their table) and looked up by that id when a table uses it.
 * The newest `keep` uploads are kept; older ones are forgotten (tables already playing one hold
 * their own copy, and a saved game's log holds the whole scenario). The store is async and
 * shared by every process: `load` reads an upload from it (one made through another process,
 * or before a restart; one forgotten is dropped) into this process's cache of the last ones
 * used, and `get` answers at once from the presets and that cache (a lobby's `configure` is
 * synchronous; `room.ts` loads an upload it names first).
 */
import { customAlphabet } from "nanoid";
import { PRESETS, presetById } from "../shared/presets";
import { parseScenario, type Scenario } from "../shared/scenario";
import type { Store } from "./store";

/** Uploaded scenarios kept by default; the oldest are forgotten beyond this. */
export const MAX_UPLOADED_SCENARIOS = 1000;
export const CUSTOM_ID = /^custom-[0-9a-z]{10}$/;
/** Uploads kept in memory, the last used (each at most 64 KB of JSON, parsed). */
const CACHED = 200;
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
  /** Uploads read or stored lately, oldest use first (a Map keeps insertion order). */
  private readonly cache = new Map<string, Scenario>();

  constructor(
    private readonly store: Store,
    private readonly keep: number = MAX_UPLOADED_SCENARIOS,
  ) {}

  /** A preset, or an upload this process has stored or loaded lately, by id; else undefined. */
  get(id: string): Scenario | undefined {
    const preset = presetById(id);
    if (preset) return preset;
    const cached = this.cache.get(id);
    if (cached) this.remember(cached);
    return cached;
  }

  /** A preset, or an uploaded scenario by id as the store has it now; else undefined. */
  async load(id: string): Promise<Scenario | undefined> {
    const preset = presetById(id);
    if (preset || !CUSTOM_ID.test(id)) return preset;
    const json = await this.store.scenarioJson(id);
    // Stored only after parsing, so this passes; checked again in case the records were edited.
    const parsed = json === null ? null : parseScenario(JSON.parse(json));
    if (!parsed?.ok) {
      this.cache.delete(id);
      return undefined;
    }
    this.remember(parsed.value);
    return parsed.value;
  }

  /**
   * Validates and stores an upload. The stored scenario's id is the server's: the file's own
   * `id`, if any, is ignored (so a file needs none, and a bad one is no error).
   */
  async add(input: unknown, now: number): Promise<UploadResult> {
    const checked = this.check(input, `custom-${newId()}`);
    if (checked.ok) {
      const forgotten = await this.store.saveScenario(checked.scenario, now, this.keep);
      for (const id of forgotten) this.cache.delete(id);
      this.remember(checked.scenario);
    }
    return checked;
  }

  private remember(scenario: Scenario): void {
    this.cache.delete(scenario.id);
    this.cache.set(scenario.id, scenario);
    for (const id of this.cache.keys()) {
      if (this.cache.size <= CACHED) break;
      this.cache.delete(id);
    }
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
