/**
 * Issue 10, problem 6: feedback after a move. A move made this round keeps its choice in its
 * form and says what was done; "This round you did" lists the seat's moves (queued ones from
 * `SeatView.queued`, proposals and votes from the public view); a tax change is pending until
 * Resolve. On real views of the rules, no DOM.
 */
import { describe, expect, it } from "vitest";
import { type Action, applyAction } from "../../../shared/actions";
import { createGame } from "../../../shared/create";
import { advance } from "../../../shared/game";
import { STANDARD } from "../../../shared/presets";
import type { GameState } from "../../../shared/state";
import { viewFor } from "../../../shared/views";
import { doneThisRound, movesOf, pendingTax, statsOf } from "./dashboard";

function actAt(): GameState {
  let s = createGame(STANDARD, 11);
  while (s.phase !== "act") s = advance(s);
  return s;
}

function act(state: GameState, seat: string, action: Action): GameState {
  const r = applyAction(state, seat, action);
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

describe("problem 6: feedback after a move", () => {
  it("a release made this round keeps its choice and says Done", () => {
    const s = act(actAt(), "L1", { type: "release", policy: "open" });
    const release = movesOf(viewFor(s, "L1")).find((m) => m.id === "release")!;
    const policy = release.fields.find((f) => f.name === "policy")!;
    expect(policy.kind === "select" && policy.value).toBe("open");
    expect(release.done).toBe("Open weights");
    expect(doneThisRound(viewFor(s, "L1")).map((d) => d.text)).toEqual([
      "Release a model: Open weights",
    ]);
    // Nobody else's view lists it.
    expect(doneThisRound(viewFor(s, "L2"))).toEqual([]);
    expect(viewFor(s, "L2").queued).toEqual([]);
  });

  it("lists a proposal and a tax change, the tax change as pending, in the order made", () => {
    let s = actAt();
    const before = viewFor(s, "G1");
    const rate = before.self.role === "government" ? before.self.taxRate : 0;
    s = act(s, "G1", { type: "setTax", rate: 0.35 });
    s = act(s, "G1", {
      type: "propose",
      regulation: before.public.regulationsAvailable[0]!,
      strength: 2,
      accord: false,
    });
    const view = viewFor(s, "G1");
    const done = doneThisRound(view);
    expect(done).toHaveLength(2);
    expect(done[0]!.text).toBe(
      `Set the tax rate: ${Math.round(rate * 100)}% → 35%, pending: it applies when this round resolves`,
    );
    expect(done[0]!.pending).toBe(true);
    expect(done[1]!.text).toMatch(/^Propose a regulation: .+, strength 2 \(firm\)$/);
    expect(pendingTax(view)).toMatchObject({ from: rate, to: 0.35 });
    expect(statsOf(view).find((x) => x.id === "tax-rate")!.value).toBe(
      `${Math.round(rate * 100)}% → 35% (pending)`,
    );
    const tax = movesOf(view).find((m) => m.id === "setTax")!;
    expect(tax.fields[0]!.kind === "range" && tax.fields[0]!.value).toBe(0.35);
    // After Resolve the new rate is the rate, and nothing is pending in the next round.
    while (s.phase !== "news") s = advance(s);
    const next = viewFor(s, "G1");
    expect(pendingTax(next)).toBeNull();
    expect(next.self.role === "government" && next.self.taxRate).toBe(0.35);
    expect(doneThisRound(next)).toEqual([]);
  });
});
