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
      // Under mutation testing the test files share one module graph instead of each
      // loading the runtime afresh (`isolate: false`): Stryker switches mutants on at run
      // time, not by reloading code, and a run's tests often span dozens of files, whose
      // imports cost more than their tests. Checked on 2026-12-03: `resolve/` gave the same
      // result for each of its 261 mutants both ways: 17 minutes on one core, where the
      // isolated run beside it had tested 206 of them when stopped after 21.
      isolate: process.env.STRYKER_MUTATOR_WORKER === undefined,
    },
  }),
);
