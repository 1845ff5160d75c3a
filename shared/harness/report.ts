/**
 * The harness's printed tables, as lines of text: the policy rows, the mean curve by round,
 * the levers against their welfare-best levels, the best fixed openings, endings by the
 * personality draw, the best responses per role, the difficulty odds and the balance targets.
 */
import {
  DIFFICULTIES,
  DIFFICULTY_LABEL,
  type DifficultyOdds,
  PLAYER_STAND_IN,
} from "../difficulty";
import { ENDINGS, ROLES, type Role } from "../vocabulary";
import type { DrawFigures } from "./draws";
import type { LeverFigures } from "./figures";
import type { OpeningFigures, RoleResponses } from "./measure";
import type { Summary } from "./summary";
import type { Check } from "./targets";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function policyTable(table: readonly { label: string; summary: Summary }[]): string[] {
  const lines = [
    `${"policy".padEnd(10)}${ENDINGS.map((e) => e.slice(0, 12).padStart(14)).join("")}${"catastr.".padStart(10)}${"welfare".padStart(9)}${"corr 1/3".padStart(10)}${"corr 3/3".padStart(10)}${"vis.safety".padStart(11)}${ROLES.map((r) => `rank ${r.slice(0, 3)}`.padStart(10)).join("")}`,
  ];
  for (const { label, summary: s } of table)
    lines.push(
      `${label.padEnd(10)}${ENDINGS.map((e) => pct(s.endings[e] / Math.max(1, s.games)).padStart(14)).join("")}${pct(s.catastropheRate).padStart(10)}${s.meanEndWelfare.toFixed(1).padStart(9)}${s.corrFirstThird.toFixed(2).padStart(10)}${s.corrLastThird.toFixed(2).padStart(10)}${s.meanVisibleSafety.toFixed(1).padStart(11)}${ROLES.map((r) => s.meanRank[r].toFixed(2).padStart(10)).join("")}`,
    );
  lines.push("welfare: mean final true welfare, a catastrophe counted as a collapse (20)");
  return lines;
}

export function curveLines(title: string, s: Summary): string[] {
  const lines = [
    `${title}: round, games running, cumulative pressure, true welfare, proxy, mean levers`,
  ];
  for (const c of s.curve)
    lines.push(
      `  ${String(c.round).padStart(2)} ${String(c.games).padStart(6)} ${c.cumulativePressure.toFixed(2).padStart(7)} ${c.welfare.toFixed(1).padStart(7)} ${c.proxy.toFixed(1).padStart(8)}   ${c.levers.map((v) => v.toFixed(2)).join(" ")}`,
    );
  return lines;
}

export function leverLines(levers: readonly LeverFigures[]): string[] {
  const lines = [
    "levers without the shock: welfare-best level at the start, market mean in round 1, the round the market's mean passes it",
  ];
  for (const l of levers)
    lines.push(
      `  ${l.lever.padEnd(16)}${(l.best === null ? "n/a" : l.best.toFixed(2)).padStart(6)}${l.first.toFixed(2).padStart(8)}   ${l.passes === null ? "never" : `round ${l.passes}`}`,
    );
  return lines;
}

