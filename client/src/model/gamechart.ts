/**
 * The game screen's chart: the economic index (the proxy, public and exact) against measured
 * welfare (published by the governments, noisy, a year late) with its uncertainty band, both
 * as an index where the first year is 100.
 */
import type { PublicView } from "../../../shared/views";
import { SERIES_COLOUR } from "./attractors";
import { buildChart, type ChartBox, type ChartModel } from "./chart";

export interface GameChart {
  readonly chart: ChartModel;
  readonly years: string[];
  readonly proxy: number[];
  readonly welfare: number[];
  readonly noise: number[];
  readonly summary: string;
}

export function buildGameChart(pub: PublicView, box?: ChartBox): GameChart {
  const rows = pub.history.map((h) => ({
    round: h.round,
    proxy: h.proxy,
    welfare: h.measuredWelfare,
    noise: h.measuredNoise,
  }));
  const nb = Math.max(1, pub.blocs.length);
  const current = {
    round: pub.round,
    proxy: pub.proxy,
    welfare: pub.blocs.reduce((a, b) => a + b.publishedWelfare, 0) / nb,
    noise: pub.blocs.reduce((a, b) => a + b.welfareNoise, 0) / nb,
  };
  if (!rows.some((r) => r.round === current.round)) rows.push(current);
  const p0 = rows[0]?.proxy || 1;
  const w0 = rows[0]?.welfare || 1;
  const proxy = rows.map((r) => (r.proxy / p0) * 100);
  const welfare = rows.map((r) => (r.welfare / w0) * 100);
  const noise = rows.map((r) => (2 * r.noise * 100) / w0);
  const years = rows.map((r) => String(pub.startYear + r.round - 1));
  const chart = buildChart(
    [
      {
        id: "proxy",
        label: "Economic index (proxy)",
        colour: SERIES_COLOUR.proxy,
        values: proxy,
        marker: "square",
      },
      {
        id: "welfare",
        label: "Measured welfare",
        colour: SERIES_COLOUR.welfare,
        values: welfare,
        band: noise,
        dash: "5 3",
        marker: "circle",
      },
    ],
    years,
    box,
  );
  const lastP = proxy[proxy.length - 1] ?? 100;
  const lastW = welfare[welfare.length - 1] ?? 100;
  const gap = lastP - lastW;
  return {
    chart,
    years,
    proxy,
    welfare,
    noise,
    summary: `Economic index ${lastP.toFixed(0)}, measured welfare ${lastW.toFixed(0)} (first year = 100). ${
      gap > 15
        ? "The proxy is pulling away from measured welfare."
        : gap < -5
          ? "Measured welfare is ahead of the proxy."
          : "They still move together."
    }`,
  };
}
