/**
 * The point an interner can be rolled back to.
 * @module
 */

/**
 * A position in an interner's history, returned by {@link Interner.mark}: the number of
 * distinct strings at that moment. `rollback(mark)` drops every string interned after it.
 *
 * It is a branded number so it can be stored where a number is expected, but only a
 * value from `mark()` should be passed back.
 */
export type InternMark = number & { readonly __brand: "InternMark" };
