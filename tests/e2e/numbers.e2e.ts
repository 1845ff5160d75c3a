/**
 * Problem 3 of issue 10: the same quantity showed different numbers (the seat card's measured
 * welfare 59.7 ± 8.0 beside a chart at 100, an index tile at 106 beside the chart's 100, the
 * debrief's "+6.6" beside "this game: 111, start = 100", a screen-reader table captioned
 * "first = 100" that listed raw values, and the map's risks beside "Your risk estimates" with
 * nothing saying why they differ). One solo game as a government, played to the debrief.
 */
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, inPhase, openPage, readyUntil, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser(LONG_PHASES);

interface SrTable {
  caption: string;
  head: string[];
  rows: { label: string; cells: string[] }[];
}

/** A screen-reader data table as text. */
async function srTable(page: Page, testid: string): Promise<SrTable> {
  return page.evaluate((id) => {
    const t = document.querySelector(`[data-testid=${id}] table`)!;
    return {
      caption: t.querySelector("caption")?.textContent ?? "",
      head: [...t.querySelectorAll("thead th")].slice(1).map((x) => x.textContent ?? ""),
      rows: [...t.querySelectorAll("tbody tr")].map((tr) => ({
        label: tr.querySelector("th")?.textContent ?? "",
        cells: [...tr.querySelectorAll("td")].map((x) => x.textContent ?? ""),
      })),
    };
  }, testid);
}

const statValue = (page: Page, id: string) =>
  page.evaluate(
    (x) => document.querySelector(`[data-stat=${x}] .v`)?.textContent?.trim() ?? null,
    id,
  );

/** An element's text as shown: without the hidden explanations inside its terms. */
const shownText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const x of copy.querySelectorAll("[hidden]")) x.remove();
    return copy.textContent ?? "";
  });

const row = (t: SrTable, label: RegExp) => {
  const r = t.rows.find((x) => label.test(x.label));
  if (!r) throw new Error(`no row ${label} in ${JSON.stringify(t)}`);
  return r.cells;
};

