import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The leak test asks a real garbage collection whether dropped objects are still held.
export default mergeConfig(shared, defineConfig({ test: { execArgv: ["--expose-gc"] } }));
