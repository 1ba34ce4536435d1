/**
 * A name that is a function's own — a parameter, or a variable its body sets — read where
 * the function's body is not: the error (and check()'s warning) says whose it is, instead
 * of "set it first", which would be wrong advice (it is set, but only the function sees it).
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/index.js";
import { failure } from "./support/render.js";

type Report = [line: number, column: number, message: string, hint: string | undefined];

/** The error rendering `source` (an .xmd document) throws: where, message and hint. */
function renderError(source: string): Report {
  const e = failure(source);
  return [e.line, e.column, e.message, e.hint];
}

/** check()'s reports for `source`. */
function checked(source: string, lang: "xmd" | "md" = "xmd"): Report[] {
  const runtime = createRuntime({});
  try {
    return runtime.check(source, { lang }).map((p) => [p.line, p.column, p.message, p.hint]);
  } finally {
    runtime.dispose();
  }
}

const VARIABLE_HINT =
  "y is set inside g, so it is g's own and gone when g returns: return it from g, or set y at the top level before g runs to share it";

describe("a function's own name read outside it", () => {
  it("a variable its body sets: says whose it is", () => {
    const source = "function g(a)\n    set y a * 2\n    return y\nprint g(2)\nprint y\n";
    const report: Report = [5, 7, "'y' is not defined here", VARIABLE_HINT];
    expect(renderError(source)).toEqual(report);
    expect(checked(source)).toEqual([report]);
  });

  it("a variable set in a block of its body (a loop's variable too)", () => {
    const source = "function g(list)\n    for item in list\n        print item\nprint g([1])\nprint item\n";
    expect(renderError(source)).toEqual([
      5,
      7,
      "'item' is not defined here",
      "item is set inside g, so it is g's own and gone when g returns: return it from g, or set item at the top level before g runs to share it",
    ]);
  });

  it("a parameter: says it is one", () => {
    const source = "function g(a)\n    return a\nprint g(2)\nprint a\n";
    const report: Report = [
      4,
      7,
      "'a' is not defined here",
      "a is a parameter of g, so only g's body can read it: set a at the top level to read it here",
    ];
    expect(renderError(source)).toEqual(report);
    expect(checked(source)).toEqual([report]);
  });

  it("a variable of a classic function span", () => {
    const source =
      "<!-- xmd:function g(a) -->\n<!-- xmd set y = a * 2 -->\n<!-- xmd:endfunction -->\n{{g(3)}}\nafter: {{y}}\n";
    expect(checked(source, "md")).toEqual([[5, 10, "'y' is not defined here", VARIABLE_HINT]]);
  });

  it("a lambda's parameter is not pointed to (the lambda has no name to name)", () => {
    expect(renderError("set h (q) => q\nprint h(1)\nprint q\n")).toEqual([
      3,
      7,
      "'q' is not defined",
      'set it first (set q …), or test for it with exists("q")',
    ]);
  });

  it("a name also set at the top level is that one, not the function's", () => {
    const source = "function g(a)\n    return a\nset a 5\nprint g(2) + a\n";
    expect(checked(source)).toEqual([]);
  });
});
