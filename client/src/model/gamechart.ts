/**
 * The game screen's chart: the economic index (a stand-in score, public and exact) against
 * measured welfare (the average of the governments' published figures, noisy, a year late)
 * with its uncertainty band, both on the one scale every screen uses: start of the game = 100
 * (`scale.ts`). Its last point is the figure the tiles and the seat card show now.
 */
import type { PublicView } from "../../../shared/views";
import { SERIES_COLOUR } from "./attractors";
import { buildChart, type ChartBox, type ChartModel } from "./chart";
import { indexOf, indexText } from "./scale";

export interface GameChart {
  readonly chart: ChartModel;
  readonly years: string[];
  readonly proxy: number[];
  readonly welfare: number[];
  /** Half-width of the uncertainty band (2 × the noise), on the same scale. */
  readonly noise: number[];
  readonly summary: string;
}

/** The economic index now, start = 100 (the chart's last point and the tile). */
export function proxyNow(pub: PublicView): number {
  return indexOf(pub.proxy, pub.startProxy);
}

/** Measured welfare now as everyone sees it: the mean of the governments' published figures. */
export function publishedWelfareNow(pub: PublicView): { value: number; noise: number } {
  const nb = Math.max(1, pub.blocs.length);
  const w = pub.blocs.reduce((a, b) => a + b.publishedWelfare, 0) / nb;
  const n = pub.blocs.reduce((a, b) => a + b.welfareNoise, 0) / nb;
  return {
    value: indexOf(w, pub.startMeasuredWelfare),
    noise: indexOf(n, pub.startMeasuredWelfare),
  };
}

export function buildGameChart(pub: PublicView, box?: ChartBox): GameChart {
  const w0 = pub.startMeasuredWelfare;
  const rows = [
    { label: "Start", proxy: 100, welfare: 100, noise: 0 },
    ...pub.history.map((h) => ({
      label: String(pub.startYear + h.round - 1),
      proxy: indexOf(h.proxy, pub.startProxy),
      welfare: indexOf(h.measuredWelfare, w0),
      noise: indexOf(h.measuredNoise, w0),
    })),
  ];
  // The last point is what every tile shows now, so the chart and the figures never differ.
  const now = publishedWelfareNow(pub);
  const last = rows[rows.length - 1]!;
  last.proxy = proxyNow(pub);
  if (rows.length > 1) {
    last.welfare = now.value;
    last.noise = now.noise;
  }
  const proxy = rows.map((r) => r.proxy);
  const welfare = rows.map((r) => r.welfare);
  const noise = rows.map((r) => 2 * r.noise);
  const years = rows.map((r) => r.label);
  const chart = buildChart(
    [
      {
        id: "proxy",
        label: "Economy score",
        colour: SERIES_COLOUR.proxy,
        values: proxy,
        marker: "square",
      },
      {
        id: "welfare",
        label: "Measured well-being",
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
    summary: `Economy score ${indexText(lastP)}, measured well-being ${indexText(lastW)} (start = 100). ${
      gap > 15
        ? "The economy score is pulling away from well-being."
        : gap < -5
          ? "Well-being is ahead of the economy score."
          : "They still move together."
    }`,
  };
}
