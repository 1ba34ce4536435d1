import { describe, expect, it } from "vitest";
import { callMethod, getMember, hasMethod, methodNames } from "../../src/host/methods.js";
import { fault, lambda, makeContext } from "./helpers.js";

const ctx = makeContext();
const get = (r: unknown, n: string) => getMember(ctx, r, n);
const call = (r: unknown, n: string, ...args: unknown[]) => callMethod(ctx, r, n, args);

describe("string methods", () => {
  const text = "Hello World";
  it("runs the conformance strings case", () => {
    expect(get(text, "upper")).toBe("HELLO WORLD");
    expect(get(text, "lower")).toBe("hello world");
    expect(call(call(text, "split", " "), "join", "-")).toBe("Hello-World");
    expect(`${get("  pad  ", "trim")}|`).toBe("pad|");
    expect(get(text, "length")).toBe(11);
  });

  it("splits", () => {
    expect(call("a,b,,c", "split", ",")).toEqual(["a", "b", "", "c"]);
    expect(call("abc", "split", "")).toEqual(["a", "b", "c"]);
    expect(get("  a  b\tc ", "split")).toEqual(["a", "b", "c"]);
    expect(get("   ", "split")).toEqual([]);
    expect(call("a1b22c", "split", /\d+/)).toEqual(["a", "b", "c"]);
  });

  it("replaces every occurrence, literally", () => {
    expect(call("a-b-c", "replace", "-", "+")).toBe("a+b+c");
    expect(call("price", "replace", "price", "$&$1")).toBe("$&$1");
    expect(call("a.b.c", "replace", ".", "")).toBe("abc");
    expect(call("x1y2", "replace", /\d/g, "#")).toBe("x#y#");
    expect(call("x1y2", "replace", /\d/, "#")).toBe("x#y2");
    expect(call("n", "replace", "n", 5)).toBe("5");
  });

  it("tests and searches", () => {
    expect(call(text, "startsWith", "Hell")).toBe(true);
    expect(call(text, "endsWith", "World")).toBe(true);
    expect(call(text, "endsWith", "world")).toBe(false);
    expect(call(text, "includes", "lo W")).toBe(true);
    expect(call(text, "includes", /w/i)).toBe(true);
    expect(call(text, "indexOf", "o")).toBe(4);
    expect(call(text, "lastIndexOf", "o")).toBe(7);
    expect(call(text, "indexOf", "z")).toBe(-1);
    expect(call("a1b2", "match", /\d/g)).toEqual(["1", "2"]);
    expect(call("abc", "match", "z")).toBe(null);
  });

  it("slices and pads", () => {
    expect(call(text, "slice", 0, 5)).toBe("Hello");
    expect(call(text, "slice", -5)).toBe("World");
    expect(get(text, "slice")).toBe(text);
    expect(call("7", "padStart", 3, "0")).toBe("007");
    expect(call("7", "padEnd", 3)).toBe("7  ");
    expect(call("ab", "repeat", 3)).toBe("ababab");
    expect(call("abc", "charAt", 1)).toBe("b");
    expect(get("  x ", "trimStart")).toBe("x ");
    expect(get("  x ", "trimEnd")).toBe("  x");
  });

  it("checks arguments", () => {
    expect(fault(() => call(text, "split", 3)).code).toBe("type");
    expect(fault(() => call(text, "startsWith")).message).toMatch(/startsWith.*takes 1 argument, got 0/);
    expect(fault(() => call(text, "slice", "a")).message).toContain("must be a whole number");
    expect(fault(() => call(text, "repeat", -1)).message).toContain("negative");
    expect(fault(() => call(text, "upper", 1)).message).toContain("takes 0 arguments");
  });
});

