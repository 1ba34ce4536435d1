// Mutation testing (`pnpm --filter PKG mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

// The memory test needs a real garbage collection (see vitest.config.ts).
export default strykerConfig(import.meta.url, { breakAt: 50, nodeArgs: ["--expose-gc"] });
