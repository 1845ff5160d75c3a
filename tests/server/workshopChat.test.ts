/**
 * A workshop's chat, as its facilitator sets it: the word filter (`obscenity`) refuses a
 * student's matching line (the sender gets `filtered`, nobody else sees it) once it is on,
 * chat off refuses every student's line (`chat_off`) at one table or all, and a muted or
 * removed student is held back. The facilitator's own messages always reach the tables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bootServer,
  connectStudent,
  createWorkshop,
  joinWorkshop,
  type TestPlayer,
  type TestServer,
  workshopApi,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer();
});
afterAll(async () => {
  await server.close();
});

async function pairAtOneTable(options: Record<string, unknown> = {}) {
  const { code, secret } = await createWorkshop(server, { format: 45, ...options });
  const a = await joinWorkshop(server, code, { nickname: "Writer" });
  const b = await joinWorkshop(server, code, { nickname: "Reader" });
  expect(a.table).toBe(b.table);
  const writer = await connectStudent(server, a);
  const reader = await connectStudent(server, b);
  const control = (body: Record<string, unknown>) =>
    workshopApi(server, "POST", `/${code}/control`, body, secret);
  return { code, secret, a, b, writer, reader, control };
}

/** Sends a line and resolves with the reader's copy of it. */
async function heard(writer: TestPlayer, reader: TestPlayer, text: string) {
  const line = reader.until(() => reader.chats.find((c) => c.text === text), `"${text}"`);
  writer.send("chat", { text });
  return line;
}

describe("the word filter", () => {
  it("refuses matching lines once the facilitator turns it on, and lets clean ones through", async () => {
    const { writer, reader, control } = await pairAtOneTable();
    await heard(writer, reader, "what the fuck is a proxy");
    expect((await control({ command: "filter", on: true })).body.ok).toBe(true);
    for (const rude of ["what the fuck", "this is sh1t", "fuuuuck this"]) {
      const refused = writer.nextError(`the refusal of "${rude}"`);
      writer.send("chat", { text: rude });
      const error = await refused;
      expect(error).toMatchObject({ code: "filtered", type: "chat" });
    }
    // A clean line after them arrives, and none of the refused ones did before it.
    const before = reader.chats.length;
    await heard(writer, reader, "we should regulate the labs in Scunthorpe");
    expect(reader.chats.slice(before).map((c) => c.text)).toEqual([
      "we should regulate the labs in Scunthorpe",
    ]);
    await control({ command: "filter", on: false });
    await heard(writer, reader, "damn, that was close");
    await writer.leave();
    await reader.leave();
  });

  it("refuses a nickname the filter matches while it is on", async () => {
    const { code } = await createWorkshop(server, { filter: true });
    const res = await workshopApi(server, "POST", `/${code}/join`, { nickname: "Fuck Face" });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("filtered");
  });
});

describe("chat off, mute and remove", () => {
  it("chat off refuses students' lines, the facilitator's still arrive, chat on lets them through", async () => {
    const { writer, reader, control, a } = await pairAtOneTable({ chat: false });
    const refused = writer.nextError("chat off");
    writer.send("chat", { text: "hello?" });
    expect(await refused).toMatchObject({ code: "chat_off" });
    const notice = reader.until(() => reader.chats.find((c) => c.from === "Facilitator"), "notice");
    await control({ command: "message", table: a.table, text: "Chat opens after round 2." });
    expect((await notice).text).toBe("Chat opens after round 2.");
    await control({ command: "chat", table: a.table, on: true });
    await heard(writer, reader, "hello now");
    await control({ command: "chat", on: false });
    const again = writer.nextError("chat off for all");
    writer.send("chat", { text: "still there?" });
    expect(await again).toMatchObject({ code: "chat_off" });
    await writer.leave();
    await reader.leave();
  });

  it("mutes a student, and removes one for good (their token refused afterwards)", async () => {
    const { code, writer, reader, control, a } = await pairAtOneTable();
    await control({ command: "mute", student: a.student, muted: true });
    const muted = writer.nextError("muted");
    writer.send("chat", { text: "can you hear me" });
    expect(await muted).toMatchObject({ code: "muted" });
    const closed = writer.until(() => writer.closedWith, "the removal");
    await control({ command: "remove", student: a.student });
    expect(await closed).toBe(4001);
    const back = await workshopApi(server, "POST", `/${code}/join`, { token: a.token });
    expect(back.status).toBe(403);
    expect(back.body.error).toBe("removed");
    await expect(connectStudent(server, a)).rejects.toMatchObject({ code: 4403 });
    const unknown = await control({ command: "mute", student: "nobody", muted: true });
    expect(unknown.status).toBe(404);
    await reader.leave();
  });
});
