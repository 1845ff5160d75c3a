/**
 * Regression tests for defect 5 of issue 9 (limits bypassed and leaky) on a server that trusts
 * no proxy: forwarded headers do not change a client's address, the create and upload limits
 * are sliding minutes counting what the README says, the upload body limit is exact. The
 * same limits behind a trusted proxy: defectCodes.test.ts; the address rules: address.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDARD } from "../../shared/presets";
import { JOIN_ERRORS, ROOM_NAME } from "../../shared/protocol";
import { bootServer, matchmake, type TestServer } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await bootServer({ createsPerMinute: 3, uploadsPerMinute: 3 });
});
afterAll(async () => {
  await server.close();
});

const create = (headers: Record<string, string>) =>
  matchmake(server, `create/${ROOM_NAME}`, { name: "Maker", mode: "private" }, headers);

describe("defect 5", () => {
  it("defect 5: X-Forwarded-For and X-Real-IP are ignored when TRUST_PROXY is off", async () => {
    const spoofs: Record<string, string>[] = [
      {},
      { "X-Forwarded-For": "198.51.100.1" },
      { "X-Real-IP": "198.51.100.2" },
      { "X-Forwarded-For": "198.51.100.3, 198.51.100.4", "X-Real-IP": "198.51.100.5" },
    ];
    const answers = [];
    for (const headers of spoofs) answers.push(await create(headers));
    expect(answers.slice(0, 3).map((a) => "room" in a)).toEqual([true, true, true]);
    expect(answers[3]).toMatchObject({ code: JOIN_ERRORS.tooManyTables });
  });

  it("defect 5: the create and upload limits are sliding minutes counting what the README says", async () => {
    const limiter = server.services.createLimiter;
    expect([limiter.limit, limiter.windowMs]).toEqual([3, 60_000]);
    // Uploads count accepted or not: a good one, bad JSON, a refused scenario, then 429.
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.http}/api/scenarios`, { method: "POST", body, headers });
    expect((await post(JSON.stringify(STANDARD))).status).toBe(201);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ name: "x" }))).status).toBe(400);
    const over = await post(JSON.stringify(STANDARD), { "X-Forwarded-For": "198.51.100.7" });
    expect(over.status).toBe(429);
    const wait = Number(over.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it("defect 5: the upload body limit is exact: 65,536 bytes are read, 65,537 refused", async () => {
    const sized = (n: number) => `{"name":"${"x".repeat(n - 11)}"}`;
    expect(Buffer.byteLength(sized(65_536))).toBe(65_536);
    // The check route has no upload limit, so both sizes can be tried as often as needed.
    const check = (body: string) =>
      fetch(`${server.http}/api/scenarios/check`, { method: "POST", body });
    const at = await check(sized(65_536));
    expect(at.status).toBe(200);
    expect(((await at.json()) as { ok: boolean }).ok).toBe(false);
    expect((await check(sized(65_537))).status).toBe(413);
    // Sent in pieces with no length announced, the same.
    const chunked = (n: number) =>
      fetch(`${server.http}/api/scenarios/check`, {
        method: "POST",
        body: new Blob([sized(n)]).stream(),
        duplex: "half",
      } as RequestInit);
    expect((await chunked(65_536)).status).toBe(200);
    expect((await chunked(65_537)).status).toBe(413);
  });
});
