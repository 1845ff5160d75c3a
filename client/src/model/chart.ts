/**
 * Line charts as data: series of numbers become SVG paths in a box, with an optional
 * uncertainty band, axis ticks and labels. Used for the economic index against measured
 * welfare in the game, and for true welfare, the proxy and the risks in the debrief. Pure.
 */

export interface Series {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly values: readonly number[];
  /** Half-width of an uncertainty band around each value (same units). */
  readonly band?: readonly number[];
  /** Dash pattern, so lines differ by more than colour. */
  readonly dash?: string;
  /** Marker shape at the last point. */
  readonly marker?: "circle" | "square" | "triangle" | "diamond";
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly padLeft: number;
  readonly padRight: number;
  readonly padTop: number;
  readonly padBottom: number;
  /** Axis label size in the box's units (default 9): larger for charts drawn small. */
  readonly fontSize?: number;
}

export interface DrawnSeries {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  readonly dash: string | undefined;
  readonly marker: Series["marker"];
  /** The figures drawn (for the data table beside the chart). */
  readonly values: readonly number[];
  readonly path: string;
  readonly bandPath: string | null;
  readonly last: { x: number; y: number; value: number } | null;
}

export interface ChartModel {
  readonly box: ChartBox;
  readonly series: DrawnSeries[];
  readonly yTicks: { y: number; label: string }[];
  readonly xTicks: { x: number; label: string }[];
  readonly yMin: number;
  readonly yMax: number;
}

export const DEFAULT_BOX: ChartBox = {
  width: 360,
  height: 180,
  padLeft: 34,
  padRight: 12,
  padTop: 10,
  padBottom: 22,
};

/** Round numbers for axis ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(+v.toFixed(6));
  return out;
}

export function buildChart(
  series: readonly Series[],
  xLabels: readonly string[],
  box: ChartBox = DEFAULT_BOX,
  fixedRange?: { min: number; max: number },
): ChartModel {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const b = s.band?.[i] ?? 0;
      lo = Math.min(lo, v - b);
      hi = Math.max(hi, v + b);
    });
  }
  if (fixedRange) {
    lo = fixedRange.min;
    hi = fixedRange.max;
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-6) {
    lo -= 1;
    hi += 1;
  }
  const margin = fixedRange ? 0 : (hi - lo) * 0.08;
  lo -= margin;
  hi += margin;
  const n = Math.max(2, xLabels.length);
  const plotW = box.width - box.padLeft - box.padRight;
  const plotH = box.height - box.padTop - box.padBottom;
  const X = (i: number) => box.padLeft + (plotW * i) / (n - 1);
  const Y = (v: number) => box.padTop + plotH * (1 - (v - lo) / (hi - lo));
  const r = (v: number) => Math.round(v * 10) / 10;
  const drawn = series.map((s): DrawnSeries => {
    const pts = s.values
      .map((v, i) => ({ x: X(i), y: Y(v), v }))
      .filter((p) => Number.isFinite(p.v));
    const path = pts.map((p, i) => `${i ? "L" : "M"}${r(p.x)},${r(p.y)}`).join("");
    let bandPath: string | null = null;
    if (s.band && pts.length > 0) {
      const upper = s.values.map((v, i) => `${r(X(i))},${r(Y(v + (s.band?.[i] ?? 0)))}`);
      const lower = s.values.map((v, i) => `${r(X(i))},${r(Y(v - (s.band?.[i] ?? 0)))}`).reverse();
      bandPath = `M${upper.join("L")}L${lower.join("L")}Z`;
    }
    const lastPt = pts[pts.length - 1];
    return {
      id: s.id,
      label: s.label,
      colour: s.colour,
      dash: s.dash,
      marker: s.marker,
      values: s.values,
      path,
      bandPath,
      last: lastPt ? { x: r(lastPt.x), y: r(lastPt.y), value: lastPt.v } : null,
    };
  });
  const yTicks = niceTicks(lo, hi).map((v) => ({ y: r(Y(v)), label: `${+v.toFixed(1)}` }));
  const every = Math.max(1, Math.ceil(xLabels.length / 6));
  const xTicks = xLabels
    .map((label, i) => ({ x: r(X(i)), label, i }))
    .filter((t) => {
      const last = xLabels.length - 1;
      if (t.i === last) return true;
      // A regular tick right before the last one would print over it ("2037 2038").
      return t.i % every === 0 && last - t.i > every / 2;
    })
    .map(({ x, label }) => ({ x, label }));
  return { box, series: drawn, yTicks, xTicks, yMin: lo, yMax: hi };
}

/** Values as an index with the first finite value = 100. */
export function indexed(values: readonly number[]): number[] {
  const base = values.find((v) => Number.isFinite(v) && v !== 0);
  if (base === undefined) return values.slice();
  return values.map((v) => (v / base) * 100);
}
