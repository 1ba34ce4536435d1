/**
 * Building a document's program (`document/build.ts`): the check of the finished tree's
 * depth goes into every kind of function body; a block that starts its line after a blank
 * line takes the blank line below it, whatever the line breaks are; `return` stands in the
 * pieces of a classic function span only; `import` of a markdown part inserts it from an
 * xmd comment only; code in stripped front matter is left out.
 */
import { describe, expect, it } from "vitest";
import { createMemoryHost, createRuntime, type RuntimeOptions, XmdError } from "../../src/browser.js";
import { failure, render } from "../support/render.js";

const message = (max: number) => `code nested too deep: more than ${max} levels (limit maxNestingDepth)`;

/**
 * An expression the parser passes at 10 levels but the finished tree does not: five
 * nested lists (the parser's count) under a chain of three `+` (links it counts apart).
 */
const CHAIN = "[[[[[1]]]]] + [1] + [1] + [1]";

describe("the depth check of the finished tree", () => {
  // Each body holds CHAIN; `fails` is the highest limit it goes past, and `column` where
  // the node found too deep then starts.
  const BODIES = [
    { name: "at the top level", source: `print ${CHAIN}\n`, line: 1, column: 12, fails: 10 },
    {
      name: "in a function's body",
      source: `function f()\n  return ${CHAIN}\nprint f()\n`,
      line: 2,
      column: 15,
      fails: 10,
    },
    {
      name: "in a lambda's body",
      source: `set f = () => ${CHAIN}\nprint f()\n`,
      line: 1,
      column: 20,
      fails: 10,
    },
    {
      // A method is one level into its class.
      name: "in a method's body",
      source: `class A\n  m\n    return ${CHAIN}\nprint A().m()\n`,
      line: 3,
      column: 17,
      fails: 11,
    },
  ];

  for (const body of BODIES) {
    it(`finds a node too deep ${body.name}`, () => {
      const e = failure(body.source, "xmd", { limits: { maxNestingDepth: body.fails } });
      expect([e.code, e.message, e.line, e.column]).toEqual([
        "limit",
        message(body.fails),
        body.line,
        body.column,
      ]);
      // One level less deep: the node before it is reported.
      const lower = failure(body.source, "xmd", { limits: { maxNestingDepth: body.fails - 1 } });
      expect([lower.line, lower.column]).toEqual([body.line, body.column - 1]);
      expect(render(body.source, "xmd", { limits: { maxNestingDepth: body.fails + 1 } })).toBe(
        "1, 1, 1, 1\n",
      );
    });
  }
});

describe("the depth check of a long chain on a deep operand", () => {
  // The parser sees three levels of lists and ten links, each under the limit; the tree
  // holds the lists below the chain's links, and the walk finds them too deep.
  const source = `print [[[1]]]${" + [1]".repeat(10)}\n`;

  it("runs when the parser's levels and links together could pass the limit", () => {
    for (const [limit, column] of [
      [13, 8],
      [14, 9],
      [15, 10],
    ]) {
      const e = failure(source, "xmd", { limits: { maxNestingDepth: limit } });
      expect([e.code, e.message, e.line, e.column]).toEqual(["limit", message(limit as number), 1, column]);
    }
    expect(render(source, "xmd", { limits: { maxNestingDepth: 16 } })).toBe(
      `${Array(11).fill(1).join(", ")}\n`,
    );
  });
});

describe("a block between blank lines", () => {
  it("takes the blank line below it, LF or CRLF", () => {
    expect(render("a\n\n<!-- xmd set x = 1 -->\n\nb {{x}}\n", "md")).toBe("a\n\nb 1\n");
    expect(render("a\r\n\r\n<!-- xmd set x = 1 -->\r\n\r\nb {{x}}\r\n", "md")).toBe("a\r\n\r\nb 1\r\n");
    expect(render("<!-- xmd set x = 1 -->\r\n\r\nb {{x}}\r\n", "md")).toBe("b 1\r\n");
  });

  it("is one that starts the document, or follows a blank line", () => {
    expect(render("\n<!-- xmd set x = 1 -->\n\nb {{x}}\n", "md")).toBe("\nb 1\n");
    expect(render("a\n<!-- xmd set x = 1 -->\n\nb {{x}}\n", "md")).toBe("a\n\nb 1\n");
    expect(render("a\n\n<!-- xmd set x = 1 -->\n<!-- xmd set y = 2 -->\n\nb {{x + y}}\n", "md")).toBe(
      "a\n\nb 3\n",
    );
  });

  it("is one that starts its line after a blank line: a block after a span directive is not", () => {
    // The span directive's line goes, the set's line goes, the blank line below it stays:
    // on the same line as the directive or on the next.
    const sameLine = "x\n\n<!-- xmd:if true --> <!-- xmd:set a = 1 -->\n\nb {{a}}\n<!-- xmd:endif -->\n";
    const nextLine = "x\n\n<!-- xmd:if true -->\n<!-- xmd:set a = 1 -->\n\nb {{a}}\n<!-- xmd:endif -->\n";
    expect(render(sameLine, "md")).toBe("x\n\n\nb 1\n");
    expect(render(nextLine, "md")).toBe("x\n\n\nb 1\n");
  });

  it("keeps a line that starts with a lone carriage return: it is not blank", () => {
    expect(render("<!-- xmd set x = 1 -->\n\rb {{x}}\n", "md")).toBe("\rb 1\n");
    expect(render("<!-- xmd set x = 1 -->\n\r", "md")).toBe("\r");
  });
});

