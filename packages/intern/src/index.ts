/**
 * `@xmd/intern` — a string interner: one copy of each distinct string, dense integer ids,
 * and lookup of a slice of a larger string without creating the substring.
 * @module
 */
export { hashSlice, hashString } from "./hash.js";
export type { InternMark } from "./intern-mark.js";
export type { InternCounts, InternStats } from "./intern-stats.js";
export { Interner, type InternerOptions } from "./interner.js";
