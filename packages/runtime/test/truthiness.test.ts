/**
 * One truthiness rule for every operator that tests a value: `false`, `null`, `0`, `NaN`
 * and `""` are false, everything else (`"0"`, `[]`, `{}`, `-1`, functions) is true. Each
 * operator is run on each value, and its answer compared with the rule.
 */
import { describe, expect, it } from "vitest";
import { render } from "./support/render.js";

/** A value written as XMD, and whether the rule calls it true. */
const VALUES: [string, boolean][] = [
  ["false", false],
  ["null", false],
  ["0", false],
  ["0 / 0", false],
  ['""', false],
  ["true", true],
  ["1", true],
  ["-1", true],
  ["0.5", true],
  ['"0"', true],
  ['"false"', true],
  ["[]", true],
  ["{}", true],
  ["x => x", true],
  ["1 / 0", true],
];

/** Each operator as a line of code over `v`, printing `T` when it took `v` as true. */
const OPERATORS: [string, string][] = [
  ["if", 'if v\n    print "T"\nelse\n    print "F"'],
  ["if … then", 'if v then print "T"\nif not v then print "F"'],
  ["elif", 'if false\n    print "?"\nelif v\n    print "T"\nelse\n    print "F"'],
  ["not", 'print not v ? "F" : "T"'],
  ["!", 'print !v ? "F" : "T"'],
  ["? :", 'print v ? "T" : "F"'],
  ["and", 'print (v and "T") = "T" ? "T" : "F"'],
  ["&&", 'print (v && "T") = "T" ? "T" : "F"'],
  ["or", 'print (v or "F") = "F" ? "F" : "T"'],
  ["||", 'print (v || "F") = "F" ? "F" : "T"'],
  ["while", 'set n 0\nwhile v and n < 1\n    set n n + 1\nprint n = 1 ? "T" : "F"'],
  ["filter", 'print filter([1], x => v).length = 1 ? "T" : "F"'],
  ["find", 'print [1].find(x => v) = 1 ? "T" : "F"'],
  ["some", 'print [1].some(x => v) ? "T" : "F"'],
];

describe("one truthiness rule", () => {
  for (const [operator, code] of OPERATORS) {
    it(`${operator} follows it`, () => {
      for (const [value, truthy] of VALUES) {
        const output = render(`set v ${value}\n${code}\n`);
        expect(output, `${operator} on ${value}`).toBe(truthy ? "T\n" : "F\n");
      }
    });
  }

  it("gives `or` its fallback for NaN, as `if` does", () => {
    expect(render('set n 0 / 0\nprint n or "fallback"\n')).toBe("fallback\n");
    expect(render('set n 0 / 0\nprint n and "x"\n')).toBe("NaN\n");
  });
});
