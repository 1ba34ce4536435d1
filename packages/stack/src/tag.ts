/**
 * What a value-stack slot holds. A plain object rather than a `const enum`, so it works
 * with `isolatedModules` and across package boundaries.
 * @module
 */
export const Tag = { Null: 0, Bool: 1, Number: 2, Ref: 3 } as const;

/** One of the {@link Tag} values. */
export type TagValue = (typeof Tag)[keyof typeof Tag];
