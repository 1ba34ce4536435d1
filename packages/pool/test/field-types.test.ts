/**
 * Every field type, in both modes: what a write stores (the typed array's conversion),
 * that released records come back zeroed, that accessors survive growth, and that a
 * checked accessor of each type reports a stale read or write.
 */
import { describe, expect, it } from "vitest";
import { type FieldType, type Handle, handleSlot, PoolError, StructPool } from "../src/index.js";

/** Per type: values written and what reading them back gives. */
const CASES: Record<FieldType, [written: number, read: number][]> = {
  u8: [
    [200, 200],
    [300, 44],
    [-1, 255],
  ],
  i8: [
    [-100, -100],
    [200, -56],
    [128, -128],
  ],
  u16: [
    [60_000, 60_000],
    [70_000, 4464],
    [-1, 65_535],
  ],
  i16: [
    [-30_000, -30_000],
    [40_000, -25_536],
    [32_768, -32_768],
  ],
  u32: [
    [4_000_000_000, 4_000_000_000],
    [-1, 4_294_967_295],
    [2 ** 32 + 5, 5],
  ],
  i32: [
    [-2_000_000_000, -2_000_000_000],
    [2 ** 31, -(2 ** 31)],
    [2 ** 32 - 1, -1],
  ],
  f32: [
    [0.5, 0.5],
    [0.1, Math.fround(0.1)],
    [1e40, Number.POSITIVE_INFINITY],
  ],
  f64: [
    [0.1, 0.1],
    [-1e300, -1e300],
    [2 ** 53 + 2, 2 ** 53 + 2],
  ],
};

const TYPES = Object.keys(CASES) as FieldType[];

/** A pool with one field of every type, named after its type. */
const ALL = Object.fromEntries(TYPES.map((t) => [t, t])) as { [T in FieldType]: T };

function catchPoolError(run: () => unknown): PoolError {
  try {
    run();
  } catch (error) {
    if (error instanceof PoolError) return error;
    throw error;
  }
  throw new Error("expected a PoolError, nothing was thrown");
}

for (const checked of [true, false]) {
  describe(`field types (checked: ${checked})`, () => {
    for (const type of TYPES) {
      it(`${type}: stores what a ${type} array stores, through get/set and the accessor`, () => {
        const p = new StructPool({ name: "typed", fields: { a: type, b: type }, checked });
        const a = p.field("a");
        const h = p.acquire();
        const other = p.acquire();
        for (const [written, read] of CASES[type]) {
          p.set(h, "a", written);
          expect(p.get(h, "a")).toBe(read);
          expect(a.get(h)).toBe(read);
          a.set(other, written);
          expect(p.get(other, "a")).toBe(read);
          // the other field and the other record are untouched
          expect(p.get(h, "b")).toBe(0);
        }
      });

      it(`${type}: an accessor taken before growth reads and writes the grown column`, () => {
        const p = new StructPool({ name: "typed", fields: { a: type }, pageSize: 1, checked });
        const a = p.field("a");
        const [written, read] = CASES[type][0]!;
        const handles: Handle[] = [];
        for (let i = 0; i < 40; i++) {
          const h = p.acquire(); // every acquire adds a page; the arrays grow 6 times
          a.set(h, i % 2 === 0 ? written : 0);
          handles.push(h);
        }
        handles.forEach((h, i) => {
          expect(a.get(h)).toBe(i % 2 === 0 ? read : 0);
        });
      });
    }

    it("a released record comes back with every field zeroed, whatever its type", () => {
      const p = new StructPool({ name: "all", fields: ALL, checked });
      const fields = TYPES.map((t) => p.field(t));
      const h = p.acquire();
      TYPES.forEach((t, i) => {
        fields[i]!.set(h, CASES[t][0]![0]);
      });
      for (const t of TYPES) expect(p.get(h, t)).not.toBe(0);
      p.release(h);
      const again = p.acquire();
      expect(handleSlot(again)).toBe(handleSlot(h));
      for (const t of TYPES) expect(p.get(again, t)).toBe(0);
    });

    it("zeroing a released record leaves the other records alone", () => {
      const p = new StructPool({ name: "all", fields: ALL, checked });
      const keep = p.acquire();
      const drop = p.acquire();
      for (const t of TYPES) {
        p.set(keep, t, 7);
        p.set(drop, t, 9);
      }
      p.release(drop);
      for (const t of TYPES) expect(p.get(keep, t)).toBe(7);
    });
  });
}

describe("checked accessors of every type", () => {
  for (const type of TYPES) {
    it(`${type}: a read or write through a released handle is a stale-handle PoolError`, () => {
      const p = new StructPool({ name: `p-${type}`, fields: { a: type } });
      const a = p.field("a");
      p.acquire();
      const h = p.acquire();
      p.release(h);
      const read = catchPoolError(() => a.get(h));
      expect(read.kind).toBe("stale-handle");
      expect(read.slot).toBe(1);
      expect(read.message).toBe(
        `pool "p-${type}": read through a stale handle to slot 1 (generation 1): the slot was released (or the pool reset) and is free`,
      );
      const write = catchPoolError(() => a.set(h, 1));
      expect(write.message).toBe(
        `pool "p-${type}": write through a stale handle to slot 1 (generation 1): the slot was released (or the pool reset) and is free`,
      );
      const fresh = p.acquire();
      a.set(fresh, 3); // the live owner of the slot is unaffected
      expect(a.get(fresh)).toBe(3);
    });

    it(`${type}: a checked accessor refuses a handle before the pool ever acquired`, () => {
      const p = new StructPool({ name: "empty", fields: { a: type } });
      const error = catchPoolError(() => p.field("a").get((1 << 22) as Handle));
      expect(error.kind).toBe("invalid-handle");
      expect(error.message).toBe(
        'pool "empty": read through handle 4194304 (slot 0, generation 1), which this pool never handed out',
      );
    });
  }
});
