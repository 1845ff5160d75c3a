/**
 * The store keeps the game's events from the views alone (a client with patches gets no
 * `events` message): the news of earlier rounds stays once the view's news has moved on, each
 * event once, however many times views and `events` messages repeat it.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PERSONALITY } from "../../../shared/bots";
import { personalityPolicies, playBots } from "../../../shared/bots/policy";
import { createGame } from "../../../shared/create";
import { advance } from "../../../shared/game";
import { STANDARD } from "../../../shared/presets";
import type { GameEvent, GameState } from "../../../shared/state";
import { publicView, viewFor } from "../../../shared/views";
import { applyMessage, initialState, withEvents } from "./store";

const policies = personalityPolicies(
  Object.fromEntries(createGame(STANDARD, 3).seats.map((s) => [s.id, DEFAULT_PERSONALITY[s.role]])),
);

describe("the store's events", () => {
  it("keeps every round's news from the views, each event once", () => {
    let state: GameState = createGame(STANDARD, 3);
    let s = initialState();
    const published: GameEvent[] = [];
    const key = (e: GameEvent) => `${e.round}|${e.kind}|${e.text}`;
    while (state.round <= 4 && state.phase !== "ended") {
      state = advance(playBots(state, policies, null));
      const view = viewFor(state, "G1");
      for (const e of [...view.public.news, ...view.privateNews])
        if (!published.some((p) => key(p) === key(e))) published.push(e);
      // The same view twice, as an action's answer may repeat it.
      s = applyMessage(s, "view", { seat: view, public: publicView(state) }, 0);
      s = applyMessage(s, "view", { seat: view, public: publicView(state) }, 0);
    }
    expect(new Set(published.map((e) => e.round)).size).toBeGreaterThan(2);
    expect(s.events.map(key)).toEqual(published.map(key));
    // An `events` message with what the views already brought adds nothing.
    expect(applyMessage(s, "events", published.slice(-3), 0).events).toBe(s.events);
  });

  it("adds only what it does not hold, and keeps the last 200", () => {
    const ev = (round: number, text: string): GameEvent => ({
      round,
      kind: "shock",
      public: true,
      text,
    });
    const a = [ev(1, "a"), ev(1, "b")];
    expect(withEvents(a, [ev(1, "a")])).toBe(a);
    expect(withEvents(a, [ev(2, "a"), ev(2, "a")]).map((e) => `${e.round}${e.text}`)).toEqual([
      "1a",
      "1b",
      "2a",
    ]);
    const many = Array.from({ length: 250 }, (_, i) => ev(i, "x"));
    const kept = withEvents([], many);
    expect(kept).toHaveLength(200);
    expect(kept[0]!.round).toBe(50);
  });
});
