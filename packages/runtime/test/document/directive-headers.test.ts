/**
 * Classic spanning directives as the reading of a page leaves them: a function's header
 * names it, and a wrong header is reported (a function named by a keyword, a loop without
 * `times`; each is read by its own small parser entry, which the statement tests do not
 * reach); an import between an `if`'s directives may not run, so `check()` leaves it out.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index.js";
import { render } from "../support/render.js";

/** Every problem `check()` finds in a markdown page: [line, message]. */
function problems(page: string): [number, string][] {
  const runtime = createRuntime({});
  try {
    return runtime.check(page, { lang: "md" }).map((e) => [e.line, e.message]);
  } finally {
    runtime.dispose();
  }
}

describe("an import inside a classic span", () => {
  it("may not run, so check() does not look for its file", () => {
    const missing = 'cannot import "missing.md": there is no such file';
    expect(problems("<!-- xmd import missing.md -->\n")).toEqual([[1, missing]]);
    expect(problems("<!-- xmd:if x -->\n<!-- xmd import missing.md -->\n<!-- xmd:endif -->\n")).toEqual([
      [1, "'x' is never set in this document"],
    ]);
  });
});

describe("a classic directive's header", () => {
  it("of a function may not name it by a keyword", () => {
    expect(problems("<!-- xmd:function if(a) -->\nx\n<!-- xmd:endfunction -->\n")[0]).toEqual([
      1,
      "a keyword cannot name a function",
    ]);
  });

  it("of a function names it: the function is known by that name, in both memory modes", () => {
    const page = "<!-- xmd:function greet(name) -->\nHi {{name}}\n<!-- xmd:endfunction -->\n{{greet}}\n";
    expect(render(page, "md")).toBe("<function greet>\n");
  });

  it("of a loop needs `times`", () => {
    expect(problems("<!-- xmd:loop 3 -->\nx\n<!-- xmd:endloop -->\n")).toEqual([
      [1, "expected 'times' (as in `loop 3 times`) but found the end of the line"],
    ]);
  });
});
