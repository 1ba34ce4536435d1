/**
 * `stats().bytes` is what the pool's typed arrays really hold: measured by a real garbage
 * collection (the workers run with --expose-gc) and Node's count of ArrayBuffer bytes.
 */
import { describe, expect, it } from "vitest";
import { StructPool } from "../src/index.js";

const gc = (globalThis as { gc?: () => void }).gc;

/** Bytes of ArrayBuffers alive after full collections. */
function arrayBufferBytes(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().arrayBuffers;
}

/** Other buffers (the test runner's) come and go; the pool's arrays here are megabytes. */
const SLACK = 64 << 10;

describe("memory", () => {
  it("holds the bytes stats() reports, through growth and trim, and none of the arrays it outgrew", () => {
    expect(gc, "vitest must run this package with --expose-gc").toBeTypeOf("function");
    const base = arrayBufferBytes();
    const p = new StructPool({ name: "big", fields: { a: "u8", b: "f64" }, pageSize: 1 << 16 });
    const held = () => arrayBufferBytes() - base;
    for (let i = 0; i < 5 * (1 << 16) + 1; i++) p.acquire(); // the arrays double three times
    const grown = p.stats();
    expect(grown).toMatchObject({ capacity: 6 * (1 << 16), bytesPerSlot: 17 });
    expect(Math.abs(held() - grown.bytes)).toBeLessThan(SLACK);
    const given = p.trim();
    expect(given).toBeGreaterThan(0);
    const trimmed = p.stats();
    expect(trimmed.bytes).toBe(grown.bytes - given * 17);
    expect(Math.abs(held() - trimmed.bytes)).toBeLessThan(SLACK);
    p.reset(); // keeps what it has
    expect(Math.abs(held() - trimmed.bytes)).toBeLessThan(SLACK);
  });
});
