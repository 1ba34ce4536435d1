/** Where a JSON text goes wrong: the scanner behind "… is not valid JSON at line L, column C". */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonText } from "../../src/host/formats.js";
import { findJsonError, positionAt } from "../../src/host/json-error.js";
import { BUDGET, fault } from "./helpers.js";

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("positionAt", () => {
  it("counts lines from 1 at each line feed, and columns from 1 after it", () => {
    const text = "ab\ncd\n\nef";
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 1)).toEqual({ line: 1, column: 2 });
    expect(positionAt(text, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(text, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, 5)).toEqual({ line: 2, column: 3 });
    expect(positionAt(text, 6)).toEqual({ line: 3, column: 1 });
    expect(positionAt(text, 7)).toEqual({ line: 4, column: 1 });
    expect(positionAt(text, 9)).toEqual({ line: 4, column: 3 });
  });

  it("stops at the end of the text, and counts a carriage return as a column", () => {
    expect(positionAt("ab\ncd", 99)).toEqual({ line: 2, column: 3 });
    expect(positionAt("a\r\nb", 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt("a\rb", 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt("", 0)).toEqual({ line: 1, column: 1 });
  });
});

describe("findJsonError", () => {
  it("finds nothing wrong in valid JSON, whatever its shape and spacing", () => {
    for (const text of [
      "0",
      "-0",
      "12",
      "-12.5e+3",
      "1E-2",
      "0.5",
      "1e5",
      '""',
      '"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00aF"',
      "true",
      "false",
      "null",
      "[]",
      "{}",
      " [ 1 , [ ] , { } ] ",
      '\t{\n\r "a" : [true, false, null], "b": {"c": "d"}\n}\n',
      '{"a":1,"b":2}',
    ]) {
      expect(findJsonError(text), text).toBe(-1);
    }
  });

  it("points at the first character that cannot belong, counted from 0", () => {
    const cases: [string, number][] = [
      ["", 0],
      ["   ", 3],
      ["x", 0],
      ["1 2", 2],
      ["[1,]", 3],
      ["[1 2]", 3],
      ["[,1]", 1],
      ["{,}", 1],
      ['{"a" 1}', 5],
      ['{"a":1,}', 7],
      ['{"a":1 "b":2}', 7],
      ["{a:1}", 1],
      ["{'a':1}", 1],
      ['{"a":}', 5],
      ["01", 1],
      ["-", 1],
      ["-x", 1],
      ["+1", 0],
      [".5", 0],
      ["1.", 2],
      ["1.e3", 2],
      ["1e", 2],
      ["1e+", 3],
      ["1E-x", 3],
      ["1.5.2", 3],
      ["tru", 3],
      ["trux", 3],
      ["nul", 3],
      ["fals", 4],
      ["True", 0],
      ['"abc', 4],
      ['"a\nb"', 2],
      ['"a\u0001"', 2],
      ['"\\x"', 2],
      ['"\\', 2],
      ['"\\u12"', 5],
      ['"\\u12G4"', 5],
      ['"\\uZ"', 3],
      ['"\\u1', 4],
      ["[1", 2],
      ['{"a":1', 6],
      ["[[[]]", 5],
      ["{}}", 2],
      ["[] x", 3],
      ["\u00a01", 0],
    ];
    for (const [text, offset] of cases) {
      expect(findJsonError(text), JSON.stringify(text)).toBe(offset);
    }
  });

  it("agrees with JSON.parse on every prefix of valid JSON, and puts the error at the cut", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 1, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        for (let cut = 0; cut <= text.length; cut++) {
          const prefix = text.slice(0, cut);
          const found = findJsonError(prefix);
          expect(found === -1, prefix).toBe(parses(prefix));
          if (found !== -1) expect(found, prefix).toBe(cut);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("agrees with JSON.parse on text with a character changed", () => {
    const alphabet = fc.constantFrom(...'{}[]:,"\\ \n0123456789.-+eEtrufalsn/xu\u0000'.split(""));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.nat(), alphabet, (value, at, ch) => {
        const text = JSON.stringify(value);
        const i = at % (text.length + 1);
        const changed = text.slice(0, i) + ch + text.slice(i + 1);
        const found = findJsonError(changed);
        expect(found === -1, changed).toBe(parses(changed));
        expect(found).toBeLessThanOrEqual(changed.length);
      }),
      { numRuns: 300 },
    );
  });

  it("gives no position for nesting too deep to scan", () => {
    const deep = `${"[".repeat(200_000)}x`;
    expect(findJsonError(deep)).toBe(-1);
  });
});

describe("the message a data file gets", () => {
  it("names the line and column of the first error, and keeps V8's reason", () => {
    const f = fault(() => parseJsonText(BUDGET, '{\n  "a": 1,\n  "b" 2\n}', "data.json"));
    expect(f.code).toBe("data");
    expect(f.message).toMatch(/^data\.json is not valid JSON at line 3, column 7: \S/);
    expect(f.message).not.toContain("\n");
    // V8 quotes the text after its reason; the message keeps the reason only.
    expect(fault(() => parseJsonText(BUDGET, "[x]", "t")).message).toBe(
      "t is not valid JSON at line 1, column 2: Unexpected token 'x'",
    );
  });

  it("counts from after a byte order mark", () => {
    const f = fault(() => parseJsonText(BUDGET, "\ufeff[1,\n2,]", "t"));
    expect(f.message).toMatch(/^t is not valid JSON at line 2, column 3: /);
  });

  it("gives no position where the scanner has none", () => {
    const f = fault(() => parseJsonText(BUDGET, `${"[".repeat(200_000)}x`, "deep"));
    expect(f.message).toMatch(/^deep is not valid JSON: /);
  });
});
