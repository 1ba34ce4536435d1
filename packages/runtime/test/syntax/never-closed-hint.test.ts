/**
 * Code that ends inside a bracket is reported at the bracket, "this '(' is never closed".
 * Its hint says how to close it: the hint of whatever the parser expected at the end (a
 * command after `exec`, a name after `.`) would be about something else.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index.js";

/** The first problem `check()` finds in `source`: line, column, message and hint. */
function firstProblem(source: string): [number, number, string, string | undefined] | undefined {
  const runtime = createRuntime({});
  try {
    const [first] = runtime.check(source, { lang: "xmd" });
    return first === undefined ? undefined : [first.line, first.column, first.message, first.hint];
  } finally {
    runtime.dispose();
  }
}

describe("a bracket never closed", () => {
  it("gets 'close it with' even where the parser expected something with a hint of its own", () => {
    expect(firstProblem("print (exec")).toEqual([1, 7, "this '(' is never closed", "close it with ')'"]);
    expect(firstProblem("x = [1, exec\n")).toEqual([1, 5, "this '[' is never closed", "close it with ']'"]);
  });

  it("keeps the parameter list's own hint, which says where its ')' goes", () => {
    expect(firstProblem("function f(a, b\n")).toEqual([
      1,
      11,
      "this '(' is never closed",
      "close the parameter list with ')' before the body",
    ]);
  });
});
