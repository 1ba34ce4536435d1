// Mutation testing (`pnpm --filter PKG mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

// The memory test needs a real garbage collection (see vitest.config.ts).
// breakAt: the last full run's score less one point, rounded down (92.6% on 2026-12-01, README).
export default strykerConfig(import.meta.url, { breakAt: 91, nodeArgs: ["--expose-gc"] });
