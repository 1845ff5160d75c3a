/**
 * The world model's warnings and measurement, through the browser: an incident in the news and
 * marked on the landscape, the emergency measure among a government's moves and in the news,
 * which welfare dimensions the statistics measure, and where harm moved in the debrief. The
 * host uploads a scenario in which incidents strike from the first year and every law passes
 * (scenarios.ts), and plays government against bots on long phases, ending each with Ready.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { INCIDENT_LABEL, type Incident } from "../../shared/vocabulary";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import {
  doMove,
  hook,
  inPhase,
  openPage,
  readyUntil,
  SHOTS_DIR,
  shot,
  waitFor,
  waitScreen,
} from "./harness";
import { WARNINGS } from "./scenarios";

const env = useServerAndBrowser(LONG_PHASES);

interface ShownEvent {
  round: number;
  kind: string;
  text: string;
  incident?: Incident;
  attractor?: string;
  seat?: string;
}

/** The public news in this player's view now. */
async function news(page: Page): Promise<ShownEvent[]> {
  return (await page.evaluate(
    "window.__attractor.state().view?.public.news ?? []",
  )) as ShownEvent[];
}

describe("warnings and measurement", () => {
  it("shows incidents, the emergency measure, what is measured and where harm moved", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    await page.fill("[data-testid=name]", "Ada");
    await page.click("[data-testid=create-private]");
    await waitScreen(page, "lobby");
    await page.setInputFiles("[data-testid=scenario-file]", {
      name: "warnings.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(WARNINGS)),
    });
    await waitFor(page, "/^custom-/.test(window.__attractor.state().table?.scenario ?? '')");
    await page.click("[data-testid=take-G1]");
    await waitFor(
      page,
      "window.__attractor.state().table.seats.find(s => s.id === 'G1').player !== null",
    );
    await page.click("[data-testid=start]");
    await waitScreen(page, "game");

    // Round 1: nothing is measured yet, in words, under the chart everyone sees.
    await readyUntil(page, inPhase("act"));
    await waitFor(
      page,
      `/Nothing is counted yet/.test(document.querySelector('[data-blocs~="0"]')?.textContent ?? '')`,
    );
    await doMove(page, "propose", { regulation: "welfare_statistics", strength: "2" });
    await waitFor(
      page,
      "(window.__attractor.state().view?.public.proposals ?? []).some(p => p.proposer === 'G1' && p.status === 'open')",
    );
    const uid = (await hook(page)).view!.public.proposals.find((p) => p.proposer === "G1")!.uid;
    await readyUntil(page, inPhase("legislate"));
    await page.click("[data-testid=tab-laws]");
    await page.click(`[data-testid=vote-yes-${uid}]`);
    await waitFor(
      page,
      `window.__attractor.state().view.public.proposals.some(p => p.uid === ${uid} && p.votes.G1 === true)`,
    );

    // Resolve of round 1: incidents strike. Each is in the news under its own name and marked
    // at its attractor's basin, in words and on the map.
    await readyUntil(
      page,
      "window.__attractor.state().view?.public.news.some(e => e.kind === 'incident')",
    );
    const incidents = (await news(page)).filter((e) => e.kind === "incident");
    expect(incidents.length).toBeGreaterThan(0);
    await page.click("[data-testid=tab-news]");
    const first = incidents[0]!;
    const item = page.locator(".news-item[data-kind=incident]").first();
    await item.waitFor();
    expect(await item.locator(".news-label").textContent()).toContain(
      INCIDENT_LABEL[first.incident!],
    );
    expect(await item.textContent()).not.toMatch(/Incident: Incident/);
    for (const e of incidents) {
      const tag = page.locator(`[data-basin=${e.attractor}] [data-testid=incident-${e.attractor}]`);
      await tag.first().waitFor();
      expect(await tag.allTextContents()).toContain(`Incident: ${INCIDENT_LABEL[e.incident!]}`);
    }
    await waitFor(
      page,
      `(() => { const marked = window.__attractor.incidents?.() ?? []; return ${JSON.stringify(
        incidents.map((e) => `${e.attractor}:${e.incident}`),
      )}.every(m => marked.includes(m)); })()`,
    );
    expect(await page.textContent("[data-testid=world-summary]")).toMatch(
      incidents.length === 1 ? INCIDENT_LABEL[first.incident!] : `${incidents.length} incidents`,
    );
    await shot(page, "20-incident-landscape-news");

    // Round 2, Act: the emergency measure among the government's moves says what it costs and
    // that it works this round, and what each choice does.
    await readyUntil(
      page,
      `${inPhase("act")} && window.__attractor.state().view.public.round === 2`,
    );
    const card = page.locator("details[data-move=emergencyMeasure]");
    await card.locator("summary").click();
    const effect = (await card.locator(".effect").textContent()) ?? "";
    expect(effect).toMatch(/works this round/);
    expect(effect).toMatch(/approval/);
    expect(effect).toMatch(/output/);
    expect(effect).toMatch(/Centralisation of power/);
    await card.locator("[name=attractor]").selectOption("misuse");
    await waitFor(
      page,
      "/biolabs/.test(document.querySelector('[data-testid=move-emergencyMeasure-attractor-help]')?.textContent ?? '')",
    );
    await card.scrollIntoViewIfNeeded();
    await shot(page, "21-emergency-measure-move");
    await card.screenshot({ path: path.join(SHOTS_DIR, "21-emergency-measure-card.png") });
    await doMove(page, "emergencyMeasure", { attractor: "misuse" });

    // Resolve of round 2: the measure is in the news as an emergency; the statistics passed in
    // round 1 now measure some dimensions and leave others out.
    await readyUntil(
      page,
      "window.__attractor.state().view?.public.news.some(e => e.kind === 'emergency' && e.seat === 'G1')",
    );
    const measure = (await news(page)).find((e) => e.kind === "emergency" && e.seat === "G1");
    expect(measure?.text).toMatch(/biolabs/);
    await page.click("[data-testid=tab-news]");
    // The other bloc's bot government may take the same measure: pick the player's own.
    const emergency = page.locator(".news-item[data-kind=emergency][data-seat=G1]", {
      hasText: "biolabs",
    });
    await emergency.waitFor();
    expect(await emergency.locator(".news-label").textContent()).toContain("Emergency");
    await waitFor(page, "window.__attractor.state().view.public.blocs[0].measured.length > 0");
    const measured = (await page.evaluate(
      "window.__attractor.state().view.public.blocs[0].measured",
    )) as string[];
    await waitFor(
      page,
      `document.querySelector('[data-blocs~="0"]')?.dataset.measured === ${JSON.stringify(measured.join(" "))}`,
    );
    const row = (await page.textContent('[data-blocs~="0"]')) ?? "";
    expect(row).toMatch(/Measured: .+Not measured: /);
    for (const d of measured) expect(row).toContain(d);
    await page.locator("[data-testid=measured]").scrollIntoViewIfNeeded();
    await shot(page, "22-emergency-news-measured");

    // The debrief says where harm moved, consistent with what the server revealed.
    await readyUntil(page, "window.__attractor.screen === 'debrief'", 200_000);
    await waitScreen(page, "debrief");
    const shifted = (await page.evaluate(
      "window.__attractor.state().debrief.debrief.harmShifted",
    )) as Record<string, number>;
    const moved = Object.entries(shifted).filter(([, v]) => v >= 0.005);
    const text = (await page.textContent("[data-testid=harm-moved]")) ?? "";
    if (moved.length === 0) expect(text).toMatch(/No harm moved/);
    else {
      expect(text).toMatch(/Firms moved/);
      for (const [dim] of moved) expect(text).toContain(dim);
    }
    await page.locator("[data-testid=harm-moved]").scrollIntoViewIfNeeded();
    await shot(page, "23-debrief-harm-moved");
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
