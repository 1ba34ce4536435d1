/**
 * Setup for mutation runs only (vitest.config.ts adds it when Stryker runs the tests):
 * the property and fuzz tests draw from one fixed seed instead of a new one each run.
 *
 * Why: Stryker records which tests reach each mutant, and tests a surviving mutant again
 * whenever a test reaches it that did not before. With new random input at every run, the
 * fuzz and property tests reach different mutants each time, so every incremental run (CI's
 * included) tested dozens of survivors again for nothing (64, 11 minutes, on 2026-12-02).
 * Normal test runs keep drawing new input.
 *
 * Each test also starts with no compiled regexes and no list of builtins: the process
 * outlives a mutant, and a regex compiled (or the list built) while another mutant (or none)
 * was switched on would be found in the cache, so a mutant of the pattern translation (or of
 * `builtins()`) would never meet the test that catches it.
 */
import fc from "fast-check";
import { beforeEach } from "vitest";
import { forgetBuiltins } from "../../src/api/builtins.js";
import { forgetCompiledRegexes } from "../../src/values/regex.js";

fc.configureGlobal({ seed: 20_261_202 });
beforeEach(() => {
  forgetCompiledRegexes();
  forgetBuiltins();
});
