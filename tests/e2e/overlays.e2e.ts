/**
 * Problem 7 of issue 10: overlays covered content. The status banner (the map's one-line
 * summary) lay over the top of the map for good, and the basin popover (the card a trap on the
 * map opens) was see-through. A solo game, paused, at 1280×800.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASIN_CENTRES } from "../../client/src/model/landscape";
import { useServerAndBrowser } from "./env";
import { openPage, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser();

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const boxOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el): Box => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("problem 7: overlays never cover the map", () => {
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    const name = page.locator("[data-testid=name]");
    if ((await name.count()) > 0 && (await name.isVisible())) await name.fill("Ada");
    await page.click("[data-testid=solo-role-government]");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game", 60_000);
    await page.evaluate("window.__attractor.controller.send('pause', {})");
    await waitFor(page, "window.__attractor.state().table?.paused === true");
    await waitFor(page, "document.querySelector('#landscape canvas') !== null", 60_000);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("at 1280×800 the map is tall enough to read (it was about 200 px) and the lower panels stay below it", async () => {
    const map = await boxOf(page, "#landscape");
    const world = await boxOf(page, ".area-world");
    expect(map.bottom - map.top).toBeGreaterThanOrEqual(260);
    for (const sel of [".area-lower [data-tut=chart]", ".area-lower [aria-label=Risks]"]) {
      const box = await boxOf(page, sel);
      expect(overlaps(box, world), sel).toBe(false);
      expect(box.bottom, sel).toBeLessThanOrEqual(800);
    }
    // The risk values never wrap ("12 ±18" on one line).
    const wrapped = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLElement>("[data-testid^=risk-value-]")].filter(
          (b) => b.getClientRects().length > 1 || b.getBoundingClientRect().height > 30,
        ).length,
    );
    expect(wrapped).toBe(0);
  });

  it("problem 7: the status banner does not cover the map", async () => {
    await waitFor(page, "document.querySelector('[data-testid=world-summary]').textContent !== ''");
    const banner = await boxOf(page, "[data-testid=world-summary]");
    const map = await boxOf(page, "#landscape");
    const canvas = await boxOf(page, "#landscape canvas");
    await shot(page, "overlays-banner-1280x800");
    expect(banner.bottom - banner.top).toBeGreaterThan(10);
    expect(overlaps(banner, map)).toBe(false);
    expect(overlaps(banner, canvas)).toBe(false);
    // It sits above the map, inside the map's panel.
    expect(banner.bottom).toBeLessThanOrEqual(map.top + 0.5);
    expect(errors).toEqual([]);
  });

  it("problem 7: the basin popover is opaque", async () => {
    await page.click("button.basin-btn[data-basin=misuse]");
    await waitFor(page, "!document.querySelector('.basin-info').hidden");
    // Wait until its rise animation (which fades it in) is over.
    await waitFor(page, "document.querySelector('.basin-info').getAnimations().length === 0");
    const look = await page.locator(".basin-info").evaluate((el) => {
      const cs = getComputedStyle(el);
      return { color: cs.backgroundColor, image: cs.backgroundImage, opacity: cs.opacity };
    });
    await shot(page, "overlays-basin-popover-1280x800");
    const alpha = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) throw new Error(`not a colour: ${c}`);
      const parts = (m[1] ?? "").split(/[ ,/]+/).filter(Boolean);
      return parts.length > 3 ? Number(parts[3]) : 1;
    };
    expect(alpha(look.color)).toBe(1);
    expect(Number(look.opacity)).toBe(1);
    // A gradient over it must not be see-through either.
    for (const stop of look.image.match(/rgba?\([^)]+\)/g) ?? []) expect(alpha(stop)).toBe(1);
    expect(errors).toEqual([]);
  });

  it("problem 7: the basin popover leaves the trap it is about in sight", async () => {
    for (const id of ["misuse", "centralisation", "goodhart", "takeover"] as const) {
      const btn = page.locator(`button.basin-btn[data-basin=${id}]`);
      if ((await btn.getAttribute("aria-expanded")) !== "true") await btn.click();
      await waitFor(
        page,
        `!document.querySelector('.basin-info').hidden && document.querySelector('.basin-info').getAnimations().length === 0`,
      );
      const card = await boxOf(page, ".basin-info");
      const canvas = await boxOf(page, "#landscape canvas");
      // Where the scene draws the trap's centre (the scene keeps a 4% margin).
      const w = canvas.right - canvas.left;
      const hgt = canvas.bottom - canvas.top;
      const pad = Math.min(w, hgt) * 0.04;
      const c = BASIN_CENTRES[id];
      const x = canvas.left + pad + ((c.x + 1) / 2) * (w - 2 * pad);
      const y = canvas.top + pad + ((c.y + 1) / 2) * (hgt - 2 * pad);
      const covered = x > card.left && x < card.right && y > card.top && y < card.bottom;
      expect(covered, `the card about ${id} covers it`).toBe(false);
    }
    await shot(page, "overlays-basin-popover-side-1280x800");
    expect(errors).toEqual([]);
  });
});
