/**
 * Difficulty on the title screen: each level with its measured odds for the role chosen (they
 * change with the role), chosen before "Play solo", reaches the game: the bots at the other
 * seats are that level's personalities, on the server and in the offline game alike.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { difficultyChoices, MEASURED_ODDS } from "../../client/src/model/difficulty";
import { DIFFICULTIES, difficultySeats } from "../../shared/difficulty";
import { STANDARD } from "../../shared/presets";
import type { Role } from "../../shared/vocabulary";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, openPage, SHOTS_DIR, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser(LONG_PHASES);

/** The odds each level's button shows now. */
async function shownOdds(page: Page): Promise<string[]> {
  return Promise.all(
    DIFFICULTIES.map(
      async (d) => (await page.textContent(`[data-testid=difficulty-odds-${d}]`)) ?? "",
    ),
  );
}

/** Picks a role and a level on the title screen and checks what the levels show for that role. */
async function choose(page: Page, role: Role, level: (typeof DIFFICULTIES)[number]) {
  await page.click(`[data-testid=solo-role-${role}]`);
  const expected = difficultyChoices(MEASURED_ODDS, role).map(
    (c) => c.odds ?? "odds not measured yet",
  );
  await expect.poll(() => shownOdds(page)).toEqual(expected);
  await page.click(`[data-testid=difficulty-${level}]`);
  for (const d of DIFFICULTIES)
    expect(await page.getAttribute(`[data-testid=difficulty-${d}]`, "aria-pressed")).toBe(
      d === level ? "true" : "false",
    );
}

/** The bots at the table, seat by seat, as the page was told. */
async function bots(page: Page): Promise<Record<string, string | null>> {
  await waitFor(page, "window.__attractor.state().table?.stage === 'playing'");
  const seats = (await page.evaluate("window.__attractor.state().table.seats")) as {
    id: string;
    bot: string | null;
  }[];
  return Object.fromEntries(seats.map((s) => [s.id, s.bot]));
}

describe("difficulty", () => {
  it("shows each level's odds for the role chosen, and the level chosen sets the bots", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    // Government first (the default role), then the lab: the odds follow the role.
    await choose(page, "government", "gentle");
    if (MEASURED_ODDS) for (const o of await shownOdds(page)) expect(o).toMatch(/Catastrophe \d+%/);
    await choose(page, "lab", "hard");
    // The pressed style eases in: the picture waits for it to settle.
    await waitFor(page, "document.getAnimations().length === 0");
    await shot(page, "24-title-difficulty");
    await page
      .locator(".difficulties")
      .screenshot({ path: path.join(SHOTS_DIR, "24-title-difficulty-levels.png") });

    await page.fill("[data-testid=name]", "Ada");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game");
    const me = (await hook(page)).seat?.seat;
    expect((await hook(page)).view?.seat?.self.role).toBe("lab");
    const want = difficultySeats("hard", STANDARD, "lab");
    const got = await bots(page);
    for (const [seat, personality] of Object.entries(want))
      expect(got[seat], seat).toBe(personality);
    expect(Object.keys(want)).not.toContain(me);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("sets the bots of an offline game too", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?offline&tour=0`);
    await waitScreen(page, "title");
    await choose(page, "company", "gentle");
    await page.fill("[data-testid=name]", "Ada");
    await page.click("[data-testid=play-solo]");
    await waitScreen(page, "game");
    expect((await hook(page)).view?.seat?.self.role).toBe("company");
    const want = difficultySeats("gentle", STANDARD, "company");
    const got = await bots(page);
    for (const [seat, personality] of Object.entries(want))
      expect(got[seat], seat).toBe(personality);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
