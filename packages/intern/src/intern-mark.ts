/**
 * The point an interner can be rolled back to.
 * @module
 */

/**
 * A position in an interner's history, returned by {@link Interner.mark}.
 * `rollback(mark)` drops every string interned after it.
 *
 * Opaque on purpose: the interner checks that a mark is its own and still valid (not
 * rolled back past), which a plain number could not tell.
 */
export interface InternMark {
  /** The interner's size when the mark was taken. */
  readonly size: number;
  readonly __brand: "InternMark";
}
