/**
 * The output sink: UTF-8 in pooled chunks. Every test compares with what `TextEncoder`
 * makes of the same text, and checks that every chunk handed out is valid UTF-8 on its
 * own (chunks end on character boundaries).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, ChunkPool, FreshChunks } from "../../src/output/chunk-pool.js";
import { OutputSink } from "../../src/output/output-sink.js";
import { utf8Length } from "../../src/output/utf8-length.js";
import { RuntimeFault } from "../../src/values/fault.js";

const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A sink streaming into a list of copied chunks. */
function streamed(pool = new ChunkPool(), limit = Number.MAX_SAFE_INTEGER) {
  const chunks: Uint8Array[] = [];
  const sink = new OutputSink(pool, limit);
  sink.stream((bytes) => chunks.push(bytes.slice()));
  const bytes = () => {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  };
  return { sink, chunks, pool, bytes };
}

/** Byte arrays equal (compared natively: element by element, large arrays are slow to compare). */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(actual, expected)).toBe(0);
}

/** Every chunk at most CHUNK_BYTES and valid UTF-8 by itself. */
function expectWholeCharacters(chunks: readonly Uint8Array[]): void {
  for (const c of chunks) {
    expect(c.length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(() => strict.decode(c)).not.toThrow();
  }
}

const filler = (n: number) => "x".repeat(n);

describe("OutputSink.text", () => {
  it("writes ASCII across chunk boundaries, every chunk full", () => {
    const { sink, chunks, bytes } = streamed();
    const piece = "0123456789abcdef".repeat(100); // 1 600 bytes
    for (let i = 0; i < 200; i++) sink.text(piece);
    sink.end();
    expect(chunks.length).toBe(Math.ceil((piece.length * 200) / CHUNK_BYTES));
    for (const c of chunks.slice(0, -1)) expect(c.length).toBe(CHUNK_BYTES);
    expect(new TextDecoder().decode(bytes())).toBe(piece.repeat(200));
    expect(sink.byteLength).toBe(piece.length * 200);
  });

  it.each([
    ["é (2 bytes)", 1, "é"],
    ["€ (3 bytes)", 1, "€"],
    ["€ (3 bytes)", 2, "€"],
    ["😀 (a surrogate pair, 4 bytes)", 1, "😀"],
    ["😀 (a surrogate pair, 4 bytes)", 2, "😀"],
    ["😀 (a surrogate pair, 4 bytes)", 3, "😀"],
  ])("moves %s to the next chunk when %i bytes are left in this one", (_, left, char) => {
    const { sink, chunks, bytes } = streamed();
    sink.text(filler(CHUNK_BYTES - left));
    sink.text(`${char}tail`);
    sink.end();
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_BYTES - left, encoder.encode(`${char}tail`).length]);
    expectWholeCharacters(chunks);
    expectSameBytes(bytes(), encoder.encode(`${filler(CHUNK_BYTES - left)}${char}tail`));
  });

  it("writes a character that fits exactly into the last bytes of a chunk", () => {
    const { sink, chunks } = streamed();
    sink.text(filler(CHUNK_BYTES - 4));
    sink.text("😀");
    sink.text("y");
    sink.end();
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_BYTES, 1]);
  });

  it("encodes U+0080, the first character past ASCII, as two bytes, in a short text and a long one", () => {
    for (const text of ["a\u0080", `${filler(100)}\u0080${filler(100)}`]) {
      const { sink, bytes } = streamed();
      sink.text(text);
      sink.end();
      expectSameBytes(bytes(), encoder.encode(text));
    }
  });

  it("keeps a leading byte order mark as a character of the text", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    sink.text("\ufeffbom");
    expect(sink.toString()).toBe("\ufeffbom");
    const mark = sink.mark();
    sink.text("\ufefftaken");
    expect(sink.takeSince(mark)).toBe("\ufefftaken");
  });

  it("encodes a lone surrogate as U+FFFD, as TextEncoder does", () => {
    const { sink, bytes } = streamed();
    sink.text("a\ud800b\udc00c");
    sink.end();
    expectSameBytes(bytes(), encoder.encode("a\ud800b\udc00c"));
    expect(utf8Length("a\ud800b\udc00c")).toBe(bytes().length);
  });

  it("matches TextEncoder for any text written in any pieces", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.nat(3 * CHUNK_BYTES).map((n) => filler(n)),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), (pieces) => {
        const { sink, chunks, bytes } = streamed();
        for (const p of pieces) sink.text(p);
        sink.end();
        expectWholeCharacters(chunks);
        const expected = encoder.encode(pieces.join(""));
        expectSameBytes(bytes(), expected);
        expect(sink.byteLength).toBe(expected.length);
        for (const p of pieces) expect(utf8Length(p)).toBe(encoder.encode(p).length);
      }),
      { numRuns: 60 },
    );
  });
});

