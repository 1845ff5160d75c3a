/**
 * The address a request comes from, as the per-address limits and the removed people count it.
 * With `TRUST_PROXY` off (the default) it is the TCP peer's address and `X-Forwarded-For` /
 * `X-Real-IP` are ignored, so a client cannot pick its own; with it set, Express's trust-proxy
 * rules read `X-Forwarded-For` through the proxies trusted (`X-Real-IP` is never read). IPv6
 * addresses count by their /64 network (one host is usually given a whole /64).
 */

import type http from "node:http";
import { isIPv6 } from "node:net";
import type express from "express";

/** Express's "trust proxy" setting: off, on, a number of hops, or addresses and subnets. */
export type TrustProxy = boolean | number | string;

/** `TRUST_PROXY` as Express takes it: "" / "false" / "0" off, "true", a hop count, or a list. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** One key per host: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = ip.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/** Reads a request's address with the app's trust-proxy setting (any request, not only Express's). */
export function addressReader(app: express.Express): (req: http.IncomingMessage) => string {
  return (req) => {
    const view = Object.create(app.request, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as express.Request;
    return addressKey(view.ip ?? req.socket.remoteAddress ?? "unknown");
  };
}
