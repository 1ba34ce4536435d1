// Mutation testing (`pnpm --filter @xmd/runtime mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

// The runtime is measured a part at a time (a full run of all of src/ is some 13,000
// mutants: hours on two cores); README "Mutation testing" lists the parts measured so far.
// breakAt: the last full run's score less one point, rounded down (91.8% on 2026-12-02, README).
export default strykerConfig(import.meta.url, {
  breakAt: 90,
  mutate: [
    "src/output/text-builder.ts",
    "src/compile/text-append.ts",
    "src/output/number-bytes.ts",
    "src/output/chunk-pool.ts",
    "src/output/join-text.ts",
    "src/output/utf8-length.ts",
  ],
});
