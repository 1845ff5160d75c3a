/**
 * The message gate's fuzz run, shared by `npm test` (gateFuzz.test.ts) and `npm run
 * fuzz:messages`: a paused game, four connections (the host, a seated player, a spectator, a
 * person without a seat) sending invalid messages of every registered type and of unknown
 * types; each must be answered with one error of the expected code naming its type, the game's
 * state and action log must stay as they were, and the server must still answer.
 */
import { shownType } from "../../server/gate";
import { type FuzzMessage, invalidMessages } from "../fixtures/messages";
import { fingerprint, joinTable, pausedGame, type TestPlayer, type TestServer } from "./helpers";

export interface GateFuzzResult {
  readonly sent: number;
  /** What went wrong (empty when every message was answered as it should be). */
  readonly problems: string[];
}

function sendOne(p: TestPlayer, m: FuzzMessage): void {
  if (m.bytes) p.room.sendBytes(m.type, m.payload as Uint8Array);
  else p.room.send(m.type, m.payload);
}

/** Sends `count` invalid messages drawn from `seed`, `batch` at a time, and checks the answers. */
export async function fuzzGate(
  server: TestServer,
  seed: number,
  count: number,
  batch = 5000,
): Promise<GateFuzzResult> {
  const { host, lab, spectator, code } = await pausedGame(server);
  const stranger = await joinTable(server, code, { name: "Nobody" });
  const senders = [host, lab, spectator, stranger];
  const before = fingerprint(server, code);
  const views = senders.map((p) => JSON.stringify([p.view, p.table]));
  const problems: string[] = [];
  const messages = invalidMessages(seed, count);
  for (let start = 0; start < messages.length; start += batch) {
    const chunk = messages.slice(start, start + batch);
    const expected = senders.map(() => [] as FuzzMessage[]);
    const offsets = senders.map((p) => p.errors.length);
    chunk.forEach((m, i) => {
      const who = (start + i) % senders.length;
      expected[who]!.push(m);
      sendOne(senders[who]!, m);
    });
    await Promise.all(
      senders.map((p, i) =>
        p.until(
          () => p.errors.length >= offsets[i]! + expected[i]!.length,
          `${expected[i]!.length} answers`,
          60_000,
        ),
      ),
    );
    senders.forEach((p, i) => {
      expected[i]!.forEach((m, k) => {
        const error = p.errors[offsets[i]! + k]!;
        if (error.code !== m.code || error.type !== shownType(m.type))
          problems.push(
            `${JSON.stringify(m.type)} ${m.bytes ? "(bytes)" : JSON.stringify(m.payload)}: ` +
              `answered ${error.code} for ${JSON.stringify(error.type)}, expected ${m.code}`,
          );
      });
    });
    if (problems.length > 20) break;
  }
  for (const p of senders) await p.settle();
  if (fingerprint(server, code) !== before) problems.push("the game's state or log changed");
  senders.forEach((p, i) => {
    if (JSON.stringify([p.view, p.table]) !== views[i])
      problems.push(`${p.seat?.player}'s view changed`);
    if (p.closedWith !== null) problems.push(`a connection was closed (${p.closedWith})`);
  });
  const health = (await (await fetch(`${server.http}/healthz`)).json()) as { ok?: boolean };
  if (health.ok !== true) problems.push("the server did not answer /healthz");
  const echo = host.next("chat");
  host.send("chat", { text: "after the fuzz" });
  const line = (await echo).body as { text?: string };
  if (line.text !== "after the fuzz") problems.push("the table no longer answers");
  for (const p of senders) await p.leave();
  return { sent: messages.length, problems };
}
