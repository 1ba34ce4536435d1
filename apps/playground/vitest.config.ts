import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The browser tests share one built page and one Chromium; the files run one at a time.
      fileParallelism: false,
    },
  }),
);
