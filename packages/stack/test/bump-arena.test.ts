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
});
