/**
 * The tests of the reading core, for its part of mutation testing (stryker.reading.config.mjs):
 * the package's vitest config with only the tests of reading (the lexer, the parser and its
 * trees, interpolation, reading's limits), of the language's forms, which read every
 * construct the parser knows, of memory (`test/memory.test.ts`: the node store's slots,
 * pages and counts, which no test of reading looks at), and of the documents that read the
 * forms the rest do not: classic directives and the C tool's documents (`c-era`,
 * `document/`), loops, the examples and the language's own docs (added 2026-12-05 with the
 * parser's larger files; without them a third of `set.ts`'s mutants had no covering test).
 *
 * Why a part of its own: every test reads a document, so every test covers every mutant
 * of the lexer and the parser. Measured against the whole suite, a mutant that survives
 * costs a run of all of it (about 1 min 45 s of a worker), and there were hours of them.
 * Against these tests a survivor costs seconds. The score is a floor: a mutant these tests
 * miss counts as survived even when some other test of the suite would have caught it.
 *
 * Left out: `test/reading/linear.test.ts` and `deep-classic-spans.test.ts`, which read
 * documents of hundreds of thousands of lines to show that reading stays linear and that
 * deep nesting ends in its limit. They took 14 of these tests' 20 seconds (2026-12-05), and
 * every survivor would pay for them; a mutant that only they notice counts as survived.
 */
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

export const READING_TESTS = [
  "test/syntax/**/*.test.ts",
  "test/reading/bom.test.ts",
  "test/reading/depth-bound.test.ts",
  "test/reading/limits.test.ts",
  "test/reading/nesting.test.ts",
  "test/reading/scanner.test.ts",
  "test/lexer.test.ts",
  "test/regex-lexing.test.ts",
  "test/parser.test.ts",
  "test/resolver.test.ts",
  "test/literals.test.ts",
  "test/expressions.test.ts",
  "test/statements.test.ts",
  "test/binding-names.test.ts",
  "test/classes.test.ts",
  "test/members.test.ts",
  "test/functions.test.ts",
  "test/generators.test.ts",
  "test/markdown/**/*.test.ts",
  "test/memory.test.ts",
  "test/c-era.test.ts",
  "test/document/**/*.test.ts",
  "test/loops.test.ts",
  "test/control-flow.test.ts",
  "test/examples.test.ts",
  "test/language-docs.test.ts",
];

export default defineConfig({ ...base, test: { ...base.test, include: READING_TESTS } });
