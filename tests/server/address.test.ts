/**
 * Which address a request counts for: the TCP peer's unless TRUST_PROXY is set, then Express's
 * trust-proxy rules over X-Forwarded-For (never X-Real-IP); IPv6 counted by its /64.
 */
import type http from "node:http";
import express from "express";
import { describe, expect, it } from "vitest";
import { addressKey, addressReader, parseTrustProxy, type TrustProxy } from "../../server/address";

function request(peer: string, headers: Record<string, string> = {}): http.IncomingMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: lower, socket: { remoteAddress: peer } } as unknown as http.IncomingMessage;
}

function reader(trust: TrustProxy) {
  const app = express();
  app.set("trust proxy", trust);
  return addressReader(app);
}

describe("the address of a request", () => {
  it("is the peer's when no proxy is trusted, whatever the headers say", () => {
    const read = reader(parseTrustProxy(undefined));
    const headers = { "X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2" };
    expect(read(request("192.0.2.7", headers))).toBe("192.0.2.7");
    expect(read(request("::ffff:192.0.2.7", headers))).toBe("192.0.2.7");
  });

  it("follows X-Forwarded-For through trusted proxies only, and never X-Real-IP", () => {
    const loopback = reader(parseTrustProxy("loopback"));
    expect(loopback(request("127.0.0.1", { "X-Forwarded-For": "198.51.100.1" }))).toBe(
      "198.51.100.1",
    );
    // The entry the trusted proxy added is the client; what the client wrote before it is not.
    expect(loopback(request("127.0.0.1", { "X-Forwarded-For": "203.0.113.9, 198.51.100.1" }))).toBe(
      "198.51.100.1",
    );
    // Not from a trusted proxy: the header is ignored.
    expect(loopback(request("192.0.2.7", { "X-Forwarded-For": "198.51.100.1" }))).toBe("192.0.2.7");
    expect(loopback(request("127.0.0.1", { "X-Real-IP": "198.51.100.1" }))).toBe("127.0.0.1");
    const oneHop = reader(parseTrustProxy("1"));
    expect(oneHop(request("192.0.2.7", { "X-Forwarded-For": "203.0.113.9, 198.51.100.1" }))).toBe(
      "198.51.100.1",
    );
  });

  it("reads TRUST_PROXY as Express takes it", () => {
    expect(["", "false", "0", undefined].map(parseTrustProxy)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
  });

  it("counts an IPv6 host by its /64", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
  });
});
