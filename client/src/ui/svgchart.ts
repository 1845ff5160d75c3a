/**
 * Draws a `ChartModel` as an accessible SVG (a title, a description and a data table for
 * screen readers), with a legend where every line differs by dash and marker, not only colour.
 * Drawn with SVG rather than a chart library: a few paths are all we need, they scale on every
 * screen, and they stay real DOM for accessibility.
 */
import type { ChartModel, DrawnSeries } from "../model/chart";
import { h, s } from "./dom";

function marker(d: DrawnSeries): SVGElement | null {
  if (!d.last) return null;
  const { x, y } = d.last;
  const common = { fill: d.colour, stroke: "#0b1120", "stroke-width": 1.5 };
  switch (d.marker) {
    case "square":
      return s("rect", { x: x - 4, y: y - 4, width: 8, height: 8, ...common });
    case "triangle":
      return s("path", { d: `M${x},${y - 5}L${x + 5},${y + 4}L${x - 5},${y + 4}Z`, ...common });
    case "diamond":
      return s("path", {
        d: `M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z`,
        ...common,
      });
    default:
      return s("circle", { cx: x, cy: y, r: 4, ...common });
  }
}

export function chartSvg(
  m: ChartModel,
  title: string,
  desc: string,
  extra: SVGElement[] = [],
): SVGSVGElement {
  const { width, height, padLeft, padRight, padBottom, padTop } = m.box;
  const id = `c${Math.random().toString(36).slice(2, 8)}`;
  const svg = s(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-labelledby": `${id}-t ${id}-d`,
      preserveAspectRatio: "xMidYMid meet",
    },
    s("title", { id: `${id}-t` }),
    s("desc", { id: `${id}-d` }),
  );
  svg.querySelector("title")!.textContent = title;
  svg.querySelector("desc")!.textContent = desc;
  for (const t of m.yTicks) {
    svg.append(
      s("line", {
        x1: padLeft,
        x2: width - padRight,
        y1: t.y,
        y2: t.y,
        stroke: "#2a3a5c",
        "stroke-width": 1,
      }),
    );
    const label = s("text", {
      x: padLeft - 4,
      y: t.y + 3,
      "text-anchor": "end",
      fill: "#9fb0cc",
      "font-size": m.box.fontSize ?? 9,
    });
    label.textContent = t.label;
    svg.append(label);
  }
  for (const t of m.xTicks) {
    // The last year sits on the plot's right edge: anchored at its end, it stays in the box.
    const atEnd = t.x > width - padRight - 12;
    const label = s("text", {
      x: atEnd ? width - padRight + 4 : t.x,
      y: height - padBottom + 13,
      "text-anchor": atEnd ? "end" : "middle",
      fill: "#9fb0cc",
      "font-size": m.box.fontSize ?? 9,
    });
    label.textContent = t.label;
    svg.append(label);
  }
  svg.append(
    s("line", { x1: padLeft, x2: padLeft, y1: padTop, y2: height - padBottom, stroke: "#3a4d75" }),
  );
  for (const e of extra) svg.append(e);
  for (const d of m.series) {
    if (d.bandPath)
      svg.append(
        s("path", {
          d: d.bandPath,
          fill: d.colour,
          opacity: 0.16,
          stroke: d.colour,
          "stroke-opacity": 0.35,
          "stroke-dasharray": "2 3",
        }),
      );
  }
  for (const d of m.series) {
    svg.append(
      s("path", {
        d: d.path,
        fill: "none",
        stroke: d.colour,
        "stroke-width": 2.2,
        "stroke-dasharray": d.dash,
        "stroke-linejoin": "round",
      }),
    );
    const mk = marker(d);
    if (mk) svg.append(mk);
  }
  return svg;
}

export function legend(m: ChartModel, bandLabel?: string): HTMLElement {
  return h(
    "div",
    { class: "legend", "aria-hidden": "true" },
    m.series.map((d) => {
      const sw = s(
        "svg",
        { viewBox: "0 0 26 10" },
        s("line", {
          x1: 1,
          x2: 25,
          y1: 5,
          y2: 5,
          stroke: d.colour,
          "stroke-width": 2.5,
          "stroke-dasharray": d.dash,
        }),
      );
      const fake = { ...d, last: { x: 13, y: 5, value: 0 } };
      const mk = marker(fake);
      if (mk) sw.append(mk);
      return h("span", {}, sw, d.label);
    }),
    bandLabel
      ? h(
          "span",
          {},
          h("i", {
            style:
              "display:inline-block;width:20px;height:9px;background:rgba(86,180,233,.25);border:1px dashed #56b4e9",
          }),
          bandLabel,
        )
      : null,
  );
}

/**
 * A screen-reader data table of the series, its figures as whole numbers, as the tiles and the
 * charts' labels show them.
 */
export function dataTable(
  caption: string,
  xLabels: readonly string[],
  rows: { label: string; values: readonly number[] }[],
  testid?: string,
): HTMLElement {
  // The wrapper is hidden, not the table: a table ignores the 1 px box and would widen the page.
  return h(
    "div",
    { class: "sr-only", "data-testid": testid },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, "Series"),
          xLabels.map((x) => h("th", {}, x)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            {},
            h("th", {}, r.label),
            r.values.map((v) => h("td", {}, Number.isFinite(v) ? String(Math.round(v)) : "–")),
          ),
        ),
      ),
    ),
  );
}
