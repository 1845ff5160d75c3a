/**
 * Issue 10, accessibility checked by a library: axe-core (through @axe-core/playwright) runs
 * its WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules on the title screen, the lobby, the game for
 * each role (a solo game each, paused so nothing moves while axe reads it) and the debrief, at
 * 1280×800 and 390×844, and finds no violation.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useServerAndBrowser } from "./env";
import { openPage, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser();

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SIZES = [
  { name: "1280x800", width: 1280, height: 800, mobile: false },
  { name: "390x844", width: 390, height: 844, mobile: true },
] as const;
const ROLES = ["government", "lab", "company"] as const;

/** The violations axe finds on the page as it is, one line each (rule, nodes, first targets). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}; ${v.nodes
        .slice(0, 4)
        .map(
          (n) =>
            `${n.target.join(" ")}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, " ").slice(0, 160)}]` : ""}`,
        )
        .join(" | ")}`,
  );
}

async function newPage(browser: Browser, size: (typeof SIZES)[number], errors: string[]) {
  const ctx = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: size.mobile,
    hasTouch: size.mobile,
  });
  return openPage(ctx, errors);
}

/** Types a name if the title screen asks for one. */
async function nameIfAsked(page: Page, name: string): Promise<void> {
  const field = page.locator("[data-testid=name]");
  if ((await field.count()) > 0 && (await field.isVisible())) await field.fill(name);
}

/** A solo game in this role, paused, with the landscape drawn. */
async function soloGame(page: Page, role: (typeof ROLES)[number]): Promise<void> {
  await page.goto(`${env.server.url}/?tour=0`);
  await waitScreen(page, "title");
  await nameIfAsked(page, "Ada");
  await page.click(`[data-testid=solo-role-${role}]`);
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game", 60_000);
  await page.evaluate("window.__attractor.controller.send('pause', {})");
  await waitFor(page, "window.__attractor.state().table?.paused === true");
  await waitFor(page, "document.querySelector('#landscape canvas') !== null", 60_000);
}

describe("accessibility (axe-core, WCAG 2.2 A/AA)", () => {
  for (const size of SIZES) {
    it(`the title screen and the lobby have no violations at ${size.name}`, async () => {
      const errors: string[] = [];
      const page = await newPage(env.browser, size, errors);
      await page.goto(`${env.server.url}/?tour=0`);
      await waitScreen(page, "title");
      await shot(page, `a11y-title-${size.name}`);
      expect(await violations(page)).toEqual([]);

      await nameIfAsked(page, "Host");
      await page.click("[data-testid=create-private]");
      await waitScreen(page, "lobby");
      await waitFor(page, "document.querySelector('[data-testid=join-code]') !== null");
      await shot(page, `a11y-lobby-${size.name}`);
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    for (const role of ROLES) {
      it(`the game for the ${role} has no violations at ${size.name}`, async () => {
        const errors: string[] = [];
        const page = await newPage(env.browser, size, errors);
        await soloGame(page, role);
        await shot(page, `a11y-game-${role}-${size.name}`);
        expect(await violations(page)).toEqual([]);
        if (size.mobile) {
          // A phone shows one panel at a time: the seat's dashboard and the side panel too.
          for (const tab of ["you", "laws", "news", "chat"]) {
            const t = page.locator(`[data-testid=mtab-${tab}]`);
            if ((await t.count()) === 0) continue;
            await t.click();
            await waitFor(page, `document.querySelector('.board').dataset.mtab === '${tab}'`);
            expect(await violations(page), `tab ${tab}`).toEqual([]);
          }
        }
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it(`the debrief has no violations at ${size.name}`, async () => {
      const errors: string[] = [];
      const page = await newPage(env.browser, size, errors);
      await soloGame(page, "government");
      await page.evaluate("window.__attractor.controller.send('resume', {})");
      // The host's skip ends each phase until the game is over; after each skip, wait for the
      // next phase (or the debrief).
      const where =
        "(window.__attractor.state().screen === 'debrief' ? 'debrief' : `${window.__attractor.state().table?.round}/${window.__attractor.state().table?.phase}`)";
      const deadline = Date.now() + 300_000;
      for (;;) {
        const at = (await page.evaluate(where)) as string;
        if (at === "debrief" || Date.now() > deadline) break;
        await page.evaluate("window.__attractor.controller.send('skip', {})");
        await waitFor(page, `${where} !== ${JSON.stringify(at)}`, 60_000);
      }
      await waitScreen(page, "debrief", 60_000);
      await waitFor(page, "document.querySelector('[data-testid=debrief-table] table') !== null");
      await shot(page, `a11y-debrief-${size.name}`);
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
