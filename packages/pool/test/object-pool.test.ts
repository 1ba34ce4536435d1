import { describe, expect, it } from "vitest";
import { type Handle, ObjectPool, PoolError } from "../src/index.js";

interface Scope {
  names: string[];
  parent: Scope | null;
}

function pool(options: { pageSize?: number; maxCapacity?: number; checked?: boolean } = {}) {
  let created = 0;
  let resets = 0;
  const p = new ObjectPool<Scope, "Scope">({
    name: "scopes",
    create: () => {
      created++;
      return { names: [], parent: null };
    },
    reset: (scope) => {
      resets++;
      scope.names.length = 0;
      scope.parent = null;
    },
    ...options,
  });
  return { p, created: () => created, resets: () => resets };
}

describe("ObjectPool", () => {
  it("creates lazily, reuses objects and resets them on release", () => {
    const { p, created, resets } = pool();
    expect(created()).toBe(0);
    const a = p.acquire();
    const scope = p.get(a);
    scope.names.push("x");
    p.release(a);
    expect(resets()).toBe(1);
    expect(scope.names).toEqual([]);
    const b = p.acquire();
    expect(p.get(b)).toBe(scope);
    expect(created()).toBe(1);
    expect(b).not.toBe(a);
  });

  it("works without a reset hook", () => {
    const p = new ObjectPool<{ n: number }>({ name: "plain", create: () => ({ n: 0 }) });
    const h = p.acquire();
    p.get(h).n = 4;
    p.release(h);
    expect(p.get(p.acquire()).n).toBe(4);
  });

  it("detects double free and stale handles in checked mode", () => {
    const { p } = pool();
    const a = p.acquire();
    p.release(a);
    expect(() => p.release(a)).toThrow(expect.objectContaining({ kind: "double-free", pool: "scopes" }));
    expect(() => p.get(a)).toThrow(
      expect.objectContaining({ kind: "stale-handle", pool: "scopes", slot: 0 }),
    );
    expect(() => p.get(a)).toThrow(PoolError);
  });

  it("does not throw in release mode", () => {
    const { p } = pool({ checked: false });
    const a = p.acquire();
    p.release(a);
    expect(() => p.get(a)).not.toThrow();
  });

  it("keeps objects and handles across page growth", () => {
    const { p } = pool({ pageSize: 4 });
    const hs: Handle<"Scope">[] = [];
    for (let i = 0; i < 200; i++) {
      const h = p.acquire();
      p.get(h).names.push(`n${i}`);
      hs.push(h);
    }
    hs.forEach((h, i) => {
      expect(p.get(h).names).toEqual([`n${i}`]);
    });
    expect(p.stats().pages).toBe(50);
  });

  it("throws a capacity error at maxCapacity", () => {
    const { p } = pool({ pageSize: 2, maxCapacity: 3 });
    p.acquire();
    p.acquire();
    p.acquire();
    expect(() => p.acquire()).toThrow(expect.objectContaining({ kind: "capacity", pool: "scopes" }));
  });

  it("reset runs the hook on live objects only and makes handles stale", () => {
    const { p, resets } = pool();
    const hs = Array.from({ length: 5 }, () => p.acquire());
    p.release(hs[0]!);
    expect(resets()).toBe(1);
    p.reset();
    expect(resets()).toBe(5);
    expect(p.live).toBe(0);
    for (const h of hs) expect(p.isLive(h)).toBe(false);
    expect(() => p.get(hs[1]!)).toThrow(PoolError);
    p.clear();
    expect(p.stats().releases).toBe(5);
  });

  it("stays consistent when create throws", () => {
    let fail = true;
    const p = new ObjectPool<{ v: number }>({
      name: "flaky",
      create: () => {
        if (fail) throw new Error("boom");
        return { v: 1 };
      },
    });
    expect(() => p.acquire()).toThrow("boom");
    expect(p.live).toBe(0);
    expect(p.stats()).toMatchObject({ acquires: 0, releases: 0, reuseRatio: 0 });
    fail = false;
    const h = p.acquire();
    expect(p.get(h).v).toBe(1);
    expect(p.live).toBe(1);
    expect(p.stats()).toMatchObject({ acquires: 1, releases: 0, reuseRatio: 0, bytesPerSlot: 8 });
  });

  it("refills after reset with the objects it made, in slot order, creating none", () => {
    for (const checked of [true, false]) {
      const { p, created } = pool({ checked });
      const first = Array.from({ length: 3 }, () => p.acquire());
      const objects = first.map((h) => p.get(h));
      p.reset();
      const again = Array.from({ length: 3 }, () => p.acquire());
      expect(again.map((h) => p.get(h))).toEqual(objects);
      for (let i = 0; i < 3; i++) expect(p.get(again[i]!)).toBe(objects[i]);
      expect(created()).toBe(3);
      for (const h of first) expect(p.isLive(h)).toBe(false);
      p.acquire(); // a fourth slot: a new object
      expect(created()).toBe(4);
    }
  });

  it("forEachLive visits live handles with their objects", () => {
    const { p } = pool();
    const hs = Array.from({ length: 3 }, () => p.acquire());
    p.release(hs[1]!);
    const seen: [number, Scope][] = [];
    p.forEachLive((h, v) => seen.push([h, v]));
    expect(seen.map(([h]) => h)).toEqual([hs[0], hs[2]]);
    expect(seen[0]![1]).toBe(p.get(hs[0]!));
  });

  it("reset without a reset hook frees live objects and leaves them as they were", () => {
    const p = new ObjectPool<{ n: number }>({ name: "plain", create: () => ({ n: 0 }) });
    const hs = [p.acquire(), p.acquire()];
    p.get(hs[0]!).n = 5;
    p.reset();
    expect(p.live).toBe(0);
    for (const h of hs) expect(p.isLive(h)).toBe(false);
    expect(p.get(p.acquire()).n).toBe(5); // the same object, not cleared: there is no hook
  });

  it("clear resets: the hook runs on every live object and every handle goes stale", () => {
    const { p, resets } = pool();
    const hs = Array.from({ length: 3 }, () => p.acquire());
    p.get(hs[2]!).names.push("kept?");
    p.clear();
    expect(resets()).toBe(3);
    expect(p.live).toBe(0);
    for (const h of hs) expect(p.isLive(h)).toBe(false);
    expect(() => p.get(hs[0]!)).toThrow(PoolError);
    expect(p.stats()).toMatchObject({ releases: 3, live: 0 });
    const again = Array.from({ length: 3 }, () => p.acquire());
    expect(p.get(again[2]!).names).toEqual([]);
  });

  it("knows its name and mode", () => {
    expect(pool().p).toMatchObject({ name: "scopes", checked: true });
    expect(pool({ checked: false }).p.checked).toBe(false);
  });
});
