import { describe, expect, it } from "vitest";
import { hashSlice, hashString, Interner, type InternMark } from "../src/index.js";

/**
 * Builds two different two-code-unit strings with the same 32-bit hash, directly.
 * The finalizer after FNV-1a is a bijection, so equal FNV states give equal hashes. After
 * the first unit `a` the state is `s(a) = (basis ^ a) * prime`; after the second unit
 * `b` it is `(s(a) ^ b) * prime`. So two first units whose states agree above the low 16
 * bits collide once the second unit cancels the low bits: `b' = b ^ low(s(a)) ^ low(s(a'))`.
 * Found among the first few hundred `a` (a birthday search over 16 bits), deterministic.
 */
function collidingPair(): [string, string] {
  const FNV_OFFSET = 0x811c9dc5 | 0;
  const FNV_PRIME = 0x01000193;
  const byHighBits = new Map<number, number>();
  for (let a = 0x41; ; a++) {
    const state = Math.imul(FNV_OFFSET ^ a, FNV_PRIME);
    const earlier = byHighBits.get(state >>> 16);
    if (earlier !== undefined) {
      const earlierState = Math.imul(FNV_OFFSET ^ earlier, FNV_PRIME);
      const b = 0x41;
      const b2 = b ^ (state & 0xffff) ^ (earlierState & 0xffff);
      return [String.fromCharCode(earlier, b), String.fromCharCode(a, b2)];
    }
    byHighBits.set(state >>> 16, a);
  }
}

describe("Interner basics", () => {
  it("gives dense ids in first-seen order and maps back", () => {
    const interner = new Interner();
    expect(interner.size).toBe(0);
    expect(interner.intern("alpha")).toBe(0);
    expect(interner.intern("beta")).toBe(1);
    expect(interner.intern("alpha")).toBe(0);
    expect(interner.intern("")).toBe(2);
    expect(interner.size).toBe(3);
    expect(interner.text(0)).toBe("alpha");
    expect(interner.text(2)).toBe("");
  });

  it("lookup and has never insert", () => {
    const interner = new Interner();
    interner.intern("x");
    expect(interner.lookup("x")).toBe(0);
    expect(interner.lookup("y")).toBe(-1);
    expect(interner.has("x")).toBe(true);
    expect(interner.has("y")).toBe(false);
    expect(interner.lookupSlice("xyz", 1, 2)).toBe(-1);
    expect(interner.lookupSlice("xyz", 0, 1)).toBe(0);
    expect(interner.size).toBe(1);
  });

  it("internSlice finds an existing string without creating it, and creates it on a miss", () => {
    const src = "set total = total + 1";
    const interner = new Interner();
    const id = interner.internSlice(src, 4, 9);
    expect(interner.text(id)).toBe("total");
    expect(interner.internSlice(src, 12, 17)).toBe(id);
    expect(interner.intern("total")).toBe(id);
    expect(interner.internSlice(src, 0, 0)).toBe(interner.intern(""));
    expect(interner.internSlice(src, 0, src.length)).toBe(interner.intern(src));
  });

  it("treats surrogate halves as code units", () => {
    const text = "a😀b";
    const interner = new Interner();
    const high = interner.internSlice(text, 1, 2);
    const low = interner.internSlice(text, 2, 3);
    const pair = interner.internSlice(text, 1, 3);
    expect(new Set([high, low, pair]).size).toBe(3);
    expect(interner.text(high)).toBe("\ud83d");
    expect(interner.text(low)).toBe("\ude00");
    expect(interner.intern("😀")).toBe(pair);
  });

  it("distinguishes strings whose hashes are equal", () => {
    const [a, b] = collidingPair();
    expect(a).not.toBe(b);
    expect(hashString(a)).toBe(hashString(b));
    const interner = new Interner();
    const ia = interner.intern(a);
    const ib = interner.internSlice(`(${b})`, 1, b.length + 1);
    expect(ia).not.toBe(ib);
    expect(interner.intern(b)).toBe(ib);
    expect(interner.lookupSlice(`[${a}]`, 1, a.length + 1)).toBe(ia);
    expect(interner.stats().probeMax).toBeGreaterThanOrEqual(2);
  });

  it("rejects bad slices and ids", () => {
    const interner = new Interner();
    interner.intern("a");
    expect(() => interner.internSlice("abc", 2, 1)).toThrow(RangeError);
    expect(() => interner.internSlice("abc", -1, 1)).toThrow(RangeError);
    expect(() => interner.internSlice("abc", 0, 4)).toThrow(RangeError);
    expect(() => interner.lookupSlice("abc", 0.5, 1)).toThrow(RangeError);
    expect(() => interner.text(1)).toThrow(RangeError);
    expect(() => interner.text(-1)).toThrow(RangeError);
    expect(() => interner.text(0.5)).toThrow(RangeError);
    expect(interner.size).toBe(1);
  });

  it("rejects bad options", () => {
    expect(() => new Interner({ seed: ["a", "b", "a"] })).toThrow(/duplicate/);
    expect(() => new Interner({ maxLoadFactor: 1 })).toThrow(RangeError);
    expect(() => new Interner({ maxLoadFactor: 0.1 })).toThrow(RangeError);
    expect(() => new Interner({ initialCapacity: -1 })).toThrow(RangeError);
  });

  it("hashSlice equals hashString of the slice", () => {
    expect(hashSlice("xx-hello-yy", 3, 8)).toBe(hashString("hello"));
    expect(hashSlice("abc", 1, 1)).toBe(hashString(""));
    expect(hashString("ab")).not.toBe(hashString("ba"));
  });
});

