import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // One file at a time: the browser test starts Chromium, which is heavy on a 2-core machine.
      fileParallelism: false,
    },
  }),
);
