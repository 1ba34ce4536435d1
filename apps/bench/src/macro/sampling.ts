/**
 * Warm-up and fixed-time sampling: each sample is one call, timed on its own, so the
 * median, min and max describe single renders.
 * @module
 */
import type { SamplePlan, WarmPlan } from "./settings.js";

/** Median, min and max of a sample, in ms, and its size. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number;
}

/** Median, min, max of `times` (which must not be empty). */
export function spread(times: readonly number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    samples: sorted.length,
  };
}

/** Runs `work` until the JIT has had its chance: at least `minRuns` runs and `minMs`. */
export function warmUp(work: (run: number) => unknown, plan: WarmPlan): void {
  const until = performance.now() + plan.minMs;
  for (let i = 0; i < plan.minRuns || performance.now() < until; i++) work(i);
}

/**
 * Times `work` one call at a time until the plan is satisfied: at least `minSamples`
 * samples and `minMs` of sampling, but never past `maxMs` or `maxSamples` (slow engines
 * get fewer samples rather than a longer run). `prepare` runs before each sample, outside
 * the timing. Returns the time of each call in ms.
 */
export function sampleFor<P>(
  plan: SamplePlan,
  work: (input: P) => unknown,
  prepare: (i: number) => P,
): number[] {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < plan.maxSamples; i++) {
    const elapsed = performance.now() - started;
    if (elapsed >= plan.maxMs && times.length > 0) break;
    if (times.length >= plan.minSamples && elapsed >= plan.minMs) break;
    const input = prepare(i);
    const t = performance.now();
    work(input);
    times.push(performance.now() - t);
  }
  return times;
}

/** `sampleFor` without per-sample preparation. */
export function sampleCalls(plan: SamplePlan, work: () => unknown): number[] {
  return sampleFor(plan, work, () => undefined);
}
