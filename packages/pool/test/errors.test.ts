/**
 * What a user reads when something goes wrong: every PoolError kind with its message and
 * slot, the option checks, and the errors of a struct pool's declaration.
 */
import { describe, expect, it } from "vitest";
import {
  type Handle,
  handleGeneration,
  MAX_SLOTS,
  NO_HANDLE,
  ObjectPool,
  PoolError,
  StructPool,
} from "../src/index.js";

const FIELDS = { kind: "u8", start: "u32", end: "u32" } as const;

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

const handle = (slot: number, generation: number) => ((generation << 22) | slot) as Handle<"Node">;

describe("PoolError", () => {
  it("is an Error named PoolError carrying pool, slot and kind", () => {
    const error = new PoolError("ast", 12, "double-free", "something");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("PoolError");
    expect(error.message).toBe('pool "ast": something');
    expect(error).toMatchObject({ pool: "ast", slot: 12, kind: "double-free" });
    expect(String(catchPoolError(() => pool().release(NO_HANDLE as Handle<"Node">)))).toMatch(/^PoolError: /);
  });
});

describe("options", () => {
  it("accepts the extremes of pageSize and maxCapacity", () => {
    expect(pool({ pageSize: 1 }).stats().pageSize).toBe(1);
    expect(pool({ pageSize: MAX_SLOTS }).stats().pageSize).toBe(MAX_SLOTS);
    const one = pool({ maxCapacity: 1, pageSize: 1 });
    one.acquire();
    expect(one.live).toBe(1);
    expect(() => pool({ maxCapacity: MAX_SLOTS })).not.toThrow();
  });

  it("names the pool, the range and the value when an option is out of range", () => {
    for (const pageSize of [3, 0, -4, 1.5, MAX_SLOTS * 2]) {
      expect(() => pool({ pageSize })).toThrow(
        new RangeError(`pool "nodes": pageSize must be a power of two in 1..4194304, got ${pageSize}`),
      );
    }
    for (const maxCapacity of [0, -1, 2.5, MAX_SLOTS + 1]) {
      expect(() => pool({ maxCapacity })).toThrow(
        new RangeError(`pool "nodes": maxCapacity must be an integer in 1..4194304, got ${maxCapacity}`),
      );
    }
  });

  it("rejects a field type that is not one of the eight, naming field and type", () => {
    for (const bad of ["u64", "toString", "", 8, ["u8"]]) {
      expect(() => new StructPool({ name: "x", fields: { a: "u8", b: bad as "u8" } })).toThrow(
        new TypeError(`pool "x": field "b" has unknown type ${String(bad)}`),
      );
    }
  });

  it("keeps the field declaration it was made with", () => {
    const fields = { kind: "u8", start: "u32" } as const;
    const p = new StructPool({ name: "x", fields });
    expect(p.fields).toEqual(fields);
    expect(p.fields).not.toBe(fields);
    expect(p.name).toBe("x");
    expect(p.checked).toBe(true);
    expect(new StructPool({ name: "y", fields, checked: false }).checked).toBe(false);
  });

  it("lists the fields when asked for one it does not have", () => {
    const p = pool();
    const h = p.acquire();
    expect(() => p.get(h, "nope" as "kind")).toThrow(
      new TypeError('pool "nodes": no field "nope" (fields: kind, start, end)'),
    );
    expect(() => p.set(h, "nope" as "kind", 1)).toThrow(/no field "nope"/);
    expect(() => p.field("nope" as "kind")).toThrow(/no field "nope"/);
  });
});

describe("capacity", () => {
  it("reports the limit, with no slot", () => {
    const p = pool({ pageSize: 4, maxCapacity: 6 });
    for (let i = 0; i < 6; i++) p.acquire();
    const error = catchPoolError(() => p.acquire());
    expect(error.kind).toBe("capacity");
    expect(error.slot).toBe(-1);
    expect(error.message).toBe(
      'pool "nodes": capacity exhausted: all 6 slots (maxCapacity) are live; raise maxCapacity or release slots',
    );
    expect(p.stats()).toMatchObject({ capacity: 6, pages: 2, live: 6 });
  });
});

