/**
 * Issue 10, problem 2: chat was unreadable past about 45 characters (lines did not wrap: the
 * log was 2,839 px wide in a 310 px panel), history was lost on reload, and nothing showed who
 * was muted. Two browsers at one table: the host and a guest in the first lab seat.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, openPage, shot, waitFor, waitScreen } from "./harness";

// Long phases: the whole file happens inside the first phases; no clock redraws the screens.
const env = useServerAndBrowser(LONG_PHASES);

/** One 240-letter word and a long line of ordinary words: neither may widen the panel. */
const LONG_WORD = `Accord${"x".repeat(234)}`;
const LONG_LINE =
  "Shall we sign the evaluations accord before the labs race ahead? I will vote yes if you do, and so will my parliament, I promise, this round.";

/** How the chat log sits in its panel: widths, and the right edge of the widest line. */
interface Fit {
  logScroll: number;
  logClient: number;
  logWidth: number;
  sideWidth: number;
  sideRight: number;
  scrollerScroll: number;
  scrollerClient: number;
  lineRight: number;
  lines: number;
}

async function chatFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const log = document.querySelector(".chat-log") as HTMLElement;
    const side = log.closest(".area-side") as HTMLElement;
    const scroller = log.closest(".tabpanel")?.parentElement ?? side;
    // Every line of the log, whatever its markup.
    const lines = [...log.children] as HTMLElement[];
    return {
      logScroll: log.scrollWidth,
      logClient: log.clientWidth,
      logWidth: log.getBoundingClientRect().width,
      sideWidth: side.getBoundingClientRect().width,
      sideRight: side.getBoundingClientRect().right,
      scrollerScroll: scroller.scrollWidth,
      scrollerClient: scroller.clientWidth,
      lineRight: Math.max(...lines.map((l) => l.getBoundingClientRect().right)),
      lines: lines.length,
    };
  });
}

function expectFits(fit: Fit): void {
  expect(fit.lines).toBeGreaterThanOrEqual(2);
  expect(fit.logScroll, JSON.stringify(fit)).toBeLessThanOrEqual(fit.logClient);
  expect(fit.logWidth, JSON.stringify(fit)).toBeLessThanOrEqual(fit.sideWidth);
  expect(fit.lineRight, JSON.stringify(fit)).toBeLessThanOrEqual(fit.sideRight);
  expect(fit.scrollerScroll, JSON.stringify(fit)).toBeLessThanOrEqual(fit.scrollerClient);
}

/** Opens the chat: the side tab on a laptop, the tab bar's Chat on a phone. */
async function openChat(page: Page): Promise<void> {
  const phone = page.locator("[data-testid=mtab-chat]");
  if (await phone.isVisible()) await phone.click();
  else await page.click("[data-testid=tab-chat]");
  await page.waitForSelector(".chat-log", { state: "visible" });
}

async function say(page: Page, text: string): Promise<void> {
  await openChat(page);
  await page.fill("[data-testid=chat-input]", text);
  await page.click("[data-testid=chat-send]");
}

