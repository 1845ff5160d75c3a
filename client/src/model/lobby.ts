/**
 * The lobby as data: seats with who sits there (a person or a bot and its personality), what
 * this player may do (take a seat, leave, set bots, configure, start), and the share link.
 */
import {
  PERSONALITIES,
  PERSONALITY_LABEL,
  type Personality,
} from "../../../shared/bots/personalities";
import { PRESETS } from "../../../shared/presets";
import type { SeatInfo, Speed, TableInfo } from "../../../shared/protocol";
import { SPEEDS } from "../../../shared/protocol";
import { ROLE_LABEL, type Role } from "../../../shared/vocabulary";

export interface LobbySeat {
  readonly id: string;
  readonly role: Role;
  readonly roleLabel: string;
  readonly name: string;
  readonly occupant: string;
  readonly isBot: boolean;
  readonly botLabel: string | null;
  readonly personality: string | null;
  readonly mine: boolean;
  readonly canTake: boolean;
  readonly personalities: { value: string; label: string }[];
  readonly connected: boolean;
  readonly ready: boolean;
}

export interface LobbyModel {
  readonly code: string;
  readonly link: string;
  readonly isHost: boolean;
  readonly mySeat: string | null;
  readonly seats: LobbySeat[];
  readonly people: {
    id: string;
    name: string;
    seat: string | null;
    host: boolean;
    spectator: boolean;
    ready: boolean;
    connected: boolean;
  }[];
  readonly scenario: string;
  readonly scenarios: { value: string; label: string; description: string }[];
  readonly rounds: number;
  readonly speed: Speed;
  readonly speeds: { value: Speed; label: string }[];
  readonly canStart: boolean;
  readonly startHint: string;
  readonly roleCounts: Record<Role, number>;
}

export const SPEED_LABEL: Record<Speed, string> = {
  quick: "Quick (short timers)",
  standard: "Standard",
  classroom: "Classroom (long timers)",
};

export function joinLink(origin: string, code: string): string {
  return `${origin}/?join=${encodeURIComponent(code)}`;
}

/** What the client knows of an uploaded scenario (from the upload's answer). */
export interface UploadedScenario {
  readonly name: string;
  readonly description: string;
}

/** The scenario choices: the presets, plus the table's uploaded scenario when it uses one. */
export function scenarioOptions(
  current: string,
  uploaded: Readonly<Record<string, UploadedScenario>> = {},
): { value: string; label: string; description: string }[] {
  const options = PRESETS.map((p) => ({ value: p.id, label: p.name, description: p.description }));
  if (!options.some((o) => o.value === current)) {
    const known = uploaded[current];
    options.push({
      value: current,
      label: known ? `${known.name} (uploaded)` : "Uploaded scenario",
      description: known?.description ?? "A scenario the host uploaded.",
    });
  }
  return options;
}

export function buildLobby(
  table: TableInfo,
  playerId: string | null,
  origin: string,
  uploaded: Readonly<Record<string, UploadedScenario>> = {},
): LobbyModel {
  const me = table.players.find((p) => p.id === playerId) ?? null;
  const isHost = me?.host === true;
  const nameOf = (id: string | null) => table.players.find((p) => p.id === id);
  const seats = table.seats.map((s: SeatInfo): LobbySeat => {
    const person = s.player ? nameOf(s.player) : undefined;
    return {
      id: s.id,
      role: s.role,
      roleLabel: ROLE_LABEL[s.role],
      name: s.name,
      occupant: person
        ? person.name
        : s.bot
          ? `Bot · ${PERSONALITY_LABEL[s.bot as Personality] ?? s.bot}`
          : "Empty (a bot will play)",
      isBot: !person,
      botLabel: s.bot ? (PERSONALITY_LABEL[s.bot as Personality] ?? s.bot) : null,
      personality: s.bot,
      mine: s.player !== null && s.player === playerId,
      canTake: !s.player && me !== null && !me.spectator,
      personalities: PERSONALITIES[s.role].map((p) => ({ value: p, label: PERSONALITY_LABEL[p] })),
      connected: person?.connected ?? true,
      ready: person?.ready ?? false,
    };
  });
  const roleCounts: Record<Role, number> = { government: 0, lab: 0, company: 0 };
  for (const s of table.seats) roleCounts[s.role]++;
  const people = table.players.map((p) => ({
    id: p.id,
    name: p.name,
    seat: p.seat,
    host: p.host,
    spectator: p.spectator,
    ready: p.ready,
    connected: p.connected,
  }));
  const seated = table.players.filter((p) => p.seat !== null).length;
  return {
    code: table.code,
    link: joinLink(origin, table.code),
    isHost,
    mySeat: me?.seat ?? null,
    seats,
    people,
    scenario: table.scenario,
    scenarios: scenarioOptions(table.scenario, uploaded),
    rounds: table.rounds,
    speed: table.speed,
    speeds: SPEEDS.map((v) => ({ value: v, label: SPEED_LABEL[v] })),
    canStart: isHost && table.stage === "lobby",
    startHint:
      seated === 0
        ? "Nobody has taken a seat yet: every seat would be a bot."
        : `${seated} ${seated === 1 ? "person" : "people"} seated; empty seats are played by bots.`,
    roleCounts,
  };
}

/** The seat list for `configure`: roles in table order with one seat added or removed. */
export function seatsWith(table: TableInfo, role: Role, delta: 1 | -1): Role[] | null {
  const roles = table.seats.map((s) => s.role);
  if (delta === 1) {
    if (roles.length >= 9) return null;
    const at = roles.lastIndexOf(role);
    const out = roles.slice();
    out.splice(at < 0 ? out.length : at + 1, 0, role);
    return out;
  }
  const at = roles.lastIndexOf(role);
  if (at < 0 || roles.length <= 3) return null;
  if (role === "government" && roles.filter((r) => r === "government").length <= 1) return null;
  const out = roles.slice();
  out.splice(at, 1);
  return out;
}
