/**
 * Problem 4 of issue 10: jargon for a 15-year-old (regulariser, basin, attractor, proxy, "% of
 * par", Goodhart lock-in, alignment margin, externalisation, delegation, "like early stopping",
 * "Regressional: measurement noise", "optimisation pressure 1.48"). Every glossary term on the
 * screen shows its plain label and its explanation on hover, keyboard focus and tap; no raw
 * word from the list shows on the board (the seat card, sliders, map, chart, risks and laws)
 * or the debrief without its explanation.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { GLOSSARY, RAW_JARGON, type TermId } from "../../client/src/model/glossary";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { openPage, readyUntil, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser(LONG_PHASES);

/** The parts of the screen this words cover (the moves, news and chat are not here). */
const BOARD = ".area-you, .area-world, .area-lower, #tab-laws";

async function soloGame(page: Page, role: string): Promise<void> {
  await page.goto(`${env.server.url}/?tour=0`);
  await waitScreen(page, "title");
  await page.fill("[data-testid=name]", "Ada");
  await page.click(`[data-testid=solo-role-${role}]`);
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game");
  await waitFor(page, "document.querySelector('[data-stat=rank]') !== null");
  await waitFor(page, "document.querySelector('[data-stat=proxy-index]') !== null");
}

/** Visible text outside terms, tooltips and the moves panel, under `selector`, with a raw word. */
async function rawWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ([sel, re]) => {
      const raw = new RegExp(re, "i");
      const out: string[] = [];
      for (const root of document.querySelectorAll(sel)) {
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest(".term, .term-tip, [hidden], .sr-only, [data-tut=moves]")) continue;
          if (el.closest("svg") || !el.checkVisibility()) continue;
          const t = (n.textContent ?? "").trim();
          if (t && raw.test(t)) out.push(t);
        }
      }
      return out;
    },
    [selector, RAW_JARGON.source] as const,
  );
}

/** The distinct terms visible now, each with its shown label. */
async function visibleTerms(page: Page): Promise<{ id: TermId; label: string }[]> {
  return (await page.evaluate(`(() => {
    const seen = new Map();
    for (const b of document.querySelectorAll(".term[data-term]")) {
      if (!b.checkVisibility() || seen.has(b.dataset.term)) continue;
      if (b.getBoundingClientRect().width === 0) continue;
      seen.set(b.dataset.term, b.firstChild.textContent);
    }
    return [...seen].map(([id, label]) => ({ id, label }));
  })()`)) as { id: TermId; label: string }[];
}

const tip = (page: Page) =>
  page.evaluate(() => {
    const t = document.querySelector<HTMLElement>("[data-testid=term-tip]");
    return t && !t.hidden ? { term: t.dataset.term ?? "", text: t.textContent ?? "" } : null;
  });

describe("problem 4: plain words", () => {
  it("problem 4: every glossary term shows a plain label and its explanation on hover, focus and tap", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx, errors);
    await soloGame(page, "government");
    const terms = await visibleTerms(page);
    expect(terms.map((t) => t.id)).toEqual(
      expect.arrayContaining(["rank", "score", "measuredWelfare", "pressure", "economicIndex"]),
    );
    for (const t of terms) {
      expect(t.label, t.id).not.toMatch(RAW_JARGON);
      const button = page.locator(`.term[data-term=${t.id}]`).filter({ visible: true }).first();
      await button.scrollIntoViewIfNeeded();
      // Hover.
      await button.hover();
      await expect
        .poll(() => tip(page))
        .toEqual({
          term: t.id,
          text: expect.stringContaining(GLOSSARY[t.id].explain),
        });
      // The explanation is the button's accessible description.
      const described = await button.evaluate(
        (b) => document.getElementById(b.getAttribute("aria-describedby") ?? "")?.textContent,
      );
      expect(described).toBe(GLOSSARY[t.id].explain);
      await page.mouse.move(2, 2);
      await expect.poll(() => tip(page)).toBeNull();
    }
    // Keyboard: focus shows it, Escape hides it.
    const first = page.locator(".term[data-term=pressure]").filter({ visible: true }).first();
    await first.focus();
    await expect.poll(async () => (await tip(page))?.term).toBe("pressure");
    await page.keyboard.press("Escape");
    await expect.poll(() => tip(page)).toBeNull();
    await first.focus();
    await page.keyboard.press("Tab");
    await first.focus();
    await expect.poll(async () => (await tip(page))?.term).toBe("pressure");
    await shot(page, "words-term-tooltip-1280x800");
    expect(errors).toEqual([]);
    await ctx.close();

    // Tap, on a phone: a tap shows it, a second tap hides it.
    const phone = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const p2 = await openPage(phone, errors);
    await soloGame(p2, "government");
    await p2.click("[data-testid=mtab-you]");
    const score = p2.locator(".term[data-term=score]").filter({ visible: true }).first();
    await score.scrollIntoViewIfNeeded();
    await score.tap();
    await expect
      .poll(() => tip(p2))
      .toEqual({
        term: "score",
        text: expect.stringContaining(GLOSSARY.score.explain),
      });
    await shot(p2, "words-term-tap-390x844");
    await score.tap();
    await expect.poll(() => tip(p2)).toBeNull();
    // The tap target is at least 24 × 24 px.
    const box = (await score.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(errors).toEqual([]);
    await phone.close();
  });

  it("problem 4: no raw jargon word from the list shows without its explanation", async () => {
    const errors: string[] = [];
    for (const role of ["lab", "company", "government"]) {
      const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await openPage(ctx, errors);
      await soloGame(page, role);
      expect(await rawWords(page, BOARD), role).toEqual([]);
      // The laws, with every regulation explained.
      await page.click("[data-testid=tab-laws]");
      await page.evaluate(() => {
        for (const d of document.querySelectorAll("#tab-laws details")) d.setAttribute("open", "");
      });
      expect(await rawWords(page, "#tab-laws"), `${role} laws`).toEqual([]);
      // A trap's card on the map.
      await page.click("[data-basin=goodhart]");
      await waitFor(page, "!document.querySelector('.basin-info').hidden");
      expect(await rawWords(page, ".area-world"), `${role} trap card`).toEqual([]);
      if (role === "government") {
        await readyUntil(page, "window.__attractor.screen === 'debrief'", 400_000);
        await waitScreen(page, "debrief");
        expect(await rawWords(page, "main.debrief"), "debrief").toEqual([]);
        await shot(page, "words-debrief-1280x800");
      }
      await ctx.close();
    }
    expect(errors).toEqual([]);
  });
});
