/**
 * What differs between the Node build and the browser build, other than the host: how the
 * two libraries the core uses are loaded, and whether the JavaScript heap can be read.
 *
 * Why this is not part of the {@link Host}: a host is the machine a document touches
 * (files, programs, clock), and a page may render through the memory host inside Node as
 * well as in a browser; how code is loaded depends only on the build. The Node entry
 * loads `yaml` and `re2js` on first use with `createRequire` (each costs tens of
 * milliseconds to load, which most renders never need, and `require` keeps rendering
 * synchronous); a browser bundle cannot `require`, so the browser entry imports them
 * statically and the bundler includes them. Each entry hands its platform to the runtimes
 * it creates, and a run makes its runtime's platform the current one when it starts
 * (runs are synchronous, so the run that is executing is the one that set it).
 * @module
 */
import type * as RE2Module from "re2js";
import type YAMLModule from "yaml";

/** The two numbers of `v8.getHeapStatistics()` the memory rule reads (see ./budget.ts). */
export interface HeapReading {
  used_heap_size: number;
  heap_size_limit: number;
}

/** Reading and collecting the JavaScript heap, where the platform allows it. */
export interface HeapAccess {
  /** The heap now. */
  read(): HeapReading;
  /** Forces a full garbage collection; false where that is not possible. */
  collect(): boolean;
}

/** What one build of the runtime provides to its core. */
export interface Platform {
  /** The `yaml` library. */
  yaml(): typeof YAMLModule;
  /** The `re2js` library. */
  re2js(): typeof RE2Module;
  /** The heap, or null where it cannot be read (browsers): the memory rule is then off. */
  readonly heap: HeapAccess | null;
  /** The most UTF-16 code units one string may hold on this platform. */
  readonly maxStringLength: number;
}

let current: Platform | null = null;

/** Makes `next` the platform the core uses (each run does it for its runtime's). */
export function usePlatform(next: Platform): void {
  current = next;
}

/** The current platform; an error when no runtime was created through an entry of the package. */
export function platform(): Platform {
  if (current === null) {
    throw new Error(
      "@xmd/runtime: no platform is set; create the runtime with createRuntime from the package",
    );
  }
  return current;
}
