/** A source's UTF-8 bytes and the map from UTF-16 offsets to byte offsets. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceBytes, WINDOW_UNITS, WINDOWED_SOURCE } from "../../src/syntax/source-bytes.js";

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

describe("SourceBytes.copy", () => {
  /** The bytes each copy wrote, in order, as one array. */
  function copies(bytes: SourceBytes, ranges: readonly (readonly [number, number])[]): Uint8Array {
    const out: number[] = [];
    const to = {
      bytes(src: Uint8Array, start: number, end: number) {
        for (let i = start; i < end; i++) out.push(src[i] as number);
      },
    };
    for (const [start, end] of ranges) bytes.copy(start, end, to);
    return Uint8Array.from(out);
  }

  /** What the copies should write: each range's text, encoded. */
  function expected(source: string, ranges: readonly (readonly [number, number])[]): Uint8Array {
    return encoder.encode(ranges.map(([start, end]) => source.slice(start, end)).join(""));
  }

  /** A source of about `WINDOWED_SOURCE` code units and more, numbered lines of ASCII. */
  function large(extra = 0): string {
    const lines: string[] = [];
    for (let n = 0, length = 0; length < WINDOWED_SOURCE + extra; n++) {
      const line = `line ${n} of static text, and some more\n`;
      lines.push(line);
      length += line.length;
    }
    return lines.join("");
  }

  const big = large(3 * WINDOW_UNITS);

  /** Ranges that cover [from, to) front to back, each `step` long (the last shorter). */
  function forward(from: number, to: number, step: number): [number, number][] {
    const ranges: [number, number][] = [];
    for (let at = from; at < to; at += step) ranges.push([at, Math.min(to, at + step)]);
    return ranges;
  }

  it("copies a large ASCII source front to back, across windows, exactly", () => {
    const ranges = forward(0, big.length, 1000);
    expect(Buffer.compare(copies(new SourceBytes(big), ranges), expected(big, ranges))).toBe(0);
  });

  it("copies ranges that skip ahead, start at a window's end and are longer than a window", () => {
    const w = WINDOW_UNITS;
    const ranges: [number, number][] = [
      [0, 10],
      [10, w], // ends where the first window ends
      [w, w + 1], // starts where it ends
      [3 * w + 5, 3 * w + 9], // far ahead
      [3 * w + 9, 5 * w + 1], // longer than a window
      [5 * w + 1, 5 * w + 2],
      [big.length - 3, big.length], // the end of the source
    ];
    expect(Buffer.compare(copies(new SourceBytes(big), ranges), expected(big, ranges))).toBe(0);
  });

  it("copies a range before the window (the document's text again), and everything after it", () => {
    const ranges: [number, number][] = [
      ...forward(0, 4 * WINDOW_UNITS, 777),
      [100, 200], // back before the window
      ...forward(4 * WINDOW_UNITS, 6 * WINDOW_UNITS, 555),
      [3, 4],
    ];
    expect(Buffer.compare(copies(new SourceBytes(big), ranges), expected(big, ranges))).toBe(0);
  });

  it("copies a large source with characters outside ASCII after ASCII windows, by their bytes", () => {
    const at = 2 * WINDOW_UNITS + 17;
    const source = `${big.slice(0, at)}é, € and 😀${big.slice(at)}`;
    const ranges = forward(0, source.length, 333).filter(
      // Not inside the surrogate pair: text pieces never start or end there.
      ([start, end]) =>
        !/[\udc00-\udfff]/.test(source[start] ?? "") && !/[\udc00-\udfff]/.test(source[end] ?? ""),
    );
    const joined: [number, number][] = ranges.map(([start], i) => [
      start,
      ranges[i + 1]?.[0] ?? source.length,
    ]);
    expect(Buffer.compare(copies(new SourceBytes(source), joined), expected(source, joined))).toBe(0);
  });

  it("copies from the bytes it was given, and from a small source's whole encoding", () => {
    const text = `${big.slice(0, 50)}é${big.slice(50, WINDOWED_SOURCE + 10)}`;
    const given = encoder.encode(text);
    const ranges: [number, number][] = [
      [0, 40],
      [45, 60],
      [30, 52],
      [WINDOWED_SOURCE, WINDOWED_SOURCE + 10],
    ];
    expect(Buffer.compare(copies(new SourceBytes(text, given), ranges), expected(text, ranges))).toBe(0);
    const small = "a small page: €5, no window\n";
    const some: [number, number][] = [
      [14, 16],
      [0, 13],
      [16, small.length],
    ];
    expect(Buffer.compare(copies(new SourceBytes(small), some), expected(small, some))).toBe(0);
  });

  it("writes nothing for an empty range, wherever it is", () => {
    const ranges: [number, number][] = [
      [5, 5],
      [WINDOW_UNITS * 4, WINDOW_UNITS * 4],
      [0, 3],
      [big.length, big.length],
    ];
    expect(Buffer.compare(copies(new SourceBytes(big), ranges), expected(big, ranges))).toBe(0);
  });

  it("copies any ranges of a large source with a character outside ASCII somewhere, exactly", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: big.length }),
        fc.array(fc.tuple(fc.nat({ max: big.length }), fc.nat({ max: 3 * WINDOW_UNITS })), { maxLength: 30 }),
        (at, picks) => {
          const source = `${big.slice(0, at)}ü${big.slice(at)}`;
          const ranges = picks
            .map(([start, length]): [number, number] => [start, Math.min(source.length, start + length)])
            .sort((a, b) => a[0] - b[0]);
          expect(Buffer.compare(copies(new SourceBytes(source), ranges), expected(source, ranges))).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("SourceBytes.copy at a window's last unit", () => {
  it("copies a character outside ASCII that is the last of a window by its bytes", () => {
    const filler = "static text\n".repeat(Math.ceil((WINDOWED_SOURCE + WINDOW_UNITS) / 12));
    // The window from offset 0 ends just after "é": its two bytes do not fit in the window.
    const source = `${filler.slice(0, WINDOW_UNITS - 1)}é${filler.slice(WINDOW_UNITS)}`;
    const ranges: [number, number][] = [
      [0, 10],
      [WINDOW_UNITS - 3, WINDOW_UNITS],
      [WINDOW_UNITS, WINDOW_UNITS + 4],
    ];
    const out: number[] = [];
    const bytes = new SourceBytes(source);
    for (const [start, end] of ranges)
      bytes.copy(start, end, { bytes: (src, from, to) => out.push(...src.subarray(from, to)) });
    expect(new TextDecoder().decode(Uint8Array.from(out))).toBe(
      ranges.map(([s, e]) => source.slice(s, e)).join(""),
    );
  });
});
