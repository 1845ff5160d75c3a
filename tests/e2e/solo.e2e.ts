import { describe, expect, it } from "vitest";
import { BASIN_CENTRES } from "../../client/src/model/landscape";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import {
  doMove,
  hook,
  inPhase,
  openPage,
  publish,
  readyUntil,
  shot,
  waitFor,
  waitScreen,
} from "./harness";

// Long phases: nothing the test does inside a phase can be overtaken by the clock on a busy
// machine (with short timers the proposal could be tallied and cleared before the test looked
// for it); the test ends each phase itself with Ready, as a solo player does.
const env = useServerAndBrowser(LONG_PHASES);

describe("solo game", () => {
  it("goes from the title screen to the debrief through the UI", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=1`);
    await waitScreen(page, "title");
    publish(await shot(page, "01-title"), "title");

    // How to play, closed with Escape.
    await page.click("[data-testid=how-to-play]");
    await expect.poll(() => page.locator("[role=dialog]").count()).toBe(1);
    await shot(page, "02-how-to-play");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("[role=dialog]").count()).toBe(0);

    // A private table needs a name (others see it): an empty one is refused in words.
    await page.click("[data-testid=create-private]");
    await expect
      .poll(() => page.textContent("[data-testid=title-error]"), { timeout: 30_000 })
      .toMatch(/name/i);

    await page.click("[data-testid=name]");
    await page.keyboard.type("Ada");
    await page.click("[data-testid=solo-role-government]");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game");
    const first = await hook(page);
    expect(first.seat?.seat).toBe("G1");
    expect(first.view?.seat?.self.role).toBe("government");

    // The guided tour: every step, then it closes.
    await page.waitForSelector("[data-testid=tour]");
    await shot(page, "03-tour");
    for (let i = 0; i < 8; i++) await page.click("[data-testid=tour-next]");
    await expect.poll(() => page.locator("[data-testid=tour]").count()).toBe(0);

    // Hovering a basin on the landscape says what drives it and what holds it back. Phaser
    // may still be starting or resizing, so the pointer is moved again until the card shows.
    await page.waitForSelector("canvas");
    const showsMisuse =
      "(() => { const el = document.querySelector('.basin-info'); return !!el && !el.hidden && /Driven by/.test(el.textContent) && /Misuse/.test(el.textContent); })()";
    await expect
      .poll(
        async () => {
          const box = (await page.locator("canvas").first().boundingBox())!;
          const pad = Math.min(box.width, box.height) * 0.04;
          const c = BASIN_CENTRES.misuse;
          const x = box.x + pad + ((c.x + 1) / 2) * (box.width - 2 * pad);
          const y = box.y + pad + ((c.y + 1) / 2) * (box.height - 2 * pad);
          await page.mouse.move(x - 3, y - 3);
          await page.mouse.move(x, y, { steps: 3 });
          return page.evaluate(showsMisuse);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    const box = (await page.locator("canvas").first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40, { steps: 3 });
    await waitFor(page, "document.querySelector('.basin-info').hidden === true");

    // Wait for the Act phase, then set a strategy with the keyboard and propose an accord.
    await readyUntil(page, inPhase("act"));
    await page.focus("[data-testid=slider-measurement]");
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    await page.click("[data-testid=save-strategy]");
    await waitFor(
      page,
      "document.querySelector('[data-testid=strategy-status]')?.textContent === 'Saved'",
    );
    await doMove(page, "propose", {
      regulation: "welfare_statistics",
      strength: "2",
      accord: false,
    });
    // The public part of the view (the proposals) may arrive a moment after the seat's part.
    await waitFor(
      page,
      "(window.__attractor.state().view?.public.proposals ?? []).some(p => p.proposer === 'G1' && p.reg === 'welfare_statistics')",
    );
    const proposed = await hook(page);
    const mine = proposed.view?.public.proposals.find(
      (p) => p.proposer === "G1" && p.reg === "welfare_statistics",
    );
    expect(mine?.status).toBe("open");
    await doMove(page, "setTax", { rate: "0.3" });
    expect((await hook(page)).view?.seat?.movesLeft).toBe(0);
    await page.waitForTimeout(600);
    publish(await shot(page, "04-game"), "game");

    // A third move is refused in plain words (the button is disabled and says why). The
    // dashboard redraws on the next frame after the view changed.
    await expect
      .poll(() => page.locator("details[data-move=emergencyPowers] .reason").textContent(), {
        timeout: 30_000,
      })
      .toMatch(/both moves/);

    // Legislate: vote yes on our own proposal from the legislature.
    await readyUntil(page, inPhase("legislate"));
    await page.click("[data-testid=tab-laws]");
    const uid = mine!.uid;
    await page.click(`[data-testid=vote-yes-${uid}]`);
    await waitFor(
      page,
      `window.__attractor.state().view.public.proposals.some(p => p.uid === ${uid} && p.votes.G1 === true)`,
    );
    await shot(page, "05-legislate");

    // Resolve animates the world; then the rest of the game with Ready (R) until the debrief.
    await readyUntil(page, inPhase("resolve"));
    await shot(page, "06-resolve");
    await readyUntil(page, "window.__attractor.screen === 'debrief'", 200_000);
    await waitScreen(page, "debrief");
    const end = await hook(page);
    expect(end.debrief?.debrief.ending).toBeTruthy();
    expect(await page.textContent("[data-testid=ending]")).toBeTruthy();
    await page.waitForTimeout(300);
    publish(await shot(page, "07-debrief"), "debrief");
    await page.screenshot({
      path: `${(await shot(page, "07-debrief")).replace(".png", "-full.png")}`,
      fullPage: true,
    });

    // The CSV and the saved record are real: a header and one row per round played (a
    // catastrophe can end the game early).
    const rec = await fetch(
      `${env.server.url}${await page.getAttribute("[data-testid=record]", "href")}`,
    );
    expect(rec.status).toBe(200);
    const played = ((await rec.json()) as { history: unknown[] }).history.length;
    expect(played).toBeGreaterThan(0);
    const csvHref = await page.getAttribute("[data-testid=csv]", "href");
    const csv = await fetch(`${env.server.url}${csvHref}`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBe(played + 1);

    // No horizontal overflow on the debrief.
    expect(await page.evaluate("document.documentElement.scrollWidth <= innerWidth")).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