describe("handles that are not handles", () => {
  for (const bad of [-1, 1.5, 2 ** 30, Number.NaN, "5", null]) {
    it(`${String(bad)} is invalid-handle, with no slot`, () => {
      const p = pool();
      p.acquire();
      const h = bad as unknown as Handle<"Node">;
      const release = catchPoolError(() => p.release(h));
      expect(release.kind).toBe("invalid-handle");
      expect(release.slot).toBe(-1);
      expect(release.message).toBe(`pool "nodes": release through ${String(bad)}, which is not a handle`);
      expect(catchPoolError(() => p.get(h, "kind")).message).toBe(
        `pool "nodes": read through ${String(bad)}, which is not a handle`,
      );
      expect(catchPoolError(() => p.set(h, "start", 1)).message).toBe(
        `pool "nodes": write through ${String(bad)}, which is not a handle`,
      );
      expect(catchPoolError(() => p.assertLive(h)).kind).toBe("invalid-handle");
      expect(p.isLive(h)).toBe(false);
      expect(p.live).toBe(1);
    });
  }

  it("NO_HANDLE and generation 0 name a slot this pool never handed out", () => {
    const p = pool();
    p.acquire();
    const error = catchPoolError(() => p.release(NO_HANDLE as Handle<"Node">));
    expect(error.kind).toBe("invalid-handle");
    expect(error.slot).toBe(0);
    expect(error.message).toBe(
      'pool "nodes": release through handle 0 (slot 0, generation 0), which this pool never handed out',
    );
    expect(catchPoolError(() => p.get(5 as Handle<"Node">, "kind")).message).toBe(
      'pool "nodes": read through handle 5 (slot 5, generation 0), which this pool never handed out',
    );
  });

  it("a slot past the last one handed out was never handed out, even inside a page", () => {
    const p = pool({ pageSize: 8 });
    p.acquire();
    p.acquire();
    for (const slot of [2, 7, 100]) {
      const error = catchPoolError(() => p.release(handle(slot, 1)));
      expect(error.kind).toBe("invalid-handle");
      expect(error.slot).toBe(slot);
      expect(error.message).toBe(
        `pool "nodes": release through handle ${handle(slot, 1)} (slot ${slot}, generation 1), which this pool never handed out`,
      );
    }
  });
});

describe("stale handles and double frees", () => {
  it("a double free names the slot and generation", () => {
    const p = pool();
    p.acquire();
    const h = p.acquire();
    p.release(h);
    const error = catchPoolError(() => p.release(h));
    expect(error).toMatchObject({ kind: "double-free", slot: 1, pool: "nodes" });
    expect(error.message).toBe(
      'pool "nodes": double free of slot 1 (generation 1): the slot is already free (released before, or the pool was reset)',
    );
  });

  it("a stale handle to a reused slot names the generation that owns it now", () => {
    const p = pool();
    const h = p.acquire();
    p.release(h);
    const again = p.acquire();
    expect(handleGeneration(again)).toBe(2);
    for (const [verb, run] of [
      ["read", () => p.get(h, "kind")],
      ["write", () => p.set(h, "kind", 1)],
      ["release", () => p.release(h)],
    ] as const) {
      const error = catchPoolError(run);
      expect(error).toMatchObject({ kind: "stale-handle", slot: 0 });
      expect(error.message).toBe(
        `pool "nodes": ${verb} through a stale handle to slot 0 (generation 1): the slot was released and reused, it is now generation 2`,
      );
    }
    expect(p.isLive(again)).toBe(true);
  });

  it("assertLive in a checked pool explains a stale handle as a read", () => {
    const p = pool();
    const h = p.acquire();
    expect(() => p.assertLive(h)).not.toThrow();
    p.release(h);
    expect(catchPoolError(() => p.assertLive(h)).message).toBe(
      'pool "nodes": read through a stale handle to slot 0 (generation 1): the slot was released (or the pool reset) and is free',
    );
  });

  it("after a release-mode reset, a handle to a slot at the refill cursor is free, not reused", () => {
    const p = pool({ checked: false });
    const old = [p.acquire(), p.acquire(), p.acquire()];
    p.reset();
    const again = p.acquire(); // slot 0; the cursor is at slot 1 now
    expect(p.isLive(again)).toBe(true);
    const error = catchPoolError(() => p.assertLive(old[1]!));
    expect(error).toMatchObject({ kind: "stale-handle", slot: 1 });
    expect(error.message).toMatch(/the slot was released \(or the pool reset\) and is free$/);
    expect(catchPoolError(() => p.assertLive(old[0]!)).message).toMatch(/reused, it is now generation 2$/);
  });
});

describe("ObjectPool errors", () => {
  it("a stale get is a read; assertLive explains in both modes", () => {
    for (const checked of [true, false]) {
      const p = new ObjectPool<{ n: number }>({ name: "objs", create: () => ({ n: 0 }), checked });
      const h = p.acquire();
      expect(() => p.assertLive(h)).not.toThrow();
      p.release(h);
      const error = catchPoolError(() => p.assertLive(h));
      expect(error).toMatchObject({ kind: "stale-handle", slot: 0, pool: "objs" });
      expect(error.message).toBe(
        'pool "objs": read through a stale handle to slot 0 (generation 1): the slot was released (or the pool reset) and is free',
      );
      expect(catchPoolError(() => p.assertLive(NO_HANDLE as Handle)).kind).toBe("invalid-handle");
      if (checked) expect(catchPoolError(() => p.get(h)).message).toBe(error.message);
      else expect(() => p.get(h)).not.toThrow();
    }
  });
});
