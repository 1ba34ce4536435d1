import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Under mutation testing, the random tests draw from a fixed seed (see the file).
      setupFiles: [
        "test/support/node-platform.ts",
        ...(process.env.STRYKER_MUTATOR_WORKER === undefined ? [] : ["test/support/mutation-seed.ts"]),
      ],
      // Tests run the TypeScript sources through Vite's module transform, whose extra
      // frames per call leave less JavaScript stack than the built package has. With the
      // default stack, deep XMD recursion can exhaust it inside the transform's module
      // getters, where the overflow surfaces as a TypeError instead of the RangeError the
      // runtime turns into "call depth exceeded". A larger stack lets maxCallDepth stop it
      // first, as it does in the built package (checked end to end by the CLI tests).
      // Under mutation testing (Stryker sets STRYKER_MUTATOR_WORKER) the tests run in worker
      // threads, which refuse the flag; they pass there without it (checked 2026-12-02).
      execArgv: process.env.STRYKER_MUTATOR_WORKER === undefined ? ["--stack-size=4000"] : [],
    },
  }),
);
