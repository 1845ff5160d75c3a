import { describe, expect, it } from "vitest";
import { LONG_PHASES, useServerAndBrowser } from "./env";
import { hook, openPage, shot, waitFor, waitScreen } from "./harness";

// Long phases: the whole test happens inside the first phase, so no phase change redraws the
// screens (closing the host's list of people, say) while the test clicks through them.
const env = useServerAndBrowser(LONG_PHASES);

describe("private game", () => {
  it("lets a second browser join by code, chat, reload back into its seat, and be muted and removed by the host", async () => {
    const errors: string[] = [];
    const hostCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guestCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const host = await openPage(hostCtx, errors);
    const guest = await openPage(guestCtx, errors);

    await host.goto(`${env.server.url}/?tour=0`);
    await waitScreen(host, "title");
    await host.fill("[data-testid=name]", "Host");
    await host.click("[data-testid=create-private]");
    await waitScreen(host, "lobby");
    await waitFor(host, "document.querySelector('.qr svg') !== null");
    const code = (await host.textContent("[data-testid=join-code]"))!.trim();
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{5}$/);
    expect(await host.inputValue("#join-link")).toContain(code);

    // The guest types the code on the title screen.
    await guest.goto(`${env.server.url}/?tour=0`);
    await waitScreen(guest, "title");
    await guest.fill("[data-testid=name]", "Guest");
    await guest.click("[data-testid=code]");
    await guest.keyboard.type(code.toLowerCase());
    await guest.keyboard.press("Enter");
    await waitScreen(guest, "lobby");
    expect((await hook(guest)).code).toBe(code);

    // The guest takes the first lab seat; the host sees it.
    await guest.click("[data-testid=take-L1]");
    await waitFor(
      host,
      "window.__attractor.state().table.seats.find(s => s.id === 'L1').player !== null",
    );
    await shot(host, "08-lobby");
    const hostState = await hook(host);
    expect(hostState.table?.players).toHaveLength(2);
    const hostSeat = hostState.table?.players.find((p) => p.id === hostState.playerId)?.seat;

    await host.click("[data-testid=start]");
    await waitScreen(host, "game");
    await waitScreen(guest, "game");
    const g = await hook(guest);
    expect(g.view?.seat?.seat).toBe("L1");
    expect(g.view?.seat?.self.role).toBe("lab");
    expect((await hook(host)).view?.seat?.seat).toBe(hostSeat ?? undefined);

    // Chat from the guest reaches the host.
    await guest.click("[data-testid=tab-chat]");
    await guest.fill("[data-testid=chat-input]", "Shall we sign an accord?");
    await guest.click("[data-testid=chat-send]");
    await waitFor(
      host,
      "window.__attractor.state().chat.some(m => m.text === 'Shall we sign an accord?')",
    );
    await shot(guest, "09-game-lab");

    // Reload mid-game: the guest comes back to the same seat with the same view.
    const roundBefore = (await hook(guest)).view?.public.round ?? 0;
    await guest.reload();
    await waitScreen(guest, "game", 30_000);
    await waitFor(guest, "window.__attractor.state().view?.seat?.seat === 'L1'");
    const after = await hook(guest);
    expect(after.seat?.seat).toBe("L1");
    expect(after.view?.public.round).toBeGreaterThanOrEqual(roundBefore);
    await waitFor(
      host,
      "window.__attractor.state().table.seats.find(s => s.id === 'L1').player !== null",
    );

    // The host mutes the guest: the guest is told in words and cannot write; then removed.
    const guestId = (await hook(guest)).playerId!;
    await host.click("[data-testid=tab-chat]");
    await host.click(".people-box summary");
    await host.click(`[data-testid=mute-${guestId}]`);
    await waitFor(
      host,
      `window.__attractor.state().table.players.some(p => p.id === '${guestId}' && p.muted)`,
    );
    await guest.click("[data-testid=tab-chat]");
    await guest.locator("[data-testid=chat-muted-me]").waitFor();
    expect(await guest.textContent("[data-testid=chat-muted-me]")).toMatch(/muted you/);
    await waitFor(guest, "document.querySelector('[data-testid=chat-input]')?.disabled === true");
    host.once("dialog", (d) => void d.accept());
    await host.click(`[data-testid=kick-${guestId}]`);
    await waitFor(
      host,
      `!window.__attractor.state().table.players.some(p => p.id === '${guestId}') && window.__attractor.state().table.seats.find(s => s.id === 'L1').player === null`,
    );

    expect(errors).toEqual([]);
    await hostCtx.close();
    await guestCtx.close();
  });
});
