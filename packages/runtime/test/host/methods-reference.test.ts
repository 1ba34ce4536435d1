/**
 * The string, array and number methods that mean what JavaScript's methods of the same
 * name mean, checked against them on random receivers and arguments; where XMD differs
 * (text separators taken literally, lists compared by value, halves rounded away from
 * zero), the difference is checked against its own reference.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callMethod, getMember } from "../../src/host/methods.js";
import { runs } from "../support/scale.js";
import { fault, lambda, makeContext } from "./helpers.js";

const ctx = makeContext();
const call = (r: unknown, n: string, ...args: unknown[]) => callMethod(ctx, r, n, args);

/** Texts of a few characters, so that searches find something; spaces and a surrogate pair too. */
const text = fc.string({
  unit: fc.constantFrom("a", "b", "A", " ", "\t", "\n", "-", "😀", "é", "$"),
  maxLength: 12,
});
const part = fc.string({ unit: fc.constantFrom("a", "b", " ", "-", "$"), maxLength: 3 });
const index = fc.integer({ min: -15, max: 15 });

describe("string methods against JavaScript's", () => {
  it("change case and trim as JavaScript does", () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const name of ["upper", "lower", "trim", "trimStart", "trimEnd", "length"] as const) {
          const js = { upper: "toUpperCase", lower: "toLowerCase", length: "length" }[name as string] ?? name;
          const expected =
            name === "length" ? s.length : (s as unknown as Record<string, () => string>)[js]?.();
          expect(getMember(ctx, s, name), name).toBe(expected);
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it("search as JavaScript does", () => {
    fc.assert(
      fc.property(text, part, (s, p) => {
        expect(call(s, "startsWith", p)).toBe(s.startsWith(p));
        expect(call(s, "endsWith", p)).toBe(s.endsWith(p));
        expect(call(s, "includes", p)).toBe(s.includes(p));
        expect(call(s, "indexOf", p)).toBe(s.indexOf(p));
        expect(call(s, "lastIndexOf", p)).toBe(s.lastIndexOf(p));
        expect(call(s, "match", p)).toEqual(s.includes(p) ? [p] : null);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("slice, pad, repeat and pick a character as JavaScript does", () => {
    fc.assert(
      fc.property(text, index, index, part, fc.nat(4), (s, i, j, fill, n) => {
        expect(call(s, "slice", i, j)).toBe(s.slice(i, j));
        expect(call(s, "slice", i)).toBe(s.slice(i));
        expect(call(s, "slice", null, j)).toBe(s.slice(undefined, j));
        expect(call(s, "charAt", i)).toBe(s.charAt(i));
        expect(call(s, "padStart", i)).toBe(s.padStart(i));
        expect(call(s, "padEnd", i, fill)).toBe(s.padEnd(i, fill));
        expect(call(s, "padStart", i, null)).toBe(s.padStart(i, " "));
        expect(call(s, "repeat", n)).toBe(s.repeat(n));
      }),
      { numRuns: runs(1000) },
    );
  });

  it("split on a text separator as JavaScript does, and on whitespace as a split of the trimmed text", () => {
    fc.assert(
      fc.property(text, part, (s, sep) => {
        expect(call(s, "split", sep)).toEqual(sep === "" ? Array.from(s) : s.split(sep));
        const t = s.trim();
        expect(call(s, "split")).toEqual(t === "" ? [] : t.split(/\s+/));
        expect(call(s, "split", null)).toEqual(t === "" ? [] : t.split(/\s+/));
      }),
      { numRuns: runs(1000) },
    );
  });

  it("replace every occurrence of a text, with `$` taken literally", () => {
    fc.assert(
      fc.property(text, part, part, (s, what, by) => {
        expect(call(s, "replace", what, by)).toBe(s.replaceAll(what, () => by));
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe("array methods against JavaScript's", () => {
  const items = fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("a", "b", "")), {
    maxLength: 8,
  });

  it("slice, join, concat, take the first and last as JavaScript does", () => {
    fc.assert(
      fc.property(items, items, index, index, (xs, ys, i, j) => {
        expect(call(xs, "slice", i, j)).toEqual(xs.slice(i, j));
        expect(call(xs, "slice", null, j)).toEqual(xs.slice(undefined, j));
        expect(call(xs, "join")).toBe(xs.join(","));
        expect(call(xs, "join", " - ")).toBe(xs.join(" - "));
        expect(call(xs, "concat", ys, 5)).toEqual(xs.concat(ys, 5));
        expect(getMember(ctx, xs, "first")).toBe(xs.length > 0 ? xs[0] : null);
        expect(getMember(ctx, xs, "last")).toBe(xs.length > 0 ? xs[xs.length - 1] : null);
        expect(getMember(ctx, xs, "length")).toBe(xs.length);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("find and test items as JavaScript does for values compared by ===", () => {
    fc.assert(
      fc.property(
        items,
        fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("a", "b", "")),
        (xs, x) => {
          expect(call(xs, "indexOf", x)).toBe(xs.indexOf(x));
          expect(call(xs, "includes", x)).toBe(xs.includes(x));
          const isX = lambda((y) => y === x);
          expect(call(xs, "find", isX)).toBe(xs.includes(x) ? x : null);
          expect(call(xs, "some", isX)).toBe(xs.some((y) => y === x));
          expect(call(xs, "every", isX)).toBe(xs.every((y) => y === x));
          expect(call(xs, "filter", isX)).toEqual(xs.filter((y) => y === x));
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  it("find lists and objects by value, not by identity", () => {
    expect(call([[1, 2], { a: 1 }], "indexOf", { a: 1 })).toBe(1);
    expect(call([[1, 2], { a: 1 }], "includes", [1, 2])).toBe(true);
    expect(call([[1, 2]], "includes", [2, 1])).toBe(false);
  });

  it("sort numbers by value and texts by code unit, stably and in place, as JavaScript does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 12 }),
        fc.array(text, { maxLength: 12 }),
        (ns, ts) => {
          const numbers = ns.slice();
          expect(getMember(ctx, numbers, "sort")).toBe(numbers);
          expect(numbers).toEqual(ns.slice().sort((a, b) => a - b));
          const texts = ts.slice();
          expect(getMember(ctx, texts, "sort")).toBe(texts);
          expect(texts).toEqual(ts.slice().sort());
        },
      ),
      { numRuns: runs(500) },
    );
  });

  it("sort a list of mixed kinds by text, stably: items of equal text keep their order", () => {
    const item = fc.oneof(
      fc.integer({ min: -12, max: 12 }),
      fc.constantFrom("1", "10", "-1", "a", "", "true", "null"),
      fc.constant(null),
      fc.boolean(),
    );
    const textOf = (x: unknown) => (x === null ? "" : String(x));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 14 }), (xs) => {
        const list = xs.slice();
        getMember(ctx, list, "sort");
        const byText = (a: unknown, b: unknown) =>
          textOf(a) < textOf(b) ? -1 : textOf(a) > textOf(b) ? 1 : 0;
        const allNumbers = xs.every((x) => typeof x === "number");
        expect(list).toEqual(xs.slice().sort(allNumbers ? (a, b) => (a as number) - (b as number) : byText));
      }),
      { numRuns: runs(500) },
    );
    // Long enough for the engine's merge sort, not only its insertion sort of short runs.
    const long = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? (i * 7) % 31 : String((i * 13) % 29)));
    const sortedLong = long.slice();
    getMember(ctx, sortedLong, "sort");
    expect(sortedLong).toEqual(
      long.slice().sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)),
    );
    const mixed: unknown[] = ["1", 1, "b", "a", 1, "1", null];
    getMember(ctx, mixed, "sort");
    expect(mixed).toEqual([null, "1", 1, 1, "1", "a", "b"]);
  });

  it("sort by a function that returns a number or true/false, as the same sort with a number", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.nat(3), i: fc.nat(99) }), { maxLength: 10 }), (rows) => {
        const byNumber = rows.slice();
        call(
          byNumber,
          "sort",
          lambda((a, b) => (a as { k: number }).k - (b as { k: number }).k),
        );
        expect(byNumber).toEqual(rows.slice().sort((a, b) => a.k - b.k));
        const byBoolean = rows.slice();
        call(
          byBoolean,
          "sort",
          lambda((a, b) => (a as { k: number }).k < (b as { k: number }).k),
        );
        expect(byBoolean).toEqual(byNumber);
      }),
      { numRuns: runs(500) },
    );
    expect(
      fault(() =>
        call(
          [2, 1],
          "sort",
          lambda(() => "x"),
        ),
      ).message,
    ).toBe('the .sort function must return a number or true/false, not a string ("x")');
    // NaN from the function counts as equal: the order stays.
    const kept = [3, 1, 2];
    call(
      kept,
      "sort",
      lambda(() => Number.NaN),
    );
    expect(kept).toEqual([3, 1, 2]);
  });

  it("sort items of other kinds by their text, stably", () => {
    // Their texts: {"b":1}, "", true, 2, 10, 9, 10; in code unit order "", "10", "10", "2", "9", "true", "{…".
    const items = [{ b: 1 }, null, true, [2], 10, "9", "10"];
    expect(call(items, "sort")).toEqual([null, 10, "10", [2], "9", true, { b: 1 }]);
  });

  it("reduce from the first item, or from a starting value, as JavaScript does", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -9, max: 9 }), { maxLength: 8 }), fc.integer(), (xs, start) => {
        const minus = lambda((a, b) => (a as number) - (b as number));
        expect(call(xs, "reduce", minus, start)).toBe(xs.reduce((a, b) => a - b, start));
        if (xs.length > 0) expect(call(xs, "reduce", minus)).toBe(xs.reduce((a, b) => a - b));
      }),
      { numRuns: runs(500) },
    );
  });

  it("push, pop and shift as JavaScript does, with null for nothing", () => {
    fc.assert(
      fc.property(items, items, (xs, more) => {
        const mine = xs.slice();
        const theirs = xs.slice();
        if (more.length > 0) expect(call(mine, "push", ...more)).toBe(theirs.push(...more));
        expect(getMember(ctx, mine, "pop")).toBe(theirs.pop() ?? null);
        expect(getMember(ctx, mine, "shift")).toBe(theirs.shift() ?? null);
        expect(mine).toEqual(theirs);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe("number methods against JavaScript's", () => {
  it("floor, ceil and abs as Math does; toFixed as round then toFixed", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e15, max: 1e15 }), fc.nat(6), (n, d) => {
        expect(getMember(ctx, n, "floor")).toBe(Math.floor(n));
        expect(getMember(ctx, n, "ceil")).toBe(Math.ceil(n));
        expect(getMember(ctx, n, "abs")).toBe(Math.abs(n));
        expect(call(n, "toFixed", d)).toBe((call(n, "round", d) as number).toFixed(d));
      }),
      { numRuns: runs(1000) },
    );
    expect(call(1.005, "toFixed", 2)).toBe("1.01");
    expect(getMember(ctx, 2.5, "toFixed")).toBe("3");
    for (const bad of [-1, 101])
      expect(fault(() => call(1, "toFixed", bad)).message).toBe(
        `.toFixed digits must be 0 to 100, got ${bad}`,
      );
  });
});
