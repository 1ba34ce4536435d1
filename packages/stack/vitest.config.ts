import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The leak test asks a real garbage collection whether dropped objects are still held.
// Under mutation testing (Stryker sets STRYKER_MUTATOR_WORKER) the tests run in worker
// threads, which refuse the flag; Stryker gives it to their process instead (stryker.config.mjs).
const execArgv = process.env.STRYKER_MUTATOR_WORKER === undefined ? ["--expose-gc"] : [];

export default mergeConfig(shared, defineConfig({ test: { execArgv } }));
