/**
 * The browser client with patches: the server's `view`, `table` and `patch`
 * messages, turned back into whole ones by the client's mirror (client/src/net/patches.ts) and
 * applied by the store, leave the store as the whole views a client without patches receives
 * (exactly, but for numbers within their seventh digit: the wire's 32-bit floats), over real
 * games played by the rules' bots, each message packed as the server packs it; the views the store held before are
 * never changed; a patch without its base is refused; the clock counts down across patches.
 */
import { FLOAT32_OPTIONS, Packr } from "@colyseus/msgpackr";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PatchMirror, patched } from "../../client/src/net/patches";
import { ClientFeed, type FeedMessage } from "../../server/feed";
import { createGame, defaultSeats } from "../../shared/create";
import { STANDARD } from "../../shared/presets";
import type { ServerMessages, TableInfo } from "../../shared/protocol";
import type { GameState, SeatId } from "../../shared/state";
import { publicView, viewFor } from "../../shared/views";
import { packOps } from "../../shared/wire";
import { botGameStates } from "../fixtures/game";

/** What this test reads of the client's store (client/src/app/store.ts, a DOM file). */
interface AppState {
  view: ServerMessages["view"] | null;
  table: TableInfo | null;
  riskTrail: { round: number; risks: number[] }[];
}
interface StoreModule {
  initialState(): AppState;
  applyMessage<T extends "view" | "table">(
    s: AppState,
    type: T,
    payload: ServerMessages[T],
    now: number,
  ): AppState;
}
let applyMessage: StoreModule["applyMessage"];
let initialState: StoreModule["initialState"];
beforeAll(async () => {
  // Loaded at run time: the store is compiled with the client's DOM types, not with the tests'.
  const file = "../../client/src/app/store";
  const store = (await import(/* @vite-ignore */ file)) as StoreModule;
  applyMessage = store.applyMessage;
  initialState = store.initialState;
});

const states = (seed: number) => botGameStates(STANDARD, seed);

/** A table as the server would describe the game in `state` (its people's ready flags vary). */
function tableOf(state: GameState, step: number): TableInfo {
  return {
    code: "K3P7Q",
    stage: state.phase === "ended" ? "ended" : "playing",
    scenario: state.scenario.id,
    rounds: state.scenario.rounds,
    speed: "standard",
    seats: state.seats.map((s) => ({
      id: s.id,
      role: s.role,
      name: s.name,
      player: null,
      bot: "x",
    })),
    players: [
      {
        id: "p1",
        name: "Ada",
        seat: "G1",
        host: true,
        connected: true,
        ready: step % 3 === 0,
        spectator: false,
        muted: false,
      },
    ],
    round: state.round,
    phase: state.phase,
    remainingMs: 60_000,
    paused: false,
    link: "/?join=K3P7Q",
    gameId: "g1",
  };
}

/** As server/feed.ts packs a message to a connection with patches. */
const packr32 = new Packr({ useRecords: false, useFloat32: FLOAT32_OPTIONS.ALWAYS });

/**
 * Where `actual` differs from `expected` (a path), or null: the same keys, strings and whole
 * numbers, and other numbers within a millionth (the wire's seven significant digits).
 */
function differs(actual: unknown, expected: unknown, path = "$"): string | null {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Number.isInteger(expected)) return actual === expected ? null : path;
    return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)) ? null : path;
  }
  if (expected && typeof expected === "object" && actual && typeof actual === "object") {
    if (Array.isArray(expected) !== Array.isArray(actual)) return path;
    const keys = Object.keys(expected);
    if (keys.length !== Object.keys(actual).length) return `${path} (keys)`;
    for (const k of keys) {
      const d = differs(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (d) return d;
    }
    return null;
  }
  return actual === expected ? null : path;
}

/** What a client makes of one server message: the mirror first when it patches. */
function receive(s: AppState, m: FeedMessage, mirror: PatchMirror | null): AppState {
  // Over the wire as it goes to such a connection (a whole message always goes as it is).
  if (mirror) m = { ...m, body: packr32.unpack(packr32.pack(m.body)) } as FeedMessage;
  switch (m.type) {
    case "view": {
      const body = m.body as ServerMessages["view"];
      return applyMessage(s, "view", mirror ? mirror.view(body) : body, 0);
    }
    case "table":
      return applyMessage(s, "table", mirror ? mirror.tableInfo(m.body) : m.body, 0);
    case "patch": {
      // The table's changes first, then the view's, as the client applies them.
      let next = s;
      if (m.body.t) {
        const table = mirror!.tablePatch(m.body.t);
        expect(table).not.toBeNull();
        next = applyMessage(next, "table", table!, 0);
      }
      if (m.body.v) {
        const view = mirror!.viewPatch(m.body.v);
        expect(view).not.toBeNull();
        next = applyMessage(next, "view", view!, 0);
      }
      return next;
    }
  }
}

