/**
 * The expression parser's and the class parser's edges the mutation run of the reading part
 * (2026-12-05) found unchecked: an object's `{name}` shorthand, `set` where a value goes,
 * the classic `set("name", value)` call's name (lenient in classic documents unless they are
 * strict), and a method's `self` parameter, reported where it is written.
 */
import { describe, expect, it } from "vitest";
import { dumpProgram, parseCode } from "../support/dump.js";

/** Each problem as [start, end, message]. */
const problems = (source: string) => parseCode(source).unit.problems.map((p) => [p.start, p.end, p.message]);

describe("object literals", () => {
  it("take a name alone as the key and the value of that name, last or before a comma", () => {
    expect(dumpProgram("set o {a, b}")).toBe("(set o {a: a, b: b})");
    expect(dumpProgram("set o {a}")).toBe("(set o {a: a})");
    expect(problems("set o {a 1}")).toEqual([[9, 10, "expected ':' after the key but found a number 1"]]);
  });
});

describe("set where a value goes", () => {
  it("is an error unless it is the classic call set(NAME, VALUE)", () => {
    expect(problems("print (set)")).toEqual([[7, 10, "expected an expression but found the keyword 'set'"]]);
    expect(dumpProgram('print set("x", 1)')).toBe("(call print (SetExpr (set x 1)))");
  });

  it("names a variable that classic documents may read before it is set, unless they are strict", () => {
    const lenient = (dialect: "native" | "classic", strict: boolean) => {
      const { unit } = parseCode('print set("x", 1)', dialect, { strict });
      if (unit.lenientNames === null) return null;
      return [...unit.lenientNames].map((n) => unit.source.slice(unit.nodes.start(n), unit.nodes.end(n)));
    };
    expect(lenient("classic", false)).toContain("x");
    expect(lenient("native", false)).not.toContain("x");
    expect(lenient("classic", true)).toBeNull();
  });
});

describe("a class member's parameters", () => {
  it("may not be self, reported at the parameter", () => {
    const message = "'self' cannot be a parameter: in a constructor or method it is the instance";
    expect(problems("class A\n  f a, self\n    b")).toEqual([[15, 19, message]]);
    expect(problems("class A\n  f self\n    b")).toEqual([[12, 16, message]]);
  });
});