describe("OutputSink.bytes", () => {
  it("copies ranges of UTF-8 bytes across chunk boundaries, never splitting a character", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }),
        fc.nat(CHUNK_BYTES),
        fc.array(fc.nat(400), { maxLength: 400 }),
        (text, lead, cuts) => {
          const source = encoder.encode(text.repeat(Math.ceil(3000 / text.length)));
          // Cut points on character boundaries: never before a continuation byte.
          const points = [0, ...cuts.map((c) => (c * 37) % source.length), source.length]
            .filter((p) => p === source.length || (source[p] as number) >> 6 !== 2)
            .sort((a, b) => a - b);
          const { sink, chunks, bytes } = streamed();
          sink.text(filler(lead));
          for (let i = 1; i < points.length; i++)
            sink.bytes(source, points[i - 1] as number, points[i] as number);
          sink.end();
          expectWholeCharacters(chunks);
          const expected = new Uint8Array(lead + source.length);
          expected.set(encoder.encode(filler(lead)));
          expected.set(source, lead);
          expectSameBytes(bytes(), expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("copies a range larger than a chunk", () => {
    const source = encoder.encode("ab€".repeat(50_000));
    const { sink, chunks, bytes } = streamed();
    sink.bytes(source, 0, source.length);
    sink.end();
    expect(chunks.length).toBeGreaterThan(2);
    expectWholeCharacters(chunks);
    expectSameBytes(bytes(), source);
  });
});

describe("OutputSink marks", () => {
  it("takes back what was written since a mark, across chunks, as text", () => {
    const pool = new ChunkPool();
    const sink = new OutputSink(pool, Number.MAX_SAFE_INTEGER);
    sink.text("before|");
    const mark = sink.mark();
    const taken = `${"é".repeat(50_000)}|${filler(100_000)}|😀`;
    sink.text(taken);
    const live = pool.stats().live;
    expect(live).toBeGreaterThan(2);
    expect(sink.takeSince(mark)).toBe(taken);
    expect(pool.stats().live).toBe(1);
    expect(sink.byteLength).toBe("before|".length);
    sink.text("after");
    expect(sink.toString()).toBe("before|after");
  });

  it("takes back an empty stretch, and nested marks innermost first", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    const outer = sink.mark();
    sink.text("a");
    const inner = sink.mark();
    expect(sink.takeSince(inner)).toBe("");
    const again = sink.mark();
    sink.text(filler(CHUNK_BYTES));
    expect(() => sink.takeSince(outer)).toThrow(/innermost/);
    expect(sink.takeSince(again)).toBe(filler(CHUNK_BYTES));
    expect(sink.takeSince(outer)).toBe("a");
    expect(sink.byteLength).toBe(0);
  });

  it("takes back from a mark that falls exactly at the end of a full chunk", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    sink.text(filler(CHUNK_BYTES));
    const mark = sink.mark();
    sink.text("€".repeat(30_000));
    expect(sink.takeSince(mark)).toBe("€".repeat(30_000));
    sink.text("z");
    expect(sink.toString()).toBe(`${filler(CHUNK_BYTES)}z`);
  });

  it("takes back from a mark in the middle of a later chunk, and only from there", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    const before = filler(CHUNK_BYTES + CHUNK_BYTES / 2);
    sink.text(before);
    const mark = sink.mark();
    const taken = "é".repeat(CHUNK_BYTES);
    sink.text(taken);
    expect(sink.takeSince(mark)).toBe(taken);
    sink.text("!");
    expect(sink.toString()).toBe(`${before}!`);
  });

  it("hands out a chunk that ends exactly at an open mark", () => {
    const { sink, chunks } = streamed();
    sink.text(filler(CHUNK_BYTES));
    const mark = sink.mark();
    sink.text(filler(2 * CHUNK_BYTES));
    // The first chunk lies wholly before the mark: nothing of it can be taken back.
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_BYTES]);
    expect(sink.takeSince(mark)).toBe(filler(2 * CHUNK_BYTES));
  });

  it("hands nothing written after an open mark to the writer until the mark is closed", () => {
    const { sink, chunks, bytes } = streamed();
    sink.text(filler(CHUNK_BYTES + 10));
    expect(chunks.length).toBe(1);
    const mark = sink.mark();
    sink.text(filler(5 * CHUNK_BYTES));
    expect(chunks.length).toBe(1);
    sink.takeSince(mark);
    sink.text("!".repeat(2 * CHUNK_BYTES));
    sink.end();
    expect(new TextDecoder().decode(bytes())).toBe(
      `${filler(CHUNK_BYTES + 10)}${"!".repeat(2 * CHUNK_BYTES)}`,
    );
  });
});

