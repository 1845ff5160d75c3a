/**
 * `WS_DEFLATE=1` (config `wsDeflate`): the server compresses what it sends (permessage-deflate,
 * `server/app.ts`). A client that offers it gets it; a whole game plays over it with view
 * patches, and the client's patched view ends equal to the server's own. It is off by default
 * (every other test runs without it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../server/config";
import type { SeatId } from "../../shared/state";
import type { TableRunner } from "../../shared/table/runner";
import { viewDoc } from "../../shared/viewdoc";
import { publicView, viewFor } from "../../shared/views";
import { asSent } from "../../shared/wire";
import { bootServer, createTable, roomOf, type TestPlayer, type TestServer } from "./helpers";

// One server a test process (Colyseus's matchmaker is one per process).
let compressed: TestServer;
beforeAll(async () => {
  compressed = await bootServer({ wsDeflate: true });
});
afterAll(async () => {
  await compressed.close();
});

/** The extensions the connection's WebSocket negotiated with the server. */
const extensions = (p: TestPlayer) =>
  (p.room.connection.transport as unknown as { ws: { extensions: string } }).ws.extensions;

/** Plays a quick table of bots and one person, who only watches it run (the tests' fast clock). */
async function playQuick(server: TestServer): Promise<{ host: TestPlayer; game: TableRunner }> {
  const host = await createTable(server, {
    name: "Ada",
    mode: "private",
    role: "company",
    rounds: 8,
    speed: "quick",
    patches: true,
  });
  host.send("start", {});
  await host.until(() => host.table?.stage === "playing", "the start");
  // The table's game, held on to: its room may close once the game has ended.
  const game = roomOf(server, host.table!.code).game!;
  await host.until(() => host.debrief, "the debrief", 60_000);
  return { host, game };
}

describe("compression of what the server sends", () => {
  it("with WS_DEFLATE=1 a game plays to its end compressed, and the patched view is the server's", async () => {
    const { host, game } = await playQuick(compressed);
    expect(extensions(host)).toMatch(/^permessage-deflate/);
    expect(host.errors).toEqual([]);
    expect(game.state.phase).toBe("ended");
    const seat = host.seat!.seat as SeatId;
    // The server's own document, its numbers as a client reads them after the 32-bit floats
    // they are sent as (server/feed.ts, shared/wire.ts).
    const doc = viewDoc(viewFor(game.state, seat), publicView(game.state));
    expect(host.view).toEqual(asSent(JSON.parse(JSON.stringify(doc))));
    await host.leave();
  });

  it("is off unless WS_DEFLATE=1", () => {
    expect(configFromEnv({}).wsDeflate).toBe(false);
    expect(configFromEnv({ WS_DEFLATE: "0" }).wsDeflate).toBe(false);
    expect(configFromEnv({ WS_DEFLATE: "1" }).wsDeflate).toBe(true);
  });
});
