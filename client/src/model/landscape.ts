/**
 * The optimisation landscape as data (DESIGN.md section 9): a terrain in the unit square
 * [-1, 1]² with a wide, shallow valley of flourishing at the centre and the four catastrophe
 * basins around it. Basins deepen with optimisation pressure and fill (a water level) as the
 * regulations in force hold their risk back. The world is a point placed from the published
 * risk levels, with its trail of earlier rounds. Pure: the Phaser scene only draws this.
 */
import type { PublicView } from "../../../shared/views";
import {
  ATTRACTORS,
  type Attractor,
  INCIDENT_LABEL,
  type Incident,
} from "../../../shared/vocabulary";
import { ATTRACTOR_INFO, heldBackBy } from "./attractors";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Basin {
  readonly id: Attractor;
  readonly centre: Point;
  /** Width of the basin (standard deviation of its Gaussian well). */
  readonly width: number;
  /** Depth of the well, from the pressure (and a little from the risk itself). */
  readonly depth: number;
  /** How far the basin is filled by regulation, 0–1 of its depth. */
  readonly fill: number;
  /** Published risk level, 0–100. */
  readonly risk: number;
  /** Fraction (0–1) of this risk's drivers the regulations in force hold back. */
  readonly hold: number;
  /** Past this published risk the world is in the basin (the scenario's tipping point). */
  readonly tipping: number;
  /** The game's regulations that hold it back, in plain words (from the catalogue). */
  readonly heldBackBy: string;
}

/** An incident of the round just resolved, marked at its attractor's basin. */
export interface IncidentMark {
  readonly incident: Incident;
  readonly attractor: Attractor;
  readonly label: string;
  readonly round: number;
}

export interface LandscapeModel {
  readonly pressure: number;
  readonly basins: readonly Basin[];
  /** The incidents in this round's news, each drawn as a pulse at its basin. */
  readonly incidents: readonly IncidentMark[];
  readonly valley: { readonly centre: Point; readonly width: number; readonly depth: number };
  readonly marker: Point;
  readonly trail: readonly Point[];
  /** A short sentence for screen readers: where the world is. */
  readonly summary: string;
}

export const BASIN_CENTRES: Record<Attractor, Point> = {
  misuse: { x: -0.64, y: -0.56 },
  centralisation: { x: 0.64, y: -0.56 },
  goodhart: { x: 0.64, y: 0.56 },
  takeover: { x: -0.64, y: 0.56 },
};
export const VALLEY_CENTRE: Point = { x: 0, y: 0.02 };
const BASIN_WIDTH = 0.22;
const VALLEY_WIDTH = 0.46;
/** Fraction of a risk's drivers held back at which its basin is drawn as filled as it gets. */
export const HOLD_FOR_FULL = 0.6;
export const MAX_FILL = 0.85;
/** How far below its tipping point (a share of it) a risk is said to be sliding toward it. */
const NEAR_TIPPING = 0.65;

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

export function basinDepth(pressure: number, risk: number): number {
  const tilt = clamp((pressure - 1) / 3, 0, 1);
  return 0.22 + 0.58 * tilt + 0.2 * clamp(risk / 100, 0, 1);
}

export function basinFill(hold: number): number {
  return clamp(hold / HOLD_FOR_FULL, 0, 1) * MAX_FILL;
}

/**
 * The world's position from the four risk levels: it leaves the valley toward the basins
 * whose risk dominates, and reaches a basin's centre as that risk reaches 100.
 */
export function worldPosition(risks: readonly number[]): Point {
  let total = 0;
  let dx = 0;
  let dy = 0;
  let max = 0;
  ATTRACTORS.forEach((a, i) => {
    const r = clamp((risks[i] ?? 0) / 100, 0, 1);
    const w = r ** 3;
    total += w;
    dx += w * BASIN_CENTRES[a].x;
    dy += w * BASIN_CENTRES[a].y;
    max = Math.max(max, r);
  });
  if (total <= 1e-9) return VALLEY_CENTRE;
  const target = { x: dx / total, y: dy / total };
  const t = clamp(max ** 1.3 * 1.05, 0, 1);
  return {
    x: VALLEY_CENTRE.x + (target.x - VALLEY_CENTRE.x) * t,
    y: VALLEY_CENTRE.y + (target.y - VALLEY_CENTRE.y) * t,
  };
}

