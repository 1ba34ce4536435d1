/**
 * How much work each macro measurement does, per run mode: `full` (`pnpm bench`, under
 * 10 minutes on a 2-core machine), `quick` (`--quick`, under a minute) and `smoke` (the
 * bench's own tests: tiny, only checks that every figure is produced).
 * @module
 */

/** Run mode of the macro suite. */
export type RunMode = "full" | "quick" | "smoke";

/** Sampling for a fixed time: at least `minSamples` and `minMs`, stopping at `maxMs` (or `maxSamples`). */
export interface SamplePlan {
  minSamples: number;
  minMs: number;
  maxMs: number;
  maxSamples: number;
}

/** Warm-up: at least `minRuns` runs and `minMs`. */
export interface WarmPlan {
  minRuns: number;
  minMs: number;
}

export interface CellSettings {
  /** Size factor of W1–W3 (1 = the sizes the issue names). */
  scale: number;
  /** Documents per W4 pass. */
  w4Docs: number;
  /** Size of the W5 program in bytes. */
  w5Bytes: number;
  /** Leak check: N (renders are 100, N and 2N, after N warm-up renders of other documents). */
  leakN: number;
  warm: WarmPlan;
  /** Compiled renders of W1–W3; GC is observed over the same renders (≥ 200 where time allows). */
  render: SamplePlan;
  /** Compile+render of W1–W3, each from a never-seen source variant. */
  compileRender: SamplePlan;
  /** W4 passes, each over never-seen documents. */
  manyDocs: SamplePlan;
  /**
   * W4 warm-up, in documents: XMD's lexer, parser and interpreter take a few thousand
   * small documents before V8 has optimised them (a pass of 250 took 60 ms at first and
   * under 3 ms after about 5,000), so a time-based warm-up of a few passes is too short.
   * Stops at `maxMs` for engines slow enough to need no more.
   */
  manyDocsWarm: { minDocs: number; maxMs: number };
  /** W5 parses. */
  parse: SamplePlan;
  /** Sampling heap profiler: renders profiled (after warm-up). */
  profile: { minRuns: number; minMs: number; maxRuns: number };
  /** Cold-start processes per engine. */
  coldRuns: number;
  /**
   * W1–W3: rounds of the timed renders, every engine's cell once per round, the rounds one
   * after the other; a cell's render time is the median of its rounds' medians. A burst
   * of load from elsewhere on the machine lasts seconds, long enough to slow one cell's
   * whole timed second (W3 on XMD took 0.42 ms in one full run and 0.80 ms in the next,
   * minutes apart); with three rounds, one slowed round no longer decides a target.
   */
  timingRounds: number;
  /** W6: lines of the large document (100,000: 8.09 MB). */
  w6Lines: number;
  /** W6 in-process: fresh processes per memory mode, each rendering the document once. */
  w6Runs: number;
  /** W6 whole CLI: `xmd big.md > out` processes per memory mode. */
  w6CliRuns: number;
}

const FULL: CellSettings = {
  scale: 1,
  w4Docs: 1000,
  w5Bytes: 1024 * 1024,
  leakN: 10_000,
  warm: { minRuns: 5, minMs: 300 },
  render: { minSamples: 200, minMs: 1000, maxMs: 4000, maxSamples: 20_000 },
  compileRender: { minSamples: 10, minMs: 600, maxMs: 3000, maxSamples: 2000 },
  manyDocs: { minSamples: 15, minMs: 1500, maxMs: 4000, maxSamples: 60 },
  manyDocsWarm: { minDocs: 8000, maxMs: 2500 },
  parse: { minSamples: 7, minMs: 1500, maxMs: 5000, maxSamples: 30 },
  profile: { minRuns: 5, minMs: 250, maxRuns: 5000 },
  coldRuns: 9,
  timingRounds: 3,
  w6Lines: 100_000,
  w6Runs: 7,
  w6CliRuns: 9,
};

const QUICK: CellSettings = {
  scale: 0.25,
  w4Docs: 250,
  w5Bytes: 256 * 1024,
  leakN: 2_000,
  warm: { minRuns: 5, minMs: 100 },
  render: { minSamples: 30, minMs: 150, maxMs: 500, maxSamples: 5000 },
  compileRender: { minSamples: 5, minMs: 80, maxMs: 400, maxSamples: 500 },
  manyDocs: { minSamples: 7, minMs: 150, maxMs: 600, maxSamples: 30 },
  manyDocsWarm: { minDocs: 4000, maxMs: 500 },
  parse: { minSamples: 3, minMs: 150, maxMs: 800, maxSamples: 10 },
  profile: { minRuns: 3, minMs: 60, maxRuns: 1000 },
  coldRuns: 3,
  timingRounds: 1,
  w6Lines: 100_000,
  w6Runs: 1,
  w6CliRuns: 2,
};

const SMOKE: CellSettings = {
  scale: 0.02,
  w4Docs: 5,
  w5Bytes: 8 * 1024,
  leakN: 50,
  warm: { minRuns: 2, minMs: 0 },
  render: { minSamples: 3, minMs: 0, maxMs: 200, maxSamples: 3 },
  compileRender: { minSamples: 2, minMs: 0, maxMs: 200, maxSamples: 2 },
  manyDocs: { minSamples: 2, minMs: 0, maxMs: 200, maxSamples: 2 },
  manyDocsWarm: { minDocs: 10, maxMs: 0 },
  parse: { minSamples: 2, minMs: 0, maxMs: 200, maxSamples: 2 },
  profile: { minRuns: 2, minMs: 0, maxRuns: 2 },
  coldRuns: 1,
  timingRounds: 2,
  w6Lines: 300,
  w6Runs: 1,
  w6CliRuns: 1,
};

/** The settings of a run mode. */
export function settingsFor(mode: RunMode): CellSettings {
  return mode === "full" ? FULL : mode === "quick" ? QUICK : SMOKE;
}
