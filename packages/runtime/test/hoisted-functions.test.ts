/**
 * Functions are hoisted wherever they are declared: in a block (`if`, loops, `try`) or a
 * classic span as well as beside the code that calls them. A name belongs to its whole
 * module or function, so such a function can be called before its line and after its
 * block; one declared inside another function belongs to that function. (Before, a
 * function declared in a block was never bound: every call said "not defined yet".)
 */
import { describe, expect, it } from "vitest";
import { failure, render } from "./support/render.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("a function declared in a block", () => {
  it("is called in its block, after it, and before its line", () => {
    const inBlock = lines("if true", "  function g()", "    return 1", "  print g()");
    expect(render(inBlock)).toBe("1\n");
    expect(render(lines("if true", "  function g()", "    return 1", "print g()"))).toBe("1\n");
    expect(render(lines("print g()", "if true", "  function g()", "    return 1"))).toBe("1\n");
  });

  it("is hoisted from a branch that does not run, as from any other", () => {
    expect(
      render(lines("print g()", "if false", "  print 0", "else", "  function g()", "    return 2")),
    ).toBe("2\n");
    const elif = lines(
      "if false",
      "  print 0",
      "elif false",
      "  print 0",
      "elif true",
      "  function g()",
      "    return 3",
    );
    expect(render(`${elif}print g()\n`)).toBe("3\n");
  });

  it("is hoisted from every kind of block", () => {
    const bodies = {
      for: lines("for i in [1]", "  function g()", "    return 4"),
      while: lines("set n 0", "while n < 1", "  set n = n + 1", "  function g()", "    return 4"),
      loop: lines("loop 1 times", "  function g()", "    return 4"),
      try: lines("try", "  function g()", "    return 4", "catch e", "  print e"),
      catch: lines("try", "  print 1", "catch e", "  function g()", "    return 4"),
    };
    for (const [kind, source] of Object.entries(bodies))
      expect(render(`print g()\n${source}`), kind).toMatch(/^4\n/);
  });

  it("reads the loop variable it closes over as the loop runs", () => {
    expect(render(lines("for i in [1, 2]", "  function g()", "    return i", "  print g()"))).toBe("1\n2\n");
  });

  it("inside a function, belongs to that function and is hoisted in it", () => {
    const source = lines(
      "function h()",
      "  if true",
      "    function g()",
      "      return 1",
      "  return g()",
      "print h()",
    );
    expect(render(source)).toBe("1\n");
    // (The message names the function it belongs to: see undefined-name-hints.test.ts.)
    const e = failure(`${source}print g()\n`);
    expect([e.code, e.line]).toEqual(["undefined-name", 7]);
    expect(e.message).toMatch(/^'g' is not defined/);
  });

  it("inside a generator's block too", () => {
    const source = lines("function* gen()", "  if true", "    function g()", "      return 5", "  yield g()");
    expect(render(`${source}for v in gen()\n  print v\n`)).toBe("5\n");
  });
});

describe("a function declared in a classic span", () => {
  it("is hoisted from an if span to the document", () => {
    const source = lines(
      "{{ g() }}",
      "<!-- xmd:if true -->",
      "<!-- xmd function g()",
      "  return 1",
      "-->",
      "{{ g() }}",
      "<!-- xmd:endif -->",
      "{{ g() }}",
    );
    expect(render(source, "md")).toBe("1\n1\n1\n");
  });

  it("is hoisted in the function span it stands in", () => {
    const source = lines(
      "<!-- xmd:function f(x) -->",
      "<!-- xmd return g(x) -->",
      "<!-- xmd function g(y)",
      "  return y + 1",
      "-->",
      "<!-- xmd:endfunction -->",
      "{{ f(1) }}",
    );
    expect(render(source, "md")).toBe("2\n");
  });
});
