/**
 * Issue 10, problem 9: the CSV export. rounds.csv had raw 15-digit floats; there was no record
 * of the players' decisions. Figures are now rounded to at most three decimals, and
 * decisions.csv lists every logged action (people's and bots') by round and seat, once the game
 * has ended.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRouter } from "../../server/api";
import {
  CSV_DECIMALS,
  DECISION_COLUMNS,
  decisionsCsv,
  figure,
  roundsCsv,
  textCell,
} from "../../server/csv";
import { WindowLimiter } from "../../server/rateLimit";
import { ScenarioLibrary } from "../../server/scenarios";
import { openSqlite, type SavedGame, type Store } from "../../server/store";
import { playBotGame } from "../../shared/log";
import { STANDARD } from "../../shared/presets";
import { harnessPersonalities } from "../../shared/selfplay";

/** A whole bot game as the store would keep it; G1 and C1 were people's seats. */
function savedBotGame(status: SavedGame["status"] = "ended"): SavedGame {
  const { seats, personalities } = harnessPersonalities(STANDARD, 7, "mixed");
  const { state, log } = playBotGame({ scenario: STANDARD, seed: 7, seats, personalities });
  const people = Object.fromEntries(state.seats.map((s) => [s.id, null])) as Record<
    string,
    string | null
  >;
  people.G1 = "Ada";
  people.C1 = '=HYPERLINK("x"), Bea';
  return {
    id: "g-csv",
    code: "K3P7Q",
    createdAt: 0,
    updatedAt: 1,
    status,
    round: state.round,
    people,
    log,
    history: state.history,
    ending: state.ending,
    scores: null,
    finalHash: null,
  };
}

