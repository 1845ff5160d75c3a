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

/** What a room learns of a join that passed onAuth (Colyseus hands it to onJoin). */
export interface JoinAuth {
  readonly create: boolean;
  /** The joining address, by the server's trust-proxy setting (`address.ts`). */
  readonly address: string;
}

/**
 * Colyseus's static onAuth: refuses bad options and creations over the limits. The address is
 * read from the request by the server's rule, never from Colyseus's `context.ip` (which takes
 * `X-Real-IP` or `X-Forwarded-For` from anyone).
 */
export function authorize(s: RoomServices, options: unknown, context: AuthContext): JoinAuth {
  const address = context.req ? s.addressOf(context.req) : "unknown";
  if (creates(options)) {
    parseCreate(s, options);
    if (s.rooms.size >= s.config.maxRooms)
      throw new ServerError(JOIN_ERRORS.serverFull, "The server is full; try again later.");
    if (!s.createLimiter.take(address, Date.now()))
      throw new ServerError(JOIN_ERRORS.tooManyTables, "Too many tables created; wait a minute.");
    return { create: true, address };
  }
  parseJoin(options);
  return { create: false, address };
}

/** The address onAuth found for a client (Colyseus keeps onAuth's result as `client.auth`). */
export function joinAddress(auth: unknown): string {
  return isRecord(auth) && typeof auth.address === "string" ? auth.address : "unknown";
}
