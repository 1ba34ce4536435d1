/**
 * Setup for mutation runs only (vitest.shared.ts adds it when Stryker runs the tests, which
 * it marks with STRYKER_MUTATOR_WORKER): the property and fuzz tests of every package draw
 * from one fixed seed instead of a new one each run. Normal test runs keep drawing new input.
 *
 * Why: Stryker records which tests reach each mutant, and keeps a result only while the
 * tests that decided it still reach it; a test that reaches a surviving mutant it did not
 * reach before tests that mutant again. With new random input at every run, the property
 * tests reach different mutants each time: every incremental run (CI's included) tested
 * dozens of the runtime's survivors again for nothing (64, 11 minutes, on 2026-12-02), and
 * two runs of @xmd/intern on the same files recorded different tests for 7 mutants
 * (2026-12-05). CI takes a baseline's score without running Stryker when nothing its tests
 * reach has changed (scripts/mutation-inputs.mjs), which holds only if a run is repeatable.
 * (The runtime's own mutation setup, packages/runtime/test/support/mutation-seed.ts, adds
 * what the runtime needs on top: its caches cleared before each test.)
 */
import fc from "fast-check";

fc.configureGlobal({ seed: 20_261_202 });
