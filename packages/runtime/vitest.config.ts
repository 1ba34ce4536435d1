import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      setupFiles: ["test/support/node-platform.ts"],
      // Tests run the TypeScript sources through Vite's module transform, whose extra
      // frames per call leave less JavaScript stack than the built package has. With the
      // default stack, deep XMD recursion can exhaust it inside the transform's module
      // getters, where the overflow surfaces as a TypeError instead of the RangeError the
      // runtime turns into "call depth exceeded". A larger stack lets maxCallDepth stop it
      // first, as it does in the built package (checked end to end by the CLI tests).
      execArgv: ["--stack-size=4000"],
    },
  }),
);
