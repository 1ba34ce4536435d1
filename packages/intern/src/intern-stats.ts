/**
 * What an interner reports about itself.
 * @module
 */

/**
 * A snapshot of an {@link Interner}'s counters and table shape, from `stats()`.
 *
 * Counters (`lookups`, `hits`, `misses`, `bytesSaved`) accumulate over the interner's
 * life, across rollbacks; the rest describe the table as it is now.
 */
export interface InternStats {
  /** Distinct strings held (equals `size`). */
  distinct: number;
  /** Strings given by the `seed` option; ids `0 .. seeded - 1`. */
  seeded: number;
  /** Calls of `intern`, `internSlice`, `lookup`, `lookupSlice` and `has`. */
  lookups: number;
  /** Lookups that found the string already present. */
  hits: number;
  /** Lookups that did not (`lookups - hits`); for `intern*` each miss inserted a string. */
  misses: number;
  /** Estimated bytes of string data held: 2 bytes per UTF-16 code unit (V8 may use 1 for Latin-1). */
  bytesHeld: number;
  /**
   * Estimated bytes of strings a hit avoided creating: 2 bytes per code unit of every
   * `internSlice` / `lookupSlice` hit (no substring was made). `intern(str)` hits add
   * nothing, since the caller already built `str`.
   */
  bytesSaved: number;
  /** Mean number of slots probed to find a present string (1 = found at its home slot). */
  probeMean: number;
  /** Longest such probe. */
  probeMax: number;
  /** Slots in the hash table (a power of two). */
  capacity: number;
  /** `distinct / capacity`. */
  loadFactor: number;
}

/** The counters of {@link InternStats} that cost nothing to read: all but the probe figures. */
export type InternCounts = Omit<InternStats, "probeMean" | "probeMax">;
