/**
 * Where a name belongs, as a document sees it (the language reference's "Scope"): a
 * variable of the document is one wherever at the top level it is set, declared, looped
 * over, caught or imported — also when a function that sets it comes first; a function's
 * variable is its own wherever in its body it is set, and a function nested in it sets
 * that one; loop and catch variables, functions and classes declared in a function are
 * always its own. Each statement that can declare a name is tried in each place.
 */
import { describe, expect, it } from "vitest";
import { createRuntime as createBrowserRuntime, createMemoryHost } from "../src/browser.js";
import { createRuntime, formatError, type MemoryMode, XmdError } from "../src/index.js";

/** Renders an XMD program (or a markdown document) in the given memory mode. */
function run(source: string, memory: MemoryMode, lang: "xmd" | "md" = "xmd"): string {
  const runtime = createRuntime({ memory });
  try {
    return runtime.render(source, { lang }).output;
  } finally {
    runtime.dispose();
  }
}

/** The lines of a block, indented by `depth` levels of four spaces. */
const indent = (lines: readonly string[], depth: number) => lines.map((l) => `${"    ".repeat(depth)}${l}`);

/**
 * Statements that each declare `x` (giving it "start" when they run), as lines at the
 * left margin. Each can stand at the top level and in a function.
 */
const DECLARING: { name: string; lines: string[] }[] = [
  { name: "set", lines: ['set x "start"'] },
  { name: "if's block", lines: ["if true", '    set x "start"'] },
  {
    name: "elif's block",
    lines: ["if false", "    set y 0", "elif true", '    set x "start"'],
  },
  { name: "else's block", lines: ["if false", "    set y 0", "else", '    set x "start"'] },
  { name: "a for loop's body", lines: ["for i in [1]", '    set x "start"'] },
  {
    name: "a while loop's body",
    lines: ["set go true", "while go", '    set x "start"', "    set go false"],
  },
  { name: "loop … times's body", lines: ["loop 1 times", '    set x "start"'] },
  { name: "try's block", lines: ["try", '    set x "start"', "catch", "    set y 0"] },
  {
    name: "catch's block",
    lines: ["try", '    throw "oops"', "catch", '    set x "start"'],
  },
  { name: "destructure", lines: ['destructure ["start"] x'] },
];

