/**
 * What the reconnection browser tests share (`reconnect.e2e.ts` on one server,
 * `cluster.e2e.ts` across two processes): a solo game played into round 2, and how a test sees
 * the "reconnecting" banner, even when the page comes back quicker than a look from the test.
 */
import type { Page } from "playwright-core";
import { readyUntil, waitScreen } from "./harness";

/** A solo game in round 2, the page opened at `url` (a server, or the front door). */
export async function soloInRound2(url: string, page: Page): Promise<void> {
  await page.goto(`${url}/?tour=0`);
  await waitScreen(page, "title");
  await page.fill("[data-testid=name]", "Ada");
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game");
  await readyUntil(page, "window.__attractor.state().table?.round >= 2");
}

/** The banner is up, visible and says it is reconnecting. */
export const SHOWS_BANNER =
  "(() => { const b = document.querySelector('[data-testid=reconnecting]'); return !!b && b.checkVisibility() && /reconnecting/i.test(b.textContent); })()";

/**
 * In the page: records whether the banner ever appeared and what it said (a reconnection can
 * be quicker than a look from the test), and marks the page: a reload would lose both.
 */
export const WATCH_BANNER = `(() => {
  window.__noReload = "still here";
  window.__bannerSeen = [];
  new MutationObserver(() => {
    const b = document.querySelector("[data-testid=reconnecting]");
    if (b && !window.__bannerSeen.includes(b.textContent)) window.__bannerSeen.push(b.textContent);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;
