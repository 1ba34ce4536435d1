/**
 * Measuring a value before it is written (`checkTextSize`): the measure never refuses a
 * text that fits, refuses before building what clearly does not, and counts values exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTextSize, valueCap } from "../../src/host/data-size.js";
import { stringifyJson, stringifyYaml } from "../../src/host/formats.js";
import { toJsonText } from "../../src/host/text.js";
import { ClassValue } from "../../src/values/classes.js";
import { Regex } from "../../src/values/regex.js";
import { BUDGET, budget, fault, JsFunction, lambda } from "./helpers.js";

/** Plain data with dates, regexes, functions and the same list or object met more than once. */
const dataValue = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date(),
    fc.constantFrom(
      Regex.fromLiteral("/a+/g"),
      lambda(() => 1),
      new JsFunction("f", () => 1),
      new ClassValue("Point", null),
    ),
  ),
  list: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 5 }),
  shared: tie("list").map((list) => [list, { again: list }, list]),
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    tie("list"),
    tie("object"),
    tie("shared"),
  ),
})).value;

describe("checkTextSize", () => {
  it("never refuses a value whose JSON text fits, at any indentation the text uses", () => {
    fc.assert(
      fc.property(
        dataValue,
        fc.constantFrom<number | string | undefined>(
          undefined,
          0,
          1,
          2,
          2.5,
          12,
          -3,
          "\t",
          "--",
          "x".repeat(14),
        ),
        (value, indent) => {
          const text = toJsonText(value, indent);
          const fits = budget({ maxStringLength: text.length });
          expect(() => stringifyJson(fits, value, indent)).not.toThrow();
          expect(
            fault(() => stringifyJson(budget({ maxStringLength: text.length - 1 }), value, indent)).code,
          ).toBe("limit");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes a function, a class or a date that holds no time written at exactly the limit", () => {
    // Each was measured longer than YAML writes it: functions and classes as if quoted
    // (JSON's form), a date that holds no time as an ISO date (24 characters, not 12).
    for (const leaf of [lambda(() => 1), new ClassValue("Point", null), new Date(Number.NaN)]) {
      for (const value of [leaf, { a: leaf }, [leaf, leaf]]) {
        const yaml = stringifyYaml(BUDGET, value);
        expect(() =>
          checkTextSize(budget({ maxStringLength: yaml.length }), value, "yaml.stringify", "yaml"),
        ).not.toThrow();
        const json = stringifyJson(BUDGET, value);
        expect(() =>
          checkTextSize(budget({ maxStringLength: json.length }), value, "json.stringify"),
        ).not.toThrow();
      }
    }
  });

  it("never refuses a value whose YAML text fits", () => {
    fc.assert(
      fc.property(dataValue, (value) => {
        const text = stringifyYaml(BUDGET, value);
        expect(() =>
          checkTextSize(budget({ maxStringLength: text.length }), value, "yaml.stringify", "yaml"),
        ).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it("refuses before writing a value that clearly will not fit, whatever its leaves are", () => {
    const cases: [string, unknown, number][] = [
      ["strings", "abcdefghij", 10],
      ["dates", new Date(0), 24],
      ["regexes", Regex.fromLiteral("/abcdefgh/"), 10],
      ["booleans", true, 4],
      ["nulls", null, 4],
      ["missing values", undefined, 4],
      ["functions", lambda(() => 1), 12],
      ["empty lists", [], 2],
      ["empty objects", {}, 2],
    ];
    for (const [name, leaf, least] of cases) {
      const list = Array(100).fill(leaf);
      // At least `least` characters each: a limit just under 100 of them is passed.
      const limit = 100 * least - 1;
      const f = fault(() => checkTextSize(budget({ maxStringLength: limit }), list, "json.stringify"));
      expect(f.message, name).toBe(
        `json.stringify: the text would be longer than ${limit} characters (limit maxStringLength)`,
      );
    }
    const keys = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`key${String(i).padStart(3, "0")}`, 0]),
    );
    // Each key is 6 characters, its colon and its value at least 1 more each.
    expect(() => checkTextSize(budget({ maxStringLength: 799 }), keys, "json.stringify")).toThrow(
      /longer than 799/,
    );
  });

  it("counts the indentation of every value below the top", () => {
    const list = Array(100).fill(0);
    // Each item on a line of its own: a line feed, 10 spaces and the digit.
    expect(() =>
      checkTextSize(budget({ maxStringLength: 1199 }), list, "json.stringify", "text", 10),
    ).toThrow(/longer than 1199/);
    const nested = Array.from({ length: 50 }, () => [0]);
    // At depth 2, each digit's line is 21 characters.
    expect(() =>
      checkTextSize(budget({ maxStringLength: 1599 }), nested, "json.stringify", "text", 10),
    ).toThrow(/longer than 1599/);
  });

  it("counts each appearance of a list met again, at its own depth", () => {
    const inner = ["abcdefghij", "abcdefghij"];
    const value = Array(100).fill(inner);
    expect(() => checkTextSize(budget({ maxStringLength: 1999 }), value, "json.stringify")).toThrow(
      /longer than 1999/,
    );
    expect(() =>
      checkTextSize(budget({ maxStringLength: 3299 }), value, "json.stringify", "text", 2),
    ).toThrow(/longer than 3299/);
  });

  it("leaves a value that contains itself, and a single leaf, to the conversion", () => {
    const self: unknown[] = [];
    self.push(self, "x".repeat(100));
    expect(() => checkTextSize(budget({ maxStringLength: 10 }), self, "json.stringify")).not.toThrow();
    expect(() =>
      checkTextSize(budget({ maxStringLength: 10 }), "x".repeat(100), "json.stringify"),
    ).not.toThrow();
  });
});

describe("values counted against valueCap", () => {
  it("allows no cap for text, and 256 bytes or 1 KiB of the memory limit a value for a copy or YAML", () => {
    expect(valueCap(BUDGET, "text")).toBe(Number.POSITIVE_INFINITY);
    expect(valueCap(budget({ maxMemoryMb: 2 }), "copy")).toBe(8192);
    expect(valueCap(budget({ maxMemoryMb: 2 }), "yaml")).toBe(2048);
  });

  it("counts every list, object and item, each appearance of a shared one included", () => {
    const a = [1, 2];
    // The outer list, a three times (3 values each), the object holding it, and the date.
    const value = [a, a, { x: a }, new Date(0)];
    const capped = (values: number) => budget({ maxMemoryMb: values / 4096 });
    expect(valueCap(capped(12), "copy")).toBe(12);
    expect(() => checkTextSize(capped(12), value, "put", "copy")).not.toThrow();
    expect(fault(() => checkTextSize(capped(11), value, "put", "copy")).message).toMatch(
      /^put: the value holds more than 11 values \(lists, objects and the items in them\), and at most 11 can be written: writing a data file takes about 256 bytes of memory per value/,
    );
  });

  it("measures the depth of YAML at its deepest, not at its last list", () => {
    const two = budget({ maxNestingDepth: 2 });
    expect(() => checkTextSize(two, [[0], [1]], "yaml.stringify", "yaml")).not.toThrow();
    expect(fault(() => checkTextSize(two, [[[0]], [1]], "yaml.stringify", "yaml")).message).toBe(
      "yaml.stringify: the value nests more than 2 lists and objects deep (limit maxNestingDepth)",
    );
    // JSON has no such bound.
    expect(() => checkTextSize(two, [[[0]], [1]], "json.stringify")).not.toThrow();
  });
});
