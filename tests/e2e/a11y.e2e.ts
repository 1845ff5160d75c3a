/**
 * Issue 10, accessibility checked by a library: axe-core (through @axe-core/playwright) runs
 * its WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules on the title screen, the lobby, the game for
 * each role (a solo game each, paused so nothing moves while axe reads it), the spectator's
 * (projector's) lobby and game, and the debrief, at 1280×800 and 390×844, and finds no
 * violation. A keyboard test walks the game screen with Tab: every control of the moves
 * panel, Ready, the tabs, the chat box and the host's pause and "+30 s" (WCAG 2.2.1, timing
 * adjustable) are reached, each with a visible focus outline.
 */
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { violations } from "./axe";
import { useServerAndBrowser } from "./env";
import { openPage, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser();

const SIZES = [
  { name: "1280x800", width: 1280, height: 800, mobile: false },
  { name: "390x844", width: 390, height: 844, mobile: true },
] as const;
const ROLES = ["government", "lab", "company"] as const;

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

/** What has focus now: a name for it and whether a focus outline (or ring) is drawn. */
interface Focused {
  key: string;
  visible: boolean;
}

/** Presses Tab until focus comes back round (or `max` presses), listing what got focus. */
async function tabRound(page: Page, max = 300): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = (await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (!el.dataset.kbd) el.dataset.kbd = String(document.querySelectorAll("[data-kbd]").length);
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== "none" && Number.parseFloat(cs.outlineWidth) >= 2;
      return { key: el.dataset.kbd, visible: outline || cs.boxShadow !== "none" };
    })) as Focused | null;
    if (!f) continue;
    if (seen.length > 0 && f.key === seen[0]!.key) break;
    seen.push(f);
  }
  return seen;
}

/** Marks (data-kbd) the controls a keyboard user must reach and returns their marks. */
async function mustReach(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const controls = [...document.querySelectorAll<HTMLElement>(sel)].filter(
      (el) =>
        el.getClientRects().length > 0 &&
        !(el as HTMLButtonElement).disabled &&
        el.tabIndex >= 0 &&
        getComputedStyle(el).visibility !== "hidden",
    );
    return controls.map((el) => {
      if (!el.dataset.kbd) el.dataset.kbd = String(document.querySelectorAll("[data-kbd]").length);
      return el.dataset.kbd;
    });
  }, selector);
}

async function describeMarks(page: Page, keys: string[]): Promise<string[]> {
  return page.evaluate(
    (ks) =>
      ks.map((k) => {
        const el = document.querySelector<HTMLElement>(`[data-kbd="${k}"]`);
        return el
          ? `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.id ?? ""}] ${(el.textContent ?? "").trim().slice(0, 30)}`
          : k;
      }),
    keys,
  );
}