/** Splits one CSV line into cells (RFC 4180 quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const rowsOf = (csv: string) => csv.trim().split("\n").map(cells);

describe("problem 9: the CSV export", () => {
  const game = savedBotGame();

  it("rounds.csv has figures rounded to at most three decimals, no 15-digit floats", () => {
    const [header, ...rows] = rowsOf(roundsCsv(game));
    expect(rows).toHaveLength(game.history.length);
    expect(header).toContain("proxy");
    const proxyCol = header!.indexOf("proxy");
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      for (const c of row) {
        expect(c, `a figure: ${c}`).toMatch(/^-?\d+(\.\d{1,3})?$/);
      }
    }
    // Rounded, not truncated or rescaled: the first round's proxy to three decimals.
    const raw = game.history[0]!.proxy;
    expect(Number(rows[0]![proxyCol])).toBeCloseTo(raw, CSV_DECIMALS - 1);
    expect(Math.abs(Number(rows[0]![proxyCol]) - raw)).toBeLessThanOrEqual(0.0005);
  });

  it("rounds.csv leaves the true figures empty before the end", () => {
    const [header, first] = rowsOf(roundsCsv({ ...game, status: "playing" }));
    expect(first![header!.indexOf("welfare")]).toBe("");
    expect(first![header!.indexOf("proxy")]).not.toBe("");
  });

  it("figure() rounds, never writes an exponent or -0", () => {
    expect(figure(0.18000000000000002)).toBe("0.18");
    expect(figure(106.43729184710001)).toBe("106.437");
    expect(figure(1.234e-9)).toBe("0");
    expect(figure(-0.0001)).toBe("0");
    expect(figure(12)).toBe("12");
    expect(figure(Number.NaN)).toBe("");
  });

  it("decisions.csv lists every logged action by round, phase and seat, people's and bots'", () => {
    const [header, ...rows] = rowsOf(decisionsCsv(game));
    expect(header).toEqual([...DECISION_COLUMNS]);
    expect(rows).toHaveLength(game.log.actions.length);
    expect(rows.length).toBeGreaterThan(20);
    const col = (name: (typeof DECISION_COLUMNS)[number]) => header!.indexOf(name);
    game.log.actions.forEach((a, i) => {
      const row = rows[i]!;
      expect(row).toHaveLength(header!.length);
      expect(row[col("round")]).toBe(String(a.round));
      expect(row[col("year")]).toBe(String(STANDARD.startYear + a.round - 1));
      expect(row[col("phase")]).toBe(a.phase);
      expect(row[col("seat")]).toBe(a.seat);
      expect(row[col("action")]).toBe(a.action.type);
      expect(row[col("seat_name")]).not.toBe("");
    });
    // Who: a person's seat names the person, a bot's seat its personality.
    const g1 = rows.find((r) => r[col("seat")] === "G1")!;
    expect(g1[col("played_by")]).toBe("person");
    expect(g1[col("player")]).toBe("Ada");
    expect(g1[col("seat_name")]).toBe(STANDARD.blocNames[0]);
    const c1 = rows.find((r) => r[col("seat")] === "C1")!;
    // Quoted (a comma) and defused (a spreadsheet formula).
    expect(c1[col("player")]).toBe(`'=HYPERLINK("x"), Bea`);
    // A move a bot made for Ada while she was away is the stand-in's, in her name.
    const away = game.log.actions.findIndex((a) => a.seat === "G1");
    const marked = {
      ...game,
      log: {
        ...game.log,
        actions: game.log.actions.map((a, i) =>
          i === away ? { ...a, standIn: true as const } : a,
        ),
      },
    };
    const [, ...markedRows] = rowsOf(decisionsCsv(marked));
    expect(markedRows[away]![col("played_by")]).toBe("stand-in");
    expect(markedRows[away]![col("player")]).toBe("Ada");
    expect(markedRows.filter((r) => r[col("played_by")] === "stand-in")).toHaveLength(1);
    const l1 = rows.find((r) => r[col("seat")] === "L1")!;
    expect(l1[col("played_by")]).toBe("bot");
    expect(l1[col("player")]).not.toBe("");
    // Details carry the action's fields, rounded: a strategy's sliders, a tax rate.
    const strategy = rows.find((r) => r[col("action")] === "setStrategy")!;
    expect(strategy[col("details")]).toMatch(
      /^sliders=(\w+:\d+(\.\d{1,3})?\/)+\w+:\d+(\.\d{1,3})?$/,
    );
    // Every round that was played has its decisions.
    const rounds = new Set(rows.map((r) => r[col("round")]));
    expect(rounds.size).toBe(game.history.length);
  });

  it("textCell quotes commas, quotes and line breaks", () => {
    expect(textCell("plain")).toBe("plain");
    expect(textCell('a "b", c')).toBe('"a ""b"", c"');
    expect(textCell("+1")).toBe("'+1");
  });
});

describe("problem 9: the CSVs over the API", () => {
  let store: Store;
  let base = "";
  let close = () => {};

  beforeAll(async () => {
    store = await openSqlite(":memory:");
    await store.save(savedBotGame("ended"));
    await store.save({ ...savedBotGame("playing"), id: "g-live" });
    const app = express();
    app.use(
      apiRouter({
        store,
        scenarios: new ScenarioLibrary(store, 4),
        uploadLimiter: new WindowLimiter(5, 60_000),
        addressOf: () => "127.0.0.1",
        stats: () => ({ rooms: 0, clients: 0 }),
      }),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise<void>((ok) => server.once("listening", () => ok()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await store.close();
  });

  it("offers decisions.csv beside rounds.csv once the game has ended", async () => {
    const res = await fetch(`${base}/api/games/g-csv/decisions.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("attractor-g-csv-decisions.csv");
    const text = await res.text();
    expect(text.split("\n")[0]).toBe(DECISION_COLUMNS.join(","));
    const rounds = await (await fetch(`${base}/api/games/g-csv/rounds.csv`)).text();
    expect(rounds).not.toMatch(/\d\.\d{4,}/);
  });

  it("refuses decisions.csv while the game is played (they reveal hidden moves)", async () => {
    const res = await fetch(`${base}/api/games/g-live/decisions.csv`);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/once it has ended/);
    expect((await fetch(`${base}/api/games/nope/decisions.csv`)).status).toBe(404);
  });
});