describe("OutputSink end, toBytes and staticShare", () => {
  it("refuses to end without a writer, or with a mark open", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    sink.text("x");
    expect(() => sink.end()).toThrow("end: no writer, or a mark is open");
    const { sink: streaming } = streamed();
    streaming.mark();
    expect(() => streaming.end()).toThrow("end: no writer, or a mark is open");
  });

  it("hands no empty chunk to the writer when nothing is left to hand out", () => {
    const { sink, chunks } = streamed();
    sink.end();
    expect(chunks).toEqual([]);
    sink.text(filler(CHUNK_BYTES));
    sink.text("a");
    sink.end();
    sink.end();
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_BYTES, 1]);
  });

  it("after end, goes on from where it was: more text, another end, toBytes of what is new", () => {
    const { sink, chunks } = streamed();
    sink.text("ab");
    sink.end();
    sink.text("cd");
    expect(new TextDecoder().decode(sink.toBytes())).toBe("cd");
    sink.end();
    expect(chunks.map((c) => new TextDecoder().decode(c))).toEqual(["ab", "cd"]);
    expect(sink.byteLength).toBe(4);
  });

  it("toBytes leaves out the chunks already handed to the writer", () => {
    const { sink, chunks } = streamed();
    sink.text(filler(CHUNK_BYTES));
    sink.text("tail");
    expect(chunks.length).toBe(1);
    expect(new TextDecoder().decode(sink.toBytes())).toBe("tail");
  });

  it("staticShare is the share of bytes copied from the source, 0 for no output, at most 1", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    expect(sink.staticShare()).toBe(0);
    const source = encoder.encode("0123456789");
    sink.bytes(source, 4, 10);
    sink.text("ab");
    expect(sink.staticShare()).toBe(6 / 8);
    // An empty range adds nothing.
    sink.bytes(source, 3, 3);
    expect(sink.staticShare()).toBe(6 / 8);
    // Output taken back still counts as copied: the share can pass 1, and stops there.
    const mark = sink.mark();
    sink.bytes(source, 0, 10);
    sink.takeSince(mark);
    expect(sink.staticShare()).toBe(1);
  });
});

