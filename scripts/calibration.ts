/**
 * The speed of this machine, measured in the same run as a benchmark, so that benchmark
 * figures from different machines (or from one machine under different load) can be compared.
 *
 * The reference workload is fixed, deterministic, pure-CPU JavaScript: a seeded integer
 * generator fills batches of small objects, each batch is sorted and summed (numbers, object
 * allocation, garbage collection, a comparator callback). It runs REPEATS times (after one
 * untimed run) at the start of a benchmark and REPEATS times at its end; both medians are
 * printed, so load that changed during the run shows. One "cal" is the median of all those
 * runs, in milliseconds. A time figure is also printed in cal (0.71 ms on a machine where
 * 1 cal = 170 ms is 0.0042 cal), and a rate in events per cal (1,000 games/s is 170 games/cal
 * there): on a machine twice as slow the ms double but the cal figures stay the same, so only
 * a change in cal is a regression. Each run is timed on the wall clock and in this process's
 * CPU time; a CPU-time figure (the server's) is given in CPU cal, so that other programs sharing
 * the cores, which lengthen the wall clock but not CPU time, do not shrink it.
 */

const ITERATIONS = 750_000;
const BATCH = 64;
const REPEATS = 7;

/** The reference workload; returns a checksum so that none of it can be optimised away. */
function referenceWorkload(): number {
  let seed = 1;
  let checksum = 0;
  const batch: { x: number; y: number }[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    batch.push({ x: seed / 2 ** 32, y: Math.sqrt(i + 1) });
    if (batch.length === BATCH) {
      batch.sort((a, b) => a.x - b.x);
      for (const p of batch) checksum += p.x * p.y;
      batch.length = 0;
    }
  }
  return checksum;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? s[(s.length - 1) / 2]!
    : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One timed run of the reference workload, in ms. */
export interface CalibrationRun {
  wallMs: number;
  cpuMs: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** REPEATS timings of the reference workload, after one untimed run. */
export function measureCalibration(): CalibrationRun[] {
  const runs: CalibrationRun[] = [];
  // The first run compiles the workload; it is not timed, so that start and end compare.
  const expected = referenceWorkload();
  for (let i = 0; i < REPEATS; i++) {
    const wall0 = performance.now();
    const cpu0 = cpuMs();
    const checksum = referenceWorkload();
    runs.push({ wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0 });
    if (checksum !== expected) throw new Error("the calibration workload is not deterministic");
  }
  return runs;
}

export interface Calibration {
  /** Median wall-clock time of the runs at the start and at the end of the benchmark, in ms. */
  startMs: number;
  endMs: number;
  /** One cal: the median wall-clock time of all runs, in ms. */
  unitMs: number;
  /** One CPU cal: the median CPU time of all runs, in ms. */
  cpuUnitMs: number;
}

/** The calibration of a benchmark, from the runs at its start and at its end. */
export function calibration(
  start: readonly CalibrationRun[],
  end: readonly CalibrationRun[],
): Calibration {
  const wall = (runs: readonly CalibrationRun[]) => median(runs.map((r) => r.wallMs));
  return {
    startMs: wall(start),
    endMs: wall(end),
    unitMs: wall([...start, ...end]),
    cpuUnitMs: median([...start, ...end].map((r) => r.cpuMs)),
  };
}

/** Three significant digits (whole numbers from 100 up). */
const significant = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** A duration in cal: `inCal(0.71, cal)` → "0.00418 cal" where 1 cal = 170 ms. */
export function inCal(ms: number, cal: Calibration): string {
  return `${significant(ms / cal.unitMs)} cal`;
}

/** A CPU time in CPU cal: `inCpuCal(1000, cal)` → "5.88 CPU cal" where 1 CPU cal = 170 ms. */
export function inCpuCal(ms: number, cal: Calibration): string {
  return `${significant(ms / cal.cpuUnitMs)} CPU cal`;
}

/** A rate in events per cal: `perCal(1000, cal, "games")` → "170 games/cal" there. */
export function perCal(perSecond: number, cal: Calibration, what: string): string {
  return `${significant((perSecond * cal.unitMs) / 1000)} ${what}/cal`;
}

/** The lines that print a calibration beside a benchmark's figures. */
export function calibrationLines(cal: Calibration): string[] {
  const drift = Math.abs(cal.endMs - cal.startMs) / Math.min(cal.startMs, cal.endMs);
  return [
    `calibration: reference workload ${cal.startMs.toFixed(1)} ms at the start, ` +
      `${cal.endMs.toFixed(1)} ms at the end (medians of ${REPEATS} runs each); ` +
      `1 cal = ${cal.unitMs.toFixed(1)} ms (1 CPU cal = ${cal.cpuUnitMs.toFixed(1)} ms of CPU time)`,
    ...(drift > 0.15
      ? [
          `calibration moved ${(100 * drift).toFixed(0)}% during the run: the machine's load ` +
            "changed, so compare these figures with care",
        ]
      : []),
  ];
}
