/**
 * The argument checks of builtins and methods: each check's accepted values, and the whole
 * message a user reads when a value is refused.
 */
import { describe, expect, it } from "vitest";
import {
  describe as describeValue,
  expectArgCount,
  expectArray,
  expectCallable,
  expectInteger,
  expectNumber,
  expectObject,
  expectString,
  orNull,
} from "../../src/host/args.js";
import { fault, lambda } from "./helpers.js";

describe("describe", () => {
  it("names a value's type, with the value when it is short", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("null");
    expect(describeValue("abc")).toBe('a string ("abc")');
    expect(describeValue('say "hi"\n')).toBe('a string ("say \\"hi\\"\\n")');
    expect(describeValue(3.5)).toBe("a number (3.5)");
    expect(describeValue(-0)).toBe("a number (0)");
    expect(describeValue(true)).toBe("a boolean (true)");
    expect(describeValue(false)).toBe("a boolean (false)");
    expect(describeValue([1, 2])).toBe("an array");
    expect(describeValue({ a: 1 })).toBe("an object");
    expect(describeValue(new Date(0))).toBe("a date");
    expect(describeValue(lambda(() => 1))).toBe("a function");
  });

  it("shows 40 characters of a long string, then an ellipsis", () => {
    const forty = "x".repeat(40);
    expect(describeValue(forty)).toBe(`a string ("${forty}")`);
    expect(describeValue(`${forty}y`)).toBe(`a string ("${forty}…")`);
    expect(describeValue(`${forty}${"y".repeat(100)}`)).toBe(`a string ("${forty}…")`);
  });
});

describe("the type checks", () => {
  it("return what they accept, as it is", () => {
    const list = [1];
    const object = { a: 1 };
    const f = lambda(() => 1);
    expect(expectString("", "x")).toBe("");
    expect(expectNumber(Number.NaN, "x")).toBeNaN();
    expect(expectInteger(-4, "x")).toBe(-4);
    expect(expectInteger(2 ** 60, "x")).toBe(2 ** 60);
    expect(expectArray(list, "x")).toBe(list);
    expect(expectObject(object, "x")).toBe(object);
    expect(expectCallable(f, "x")).toBe(f);
  });

  it("refuse the rest with a type error that says what was wanted and what came", () => {
    const cases: [() => unknown, string][] = [
      [() => expectString(5, ".pad width"), ".pad width must be a string, not a number (5)"],
      [() => expectString(null, "the name"), "the name must be a string, not null"],
      [() => expectNumber("5", "the count"), 'the count must be a number, not a string ("5")'],
      [() => expectNumber(true, "n"), "n must be a number, not a boolean (true)"],
      [() => expectInteger(1.5, "the index"), "the index must be a whole number, not a number (1.5)"],
      [
        () => expectInteger(Number.POSITIVE_INFINITY, "i"),
        "i must be a whole number, not a number (Infinity)",
      ],
      [() => expectInteger(Number.NaN, "i"), "i must be a whole number, not a number (NaN)"],
      [() => expectInteger("2", "i"), 'i must be a whole number, not a string ("2")'],
      [() => expectArray({}, "the list"), "the list must be an array, not an object"],
      [() => expectArray("ab", "the list"), 'the list must be an array, not a string ("ab")'],
      [() => expectObject([], "the map"), "the map must be an object, not an array"],
      [() => expectObject(new Date(0), "the map"), "the map must be an object, not a date"],
      [() => expectObject(null, "the map"), "the map must be an object, not null"],
      [
        () => expectCallable({}, ".map's argument"),
        ".map's argument must be a function (for example x => x * 2), not an object",
      ],
    ];
    for (const [check, message] of cases) {
      const f = fault(check);
      expect(f.code).toBe("type");
      expect(f.message).toBe(message);
    }
  });
});

describe("expectArgCount", () => {
  it("accepts counts within the range, ends included", () => {
    expect(() => expectArgCount([], 0, 0, "f")).not.toThrow();
    expect(() => expectArgCount([1], 1, 2, "f")).not.toThrow();
    expect(() => expectArgCount([1, 2], 1, 2, "f")).not.toThrow();
    expect(() => expectArgCount([1, 2, 3, 4, 5], 1, Number.POSITIVE_INFINITY, "f")).not.toThrow();
  });

  it("says how many it takes, in words that fit the range", () => {
    const message = (args: unknown[], min: number, max: number) => {
      const f = fault(() => expectArgCount(args, min, max, "upper"));
      expect(f.code).toBe("type");
      return f.message;
    };
    expect(message([1], 0, 0)).toBe("upper takes 0 arguments, got 1");
    expect(message([], 1, 1)).toBe("upper takes 1 argument, got 0");
    expect(message([1, 2], 1, 1)).toBe("upper takes 1 argument, got 2");
    expect(message([], 2, 2)).toBe("upper takes 2 arguments, got 0");
    expect(message([], 1, Number.POSITIVE_INFINITY)).toBe("upper takes at least 1 argument, got 0");
    expect(message([1], 2, Number.POSITIVE_INFINITY)).toBe("upper takes at least 2 arguments, got 1");
    expect(message([], 1, 3)).toBe("upper takes 1 to 3 arguments, got 0");
    expect(message([1, 2, 3, 4], 1, 3)).toBe("upper takes 1 to 3 arguments, got 4");
  });
});

describe("orNull", () => {
  it("turns undefined into null and keeps everything else", () => {
    expect(orNull(undefined)).toBeNull();
    expect(orNull(null)).toBeNull();
    expect(orNull(0)).toBe(0);
    expect(orNull("")).toBe("");
    expect(orNull(false)).toBe(false);
  });
});
