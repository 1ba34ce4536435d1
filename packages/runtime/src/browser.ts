/**
 * The `browser` entry of `@xmd/runtime`, which bundlers pick by the `browser` export
 * condition: the same core and the same exports as the Node entry, with no `node:` module
 * anywhere. Runtimes render on a memory host (files in a map, no exec) unless given another;
 * `yaml` and `re2js` are imported statically, so the bundler includes them (a browser cannot
 * load them on first use as Node does); the JavaScript heap cannot be read, so the memory
 * rule (`limits.maxMemoryMb`) is off and the browser's own heap limit for the page applies.
 * @module
 */
import * as RE2 from "re2js";
import * as YAML from "yaml";
import type { RuntimeOptions } from "./api/options.js";
import type { Runtime } from "./api/runtime.js";
import { createMemoryHost } from "./host/memory/memory-host.js";
import { createRuntimeOn } from "./runtime.js";
import type { Platform } from "./values/platform.js";

export * from "./public.js";

/** The browser build's platform: the libraries bundled, no heap readings. */
const BROWSER_PLATFORM: Platform = Object.freeze({
  yaml: () => YAML,
  re2js: () => RE2,
  heap: null,
  // V8's limit (Chrome, Edge); Firefox and Safari allow longer strings.
  maxStringLength: 2 ** 29 - 24,
});

/**
 * Creates a runtime. See {@link RuntimeOptions} for memory mode, limits, host, root and
 * exec policy. The default host is a new, empty memory host (`createMemoryHost()`): pass
 * `host: createMemoryHost({ "/index.md": text, … })` to give documents files to import.
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  return createRuntimeOn(options, options.host ?? createMemoryHost(), BROWSER_PLATFORM);
}
