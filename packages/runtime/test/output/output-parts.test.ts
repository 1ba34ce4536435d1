/**
 * The small pieces of the output: the UTF-8 length count a browser uses (Node has its
 * own), the balanced join of decoded chunks, and the chunk pool's counters as
 * `runtime.inspect()` and a render's stats show them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChunkPool } from "../../src/output/chunk-pool.js";
import { joinText } from "../../src/output/join-text.js";
import { countUtf8, utf8Length } from "../../src/output/utf8-length.js";

const encoder = new TextEncoder();

describe("countUtf8 (the count where there is no Buffer)", () => {
  it("counts what TextEncoder writes, a lone surrogate as U+FFFD", () => {
    const samples = [
      "",
      "ascii",
      "\u007f\u0080",
      "\u07ff\u0800",
      "é日本",
      "😀",
      "a😀b",
      "\ud800",
      "\udc00",
      "\ud800x",
      "x\ud800",
      "\ud800\ud800\udc00",
      "\udbff\udfff",
      "\ud7ff\ue000\uffff",
      "日\udc00",
      "\udc00\udc00",
      "\ud800\ue000",
      "\ud800\udbff\udc00",
      "\udbff\udc00\udfff",
      "\ud800\u00e9",
    ];
    for (const s of samples) {
      expect(countUtf8(s)).toBe(encoder.encode(s).length);
      expect(utf8Length(s)).toBe(encoder.encode(s).length);
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(countUtf8(s)).toBe(encoder.encode(s).length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("joinText", () => {
  it("joins any number of parts in order", () => {
    for (let count = 0; count <= 9; count++) {
      const parts = Array.from({ length: count }, (_, i) => `<${i}>`);
      const copy = parts.slice();
      expect(joinText(parts)).toBe(parts.join(""));
      expect(parts).toEqual(copy);
    }
  });
});

describe("ChunkPool counters", () => {
  it("count takes, gives, reuse, the most out at once, and how full the pool is", () => {
    const pool = new ChunkPool(2);
    expect(pool.stats()).toMatchObject({ acquires: 0, live: 0, capacity: 0, reuseRatio: 0, occupancy: 0 });
    const a = pool.take();
    const b = pool.take();
    expect(pool.stats()).toMatchObject({ acquires: 2, live: 2, highWater: 2, capacity: 2, occupancy: 1 });
    pool.give(a);
    expect(pool.stats()).toMatchObject({ releases: 1, live: 1, highWater: 2, occupancy: 0.5 });
    const c = pool.take();
    expect(c).toBe(a);
    expect(pool.stats()).toMatchObject({ acquires: 3, live: 2, highWater: 2, reuseRatio: 1 / 3 });
    const d = pool.take();
    expect(pool.stats()).toMatchObject({
      acquires: 4,
      live: 3,
      highWater: 3,
      capacity: 3,
      reuseRatio: 1 / 4,
    });
    for (const chunk of [b, c, d]) pool.give(chunk);
    // It keeps two free chunks; the third is dropped.
    expect(pool.stats()).toMatchObject({
      live: 0,
      highWater: 3,
      capacity: 2,
      occupancy: 0,
      bytes: 2 * 64 * 1024,
    });
    const view = pool.view(c);
    expect(pool.view(c)).toBe(view);
    expect(view.byteLength).toBe(c.byteLength);
    pool.clear();
    expect(pool.stats()).toMatchObject({ capacity: 0, occupancy: 0 });
  });
});