describe.each(["pooled", "heap"] as MemoryMode[])("scope (%s)", (memory) => {
  describe("a document's variable, set by a function written before the statement that declares it", () => {
    const program = (declaring: readonly string[]) =>
      ["function change", '    set x "changed"', ...declaring, "change()", "print x", ""].join("\n");
    for (const { name, lines } of DECLARING) {
      it(`declared by ${name}`, () => {
        expect(run(program(lines), memory)).toBe("changed\n");
      });
    }
    it("declared as a for loop's variable", () => {
      expect(run(program(['for x in ["start"]', "    set y 0"]), memory)).toBe("changed\n");
    });
    it("declared as catch's variable", () => {
      expect(run(program(["try", '    throw "start"', "catch x", "    set y 0"]), memory)).toBe("changed\n");
    });
    it("declared by export set", () => {
      expect(run(program(['export set x "start"']), memory)).toBe("changed\n");
    });
    it("declared by a function or a class of that name, which the function then replaces", () => {
      expect(run(program(["function x", "    return 1"]), memory)).toBe("changed\n");
      expect(run(program(["class x", "    constructor", "        set self.a 1"]), memory)).toBe("changed\n");
    });
    it("declared in a later xmd block of a markdown document", () => {
      const doc = [
        "```xmd",
        "function change",
        '    set x "changed"',
        "```",
        "",
        "```xmd",
        'set x "start"',
        "change()",
        "print x",
        "```",
        "",
      ];
      expect(run(doc.join("\n"), memory, "md")).toBe("changed\n");
    });
  });

  describe("a function's variable, set by a function nested in it and written before the statement that declares it", () => {
    const program = (declaring: readonly string[]) =>
      [
        "function outer",
        "    function inner",
        '        set x "changed"',
        ...indent(declaring, 1),
        "    inner()",
        "    return x",
        "print outer()",
        'print exists("x")',
        "",
      ].join("\n");
    for (const { name, lines } of DECLARING) {
      it(`declared by ${name}`, () => {
        expect(run(program(lines), memory)).toBe("changed\nfalse\n");
      });
    }
  });

  describe("names a function always keeps to itself, even when the document has them", () => {
    it("a function declared in it", () => {
      const source = [
        'set helper "the document\'s"',
        "function outer",
        "    function helper",
        '        return "inner"',
        "    return helper()",
        "print outer()",
        "print helper",
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("inner\nthe document's\n");
    });
    it("a class declared in it", () => {
      const source = [
        'set Point "the document\'s"',
        "function outer",
        "    class Point",
        "        constructor",
        "            set self.a 1",
        "    return Point().a",
        "print outer()",
        "print Point",
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("1\nthe document's\n");
    });
    it("its catch variable", () => {
      const source = [
        'set e "the document\'s"',
        "function f",
        "    try",
        '        throw "thrown"',
        "    catch e",
        "        return e",
        "print f()",
        "print e",
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("thrown\nthe document's\n");
    });
    it("its loop variable", () => {
      const source = [
        'set i "the document\'s"',
        "function f",
        "    set n 0",
        "    for i in [1, 2]",
        "        set n n + i",
        "    return n",
        "print f()",
        "print i",
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("3\nthe document's\n");
    });
  });

  describe("a member or index set declares no variable", () => {
    it("at the top level: a function's own variable of the member's name stays its own", () => {
      const source = [
        "function f",
        '    set count "f\'s"',
        "    return count",
        "set o {}",
        "set o.count 1",
        'set o["count"] 2',
        "print f()",
        'print exists("count")',
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("f's\nfalse\n");
    });
    it("in a function: a function nested in it that sets the member's name keeps its own", () => {
      const source = [
        "function outer",
        "    set o {}",
        "    set o.count 1",
        "    function inner",
        "        set count 5",
        "    inner()",
        "    return count",
        "print outer()",
      ];
      expect(() => run(source.join("\n"), memory)).toThrow("'count' is not defined");
    });
    it("in a function: the document's variable of the member's name is still read", () => {
      const source = [
        'set count "the document\'s"',
        "function f",
        "    set o {}",
        "    set o.count 1",
        "    return count",
        "print f()",
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("the document's\n");
    });
  });

  describe("names a function shares with the document when the document has them", () => {
    it("destructure assigns the document's variable", () => {
      const source = ['set a "before"', "function f", '    destructure ["after"] a', "f()", "print a", ""];
      expect(run(source.join("\n"), memory)).toBe("after\n");
    });
    it("a nested function's set of a name nothing outside has is its own", () => {
      const source = [
        "function outer",
        "    function inner",
        "        set t 1",
        "        return t",
        "    return inner()",
        "print outer()",
        'print exists("t")',
        "",
      ];
      expect(run(source.join("\n"), memory)).toBe("1\nfalse\n");
    });
  });
});

describe("a parameter named twice", () => {
  it.each([
    ["function f a a", "    return a", "print f(1, 2)"],
    ["set f (a, a) => a", "print f(1, 2)"],
  ])("is an error at the second: %s", (...lines) => {
    let error: unknown;
    try {
      run(lines.join("\n"), "pooled");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmdError);
    const text = formatError(error as XmdError);
    expect(text).toContain("the parameter 'a' is named twice");
    expect((error as XmdError).line).toBe(1);
  });
});

describe("names imported into a document, set by a function written before the import", () => {
  it.each([
    ["import x from", 'import x from "lib.xmd"'],
    ["import a module by its name", 'import "x.xmd"'],
    ["import under another name", 'import v x from "x.xmd"'],
  ])("%s", (_, importLine) => {
    const host = createMemoryHost({
      "/lib.xmd": 'export set x "start"\n',
      "/x.xmd": 'export set v "start"\n',
    });
    const runtime = createBrowserRuntime({ host });
    const source = ["function change", '    set x "changed"', importLine, "change()", "print x", ""].join(
      "\n",
    );
    try {
      expect(runtime.render(source, { lang: "xmd", path: "/doc.xmd" }).output).toBe("changed\n");
    } finally {
      runtime.dispose();
    }
  });
});