describe("problem 3: one set of numbers", () => {
  let page: Page;
  const errors: string[] = [];
  afterAll(async () => {
    await page?.context().close();
  });

  it("problem 3: the seat card, the index tile and the chart show the same figure for the same quantity", async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    await page.fill("[data-testid=name]", "Ada");
    await page.click("[data-testid=solo-role-government]");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game");
    // Two rounds in, so the chart has a history and the published figures have noise.
    await readyUntil(
      page,
      `window.__attractor.state().view?.public.round >= 3 && ${inPhase("news")}`,
      200_000,
    );
    await waitFor(page, "document.querySelector('[data-stat=welfare-published]') !== null");
    const pub = (await page.evaluate("window.__attractor.state().view.public")) as {
      proxy: number;
      startProxy: number;
      startMeasuredWelfare: number;
      blocs: { publishedWelfare: number }[];
    };
    const proxyIndex = String(Math.round((pub.proxy / pub.startProxy) * 100));
    const mean = pub.blocs.reduce((a, b) => a + b.publishedWelfare, 0) / pub.blocs.length;
    const welfareIndex = String(Math.round((mean / pub.startMeasuredWelfare) * 100));

    const table = await srTable(page, "chart-table");
    expect(table.caption).toMatch(/start = 100/);
    expect(table.head[0]).toBe("Start");
    // The caption's promise: the start column is 100 for both lines.
    expect(row(table, /Economy score/)[0]).toBe("100");
    expect(row(table, /Measured well-being/)[0]).toBe("100");
    // The same figure on the tile, the seat card, the chart's last point and its summary.
    expect(row(table, /Economy score/).at(-1)).toBe(proxyIndex);
    expect(await statValue(page, "proxy-index")).toBe(proxyIndex);
    expect(row(table, /Measured well-being/).at(-1)).toBe(welfareIndex);
    expect(await statValue(page, "welfare-published")).toBe(welfareIndex);
    expect(await page.textContent("[data-testid=chart-summary]")).toContain(
      `Economy score ${proxyIndex}, measured well-being ${welfareIndex} (start = 100)`,
    );
    // The government's own figure is on the same scale, and labelled as its own.
    const own = await statValue(page, "welfare-own");
    expect(own).toMatch(/^\d+ ± \d+$/);
    expect(Math.abs(Number(own!.split(" ")[0]) - Number(welfareIndex))).toBeLessThan(40);
    // A place and points, not "% of par".
    expect(await statValue(page, "rank")).toMatch(/^\d+(st|nd|rd|th) of 6$/);
    expect(await statValue(page, "points")).toMatch(/^\d+ points$/);
    expect(await page.textContent("[data-tut=you]")).not.toMatch(/% of par/);
    await shot(page, "numbers-seat-card-and-chart-1280x800");
  });

  it("problem 3: risk numbers are labelled published vs your own estimate", async () => {
    const s = await hook(page);
    expect(s.view?.seat?.self.role).toBe("government");
    // Shown, not only in the page: the laptop layout hides fine print in this panel.
    expect(await page.locator("[data-testid=risk-source]").isVisible()).toBe(true);
    expect(await page.locator("[data-testid=risk-published-misuse]").isVisible()).toBe(true);
    const source = await page.textContent("[data-testid=risk-source]");
    expect(source).toMatch(/your own estimate/i);
    expect(source).toMatch(/published/i);
    expect(source).toMatch(/map/);
    expect(await page.textContent("[data-testid=basins-key]")).toMatch(/Published risk/);
    const risks = (await page.evaluate(
      "(() => { const s = window.__attractor.state().view; return { pub: s.public.publishedRisks, own: s.seat.self.riskEstimates }; })()",
    )) as { pub: number[]; own: number[] };
    const ids = ["misuse", "centralisation", "goodhart", "takeover"];
    for (const [i, id] of ids.entries()) {
      const published = String(Math.round(risks.pub[i]!));
      // The map's number is the published one; the panel shows it beside the own estimate.
      expect(await page.textContent(`[data-testid=basin-risk-${id}]`)).toBe(published);
      expect(await shownText(page, `[data-testid=risk-published-${id}]`)).toMatch(
        new RegExp(`^published ${published}$`),
      );
      expect(await page.textContent(`[data-testid=risk-value-${id}]`)).toMatch(
        new RegExp(`^${Math.round(risks.own[i]!)}( ±\\d+)?$`),
      );
    }
  });

  it("problem 3: the debrief's figures, chart and screen-reader table match, start = 100", async () => {
    await readyUntil(page, "window.__attractor.screen === 'debrief'", 400_000);
    await waitScreen(page, "debrief");
    await waitFor(page, "document.querySelector('[data-testid=debrief-table] table') !== null");
    const table = await srTable(page, "debrief-table");
    expect(table.caption).toMatch(/start = 100/);
    expect(table.head[0]).toBe("Start");
    for (const r of table.rows) expect(r.cells[0], r.label).toBe("100");
    const d = (await page.evaluate("window.__attractor.state().debrief.debrief")) as {
      startWelfare: number;
      startProxy: number;
      welfareCounted: number;
      ending: string;
      history: { welfare: number; proxy: number }[];
    };
    const last = d.history.at(-1)!;
    const trueEnd = String(Math.round((last.welfare / d.startWelfare) * 100));
    const proxyEnd = String(Math.round((last.proxy / d.startProxy) * 100));
    const counted = String(Math.round((d.welfareCounted / d.startWelfare) * 100));
    expect(row(table, /^True well-being \(revealed\)/).at(-1)).toBe(trueEnd);
    expect(row(table, /Economy score/).at(-1)).toBe(proxyEnd);
    expect(await statValue(page, "true-welfare")).toBe(trueEnd);
    expect(await statValue(page, "proxy-end")).toBe(proxyEnd);
    // "This game: N" is the end as scores count it; with no catastrophe, the same figure.
    expect(await page.textContent("[data-testid=counterfactual]")).toContain(
      `This game: ${counted}`,
    );
    if ((await statValue(page, "welfare-counted")) === null) expect(counted).toBe(trueEnd);
    else expect(await statValue(page, "welfare-counted")).toBe(counted);
    expect(await page.textContent("[data-testid=scores]")).toContain(`true well-being ${trueEnd}`);
    expect(await page.textContent("main.debrief")).not.toMatch(/% of par|first = 100/);
    await shot(page, "numbers-debrief-1280x800");
    expect(errors).toEqual([]);
  });
});

describe("problem 3: one set of numbers on a phone", () => {
  it("problem 3: on a phone too, the seat card and the chart show the same measured welfare", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    await page.fill("[data-testid=name]", "Ada");
    await page.click("[data-testid=solo-role-government]");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game");
    await readyUntil(
      page,
      `window.__attractor.state().view?.public.round >= 2 && ${inPhase("news")}`,
      200_000,
    );
    await page.click("[data-testid=mtab-you]");
    await waitFor(
      page,
      "document.querySelector('[data-stat=welfare-published]')?.checkVisibility()",
    );
    const card = await statValue(page, "welfare-published");
    await shot(page, "numbers-seat-card-390x844");
    await page.click("[data-testid=mtab-world]");
    await page.locator("[data-testid=game-chart]").scrollIntoViewIfNeeded();
    await shot(page, "numbers-chart-390x844");
    expect(row(await srTable(page, "chart-table"), /Measured well-being/).at(-1)).toBe(card);
    await readyUntil(page, "window.__attractor.screen === 'debrief'", 400_000);
    await waitScreen(page, "debrief");
    await shot(page, "numbers-debrief-390x844");
    await page.screenshot({
      path: (await shot(page, "numbers-debrief-390x844")).replace(".png", "-full.png"),
      fullPage: true,
    });
    expect(await page.evaluate("document.documentElement.scrollWidth <= innerWidth")).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
