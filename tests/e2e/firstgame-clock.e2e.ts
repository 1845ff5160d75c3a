/**
 * Issue 10, problems 1 and 5, in the browser. Problem 1: the guided tour ate round 1 (the clock
 * ran while the eight cards were read, and Act was over before the player could draft a law).
 * Alone at the table the clock now waits while the tour is open; at a table with people the
 * tour is offered in the lobby and opens by itself only in News, and it names the host's Pause
 * button; its card is opaque and never covers the map. Problem 5: a double click on Ready
 * skipped the next phase.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, inPhase, openPage, shot, waitFor, waitScreen } from "./harness";

// Long phases (Act lasts 15 minutes): only the test's own presses end a phase, so whatever the
// clock does during the tour shows in the time left, not in a phase ending on a busy machine.
const env = useServerAndBrowser(LONG_PHASES);

const TABLE = "window.__attractor.state().table";

/** The table's clock as the page holds it (the harness's HookState leaves it out). */
async function clockOf(page: Page): Promise<{ paused: boolean; remainingMs: number }> {
  return page.evaluate(
    `(({ paused, remainingMs }) => ({ paused, remainingMs }))(${TABLE})`,
  ) as Promise<{ paused: boolean; remainingMs: number }>;
}

async function soloGame(page: Page, tour: 0 | 1): Promise<void> {
  await page.goto(`${env.server.url}/?tour=${tour}`);
  await waitScreen(page, "title");
  await page.fill("[data-testid=name]", "Ada");
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game");
  await waitFor(page, inPhase("news"));
}

/** Seconds left on the top bar's clock, as it reads now. */
async function secondsLeft(page: Page): Promise<number> {
  const label = (await page.getAttribute("[data-testid=timer]", "aria-label")) ?? "";
  const m = /(\d+) seconds left/.exec(label);
  if (!m) throw new Error(`the clock reads "${label}"`);
  return Number(m[1]);
}

/**
 * Whether the tour card covers the map (with its risk numbers) or the risks panel. (Where a
 * phone has no room, it may cover the published risks listed under the map, never the map.)
 */
async function cardOverMap(page: Page): Promise<boolean> {
  return page.evaluate(`(() => {
    const card = document.querySelector("[data-testid=tour]").getBoundingClientRect();
    return ["#landscape", "section[aria-label=Risks]", ".mobile-tabs"].some((q) => {
      const el = document.querySelector(q);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      return card.left < r.right && r.left < card.right && card.top < r.bottom && r.top < card.bottom;
    });
  })()`) as Promise<boolean>;
}

/** Whether the tour card is opaque: its own background has no transparency. */
async function cardOpaque(page: Page): Promise<boolean> {
  // Once its rise animation (a fade in) is over.
  await waitFor(
    page,
    `document.querySelector("[data-testid=tour]").getAnimations().every((a) => a.playState === "finished")`,
  );
  return page.evaluate(`(() => {
    const s = getComputedStyle(document.querySelector("[data-testid=tour]"));
    const m = /rgba?\\(([^)]*)\\)/.exec(s.backgroundColor);
    const alpha = m ? (m[1].split(",")[3] ?? "1") : "0";
    return s.backgroundImage === "none" && Number(alpha) === 1 && Number(s.opacity) === 1;
  })()`) as Promise<boolean>;
}

/** A round trip: a chat line sent now comes back after everything the server sent before it. */
async function settle(page: Page, text: string): Promise<void> {
  await page.evaluate(
    `window.__attractor.controller.send("chat", { text: ${JSON.stringify(text)} })`,
  );
  await waitFor(
    page,
    `window.__attractor.state().chat.some((m) => m.text === ${JSON.stringify(text)})`,
  );
}

