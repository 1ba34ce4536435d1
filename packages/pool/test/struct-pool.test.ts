import { describe, expect, it } from "vitest";
import {
  type Handle,
  handleGeneration,
  handleSlot,
  MAX_SLOTS,
  NO_HANDLE,
  PoolError,
  StructPool,
} from "../src/index.js";

const FIELDS = { kind: "u8", start: "u32", end: "u32", delta: "i16", weight: "f64" } as const;

function pool(options: { pageSize?: number; maxCapacity?: number; checked?: boolean } = {}) {
  return new StructPool<typeof FIELDS, "Node">({ name: "nodes", fields: FIELDS, ...options });
}

function catchPoolError(run: () => unknown): PoolError {
  try {
    run();
  } catch (error) {
    if (error instanceof PoolError) return error;
    throw error;
  }
  throw new Error("expected a PoolError, nothing was thrown");
}

describe("StructPool basics", () => {
  it("acquires records with zeroed fields and reads back what was written", () => {
    const p = pool();
    const h = p.acquire();
    for (const f of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) expect(p.get(h, f)).toBe(0);
    p.set(h, "kind", 7);
    p.set(h, "start", 4_000_000_000);
    p.set(h, "delta", -5);
    p.set(h, "weight", 0.1);
    expect(p.get(h, "kind")).toBe(7);
    expect(p.get(h, "start")).toBe(4_000_000_000);
    expect(p.get(h, "delta")).toBe(-5);
    expect(p.get(h, "weight")).toBe(0.1);
  });

  it("applies typed-array conversion on write", () => {
    const p = pool();
    const h = p.acquire();
    p.set(h, "kind", 300);
    p.set(h, "delta", 40_000);
    expect(p.get(h, "kind")).toBe(300 & 0xff);
    expect(p.get(h, "delta")).toBe(new Int16Array([40_000])[0]);
  });

  it("field accessors read and write the same storage as get/set and are cached", () => {
    const p = pool();
    const kind = p.field("kind");
    expect(p.field("kind")).toBe(kind);
    const h = p.acquire();
    kind.set(h, 9);
    expect(p.get(h, "kind")).toBe(9);
    p.set(h, "kind", 11);
    expect(kind.get(h)).toBe(11);
  });

  it("zeroes a record's fields when its slot is reused", () => {
    const p = pool();
    const a = p.acquire();
    p.set(a, "end", 42);
    p.set(a, "weight", 1.5);
    p.release(a);
    const b = p.acquire();
    expect(handleSlot(b)).toBe(handleSlot(a));
    expect(b).not.toBe(a);
    expect(p.get(b, "end")).toBe(0);
    expect(p.get(b, "weight")).toBe(0);
  });

  it("hands out handles that are Smi-friendly and never NO_HANDLE", () => {
    const p = pool({ pageSize: 4 });
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const h = p.acquire();
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThan(NO_HANDLE);
      expect(h).toBeLessThan(2 ** 30);
      expect(handleGeneration(h)).toBeGreaterThanOrEqual(1);
      expect(seen.has(h)).toBe(false);
      seen.add(h);
    }
  });

  it("rejects an unknown field name and bad options", () => {
    const p = pool();
    const h = p.acquire();
    expect(() => p.get(h, "nope" as "kind")).toThrow(/no field "nope"/);
    expect(() => pool({ pageSize: 3 })).toThrow(RangeError);
    expect(() => pool({ pageSize: 0 })).toThrow(RangeError);
    expect(() => pool({ maxCapacity: 0 })).toThrow(RangeError);
    expect(() => pool({ maxCapacity: MAX_SLOTS + 1 })).toThrow(RangeError);
    expect(() => new StructPool({ name: "x", fields: { a: "u64" as "u32" } })).toThrow(TypeError);
  });
});

