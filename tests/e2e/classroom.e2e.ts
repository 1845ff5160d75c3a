/**
 * A classroom: the projector joins a private game by code as a spectator and shows the public
 * view with no seat and no private dashboard; a player whose connection drops sees the
 * "reconnecting" banner and gets the same seat back without a reload; a player the host
 * removes goes back to the title screen and is told why, instead of reconnecting forever.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, openPage, publish, shot, waitFor, waitScreen } from "./harness";

// Long phases: each test happens inside the first phase, so no phase change redraws the
// screens while the test reads or clicks them.
const env = useServerAndBrowser(LONG_PHASES);

/**
 * A person's browser on the title screen. With `fakeClock` the page's timers run on Playwright's
 * clock (in step with real time until the test runs it ahead).
 */
async function person(
  width: number,
  height: number,
  errors: string[],
  fakeClock = false,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await env.browser.newContext({ viewport: { width, height } });
  if (fakeClock) await ctx.clock.install();
  const page = await openPage(ctx, errors);
  await page.goto(`${env.server.url}/?tour=0`);
  await waitScreen(page, "title");
  return { ctx, page };
}

/** The host creates a private table and returns its code. */
async function createTable(page: Page, name: string): Promise<string> {
  await page.fill("[data-testid=name]", name);
  await page.click("[data-testid=create-private]");
  await waitScreen(page, "lobby");
  return (await page.textContent("[data-testid=join-code]"))!.trim();
}

async function joinTable(page: Page, name: string, code: string, spectator: boolean) {
  await page.fill("[data-testid=name]", name);
  await page.fill("[data-testid=code]", code);
  if (spectator) await page.check("[data-testid=spectator]");
  await page.click("[data-testid=join]");
  await waitScreen(page, "lobby");
}

