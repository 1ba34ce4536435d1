/**
 * The one error type pools throw for misuse and exhaustion.
 * @module
 */

/** What went wrong, in one word a program can switch on. */
export type PoolErrorKind = "double-free" | "stale-handle" | "invalid-handle" | "capacity";

/**
 * Thrown by a pool when a handle is misused (checked mode) or a `maxCapacity`
 * would be exceeded (always). The message names the pool, the slot and what
 * happened, e.g. `pool "ast": double free of slot 12 (generation 3): the slot is already free`.
 */
export class PoolError extends Error {
  /** Name of the pool that threw. */
  readonly pool: string;
  /** Slot index the bad handle points at, or -1 when there is none (capacity, or not a handle at all). */
  readonly slot: number;
  /** What happened. */
  readonly kind: PoolErrorKind;

  /** Builds the error; `detail` is appended to `pool "<name>": `. */
  constructor(pool: string, slot: number, kind: PoolErrorKind, detail: string) {
    super(`pool "${pool}": ${detail}`);
    this.name = "PoolError";
    this.pool = pool;
    this.slot = slot;
    this.kind = kind;
  }
}
