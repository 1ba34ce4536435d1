/**
 * Makes the Node build's platform current before every test file: tests that call the
 * core's modules directly (a YAML parser, a regex, a budget) run without a runtime, which
 * is what sets the platform otherwise (see src/values/platform.ts).
 */
import { NODE_PLATFORM } from "../../src/host/node/platform.js";
import { usePlatform } from "../../src/values/platform.js";

usePlatform(NODE_PLATFORM);