describe("classroom", () => {
  it("shows a spectator who joined by code the public view, with no seat and no dashboard", async () => {
    const errors: string[] = [];
    const host = await person(1280, 800, errors);
    const wall = await person(1920, 1080, errors);
    const code = await createTable(host.page, "Teacher");
    await host.page.click("[data-testid=take-G1]");
    await waitFor(
      host.page,
      "window.__attractor.state().table.seats.find(s => s.id === 'G1').player !== null",
    );
    await joinTable(wall.page, "Projector", code, true);

    // In the lobby the projector is listed as a spectator and is offered no seat.
    await waitFor(
      host.page,
      "window.__attractor.state().table.players.some(p => p.name === 'Projector' && p.spectator)",
    );
    expect(await wall.page.locator("[data-testid^=take-]").count()).toBe(0);
    expect(await host.page.locator("[data-testid^=take-]").count()).toBeGreaterThan(0);
    expect(await wall.page.locator("[data-testid=lobby-ready]").count()).toBe(0);
    expect(await wall.page.textContent("[data-testid=lobby-watching]")).toMatch(/watching/i);
    await host.page.waitForSelector("[data-testid=lobby-ready]", { state: "visible" });

    await host.page.click("[data-testid=start]");
    await waitScreen(wall.page, "game");
    await waitFor(wall.page, "window.__attractor.state().view?.public?.round >= 1");
    const s = await hook(wall.page);
    expect(s.code).toBe(code);
    expect(s.seat?.seat ?? null).toBeNull();
    expect(s.seat?.token ?? null).toBeNull();
    expect(s.view?.seat).toBeNull();
    expect(s.table?.players.find((p) => p.id === s.playerId)?.seat).toBeNull();
    expect(s.table?.seats.some((seat) => seat.player === s.playerId)).toBe(false);

    // The public view: landscape, chart, risks, news. No private dashboard, no action controls.
    await wall.page.waitForSelector("#landscape canvas");
    expect(await wall.page.locator("[data-testid=world-summary]").isVisible()).toBe(true);
    expect(await wall.page.locator("[data-tut=chart] svg[role=img]").isVisible()).toBe(true);
    expect(await wall.page.locator("#tab-news").isVisible()).toBe(true);
    expect(await wall.page.locator(".area-you").isVisible()).toBe(false);
    expect(await wall.page.locator("[data-testid=my-seat-name]").count()).toBe(0);
    expect(await wall.page.locator("[data-testid=ready]").isVisible()).toBe(false);
    expect(await wall.page.locator("details[data-move]").count()).toBe(0);
    expect(await wall.page.locator("[data-testid=pause]").count()).toBe(0);
    expect(await wall.page.textContent("[data-testid=watching]")).toContain(code);
    // The landscape takes most of the projector's width.
    const land = (await wall.page.locator("#landscape").boundingBox())!;
    expect(land.width).toBeGreaterThan(1920 * 0.6);
    expect(await wall.page.evaluate("document.documentElement.scrollWidth <= innerWidth")).toBe(
      true,
    );
    // The host, a player, has the dashboard the projector lacks.
    await waitFor(host.page, "window.__attractor.state().view?.seat?.seat === 'G1'");
    expect(await host.page.locator("[data-testid=my-seat-name]").isVisible()).toBe(true);
    await wall.page.waitForTimeout(500);
    publish(await shot(wall.page, "10-spectator"), "spectator");

    expect(errors).toEqual([]);
    await host.ctx.close();
    await wall.ctx.close();
  });

  it("shows the reconnecting banner after a dropped connection and returns the same seat without a reload", async () => {
    const errors: string[] = [];
    const host = await person(1280, 800, errors);
    const guest = await person(1280, 800, errors);
    const code = await createTable(host.page, "Host");
    await joinTable(guest.page, "Guest", code, false);
    await guest.page.click("[data-testid=take-C1]");
    await waitFor(
      host.page,
      "window.__attractor.state().table.seats.find(s => s.id === 'C1').player !== null",
    );
    await host.page.click("[data-testid=start]");
    await waitScreen(guest.page, "game");
    await waitFor(guest.page, "window.__attractor.state().view?.seat?.seat === 'C1'");
    const before = await hook(guest.page);
    const token = before.seat?.token;
    expect(token).toBeTruthy();
    // A page reload would lose this.
    await guest.page.evaluate("window.__noReload = true");
    // The page's attempts to come back that fail for want of a network.
    let failedAttempts = 0;
    guest.page.on("requestfailed", (r) => {
      if (r.url().includes("/matchmake/")) failedAttempts++;
    });
    const toastIds = async () => (await hook(guest.page)).toasts.map((t) => t.id);

    const showsBanner =
      "(() => { const b = document.querySelector('[data-testid=reconnecting]'); const c = document.querySelector('[data-testid=connection]'); return !!b && b.checkVisibility() && /reconnecting/i.test(b.textContent) && /reconnecting/i.test(c.textContent); })()";
    for (let drop = 0; drop < 2; drop++) {
      // The socket closes and the network goes away; the page keeps trying to come back. (The
      // socket is closed first: closing it offline waits for a closing handshake that cannot
      // come. The first attempt to reconnect waits half a second, after the network is gone.)
      const failedBefore = failedAttempts;
      expect(await guest.page.evaluate("window.__attractor.controller.dropConnection()")).toBe(
        true,
      );
      await guest.ctx.setOffline(true);
      await waitFor(guest.page, showsBanner);
      // Two attempts to come back fail while the network is down: the banner still shows.
      await expect
        .poll(() => failedAttempts, { timeout: 60_000 })
        .toBeGreaterThanOrEqual(failedBefore + 2);
      expect(await guest.page.evaluate(showsBanner)).toBe(true);
      expect((await hook(guest.page)).connection).toBe("reconnecting");
      // The host sees the guest away meanwhile.
      await waitFor(
        host.page,
        `window.__attractor.state().table.players.some(p => p.id === ${JSON.stringify(before.playerId)} && !p.connected)`,
      );
      // The "back in your seat" notice lasts a few seconds: watch for it from now on (a newer
      // one than any shown so far: the first drop's may still be up).
      const shown = Math.max(0, ...(await toastIds()));
      const toldBack = waitFor(
        guest.page,
        `window.__attractor.state().toasts.some(t => t.id > ${shown} && /back in your seat/i.test(t.text))`,
        90_000,
      ).then(
        () => true,
        () => false,
      );
      await guest.ctx.setOffline(false);
      await guest.page.waitForSelector("[data-testid=reconnecting]", {
        state: "detached",
        timeout: 60_000,
      });
      await waitFor(guest.page, "window.__attractor.state().connection === 'connected'");
      const after = await hook(guest.page);
      expect(await guest.page.evaluate("window.__noReload")).toBe(true);
      expect(after.screen).toBe("game");
      expect(after.seat?.seat).toBe("C1");
      expect(after.view?.seat?.seat).toBe("C1");
      expect(after.playerId).toBe(before.playerId);
      expect(await toldBack).toBe(true);
      // The host sees the guest in the seat again, connected.
      await waitFor(
        host.page,
        `window.__attractor.state().table.players.some(p => p.id === ${JSON.stringify(before.playerId)} && p.seat === 'C1' && p.connected)`,
      );
    }

    // Messages flow again: the guest's chat reaches the host.
    await guest.page.click("[data-testid=tab-chat]");
    await guest.page.fill("[data-testid=chat-input]", "Back again");
    await guest.page.click("[data-testid=chat-send]");
    await waitFor(host.page, "window.__attractor.state().chat.some(m => m.text === 'Back again')");

    // Only the failed attempts while the network was down are logged.
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await host.ctx.close();
    await guest.ctx.close();
  });

  it("sends a player the host removed back to the title screen, saying why", async () => {
    const errors: string[] = [];
    const host = await person(1280, 800, errors);
    const guest = await person(1280, 800, errors, true);
    const code = await createTable(host.page, "Host");
    await joinTable(guest.page, "Noisy", code, false);
    await guest.page.click("[data-testid=take-L1]");
    const guestId = (await hook(guest.page)).playerId!;
    await waitFor(
      host.page,
      "window.__attractor.state().table.seats.find(s => s.id === 'L1').player !== null",
    );

    let question = "";
    host.page.once("dialog", (d) => {
      question = d.message();
      void d.accept();
    });
    await host.page.click(`[data-testid=kick-${guestId}]`);
    expect(question).toMatch(/Noisy/);
    await waitScreen(guest.page, "title");
    const g = await hook(guest.page);
    expect(g.connection).toBe("idle");
    expect(g.toasts.some((t) => t.kind === "error" && /removed/i.test(t.text))).toBe(true);
    expect(await guest.page.evaluate("sessionStorage.getItem('attractor.session')")).toBeNull();
    await waitFor(
      host.page,
      `!window.__attractor.state().table.players.some(p => p.id === ${JSON.stringify(guestId)})`,
    );
    // No reconnection attempts go on behind the title screen: the page's clock is run a minute
    // ahead (every timer due in that minute fires, a reconnection's back-off included) and the
    // page neither asks the server for a seat nor opens a connection.
    let attempts = 0;
    guest.page.on("request", (r) => {
      if (r.url().includes("/matchmake/")) attempts++;
    });
    guest.page.on("websocket", () => attempts++);
    await guest.page.clock.runFor(60_000);
    expect((await hook(guest.page)).connection).toBe("idle");
    expect(attempts).toBe(0);
    expect((await hook(host.page)).table?.players).toHaveLength(1);

    expect(errors).toEqual([]);
    await host.ctx.close();
    await guest.ctx.close();
  });
});
