// Mutation testing (`pnpm --filter PKG mutate`); the settings are in ../../stryker.shared.mjs.
import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, { breakAt: 50 });
