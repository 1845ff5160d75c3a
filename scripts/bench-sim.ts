/**
 * `npm run bench:sim`: speed of the rules on one core, for a 12-round, 6-seat game with bots.
 * Prints the median time of one round's resolution, of one whole game (bots' decisions
 * included, hashing excluded), of one bot decision, and games per second, with the targets
 * beside them, and each figure again in units of the calibration measured in the same run
 * (scripts/calibration.ts), so that figures from different machines can be compared.
 */
import { applyAction } from "../shared/actions";
import { botActions } from "../shared/bots";
import { createGame } from "../shared/create";
import { advance } from "../shared/game";
import { hashState } from "../shared/hash";
import { STANDARD } from "../shared/presets";
import { harnessPersonalities } from "../shared/selfplay";
import type { GameState } from "../shared/state";
import { botView } from "../shared/views";
import { calibration, calibrationLines, inCal, measureCalibration, perCal } from "./calibration";

const GAMES = Number(process.env.BENCH_GAMES ?? 3000);
const WARMUP = 300;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const roundTimes: number[] = [];
const gameTimes: number[] = [];
const botTimes: number[] = [];
const hashTimes: number[] = [];

function play(seed: number, record: boolean): GameState {
  const { seats, personalities } = harnessPersonalities(STANDARD, seed, "mixed");
  const g0 = performance.now();
  let state = createGame(STANDARD, seed, seats);
  while (state.phase !== "ended") {
    if (state.phase === "act" || state.phase === "legislate") {
      // As playBots does: every bot decides from the phase's opening state (the seat's view
      // without the action offers, as bots get it), then all apply.
      const opening = state;
      const decisions = opening.seats.map((seat) => {
        const b0 = performance.now();
        const actions = botActions(botView(opening, seat.id), STANDARD, personalities[seat.id]!);
        if (record) botTimes.push(performance.now() - b0);
        return actions;
      });
      opening.seats.forEach((seat, i) => {
        for (const action of decisions[i]!) {
          const result = applyAction(state, seat.id, action);
          if (result.ok) state = result.state;
        }
      });
    }
    if (state.phase === "legislate") {
      const r0 = performance.now();
      state = advance(state);
      if (record) roundTimes.push(performance.now() - r0);
    } else {
      state = advance(state);
    }
  }
  if (record) gameTimes.push(performance.now() - g0);
  const h0 = performance.now();
  hashState(state);
  if (record) hashTimes.push(performance.now() - h0);
  return state;
}

const calibrationStart = measureCalibration();
for (let i = 0; i < WARMUP; i++) play(100_000 + i, false);
const t0 = performance.now();
for (let i = 0; i < GAMES; i++) play(i + 1, true);
const seconds = (performance.now() - t0) / 1000;
const cal = calibration(calibrationStart, measureCalibration());

const playSeconds = gameTimes.reduce((a, b) => a + b, 0) / 1000;
const micros = (ms: number): [string, string] => [`${(ms * 1000).toFixed(1)} µs`, inCal(ms, cal)];
const perSecond = (n: number): [string, string] => [`${n.toFixed(0)}`, perCal(n, cal, "games")];
const rows: [string, [string, string], string, boolean | null][] = [
  ["one round (resolution)", micros(median(roundTimes)), "", null],
  ["one bot decision (view + choice)", micros(median(botTimes)), "", null],
  [
    "one whole game (12 rounds, 6 seats)",
    [`${median(gameTimes).toFixed(3)} ms`, inCal(median(gameTimes), cal)],
    "<= 1 ms",
    median(gameTimes) <= 1,
  ],
  [
    "games per second, one core",
    perSecond(GAMES / playSeconds),
    ">= 1000",
    GAMES / playSeconds >= 1000,
  ],
  ["final state hash (once per game)", micros(median(hashTimes)), "", null],
  ["games per second incl. hash and set-up", perSecond(GAMES / seconds), "", null],
];

console.log(
  `\nAttractor bench:sim — ${GAMES} games of scenario ${STANDARD.id} (medians), Node ${process.version}`,
);
for (const line of calibrationLines(cal)) console.log(line);
console.log(
  `\n${"figure".padEnd(42)}${"measured".padStart(14)}${"in cal".padStart(18)}${"target".padStart(12)}  met`,
);
for (const [name, [value, normalised], target, ok] of rows) {
  console.log(
    `${name.padEnd(42)}${value.padStart(14)}${normalised.padStart(18)}${target.padStart(12)}  ${ok === null ? "" : ok ? "yes" : "NO"}`,
  );
}
