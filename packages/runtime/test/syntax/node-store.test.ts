/**
 * The node stores themselves, beside the trees the parser makes in them: how the pooled
 * store plans its room (`reserve`), gives it back (`releaseAll`, `trim`) and undoes what a
 * failed read made (`mark`, `rollback`); where it keeps strings; and the heap store's limit
 * and marks. The reading tests parse into these stores but look only at the trees, so the
 * mutation run of the reading part (2026-12-05) left most of this unchecked.
 */
import { PoolError } from "@xmd/pool";
import { describe, expect, it } from "vitest";
import { InternedNames } from "../../src/syntax/interned-names.js";
import { SEED_NAMES } from "../../src/syntax/keywords.js";
import { HeapNodeStore, N, PooledNodeStore } from "../../src/syntax/nodes.js";

function pooled(
  options: { max?: number; checked?: boolean; pageSize?: number; reserves?: boolean } = {},
): PooledNodeStore {
  const { max = 1 << 20, checked = false, pageSize = 64, reserves = true } = options;
  return new PooledNodeStore(new InternedNames(), max, checked, pageSize, reserves);
}

function createMany(store: PooledNodeStore | HeapNodeStore, n: number): number[] {
  return Array.from({ length: n }, (_, i) => store.create(N.Num, i, i + 1));
}

describe("the pooled store's reserve", () => {
  it("gives an empty store a first page that holds what is asked, a power of two", () => {
    const store = pooled();
    store.reserve(1000);
    expect(store.pool.stats().pageSize).toBe(1024);
    createMany(store, 1000);
    expect(store.pool.stats().pages).toBe(1);
  });

  it("keeps the pool when its pages are already as large, or it already has the room", () => {
    const store = pooled();
    store.reserve(50);
    expect(store.pool.stats().pageSize).toBe(64);
    const pool = store.pool;
    createMany(store, 100);
    store.releaseAll();
    expect(store.pool).toBe(pool);
    store.reserve(128);
    expect(store.pool).toBe(pool);
    store.reserve(129);
    expect(store.pool.stats().pageSize).toBe(256);
  });

  it("keeps an empty store's pool when its pages are as large as asked, even with no room yet", () => {
    const store = pooled({ pageSize: 256 });
    const pool = store.pool;
    expect(pool.stats().capacity).toBeLessThan(100);
    store.reserve(100);
    expect(store.pool).toBe(pool);
    store.reserve(256);
    expect(store.pool).toBe(pool);
    expect(store.pool.stats().pageSize).toBe(256);
  });

  it("asks no more than the store's capacity", () => {
    const store = pooled({ max: 300 });
    store.reserve(100_000);
    expect(store.pool.stats().pageSize).toBe(512);
  });

  it("does nothing to a store with live nodes, an open mark, checked handles, or no leave to", () => {
    const live = pooled();
    const [n] = createMany(live, 1);
    live.reserve(1000);
    expect(live.pool.stats().pageSize).toBe(64);
    expect(live.start(n as number)).toBe(0);

    const marked = pooled();
    marked.mark();
    marked.reserve(1000);
    expect(marked.pool.stats().pageSize).toBe(64);

    for (const store of [pooled({ checked: true }), pooled({ reserves: false })]) {
      store.reserve(1000);
      expect(store.pool.stats().pageSize).toBe(64);
    }
  });
});

describe("the pooled store's room, given back", () => {
  it("drops a pool grown past 65,536 slots for a fresh one of the first page size, unless checked", () => {
    const store = pooled({ reserves: false });
    createMany(store, 70_000);
    store.releaseAll();
    expect(store.pool.stats()).toMatchObject({ live: 0, capacity: 0, pageSize: 64 });

    const checked = pooled({ checked: true, reserves: false });
    createMany(checked, 70_000);
    const pool = checked.pool;
    checked.releaseAll();
    expect(checked.pool).toBe(pool);
    expect(checked.pool.stats().live).toBe(0);
    expect(checked.pool.stats().capacity).toBeGreaterThanOrEqual(70_000);
  });

  it("keeps a pool of up to 65,536 slots, emptied", () => {
    const store = pooled();
    createMany(store, 100);
    const pool = store.pool;
    store.releaseAll();
    expect(store.pool).toBe(pool);
    expect(pool.stats()).toMatchObject({ live: 0, capacity: 128 });
  });

  it("keeps a pool of exactly 65,536 slots: only a pool grown past them is dropped", () => {
    const store = pooled({ reserves: false });
    createMany(store, 65_536);
    const pool = store.pool;
    expect(pool.stats().capacity).toBe(65_536);
    store.releaseAll();
    expect(store.pool).toBe(pool);
    expect(pool.stats()).toMatchObject({ live: 0, capacity: 65_536 });
  });

  it("trims the room no node uses", () => {
    const store = pooled();
    createMany(store, 100);
    store.releaseAll();
    store.trim();
    expect(store.pool.stats().capacity).toBeLessThan(128);
  });
});