/** The incidents in the public news (the round just resolved), one mark each. */
export function incidentMarks(view: PublicView): IncidentMark[] {
  const out: IncidentMark[] = [];
  for (const e of view.news) {
    if (e.kind !== "incident" || !e.incident || !e.attractor) continue;
    if (out.some((m) => m.incident === e.incident && m.round === e.round)) continue;
    out.push({
      incident: e.incident,
      attractor: e.attractor,
      label: INCIDENT_LABEL[e.incident],
      round: e.round,
    });
  }
  return out;
}

export function buildLandscape(
  view: PublicView,
  riskTrail: readonly (readonly number[])[] = [],
): LandscapeModel {
  const basins = ATTRACTORS.map((id, i): Basin => {
    const risk = view.publishedRisks[i] ?? 0;
    const hold = view.regulationHold[i] ?? 0;
    return {
      id,
      centre: BASIN_CENTRES[id],
      width: BASIN_WIDTH,
      depth: basinDepth(view.pressure, risk),
      fill: basinFill(hold),
      risk,
      hold,
      tipping: view.rules.tipping[id],
      heldBackBy: heldBackBy(id, view),
    };
  });
  const marker = worldPosition(view.publishedRisks);
  const worst = basins.reduce((a, b) => (b.risk > a.risk ? b : a));
  const tipping = view.rules.tipping[worst.id];
  const incidents = incidentMarks(view);
  // One incident is named; several are counted (each is named at its basin and in the news).
  const one = incidents.length === 1 ? incidents[0] : undefined;
  const struck = one
    ? ` Incident this year: ${one.label}, near ${ATTRACTOR_INFO[one.attractor].label}.`
    : incidents.length > 1
      ? ` ${incidents.length} incidents this year, marked ⚡ at their basins.`
      : "";
  const where =
    worst.risk >= tipping
      ? `The world is inside the ${ATTRACTOR_INFO[worst.id].label} basin (published risk ${Math.round(worst.risk)}).`
      : worst.risk >= tipping * NEAR_TIPPING
        ? `The world is sliding toward ${ATTRACTOR_INFO[worst.id].label} (published risk ${Math.round(worst.risk)}).`
        : "The world is in the valley of flourishing; no risk is near its tipping point.";
  return {
    pressure: view.pressure,
    basins,
    incidents,
    valley: { centre: VALLEY_CENTRE, width: VALLEY_WIDTH, depth: 0.18 },
    marker,
    trail: riskTrail.map(worldPosition),
    summary: where + struck,
  };
}

/** Terrain height at a point: 0 is the rim level, negative is down. */
export function heightAt(model: LandscapeModel, x: number, y: number): number {
  const r2 = x * x + y * y;
  let h = 0.12 * r2;
  const v = model.valley;
  const dvx = x - v.centre.x;
  const dvy = y - v.centre.y;
  h -= v.depth * Math.exp(-(dvx * dvx + dvy * dvy * 1.6) / (2 * v.width * v.width));
  for (const b of model.basins) {
    const dx = x - b.centre.x;
    const dy = y - b.centre.y;
    h -= b.depth * Math.exp(-(dx * dx + dy * dy) / (2 * b.width * b.width));
  }
  // Gentle ridges so the terrain reads as ground, deterministic.
  h += 0.012 * Math.sin(7.1 * x + 2.3 * y) * Math.cos(5.3 * y - 1.7 * x);
  return h;
}

/** The basin whose water covers a point, with the water level there, or null. */
export function waterAt(
  model: LandscapeModel,
  x: number,
  y: number,
  h: number,
): { basin: Attractor; level: number } | null {
  for (const b of model.basins) {
    if (b.fill <= 0) continue;
    const dx = x - b.centre.x;
    const dy = y - b.centre.y;
    if (dx * dx + dy * dy > (2.2 * b.width) ** 2) continue;
    const bottom = heightAt(model, b.centre.x, b.centre.y);
    const level = bottom + b.depth * b.fill;
    if (h < level) return { basin: b.id, level };
  }
  return null;
}

