import { describe, expect, it } from "vitest";
import { BumpArena, StackError } from "../src/index.js";

describe("BumpArena", () => {
  it("hands out zeroed, aligned, non-overlapping views", () => {
    const arena = new BumpArena({ chunkBytes: 64 });
    const a = arena.uint8(3);
    const b = arena.float64(2);
    const c = arena.int32(5);
    a.fill(1);
    b.fill(2);
    c.fill(3);
    expect(b.byteOffset % 8).toBe(0);
    expect(Array.from(a)).toEqual([1, 1, 1]);
    expect(Array.from(b)).toEqual([2, 2]);
    expect(Array.from(c)).toEqual([3, 3, 3, 3, 3]);
  });

  it("releases to a mark and reuses the space, zeroed again", () => {
    const arena = new BumpArena({ chunkBytes: 32 });
    arena.int32(2);
    const m = arena.mark();
    const x = arena.int32(4);
    x.fill(9);
    arena.int32(20); // spills into a new chunk
    expect(arena.stats().chunks).toBe(2);
    arena.release(m);
    const y = arena.int32(4);
    expect(y.buffer).toBe(x.buffer);
    expect(Array.from(y)).toEqual([0, 0, 0, 0]);
    expect(arena.stats().usedBytes).toBe(24);
  });

  it("gives an allocation larger than a chunk its own chunk and enforces its limit", () => {
    const arena = new BumpArena({ chunkBytes: 16, maxBytes: 100 });
    expect(arena.float64(4).length).toBe(4);
    expect(() => arena.float64(20)).toThrow(StackError);
  });

  it("refuses a mark from the future", () => {
    const arena = new BumpArena();
    const late = (() => {
      const a = new BumpArena();
      a.int32(10);
      return a.mark();
    })();
    expect(() => arena.release(late)).toThrow(/after the current position/);
  });

  it("leaves its state untouched when an allocation is refused", () => {
    const arena = new BumpArena({ chunkBytes: 64, maxBytes: 128 });
    const x = arena.int32(2);
    x.fill(7);
    const before = arena.stats().usedBytes;
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => arena.int32(bad)).toThrow(RangeError);
    expect(() => arena.uint8(1000)).toThrow(StackError);
    expect(arena.stats().usedBytes).toBe(before);
    const y = arena.int32(1);
    expect(y.byteOffset).toBe(8);
    expect(Array.from(x)).toEqual([7, 7]);
  });

  it("applies its limit to the first chunk and refuses bad sizes", () => {
    expect(() => new BumpArena({ chunkBytes: 1000, maxBytes: 100 })).toThrow(/larger than maxBytes/);
    expect(() => new BumpArena({ chunkBytes: 0 })).toThrow(RangeError);
    expect(() => new BumpArena().release(-1)).toThrow(StackError);
  });

  it("accepts the smallest sizes, and a chunk as large as the limit", () => {
    const tiny = new BumpArena({ chunkBytes: 1, maxBytes: 1 });
    expect(tiny.uint8(1).length).toBe(1);
    expect(() => tiny.uint8(1)).toThrow(StackError);
    const whole = new BumpArena({ chunkBytes: 64, maxBytes: 64 });
    expect(whole.float64(8).length).toBe(8);
    expect(whole.stats()).toMatchObject({ chunks: 1, usedBytes: 64 });
  });

  it("names a bad size", () => {
    for (const bad of [0, -1, 2.5]) {
      expect(() => new BumpArena({ chunkBytes: bad })).toThrow(
        new RangeError(`chunkBytes must be a positive integer, got ${bad}`),
      );
      expect(() => new BumpArena({ maxBytes: bad })).toThrow(
        new RangeError(`maxBytes must be a positive integer, got ${bad}`),
      );
    }
    expect(() => new BumpArena({ chunkBytes: 65, maxBytes: 64 })).toThrow(
      new RangeError("chunkBytes (65) is larger than maxBytes (64)"),
    );
    expect(() => new BumpArena().int32(-2)).toThrow(
      new RangeError("array length must be a non-negative integer, got -2"),
    );
  });

  it("hands out empty views without moving", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    arena.uint8(3);
    const empty = arena.int32(0);
    expect(empty.length).toBe(0);
    expect(arena.stats()).toMatchObject({ usedBytes: 4, allocations: 2 }); // aligned to 4
  });

  it("fills a chunk to its last byte before taking another", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    const a = arena.int32(2);
    const b = arena.float64(1);
    expect(b.buffer).toBe(a.buffer);
    expect(arena.stats()).toMatchObject({ chunks: 1, usedBytes: 16 });
    const c = arena.uint8(1);
    expect(c.buffer).not.toBe(a.buffer);
    expect(arena.stats()).toMatchObject({ chunks: 2, usedBytes: 17 });
  });

  it("counts a chunk left for the next one whole, and an oversized chunk at its size", () => {
    const arena = new BumpArena({ chunkBytes: 32 });
    arena.int32(2); // 8 bytes of chunk 0
    const big = arena.int32(10); // 40 bytes: a chunk of its own
    expect(big.buffer.byteLength).toBe(40);
    expect(arena.stats()).toMatchObject({ chunks: 2, usedBytes: 72, highWaterBytes: 72 });
    arena.uint8(1); // chunk 1 is full: chunk 2
    expect(arena.stats()).toMatchObject({ chunks: 3, usedBytes: 73 });
  });

  it("counts allocations, and the high water mark across releases", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    const m = arena.mark();
    arena.uint8(10);
    arena.uint8(10); // chunk 1
    expect(arena.stats()).toMatchObject({ usedBytes: 26, highWaterBytes: 26, allocations: 2 });
    arena.release(m);
    expect(arena.stats()).toMatchObject({ usedBytes: 0, highWaterBytes: 26, allocations: 2 });
    arena.uint8(4);
    expect(arena.stats()).toMatchObject({ usedBytes: 4, highWaterBytes: 26, allocations: 3 });
  });

  it("reuses a kept chunk when the allocation fits it, and replaces it when not", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    const m = arena.mark();
    const a = arena.uint8(16);
    const b = arena.uint8(8); // chunk 1, 16 bytes
    b.fill(5);
    arena.release(m);
    expect(arena.uint8(16).buffer).toBe(a.buffer);
    const b2 = arena.uint8(16); // fits chunk 1 exactly: reused, zeroed
    expect(b2.buffer).toBe(b.buffer);
    expect(Array.from(b2)).toEqual(Array(16).fill(0));
    expect(arena.stats().chunks).toBe(2);
    arena.release(m);
    arena.uint8(16);
    const c = arena.uint8(40); // chunk 1 is too small now: a new one takes its place
    expect(c.length).toBe(40);
    expect(c.buffer).not.toBe(b.buffer);
    expect(c.buffer.byteLength).toBe(40);
    expect(arena.stats()).toMatchObject({ chunks: 2, usedBytes: 56 });
  });

  it("may fill exactly to its limit", () => {
    const arena = new BumpArena({ chunkBytes: 16, maxBytes: 32 });
    arena.uint8(16);
    expect(arena.uint8(16).length).toBe(16);
    const e = (() => {
      try {
        arena.uint8(1);
      } catch (error) {
        return error as StackError;
      }
      throw new Error("no error");
    })();
    expect(e).toBeInstanceOf(StackError);
    expect(e.code).toBe("overflow");
    expect(e.message).toBe("bump arena overflow: 1 more bytes would pass the limit of 32");
  });

  it("releases to a mark taken in a later chunk, at its offset", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    arena.uint8(12);
    arena.uint8(8); // chunk 1, offset 8
    const m = arena.mark();
    const x = arena.uint8(4);
    x.fill(1);
    arena.uint8(12); // chunk 2
    expect(arena.stats().usedBytes).toBe(16 + 16 + 12);
    arena.release(m);
    expect(arena.stats().usedBytes).toBe(24);
    const y = arena.uint8(4);
    expect(y.buffer).toBe(x.buffer);
    expect(y.byteOffset).toBe(8);
    expect(Array.from(y)).toEqual([0, 0, 0, 0]);
  });

  it("releases within the current chunk, and to the current position", () => {
    const arena = new BumpArena({ chunkBytes: 64 });
    arena.uint8(3);
    const m = arena.mark();
    arena.release(m); // nothing after it: a no-op
    const a = arena.uint8(5);
    a.fill(9);
    arena.release(m);
    expect(arena.stats().usedBytes).toBe(3);
    const b = arena.uint8(5);
    expect(b.byteOffset).toBe(3);
    expect(Array.from(b)).toEqual([0, 0, 0, 0, 0]);
  });

  it("releases to a mark in an earlier chunk whose offset is past the current one", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    arena.uint8(12);
    const m = arena.mark(); // chunk 0, offset 12
    arena.uint8(8); // chunk 1, offset 8
    arena.release(m);
    expect(arena.stats().usedBytes).toBe(12);
    expect(arena.uint8(4).byteOffset).toBe(12);
  });

  it("refuses marks after the current position, and values that are not marks", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    const early = arena.mark();
    arena.uint8(8);
    const m = arena.mark();
    arena.uint8(4);
    const late = arena.mark();
    arena.release(m);
    expect(() => arena.release(late)).toThrow(
      new StackError("frame-order", "release() of a mark taken after the current position"),
    );
    arena.uint8(12); // chunk 1
    const inChunk1 = arena.mark();
    arena.release(early);
    expect(() => arena.release(inChunk1)).toThrow(/after the current position/);
    for (const bad of [-1, 0.5, Number.NaN]) {
      let error: unknown;
      try {
        arena.release(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StackError);
      expect((error as StackError).code).toBe("frame-order");
      expect((error as StackError).message).toBe(`release(${bad}): not a mark from mark()`);
    }
    arena.release(0); // the very start is always a mark
    expect(arena.stats().usedBytes).toBe(0);
  });

  it("reset frees everything and keeps the chunks for reuse", () => {
    const arena = new BumpArena({ chunkBytes: 16 });
    const first = arena.uint8(16);
    first.fill(3);
    arena.uint8(16);
    arena.reset();
    expect(arena.stats()).toMatchObject({ usedBytes: 0, chunks: 2, highWaterBytes: 32 });
    const again = arena.uint8(16);
    expect(again.buffer).toBe(first.buffer);
    expect(again.byteOffset).toBe(0);
    expect(Array.from(again)).toEqual(Array(16).fill(0));
  });
});