describe("seeding", () => {
  it("gives seed strings ids 0..k-1 in order", () => {
    const seed = ["if", "else", "for", "in", "end"];
    const interner = new Interner({ seed });
    expect(interner.seedCount).toBe(5);
    expect(interner.size).toBe(5);
    seed.forEach((s, k) => {
      expect(interner.intern(s)).toBe(k);
      expect(interner.internSlice(` ${s} `, 1, s.length + 1)).toBe(k);
      expect(interner.text(k)).toBe(s);
    });
    expect(interner.intern("name")).toBe(5);
  });

  it("seeding does not count as lookups", () => {
    const s = new Interner({ seed: ["a", "b"] }).stats();
    expect(s).toMatchObject({ distinct: 2, seeded: 2, lookups: 0, hits: 0, misses: 0, bytesHeld: 4 });
  });

  it("keeps seed ids when the seed outgrows the initial table", () => {
    const seed = Array.from({ length: 1000 }, (_, i) => `kw${i}`);
    const interner = new Interner({ seed, initialCapacity: 0 });
    expect(interner.intern("kw999")).toBe(999);
    expect(interner.intern("kw0")).toBe(0);
  });
});

describe("growth", () => {
  it("survives 10^5 strings through repeated rehashing", () => {
    const n = 100_000;
    const interner = new Interner({ initialCapacity: 0 });
    // Count mismatches and assert once: 10^5 expect() calls cost seconds on a loaded machine.
    let wrong = 0;
    for (let i = 0; i < n; i++) if (interner.intern(`id_${i}`) !== i) wrong++;
    expect(wrong).toBe(0);
    expect(interner.size).toBe(n);
    const text = Array.from({ length: n }, (_, i) => `id_${i}`).join(" ");
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const end = text.indexOf(" ", pos) === -1 ? text.length : text.indexOf(" ", pos);
      if (interner.internSlice(text, pos, end) !== i) wrong++;
      pos = end + 1;
    }
    expect(wrong).toBe(0);
    for (let i = 0; i < n; i += 997) expect(interner.text(i)).toBe(`id_${i}`);
    const s = interner.stats();
    expect(s.distinct).toBe(n);
    expect(s.loadFactor).toBeLessThanOrEqual(0.5);
    expect(s.capacity).toBe(262_144);
    expect(s.probeMean).toBeGreaterThanOrEqual(1);
    expect(s.probeMean).toBeLessThan(2);
    expect(s.hits).toBe(n);
  });

  it("honours maxLoadFactor", () => {
    const interner = new Interner({ maxLoadFactor: 0.75, initialCapacity: 0 });
    for (let i = 0; i < 1000; i++) interner.intern(String(i));
    const s = interner.stats();
    expect(s.capacity).toBe(2048);
    expect(s.loadFactor).toBeLessThanOrEqual(0.75);
  });
});