describe("array methods", () => {
  it("push mutates and returns the new length; pop returns the last item", () => {
    const xs: unknown[] = [1];
    expect(call(xs, "push", 2)).toBe(2);
    expect(call(xs, "push", 3, 4)).toBe(4);
    expect(xs).toEqual([1, 2, 3, 4]);
    expect(get(xs, "pop")).toBe(4);
    expect(xs).toEqual([1, 2, 3]);
    expect(get([], "pop")).toBe(null);
    expect(get([5, 6], "shift")).toBe(5);
  });

  it("joins with ',' by default and converts items to text", () => {
    expect(get([1, 2.5, "x", null, true], "join")).toBe("1,2.5,x,,true");
    expect(call([1, 2], "join", " | ")).toBe("1 | 2");
    expect(call([[1, 2], { a: 1 }], "join", ";")).toBe('1, 2;{"a":1}');
  });

  it("maps, filters and reduces through the context (conformance lambdas case)", () => {
    const numbers = [1, 2, 3, 4];
    expect(
      call(
        call(
          numbers,
          "map",
          lambda((x) => (x as number) * 2),
        ),
        "join",
        ",",
      ),
    ).toBe("2,4,6,8");
    expect(
      call(
        call(
          numbers,
          "filter",
          lambda((x) => (x as number) % 2 === 0),
        ),
        "join",
        ",",
      ),
    ).toBe("2,4");
    expect(
      call(
        numbers,
        "reduce",
        lambda((a, b) => (a as number) + (b as number)),
        0,
      ),
    ).toBe(10);
    expect(
      call(
        numbers,
        "reduce",
        lambda((a, b) => (a as number) * (b as number)),
      ),
    ).toBe(24);
    expect(
      fault(() =>
        call(
          [],
          "reduce",
          lambda((a) => a),
        ),
      ).message,
    ).toContain("starting value");
    expect(
      call(
        numbers,
        "map",
        lambda(() => undefined),
      ),
    ).toEqual([null, null, null, null]);
    expect(fault(() => call(numbers, "map", 3)).message).toContain("must be a function");
  });

  it("finds and tests items", () => {
    expect(
      call(
        [1, 5, 9],
        "find",
        lambda((x) => (x as number) > 4),
      ),
    ).toBe(5);
    expect(
      call(
        [1],
        "find",
        lambda(() => false),
      ),
    ).toBe(null);
    expect(
      call(
        [1, 5],
        "some",
        lambda((x) => x === 5),
      ),
    ).toBe(true);
    expect(
      call(
        [1, 5],
        "every",
        lambda((x) => x === 5),
      ),
    ).toBe(false);
  });

  it("sorts in place: numbers numerically, others by text, stable", () => {
    const xs = [10, 9, 1, 100];
    expect(get(xs, "sort")).toBe(xs);
    expect(xs).toEqual([1, 9, 10, 100]);
    expect(get(["b", "a", "C", 10, 9], "sort")).toEqual([10, 9, "C", "a", "b"]);
    const people = [
      { n: "a", age: 30 },
      { n: "b", age: 20 },
      { n: "c", age: 30 },
      { n: "d", age: 20 },
    ];
    const byAge = lambda((a, b) => (a as { age: number }).age - (b as { age: number }).age);
    expect((call(people, "sort", byAge) as { n: string }[]).map((p) => p.n)).toEqual(["b", "d", "a", "c"]);
    const desc = lambda((a, b) => (a as number) > (b as number));
    expect(call([1, 3, 2, 3], "sort", desc)).toEqual([3, 3, 2, 1]);
    expect(
      fault(() =>
        call(
          [1, 2],
          "sort",
          lambda(() => "x"),
        ),
      ).message,
    ).toContain("must return a number");
  });

  it("reverses in place and returns the array", () => {
    const xs = [1, 2, 3];
    expect(get(xs, "reverse")).toBe(xs);
    expect(xs).toEqual([3, 2, 1]);
  });

  it("includes and indexOf compare structurally", () => {
    expect(call([1, [2], { a: 1 }], "includes", [2])).toBe(true);
    expect(call([1, [2], { a: 1 }], "indexOf", { a: 1 })).toBe(2);
    expect(call([1, 2], "includes", "1")).toBe(false);
    expect(call([1, 2], "indexOf", 3)).toBe(-1);
  });

  it("slices, concatenates, first and last", () => {
    expect(call([1, 2, 3, 4], "slice", 1, 3)).toEqual([2, 3]);
    expect(call([1, 2, 3], "slice", -1)).toEqual([3]);
    expect(call([1], "concat", [2, 3], 4)).toEqual([1, 2, 3, 4]);
    expect(get([1, 2, 3], "first")).toBe(1);
    expect(get([1, 2, 3], "last")).toBe(3);
    expect(get([], "first")).toBe(null);
    expect(get([], "last")).toBe(null);
    expect(get([1, 2, 3], "length")).toBe(3);
  });
});

