/**
 * `npm run bench:client`: builds the client, starts the real server, and measures in headless
 * Chromium (software rendering): the gzipped bytes the title screen downloads, the time until
 * the title screen answers a click, and the frame times on the game screen during a Resolve
 * animation. Prints each figure with its target, and the times again in units of the
 * calibration measured in the same run, before the build and after the browser's measures
 * (scripts/calibration.ts), so that figures from different machines can be compared. (Frame
 * times are held at the display's frame interval, about 16.7 ms, unless a frame is late.)
 */
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { hook, launch, startServer, waitScreen } from "../tests/e2e/harness";
import { calibration, calibrationLines, inCal, measureCalibration } from "./calibration";

const calibrationStart = measureCalibration();
const build = spawnSync("npm", ["run", "build"], { stdio: "ignore" });
if (build.status !== 0) throw new Error("client build failed");

const server = await startServer({ TIME_SCALE: "0.15", BOT_DELAY_MS: "50" });
const browser = await launch();
try {
  // 1. What the title screen downloads (gzipped as a server would send it).
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  let bytes = 0;
  const files: string[] = [];
  page.on("response", async (r) => {
    try {
      const body = await r.body();
      bytes += gzipSync(body).length;
      files.push(new URL(r.url()).pathname);
    } catch {
      // redirects and aborted responses have no body
    }
  });
  const t0 = Date.now();
  await page.goto(`${server.url}/?tour=0`);
  // 2. Time until the title answers a click: the "How to play" dialog opens.
  await page.click("[data-testid=how-to-play]");
  await page.waitForSelector("[role=dialog]");
  const clickMs = Date.now() - t0;
  await page.waitForLoadState("networkidle");
  const titleBytes = bytes;
  await page.keyboard.press("Escape");

  // 3. Frame times during a Resolve animation.
  await page.fill("[data-testid=name]", "Bench");
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game");
  const frames: number[] = [];
  for (let attempt = 0; attempt < 6 && frames.length < 30; attempt++) {
    // Ready until the Resolve phase, then record frames while the world's marker moves.
    for (;;) {
      const s = await hook(page);
      if (s.table?.phase === "resolve") break;
      const me = s.table?.players.find((p) => p.id === s.playerId);
      if (me && !me.ready) await page.keyboard.press("r");
      await page.waitForTimeout(100);
    }
    const got = (await page.evaluate(`new Promise((resolve) => {
      const out = []; let last = performance.now(); const end = last + 2500;
      const step = (t) => { out.push(t - last); last = t;
        if (t < end && (out.length < 5 || window.__attractor.animating?.())) requestAnimationFrame(step); else resolve(out.slice(1)); };
      requestAnimationFrame(step);
    })`)) as number[];
    frames.push(...got);
    await page.waitForTimeout(500);
  }
  frames.sort((a, b) => a - b);
  const q = (p: number) =>
    frames[Math.min(frames.length - 1, Math.floor(p * frames.length))] ?? Number.NaN;
  const median = q(0.5);
  const p95 = q(0.95);
  // The end of the calibration, once the page is closed.
  await ctx.close();
  const cal = calibration(calibrationStart, measureCalibration());

  const rows: [string, string, string, string, boolean][] = [
    [
      "title screen download (gzip)",
      `${(titleBytes / 1024).toFixed(0)} KB in ${files.length} files`,
      "",
      "≤ 600 KB",
      titleBytes <= 600 * 1024,
    ],
    ["title answers a click", `${clickMs} ms`, inCal(clickMs, cal), "≤ 2000 ms", clickMs <= 2000],
    [
      "frame time during Resolve, median",
      `${median.toFixed(1)} ms (${frames.length} frames)`,
      inCal(median, cal),
      "< 20 ms",
      median < 20,
    ],
    ["frame time during Resolve, p95", `${p95.toFixed(1)} ms`, inCal(p95, cal), "(reported)", true],
  ];
  for (const line of calibrationLines(cal)) console.log(line);
  console.log("\n| measure | value | in cal | target | met |\n| --- | --- | --- | --- | --- |");
  for (const [m, v, c, t, ok] of rows)
    console.log(`| ${m} | ${v} | ${c} | ${t} | ${ok ? "yes" : "NO"} |`);
} finally {
  await browser.close();
  await server.stop();
}
