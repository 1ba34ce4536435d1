/**
 * String arbitraries for the interner's property tests: short strings over a mix of
 * ASCII identifier characters, non-ASCII BMP characters, astral characters (surrogate
 * pairs) and lone surrogates, so collisions of prefixes and equal strings are frequent.
 */
import fc from "fast-check";

/** One "unit" of a generated string: 1 code unit, or 2 for an astral character. */
export const unitArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom("a", "b", "c", "_", "x", "1", " "), weight: 6 },
  { arbitrary: fc.constantFrom("é", "ß", "ж", "中", "\u0000", "\uffff"), weight: 2 },
  { arbitrary: fc.constantFrom("😀", "𝒳", "\u{10ffff}"), weight: 2 },
  { arbitrary: fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff"), weight: 2 },
);

/** Strings of 0 to 8 units (often equal to each other, often empty). */
export const smallStringArb: fc.Arbitrary<string> = fc.string({ unit: unitArb, maxLength: 8 });

/** A text with a slice inside it, the slice boundaries free to split surrogate pairs. */
export const textWithSliceArb: fc.Arbitrary<{ text: string; start: number; end: number }> = fc
  .tuple(fc.string({ unit: unitArb, maxLength: 40 }), fc.nat(), fc.nat())
  .map(([text, x, y]) => {
    const a = x % (text.length + 1);
    const b = y % (text.length + 1);
    return { text, start: Math.min(a, b), end: Math.max(a, b) };
  });
