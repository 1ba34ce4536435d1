/**
 * Statements as a document sees them (`compile/statements.ts`): blocks between blank
 * lines in markdown, `loop … times`, names alone on a line, `destructure`, compound
 * assignment, `for` over ranges and bad iterables, `try`/`catch`, imports of names and
 * the names an `export` gives. Each checks the exact output or the exact error a user
 * sees, in both memory modes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../src/index.js";
import { failure, MODES, render, renderIn } from "./support/render.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes files into a fresh folder and returns its path. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-stmt-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Renders `file` of a project in one memory mode. */
function renderFile(memory: MemoryMode, root: string, file: string): string {
  const runtime = createRuntime({ memory, checked: true });
  try {
    return runtime.renderFile(join(root, file)).output;
  } finally {
    runtime.dispose();
  }
}

/** The XmdError rendering `file` of a project raises. */
function fileFailure(memory: MemoryMode, root: string, file: string): XmdError {
  try {
    renderFile(memory, root, file);
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("expected an XmdError");
}

/** What `stats.allocations.requested.other` counts for one render: values the run built on the heap. */
function heapValues(memory: MemoryMode, source: string, lang: "md" | "xmd" = "xmd"): number {
  const runtime = createRuntime({ memory });
  try {
    return runtime.render(source, { lang }).stats.allocations.requested.other;
  } finally {
    runtime.dispose();
  }
}

describe("blocks between blank lines in markdown", () => {
  it("runs a block that stands between blank lines and keeps the blank line below what it printed", () => {
    expect(render('text\n\n<!-- xmd print "hi" -->\n\nmore\n', "md")).toBe("text\n\nhi\n\nmore\n");
  });

  it("drops the blank line below a run of adjacent blocks that printed nothing", () => {
    // The first block of the run marks where the run's output starts; the last owns the
    // blank line, and writes it only when the output moved past that mark.
    const doc = lines("text", "", "<!-- xmd set x 1 -->", "<!-- xmd set y 2 -->", "", "more {{x}}{{y}}");
    expect(render(doc, "md")).toBe(lines("text", "", "more 12"));
  });

  it("keeps the blank line below a run when only its first block printed", () => {
    const doc = lines("text", "", '<!-- xmd print "a" -->', "<!-- xmd set y 2 -->", "", "more");
    expect(render(doc, "md")).toBe(lines("text", "", "a", "", "more"));
  });

  it("keeps the blank line below a run when only its last block printed", () => {
    const doc = lines("text", "", "<!-- xmd set y 2 -->", '<!-- xmd print "b" -->', "", "more");
    expect(render(doc, "md")).toBe(lines("text", "", "b", "", "more"));
  });

  it("drops the blank line below a silent run that follows a block that printed", () => {
    // The silent run's own start is its mark, not where an earlier run began.
    const doc = lines(
      "text",
      "",
      '<!-- xmd print "first" -->',
      "",
      "<!-- xmd set x 1 -->",
      "<!-- xmd set y 2 -->",
      "",
      "more",
    );
    expect(render(doc, "md")).toBe(lines("text", "", "first", "", "more"));
  });

  it("ends print lines again after an inline block, for code run outside any block", () => {
    // The condition of a classic `if` runs outside any block: the print inside `f` writes
    // a line of its own, as it would if the inline block before had not run.
    const doc = lines(
      "a <!-- xmd set x 1 --> b",
      "<!-- xmd",
      "function f",
      '    print "from f"',
      "    return true",
      "-->",
      "<!-- xmd:if f() -->",
      "yes",
      "<!-- xmd:endif -->",
      "end",
    );
    expect(render(doc, "md")).toBe(lines("a  b", "from f", "yes", "end"));
  });
});

describe("markdown text inside a classic function", () => {
  it("reads the function's parameter in {{ }} of its text", () => {
    const doc = lines(
      "<!-- xmd:function show(x) -->",
      "value {{x}}",
      "<!-- xmd:endfunction -->",
      "{{show(5)}}",
    );
    expect(render(doc, "md")).toBe(lines("value 5", ""));
  });
});

describe("loop … times", () => {
  it("refuses a count that is not a whole number and says how to round it", () => {
    const e = failure(lines("loop 2.5 times", "    print 1"));
    expect([e.code, e.message, e.hint, e.line, e.column]).toEqual([
      "type",
      "loop … times needs a whole number, got 2.5",
      "round it: loop round(n) times",
      1,
      6,
    ]);
  });

  it("refuses a count that is not a number, naming the statement", () => {
    const e = failure(lines('loop "a" times', "    print 1"));
    expect([e.code, e.message]).toEqual(["type", "loop … times needs a number, got string"]);
  });
});

describe("return", () => {
  it("leaves the function at a bare return, which gives null", () => {
    const src = lines("function f", "    print 1", "    return", "    print 2", "print f() = null");
    expect(render(src)).toBe(lines("1", "true"));
  });
});

describe("a name alone on a line", () => {
  it("calls a function named alone even when it takes parameters (they are null)", () => {
    expect(render(lines("function greet name", '    print "hi " + name + "."', "greet"))).toBe(lines("hi ."));
  });

  it("does not call the function a call statement returns", () => {
    const src = lines(
      "function inner y",
      '    print "inner ran"',
      "function outer x",
      '    print "outer ran " + x',
      "    return inner",
      "outer(1)",
      'print "done"',
    );
    expect(render(src)).toBe(lines("outer ran 1", "done"));
  });

  it("does nothing with a variable that holds a value other than a function", () => {
    expect(render(lines("set x 5", "x", "set o {a: 1}", "o.a", 'print "ok"'))).toBe(lines("ok"));
  });
});

describe("destructure", () => {
  it("takes a list's items in order, null past its end", () => {
    // A missing item is null, not a hole: an object keeps the key it is set to.
    expect(render(lines("destructure [1] a, b", "print a, b = null, {b: b}"))).toBe(
      lines('1 true {"b":null}'),
    );
    // The same for a local that a lambda captures (a variable that keeps what it is given).
    const captured = lines(
      "function f",
      "    destructure [1] a, b",
      "    set g () => b",
      "    print {b: b}, {g: g()}",
      "f",
    );
    expect(render(captured)).toBe(lines('{"b":null} {"g":null}'));
  });

  it("takes the rest of a list as a new list", () => {
    expect(render(lines("set xs [1, 2, 3]", "destructure xs a, ...rest", "print a, rest.length, rest"))).toBe(
      lines("1 2 2, 3"),
    );
  });

  it("refuses a key taken from a list and says how to take items in order", () => {
    const e = failure(lines("destructure [1, 2] a x"));
    expect([e.code, e.message, e.hint, e.line, e.column]).toEqual([
      "type",
      "a list has items, not keys: 'a' cannot be taken from it",
      "to take items in order write only names: `destructure items first, second, ...rest`",
      1,
      20,
    ]);
  });

  it("takes an object's keys by name, renamed, and the keys left as the rest", () => {
    const src = lines("destructure {a: 1, b: 2, c: 3} b, a first, ...rest", "print b, first, rest");
    expect(render(src)).toBe(lines('2 1 {"c":3}'));
  });

  it("refuses a value that is neither a list nor an object", () => {
    for (const [value, what] of [
      ["5", "a number"],
      ['"abc"', "a string"],
      ["null", "null"],
    ]) {
      const e = failure(lines(`set n ${value}`, "destructure n a"));
      expect([e.code, e.message, e.line, e.column]).toEqual([
        "type",
        `destructure takes a list or an object, not ${what}`,
        2,
        13,
      ]);
    }
  });

  it.each(MODES)("counts the rest it builds as one heap value (%s)", (memory) => {
    // `stats.allocations.requested.other` counts the values a run built; a rest is one.
    const list = heapValues(memory, lines("set xs [1, 2, 3]", "destructure xs a, ...rest"));
    const listNoRest = heapValues(memory, lines("set xs [1, 2, 3]", "destructure xs a, b"));
    expect(list - listNoRest).toBe(1);
    const object = heapValues(memory, lines("set o {a: 1, b: 2}", "destructure o a, ...rest"));
    const objectNoRest = heapValues(memory, lines("set o {a: 1, b: 2}", "destructure o a, b"));
    expect(object - objectNoRest).toBe(1);
  });
});

describe("compound assignment", () => {
  it("adds to and subtracts from a function's local numbers", () => {
    const src = lines(
      "function f",
      "    set x 5",
      "    set x += 2",
      "    set y 10",
      "    set y -= 3",
      "    print x, y",
      "f",
    );
    expect(render(src)).toBe(lines("7 7"));
  });

  it("adds to and subtracts from members and items", () => {
    const src = lines(
      "set o {a: 1}",
      "set o.a += 4",
      "set o.a -= 2",
      "set xs [1, 2]",
      "set xs[0] += 10",
      "print o.a, xs",
    );
    expect(render(src)).toBe(lines("3 11, 2"));
  });

  it("subtracts only numbers: text on either side is the operator's error", () => {
    const e = failure(lines("set x 5", 'set x -= "2"'));
    const f = failure(lines('set x "5"', "set x -= 2"));
    expect([e.code, e.message, f.code, f.message]).toEqual([
      "type",
      "cannot subtract number and string: both must be numbers",
      "type",
      "cannot subtract string and number: both must be numbers",
    ]);
  });
});

describe("for", () => {
  it("counts a range of one number once", () => {
    expect(render(lines("for i in 3 .. 3", "    print i"))).toBe(lines("3"));
  });

  it("counts a falling range down", () => {
    expect(render(lines("for i in 3 .. 1", "    print i"))).toBe(lines("3", "2", "1"));
  });

  it("gives the index and the number over a range with two variables", () => {
    expect(render(lines("for i, v in 5 .. 7", "    print i, v"))).toBe(lines("0 5", "1 6", "2 7"));
  });

  it("refuses to loop over null or a boolean, and says what it can loop over", () => {
    for (const [value, what] of [
      ["null", "null"],
      ["true", "boolean"],
    ]) {
      const e = failure(lines(`for x in ${value}`, "    print x"));
      expect([e.code, e.message, e.hint, e.line, e.column]).toEqual([
        "type",
        `cannot loop over ${what}`,
        "loop over a list, an object, a string or a range like 1 .. 5",
        1,
        10,
      ]);
    }
  });

  it.each(MODES)(
    "counts the list of a classic loop over comma-separated text as one heap value (%s)",
    (memory) => {
      const doc = (items: string) =>
        lines(`<!-- xmd:for x in "${items}" -->`, "- {{x}}", "<!-- xmd:endfor -->");
      expect(renderIn(memory, doc("a, b,c"), "md")).toBe(lines("- a", "- b", "- c"));
      // The split items make one list, however many there are; the loop builds nothing else.
      expect(heapValues(memory, doc("a, b,c"), "md")).toBe(1);
      expect(heapValues(memory, doc("a, b,c,d,e"), "md")).toBe(1);
    },
  );
});

describe("try and catch", () => {
  it("binds a thrown value, or an error's message, to the catch name", () => {
    const src = lines(
      "try",
      '    throw "boom"',
      "catch err",
      '    print "caught " + err',
      "try",
      "    print missing",
      "catch err",
      '    print "caught " + err',
    );
    expect(render(src)).toBe(lines("caught boom", "caught 'missing' is not defined"));
  });

  it("runs the handler of a catch without a name", () => {
    const src = lines("set err 1", "try", "    print missing", "catch", '    print "caught", err');
    expect(render(src)).toBe(lines("caught 1"));
  });

  it("lets an error that is no error of the document pass through a try", () => {
    // A host object whose getter throws: a JavaScript error, not the document's.
    const vars = {
      o: {
        get k(): unknown {
          throw new Error("getter boom");
        },
      },
    };
    const src = lines("try", '    print o["k"]', "catch err", '    print "caught " + err');
    for (const memory of MODES) {
      const runtime = createRuntime({ memory });
      expect(() => runtime.render(src, { lang: "xmd", vars })).toThrow(/^getter boom$/);
    }
  });
});

describe("import and export", () => {
  it.each(MODES)("exports functions, classes and every variable a set assigns (%s)", (memory) => {
    const root = project({
      "lib.xmd": lines(
        "export function twice x",
        "    return x * 2",
        "export class Pet",
        "    constructor name",
        "        set self.name name",
        'export set made "in Vietnam", by "Ky"',
        "export set version 2",
      ),
      "main.xmd": lines(
        'import twice, Pet, made, by, version from "lib.xmd"',
        'set p Pet "Rex"',
        "print twice(4), p.name, made, by, version",
      ),
    });
    expect(renderFile(memory, root, "main.xmd")).toBe(lines("8 Rex in Vietnam Ky 2"));
  });

  it.each(MODES)("exports no name for a member a set assigns (%s)", (memory) => {
    const root = project({
      "lib.xmd": lines("set o {a: 1}", "export set o.x 5", "export set p 1"),
      "main.xmd": lines('set lib import "lib.xmd"', "print lib"),
    });
    expect(renderFile(memory, root, "main.xmd")).toBe(lines('{"p":1}'));
  });

  it.each(MODES)(
    "keeps what a part imported in place printed before it failed, inside a try (%s)",
    (memory) => {
      // The import is one statement of a script block: the part does not end the line, and
      // its output up to the failure stays, as the handler's does.
      const root = project({
        "bad.md": lines("part text", '<!-- xmd throw "bad" -->'),
        "main.md": lines(
          "before",
          "<!-- xmd:",
          "try",
          "    import bad.md",
          "catch err",
          '    print "caught " + err',
          "-->",
          "after",
        ),
      });
      expect(renderFile(memory, root, "main.md")).toBe(lines("before", "part text", "caught bad", "after"));
    },
  );

  it.each(MODES)("takes back what a part alone on its line printed before it failed (%s)", (memory) => {
    // Alone on its line the part's output is held to end the line; a failure drops it.
    const root = project({
      "bad.md": lines("part text", '<!-- xmd throw "bad" -->'),
      "main.md": lines(
        "<!-- xmd:function part -->",
        "<!-- xmd:import bad.md -->",
        "<!-- xmd:endfunction -->",
        "before",
        "<!-- xmd",
        "try",
        "    part()",
        "catch err",
        '    print "caught " + err',
        "-->",
        "after",
      ),
    });
    expect(renderFile(memory, root, "main.md")).toBe(lines("before", "caught bad", "after"));
  });

  it.each(MODES)("says a name is not exported by a data file that is null or text (%s)", (memory) => {
    const root = project({
      "null.json": "null",
      "text.json": '"abc"',
      "a.xmd": lines('import length from "null.json"', "print length"),
      "b.xmd": lines('import length from "text.json"', "print length"),
    });
    for (const [file, data] of [
      ["a.xmd", "null.json"],
      ["b.xmd", "text.json"],
    ] as const) {
      const e = fileFailure(memory, root, file);
      expect([e.code, e.message, e.line]).toEqual([
        "undefined-name",
        `'length' is not exported by ${data}`,
        1,
      ]);
    }
  });
});
