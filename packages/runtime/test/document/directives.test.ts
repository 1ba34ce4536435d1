/**
 * Directives that span markdown (`<!-- xmd:if -->` … `<!-- xmd:endif -->` and the rest), in
 * both spellings: the classic one with a colon and the C tool's later one without. What a
 * page renders through them, and the error each misplaced branch or closer gets.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index.js";
import { failure, render } from "../support/render.js";

const SPELLINGS = [
  ["classic", "xmd:"],
  ["without the colon", "xmd "],
] as const;

/** Every problem `check()` finds in a markdown page: [line, message, hint]. */
function problems(page: string): [number, string, string | undefined][] {
  const runtime = createRuntime({});
  try {
    return runtime.check(page, { lang: "md" }).map((e) => [e.line, e.message, e.hint]);
  } finally {
    runtime.dispose();
  }
}

/** The error of a closer with nothing of its kind open, in the spelling `xmd` ("xmd:" or "xmd "). */
function stray(xmd: string, closer: string, opener: string): string {
  return `<!-- ${xmd}${closer} --> without an open <!-- ${xmd}${opener} -->`;
}

describe.each(SPELLINGS)("spanning directives (%s)", (_name, xmd) => {
  const page = (...lines: string[]) =>
    `${lines.map((l) => (l.startsWith(":") ? `<!-- ${xmd}${l.slice(1)} -->` : l)).join("\n")}\n`;

  it("render an if/elif/else chain, a for closed by end, while and loop", () => {
    const chain = page(":if x > 1", "A", ":elif x > 0", "B", ":else", "C", ":endif");
    for (const [x, shown] of [
      [2, "A"],
      [1, "B"],
      [0, "C"],
    ] as const) {
      expect(render(chain, "md", {}, { x })).toBe(`${shown}\n`);
    }
    expect(render(page(":for i in [1, 2]", "{{i}}", ":end"), "md")).toBe("1\n2\n");
    expect(render(page(":set n 0", ":while n < 2", ":set n n + 1", "{{n}}", ":endwhile"), "md")).toBe(
      "1\n2\n",
    );
    expect(render(page(":loop 2 times", "x", ":endloop"), "md")).toBe("x\nx\n");
  });

  it("report a branch with no if open, naming the branch as written", () => {
    const noIf = (word: string) => `<!-- ${xmd}${word} --> without an open <!-- ${xmd}if -->`;
    expect(problems(page(":else"))).toEqual([[1, noIf("else"), undefined]]);
    expect(problems(page(":elif x"))).toEqual([[1, noIf("elif"), undefined]]);
    // Inside a for, the innermost open directive is not an if.
    expect(problems(page(":for i in [1]", ":else", ":endfor"))).toEqual([[2, noIf("else"), undefined]]);
  });

  it("report a branch after the else", () => {
    const after = [`this branch comes after <!-- ${xmd}else -->`, "the else branch must be the last one"];
    expect(problems(page(":if 1", "a", ":else", "b", ":elif 2", "c", ":endif"))).toEqual([[5, ...after]]);
    expect(problems(page(":if 1", "a", ":else", "b", ":else", "c", ":endif"))).toEqual([[5, ...after]]);
  });

  it("report a closer with nothing of its kind open", () => {
    expect(problems(page(":endif"))).toEqual([[1, stray(xmd, "endif", "if"), undefined]]);
    expect(problems(page(":if 1", ":endfor", ":endif"))).toEqual([
      [2, stray(xmd, "endfor", "for"), undefined],
    ]);
    expect(problems(page(":end"))).toEqual([[1, stray(xmd, "end", "if, for, while or loop"), undefined]]);
    expect(problems(page(":endwhile"))).toEqual([[1, stray(xmd, "endwhile", "while"), undefined]]);
    expect(problems(page(":if 1", ":endloop", ":endif"))).toEqual([
      [2, stray(xmd, "endloop", "loop"), undefined],
    ]);
  });

  it("leave an else or end with words after it to the code it then is", () => {
    expect(problems(page(":for i in [1]", "a", ":end x"))[0]?.[1]).toBe(
      `this <!-- ${xmd}for --> is never closed`,
    );
    expect(problems(page(":if 1", "a", ":else b", ":endif"))[0]?.[1]).toBe("'else' without an 'if' above it");
  });

  it("take a comment of two lines as code, not a directive", () => {
    expect(problems(page(":if 1\nprint 2"))[0]?.[1]).toBe(
      "expected an indented block but found the name 'print'",
    );
  });
});

describe("a spanning directive that does not parse", () => {
  it("opens nothing: its own error, then its closer's", () => {
    expect(problems("<!-- xmd:for x -->\nA\n<!-- xmd:endfor -->\n")).toEqual([
      [1, "expected 'in' (as in `for item in items`) but found the end of the line", undefined],
      [3, stray("xmd:", "endfor", "for"), undefined],
    ]);
    expect(problems("<!-- xmd:function 1 -->\nA\n<!-- xmd:endfunction -->\n")).toEqual([
      [1, "expected a function name but found a number 1", undefined],
      [3, stray("xmd:", "endfunction", "function"), undefined],
    ]);
  });

  it("is never closed by a closer with words after it", () => {
    for (const xmd of ["xmd:", "xmd "]) {
      expect(problems(`<!-- ${xmd}loop 2 times -->\nA\n<!-- ${xmd}endloop x -->\n`)).toEqual([
        [1, `this <!-- ${xmd}loop --> is never closed`, `close it with <!-- ${xmd}endloop -->`],
      ]);
    }
  });
});

describe("directives written without the colon", () => {
  it("are only headers alone on their line: `then` makes the comment native code", () => {
    expect(render("<!-- xmd if 1 then print 2 -->\n", "md")).toBe("2\n");
    expect(problems("<!-- xmd:if 1 then print 2 -->\n")[0]?.[1]).toBe("this <!-- xmd:if --> is never closed");
  });

  it("are not a header with a block of its own, nor a closer with words after it", () => {
    expect(render("<!-- xmd for i in [1, 2]\n    print i -->\n", "md")).toBe("1\n2\n");
    expect(render("<!-- xmd set n 1\nprint n -->\n", "md")).toBe("1\n");
    expect(failure("<!-- xmd endwhile x -->\n", "md").message).toBe("'endwhile' is not defined");
    expect(problems("<!-- xmd endwhile -->\n")[0]?.[1]).toBe(
      "<!-- xmd endwhile --> without an open <!-- xmd while -->",
    );
  });
});
