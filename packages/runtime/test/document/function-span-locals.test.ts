/**
 * A classic function span (`<!-- xmd:function f(a) -->` … `<!-- xmd:endfunction -->`) is a
 * function: what its directives set is its own, as in a function body, unless a document
 * variable of that name is in reach. The C tool's `set("name", value)` sets a document
 * variable, and `check()` knows it does.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index.js";
import { failure, render as renderIn } from "../support/render.js";

/** The output of markdown `source` (in both memory modes). */
const render = (source: string) => renderIn(source, "md");

/** `line:column message` of each problem `check()` finds in markdown `source`. */
function check(source: string): string[] {
  const runtime = createRuntime({});
  try {
    return runtime.check(source, { lang: "md" }).map((p) => `${p.line}:${p.column} ${p.message}`);
  } finally {
    runtime.dispose();
  }
}

describe("a classic function span's variables", () => {
  it("are the call's own: a recursive call does not change its caller's", () => {
    const source = [
      "<!-- xmd:function f(n) -->",
      "<!-- xmd:set before = n -->",
      "<!-- xmd:if n > 0 -->",
      "<!-- xmd:set inner = f(n - 1) -->",
      "<!-- xmd:endif -->",
      "<!-- xmd:return before -->",
      "<!-- xmd:endfunction -->",
      "{{f(2)}}",
      "",
    ].join("\n");
    expect(render(source)).toBe("2\n");
    expect(check(source)).toEqual([]);
  });

  it("are not seen after the function", () => {
    const source =
      "<!-- xmd:function f(a) -->\n<!-- xmd set y = a * 2 -->\nY={{y}}\n<!-- xmd:endfunction -->\n{{f(3)}}\nafter: {{y}}\n";
    const error = failure(source, "md");
    expect([error.code, error.message]).toEqual(["undefined-name", "'y' is not defined here"]);
    expect(render(source.replace("after: {{y}}\n", ""))).toBe("Y=6\n\n");
  });

  it("set a document variable that is set before the function", () => {
    const source =
      "<!-- xmd set y = 1 -->\n<!-- xmd:function f(a) -->\n<!-- xmd set y = a * 2 -->\n<!-- xmd:endfunction -->\n{{f(3)}}y={{y}}\n";
    expect(render(source)).toBe("y=6\n");
  });
});

describe('set("name", value)', () => {
  it("sets a document variable that check() does not call never set", () => {
    const source = '{{set("z", 1)}}Z={{z}}\n';
    expect(render(source)).toBe("Z=1\n");
    expect(check(source)).toEqual([]);
  });

  it("sets a document variable from inside a function span too", () => {
    const source =
      '<!-- xmd:function f(a) -->\n{{set("z", a + 1)}}Z={{z}}\n<!-- xmd:endfunction -->\n{{f(3)}}\nafter {{z}}\n';
    expect(render(source)).toBe("Z=4\n\nafter 4\n");
    expect(check(source)).toEqual([]);
  });
});