/** What a pointer at (x, y) is over: a basin, the valley, or open ground. */
export function regionAt(model: LandscapeModel, x: number, y: number): Attractor | "valley" | null {
  for (const b of model.basins) {
    const dx = x - b.centre.x;
    const dy = y - b.centre.y;
    if (dx * dx + dy * dy <= (1.8 * b.width) ** 2) return b.id;
  }
  const dx = x - model.valley.centre.x;
  const dy = y - model.valley.centre.y;
  if (dx * dx + dy * dy <= model.valley.width ** 2) return "valley";
  return null;
}

/** Colour ramp for the terrain by height, as [r, g, b] 0–255 (deep = dark, rim = light). */
export function terrainColour(h: number): [number, number, number] {
  const stops: [number, [number, number, number]][] = [
    [-1.1, [8, 10, 22]],
    [-0.7, [18, 22, 44]],
    [-0.4, [28, 40, 70]],
    [-0.2, [24, 70, 78]],
    [-0.08, [30, 104, 92]],
    [0.0, [58, 96, 98]],
    [0.08, [62, 78, 104]],
    [0.2, [84, 96, 128]],
  ];
  if (h <= stops[0]![0]) return stops[0]![1];
  for (let i = 1; i < stops.length; i++) {
    const [h1, c1] = stops[i]!;
    const [h0, c0] = stops[i - 1]!;
    if (h <= h1) {
      const t = (h - h0) / (h1 - h0);
      return [
        Math.round(c0[0] + (c1[0] - c0[0]) * t),
        Math.round(c0[1] + (c1[1] - c0[1]) * t),
        Math.round(c0[2] + (c1[2] - c0[2]) * t),
      ];
    }
  }
  return stops[stops.length - 1]![1];
}

export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * Contour lines of the terrain at the given heights (marching squares over a grid), in unit
 * coordinates.
 */
export function contours(
  model: LandscapeModel,
  levels: readonly number[],
  cols = 72,
  rows = 48,
): { level: number; segments: Segment[] }[] {
  const hs: number[] = new Array((cols + 1) * (rows + 1));
  const X = (i: number) => -1 + (2 * i) / cols;
  const Y = (j: number) => -1 + (2 * j) / rows;
  for (let j = 0; j <= rows; j++)
    for (let i = 0; i <= cols; i++) hs[j * (cols + 1) + i] = heightAt(model, X(i), Y(j));
  return levels.map((level) => {
    const segments: Segment[] = [];
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const a = hs[j * (cols + 1) + i]!;
        const b = hs[j * (cols + 1) + i + 1]!;
        const c = hs[(j + 1) * (cols + 1) + i + 1]!;
        const d = hs[(j + 1) * (cols + 1) + i]!;
        const pts: Point[] = [];
        const edge = (h0: number, h1: number, x0: number, y0: number, x1: number, y1: number) => {
          if (h0 < level !== h1 < level) {
            const t = (level - h0) / (h1 - h0);
            pts.push({ x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t });
          }
        };
        edge(a, b, X(i), Y(j), X(i + 1), Y(j));
        edge(b, c, X(i + 1), Y(j), X(i + 1), Y(j + 1));
        edge(c, d, X(i + 1), Y(j + 1), X(i), Y(j + 1));
        edge(d, a, X(i), Y(j + 1), X(i), Y(j));
        for (let k = 0; k + 1 < pts.length; k += 2) {
          segments.push({ x1: pts[k]!.x, y1: pts[k]!.y, x2: pts[k + 1]!.x, y2: pts[k + 1]!.y });
        }
      }
    }
    return { level, segments };
  });
}

/** Points along a move from one position to another, eased, for the Resolve animation. */
export function easeMove(from: Point, to: Point, t: number): Point {
  const u = clamp(t, 0, 1);
  const e = u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
  return { x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e };
}
