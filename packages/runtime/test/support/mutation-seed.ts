/**
 * Setup for mutation runs only (vitest.config.ts adds it when Stryker runs the tests).
 *
 * The property and fuzz tests draw from one fixed seed there, as every package's do: the
 * shared config adds ../../../../vitest.mutation-seed.ts, which says why.
 *
 * Each test also starts with no compiled regexes and no list of builtins: the process
 * outlives a mutant, and a regex compiled (or the list built) while another mutant (or none)
 * was switched on would be found in the cache, so a mutant of the pattern translation (or of
 * `builtins()`) would never meet the test that catches it.
 */
import { beforeEach } from "vitest";
import { forgetBuiltins } from "../../src/api/builtins.js";
import { forgetCompiledRegexes } from "../../src/values/regex.js";

beforeEach(() => {
  forgetCompiledRegexes();
  forgetBuiltins();
});