describe("the pooled store's strings", () => {
  it("interns strings of up to 64 code units and keeps longer ones aside, each read back", () => {
    const store = pooled();
    const [a, b, c, d] = createMany(store, 4) as [number, number, number, number];
    const short = "s".repeat(64);
    const long1 = "l".repeat(65);
    const long2 = "m".repeat(100);
    store.setStr(a, short);
    store.setStr(b, long1);
    store.setStr(c, long2);
    store.setStr(d, "");
    expect([store.str(a), store.str(b), store.str(c), store.str(d)]).toEqual([short, long1, long2, ""]);
    expect(store.counts).toMatchObject({ strings: 4, internedStrings: 2 });
  });

  it("reads back the string the interner numbered 0 (its first seed name)", () => {
    const names = new InternedNames();
    const store = new PooledNodeStore(names, 1 << 20, false, 64, true);
    const [n] = createMany(store, 1) as [number];
    const first = SEED_NAMES[0] as string;
    expect(names.interner.lookup(first)).toBe(0);
    store.setStr(n, first);
    expect(store.str(n)).toBe(first);
  });
});

describe("marks", () => {
  it("roll the pooled store back to what it held, nested, and leave it unmarked after the outermost", () => {
    const store = pooled();
    createMany(store, 2);
    const outer = store.mark();
    createMany(store, 1);
    const inner = store.mark();
    createMany(store, 3);
    store.rollback(inner);
    expect(store.live).toBe(3);
    store.rollback(outer);
    expect(store.live).toBe(2);
    // Nothing is recorded once the outermost mark is rolled back: a later rollback to it
    // finds nothing to release.
    createMany(store, 2);
    store.rollback(outer);
    expect(store.live).toBe(4);
  });

  it("roll back to a mark taken on an empty store, which may then reserve again", () => {
    const store = pooled();
    const mark = store.mark();
    createMany(store, 5);
    store.rollback(mark);
    expect(store.live).toBe(0);
    store.reserve(1000);
    expect(store.pool.stats().pageSize).toBe(1024);
  });

  it("roll back nothing when no mark is open", () => {
    const store = pooled();
    createMany(store, 3);
    store.rollback({ nodes: 0, strings: 0 });
    expect(store.live).toBe(3);
  });

  it("roll the heap store back to what it held", () => {
    const store = new HeapNodeStore();
    createMany(store, 2);
    const mark = store.mark();
    expect(mark.nodes).toBe(2);
    createMany(store, 3);
    store.rollback(mark);
    expect(store.live).toBe(2);
  });
});

describe("both stores", () => {
  it("move a node's start and end", () => {
    for (const store of [pooled(), new HeapNodeStore()]) {
      const n = store.create(N.Num, 1, 2);
      store.setStart(n, 5);
      store.setEnd(n, 9);
      expect([store.start(n), store.end(n)]).toEqual([5, 9]);
    }
  });

  it("count every string set", () => {
    const store = new HeapNodeStore();
    const [a, b] = createMany(store, 2) as [number, number];
    store.setStr(a, "x");
    store.setStr(b, "y".repeat(100));
    expect([store.str(a), store.str(b).length, store.counts.strings]).toEqual(["x", 100, 2]);
  });

  it("the heap store stops at its limit with the pool's capacity error", () => {
    const store = new HeapNodeStore(2);
    createMany(store, 2);
    let error: unknown;
    try {
      store.create(N.Num, 0, 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PoolError);
    const e = error as PoolError;
    expect([e.pool, e.slot, e.kind, e.message]).toEqual([
      "ast-nodes",
      -1,
      "capacity",
      'pool "ast-nodes": capacity exhausted: all 2 slots are live',
    ]);
    expect(store.live).toBe(2);
  });
});
