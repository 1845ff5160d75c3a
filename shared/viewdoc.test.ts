/**
 * The view document round-trips: over games the bots play (every state, one accepted action at
 * a time and each phase change), every seat's document, sent as JSON, expands to exactly the
 * seat's view and the public view; and the document leaves out what the rules' gate decides.
 */
import { describe, expect, it } from "vitest";
import { botGameStates } from "../tests/fixtures/game";
import { createGame, defaultSeats } from "./create";
import { advance } from "./game";
import { FAST_TAKEOFF, STANDARD } from "./presets";
import { expandView, viewDoc } from "./viewdoc";
import { publicView, viewFor } from "./views";

const states = botGameStates;

/** JSON with every object's keys sorted: equal for equal values, and fast to compare. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

describe("the view document", () => {
  it("expands to exactly the views it was made from, for every seat and a spectator", () => {
    let checked = 0;
    const phases = new Set<string>();
    for (const [scenario, seed] of [
      [STANDARD, 7],
      [FAST_TAKEOFF, 3],
    ] as const) {
      for (const state of states({ ...scenario, rounds: 8 }, seed)) {
        const pub = publicView(state);
        phases.add(state.phase);
        for (const seat of state.seats) {
          const view = viewFor(state, seat.id);
          const got = expandView(JSON.parse(JSON.stringify(viewDoc(view, pub))));
          // The public part is compared once per state, below; here it must be the document's.
          const { public: gotPublic, ...gotOwn } = got.seat!;
          const { public: _pub, ...own } = view;
          expect(canonical(gotOwn)).toBe(canonical(own));
          expect(gotPublic).toBe(got.public);
          checked++;
        }
        const spectator = expandView(JSON.parse(JSON.stringify(viewDoc(null, pub))));
        expect(spectator.seat).toBeNull();
        expect(canonical(spectator.public)).toBe(canonical(pub));
      }
    }
    expect(phases).toEqual(new Set(["news", "act", "legislate", "resolve", "ended"]));
    expect(checked).toBeGreaterThan(500);
  });

  it("sends only the seat's own role's offers, and no sentence the gate decides", () => {
    let state = createGame(STANDARD, 1, defaultSeats(STANDARD));
    state = advance(state); // Act
    const view = viewFor(state, "G1");
    const doc = viewDoc(view, publicView(state));
    expect(doc.seat).not.toHaveProperty("public");
    expect(Object.keys(doc.seat!.actions)).not.toContain("release");
    expect(view.actions.release.code).toBe("wrong_role");
    // Voting waits for Legislate: the offer says so, the document does not.
    expect(view.actions.vote.code).toBe("wrong_phase");
    expect(doc.seat!.actions.vote).toMatchObject({ code: null, reason: null });
    // From Legislate to Resolve to News, a government's offers change in the view, and the
    // document only where the rules' own availability does (the phase reasons are the gate's).
    const resolve = advance(advance(state));
    const news = advance(resolve);
    const a = viewDoc(viewFor(resolve, "G1"), publicView(resolve)).seat!.actions;
    const b = viewDoc(viewFor(news, "G1"), publicView(news)).seat!.actions;
    expect(viewFor(resolve, "G1").actions.setTax.reason).not.toBe(
      viewFor(news, "G1").actions.setTax.reason,
    );
    expect(b.setTax).toEqual(a.setTax);
  });
});
