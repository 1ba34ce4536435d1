/**
 * The statement parser's edges: where a statement ends (a compound one after its block,
 * its `then` statement or an `end` line), how reading goes on after a mistake, which
 * statements count a loop or a function for `break`, `continue`, `return` and `yield`,
 * which imports are at the top level (fetched before the document runs), and the words
 * that start a statement only when what follows fits (`exec(`, `yield`, `class`,
 * `destructure`). The mutation run of the reading part (2026-12-05) found these unchecked.
 */
import { describe, expect, it } from "vitest";
import {
  dumpProgram,
  dumpStatements,
  parseCode,
  problemSpans as problems,
  topImports,
} from "../support/dump.js";

describe("a compound statement", () => {
  it("ends after its `then` statement: what follows is read as the next statement", () => {
    for (const head of ["if a", "for x in xs", "loop 2 times", "while a"]) {
      const source = `${head} then print 1)`;
      expect(problems(source), head).toEqual([
        [source.length - 1, source.length, "expected an expression but found ')'"],
      ]);
    }
  });

  it("ends after an `end` line below its block", () => {
    for (const head of ["if a", "for x in xs", "loop 2 times", "while a", "function f", "export function f"])
      expect(problems(`${head}\n  a\nend\nprint 1`), head).toEqual([]);
    expect(dumpProgram("try\n  a\ncatch\n  b\nend\nprint 1")).toBe(
      "(Try (block a) (block b))\n(call print 1)",
    );
    expect(dumpProgram("loop 2 times\n  a\nend\nprint 1")).toBe("(Loop 2 (block a))\n(call print 1)");
    // A class too (it was "'end' without a block to close" before 2026-12-05).
    expect(dumpProgram("class A\n  f\n    a\nend\nprint 1")).toBe(
      "(class A (f () (block a)))\n(call print 1)",
    );
    expect(problems("class A\n  f\n    a\nend x")).toEqual([[18, 21, "'end' without a block to close"]]);
  });

  it("ends after its block: the next line is the next statement, and a word before its `else` is reported", () => {
    expect(dumpProgram("if a\n  b\nprint 1")).toBe("(If a (block b))\n(call print 1)");
    expect(dumpProgram("if a\n  b\nelse\n  c\nprint 1")).toBe("(If a (block b) (block c))\n(call print 1)");
    expect(problems("if a\n  b\nx else\n  c")).toEqual([
      [11, 15, "expected the end of the line but found the keyword 'else'"],
    ]);
    expect(problems("if a\n  b\nx elif c\n  d")[0]).toEqual([
      11,
      15,
      "expected the end of the line but found the keyword 'elif'",
    ]);
  });

  it("takes `else` on the line after its block, blank lines between, and `else STATEMENT` on one line", () => {
    expect(dumpProgram("if a\n  b\n\nelse\n  c")).toBe("(If a (block b) (block c))");
    expect(dumpProgram("if a\n  b\nelse if c\n  d")).toBe("(If a (block b) (If c (block d)))");
    expect(dumpProgram("if a\n  b\nelse print 2\nprint 3")).toBe(
      "(If a (block b) (block (call print 2)))\n(call print 3)",
    );
    expect(dumpProgram("try\n  a\n\ncatch e\n  b")).toBe("(Try (block a) (block b) e)");
  });

  it("takes `else` and `elif` on the lines after a `then` statement", () => {
    expect(dumpProgram("if a then b\nelse c")).toBe("(If a (block b) (block c))");
    expect(dumpProgram("if a then b\nelif c then d\nelse e")).toBe(
      "(If a (block b) (If c (block d) (block e)))",
    );
    expect(dumpProgram("if a then b\nprint 1")).toBe("(If a (block b))\n(call print 1)");
  });

  it("takes `end` alone on its line only", () => {
    expect(dumpProgram("if a\n  if b\n    c\n  end\nprint 1")).toBe(
      "(If a (block (If b (block c))))\n(call print 1)",
    );
    expect(dumpProgram("try\n  a\nend\ncatch\n  b")).toBe("(Try (block a) (block b))");
    expect(problems("if a\n  b\nend x")).toEqual([[9, 12, "'end' without a block to close"]]);
  });

  it("reports a catch whose error's name is not a name", () => {
    expect(problems("try\n  a\ncatch 5\n  b")).toEqual([
      [14, 15, "expected an indented block but found a number 5"],
    ]);
  });

  it("reports a try with something after it on its line, at that", () => {
    expect(problems("try x\n  a\ncatch\n  b")[0]).toEqual([
      4,
      5,
      "expected an indented block but found the name 'x'",
    ]);
  });

  it("reports a missing catch, a keyword for the error's name, a missing `times`", () => {
    expect(problems("try\n  a\nprint 1")).toEqual([
      [8, 13, "expected 'catch' after the try block but found the name 'print'"],
    ]);
    expect(problems("try\n  a\ncatch if\n  b")[0]).toEqual([
      14,
      16,
      "expected an indented block but found the keyword 'if'",
    ]);
    expect(problems("loop 3")).toEqual([
      [6, 7, "expected 'times' (as in `loop 3 times`) but found the end of the line"],
    ]);
  });
});