export function openingLines(o: OpeningFigures): string[] {
  const lines = [
    `fixed openings: ${o.openings} played ${o.prescreenGames} games each${o.contenders < o.openings ? `, ${o.contenders} contenders (the best by welfare, and any with at most 2.5 times the floor's bad endings) ${o.screenGames}` : ""}; ${o.finals.length} re-run on ${o.finalGames}: the best by welfare and those under the floor, each with its twins (openings whose screen games ended exactly alike); best first`,
    `  ${"opening".padEnd(64)}${"welfare".padStart(9)}${"catastr.".padStart(10)}${"+dystopia".padStart(11)}`,
  ];
  for (const r of o.finals)
    lines.push(
      `  ${(r.twins.length > 0 ? `${r.label} (+${r.twins.length} twins)` : r.label).padEnd(64)}${r.welfare.toFixed(1).padStart(9)}${pct(r.catastrophe).padStart(10)}${pct(r.bad).padStart(11)}`,
    );
  if (o.sensibleWelfare !== null)
    lines.push(`  sensible governments on the same seeds: welfare ${o.sensibleWelfare.toFixed(1)}`);
  return lines;
}

export function drawLines(d: DrawFigures): string[] {
  const lines = [`endings by personality draw, sensible governments (${d.games} games)`];
  for (const role of ["lab", "company"] as const) {
    lines.push(
      `  ${`${role} combination`.padEnd(32)}${"games".padStart(7)}${"flourishing".padStart(13)}${"catastr.".padStart(10)}`,
    );
    for (const r of d[role])
      lines.push(
        `  ${r.combo.padEnd(32)}${String(r.games).padStart(7)}${pct(r.flourishing).padStart(13)}${pct(r.catastrophe).padStart(10)}`,
      );
  }
  lines.push(
    `  AUC of the ending from the draw (fit on half, scored on the other): catastrophe ${d.aucCatastrophe.toFixed(2)}, Flourishing ${d.aucFlourishing.toFixed(2)}`,
  );
  return lines;
}

export function responseLines(responses: Partial<Record<Role, RoleResponses>>): string[] {
  const lines: string[] = [];
  for (const role of ROLES) {
    const x = responses[role];
    if (!x) continue;
    lines.push(
      `best responses for seat ${x.seat} (${role}) against mixed bots: ${x.grid} policies screened on ${x.screenGames} games, ${x.finals.length} re-run on ${x.finalGames}`,
      `  ${"policy".padEnd(72)}${"rank".padStart(6)}${"first".padStart(8)}${"catastr.".padStart(10)}${"welfare".padStart(9)}`,
    );
    for (const r of x.finals) {
      const tag = r === x.reckless ? " (reckless)" : r === x.careful ? " (careful)" : "";
      lines.push(
        `  ${(r.label + tag).padEnd(72)}${r.meanRank.toFixed(2).padStart(6)}${pct(r.first).padStart(8)}${pct(r.catastrophe).padStart(10)}${r.welfare.toFixed(1).padStart(9)}`,
      );
    }
  }
  return lines;
}

export function difficultyLines(d: DifficultyOdds): string[] {
  const lines = [
    `difficulty odds for a player who does nothing special (${d.games} games per level and role; the player's seat played by ${ROLES.map((r) => `${r} ${PLAYER_STAND_IN[r]}`).join(", ")})`,
    `  ${"level".padEnd(10)}${"player".padEnd(12)}${ENDINGS.map((e) => e.slice(0, 12).padStart(14)).join("")}${"catastr.".padStart(10)}${"welfare".padStart(9)}`,
  ];
  for (const level of DIFFICULTIES)
    for (const role of ROLES) {
      const o = d.odds[level][role];
      lines.push(
        `  ${DIFFICULTY_LABEL[level].name.padEnd(10)}${role.padEnd(12)}${ENDINGS.map((e) => pct(o.endings[e]).padStart(14)).join("")}${pct(o.catastrophe).padStart(10)}${o.welfare.toFixed(1).padStart(9)}`,
      );
    }
  return lines;
}

export function checkLines(heading: string, checks: readonly Check[]): string[] {
  const name = (c: Check) => `${c.target} ${c.clause}`;
  const w1 = Math.max(6, ...checks.map((c) => name(c).length)) + 2;
  const w2 = Math.max(6, ...checks.map((c) => c.figure.length)) + 2;
  const w3 = Math.max(4, ...checks.map((c) => c.goal.length)) + 2;
  const lines = [heading, `${"target".padEnd(w1)}${"figure".padEnd(w2)}${"goal".padEnd(w3)}ok`];
  for (const c of checks)
    lines.push(
      `${name(c).padEnd(w1)}${c.figure.padEnd(w2)}${c.goal.padEnd(w3)}${c.ok === null ? "-" : c.ok ? "yes" : "NO"}`,
    );
  const judged = checks.filter((c) => c.ok !== null);
  const met = judged.filter((c) => c.ok).length;
  const targets = [...new Set(checks.map((c) => c.target))];
  const whole = targets.filter((t) => checks.some((c) => c.target === t && c.ok === false));
  lines.push(
    "",
    `${met} of ${judged.length} clauses met${checks.length > judged.length ? ` (${checks.length - judged.length} not judged)` : ""}; targets with a clause not met: ${whole.length === 0 ? "none" : whole.join(", ")}`,
  );
  return lines;
}

/** The source of `shared/difficultyOdds.ts`: the measured odds as a constant. */
export function oddsModule(d: DifficultyOdds): string {
  const round = (_key: string, v: unknown) =>
    typeof v === "number" ? Math.round(v * 10_000) / 10_000 : v;
  return `/**
 * Generated by \`npm run odds\` (scripts/selfplay.ts --difficulty --write-odds): do not edit.
 * Each difficulty's odds of every ending for a solo player who does nothing special (the
 * player's seat played by ${ROLES.map((r) => `${r} ${PLAYER_STAND_IN[r]}`).join(", ")}),
 * measured on scenario ${d.scenario}, ${d.games} games per level and role from seed ${d.seed}.
 */
import type { DifficultyOdds } from "./difficulty";

export const DIFFICULTY_ODDS: DifficultyOdds = ${JSON.stringify(d, round, 2)};
`;
}