describe("StructPool growth", () => {
  it("grows across many pages keeping every value and every handle valid", () => {
    const p = pool({ pageSize: 16 });
    const start = p.field("start");
    const weight = p.field("weight");
    const handles: Handle<"Node">[] = [];
    for (let i = 0; i < 5000; i++) {
      const h = p.acquire();
      start.set(h, i * 3);
      weight.set(h, i / 7);
      handles.push(h);
    }
    const s = p.stats();
    expect(s.pages).toBe(Math.ceil(5000 / 16));
    expect(s.capacity).toBe(s.pages * 16);
    // u8 + u32 + u32 + i16 + f64 = 19 bytes of columns, plus 8 of bookkeeping.
    expect(s.bytesPerSlot).toBe(27);
    expect(s.bytes).toBeGreaterThanOrEqual(s.capacity * 27);
    handles.forEach((h, i) => {
      expect(p.isLive(h)).toBe(true);
      expect(start.get(h)).toBe(i * 3);
      expect(weight.get(h)).toBe(i / 7);
    });
  });

  it("accessors taken before growth see the grown storage (release mode too)", () => {
    const p = pool({ pageSize: 2, checked: false });
    const end = p.field("end");
    const first = p.acquire();
    end.set(first, 5);
    const later: Handle<"Node">[] = [];
    for (let i = 0; i < 100; i++) {
      const h = p.acquire();
      end.set(h, 100 + i);
      later.push(h);
    }
    expect(end.get(first)).toBe(5);
    later.forEach((h, i) => {
      expect(end.get(h)).toBe(100 + i);
    });
  });
});

describe("StructPool array growth", () => {
  it("doubles the arrays only when a new page does not fit in them", () => {
    const p = pool({ pageSize: 1 });
    const bytesAfter = (n: number) => {
      while (p.live < n) p.acquire();
      return p.stats().bytes / p.stats().bytesPerSlot;
    };
    // room for 1, 2, 4, 4 (the fourth page fits), then 8 slots
    expect([1, 2, 3, 4, 5].map(bytesAfter)).toEqual([1, 2, 4, 4, 8]);
    expect(p.stats().capacity).toBe(5);
  });
});

describe("StructPool trim", () => {
  it("gives back the doubled room, keeps every record and handle, and can grow again", () => {
    const p = pool({ pageSize: 16 });
    const start = p.field("start");
    const handles: Handle<"Node">[] = [];
    for (let i = 0; i < 1000; i++) {
      const h = p.acquire();
      start.set(h, i);
      handles.push(h);
    }
    const before = p.stats();
    expect(before.capacity).toBe(1008); // 63 pages of 16, in arrays doubled to 1024
    const given = p.trim();
    expect(given).toBe(24); // room for 1024 slots before, for the 1000 used now
    expect(p.trim()).toBe(0);
    const capacity = p.stats().capacity;
    expect(capacity).toBe(1000); // the last page cut to the slots used
    expect(p.stats().pages).toBe(63);
    expect(p.stats().occupancy).toBe(1);
    // The arrays' bytes follow: room for `capacity` slots now, `capacity + given` before.
    expect(p.stats().bytes).toBe(capacity * before.bytesPerSlot);
    expect(before.bytes).toBe((capacity + given) * before.bytesPerSlot);
    // Released slots and misuse checks still work after the trim.
    const freed = handles.pop() as Handle<"Node">;
    p.release(freed);
    expect(catchPoolError(() => p.release(freed)).kind).toBe("double-free");
    handles.forEach((h, i) => {
      expect(p.isLive(h)).toBe(true);
      expect(start.get(h)).toBe(i);
    });
    for (let i = 0; i < 100; i++) start.set(p.acquire(), 5000 + i);
    expect(p.stats().capacity).toBeGreaterThan(capacity);
    handles.forEach((h, i) => {
      expect(start.get(h)).toBe(i);
    });
  });
});

describe("StructPool trim after reset", () => {
  for (const checked of [true, false]) {
    it(`keeps every slot ever handed out, so old handles stay stale (checked: ${checked})`, () => {
      const p = pool({ pageSize: 8, checked });
      const old = Array.from({ length: 10 }, () => p.acquire());
      p.reset();
      const kept = Array.from({ length: 3 }, () => p.acquire());
      p.trim();
      expect(p.stats().capacity).toBe(10); // slots 0..9 were used; 10..15 are given back
      const later = Array.from({ length: 9 }, () => p.acquire());
      expect(new Set([...kept, ...later]).size).toBe(12);
      for (const h of old) expect(p.isLive(h)).toBe(false);
      for (const h of [...kept, ...later]) expect(p.isLive(h)).toBe(true);
      expect(later.slice(0, 7).map(handleGeneration)).toEqual(Array(7).fill(2));
      expect(p.stats().capacity).toBe(18); // one page added after the cut
    });
  }
});

