/**
 * The message gate under fuzzing: 10,000 invalid messages of every registered type and of
 * unknown types, each answered with the right error, nothing changed, the server alive.
 * `npm run fuzz:messages` sends 100,000.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzGate } from "./gateFuzz";
import { bootServer, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  // No flood limit here: the fuzz sends as fast as the socket takes it.
  server = await bootServer({ messagesPerSecond: 1_000_000 });
});
afterAll(async () => {
  await server.close();
});

describe("the message gate under fuzzing", () => {
  it("answers 10,000 random invalid messages with the right error each, changing nothing", async () => {
    const result = await fuzzGate(server, 20_260_509, 10_000);
    expect(result.problems).toEqual([]);
    expect(result.sent).toBe(10_000);
  });
});
