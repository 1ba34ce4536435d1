/**
 * The interner's rules one by one: every range check of a slice or an id with its message,
 * the option boundaries, and what a stored slice keeps alive.
 */
import { describe, expect, it } from "vitest";
import { hashString, Interner, type InternMark } from "../src/index.js";

const sliceMessage = (start: number, end: number, length: number) =>
  `slice [${start}, ${end}) is not inside a string of length ${length} (need integers 0 <= start <= end <= length)`;

describe("slice ranges", () => {
  const calls = {
    internSlice: (i: Interner, text: string, start: number, end: number) => i.internSlice(text, start, end),
    lookupSlice: (i: Interner, text: string, start: number, end: number) => i.lookupSlice(text, start, end),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name} refuses every slice that is not inside the text, naming it`, () => {
      const interner = new Interner();
      interner.intern("b");
      const text = "abc";
      const bad: [number, number][] = [
        [0.5, 1], // start not an integer
        [0, 1.5], // end not an integer
        [Number.NaN, 1],
        [0, Number.NaN],
        [2 ** 32, 2 ** 32], // integers, but not int32
        [-1, 1], // start before the text
        [-2, -1],
        [2, 1], // start after end
        [0, 4], // end after the text
        [3, 4],
      ];
      for (const [start, end] of bad) {
        expect(() => call(interner, text, start, end)).toThrow(new RangeError(sliceMessage(start, end, 3)));
      }
      expect(interner.counts()).toMatchObject({ distinct: 1, lookups: 1 }); // the intern above
    });

    it(`${name} accepts the edges: empty slices anywhere, start 0 and end at the length`, () => {
      const interner = new Interner();
      const b = interner.intern("b");
      const empty = interner.intern("");
      const abc = interner.intern("abc");
      expect(call(interner, "abc", 1, 2)).toBe(b);
      expect(call(interner, "abc", 0, 0)).toBe(empty);
      expect(call(interner, "abc", 3, 3)).toBe(empty);
      expect(call(interner, "abc", 0, 3)).toBe(abc);
      expect(call(interner, "", 0, 0)).toBe(empty);
    });
  }

  it("text refuses ids that are not ids of a string held now, naming the size", () => {
    const interner = new Interner();
    interner.intern("a");
    interner.intern("b");
    for (const bad of [2, -1, 0.5, Number.NaN, 2 ** 32]) {
      expect(() => interner.text(bad)).toThrow(new RangeError(`no interned string has id ${bad} (size 2)`));
    }
    expect(interner.text(1)).toBe("b");
  });
});

describe("options", () => {
  it("accepts load factors from 0.25 to 0.9 and names one outside", () => {
    expect(new Interner({ maxLoadFactor: 0.25 }).counts().capacity).toBe(256);
    expect(new Interner({ maxLoadFactor: 0.9 }).counts().capacity).toBe(128);
    for (const bad of [0.24, 0.91, Number.NaN, -1]) {
      expect(() => new Interner({ maxLoadFactor: bad })).toThrow(
        new RangeError(`maxLoadFactor must be between 0.25 and 0.9, got ${bad}`),
      );
      expect(() => new Interner().trim(bad)).toThrow(
        new RangeError(`maxLoadFactor must be between 0.25 and 0.9, got ${bad}`),
      );
    }
    const trimmed = new Interner({ initialCapacity: 200 });
    expect(trimmed.counts().capacity).toBe(512);
    for (let i = 0; i < 40; i++) trimmed.intern(`s${i}`);
    trimmed.trim(0.25);
    expect(trimmed.counts().capacity).toBe(256);
    trimmed.trim(0.9);
    expect(trimmed.counts().capacity).toBe(64);
  });

  it("sizes the table for initialCapacity strings at the load factor", () => {
    expect(new Interner().counts().capacity).toBe(128); // 64 strings at 0.5
    expect(new Interner({ initialCapacity: 0 }).counts().capacity).toBe(8);
    expect(new Interner({ initialCapacity: 4 }).counts().capacity).toBe(8);
    expect(new Interner({ initialCapacity: 5 }).counts().capacity).toBe(16);
    expect(new Interner({ initialCapacity: 100, maxLoadFactor: 0.75 }).counts().capacity).toBe(256);
    expect(new Interner({ seed: ["a", "b", "c", "d", "e"], initialCapacity: 0 }).counts().capacity).toBe(16);
  });

  it("names a bad initialCapacity", () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => new Interner({ initialCapacity: bad })).toThrow(
        new RangeError(`initialCapacity must be a non-negative integer, got ${bad}`),
      );
    }
  });

  it("names a duplicate in the seed with both positions", () => {
    expect(() => new Interner({ seed: ["a", "b", "c", "b"] })).toThrow(
      new RangeError('seed has a duplicate: "b" at 1 and 3'),
    );
  });
});

describe("rollback refusals", () => {
  it("name what is wrong with the mark", () => {
    const a = new Interner();
    const foreign = new Interner().mark();
    expect(() => a.rollback(foreign)).toThrow(
      new RangeError("cannot roll back to a mark from another interner (or not from mark())"),
    );
    const outer = a.mark();
    a.intern("x");
    a.intern("y");
    const inner = a.mark();
    a.rollback(outer);
    expect(() => a.rollback(inner)).toThrow(
      new RangeError("cannot roll back to the mark at size 2: an earlier rollback went below it"),
    );
    expect(() => a.rollback({ size: 0, owner: a, live: true } as unknown as InternMark)).toThrow(
      /another interner/,
    );
  });

  it("a new mark after a rollback is a new mark, and rolling back to it keeps the older one valid", () => {
    const interner = new Interner();
    const first = interner.mark();
    interner.intern("a");
    const second = interner.mark();
    expect(second).not.toBe(first);
    expect(second.size).toBe(1);
    interner.intern("b");
    interner.rollback(second);
    expect(interner.size).toBe(1);
    interner.rollback(first);
    expect(interner.size).toBe(0);
  });
});

describe("what a stored slice keeps alive", () => {
  const gc = (globalThis as { gc?: () => void }).gc;

  /** Heap bytes in use after full collections. */
  function heapUsed(): number {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  }

  /** A flat one-byte string of 8 MiB that nothing else refers to. */
  function bigText(): string {
    const parts: string[] = [];
    for (let i = 0; i < (8 << 20) / 16; i++) parts.push("abcdefghijklmnop");
    return parts.join("");
  }

  // A slice of 13+ code units in V8 points into its text; the interner copies it out.
  const cases: [what: string, start: (length: number) => number, end: (length: number) => number][] = [
    ["a slice of 13 code units from the middle", () => 100, () => 113],
    ["a slice of 40 from the middle", () => 1000, () => 1040],
    ["a slice at the start", () => 0, () => 20],
    ["a slice at the end", (length) => length - 20, (length) => length],
  ];
  for (const [what, start, end] of cases) {
    it(`${what} does not keep the whole text alive`, () => {
      expect(gc, "vitest must run this package with --expose-gc").toBeTypeOf("function");
      const interner = new Interner();
      const before = heapUsed();
      // Everything that refers to the text stays inside this function.
      const { id, same } = (() => {
        const text = bigText();
        const [s, e] = [start(text.length), end(text.length)];
        const stored = interner.internSlice(text, s, e);
        return { id: stored, same: interner.text(stored) === text.slice(s, e) };
      })();
      expect(same).toBe(true);
      expect(heapUsed() - before).toBeLessThan(2 << 20); // the text was 8 MiB
      expect(interner.lookup(interner.text(id))).toBe(id);
    });
  }

  it("the whole text is stored as it is, not copied", () => {
    const interner = new Interner();
    const text = bigText();
    const before = heapUsed();
    const id = interner.internSlice(text, 0, text.length);
    expect(heapUsed() - before).toBeLessThan(2 << 20); // a copy would be 8 MiB more
    expect(interner.text(id)).toBe(text);
    expect(interner.lookupSlice(`(${text})`, 1, text.length + 1)).toBe(id);
  });
});

/** A string of `length` code units whose home slot in a table of `capacity` is `slot`. */
function withHome(slot: number, capacity: number, taken: Set<string>, length = 3): string {
  for (let n = 0; ; n++) {
    const s = `h${n}`.padEnd(length, "_");
    if ((hashString(s) & (capacity - 1)) === slot && !taken.has(s)) {
      taken.add(s);
      return s;
    }
  }
}

describe("probing", () => {
  it("finds strings that share a home slot, and tells them apart", () => {
    const interner = new Interner({ initialCapacity: 4 }); // 8 slots
    const taken = new Set<string>();
    const words = [withHome(3, 8, taken), withHome(3, 8, taken), withHome(3, 8, taken)];
    const ids = words.map((w) => interner.intern(w));
    expect(ids).toEqual([0, 1, 2]);
    words.forEach((w, i) => {
      expect(interner.lookup(w)).toBe(i);
      expect(interner.lookupSlice(`<${w}>`, 1, w.length + 1)).toBe(i);
    });
    expect(interner.stats()).toMatchObject({ probeMax: 3, probeMean: 2 });
  });

  it("probes wrap from the last slot to the first", () => {
    const interner = new Interner({ initialCapacity: 4 }); // 8 slots
    const taken = new Set<string>();
    const last = [withHome(7, 8, taken), withHome(7, 8, taken)];
    for (const w of last) interner.intern(w);
    const first = withHome(0, 8, taken);
    expect(interner.intern(first)).toBe(2); // its home slot 0 is taken by the wrapped one
    expect([interner.lookup(last[0]!), interner.lookup(last[1]!), interner.lookup(first)]).toEqual([0, 1, 2]);
    expect(interner.stats()).toMatchObject({ probeMax: 2, probeMean: 5 / 3 });
  });

  it("probe figures count every slot, the last one included, and keep the longest probe", () => {
    const taken = new Set<string>();
    const alone = new Interner({ initialCapacity: 4 });
    alone.intern(withHome(7, 8, taken));
    expect(alone.stats()).toMatchObject({ probeMean: 1, probeMax: 1 });
    const interner = new Interner({ initialCapacity: 4 });
    interner.intern(withHome(1, 8, taken));
    interner.intern(withHome(1, 8, taken)); // probes 2, in slot 2
    interner.intern(withHome(5, 8, taken)); // probes 1, in a later slot
    expect(interner.stats()).toMatchObject({ probeMax: 2, probeMean: 4 / 3 });
  });

  it("a slice that is a prefix of a stored string with the same hash is not that string", () => {
    // hashString(p + c) === hashString(p) for this prefix p and unit c (FNV-1a state cycle).
    const p = String.fromCharCode(66, 36341);
    const longer = p + String.fromCharCode(1056);
    expect(hashString(longer)).toBe(hashString(p));
    const interner = new Interner();
    const id = interner.intern(longer);
    expect(interner.lookupSlice(longer, 0, 2)).toBe(-1);
    expect(interner.lookup(p)).toBe(-1);
    expect(interner.internSlice(`${longer}!`, 0, 2)).toBe(id + 1);
    expect(interner.lookupSlice(`${longer}!`, 0, 3)).toBe(id);
  });
});

describe("counters", () => {
  it("every kind of lookup counts, and every hit", () => {
    const interner = new Interner();
    interner.intern("ab");
    interner.lookup("ab"); // hit
    interner.has("ab"); // hit
    interner.has("zz"); // miss
    interner.lookupSlice("xab", 1, 3); // hit: 2 units saved
    interner.internSlice("abab", 2, 4); // hit: 2 units saved
    expect(interner.counts()).toMatchObject({ lookups: 6, hits: 4, misses: 2, bytesSaved: 8, bytesHeld: 4 });
  });
});

describe("trim sizes", () => {
  it("leaves a table it cannot shrink as it is, probe figures included", () => {
    const taken = new Set<string>();
    const interner = new Interner({ initialCapacity: 4 }); // 8 slots
    // Two strings at home 6 and one at home 7: the cluster wraps to slot 0.
    const words = [withHome(6, 8, taken), withHome(6, 8, taken), withHome(7, 8, taken)];
    for (const w of words) interner.intern(w);
    const before = interner.stats();
    expect(before).toMatchObject({ capacity: 8, probeMax: 2 });
    expect(interner.trim(0.5)).toBe(0);
    expect(interner.stats()).toEqual(before);
    words.forEach((w, i) => {
      expect(interner.lookup(w)).toBe(i);
    });
  });

  it("picks the smallest table that holds the strings at the load factor, exactly at the limit too", () => {
    const interner = new Interner();
    for (let i = 0; i < 6; i++) interner.intern(`s${i}`);
    interner.trim(0.75); // 8 slots hold 6 at 0.75
    expect(interner.counts().capacity).toBe(8);
    const more = new Interner();
    for (let i = 0; i < 7; i++) more.intern(`s${i}`);
    more.trim(0.75);
    expect(more.counts().capacity).toBe(16);
    for (let i = 0; i < 7; i++) expect(more.lookup(`s${i}`)).toBe(i);
  });
});