describe("StructPool misuse in checked mode", () => {
  it("detects a double free with pool name, slot and kind", () => {
    const p = pool();
    p.acquire();
    const h = p.acquire();
    p.release(h);
    const error = catchPoolError(() => p.release(h));
    expect(error.kind).toBe("double-free");
    expect(error.pool).toBe("nodes");
    expect(error.slot).toBe(1);
    expect(error.message).toContain('pool "nodes"');
    expect(error.message).toContain("slot 1");
    expect(error.message).toContain("double free");
  });

  it("detects reads and writes through a stale handle, before and after reuse", () => {
    const p = pool();
    const h = p.acquire();
    p.release(h);
    expect(catchPoolError(() => p.get(h, "kind")).kind).toBe("stale-handle");
    expect(catchPoolError(() => p.field("start").set(h, 1)).kind).toBe("stale-handle");
    const again = p.acquire();
    expect(handleSlot(again)).toBe(handleSlot(h));
    const error = catchPoolError(() => p.field("kind").get(h));
    expect(error.kind).toBe("stale-handle");
    expect(error.message).toMatch(/reused/);
    // releasing the old handle must not free the new owner's record
    expect(catchPoolError(() => p.release(h)).kind).toBe("stale-handle");
    expect(p.isLive(again)).toBe(true);
  });

  it("reports values that are not handles of this pool as invalid-handle", () => {
    const p = pool();
    p.acquire();
    for (const bad of [NO_HANDLE, -1, 1.5, 2 ** 30, (1 << 22) | 77, Number.NaN]) {
      const error = catchPoolError(() => p.release(bad as Handle<"Node">));
      expect(error.kind).toBe("invalid-handle");
      expect(catchPoolError(() => p.get(bad as Handle<"Node">, "kind")).kind).toBe("invalid-handle");
      expect(p.isLive(bad as Handle<"Node">)).toBe(false);
    }
  });

  it("assertLive throws the diagnosis, also in release mode", () => {
    const p = pool({ checked: false });
    const h = p.acquire();
    p.assertLive(h);
    p.release(h);
    expect(catchPoolError(() => p.assertLive(h)).kind).toBe("stale-handle");
  });
});

describe("StructPool release mode", () => {
  it("does not throw on stale reads, stale writes or a double free", () => {
    const p = pool({ checked: false });
    const h = p.acquire();
    p.release(h);
    expect(() => p.get(h, "kind")).not.toThrow();
    expect(() => p.field("weight").set(h, 1)).not.toThrow();
    expect(() => p.release(h)).not.toThrow();
  });

  it("still knows which handles are live", () => {
    const p = pool({ checked: false });
    const h = p.acquire();
    expect(p.isLive(h)).toBe(true);
    p.release(h);
    expect(p.isLive(h)).toBe(false);
  });
});

describe("StructPool capacity", () => {
  it("throws a capacity PoolError instead of growing past maxCapacity", () => {
    const p = pool({ pageSize: 4, maxCapacity: 10 });
    const handles = Array.from({ length: 10 }, () => p.acquire());
    expect(p.stats().capacity).toBe(10);
    const error = catchPoolError(() => p.acquire());
    expect(error.kind).toBe("capacity");
    expect(error.pool).toBe("nodes");
    expect(error.message).toMatch(/maxCapacity/);
    expect(p.live).toBe(10);
    p.release(handles[3]!);
    expect(() => p.acquire()).not.toThrow();
    expect(() => p.acquire()).toThrow(PoolError);
  });

  it("enforces maxCapacity in release mode too", () => {
    const p = pool({ pageSize: 1, maxCapacity: 1, checked: false });
    p.acquire();
    expect(catchPoolError(() => p.acquire()).kind).toBe("capacity");
  });
});

