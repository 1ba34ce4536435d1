/**
 * Building a document's program (`document/build.ts`): the check of the finished tree's
 * depth goes into every kind of function body, and a block that stands between blank
 * lines takes the blank line below it whatever the line breaks are.
 */
import { describe, expect, it } from "vitest";
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

describe("a block between blank lines", () => {
  it("takes the blank line below it, LF or CRLF", () => {
    expect(render("a\n\n<!-- xmd set x = 1 -->\n\nb {{x}}\n", "md")).toBe("a\n\nb 1\n");
    expect(render("a\r\n\r\n<!-- xmd set x = 1 -->\r\n\r\nb {{x}}\r\n", "md")).toBe("a\r\n\r\nb 1\r\n");
    expect(render("<!-- xmd set x = 1 -->\r\n\r\nb {{x}}\r\n", "md")).toBe("b 1\r\n");
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
