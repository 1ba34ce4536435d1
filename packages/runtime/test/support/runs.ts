/**
 * How many runs a property test makes: `n` in `pnpm test`; a tenth of it (at least 25)
 * under mutation testing (Stryker sets STRYKER_MUTATOR_WORKER). There every run of a
 * property is repeated for each mutant the property reaches, and the properties that
 * render thousands of documents made the first run of the suite take twice as long
 * (5 minutes against 2.5, 2026-12-03). The runs that remain draw from the fixed seed of
 * `mutation-seed.ts`, so every mutation run sees the same ones.
 */
export function runs(n: number): number {
  return process.env.STRYKER_MUTATOR_WORKER === undefined ? n : Math.max(25, Math.round(n / 10));
}