describe("problem 1: the tour never eats the clock", () => {
  it("problem 1: in a solo game, reading the whole tour in Act leaves Act's time left unchanged", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx, errors);
    await soloGame(page, 0);
    await page.keyboard.press("r");
    await waitFor(page, inPhase("act"));
    await waitFor(page, `${TABLE}.paused === false`);
    const round = (await hook(page)).table!.round;
    const before = await secondsLeft(page);

    // Help, then the how-to closes into the tour.
    await page.click("[data-testid=help]");
    await page.click("[data-testid=howto-close]");
    await page.waitForSelector("[data-testid=tour]");
    const texts: string[] = [];
    for (let i = 0; i < 8; i++) {
      // Every card: the clock stands still, the card is opaque and clear of the map.
      await waitFor(page, `${TABLE}.paused === true`);
      expect(await page.textContent("[data-testid=timer]")).toContain("Paused");
      expect(await cardOpaque(page), `card ${i + 1} opaque`).toBe(true);
      expect(await cardOverMap(page), `card ${i + 1} over the map, the risks or the tabs`).toBe(
        false,
      );
      texts.push((await page.textContent("[data-testid=tour-text]")) ?? "");
      await shot(page, i === 0 ? "tour-1280x800" : `tour-1280x800-card${i + 1}`);
      await page.click("[data-testid=tour-next]");
    }
    await expect.poll(() => page.locator("[data-testid=tour]").count()).toBe(0);
    expect(texts.join(" ")).toMatch(/Pause button/);

    // The clock runs again, with the time it had; the phase is still Act of the same round.
    await waitFor(page, `${TABLE}.paused === false`);
    const after = await hook(page);
    expect(after.table!.phase).toBe("act");
    expect(after.table!.round).toBe(round);
    const remaining = (await clockOf(page)).remainingMs / 1000;
    // At most the moment between reading the clock and the pause reaching the server (seconds
    // on a loaded machine), however long the cards were open.
    expect(remaining).toBeGreaterThanOrEqual(before - 5);
    expect(remaining).toBeLessThanOrEqual(before + 1);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("problem 1: the tour that opens at the start of a solo game holds News until it closes", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await openPage(ctx, errors);
    await soloGame(page, 1);
    await page.waitForSelector("[data-testid=tour]");
    await waitFor(page, `${TABLE}.paused === true`);
    for (let i = 0; i < 8; i++) {
      await waitFor(page, `${TABLE}.paused === true`);
      expect(await cardOpaque(page), `card ${i + 1} opaque`).toBe(true);
      expect(await cardOverMap(page), `card ${i + 1} over the map, the risks or the tabs`).toBe(
        false,
      );
      if (i === 0) await shot(page, "tour-390x844");
      if (i === 1) await shot(page, "tour-390x844-traps");
      if (i === 7) await shot(page, "tour-390x844-clock");
      await page.click("[data-testid=tour-next]");
    }
    await expect.poll(() => page.locator("[data-testid=tour]").count()).toBe(0);
    await waitFor(page, `${TABLE}.paused === false`);
    expect((await hook(page)).table!.phase).toBe("news");
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("problem 1: at a table with people the tour is offered in the lobby, names Pause, opens in News and never mid-Act", async () => {
    const errors: string[] = [];
    const hostCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guestCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const lateCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const host = await openPage(hostCtx, errors);
    const guest = await openPage(guestCtx, errors);
    const late = await openPage(lateCtx, errors);

    await host.goto(`${env.server.url}/?tour=0`);
    await waitScreen(host, "title");
    await host.fill("[data-testid=name]", "Host");
    await host.click("[data-testid=create-private]");
    await waitScreen(host, "lobby");
    const code = (await host.textContent("[data-testid=join-code]"))!.trim();

    await guest.goto(`${env.server.url}/?tour=1&join=${code}`);
    await waitScreen(guest, "title");
    await guest.fill("[data-testid=name]", "Guest");
    await guest.click("[data-testid=join]");
    await waitScreen(guest, "lobby");
    await guest.click("[data-testid=take-L1]");

    // The lobby offers the tour, and says the host can pause.
    expect(await guest.textContent("[data-testid=lobby-tour-offer]")).toMatch(/Pause button/);
    await guest.click("[data-testid=lobby-tour]");
    await guest.waitForSelector("[data-testid=tour]");
    expect(await cardOpaque(guest)).toBe(true);
    await shot(guest, "tour-lobby-1280x800");
    const texts: string[] = [];
    for (let i = 0; i < 8; i++) {
      texts.push((await guest.textContent("[data-testid=tour-text]")) ?? "");
      await guest.click("[data-testid=tour-next]");
    }
    await expect.poll(() => guest.locator("[data-testid=tour]").count()).toBe(0);
    expect(texts.join(" ")).toMatch(/host can stop the clock with the Pause button/);

    // The game starts in News: the guest's tour opens, and the clock is not held for it.
    await host.click("[data-testid=start]");
    await waitScreen(guest, "game");
    await guest.waitForSelector("[data-testid=tour]");
    expect((await hook(guest)).table!.phase).toBe("news");
    await settle(host, "sync 1");
    expect((await clockOf(host)).paused).toBe(false);
    await guest.click("[data-testid=tour-skip]");
    await expect.poll(() => guest.locator("[data-testid=tour]").count()).toBe(0);

    // Someone who joins in the middle of Act gets no tour until the next News.
    await host.click("[data-testid=skip]");
    await waitFor(host, inPhase("act"));
    await late.goto(`${env.server.url}/?tour=1&join=${code}`);
    await waitScreen(late, "title");
    await late.fill("[data-testid=name]", "Late");
    await late.click("[data-testid=join]");
    await waitScreen(late, "game");
    // The game screen has no seat picker: the late player takes a bot's seat as a client may.
    await late.evaluate(`window.__attractor.controller.send("takeSeat", { seat: "C1" })`);
    await waitFor(late, "window.__attractor.state().view?.seat != null");
    await waitFor(late, inPhase("act"));
    await late.waitForSelector("canvas");
    for (const phase of ["legislate", "resolve"]) {
      await host.click("[data-testid=skip]");
      await waitFor(late, inPhase(phase));
      expect(await late.locator("[data-testid=tour]").count(), `no tour in ${phase}`).toBe(0);
    }
    await host.click("[data-testid=skip]");
    await waitFor(late, inPhase("news"));
    await late.waitForSelector("[data-testid=tour]");
    expect(errors).toEqual([]);
    await Promise.all([hostCtx.close(), guestCtx.close(), lateCtx.close()]);
  });
});

describe("problem 5: Ready is bound to the phase it was pressed in", () => {
  it("problem 5: a double click on Ready during News does not skip Act", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx, errors);
    await soloGame(page, 0);
    const round = (await hook(page)).table!.round;
    const box = (await page.locator("[data-testid=ready]").boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    // A double click where the second click comes after Act is on screen (the worst case).
    await page.mouse.down({ clickCount: 1 });
    await page.mouse.up({ clickCount: 1 });
    await waitFor(page, inPhase("act"));
    await page.mouse.down({ clickCount: 2 });
    await page.mouse.up({ clickCount: 2 });
    await settle(page, "sync 2");
    const s = await hook(page);
    expect(s.table!.phase).toBe("act");
    expect(s.table!.round).toBe(round);
    expect(s.table!.players[0]!.ready).toBe(false);
    // One more (single) click is a real press: Act ends.
    await page.click("[data-testid=ready]");
    await waitFor(page, inPhase("legislate"));
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
