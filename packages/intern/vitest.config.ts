import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The tests of what a stored slice keeps alive ask a real garbage collection. Under mutation
// testing (Stryker sets STRYKER_MUTATOR_WORKER) the tests run in worker threads, which refuse
// the flag; Stryker gives it to their process instead (stryker.config.mjs).
const execArgv = process.env.STRYKER_MUTATOR_WORKER === undefined ? ["--expose-gc"] : [];

export default mergeConfig(shared, defineConfig({ test: { execArgv } }));
