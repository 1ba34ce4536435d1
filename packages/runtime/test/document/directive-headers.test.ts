/**
 * What a wrong header of a classic spanning directive is reported as: a function named by
 * a keyword, a loop without `times`. (Each is read by its own small parser entry, which
 * the statement tests do not reach.)
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index.js";

/** Every problem `check()` finds in a markdown page: [line, message]. */
function problems(page: string): [number, string][] {
  const runtime = createRuntime({});
  try {
    return runtime.check(page, { lang: "md" }).map((e) => [e.line, e.message]);
  } finally {
    runtime.dispose();
  }
}

describe("a classic directive's header", () => {
  it("of a function may not name it by a keyword", () => {
    expect(problems("<!-- xmd:function if(a) -->\nx\n<!-- xmd:endfunction -->\n")[0]).toEqual([
      1,
      "a keyword cannot name a function",
    ]);
  });

  it("of a loop needs `times`", () => {
    expect(problems("<!-- xmd:loop 3 -->\nx\n<!-- xmd:endloop -->\n")).toEqual([
      [1, "expected 'times' (as in `loop 3 times`) but found the end of the line"],
    ]);
  });
});
