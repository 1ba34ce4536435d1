/**
 * Settings every package's vitest config starts from (each merges its own on top).
 *
 * CI runs every package's tests, type-check and lint at once on a 2-core machine that
 * other jobs share, so a test that takes 0.2 s alone can take 20 times as long there.
 * The timeout is a hang detector, not a speed check (no test asserts a wall-clock time):
 * it is set far above any test's honest running time so that load alone never fails one.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // toThrow("text") and toThrow(/pattern/) demand a thrown Error (see the file); under
    // mutation testing, property tests draw from a fixed seed (see that file).
    setupFiles: [
      fileURLToPath(new URL("./vitest.thrown-errors.ts", import.meta.url)),
      ...(process.env.STRYKER_MUTATOR_WORKER === undefined
        ? []
        : [fileURLToPath(new URL("./vitest.mutation-seed.ts", import.meta.url))]),
    ],
    // 60 s was not enough: a VitePress build in a beforeAll took longer on a loaded
    // machine (2026-12-02), though it takes about 10 s alone.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
