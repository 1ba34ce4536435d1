import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// End-to-end tests spawn real processes; the shared timeout already leaves them room.
export default mergeConfig(shared, defineConfig({}));
