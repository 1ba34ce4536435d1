/**
 * Numbers written as bytes: every text `writeNumberFrom` writes must be `String(n)`'s
 * (JavaScript's shortest form, `-0` as `0`), and a number it cannot write exactly must be
 * left to the caller (-1, nothing written). The sink's `number()` must write what
 * `text(String(n))` writes, near the chunk's end and the limit too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, ChunkPool } from "../../src/output/chunk-pool.js";
import { NUMBER_BYTES, writeNumberFrom } from "../../src/output/number-bytes.js";
import { OutputSink } from "../../src/output/output-sink.js";
import { TextOutput } from "../../src/output/text-output.js";
import { RuntimeFault } from "../../src/values/fault.js";

const decoder = new TextDecoder();

/** What writeNumberFrom writes for `v`, or null when it leaves `v` to the caller. */
function written(v: number): string | null {
  const out = new Uint8Array(NUMBER_BYTES + 8).fill(0x7e);
  const end = writeNumberFrom(out, 4, Float64Array.of(v), 0);
  if (end < 0) {
    expect(out.every((b) => b === 0x7e)).toBe(true);
    return null;
  }
  expect(end - 4).toBeLessThanOrEqual(NUMBER_BYTES);
  expect(out[end]).toBe(0x7e);
  return decoder.decode(out.subarray(4, end));
}

function agrees(v: number): void {
  const text = written(v);
  if (text !== null) expect(text, `for ${v}`).toBe(String(v));
}

describe("writeNumberFrom", () => {
  it("writes whole numbers, zeros and negatives as String does", () => {
    for (const v of [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99,
      100,
      12345,
      -98765,
      2 ** 31,
      -(2 ** 31),
      2 ** 53 - 1,
      -(2 ** 53 - 1),
    ])
      expect(written(v)).toBe(String(v));
    expect(written(-0)).toBe("0");
    for (let p = 1; p < 1e16; p *= 10) {
      expect(written(p)).toBe(String(p));
      expect(written(p - 1)).toBe(String(p - 1));
    }
  });

  it("writes short decimals as String does", () => {
    for (const v of [
      0.5, -0.5, 37.5, 0.25, 19.99, 0.1, 0.05, 0.000001, 1.000001, 123456.789, -0.125, 4503.599627,
    ])
      expect(written(v)).toBe(String(v));
    // Every price × quantity of the bench's W2, and every cent amount up to 1,000.
    for (let q = 0; q < 10; q++) for (let h = 1; h <= 40; h++) agrees(q * (h / 2 + 0.5));
    for (let c = 0; c < 100_000; c++) expect(written(c / 100)).toBe(String(c / 100));
  });

  it("writes the digits around every multiple of 10^8, where the whole part is cut in two", () => {
    for (const k of [1, 2, 9, 10, 12345, 9_007_199, 90_071_992]) {
      for (const d of [-1, 0, 1]) {
        const v = k * 1e8 + d;
        if (v < 2 ** 53) {
          expect(written(v)).toBe(String(v));
          expect(written(-v)).toBe(String(-v));
        }
      }
    }
    for (const v of [99_999_999.5, 100_000_000.25, 123_456_789.125, 4_503_599_627_370.5, 2 ** 53 - 1])
      expect(written(v)).toBe(String(v));
  });

  it("leaves numbers it cannot write exactly to the caller", () => {
    for (const v of [
      0.1 + 0.2,
      1 / 3,
      Math.PI,
      1e-7,
      0.0000005,
      2 ** 53,
      -(2 ** 53),
      1e21,
      1e300,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ])
      expect(written(v), `for ${v}`).toBeNull();
  });

  it("agrees with String on any double it writes", () => {
    fc.assert(
      fc.property(fc.double(), (v) => agrees(v)),
      { numRuns: 20_000 },
    );
  });

  it("agrees with String on decimals of up to eight places, near the limits of exactness", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 8 }),
        (i, places) => agrees(i / 10 ** places),
      ),
      { numRuns: 50_000 },
    );
    // Around 2^50, where the scaled value leaves the exact range.
    for (let k = -3000; k <= 3000; k++) for (const f of [1, 2, 3, 6]) agrees((2 ** 50 + k) / 10 ** f);
  });

  it("writes every number with at most six places that is not too large", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 0, max: 6 }),
        (i, places) => {
          const v = i / 10 ** places;
          expect(written(v)).toBe(String(v));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe("OutputSink.number", () => {
  it("writes what text(String(n)) writes, across chunk ends", () => {
    const values = [37.5, -0, 12, 0.1 + 0.2, 1e21, Number.NaN, -4.25, 2 ** 53, 1e-7];
    for (let fill = CHUNK_BYTES - 30; fill <= CHUNK_BYTES; fill++) {
      const a = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
      const b = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
      const pad = "x".repeat(fill);
      a.text(pad);
      b.text(pad);
      for (const v of values) {
        a.number(v);
        b.text(String(v));
      }
      expect(a.byteLength).toBe(b.byteLength);
      expect(a.toString()).toBe(b.toString());
    }
  });

  it("stops at the output limit as text does, writing nothing of the number", () => {
    for (let limit = 2; limit < 12; limit++) {
      const sink = new OutputSink(new ChunkPool(), limit);
      sink.text("ab");
      let thrown: unknown = null;
      try {
        sink.number(-1234.5);
      } catch (e) {
        thrown = e;
      }
      if (limit >= 9) {
        expect(thrown).toBeNull();
        expect(sink.toString()).toBe("ab-1234.5");
      } else {
        expect(thrown).toBeInstanceOf(RuntimeFault);
        expect(sink.toString()).toBe("ab");
      }
    }
  });
});

describe("Output.parts", () => {
  /** A printed line's parts as `parts()` takes them: texts, and numbers where a text is null. */
  const split = (parts: readonly (string | number)[]) => ({
    texts: parts.map((p) => (typeof p === "string" ? p : null)),
    numbers: Float64Array.from(parts, (p) => (typeof p === "number" ? p : 0)),
  });

  it("writes a printed line's parts and its end, the same on both outputs", () => {
    const { texts, numbers } = split(["- ", "item-7", ": ", 37.5, " ", 0.1 + 0.2, "é"]);
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    const text = new TextOutput(Number.MAX_SAFE_INTEGER);
    for (const out of [sink, text]) {
      out.parts(texts, numbers, texts.length, "\n");
      out.parts(texts, numbers, 2, "");
    }
    const expected = `- item-7: 37.5 ${0.1 + 0.2}é\n- item-7`;
    expect(sink.toString()).toBe(expected);
    expect(text.toString()).toBe(expected);
    expect(sink.byteLength).toBe(text.byteLength);
  });

  it("stops at the limit after the parts that fit", () => {
    const { texts, numbers } = split(["abcd", 1234, "efgh"]);
    for (const out of [new OutputSink(new ChunkPool(), 10), new TextOutput(10)]) {
      expect(() => out.parts(texts, numbers, 3, "\n")).toThrow(RuntimeFault);
      expect(out.toString()).toBe("abcd1234");
    }
  });
});