describe("trim", () => {
  it("shrinks the table and id arrays of a table done growing, keeping every id", () => {
    const interner = new Interner();
    const words = Array.from({ length: 17_000 }, (_, i) => `name_${i}`);
    for (const w of words) interner.intern(w);
    expect(interner.counts().capacity).toBe(65_536); // load 0.26 after the last doubling
    const freed = interner.trim();
    expect(interner.counts().capacity).toBe(32_768); // the smallest at load <= 0.75
    // table: 32,768 slots of 8 bytes back; ids: 32,768 → 17,000 int32
    expect(freed).toBe(32_768 * 8 + (32_768 - 17_000) * 4);
    words.forEach((w, id) => {
      expect(interner.lookup(w)).toBe(id);
      expect(interner.lookupSlice(`(${w})`, 1, w.length + 1)).toBe(id);
      expect(interner.text(id)).toBe(w);
    });
    expect(interner.lookup("absent")).toBe(-1);
    expect(interner.trim()).toBe(0); // nothing left to give back
  });

  it("grows back on the next insertion, and rollback still works", () => {
    const interner = new Interner({ seed: ["if", "else"] });
    for (let i = 0; i < 700; i++) interner.intern(`a${i}`);
    const mark = interner.mark();
    interner.trim(0.9);
    const { capacity } = interner.counts();
    expect(interner.counts().loadFactor).toBeGreaterThan(0.5);
    expect(interner.intern("new one")).toBe(702);
    expect(interner.counts().capacity).toBe(capacity * 2);
    expect(interner.counts().loadFactor).toBeLessThanOrEqual(0.5);
    interner.rollback(mark);
    expect(interner.size).toBe(702);
    expect(interner.lookup("new one")).toBe(-1);
    expect(interner.intern("a5")).toBe(7);
    expect(interner.intern("if")).toBe(0);
  });

  it("works on an empty or rolled-back interner and rejects a bad load factor", () => {
    const empty = new Interner();
    empty.trim();
    expect(empty.intern("x")).toBe(0);
    const rolled = new Interner();
    const mark = rolled.mark();
    for (let i = 0; i < 100; i++) rolled.intern(`s${i}`);
    rolled.rollback(mark);
    rolled.trim();
    expect(rolled.counts().capacity).toBe(8);
    expect(rolled.intern("after")).toBe(0);
    expect(rolled.text(0)).toBe("after");
    expect(() => empty.trim(0.95)).toThrow(RangeError);
    expect(() => empty.trim(0.1)).toThrow(RangeError);
  });
});

