/**
 * The `node` (and default) entry of `@xmd/runtime`: runtimes render on the Node host (the
 * disk, programs under the exec policy) unless given another, and load `yaml` and `re2js`
 * on first use. The `browser` entry (./browser.ts) exports the same names.
 * @module
 */
import type { RuntimeOptions } from "./api/options.js";
import type { Runtime } from "./api/runtime.js";
import { NODE_HOST } from "./host/node/node-host.js";
import { NODE_PLATFORM } from "./host/node/platform.js";
import { createRuntimeOn } from "./runtime.js";

export * from "./public.js";

/**
 * Creates a runtime. See {@link RuntimeOptions} for memory mode, limits, host, root and
 * exec policy. The default host is the Node host: files on disk, and programs run under
 * `options.exec`.
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  return createRuntimeOn(options, NODE_HOST, NODE_PLATFORM);
}
