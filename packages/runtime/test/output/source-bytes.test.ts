/** A source's UTF-8 bytes and the map from UTF-16 offsets to byte offsets. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceBytes } from "../../src/syntax/source-bytes.js";

const encoder = new TextEncoder();

describe("SourceBytes", () => {
  it("maps offsets of an ASCII source to themselves, without a map", () => {
    const bytes = new SourceBytes("plain text\n");
    expect(bytes.ascii).toBe(true);
    expect([0, 5, 11].map((i) => bytes.byteOffset(i))).toEqual([0, 5, 11]);
  });

  it("maps every offset between characters to the byte offset TextEncoder gives", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (source) => {
        const bytes = new SourceBytes(source);
        expect(Buffer.compare(bytes.bytes, encoder.encode(source))).toBe(0);
        for (let i = 0; i <= source.length; i++) {
          const c = source.charCodeAt(i);
          // Not inside a surrogate pair: text pieces never start or end there.
          const inPair = c >= 0xdc00 && c <= 0xdfff && /[\ud800-\udbff]/.test(source[i - 1] ?? "");
          if (!inPair) expect(bytes.byteOffset(i)).toBe(encoder.encode(source.slice(0, i)).length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("uses the bytes it is given (a document read as bytes)", () => {
    const given = encoder.encode(
      "é€😀 and more than sixty-four characters of text after them, to pass one checkpoint",
    );
    const bytes = new SourceBytes(new TextDecoder().decode(given), given);
    expect(bytes.bytes).toBe(given);
    expect(bytes.ascii).toBe(false);
    expect(bytes.byteOffset(bytes.source.length)).toBe(given.length);
  });
});