describe("mark / rollback", () => {
  it("drops what came after the mark and reuses its ids densely", () => {
    const interner = new Interner({ seed: ["if"] });
    interner.intern("permanent");
    const mark = interner.mark();
    expect(interner.intern("doc1_a")).toBe(2);
    expect(interner.internSlice("x doc1_b", 2, 8)).toBe(3);
    interner.rollback(mark);
    expect(interner.size).toBe(2);
    expect(interner.has("doc1_a")).toBe(false);
    expect(interner.lookupSlice("x doc1_b", 2, 8)).toBe(-1);
    expect(() => interner.text(2)).toThrow(RangeError);
    expect(interner.intern("doc2_a")).toBe(2);
    expect(interner.intern("permanent")).toBe(1);
    expect(interner.intern("if")).toBe(0);
  });

  it("works across growth and many documents without rebuilding the permanent set", () => {
    const interner = new Interner({ seed: ["set", "if"], initialCapacity: 0 });
    for (let i = 0; i < 50; i++) interner.intern(`global${i}`);
    const mark = interner.mark();
    for (let doc = 0; doc < 20; doc++) {
      for (let i = 0; i < 500; i++) expect(interner.intern(`d${doc}_${i}`)).toBe(52 + i);
      expect(interner.intern("global7")).toBe(9);
      interner.rollback(mark);
      expect(interner.size).toBe(52);
    }
    for (let i = 0; i < 50; i++) expect(interner.lookup(`global${i}`)).toBe(i + 2);
    expect(interner.lookup("d3_3")).toBe(-1);
    expect(interner.stats().bytesHeld).toBe(2 * (3 + 2 + 10 * 7 + 40 * 8));
  });

  it("rolls back half of 10^5 strings and keeps every older one reachable", () => {
    const interner = new Interner({ initialCapacity: 0 });
    for (let i = 0; i < 50_000; i++) interner.intern(`a${i}`);
    const mark = interner.mark();
    for (let i = 0; i < 50_000; i++) interner.intern(`b${i}`);
    interner.rollback(mark);
    let wrong = 0;
    for (let i = 0; i < 50_000; i++) {
      if (interner.lookup(`a${i}`) !== i) wrong++;
      if (interner.lookup(`b${i}`) !== -1) wrong++;
    }
    expect(wrong).toBe(0);
    expect(interner.intern("c")).toBe(50_000);
  });

  it("nests marks", () => {
    const interner = new Interner();
    const outer = interner.mark();
    interner.intern("a");
    const inner = interner.mark();
    interner.intern("b");
    interner.rollback(inner);
    expect(interner.size).toBe(1);
    interner.intern("c");
    expect(interner.lookup("c")).toBe(1);
    interner.rollback(outer);
    expect(interner.size).toBe(0);
  });

  it("refuses a mark it was already rolled back past, even once the size has grown back", () => {
    const interner = new Interner({ seed: ["k"] });
    const outer = interner.mark();
    interner.intern("a");
    interner.intern("b");
    const inner = interner.mark();
    interner.intern("c");
    interner.rollback(outer);
    expect(() => interner.rollback(inner)).toThrow(/earlier rollback went below it/);
    for (const s of ["p", "q", "r"]) interner.intern(s);
    // The size is past inner's again; rolling back to it would drop "r" silently.
    expect(() => interner.rollback(inner)).toThrow(RangeError);
    expect(interner.size).toBe(4);
    expect(interner.lookup("r")).toBe(3);
    interner.rollback(outer); // still valid, and reusable
    interner.rollback(outer);
    expect(interner.size).toBe(1);
  });

  it("refuses a mark from another interner and anything not from mark()", () => {
    const a = new Interner();
    const b = new Interner();
    b.intern("x");
    const foreign = b.mark();
    a.intern("y");
    expect(() => a.rollback(foreign)).toThrow(/another interner/);
    expect(() => a.rollback(0 as unknown as InternMark)).toThrow(RangeError);
    expect(() => a.rollback({ size: 0 } as unknown as InternMark)).toThrow(RangeError);
    expect(a.size).toBe(1);
  });

  it("hands out the same mark for the same size, so a mark per document does not pile up", () => {
    const interner = new Interner({ seed: ["k"] });
    const first = interner.mark();
    for (let doc = 0; doc < 3; doc++) {
      const m = interner.mark();
      expect(m).toBe(first);
      interner.intern(`doc${doc}`);
      interner.rollback(m);
    }
    expect(first.size).toBe(1);
  });
});

describe("stats", () => {
  it("counts lookups, hits, misses, bytes held and saved", () => {
    const interner = new Interner();
    const src = "alpha beta alpha";
    interner.internSlice(src, 0, 5); // miss
    interner.internSlice(src, 6, 10); // miss
    interner.internSlice(src, 11, 16); // hit: 5 units saved
    interner.intern("beta"); // hit: no bytes saved (caller made the string)
    interner.lookup("gamma"); // miss
    interner.lookupSlice(src, 6, 10); // hit: 4 units saved
    expect(interner.stats()).toMatchObject({
      distinct: 2,
      lookups: 6,
      hits: 3,
      misses: 3,
      bytesHeld: 18,
      bytesSaved: 18,
      probeMax: expect.any(Number),
    });
    // counts() is stats() without the probe figures (which need a scan of the table).
    const { probeMean, probeMax, ...counters } = interner.stats();
    expect(interner.counts()).toEqual(counters);
    expect([probeMean, probeMax]).toEqual([1, 1]);
  });

  it("reports an empty table sensibly", () => {
    const s = new Interner().stats();
    expect(s).toMatchObject({ distinct: 0, probeMean: 0, probeMax: 0, loadFactor: 0 });
    expect(s.capacity).toBeGreaterThanOrEqual(8);
  });
});