describe("StructPool reset", () => {
  it("frees everything, zeroes fields and makes old handles stale", () => {
    const p = pool({ pageSize: 4 });
    const old = Array.from({ length: 10 }, (_, i) => {
      const h = p.acquire();
      p.set(h, "start", i + 1);
      return h;
    });
    p.release(old[2]!);
    p.reset();
    expect(p.live).toBe(0);
    for (const h of old) {
      expect(p.isLive(h)).toBe(false);
      expect(catchPoolError(() => p.get(h, "start")).kind).toBe("stale-handle");
    }
    expect(catchPoolError(() => p.release(old[0]!)).kind).toBe("double-free");
    const fresh = Array.from({ length: 10 }, () => p.acquire());
    expect(fresh.map(handleSlot).sort((a, b) => a - b)).toEqual(old.map(handleSlot));
    for (const h of fresh) expect(p.get(h, "start")).toBe(0);
    expect(p.stats().pages).toBe(3);
  });

  it("clear is reset", () => {
    const p = pool();
    const h = p.acquire();
    p.clear();
    expect(p.isLive(h)).toBe(false);
    expect(p.live).toBe(0);
  });

  it("forEachLive visits exactly the live handles", () => {
    const p = pool();
    const hs = Array.from({ length: 6 }, () => p.acquire());
    p.release(hs[1]!);
    p.release(hs[4]!);
    const seen: number[] = [];
    p.forEachLive((h) => seen.push(h));
    expect(seen).toEqual([hs[0], hs[2], hs[3], hs[5]]);
  });
});

