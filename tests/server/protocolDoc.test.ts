/**
 * docs/PROTOCOL.md says what the server does: its table of what each message type asks
 * (seat, stages, host) is the gate's own (`server/gate.ts`), row for row; the limits it states
 * are the server's defaults.
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../server/config";
import { GATE, MESSAGE_TYPES } from "../../server/gate";
import { CLOSE_CODES, JOIN_ERRORS } from "../../shared/protocol";
import { markdownTable } from "../fixtures/markdown";

const doc = readFileSync(new URL("../../docs/PROTOCOL.md", import.meta.url), "utf8");
const table = (header: string[]) => markdownTable(doc, header);

describe("docs/PROTOCOL.md", () => {
  it("lists every message type with the seat, stages and host the gate asks, in order", () => {
    const rows = table(["type", "seat", "stages", "host"]);
    expect(rows.map((r) => r[0])).toEqual(MESSAGE_TYPES.map((t) => `\`${t}\``));
    for (const [name, seat, stages, host] of rows) {
      const rule = GATE[name!.replaceAll("`", "") as keyof typeof GATE];
      expect(seat, name).toBe(rule.seated ? "seated" : "");
      expect(stages, name).toBe(rule.stages.join(", "));
      expect(host, name).toBe(rule.host ? "host" : "");
    }
  });

  it("states the server's limits and codes", () => {
    const cfg = configFromEnv({});
    expect(cfg.failedJoinsPerHour).toBe(60);
    expect(doc).toContain("`FAILED_JOINS_PER_HOUR` (default 60)");
    expect(doc).toContain(
      `\`FAILED_JOIN_DELAY_MS\` (default ${cfg.failedJoinDelayMs.toLocaleString("en")} ms)`,
    );
    expect(doc).toContain(`\`CREATES_PER_MINUTE\` tables (default\n${cfg.createsPerMinute})`);
    expect(doc).toContain(`\`UPLOADS_PER_MINUTE\` uploads (default ${cfg.uploadsPerMinute}`);
    expect(doc).toContain(`\`MAX_ROOMS\` tables (default ${cfg.maxRooms})`);
    expect(doc).toContain(`**${CLOSE_CODES.malformed}** (\`CLOSE_CODES.malformed\``);
    expect(doc).toContain(`${JOIN_ERRORS.tooManyFailedJoins} \`tooManyFailedJoins\``);
    expect(doc).toContain("65,536 bytes; 65,537 is refused");
  });
});