describe("reading on after a mistake", () => {
  it("reports an indented line with no block above it, at its first character", () => {
    expect(parseCode("a\n  b\nc").unit.problems).toEqual([
      {
        start: 4,
        end: 5,
        message: "this line is indented but no block starts above it",
        hint: "blocks start after a line such as `if …`, `for …`, `function …`",
      },
    ]);
  });

  it("reports a bracket never closed at the bracket, one character wide", () => {
    expect(parseCode("print (1 +\n  2").unit.problems).toEqual([
      { start: 6, end: 7, message: "this '(' is never closed", hint: "close it with ')'" },
    ]);
  });

  it("goes on at the next statement of the block, and of each block around it", () => {
    const cases: [string, string][] = [
      ["if a\n  set\n  print 1\nprint 2", "(If a (block (call print 1)))\n(call print 2)"],
      [
        "if a\n  if b\n    set\n    print 1\n  print 2\nprint 3",
        "(If a (block (If b (block (call print 1))) (call print 2)))\n(call print 3)",
      ],
      ["if a\n  print 1 +\nprint 2", "(If a (block ))\n(call print 2)"],
      // A failed multiline list's own lines, before and after the mistake, are skipped with it:
      // its indentation's end is not the end of the block it stands in (fixed 2026-12-05).
      ["if a\n  set x\n    1 2\n  print 2\nprint 3", "(If a (block (call print 2)))\n(call print 3)"],
      ["if a\n  set x\n    1 2\n    3\n  print 2\nprint 3", "(If a (block (call print 2)))\n(call print 3)"],
      [
        "class A\n  f x\n    set y\n      1 2\n    print 1\n  g\n    print 2\nprint 3",
        "(class A (f (x) (block (call print 1))) (g () (block (call print 2))))\n(call print 3)",
      ],
      // A statement that fails at the end of its block leaves that end to the block.
      ["if b\n  try\n    a\nprint 1", "(If b (block ))\n(call print 1)"],
      // A statement that closed its own block before it failed skips no further than its line.
      ["if a\n  if b\n    c\n  else )\n  print 1\nprint 2", "(If a (block (call print 1)))\n(call print 2)"],
      ["print 1 +\nprint 2", "(call print 2)"],
      ["set\nif a\n  print 1\nprint 2", "(If a (block (call print 1)))\n(call print 2)"],
    ];
    for (const [source, tree] of cases) {
      const { unit, root } = parseCode(source);
      expect(unit.problems.length, source).toBe(1);
      expect(dumpStatements(unit, root), source).toBe(tree);
    }
  });
});

describe("loops and functions", () => {
  it("allow break and continue inside a loop only, and not after it", () => {
    // Before the recovery fix, the failed list ended the loop's block: `break` was then outside.
    expect(problems("for x in xs\n  set row\n    1 2\n  break").map((p) => p[2])).toEqual([
      "expected ',' or the end of the line after the item but found a number 2",
    ]);
    expect(problems("loop 3 times\n  print 1\nbreak")).toEqual([
      [23, 28, "'break' is only allowed inside a loop"],
    ]);
    expect(problems("for x in xs\n  print 1\ncontinue")).toEqual([
      [22, 30, "'continue' is only allowed inside a loop"],
    ]);
    expect(problems("while a\n  print 1\nbreak")).toEqual([
      [18, 23, "'break' is only allowed inside a loop"],
    ]);
    expect(problems("for x in xs\n  continue\nloop 2 times\n  break")).toEqual([]);
  });

  it("allow return inside a function, and not after it", () => {
    expect(problems("function f\n  return 1\nreturn 2")).toEqual([
      [22, 28, "'return' is only allowed inside a function"],
    ]);
  });

  it("allow yield as a statement inside a generator only; elsewhere `yield` may be a name", () => {
    expect(dumpProgram("function* g\n  yield\n  yield 1\n  yield\nprint 1")).toBe(
      "(function g () (block (Yield) (Yield 1) (Yield)))\n(call print 1)",
    );
    const hint = "declare the function with `function* NAME` to make it a generator";
    for (const source of ["yield", "yield 1", "function* g\n  yield 1\nyield 2"])
      expect(
        parseCode(source).unit.problems.map((p) => [p.message, p.hint]),
        source,
      ).toEqual([["'yield' is only allowed inside a generator", hint]]);
    expect(dumpProgram("yield + 1")).toBe("(+ yield 1)");
  });

  it("allow yield in a generator only, not in a class's methods", () => {
    expect(problems("class A\n  f\n    yield 1")).toEqual([
      [16, 21, "'yield' is only allowed inside a generator"],
    ]);
  });

  it("need a name that is not a keyword", () => {
    expect(problems("function if\n  a")).toEqual([[9, 11, "a keyword cannot name a function"]]);
    expect(problems("function\n  a")).toEqual([
      [8, 9, "expected a function name but found the end of the line"],
    ]);
  });
});

