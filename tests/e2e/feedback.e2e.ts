/**
 * Issue 10, problem 6: weak feedback after a move. A lab chose "Open weights" and, after the
 * submit, the form showed "Staged release"; nothing listed what you did this round; a tax
 * change showed nothing until the next round. Solo games through the browser, at 1280×800.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { doMove, inPhase, openPage, readyUntil, shot, waitScreen } from "./harness";

// Long phases: the test works inside the first Act phase, which no clock can end meanwhile.
const env = useServerAndBrowser(LONG_PHASES);

/** A solo game in the given role, in its first Act phase. */
async function soloInAct(role: "government" | "lab", errors: string[]): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openPage(ctx, errors);
  await page.goto(`${env.server.url}/?tour=0`);
  await waitScreen(page, "title");
  await page.fill("[data-testid=name]", role === "lab" ? "Lia" : "Gus");
  await page.click(`[data-testid=solo-role-${role}]`);
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game");
  await readyUntil(page, inPhase("act"));
  return page;
}

describe("problem 6: feedback after a move", () => {
  it("problem 6: a form keeps the choice after submit, and the 'this round you did' list shows the move", async () => {
    const errors: string[] = [];
    const page = await soloInAct("lab", errors);
    const card = page.locator("details[data-move=release]");
    await doMove(page, "release", { policy: "open" });
    // A second move uses the last one: every card is redrawn (none can be made now), in the
    // same pass as the moves-left tag. The release form still shows the choice, and says so.
    await doMove(page, "pledge");
    await expect
      .poll(() => page.textContent("[data-testid=moves-left]"), { timeout: 30_000 })
      .toBe("0 moves left");
    expect(await card.locator("[name=policy]").inputValue()).toBe("open");
    expect(await card.locator("[data-testid=done-release]").textContent()).toBe(
      "Done: Open weights",
    );
    expect(await card.locator("summary").textContent()).toMatch(/done/);
    // This round you did…
    const list = page.locator("[data-testid=did-list]");
    expect(await list.locator("li").allTextContents()).toEqual([
      "Release a model: Open weights",
      "Public safety pledge",
    ]);
    await card.scrollIntoViewIfNeeded();
    await shot(page, "problem6-release-done-1280");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("problem 6: a pending tax change is shown as pending", async () => {
    const errors: string[] = [];
    const page = await soloInAct("government", errors);
    const taxTile = page.locator(".stat", { hasText: "Tax rate" }).locator(".v");
    const before = (await taxTile.textContent())!.trim();
    expect(before).toMatch(/^\d+%$/);
    await doMove(page, "setTax", { rate: "0.35" });
    // The dashboard redrawn with the move taken (its moves-left tag in the same pass).
    await expect
      .poll(() => page.textContent("[data-testid=moves-left]"), { timeout: 30_000 })
      .toBe("1 move left");
    expect(await taxTile.textContent()).toBe(`${before} → 35% (pending)`);
    const item = page.locator("[data-testid=did-list] li[data-done=setTax]");
    expect(await item.textContent()).toContain(
      `Set the tax rate: ${before} → 35%, pending: it applies when this round resolves`,
    );
    expect(await item.locator(".pending-tag").textContent()).toBe("pending");
    // The slider stays where it was put.
    expect(await page.locator("details[data-move=setTax] [name=rate]").inputValue()).toBe("0.35");
    await page.locator("[data-testid=did]").scrollIntoViewIfNeeded();
    await shot(page, "problem6-tax-pending-1280");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
