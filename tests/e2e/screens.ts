/**
 * Every screen at three sizes (390×844 phone, 1280×800 laptop/projector, 1920×1080), for a
 * person to look at: title, how to play, lobby (host), the game for each role, the
 * legislature, the guided tour, the spectator's projector view and the debrief.
 *
 *   npx tsx tests/e2e/screens.ts [only-this-size e.g. 390x844]
 *
 * Builds the client into a private temp directory (so another build of client/dist cannot pull
 * chunks away mid-run) and writes PNGs to test-results/screens/ (or SCREENS_DIR). Not a test:
 * it asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { hook, launch, ROOT, startServer, waitFor, waitScreen } from "./harness";

const OUT = process.env.SCREENS_DIR ?? path.join(ROOT, "test-results", "screens");
const SIZES = [
  { name: "390x844", width: 390, height: 844, mobile: true },
  { name: "1280x800", width: 1280, height: 800, mobile: false },
  { name: "1920x1080", width: 1920, height: 1080, mobile: false },
];

async function page(browser: Browser, size: (typeof SIZES)[number]): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: size.mobile,
    hasTouch: size.mobile,
  });
  const p = await ctx.newPage();
  p.on("pageerror", (e) => console.error(`pageerror: ${e.message}`));
  p.on("console", (m) => {
    if (m.type() === "error") console.error(`console: ${m.text()}`);
  });
  return p;
}

async function snap(p: Page, size: string, name: string, fullPage = false): Promise<void> {
  await p.waitForTimeout(400);
  const file = path.join(OUT, `${size}-${name}.png`);
  await p.screenshot({ path: file, fullPage });
  // Name whatever sticks out sideways (a phone must never scroll sideways).
  const wide = (await p.evaluate(`(() => {
    const w = innerWidth;
    if (document.documentElement.scrollWidth <= w) return [];
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && el.checkVisibility())
      .slice(0, 6)
      .map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " right=" + Math.round(el.getBoundingClientRect().right));
  })()`)) as string[];
  console.log(file, wide.length ? `OVERFLOW ${wide.join(" | ")}` : "");
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv[2];
  const dist = mkdtempSync(path.join(os.tmpdir(), "attractor-screens-"));
  const build = spawnSync(
    "npx",
    ["vite", "build", "--config", "client/vite.config.ts", "--outDir", dist, "--emptyOutDir"],
    { cwd: ROOT, stdio: "ignore" },
  );
  if (build.status !== 0) throw new Error("client build failed");
  const server = await startServer({ TIME_SCALE: "0.05", BOT_DELAY_MS: "20", CLIENT_DIST: dist });
  const browser = await launch();
  try {
    for (const size of SIZES.filter((s) => !only || s.name === only)) {
      // Title and how to play.
      const host = await page(browser, size);
      await host.goto(`${server.url}/?tour=0`);
      await waitScreen(host, "title");
      await snap(host, size.name, "title");
      await host.click("[data-testid=how-to-play]");
      await snap(host, size.name, "howto");
      await host.keyboard.press("Escape");

      // Lobby with a spectator and a guest; then the game for the host (government).
      await host.fill("[data-testid=name]", "Host");
      await host.click("[data-testid=create-private]");
      await waitScreen(host, "lobby");
      const code = (await host.textContent("[data-testid=join-code]"))!.trim();
      await host.click("[data-testid=take-G1]");
      const guest = await page(browser, size);
      await guest.goto(`${server.url}/?tour=0&code=${code}`);
      await waitScreen(guest, "title");
      await guest.fill("[data-testid=name]", "Guest");
      await guest.click("[data-testid=join]");
      await waitScreen(guest, "lobby");
      await guest.click("[data-testid=take-L1]");
      const spectator = await page(browser, size);
      await spectator.goto(`${server.url}/?tour=0&code=${code}`);
      await waitScreen(spectator, "title");
      await spectator.fill("[data-testid=name]", "Projector");
      await spectator.check("[data-testid=spectator]");
      await spectator.click("[data-testid=join]");
      await waitScreen(spectator, "lobby");
      await waitFor(host, "window.__attractor.state().table.players.length === 3");
      await snap(host, size.name, "lobby-host", true);
      await snap(spectator, size.name, "lobby-spectator");
      await host.click("[data-testid=start]");
      await waitScreen(host, "game");
      await waitScreen(spectator, "game");
      await host.evaluate("window.__attractor.controller.send('pause', {})");
      await waitFor(host, "window.__attractor.state().table.paused === true");
      await snap(host, size.name, "game-government");
      await snap(guest, size.name, "game-lab");
      await snap(spectator, size.name, "game-spectator");
      if (size.mobile) {
        await host.click("[data-testid=mtab-you]");
        await snap(host, size.name, "game-government-you");
        await host.click("[data-testid=mtab-laws]");
        await snap(host, size.name, "game-government-laws");
        await guest.click("[data-testid=mtab-you]");
        await snap(guest, size.name, "game-lab-you");
      } else {
        await host.click("[data-testid=tab-laws]");
      }
      await host.evaluate("window.__attractor.controller.send('resume', {})");

      // The company (a solo game) and the guided tour.
      const solo = await page(browser, size);
      await solo.goto(`${server.url}/?tour=1`);
      await waitScreen(solo, "title");
      await solo.fill("[data-testid=name]", "Solo");
      await solo.click("[data-testid=solo-role-company]");
      await solo.click("[data-testid=play-solo]");
      await waitScreen(solo, "game");
      await solo.evaluate("window.__attractor.controller.send('pause', {})");
      await solo.waitForSelector("[data-testid=tour]");
      await snap(solo, size.name, "tour");
      await solo.click("[data-testid=tour-skip]");
      if (size.mobile) await solo.click("[data-testid=mtab-you]");
      await snap(solo, size.name, "game-company");

      // Legislature in the Legislate phase, then play on to the debrief.
      await waitFor(
        host,
        "window.__attractor.state().table.phase === 'legislate' || window.__attractor.state().table.round > 1",
        60_000,
      );
      await host.evaluate("window.__attractor.controller.send('pause', {})");
      if (size.mobile) await host.click("[data-testid=mtab-laws]");
      await snap(host, size.name, "legislature");
      await host.evaluate("window.__attractor.controller.send('resume', {})");
      for (let i = 0; i < 400; i++) {
        const s = await hook(host);
        if (s.screen === "debrief") break;
        if (s.table?.stage === "playing")
          await host.evaluate("window.__attractor.controller.send('skip', {})");
        await host.waitForTimeout(150);
      }
      await waitScreen(host, "debrief", 60_000);
      await snap(host, size.name, "debrief");
      await snap(host, size.name, "debrief-full", true);
      await waitFor(
        spectator,
        "window.__attractor.screen === 'debrief' || window.__attractor.state().debrief !== null",
      );
      await snap(spectator, size.name, "spectator-end");
      for (const p of [host, guest, spectator, solo]) await p.context().close();
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