/** Renders `source` as the file `path` beside the given files, or returns its error. */
function renderFile(
  path: string,
  source: string,
  files: Record<string, string>,
  options: RuntimeOptions = {},
) {
  const runtime = createRuntime({ host: createMemoryHost({ ...files, [path]: source }), ...options });
  try {
    return runtime.render(source, { path }).output;
  } catch (e) {
    if (e instanceof XmdError) return `${e.code}: ${e.message}`;
    throw e;
  } finally {
    runtime.dispose();
  }
}

describe("return in classic spans", () => {
  it("stands in the pieces of a function span, in spans nested in it too", () => {
    const simple =
      "<!-- xmd:function f(x) -->\n<!-- xmd return x * 2 -->\n<!-- xmd:endfunction -->\n{{ f(2) }}\n";
    expect(render(simple, "md")).toBe("4\n");
    const nested = [
      "<!-- xmd:function f(x) -->",
      "<!-- xmd:if x > 1 -->",
      "<!-- xmd return x * 2 -->",
      "<!-- xmd:endif -->",
      "<!-- xmd return 0 -->",
      "<!-- xmd:endfunction -->",
      "{{ f(2) }} {{ f(1) }}",
      "",
    ].join("\n");
    expect(render(nested, "md")).toBe("4 0\n");
  });

  it("is refused in an if span outside a function, and after the function span closes", () => {
    for (const source of [
      "<!-- xmd:if true -->\n<!-- xmd return 1 -->\n<!-- xmd:endif -->\n",
      "<!-- xmd:function f() -->\n<!-- xmd:endfunction -->\n<!-- xmd return 1 -->\n",
    ]) {
      const e = failure(source, "md");
      expect([e.code, e.message]).toEqual(["syntax", "'return' is only allowed inside a function"]);
    }
  });
});

describe("import of a markdown part", () => {
  const files = { "/part.md": "Part\n" };

  it("inserts it from an xmd comment, as the classic form does", () => {
    expect(renderFile("/a.md", 'A\n<!-- xmd import "part.md" -->\nB\n', files)).toBe("A\nPart\nB\n");
    expect(renderFile("/a.md", "A\n<!-- xmd:import part.md -->\nB\n", files)).toBe("A\nPart\nB\n");
  });

  it("runs it as a module, printing nothing, from a fence or a .xmd file", () => {
    expect(renderFile("/a.md", 'A\n```xmd\nimport "part.md"\n```\nB\n', files)).toBe("A\nB\n");
    expect(renderFile("/a.xmd", 'print "A"\nimport "part.md"\nprint "B"\n', files)).toBe("A\nB\n");
  });
});

describe("an in-place import", () => {
  const files = { "/part.md": "Part" };

  it("takes the C tool's @import(path) with spaces around the path", () => {
    expect(renderFile("/a.md", "A\n@import( part.md )\nB\n", files)).toBe("A\nPart\nB\n");
  });

  it("ends its line when it is all its piece does, not when the piece does more", () => {
    expect(renderFile("/a.md", "A\n<!-- xmd:import part.md -->\nB\n", files)).toBe("A\nPart\nB\n");
    expect(renderFile("/a.md", "A\n<!-- xmd:import part.md\nset a = 1\n-->\nB {{a}}\n", files)).toBe(
      "A\nPartB 1\n",
    );
  });

  it("is held to by check() only where it always runs: not inside a classic span", () => {
    const check = (source: string) => {
      const runtime = createRuntime({ host: createMemoryHost({ "/a.md": source }) });
      return runtime.check(source, { path: "/a.md" }).map((e) => e.code);
    };
    expect(check("A\n@import(missing.md)\nB\n")).toEqual(["file"]);
    expect(check("A\n<!-- xmd:if false -->\n@import(missing.md)\n<!-- xmd:endif -->\nB\n")).toEqual([]);
  });
});

describe("stripped front matter", () => {
  it("leaves out the code and {{ }} in it, which a kept one renders", () => {
    const source = '---\ntitle: T {{ 1 + 1 }} <!-- xmd print "FM" -->\n---\nbody\n';
    expect(renderFile("/a.md", source, {}, { frontMatter: "strip" })).toBe("body\n");
    expect(renderFile("/a.md", source, {})).toBe("---\ntitle: T 2 FM\n---\nbody\n");
  });
});
