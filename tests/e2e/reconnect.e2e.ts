/**
 * Issue 12, item 2: clients that come back by themselves. (a) The connection drops mid-game:
 * the page shows the "reconnecting" banner with its countdown and Try now, and comes back to
 * the same seat and round without a reload. (b) The server is killed (SIGKILL) mid-game and
 * started again on the same port and records: the page shows "reconnecting" and comes back to
 * the same seat by itself, with its seat token, once the server has restored the table.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LONG_PHASES } from "./env";
import {
  hook,
  launch,
  openPage,
  ROOT,
  SHOTS_DIR,
  shot,
  startServer,
  waitFor,
  waitScreen,
} from "./harness";
import { SHOWS_BANNER, soloInRound2, WATCH_BANNER } from "./reconnecting";

/**
 * Whether this server restores its tables after a restart (issue 12 item 1, in
 * `server/restore.ts`): same codes, seats held for their seat tokens. Without it a restarted
 * server has no table to go back to, and (b) is a todo.
 */
const SERVER_RESTORES = existsSync(path.join(ROOT, "server", "restore.ts"));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("clients that come back by themselves", () => {
  it("(a) a connection that drops mid-game comes back to the same seat and round, without a reload", async () => {
    const server = await startServer(LONG_PHASES);
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openPage(ctx, errors);
      await soloInRound2(server.url, page);
      const before = await hook(page);
      expect(before.seat?.seat).toBeTruthy();
      await page.evaluate(WATCH_BANNER);

      // 1. A drop the page recovers from on its first tries, with nobody touching it.
      expect(await page.evaluate("window.__attractor.controller.dropConnection()")).toBe(true);
      await waitFor(page, "window.__attractor.state().connection === 'reconnecting'");
      await waitFor(page, "window.__attractor.state().connection === 'connected'", 60_000);
      await page.waitForSelector("[data-testid=reconnecting]", { state: "detached" });
      const back = await hook(page);
      expect(back.seat?.seat).toBe(before.seat?.seat);
      expect(back.view?.seat?.seat).toBe(before.seat?.seat);
      expect(back.table?.round).toBe(before.table?.round);
      expect(back.screen).toBe("game");
      const seen = (await page.evaluate("window.__bannerSeen")) as string[];
      expect(seen.some((t) => /reconnecting/i.test(t))).toBe(true);
      expect(await page.evaluate("window.__noReload")).toBe("still here");

      // 2. A drop with the network gone: the banner stays, counts down, and Try now brings the
      // page back at once when the network returns (the next timed try is seconds away).
      expect(await page.evaluate("window.__attractor.controller.dropConnection()")).toBe(true);
      await ctx.setOffline(true);
      await waitFor(page, SHOWS_BANNER);
      // Two tries fail: the countdown then waits a second or more for the third.
      await waitFor(
        page,
        "/Next try in [1-9]\\d* s/.test(document.querySelector('[data-testid=reconnecting-next]')?.textContent ?? '') && window.__attractor.state().connection === 'reconnecting'",
        60_000,
      );
      const banner = page.locator("[data-testid=reconnecting]");
      expect(await banner.locator("[role=alert]").textContent()).toMatch(
        /Connection lost — reconnecting/,
      );
      const button = page.locator("[data-testid=reconnecting-action]");
      expect(await button.textContent()).toBe("Try now");
      // The banner does not block the page: the game screen is still there and usable.
      expect((await hook(page)).screen).toBe("game");
      await shot(page, "reconnect-banner-1280x800");
      await page.setViewportSize({ width: 390, height: 844 });
      await waitFor(page, SHOWS_BANNER);
      await shot(page, "reconnect-banner-390x844");
      // The banner fits the narrow screen: nothing sticks out on the right.
      const box = await banner.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1280, height: 800 });

      // Try now, while the next timed try is still five seconds or more away (four tries have
      // failed): the page comes back at once when the network returns.
      await waitFor(
        page,
        "/Next try in ([5-9]|10) s/.test(document.querySelector('[data-testid=reconnecting-next]')?.textContent ?? '')",
        60_000,
      );
      await ctx.setOffline(false);
      await button.click({ timeout: 4_000 });
      await waitFor(page, "window.__attractor.state().connection === 'connected'", 30_000);
      const again = await hook(page);
      expect(again.seat?.seat).toBe(before.seat?.seat);
      expect(again.table?.round).toBe(before.table?.round);
      expect(await page.evaluate("window.__noReload")).toBe("still here");
      // Only the tries made while the network was down failed.
      expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
      console.log(`Screenshots of the reconnecting banner: ${SHOTS_DIR}/reconnect-banner-*.png`);
    } finally {
      await ctx.close();
      await server.stop();
    }
  });

  it("(c) when the window passes, the page says so in words and offers the title", async () => {
    const server = await startServer(LONG_PHASES);
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // The page's clock runs with real time until the test runs it ahead past the window.
    await ctx.clock.install();
    try {
      const page = await openPage(ctx, errors);
      await page.goto(`${server.url}/?tour=0`);
      await waitScreen(page, "title");
      // A private table's lobby: no landscape to draw while the clock is run ahead.
      await page.fill("[data-testid=name]", "Ada");
      await page.click("[data-testid=create-private]");
      await waitScreen(page, "lobby");
      expect(await page.evaluate("window.__attractor.controller.dropConnection()")).toBe(true);
      await ctx.setOffline(true);
      await waitFor(page, SHOWS_BANNER);
      const stopped = "!!document.querySelector('[data-testid=reconnecting].stopped')";
      // Each try fails at once (no network); the clock is run to the next one, and so on.
      for (let i = 0; i < 40 && !(await page.evaluate(stopped)); i++) {
        await waitFor(
          page,
          `${stopped} || /Next try/.test(document.querySelector('[data-testid=reconnecting-next]')?.textContent ?? '')`,
        );
        await page.clock.runFor(10_500);
      }
      await waitFor(page, stopped);
      const say = await page.textContent("[data-testid=reconnecting-say]");
      expect(say).toMatch(/Could not reconnect: the server did not come back within 2 minutes/);
      expect(await page.isVisible("[data-testid=reconnecting-next]")).toBe(false);
      const button = page.locator("[data-testid=reconnecting-action]");
      expect(await button.textContent()).toBe("Back to the title");
      expect((await hook(page)).connection).toBe("idle");
      await shot(page, "reconnect-gave-up-390x844");
      await ctx.setOffline(false);
      await button.click();
      await waitScreen(page, "title");
      expect(await page.locator("[data-testid=reconnecting]").count()).toBe(0);
      expect(await page.evaluate("sessionStorage.getItem('attractor.session')")).toBeNull();
      expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
      await server.stop();
    }
  });

  it("(d) a reload while the server does not answer keeps trying, then takes the seat back", async () => {
    const server = await startServer(LONG_PHASES);
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openPage(ctx, errors);
      await soloInRound2(server.url, page);
      const before = await hook(page);
      // The page loads, but its calls to take the seat back find no server (as while one
      // restarts behind a front door that serves the page).
      await page.route("**/matchmake/**", (r) => r.abort("connectionrefused"));
      await page.reload();
      await waitFor(page, SHOWS_BANNER);
      await waitFor(
        page,
        "/Next try in [1-9]\\d* s/.test(document.querySelector('[data-testid=reconnecting-next]')?.textContent ?? '')",
        60_000,
      );
      expect((await hook(page)).connection).toBe("reconnecting");
      await page.unroute("**/matchmake/**");
      // Try now, unless a timed try began meanwhile (the button is disabled while one runs) or
      // already took the seat back (the banner is gone): on a busy machine either can come
      // first. Whichever does, the page must be back in its seat within the next timed try.
      const tryNow = page.locator("[data-testid=reconnecting-action]");
      if (await tryNow.isEnabled().catch(() => false))
        await tryNow.click({ timeout: 2_000 }).catch(() => undefined);
      await waitScreen(page, "game", 60_000);
      await waitFor(page, "window.__attractor.state().connection === 'connected'", 60_000);
      await page.waitForSelector("[data-testid=reconnecting]", { state: "detached" });
      await waitFor(page, "window.__attractor.state().view?.seat?.seat != null");
      const back = await hook(page);
      expect(back.seat?.seat).toBe(before.seat?.seat);
      expect(back.table?.round).toBe(before.table?.round);
      expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|ERR_FAILED/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
      await server.stop();
    }
  });

  /**
   * (b) needs the server to restore its tables after a restart (issue 12 item 1). The body
   * below is the whole test; it runs when the server has its restore (SERVER_RESTORES).
   */
  async function killedServerComesBack(): Promise<void> {
    let server = await startServer(LONG_PHASES);
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openPage(ctx, errors);
      await soloInRound2(server.url, page);
      const before = await hook(page);
      expect(before.seat?.token).toBeTruthy();
      await page.evaluate(WATCH_BANNER);

      await server.kill("SIGKILL");
      await waitFor(page, SHOWS_BANNER, 30_000);
      expect((await hook(page)).connection).toBe("reconnecting");
      server = await startServer(LONG_PHASES, { port: server.port, dataDir: server.dataDir });

      // No one touches the page: its own tries find the restored table.
      await waitFor(page, "window.__attractor.state().connection === 'connected'", 90_000);
      await page.waitForSelector("[data-testid=reconnecting]", { state: "detached" });
      await waitFor(page, "window.__attractor.state().view?.seat?.seat != null");
      const back = await hook(page);
      expect(back.code).toBe(before.code);
      expect(back.seat?.seat).toBe(before.seat?.seat);
      expect(back.view?.seat?.seat).toBe(before.seat?.seat);
      expect(back.table?.round).toBe(before.table?.round);
      expect(back.screen).toBe("game");
      expect(await page.evaluate("window.__noReload")).toBe("still here");
      // The tries made while the server was down fail as network errors; nothing else.
      expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
      await server.stop();
    }
  }

  it("(e) a workshop's student in the lobby comes back to the same seat after a restart, with nobody else about", async () => {
    let server = await startServer(LONG_PHASES);
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const created = await fetch(`${server.url}/api/workshops`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ format: 45, tableSize: 3 }),
      });
      expect(created.status).toBe(201);
      const { code } = (await created.json()) as { code: string };
      const page = await openPage(ctx, errors);
      await page.goto(`${server.url}/?workshop=${code}`);
      await page.waitForSelector("[data-testid=nickname]", { timeout: 30_000 });
      await page.fill("[data-testid=nickname]", "Ada");
      await page.click("[data-testid=workshop-join]");
      await waitScreen(page, "lobby", 60_000);
      await waitFor(page, "window.__attractor.state().seat?.seat != null");
      const before = await hook(page);
      await page.evaluate(WATCH_BANNER);

      await server.kill("SIGKILL");
      await waitFor(page, SHOWS_BANNER, 30_000);
      server = await startServer(LONG_PHASES, { port: server.port, dataDir: server.dataDir });

      // No cockpit, no join page, no other student: only the page's own tries.
      await waitFor(page, "window.__attractor.state().connection === 'connected'", 90_000);
      await page.waitForSelector("[data-testid=reconnecting]", { state: "detached" });
      await waitFor(page, "window.__attractor.state().seat?.seat != null");
      const back = await hook(page);
      expect(back.code).toBe(before.code);
      expect(back.seat?.seat).toBe(before.seat?.seat);
      expect(back.screen).toBe("lobby");
      expect(await page.evaluate("window.__noReload")).toBe("still here");
      expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
      await server.stop();
    }
  });

  const b =
    "(b) the server killed mid-game and started again: the page comes back to the same seat by itself";
  if (SERVER_RESTORES) it(b, killedServerComesBack);
  // Not a skip hiding a failure: without the server's restore there is no table to go back
  // to, and the page rightly gives up after the window (as (c) shows).
  else it.todo(`${b} (needs server/restore.ts, issue 12 item 1)`);
});