describe("StructPool reset and bump allocation", () => {
  for (const checked of [true, false]) {
    it(`refills in slot order after reset, each slot with its next generation (checked: ${checked})`, () => {
      const p = pool({ pageSize: 4, checked });
      const old = Array.from({ length: 6 }, () => p.acquire());
      p.release(old[4]!); // free at reset time: its stamp already names its next handle
      p.reset();
      const fresh = Array.from({ length: 8 }, () => p.acquire());
      // slots 0..5 again, in order, then the never-used slots 6 and 7
      expect(fresh.map(handleSlot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (let i = 0; i < 6; i++) {
        expect(handleGeneration(fresh[i]!)).toBe(handleGeneration(old[i]!) + 1);
        expect(p.isLive(old[i]!)).toBe(false);
        expect(p.isLive(fresh[i]!)).toBe(true);
      }
      expect(handleGeneration(fresh[6]!)).toBe(1);
      expect(p.stats().pages).toBe(2);
    });

    it(`knows old handles are stale before their slots are handed out again (checked: ${checked})`, () => {
      const p = pool({ checked });
      const old = Array.from({ length: 5 }, () => p.acquire());
      p.reset();
      const again = p.acquire(); // takes slot 0; slots 1..4 stay free
      expect(handleSlot(again)).toBe(0);
      for (const h of old) expect(p.isLive(h)).toBe(false);
      const error = catchPoolError(() => p.assertLive(old[3]!));
      expect(error.kind).toBe("stale-handle");
      expect(error.slot).toBe(3);
      expect(error.message).toMatch(/is free/);
      expect(catchPoolError(() => p.assertLive(old[0]!)).message).toMatch(/reused/);
      const seen: number[] = [];
      p.forEachLive((h) => seen.push(h));
      expect(seen).toEqual([again]);
    });

    it(`zeroes only what was used since the last reset, and hands out zeroed records (checked: ${checked})`, () => {
      const p = pool({ pageSize: 4, checked });
      const end = p.field("end");
      for (let round = 0; round < 3; round++) {
        const hs = Array.from({ length: 6 - round * 2 }, () => p.acquire());
        for (const h of hs) expect(end.get(h)).toBe(0);
        for (const h of hs) end.set(h, 99);
        p.release(hs[0]!);
        p.reset();
      }
      const hs = Array.from({ length: 8 }, () => p.acquire());
      for (const h of hs) expect(end.get(h)).toBe(0);
    });
  }

  it("takes released slots before the bump cursor, most recent first", () => {
    const p = pool();
    const hs = Array.from({ length: 4 }, () => p.acquire());
    p.reset();
    const a = p.acquire();
    const b = p.acquire();
    const c = p.acquire();
    p.release(a);
    p.release(c);
    expect(handleSlot(p.acquire())).toBe(handleSlot(c));
    expect(handleSlot(p.acquire())).toBe(handleSlot(a));
    expect(handleSlot(p.acquire())).toBe(3); // then the cursor again
    expect(p.live).toBe(4);
    expect(p.isLive(b)).toBe(true);
    expect(hs.some((h) => p.isLive(h))).toBe(false);
  });

  it("counts after resets: acquires, releases, high water and reuse are exact", () => {
    const p = pool({ pageSize: 8, checked: false });
    for (let i = 0; i < 10; i++) p.acquire();
    p.reset(); // 10 released, high water 10
    const hs = Array.from({ length: 4 }, () => p.acquire()); // all 4 are reuses
    p.release(hs[2]!);
    p.acquire(); // reuse
    const s = p.stats();
    expect(s).toMatchObject({ acquires: 15, releases: 11, live: 4, highWater: 10 });
    expect(s.reuseRatio).toBeCloseTo(5 / 15);
    for (let i = 0; i < 9; i++) p.acquire(); // 6 reuses (slots 4..9), then 3 fresh slots
    expect(p.stats()).toMatchObject({ acquires: 24, live: 13, highWater: 13 });
    expect(p.stats().reuseRatio).toBeCloseTo(11 / 24);
  });
});

describe("StructPool stats", () => {
  it("counts acquires, releases, live, high water, pages, reuse and occupancy", () => {
    const p = pool({ pageSize: 8 });
    expect(p.stats()).toEqual({
      name: "nodes",
      acquires: 0,
      releases: 0,
      live: 0,
      highWater: 0,
      capacity: 0,
      pages: 0,
      pageSize: 8,
      reuseRatio: 0,
      occupancy: 0,
      bytesPerSlot: 27,
      bytes: 0,
    });
    const hs = Array.from({ length: 10 }, () => p.acquire());
    for (const h of hs.slice(0, 6)) p.release(h);
    for (let i = 0; i < 2; i++) p.acquire();
    const s = p.stats();
    expect(s.acquires).toBe(12);
    expect(s.releases).toBe(6);
    expect(s.live).toBe(6);
    expect(s.highWater).toBe(10);
    expect(s.pages).toBe(2);
    expect(s.capacity).toBe(16);
    expect(s.reuseRatio).toBeCloseTo(2 / 12);
    expect(s.occupancy).toBeCloseTo(6 / 16);
    expect(s.bytes).toBe(16 * 27);
    p.reset();
    expect(p.stats().releases).toBe(12);
    expect(p.stats().live).toBe(0);
  });
});

describe("generations", () => {
  it("wrap from 255 back to 1 and never produce generation 0", () => {
    const p = pool({ pageSize: 1, maxCapacity: 1 });
    const gens: number[] = [];
    for (let i = 0; i < 600; i++) {
      const h = p.acquire();
      gens.push(handleGeneration(h));
      expect(handleSlot(h)).toBe(0);
      p.release(h);
    }
    expect(gens.slice(0, 3)).toEqual([1, 2, 3]);
    expect(gens[254]).toBe(255);
    expect(gens[255]).toBe(1);
    expect(gens.includes(0)).toBe(false);
  });

  for (const checked of [true, false]) {
    it(`wrap the same way when slots are freed by reset (checked: ${checked})`, () => {
      const p = pool({ pageSize: 1, maxCapacity: 1, checked });
      const gens: number[] = [];
      for (let i = 0; i < 600; i++) {
        const h = p.acquire();
        gens.push(handleGeneration(h));
        p.reset();
        expect(p.isLive(h)).toBe(false);
      }
      expect(gens.slice(0, 3)).toEqual([1, 2, 3]);
      expect(gens[254]).toBe(255);
      expect(gens[255]).toBe(1);
      expect(gens.includes(0)).toBe(false);
    });
  }
});
