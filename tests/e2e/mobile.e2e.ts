/**
 * A 390×844 phone held upright: every move of every role can be made through the phone
 * layout (one solo game per role), and the government's game is played to the debrief.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { doMove, hook, inPhase, openPage, readyUntil, shot, waitFor, waitScreen } from "./harness";

// Long phases, ended by the test's Ready, and bots that act only when a phase ends: the phone's
// moves come first however busy the machine (a bot licensing the same lab first would make a
// licence move pointless), and no clock can end a phase under the test.
const env = useServerAndBrowser({ ...LONG_PHASES, BOT_DELAY_MS: "3600000" });

async function soloAs(role: "government" | "lab" | "company", errors: string[]): Promise<Page> {
  const ctx = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await openPage(ctx, errors);
  await page.goto(`${env.server.url}/?tour=0`);
  await waitScreen(page, "title");
  await page.fill("[data-testid=name]", `Phone ${role}`);
  await page.click(`[data-testid=solo-role-${role}]`);
  await page.click("[data-testid=play-solo]");
  await waitScreen(page, "game");
  expect((await hook(page)).view?.seat?.self.role).toBe(role);
  return page;
}

/** Waits (pressing Ready) for the next round's Act phase. */
async function nextAct(page: Page): Promise<void> {
  const round = (await hook(page)).view?.public.round ?? 0;
  await readyUntil(
    page,
    `${inPhase("act")} && window.__attractor.state().view.public.round > ${round}`,
  );
}

describe("phone layout", () => {
  it("makes every government move and plays the game to the debrief", async () => {
    const errors: string[] = [];
    const page = await soloAs("government", errors);
    await readyUntil(page, inPhase("act"));
    await shot(page, "10-phone-world");
    await page.click("[data-testid=mtab-you]");
    await shot(page, "11-phone-you");
    // Round 1: a national law and the tax rate; vote for the law.
    await doMove(page, "propose", { regulation: "antitrust", strength: "2", accord: false });
    await doMove(page, "setTax", { rate: "0.3" });
    await readyUntil(page, inPhase("legislate"));
    await page.click("[data-testid=mtab-laws]");
    const uid = (await hook(page)).view?.public.proposals.find(
      (p) => p.proposer === "G1" && p.status === "open",
    )?.uid;
    expect(uid).toBeDefined();
    await page.click(`[data-testid=vote-yes-${uid}]`);
    await waitFor(
      page,
      `window.__attractor.state().view.public.proposals.some(p => p.uid === ${uid} && p.votes.G1 === true)`,
    );
    await shot(page, "12-phone-laws");
    // Round 2: emergency powers and a repeal of a law in force (ours, if it passed).
    await nextAct(page);
    await doMove(page, "emergencyPowers");
    const s = await hook(page);
    const inForce = s.view?.public.regulations.find(
      (r) => r.endsRound === null && (r.scope === 0 || r.scope === "accord"),
    );
    if (inForce) await doMove(page, "repeal", { regulation: String(inForce.uid) });
    await page.click("[data-testid=mtab-news]");
    await shot(page, "13-phone-news");
    await readyUntil(page, "window.__attractor.screen === 'debrief'", 240_000);
    await waitScreen(page, "debrief");
    await shot(page, "14-phone-debrief");
    expect(await page.evaluate("document.documentElement.scrollWidth <= innerWidth")).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("makes every AI lab move", async () => {
    const errors: string[] = [];
    const page = await soloAs("lab", errors);
    await readyUntil(page, inPhase("act"));
    await doMove(page, "license", { counterpart: "C1" });
    await doMove(page, "release", { policy: "staged" });
    await nextAct(page);
    await doMove(page, "deployAgents");
    await doMove(page, "lobby", { target: "G1", stance: "for" });
    await nextAct(page);
    await doMove(page, "pledge");
    await doMove(page, "relocate", { bloc: "1" });
    await shot(page, "15-phone-lab");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("makes every company move", async () => {
    const errors: string[] = [];
    const page = await soloAs("company", errors);
    await readyUntil(page, inPhase("act"));
    await doMove(page, "license", { counterpart: "L2" });
    await doMove(page, "acquire");
    await nextAct(page);
    await doMove(page, "lobby", { target: "G1", stance: "against" });
    // Evading and complying need a rule with a penalty on our levers in our bloc.
    const evadable = `(() => { const s = window.__attractor.state(); const bloc = s.view.seat.self.bloc;
        return s.table?.phase === 'act' && s.view.public.phase === 'act' && s.view.seat.movesLeft > 0 &&
          s.view.public.regulations.some(r => r.endsRound === null && (r.scope === 'accord' || r.scope === bloc) &&
          ['antitrust','externality_pricing','platform_accountability','human_in_loop','liability'].includes(r.reg)); })()`;
    await readyUntil(page, evadable, 200_000);
    await waitFor(
      page,
      "!!document.querySelector('[data-testid=move-evade-regulation] option[value]:not([value=\"\"])')",
    );
    const uid = await page
      .locator("[data-testid=move-evade-regulation] option")
      .first()
      .getAttribute("value");
    await doMove(page, "evade", { regulation: uid! });
    // Evasion starts at the Resolve; comply again next round, and relocate.
    await nextAct(page);
    await waitFor(page, `window.__attractor.state().view.seat.self.evading.includes(${uid})`);
    await doMove(page, "comply", { regulation: uid! });
    await doMove(page, "relocate", { bloc: "1" });
    await shot(page, "16-phone-company");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