describe("accessibility (axe-core, WCAG 2.2 A/AA)", () => {
  it("keyboard: Tab reaches the moves panel, Ready, the tabs, the chat box and the host's pause and +30 s, each with a visible focus outline", async () => {
    const errors: string[] = [];
    const page = await newPage(env.browser, SIZES[0], errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    await nameIfAsked(page, "Ada");
    await page.click("[data-testid=solo-role-government]");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game", 60_000);
    await waitFor(page, "document.querySelector('[data-testid=pause]') !== null");

    // The host pauses by keyboard alone (timing adjustable), and adds time the same way.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let pauses = 0;
    for (let i = 0; i < 300 && pauses === 0; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate("document.activeElement?.dataset.testid === 'pause'")) pauses++;
    }
    expect(pauses, "Tab reaches the Pause button").toBe(1);
    await page.keyboard.press("Enter");
    await waitFor(page, "window.__attractor.state().table?.paused === true");
    await waitFor(page, "document.querySelector('[data-testid=pause]') !== null");
    const before = (await page.evaluate("window.__attractor.state().table.remainingMs")) as number;
    await page.focus("[data-testid=pause]");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.dataset.testid")).toBe("extend");
    await page.keyboard.press("Enter");
    await waitFor(page, `window.__attractor.state().table.remainingMs > ${before + 20_000}`);

    // Every move opened (a summary opens with Enter too), then one round of Tab.
    const summary = page.locator("details[data-move] > summary").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate("document.querySelector('details[data-move]').open")).toBe(true);
    await page.evaluate(() => {
      for (const d of document.querySelectorAll("details[data-move]"))
        (d as HTMLDetailsElement).open = true;
    });
    const moves = await mustReach(
      page,
      "[data-tut=moves] :is(button, input, select, textarea, summary, a[href])",
    );
    expect(moves.length).toBeGreaterThan(3);
    const top = await mustReach(
      page,
      "[data-testid=ready], [data-testid=pause], [data-testid=extend], [role=tab][aria-selected=true]",
    );
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const round = await tabRound(page);
    const reached = new Set(round.map((f) => f.key));
    const missed = [...moves, ...top].filter((k) => !reached.has(k));
    expect(await describeMarks(page, missed), "not reached by Tab").toEqual([]);
    const unmarked = round.filter((f) => !f.visible).map((f) => f.key);
    expect(await describeMarks(page, unmarked), "no visible focus").toEqual([]);

    // The side tabs move with the arrow keys; the chat box is then next in Tab order.
    await page.focus("[data-testid=tab-laws]");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate("document.activeElement?.dataset.testid")).toBe("tab-chat");
    const chatKeys = await mustReach(page, "[data-testid=chat-input], [data-testid=chat-send]");
    const chatRound = await tabRound(page);
    const chatReached = new Set(chatRound.map((f) => f.key));
    expect(chatKeys.length).toBeGreaterThan(0);
    expect(
      await describeMarks(
        page,
        chatKeys.filter((k) => !chatReached.has(k)),
      ),
    ).toEqual([]);
    expect(
      await describeMarks(
        page,
        chatRound.filter((f) => !f.visible).map((f) => f.key),
      ),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  for (const size of SIZES) {
    it(`the spectator's (projector's) lobby and game have no violations at ${size.name}`, async () => {
      const errors: string[] = [];
      const host = await newPage(env.browser, SIZES[0], errors);
      const wall = await newPage(env.browser, size, errors);
      await host.goto(`${env.server.url}/?tour=0`);
      await waitScreen(host, "title");
      await nameIfAsked(host, "Teacher");
      await host.click("[data-testid=create-private]");
      await waitScreen(host, "lobby");
      const code = (await host.textContent("[data-testid=join-code]"))!.trim();
      await host.click("[data-testid=take-G1]");
      await waitFor(
        host,
        "window.__attractor.state().table.seats.find(s => s.id === 'G1').player !== null",
      );
      await wall.goto(`${env.server.url}/?tour=0&join=${code}`);
      await waitScreen(wall, "title");
      await wall.check("[data-testid=spectator]");
      await wall.click("[data-testid=join]");
      await waitScreen(wall, "lobby");
      await waitFor(wall, "document.querySelector('[data-testid=lobby-watching]') !== null");
      await shot(wall, `a11y-spectator-lobby-${size.name}`);
      expect(await violations(wall), "spectator lobby").toEqual([]);

      await host.waitForSelector("[data-testid=lobby-ready]", { state: "visible" });
      await host.click("[data-testid=start]");
      await waitScreen(host, "game", 60_000);
      await host.evaluate("window.__attractor.controller.send('pause', {})");
      await waitScreen(wall, "game", 60_000);
      await waitFor(wall, "window.__attractor.state().table?.paused === true");
      await waitFor(wall, "document.querySelector('#landscape canvas') !== null", 60_000);
      await shot(wall, `a11y-spectator-game-${size.name}`);
      expect(await violations(wall), "spectator game").toEqual([]);
      if (size.mobile) {
        for (const tab of ["laws", "news", "chat"]) {
          const t = wall.locator(`[data-testid=mtab-${tab}]`);
          if ((await t.count()) === 0) continue;
          await t.click();
          await waitFor(wall, `document.querySelector('.board').dataset.mtab === '${tab}'`);
          expect(await violations(wall), `spectator tab ${tab}`).toEqual([]);
        }
      }
      expect(errors).toEqual([]);
      await host.context().close();
      await wall.context().close();
    }, 180_000);

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
            if (tab === "you") {
              // The moves panel, opened, for a look at the phone's layout.
              await page.locator("[data-tut=moves]").scrollIntoViewIfNeeded();
              await shot(page, `a11y-game-${role}-${size.name}-moves`);
            }
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
