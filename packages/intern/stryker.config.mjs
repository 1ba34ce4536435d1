// Mutation testing (`pnpm --filter PKG mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

// The tests of what a stored slice keeps alive need a real garbage collection (see vitest.config.ts).
// breakAt: the last run's score less one point, rounded down (95.3% on 2026-12-01, README).
export default strykerConfig(import.meta.url, { breakAt: 94, nodeArgs: ["--expose-gc"] });