describe("OutputSink limit", () => {
  const check = (write: (sink: OutputSink) => void, limit: number) => {
    const sink = new OutputSink(new ChunkPool(), limit);
    sink.text("12345");
    let error: unknown;
    try {
      write(sink);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeFault);
    const fault = error as RuntimeFault;
    expect([fault.code, fault.message, fault.hint]).toEqual([
      "limit",
      `output limit reached: more than ${limit} bytes (limit maxOutputBytes)`,
      "raise it with --max-output (limits.maxOutputBytes in the API)",
    ]);
    // Nothing of what would pass the limit is written.
    expect(sink.byteLength).toBe(5);
    expect(sink.toString()).toBe("12345");
  };

  it("stops text that would pass it, counted in bytes", () => {
    check((sink) => sink.text("678901"), 10);
    check((sink) => sink.text("ééé"), 10); // 6 bytes, 3 code units
  });

  it("stops a byte range that would pass it", () => {
    check((sink) => sink.bytes(encoder.encode("abcdefgh"), 0, 8), 12);
  });

  it("lets a long byte range reach it exactly", () => {
    const sink = new OutputSink(new ChunkPool(), 300);
    sink.bytes(encoder.encode(filler(300)), 0, 300);
    expect(sink.byteLength).toBe(300);
    expect(() => sink.bytes(encoder.encode("x"), 0, 1)).toThrow(RuntimeFault);
  });

  it("lets the output reach it exactly, and counts output taken back no more", () => {
    const sink = new OutputSink(new ChunkPool(), 10);
    const mark = sink.mark();
    sink.text("ééééé");
    sink.takeSince(mark);
    sink.text("0123456789");
    expect(sink.byteLength).toBe(10);
    expect(() => sink.text("x")).toThrow(RuntimeFault);
  });
});

describe("chunk sources", () => {
  it("the pool takes every chunk back on release and hands it out again", () => {
    const pool = new ChunkPool();
    const first = new OutputSink(pool, Number.MAX_SAFE_INTEGER);
    first.text(filler(3 * CHUNK_BYTES + 1));
    expect(pool.stats().live).toBe(4);
    first.release();
    expect(pool.stats()).toMatchObject({ name: "output-chunks", live: 0, acquires: 4, releases: 4 });
    const second = new OutputSink(pool, Number.MAX_SAFE_INTEGER);
    second.text(filler(2 * CHUNK_BYTES));
    second.release();
    expect(pool.stats()).toMatchObject({ live: 0, capacity: 4, acquires: 6 });
    expect(pool.stats().reuseRatio).toBeCloseTo(2 / 6);
  });

  it("the pool keeps at most so many free chunks", () => {
    const pool = new ChunkPool(2);
    const sink = new OutputSink(pool, Number.MAX_SAFE_INTEGER);
    sink.text(filler(5 * CHUNK_BYTES));
    sink.release();
    expect(pool.stats()).toMatchObject({ live: 0, capacity: 2, bytes: 2 * CHUNK_BYTES });
    pool.clear();
    expect(pool.stats().capacity).toBe(0);
  });

  it("heap mode makes a fresh chunk every time and counts nothing", () => {
    const fresh = new FreshChunks();
    const a = fresh.take();
    fresh.give(a);
    expect(fresh.take()).not.toBe(a);
    expect(fresh.stats()).toBeNull();
    const { sink, bytes } = streamed(fresh as unknown as ChunkPool);
    sink.text("héllo");
    sink.end();
    expectSameBytes(bytes(), encoder.encode("héllo"));
  });

  it("toBytes returns everything not handed out, as one array", () => {
    const sink = new OutputSink(new ChunkPool(), Number.MAX_SAFE_INTEGER);
    const text = `${filler(CHUNK_BYTES - 1)}€${filler(10)}`;
    sink.text(text);
    expectSameBytes(sink.toBytes(), encoder.encode(text));
  });
});
