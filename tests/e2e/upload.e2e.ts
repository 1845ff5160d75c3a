import { describe, expect, it } from "vitest";
import { STANDARD } from "../../shared/presets";
import { useServerAndBrowser } from "./env";
import { openPage, shot, waitFor, waitScreen } from "./harness";

const env = useServerAndBrowser();

describe("scenario upload", () => {
  it("shows the server's errors for a bad file and puts an accepted scenario on the table", async () => {
    const errors: string[] = [];
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openPage(ctx, errors);
    await page.goto(`${env.server.url}/?tour=0`);
    await waitScreen(page, "title");
    await page.fill("[data-testid=name]", "Teacher");
    await page.click("[data-testid=create-private]");
    await waitScreen(page, "lobby");

    const bad = { ...STANDARD, rounds: 99, timers: { ...STANDARD.timers, act: 1 } };
    await page.setInputFiles("[data-testid=scenario-file]", {
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await waitFor(
      page,
      "/refused/.test(document.querySelector('[data-testid=scenario-upload-status]')?.textContent ?? '')",
    );
    const status = (await page.textContent("[data-testid=scenario-upload-status]")) ?? "";
    expect(status).toMatch(/rounds/);
    expect(status).toMatch(/timers\.act/);
    const scenarioNow = () => page.evaluate("window.__attractor.state().table?.scenario");
    expect(await scenarioNow()).toBe("standard");

    const good = {
      ...STANDARD,
      name: "Our class",
      rounds: 9,
      description: "Nine years, our numbers.",
    };
    await page.setInputFiles("[data-testid=scenario-file]", {
      name: "our-class.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(good)),
    });
    await waitFor(page, "/^custom-/.test(window.__attractor.state().table?.scenario ?? '')");
    expect(await page.evaluate("window.__attractor.state().table?.rounds")).toBe(9);
    await waitFor(page, "/Our class/.test(document.querySelector('#scenario')?.textContent ?? '')");
    await shot(page, "17-lobby-uploaded-scenario");
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