describe("problem 2: chat", () => {
  const errors: string[] = [];
  let hostCtx: BrowserContext;
  let guestCtx: BrowserContext;
  let host: Page;
  let guest: Page;
  let guestId = "";

  beforeAll(async () => {
    hostCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    guestCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    host = await openPage(hostCtx, errors);
    guest = await openPage(guestCtx, errors);
    await host.goto(`${env.server.url}/?tour=0`);
    await waitScreen(host, "title");
    await host.fill("[data-testid=name]", "Host");
    await host.click("[data-testid=create-private]");
    await waitScreen(host, "lobby");
    const code = (await host.textContent("[data-testid=join-code]"))!.trim();
    await guest.goto(`${env.server.url}/?tour=0`);
    await waitScreen(guest, "title");
    await guest.fill("[data-testid=name]", "Guest");
    await guest.click("[data-testid=code]");
    await guest.keyboard.type(code.toLowerCase());
    await guest.keyboard.press("Enter");
    await waitScreen(guest, "lobby");
    await guest.click("[data-testid=take-L1]");
    await waitFor(
      host,
      "window.__attractor.state().table.seats.find(s => s.id === 'L1').player !== null",
    );
    await host.click("[data-testid=start]");
    await waitScreen(host, "game");
    await waitScreen(guest, "game");
    guestId = (await hook(guest)).playerId!;
    await say(guest, LONG_WORD);
    await say(guest, LONG_LINE);
    await waitFor(
      host,
      `window.__attractor.state().chat.filter(m => m.text === ${JSON.stringify(LONG_LINE)}).length === 1`,
    );
    await openChat(host);
  }, 180_000);

  afterAll(async () => {
    await hostCtx?.close();
    await guestCtx?.close();
  });

  it("problem 2: a long message wraps within the chat panel at 1280×800", async () => {
    await waitFor(host, "document.querySelector('.chat-log').children.length >= 2");
    expectFits(await chatFit(host));
    expectFits(await chatFit(guest));
    await host.locator(".chat-log").scrollIntoViewIfNeeded();
    await shot(host, "problem2-chat-long-1280");
  });

  it("problem 2: a long message wraps within the chat panel at 390×844", async () => {
    await guest.setViewportSize({ width: 390, height: 844 });
    await openChat(guest);
    await waitFor(guest, "document.querySelector('.chat-log').children.length >= 2");
    const fit = await chatFit(guest);
    expectFits(fit);
    expect(fit.sideWidth).toBeLessThanOrEqual(390);
    await guest.locator(".chat-log").scrollIntoViewIfNeeded();
    await shot(guest, "problem2-chat-long-390");
    await guest.setViewportSize({ width: 1280, height: 800 });
  });

  it("problem 2: chat history survives a reload, and the restored lines are not unread", async () => {
    await guest.reload();
    await waitScreen(guest, "game", 60_000);
    await waitFor(guest, "window.__attractor.state().view?.seat?.seat === 'L1'");
    // The history is back while the Legislature tab is open: the Chat tab shows no count.
    await waitFor(guest, "window.__attractor.state().chat.length === 2");
    await guest.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    expect(await guest.getAttribute("[data-testid=tab-chat]", "aria-selected")).toBe("false");
    expect((await guest.textContent("[data-testid=tab-chat]"))!.trim()).toBe("Chat");
    await openChat(guest);
    await waitFor(
      guest,
      `document.querySelector('.chat-log').textContent.includes(${JSON.stringify(LONG_LINE)})`,
    );
    const lines = await guest.locator(".chat-log > *").allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(LONG_WORD);
    expect(lines[1]).toContain(LONG_LINE);
    // The reloaded page holds each line once (the history replaces, never repeats).
    expect((await hook(guest)).chat.map((m) => m.text)).toEqual([LONG_WORD, LONG_LINE]);
  });

  it("problem 2: a line that arrives after the reload, with the chat closed, is counted as unread", async () => {
    await guest.click("[data-testid=tab-laws]");
    await say(host, "Anyone there?");
    await waitFor(
      guest,
      "document.querySelector('[data-testid=tab-chat]').textContent.trim() === 'Chat (1)'",
    );
    await openChat(guest);
    await waitFor(
      guest,
      "document.querySelector('[data-testid=tab-chat]').textContent.trim() === 'Chat'",
    );
  });

  it("problem 2: a muted person is shown as muted, and sees that they are muted", async () => {
    await openChat(host);
    await host.click(".people-box summary");
    await host.click(`[data-testid=mute-${guestId}]`);
    await waitFor(
      host,
      `window.__attractor.state().table.players.some(p => p.id === '${guestId}' && p.muted)`,
    );
    // Beside the muted person's name in each of their lines, and in words above the box.
    await waitFor(host, "document.querySelectorAll('[data-testid=muted-label]').length === 2");
    const line = host.locator(`.chat-line[data-from="${guestId}"]`).first();
    expect(await line.locator(".from").textContent()).toBe("Guest");
    expect(await line.locator("[data-testid=muted-label]").textContent()).toBe("muted");
    expect(await host.textContent("[data-testid=chat-muted-others]")).toBe(
      "Muted by the host: Guest.",
    );
    // The muted person is told above the box.
    await openChat(guest);
    await waitFor(guest, "document.querySelector('[data-testid=chat-muted-me]') !== null");
    expect(await guest.textContent("[data-testid=chat-muted-me]")).toBe(
      "The host has muted you: you can read the chat, but not write in it.",
    );
    expect(await guest.locator("[data-testid=chat-muted-others]").count()).toBe(0);
    // The box that would be refused cannot be typed in.
    expect(await guest.locator("[data-testid=chat-input]").isDisabled()).toBe(true);
    await shot(host, "problem2-chat-muted-1280");
    expect(errors).toEqual([]);
  });
});
