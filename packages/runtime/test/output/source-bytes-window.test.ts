/**
 * What `SourceBytes` promises about memory, beyond the bytes it copies (which
 * source-bytes.test.ts checks): a large ASCII source given as a string is copied through a
 * window of 64 Ki code units that slides forward and is reused, never through an encoding
 * of the whole document, unless a copy goes back before the window or the window meets a
 * character outside ASCII. And the byte offsets of lone surrogates, which `TextEncoder`
 * writes as U+FFFD (three bytes each).
 */
import { describe, expect, it } from "vitest";
import {
  type ByteTarget,
  SourceBytes,
  WINDOW_UNITS,
  WINDOWED_SOURCE,
} from "../../src/syntax/source-bytes.js";

const encoder = new TextEncoder();

/** A source of `WINDOWED_SOURCE` code units and more, numbered lines of ASCII. */
function large(extra = 0): string {
  const lines: string[] = [];
  for (let n = 0, length = 0; length < WINDOWED_SOURCE + extra; n++) {
    const line = `line ${n} of static text\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join("");
}

/** A target that keeps the arrays copies came from and the text they wrote. */
function recorder() {
  const arrays: Uint8Array[] = [];
  const written: number[] = [];
  const to: ByteTarget = {
    bytes(src, start, end) {
      arrays.push(src);
      for (let i = start; i < end; i++) written.push(src[i] as number);
    },
  };
  return { to, arrays, text: () => new TextDecoder().decode(Uint8Array.from(written)) };
}

describe("a large ASCII source given as a string", () => {
  const big = large(4 * WINDOW_UNITS);

  it("is copied front to back through one reused window, no larger than a window, never whole", () => {
    const bytes = new SourceBytes(big);
    expect(bytes.windowed).toBe(true);
    const { to, arrays, text } = recorder();
    const step = 1000;
    for (let at = 0; at < big.length; at += step) bytes.copy(at, Math.min(big.length, at + step), to);
    expect(text()).toBe(big);
    expect(bytes.windowed).toBe(true);
    expect(new Set(arrays).size).toBe(1);
    expect(arrays[0]?.length).toBe(WINDOW_UNITS);
  });

  it("takes a larger window for a copy longer than one, and keeps it", () => {
    const bytes = new SourceBytes(big);
    const { to, arrays, text } = recorder();
    bytes.copy(0, 10, to);
    bytes.copy(10, 2 * WINDOW_UNITS + 10, to);
    bytes.copy(2 * WINDOW_UNITS + 10, 2 * WINDOW_UNITS + 20, to);
    expect(text()).toBe(big.slice(0, 2 * WINDOW_UNITS + 20));
    expect(bytes.windowed).toBe(true);
    expect(arrays.map((a) => a.length)).toEqual([WINDOW_UNITS, 2 * WINDOW_UNITS, 2 * WINDOW_UNITS]);
    expect(arrays[1]).toBe(arrays[2]);
  });

  it("keeps its window through empty copies, wherever they are", () => {
    const bytes = new SourceBytes(big);
    const { to, text } = recorder();
    bytes.copy(3 * WINDOW_UNITS, 3 * WINDOW_UNITS + 5, to);
    bytes.copy(10, 10, to); // before the window, but empty
    bytes.copy(3 * WINDOW_UNITS + 5, 3 * WINDOW_UNITS + 9, to);
    expect(text()).toBe(big.slice(3 * WINDOW_UNITS, 3 * WINDOW_UNITS + 9));
    expect(bytes.windowed).toBe(true);
  });

  it("gives up its window for the whole encoding when a copy goes back before it", () => {
    const bytes = new SourceBytes(big);
    const { to, text } = recorder();
    bytes.copy(2 * WINDOW_UNITS, 2 * WINDOW_UNITS + 4, to);
    bytes.copy(2 * WINDOW_UNITS + 4, 2 * WINDOW_UNITS + 8, to);
    expect(bytes.windowed).toBe(true);
    bytes.copy(2 * WINDOW_UNITS - 1, 2 * WINDOW_UNITS, to);
    expect(bytes.windowed).toBe(false);
    expect(text()).toBe(big.slice(2 * WINDOW_UNITS, 2 * WINDOW_UNITS + 8) + big[2 * WINDOW_UNITS - 1]);
  });

  it("gives up its window when the window meets a character outside ASCII", () => {
    const at = WINDOW_UNITS + 100;
    const source = `${big.slice(0, at)}é${big.slice(at)}`;
    const bytes = new SourceBytes(source);
    const { to, text } = recorder();
    bytes.copy(0, 10, to);
    expect(bytes.windowed).toBe(true);
    bytes.copy(WINDOW_UNITS, WINDOW_UNITS + 10, to); // the window from here holds the é
    expect(bytes.windowed).toBe(false);
    expect(text()).toBe(source.slice(0, 10) + source.slice(WINDOW_UNITS, WINDOW_UNITS + 10));
  });
});

describe("sources that are not windowed", () => {
  it("are a small source and a large one given as bytes", () => {
    expect(new SourceBytes("a small page\n").windowed).toBe(false);
    expect(new SourceBytes("x".repeat(WINDOWED_SOURCE - 1)).windowed).toBe(false);
    expect(new SourceBytes("x".repeat(WINDOWED_SOURCE)).windowed).toBe(true);
    const text = large();
    expect(new SourceBytes(text, encoder.encode(text)).windowed).toBe(false);
  });

  it("given as bytes, know whether they are ASCII from the bytes' length", () => {
    expect(new SourceBytes("abc", encoder.encode("abc")).ascii).toBe(true);
    expect(new SourceBytes("é", encoder.encode("é")).ascii).toBe(false);
  });
});

describe("byte offsets of lone surrogates", () => {
  /** Byte offsets after each code unit of `s`, and what TextEncoder makes of each prefix. */
  function offsets(s: string): { mapped: number[]; encoded: number[] } {
    const bytes = new SourceBytes(s);
    const mapped: number[] = [];
    const encoded: number[] = [];
    for (let i = 0; i <= s.length; i++) {
      mapped.push(bytes.byteOffset(i));
      encoded.push(encoder.encode(s.slice(0, i)).length);
    }
    return { mapped, encoded };
  }

  it("count three bytes each, after any character, and after each other", () => {
    for (const [s, expected] of [
      ["a\udc00", [0, 1, 4]],
      ["\udc00\udc00", [0, 3, 6]],
      ["é\udc00", [0, 2, 5]],
      ["\ud800\ue000", [0, 3, 6]],
      ["\ud800", [0, 3]],
      ["\ud800a", [0, 3, 4]],
    ] as const) {
      const { mapped, encoded } = offsets(s);
      expect(mapped, JSON.stringify(s)).toEqual(expected);
      expect(encoded).toEqual(expected);
    }
  });

  it("but a pair counts four, wherever its second half falls in its range", () => {
    // U+10000 and U+10FFFF: second halves 0xDC00 and 0xDFFF, the ends of their range.
    for (const s of ["\ud800\udc00!", "\udbff\udfff!"]) expect(new SourceBytes(s).byteOffset(3), s).toBe(5);
  });
});
