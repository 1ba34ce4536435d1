/**
 * How much work a heavy test does: all of it in `pnpm test`; a tenth under mutation testing
 * (Stryker sets STRYKER_MUTATOR_WORKER), where what a test checks matters, not its size.
 *
 * Why: Stryker's first run counts, for every test, each step of the instrumented code it
 * reaches, so a test's time there grows with the work it does in measured code, often four
 * or five times its time in `pnpm test`. Seven tests that build values deeper than any
 * JavaScript stack, lists at the size limit or 100,000-key YAML took half of that run
 * (2 minutes of 4, 2026-12-03), and the property tests that render thousands of documents
 * as much again. They keep their full size in `pnpm test`, which is where "deeper than the
 * stack" and "in one pass" are checked; under Stryker they check the same results on less.
 * The random runs that remain draw from the fixed seed of `mutation-seed.ts`, so every
 * mutation run sees the same ones.
 */
/** Whether the tests run under mutation testing (Stryker sets STRYKER_MUTATOR_WORKER). */
export const mutating = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** Runs of a property test: `n`, or a tenth of it (at least 25) under mutation testing. */
export function runs(n: number): number {
  return mutating ? Math.max(25, Math.round(n / 10)) : n;
}

/** A size chosen to make a test heavy (a depth, a length, a count): `n`, or a tenth of it under mutation testing. */
export function heavy(n: number): number {
  return mutating ? Math.round(n / 10) : n;
}