describe("imports at the top level", () => {
  it("are those outside every block, a `then` statement and an `else` statement", () => {
    expect(topImports("import a.md")).toEqual(["import a.md"]);
    expect(topImports("if x\n  import a.md\nimport b.md")).toEqual(["import b.md"]);
    expect(topImports("if x then import a.md\nimport b.md")).toEqual(["import b.md"]);
    expect(topImports("if x\n  y\nelse import a.md\nimport b.md")).toEqual(["import b.md"]);
    expect(topImports("if x\n  set\nimport b.md")).toEqual(["import b.md"]);
  });
});

describe("import statements", () => {
  it("need a name to bind a path computed as the document runs", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an XMD template, written as XMD code
    for (const source of ["import (f)", "import `a${b}`"])
      expect(
        parseCode(source).unit.problems.map((p) => [p.message, p.hint]),
        source,
      ).toEqual([
        [
          "an import of a path computed as the document runs needs a name to bind",
          "name it after the path (`import (file) name`), or write `set name import file`",
        ],
      ]);
    expect(dumpProgram("import (f) g")).toBe("(Import f g)");
    // Reported at the path's last token.
    expect(problems("import (f)")).toEqual([
      [9, 10, "an import of a path computed as the document runs needs a name to bind"],
    ]);
    expect(
      parseCode('import "a-b.md"').unit.problems.map((p) => [p.start, p.end, p.message, p.hint]),
    ).toEqual([[7, 15, "cannot make a variable name from 'a-b.md'", 'use `set name import "file"` instead']]);
  });

  it("look for `from` on their own line only", () => {
    expect(dumpProgram('import a.md\nimport b from "f"')).toBe('(Import "a.md" a)\n(Import "f" b: b)');
    expect(dumpProgram('import a from "f"')).toBe('(Import "f" a: a)');
    // A second word before `from` or a comma is the name the first is bound to.
    expect(dumpProgram('import a b, c from "f"')).toBe('(Import "f" a: b c: c)');
  });

  it("in classic documents take a lone word as a variable that may hold the path", () => {
    expect(dumpProgram("import f", "classic")).toBe("(Import (PathName f))");
  });
});

describe("words that start a statement only when what follows fits", () => {
  it("exec( runs a command computed in parentheses, unless exec is the document's own function", () => {
    expect(dumpProgram('exec("date")')).toBe('(ExecStmt (Exec "date"))');
    expect(dumpProgram('exec("date" + x)')).toBe('(ExecStmt (Exec (+ "date" x)))');
    // With a blank before the parenthesis it is the other form, whose command is a word.
    expect(problems('exec ("date")')).toEqual([[5, 6, "expected a command after 'exec'"]]);
    expect(dumpProgram('function exec(a)\n  return a\nexec("date")')).toBe(
      '(function exec (a) (block (Return a)))\n(call exec "date")',
    );
    expect(problems('exec ("date")')).toEqual([[5, 6, "expected a command after 'exec'"]]);
    // `exec ls` on a line of its own writes the output even when exec is the document's own.
    expect(dumpProgram("function exec(a)\n  return a\nexec ls")).toBe(
      '(function exec (a) (block (Return a)))\n(ExecStmt (Exec "ls"))',
    );
  });

  it("class starts a class only before a name", () => {
    expect(dumpProgram("class + 1")).toBe("(+ class 1)");
    expect(dumpProgram("class")).toBe("class");
    expect(dumpProgram("export class")).toBe("(Export class: class)");
  });

  it("destructure takes a name, or a value in brackets, before the names it binds", () => {
    expect(dumpProgram("destructure (u) a")).toBe("(Destructure u a: a)");
    expect(dumpProgram("destructure [1] a")).toBe("(Destructure [1] a: a)");
    expect(dumpProgram("destructure {a: 1} a")).toBe("(Destructure {a: 1} a: a)");
    expect(dumpProgram("destructure + 1")).toBe("(+ destructure 1)");
    expect(dumpProgram("destructure")).toBe("destructure");
    expect(problems("destructure if a")).toEqual([
      [12, 14, "expected the end of the line but found the keyword 'if'"],
    ]);
  });

  it("destructure reports a name after the rest, and a value where a name goes", () => {
    expect(parseCode("destructure u a, ...r, b").unit.problems).toEqual([
      {
        start: 23,
        end: 24,
        message: "nothing may follow the rest (`...name`) in a destructure",
        hint: "put `...name` last",
      },
    ]);
    expect(problems("destructure u 1")).toEqual([
      [14, 15, "expected a name to bind (as in `destructure user name n, age a`) but found a number 1"],
    ]);
  });

  it("a number is not assigned to", () => {
    expect(problems("5 += 1")).toEqual([[2, 4, "expected the end of the line but found '+='"]]);
  });
});
