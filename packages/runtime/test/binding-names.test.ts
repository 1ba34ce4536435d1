/**
 * A keyword cannot be a name a statement binds: every place that makes a variable refuses
 * one, at the keyword, in both dialects (a `for` loop's variables took any word until
 * 2026-12-03: `for if in items` ran, and `if` could never be read back).
 */
import { describe, expect, it } from "vitest";
import { failure, render } from "./support/render.js";

/** [code, message, line, column] of the error `source` raises. */
function errorAt(source: string, lang: "md" | "xmd" = "xmd") {
  const e = failure(source, lang);
  return [e.code, e.message, e.line, e.column];
}

describe("names a statement binds", () => {
  it("refuse a keyword as a loop variable, first or second", () => {
    expect(errorAt("for if in [1]\n    print 1")).toEqual([
      "syntax",
      "the keyword 'if' cannot be a variable name",
      1,
      5,
    ]);
    expect(errorAt("for k, true in {a: 1}\n    print k")).toEqual([
      "syntax",
      "the keyword 'true' cannot be a variable name",
      1,
      8,
    ]);
    expect(errorAt("<!-- xmd:for if in [1, 2] -->\nx\n<!-- xmd:endfor -->\n", "md")).toEqual([
      "syntax",
      "the keyword 'if' cannot be a variable name",
      1,
      14,
    ]);
    expect(errorAt("<!-- xmd:for i, null in [1, 2] -->\nx\n<!-- xmd:endfor -->\n", "md")).toEqual([
      "syntax",
      "the keyword 'null' cannot be a variable name",
      1,
      17,
    ]);
  });

  it("take any other word as a loop variable, words with a meaning in one place too", () => {
    expect(render("for item in [1, 2]\n    print item")).toBe("1\n2\n");
    expect(render("for times, from in {a: 1}\n    print times, from")).toBe("a 1\n");
    expect(render("<!-- xmd:for i, v in [1, 2] -->\n{{i}}{{v}}\n<!-- xmd:endfor -->\n", "md")).toBe(
      "01\n12\n",
    );
  });

  it("refuse a keyword everywhere else a name is made", () => {
    for (const [source, message] of [
      ["set true 1", "expected a variable name after 'set' but found the keyword 'true'"],
      ["destructure [1] if", "the keyword 'if' cannot be a variable name"],
      ["function f a if\n    return 1", "a keyword cannot be a parameter name"],
      ["function if\n    return 1", "a keyword cannot name a function"],
      ["class if\n    x = 1", "a keyword cannot name a class"],
    ] as const) {
      expect(errorAt(source).slice(0, 2), source).toEqual(["syntax", message]);
    }
  });
});
