/**
 * The Node build's platform (see ../../values/platform.ts): `yaml` and `re2js` loaded on
 * first use with `require` (a render that never reads YAML or makes a regex, most of them,
 * does not pay for loading them, and `require` keeps rendering synchronous), the heap read
 * with `v8.getHeapStatistics()`, and a full collection forced with Node's `gc`.
 * @module
 */
import { constants as bufferConstants } from "node:buffer";
import { createRequire } from "node:module";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type * as RE2Module from "re2js";
import type YAMLModule from "yaml";
import type { Platform } from "../../values/platform.js";

let yamlModule: typeof YAMLModule | null = null;
let re2Module: typeof RE2Module | null = null;

/** A full garbage collection, or null where none can be forced. Found on first need. */
let gc: (() => void) | null | undefined;

/** Forces a full collection; false where that is not possible. */
function collectGarbage(): boolean {
  if (gc === undefined) gc = findGc();
  if (gc === null) return false;
  gc();
  return true;
}

/**
 * Node's `gc()`: the global one when Node runs with `--expose-gc`, else one made the way
 * test runners make theirs (jest's leak detector): the flag is set just long enough for
 * a new context to get the function, then cleared, so nothing else sees a `gc` global.
 */
function findGc(): (() => void) | null {
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === "function") return global as () => void;
  try {
    setFlagsFromString("--expose-gc");
    const made = runInNewContext("gc") as unknown;
    return typeof made === "function" ? (made as () => void) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/** The platform of the Node build. */
export const NODE_PLATFORM: Platform = Object.freeze({
  yaml(): typeof YAMLModule {
    yamlModule ??= createRequire(import.meta.url)("yaml") as typeof YAMLModule;
    return yamlModule;
  },
  re2js(): typeof RE2Module {
    re2Module ??= createRequire(import.meta.url)("re2js") as typeof RE2Module;
    return re2Module;
  },
  heap: Object.freeze({ read: getHeapStatistics, collect: collectGarbage }),
  maxStringLength: bufferConstants.MAX_STRING_LENGTH,
});
