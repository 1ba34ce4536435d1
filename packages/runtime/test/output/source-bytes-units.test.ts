/**
 * The byte offsets `SourceBytes` maps UTF-16 offsets to, for every short string made of the
 * code units at the edges of UTF-8's byte counts and of the surrogate ranges: a character
 * outside ASCII before a lone second half, a lone first half before a character outside
 * ASCII, U+0080 and U+0800 (the first of two and of three bytes), and the same strings at
 * the end of a source of exactly 64 code units, where the map's last checkpoint is the
 * source's end. The property test of source-bytes.test.ts draws random code points, which
 * seldom fall on these edges or next to a lone surrogate.
 */
import { describe, expect, it } from "vitest";
import { SourceBytes } from "../../src/syntax/source-bytes.js";

const encoder = new TextEncoder();

/** Code units at the edges: ASCII's last, 2 bytes' first and last, 3 bytes' first, around the surrogates, the last. */
const UNITS = [
  "a",
  "\u007f",
  "\u0080",
  "\u07ff",
  "\u0800",
  "\u20ac",
  "\ud7ff",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\ue000",
  "\uffff",
];

/** Every string of one to three of the units. */
function shortStrings(): string[] {
  const out: string[] = [];
  for (const a of UNITS) {
    out.push(a);
    for (const b of UNITS) {
      out.push(a + b);
      for (const c of UNITS) out.push(a + b + c);
    }
  }
  return out;
}

/** Whether offset `i` falls between the two halves of a pair (no text piece starts or ends there). */
function insidePair(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const b = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && b >= 0xd800 && b <= 0xdbff;
}

/** The offsets from `from` on that `SourceBytes` gives and `TextEncoder`'s count of the text before them does not. */
function wrongOffsets(source: string, from = 0): string[] {
  const bytes = new SourceBytes(source);
  const wrong: string[] = [];
  for (let i = from; i <= source.length; i++) {
    if (insidePair(source, i)) continue;
    const want = encoder.encode(source.slice(0, i)).length;
    const got = bytes.byteOffset(i);
    if (got !== want) wrong.push(`${JSON.stringify(source)} at ${i}: ${got}, not ${want}`);
  }
  return wrong;
}

describe("byte offsets at the edges of UTF-8 and of the surrogates", () => {
  it("are TextEncoder's for every string of one to three edge units", () => {
    expect(shortStrings().flatMap(wrongOffsets)).toEqual([]);
  });

  it("are TextEncoder's for those strings ending a source of 64 code units, its end included", () => {
    // The source's end is then a checkpoint of the map (the 64th code unit's), not a step from one.
    const wrong = shortStrings().flatMap((s) => wrongOffsets(`\u00e9${"a".repeat(63 - s.length)}${s}`, 60));
    expect(wrong).toEqual([]);
  });

  it("count a character outside ASCII before a lone second half, and a lone first half before one, as three bytes each", () => {
    expect(new SourceBytes("\u20ac\udc00").byteOffset(2)).toBe(6);
    expect(new SourceBytes("\ud800\u20ac").byteOffset(2)).toBe(6);
    expect(new SourceBytes("\u0080\u0800!").byteOffset(2)).toBe(5);
  });
});