describe("the client's patch mirror", () => {
  it("(the comparison) lets numbers differ only in their seventh digit", () => {
    expect(
      differs({ p: 1.666667, q: [2, "x"] }, { p: 1.6666666666666665, q: [2, "x"] }),
    ).toBeNull();
    expect(differs({ p: 1.6667 }, { p: 1.6666666666666665 })).toBe("$.p");
    expect(differs({ q: [3] }, { q: [2] })).toBe("$.q.0");
    expect(differs({ q: [2], r: 1 }, { q: [2] })).toBe("$ (keys)");
  });

  it("leaves the store as whole views would, over real games, for a seat or a spectator", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom<SeatId | null>("G1", "L2", "C1", null),
        fc.array(fc.nat(6), { minLength: 20, maxLength: 60 }),
        fc.nat(40),
        (seed, seat, gaps, reconnectAt) => {
          // The mirror's clock is stopped: the time left is the same either way.
          const mirror = new PatchMirror(() => 0);
          let patchedFeed = new ClientFeed(true);
          const wholeFeed = new ClientFeed(false);
          let a = initialState();
          let b = initialState();
          const held: { view: AppState["view"]; json: string }[] = [];
          const game = states(seed);
          let sends = 0;
          for (const gap of gaps) {
            let next = game.next();
            for (let i = 0; i < gap && !next.done; i++) next = game.next();
            if (next.done) break;
            const state = next.value;
            if (sends === reconnectAt) {
              // A reconnection: a new feed on the server, a new base in the client.
              patchedFeed = new ClientFeed(true);
              mirror.reset();
            }
            const table = tableOf(state, sends);
            const view = seat === null ? null : viewFor(state, seat);
            const pub = publicView(state);
            for (const m of [wholeFeed.table(table, 0), wholeFeed.view(view, pub, true)])
              if (m) a = receive(a, m, null);
            for (const m of [patchedFeed.table(table, 0), patchedFeed.view(view, pub, true)])
              if (m) b = receive(b, m, mirror);
            sends++;
            expect(differs(b.view, a.view), "the view").toBeNull();
            expect(b.table).toEqual(a.table);
            expect(differs(b.riskTrail, a.riskTrail), "the risk trail").toBeNull();
            held.push({ view: b.view, json: JSON.stringify(b.view) });
          }
          expect(sends).toBeGreaterThan(5);
          expect(b.view?.seat?.seat ?? null).toBe(seat);
          // No view the store held was changed by a later patch.
          for (const h of held) expect(JSON.stringify(h.view)).toBe(h.json);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("refuses a patch it has no base for, or whose path its base does not have", () => {
    const mirror = new PatchMirror(() => 0);
    expect(mirror.viewPatch(packOps([{ p: ["public", "round"], v: 2 }]))).toBeNull();
    expect(mirror.tablePatch(packOps([{ p: ["round"], v: 2 }]))).toBeNull();
    const state = createGame(STANDARD, 1, defaultSeats(STANDARD));
    mirror.view({ seat: viewFor(state, "G1"), public: publicView(state) });
    expect(mirror.viewPatch(packOps([{ p: ["public", "nothing", "round"], v: 2 }]))).toBeNull();
    expect(mirror.viewPatch(packOps([{ p: ["public", "round"], v: 2 }]))?.seat?.public.round).toBe(
      2,
    );
    expect(patched({ a: 1 }, [{ p: ["a", "b"], v: 1 }])).toBeNull();
  });

  it("counts the time left down across table patches that do not move the clock", () => {
    let now = 1000;
    const mirror = new PatchMirror(() => now);
    const state = createGame(STANDARD, 1, defaultSeats(STANDARD));
    mirror.tableInfo(tableOf(state, 0));
    now = 5000;
    expect(mirror.tablePatch(packOps([{ p: ["players", 0, "ready"], v: true }]))?.remainingMs).toBe(
      56_000,
    );
    expect(mirror.tablePatch(packOps([{ p: ["remainingMs"], v: 30_000 }]))?.remainingMs).toBe(
      30_000,
    );
    now = 6000;
    expect(
      mirror.tablePatch(packOps([{ p: ["players", 0, "ready"], v: false }]))?.remainingMs,
    ).toBe(29_000);
    expect(mirror.tablePatch(packOps([{ p: ["paused"], v: true }]))?.remainingMs).toBe(30_000);
  });
});