describe("number methods", () => {
  it("rounds and formats", () => {
    expect(get(2.5, "round")).toBe(3);
    expect(get(-2.5, "round")).toBe(-3);
    expect(get(-0.4, "round")).toBe(0);
    expect(Object.is(get(-0.4, "round"), -0)).toBe(false);
    expect(call(1.005, "round", 2)).toBe(1.01);
    expect(call(12.34567, "round", 3)).toBe(12.346);
    expect(get(2.7, "floor")).toBe(2);
    expect(get(2.1, "ceil")).toBe(3);
    expect(get(-4, "abs")).toBe(4);
    expect(call(12.34567, "toFixed", 2)).toBe("12.35");
    expect(get(2.5, "toFixed")).toBe("3");
  });

  it("rounds with any number of digits to a finite number, and writes as many decimals", () => {
    expect(call(1.23456, "round", 25)).toBe(1.23456);
    expect(call(1e300, "round", 10)).toBe(1e300);
    // .toFixed rounds as round does (decimal halves away from zero), not in binary.
    expect(call(1.005, "toFixed", 2)).toBe("1.01");
    expect(call(-2.5, "toFixed")).toBe("-3");
    expect(get(-0.4, "toFixed")).toBe("0");
    expect(call(1.5, "toFixed", 100)).toBe(`1.5${"0".repeat(99)}`);
    expect(call(1e21, "toFixed", 2)).toBe("1e+21");
    expect(call(1e300, "toFixed", 10)).toBe("1e+300");
    expect(fault(() => call(1, "toFixed", 101)).message).toBe(".toFixed digits must be 0 to 100, got 101");
    expect(fault(() => call(1, "round", 101)).message).toBe(
      "round digits must be a whole number from 0 to 100, got 101",
    );
  });
});

describe("date methods", () => {
  const d = new Date(Date.UTC(2024, 1, 29, 13, 5, 9, 42));
  it("reads fields in UTC and formats", () => {
    expect(get(d, "year")).toBe(2024);
    expect(get(d, "month")).toBe(2);
    expect(get(d, "day")).toBe(29);
    expect(get(d, "hour")).toBe(13);
    expect(call(d, "format", "YYYY-MM-DD HH:mm:ss")).toBe("2024-02-29 13:05:09");
    expect(call(d, "format", "DD/MM/YYYY SSS")).toBe("29/02/2024 042");
    expect(get(d, "format")).toBe("2024-02-29T13:05:09.042Z");
  });

  it("diffs in whole, truncated units", () => {
    const now = new Date(Date.UTC(2024, 5, 15));
    const born = new Date(Date.UTC(1990, 0, 1));
    expect(call(now, "diff", born, "years")).toBe(34);
    expect(call(born, "diff", now, "years")).toBe(-34);
    expect(call(now, "diff", "1990-06-16", "years")).toBe(33);
    expect(call(now, "diff", "1990-06-15", "years")).toBe(34);
    expect(call(now, "diff", "2024-06-14T12:00:00Z", "days")).toBe(0);
    expect(call(now, "diff", "2024-06-14T12:00:00Z", "hours")).toBe(12);
    expect(call(now, "diff", "2024-06-14", "day")).toBe(1);
    expect(call(now, "diff", "2024-06-15T00:00:30Z", "minutes")).toBe(0);
    expect(call(now, "diff", "2024-06-15T00:00:30Z", "seconds")).toBe(-30);
    expect(call(now, "diff", "2024-06-15T00:00:30Z")).toBe(-30_000);
  });

  it("counts calendar months", () => {
    const feb28 = new Date(Date.UTC(2023, 1, 28));
    expect(call(feb28, "diff", "2023-01-31", "months")).toBe(0);
    expect(call(new Date(Date.UTC(2023, 2, 31)), "diff", "2023-01-31", "months")).toBe(2);
    expect(call(new Date(Date.UTC(2023, 2, 30)), "diff", "2023-01-31", "months")).toBe(1);
    expect(call(new Date(Date.UTC(2023, 0, 31)), "diff", "2023-03-30", "months")).toBe(-1);
    // a leap-day birthday: one year later on Feb 28 is not yet a full year
    expect(call(new Date(Date.UTC(2025, 1, 28)), "diff", "2024-02-29", "years")).toBe(0);
    expect(call(new Date(Date.UTC(2025, 2, 1)), "diff", "2024-02-29", "years")).toBe(1);
  });

  it("rejects unknown units", () => {
    expect(fault(() => call(d, "diff", d, "fortnights")).message).toContain("unknown unit");
  });
});

