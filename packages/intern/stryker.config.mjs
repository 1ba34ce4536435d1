// Mutation testing (`pnpm --filter PKG mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

// The tests of what a stored slice keeps alive need a real garbage collection (see vitest.config.ts).
export default strykerConfig(import.meta.url, { breakAt: 50, nodeArgs: ["--expose-gc"] });
