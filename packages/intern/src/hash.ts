/**
 * The one hash both `intern(str)` and `internSlice(text, start, end)` use, so that a
 * string and an equal slice of a larger text always land on the same table slot.
 * @module
 */

/** FNV-1a 32-bit offset basis. */
const FNV_OFFSET = 0x811c9dc5 | 0;
/** FNV-1a 32-bit prime. */
const FNV_PRIME = 0x01000193;

/**
 * Hashes the UTF-16 code units `text[start] .. text[end - 1]` (FNV-1a over code units,
 * then a murmur3-style finalizer so the low bits, which index the table, are well mixed).
 *
 * Works on any code units, including lone surrogates; never creates a substring.
 * The caller guarantees `0 <= start <= end <= text.length`.
 *
 * @param text - The string holding the slice.
 * @param start - Index of the first code unit (inclusive).
 * @param end - Index after the last code unit (exclusive).
 * @returns A signed 32-bit hash.
 *
 * @example
 * ```ts
 * hashSlice("let total", 4, 9) === hashString("total"); // true
 * ```
 */
export function hashSlice(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/**
 * Hashes a whole string; equal to `hashSlice(str, 0, str.length)`.
 *
 * @param str - The string to hash.
 * @returns A signed 32-bit hash.
 */
export function hashString(str: string): number {
  return hashSlice(str, 0, str.length);
}