describe("object members", () => {
  const user = { name: "Linh", age: 30, active: true };
  it("reads own keys; missing keys are null", () => {
    expect(get(user, "name")).toBe("Linh");
    expect(get(user, "nope")).toBe(null);
    expect(get(user, "constructor")).toBe(null);
    expect(get(user, "__proto__")).toBe(null);
    expect(get(user, "toString")).toBe(null);
  });

  it("has keys, values and has", () => {
    expect(get(user, "keys")).toEqual(["name", "age", "active"]);
    expect(get(user, "values")).toEqual(["Linh", 30, true]);
    expect(call(user, "has", "age")).toBe(true);
    expect(call(user, "has", "toString")).toBe(false);
  });

  it("lets an own key win over a method", () => {
    const o = { keys: "mine", has: 1 };
    expect(get(o, "keys")).toBe("mine");
    expect(get(o, "has")).toBe(1);
  });

  it("calls a function stored under a key", () => {
    const o = { greet: lambda((n) => `Hello ${n}`), name: "x" };
    expect(call(o, "greet", "An")).toBe("Hello An");
    expect(fault(() => call(o, "name", 1)).message).toContain("not a function");
  });

  it("errors on an unknown method call, with a suggestion", () => {
    expect(fault(() => call(user, "kyes")).message).toContain("did you mean 'keys'?");
  });
});

describe("missing members", () => {
  it("names the kind and suggests a close name", () => {
    const f = fault(() => get("abc", "uper"));
    expect(f.code).toBe("type");
    expect(f.message).toBe("strings have no member 'uper'; did you mean 'upper'?");
    expect(fault(() => get([1], "lenght")).message).toContain("did you mean 'length'?");
    expect(fault(() => get(3, "zzzzzz")).message).toBe("numbers have no member 'zzzzzz'");
    expect(fault(() => get(true, "x")).message).toContain("have no member 'x'");
    expect(fault(() => get(null, "x")).message).toBe("cannot read 'x' of null");
    expect(
      fault(() =>
        call(
          lambda(() => 1),
          "x",
        ),
      ).code,
    ).toBe("type");
  });

  it("reports which methods exist", () => {
    expect(hasMethod("s", "upper")).toBe(true);
    expect(hasMethod("s", "push")).toBe(false);
    expect(hasMethod([], "push")).toBe(true);
    expect(hasMethod({ upper: 1 }, "upper")).toBe(false);
    expect(hasMethod({}, "keys")).toBe(true);
    expect(hasMethod(null, "keys")).toBe(false);
    expect(methodNames(3)).toContain("toFixed");
  });
});

describe("regex methods", () => {
  it("tests and matches", () => {
    expect(call(/^\d+$/, "test", "123")).toBe(true);
    expect(call(/^\d+$/g, "test", "123")).toBe(true);
    expect(call(/^\d+$/g, "test", "123")).toBe(true);
    expect(call(/(\w)(\d)?/, "match", "a")).toEqual(["a", "a", null]);
  });
});
