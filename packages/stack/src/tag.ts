/**
 * What a value-stack slot holds. A plain object rather than a `const enum`, so it works
 * with `isolatedModules` and across package boundaries.
 * @module
 */
export const Tag = {
  /** null (and undefined). */
  Null: 0,
  /** A boolean, as 0/1 in the number column. */
  Bool: 1,
  /** A number, unboxed in the float64 column. */
  Number: 2,
  /** A JS object or string, in the side table. */
  Ref: 3,
  /** An int32 handle, unboxed in the int32 column. */
  Handle: 4,
} as const;

/** One of the {@link Tag} values. */
export type TagValue = (typeof Tag)[keyof typeof Tag];
