/**
 * Issue 10, problem 8: joining frictions. "Play solo" refused to start without a typed name; a
 * `?join=` link still made "Play solo" the big button; a projector had to type a name; the
 * host's remove and the spectator's leave asked about "a bot will take their seat"; "ZZZZZ"
 * was refused as "needs 5 letters and digits" (Z is just not in the code alphabet); the README
 * documented `/?code=` while the lobby's links are `/?join=`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET } from "../../shared/protocol";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, openPage, ROOT, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser(LONG_PHASES);

/** A private table's lobby, opened by its host: the page and the join code. */
async function hostTable(page: Page): Promise<string> {
  await page.goto(`${env.server.url}/?tour=0`);
  await waitScreen(page, "title");
  await page.fill("[data-testid=name]", "Teacher");
  await page.click("[data-testid=create-private]");
  await waitScreen(page, "lobby");
  return (await page.textContent("[data-testid=join-code]"))!.trim();
}

/** Records every confirm() the page asks and answers it (yes or no). */
function answerDialogs(page: Page, accept: boolean): string[] {
  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.message());
    void (accept ? d.accept() : d.dismiss());
  });
  return asked;
}

describe("problem 8: joining frictions", () => {
  it("problem 8: Play solo starts without a typed name, with a made-up one", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    expect(await page.inputValue("[data-testid=name]")).toBe("");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game");
    const s = await hook(page);
    const me = s.table!.players.find((p) => p.id === s.playerId)!;
    expect(me.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("problem 8: a ?join= link makes Join the main button, and README documents that link", async () => {
    const errors: string[] = [];
    const hostCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guestCtx = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const host = await openPage(hostCtx, errors);
    const guest = await openPage(guestCtx, errors);
    const code = await hostTable(host);
    const link = await host.inputValue("#join-link");
    expect(new URL(link).search).toBe(`?join=${code}`);
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/`\/\?join=[34679ACDEFGHJKMNPQRTUVWXY]{5}`/);

    await guest.goto(link);
    await waitScreen(guest, "title");
    expect(await guest.inputValue("[data-testid=code]")).toBe(code);
    const join = guest.locator("[data-testid=join]");
    const solo = guest.locator("[data-testid=play-solo]");
    expect(await join.getAttribute("class")).toMatch(/\bprimary\b/);
    expect(await solo.getAttribute("class")).not.toMatch(/\bprimary\b/);
    // Join comes before Play solo on the card.
    const joinFirst = await guest.evaluate(`(() => {
      const j = document.querySelector("[data-testid=join]");
      const s = document.querySelector("[data-testid=play-solo]");
      return Boolean(j.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
    })()`);
    expect(joinFirst).toBe(true);
    await guest.locator("[data-testid=join]").scrollIntoViewIfNeeded();
    await shot(guest, "join-link-390x844");
    await guest.fill("[data-testid=name]", "Kim");
    await join.click();
    await waitScreen(guest, "lobby");
    expect(errors).toEqual([]);
    await Promise.all([hostCtx.close(), guestCtx.close()]);
  });

  it("problem 8: a projector joins without a name, and the remove and leave questions fit a spectator", async () => {
    const errors: string[] = [];
    const hostCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const wallCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const host = await openPage(hostCtx, errors);
    const wall = await openPage(wallCtx, errors);
    const code = await hostTable(host);

    await wall.goto(`${env.server.url}/?tour=0&join=${code}`);
    await waitScreen(wall, "title");
    expect(await wall.inputValue("[data-testid=name]")).toBe("");
    await wall.check("[data-testid=spectator]");
    await wall.click("[data-testid=join]");
    await waitScreen(wall, "lobby");
    await waitFor(host, "window.__attractor.state().table.players.some((p) => p.spectator)");
    const spectator = (await hook(host)).table!.players.find((p) => p.name === "Projector");
    expect(spectator).toBeDefined();

    // The host's remove question (answered no): nothing about a bot taking a seat.
    const hostAsked = answerDialogs(host, false);
    await host.click(`[data-testid=kick-${spectator!.id}]`);
    await expect.poll(() => hostAsked.length).toBe(1);
    expect(hostAsked[0]).toMatch(/Remove Projector/);
    expect(hostAsked[0]).not.toMatch(/bot/i);

    // In the game, the projector's leave question (answered no) is about watching.
    await host.click("[data-testid=start]");
    await waitScreen(wall, "game");
    const wallAsked = answerDialogs(wall, false);
    await wall.click("button[aria-label='Leave this game']");
    await expect.poll(() => wallAsked.length).toBe(1);
    expect(wallAsked[0]).toMatch(/watching/);
    expect(wallAsked[0]).not.toMatch(/bot/i);
    expect((await hook(wall)).screen).toBe("game");
    expect(errors).toEqual([]);
    await Promise.all([hostCtx.close(), wallCtx.close()]);
  });

  it("problem 8: a code with letters not in the code alphabet is refused naming the alphabet", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    await page.fill("[data-testid=name]", "Sam");
    await page.fill("[data-testid=code]", "ZZZZZ");
    await page.click("[data-testid=join]");
    await expect.poll(() => page.textContent("[data-testid=title-error]")).toMatch(/never in/);
    const said = (await page.textContent("[data-testid=title-error]")) ?? "";
    expect(said).toMatch(/\bZ\b/);
    expect(said.replace(/[^0-9A-Z]/g, "")).toContain(CODE_ALPHABET);
    expect((await hook(page)).screen).toBe("title");
    await shot(page, "join-code-error-1280x800");
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
