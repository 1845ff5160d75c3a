/**
 * The gate of a join, before a room sees it: options parsed with the protocol's strict schemas
 * (a client can send nothing else), and a new table only for a known scenario, on a server
 * with room for it, from an address under its creation limit.
 */
import type { AuthContext } from "@colyseus/core";
import { ServerError } from "@colyseus/core";
import type { z } from "zod";
import { PRESETS } from "../shared/presets";
import {
  type CreateOptions,
  createOptionsSchema,
  JOIN_ERRORS,
  type JoinOptions,
  joinOptionsSchema,
} from "../shared/protocol";
import type { Scenario } from "../shared/scenario";
import type { RoomServices } from "./services";

/** The first few problems of a parse, named by path, for people. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "message"}: ${i.message}`)
    .join("; ");
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Whether join options ask to create a table (only creation options carry a mode). */
export function creates(options: unknown): boolean {
  return isRecord(options) && "mode" in options;
}

export const badOptions = (error: z.ZodError) =>
  new ServerError(JOIN_ERRORS.badOptions, describeIssues(error));

const unknownScenario = (id: string) =>
  new ServerError(
    JOIN_ERRORS.scenarioNotFound,
    `Unknown scenario "${id}": use a preset's id (${PRESETS.map((p) => p.id).join(", ")}) or the id an upload returned.`,
  );

/** The creation options and the scenario they name; throws the join error if either is wrong. */
export function parseCreate(
  s: RoomServices,
  options: unknown,
): { opts: CreateOptions; scenario: Scenario } {
  const parsed = createOptionsSchema.safeParse(options);
  if (!parsed.success) throw badOptions(parsed.error);
  const id = parsed.data.scenario ?? "standard";
  const scenario = s.scenarios.get(id);
  if (!scenario) throw unknownScenario(id);
  return { opts: parsed.data, scenario };
}

/** Options to join a table by code; throws the join error if they are wrong. */
export function parseJoin(options: unknown): JoinOptions {
  const parsed = joinOptionsSchema.safeParse(options);
  if (!parsed.success) throw badOptions(parsed.error);
  return parsed.data;
}

/** Colyseus's static onAuth: refuses bad options and creations over the limits. */
export function authorize(
  s: RoomServices,
  options: unknown,
  context: AuthContext,
): { create: boolean } {
  if (creates(options)) {
    parseCreate(s, options);
    if (s.rooms.size >= s.config.maxRooms)
      throw new ServerError(JOIN_ERRORS.serverFull, "The server is full; try again later.");
    const ip = Array.isArray(context.ip) ? context.ip[0] : context.ip;
    if (!s.createLimiter.take(String(ip ?? "unknown"), Date.now()))
      throw new ServerError(JOIN_ERRORS.tooManyTables, "Too many tables created; wait a minute.");
    return { create: true };
  }
  parseJoin(options);
  return { create: false };
}
