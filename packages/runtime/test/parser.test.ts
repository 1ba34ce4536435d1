import { describe, expect, it } from "vitest";
import { dump, dumpProgram, parseCode, parseExpr } from "./support/dump.js";

const expr = (s: string) => {
  const { unit, root } = parseExpr(s);
  if (unit.problems.length) throw new Error(unit.problems.map((p) => p.message).join("; "));
  return dump(unit, root);
};

describe("parser: expressions", () => {
  it("follows the precedence table", () => {
    expect(expr("2 + 3 * 4")).toBe("(+ 2 (* 3 4))");
    expect(expr("(2 + 3) * 4")).toBe("(* (+ 2 3) 4)");
    expect(expr("a or b and not c")).toBe("(or a (and b (not c)))");
    expect(expr("x >= 5 and x < 10")).toBe("(and (>= x 5) (< x 10))");
    expect(expr("a = 1 ? 'y' : 'n'")).toBe('(Ternary (= a 1) "y" "n")');
    expect(expr("1 .. n + 1")).toBe("(Range 1 (+ n 1))");
    expect(expr("-a + 1")).toBe("(+ (neg a) 1)");
    expect(expr("-2")).toBe("-2");
  });

  it("makes a minus before a number part of the literal, which starts at the minus", () => {
    for (const source of ["-2", "- 2", "-(2)", "--2"]) {
      const { unit, root } = parseExpr(source);
      expect(unit.nodes.start(root), source).toBe(0);
      expect(unit.nodes.end(root), source).toBe(source.length);
    }
    const { unit, root } = parseExpr("x < -2.5");
    expect(dump(unit, root)).toBe("(< x -2.5)");
    expect(unit.nodes.start(unit.nodes.b(root))).toBe(4);
  });

  it("reads member, index and call chains", () => {
    expect(expr("matrix[1][2]")).toBe("(Index (Index matrix 1) 2)");
    expect(expr("user.name")).toBe("(. user name)");
    expect(expr("f(1, 2)")).toBe("(call f 1 2)");
    expect(expr('xs.map(x => x + 1).join "-"')).toBe('(.join (.map xs (=> (x) (+ x 1))) "-")');
  });

  it("takes bare method arguments to the end of the expression", () => {
    expect(expr('text.split " "')).toBe('(.split text " ")');
    // `past` might hold a function when it runs: then it takes "years"; if not, both are arguments.
    expect(expr('now.diff past "years"')).toBe('(.diff now (call? past "years"))');
    expect(expr('"  pad  ".trim + "|"')).toBe('(+ (. "  pad  " trim) "|")');
  });

  it("parses literals", () => {
    expect(expr('[1, "a", true, null]')).toBe('[1 "a" true null]');
    expect(expr('{name: "x", "two words": 2}')).toBe('{name: "x", two words: 2}');
    expect(expr('"a\\tb\\n"')).toBe(JSON.stringify("a\tb\n"));
    expect(expr("`Hi {{name}}!`")).toBe('(Template "Hi " name "!")');
  });

  it("parses lambdas", () => {
    expect(expr("(a, b) => a + b")).toBe("(=> (a b) (+ a b))");
    expect(expr("() => 1")).toBe("(=> () 1)");
  });
});

describe("parser: calls without parentheses", () => {
  it("lets a callee take every argument after it", () => {
    expect(dumpProgram("function add a b\n    return a + b\nprint add 2, 3")).toContain(
      "(call print (call add 2 3))",
    );
  });

  it("binds `n * factorial n - 1` as n * factorial(n - 1)", () => {
    const out = dumpProgram("function factorial n\n    return n * factorial n - 1\n");
    expect(out).toContain("(Return (* n (call factorial (- n 1))))");
  });

  it("separates arguments by juxtaposition", () => {
    expect(dumpProgram('File.write "out.txt" "text"')).toBe('(.write File "out.txt" "text")');
    expect(dumpProgram("set d map numbers (x => x * 2)")).toBe(
      "(set d (call map (call? numbers (=> (x) (* x 2)))))",
    );
    expect(dumpProgram("print reduce xs ((a, b) => a + b), 0")).toBe(
      "(call print (call reduce (call? xs (=> (a b) (+ a b)) 0)))",
    );
    expect(dumpProgram("print reduce(xs, (a, b) => a + b, 0)")).toBe(
      "(call print (call reduce xs (=> (a b) (+ a b)) 0))",
    );
  });

  it("knows functions declared later (hoisting)", () => {
    expect(dumpProgram('greet "An"\nfunction greet name\n    print name')).toMatch(/^\(call greet "An"\)/);
  });

  it("treats `print -a + 1` as print of -a + 1", () => {
    expect(dumpProgram("print -a + 1")).toBe("(call print (+ (neg a) 1))");
  });
});

describe("parser: set", () => {
  it("makes objects, several variables and arrays", () => {
    // An object unless `name` holds a function when the line runs (then an error: see CallForm).
    expect(dumpProgram('set user name "Alice", age 30')).toBe(
      '(set user (object-or-call name {name: "Alice", age: 30}))',
    );
    expect(dumpProgram('set made "in Vietnam", by "Ky", age 40')).toBe(
      '(block (set made "in Vietnam") (set by "Ky") (set age 40))',
    );
    expect(dumpProgram("set scores 1, 2, 3")).toBe("(set scores [1 2 3])");
    expect(dumpProgram("set x x + 1")).toBe("(set x (+ x 1))");
    expect(dumpProgram("set self.name name")).toBe("(set (. self name) name)");
    expect(dumpProgram("set a[0] 5")).toBe("(set (Index a 0) 5)");
  });

  it("reads multiline arrays and objects", () => {
    expect(dumpProgram('set items\n    "pen",\n    "book",\n')).toBe('(set items ["pen" "book"])');
    expect(dumpProgram("set config\n    debug true,\n    retries 3,\n")).toBe(
      "(set config {debug: true, retries: 3})",
    );
    expect(dumpProgram("set m\n    [1, 2],\n    [3, 4],\n")).toBe("(set m [[1 2] [3 4]])");
  });

  it("reads multiline arrays and objects whose lines leave out the commas (docs: Forms of set)", () => {
    expect(dumpProgram('set items\n    "pen"\n    "book"\n\n    "ink",\n    "cap"\n')).toBe(
      '(set items ["pen" "book" "ink" "cap"])',
    );
    expect(
      dumpProgram("set config\n    debug true\n    retries 3\n\n    depth 2,\n    wide false\nprint 1"),
    ).toBe("(set config {debug: true, retries: 3, depth: 2, wide: false})\n(call print 1)");
  });

  it("accepts `=` and `+=` (both dialects) and bare `x += 1` / classic `x = 1`", () => {
    expect(dumpProgram('set name = "World"', "classic")).toBe('(set name "World")');
    expect(dumpProgram('out += "x"')).toBe('(set += out "x")');
    expect(dumpProgram("n = 2", "classic")).toBe("(set n 2)");
    expect(dumpProgram("n = 2")).toBe("(= n 2)");
  });
});

describe("parser: blocks", () => {
  it("reads if / elif / else and the one-line form", () => {
    expect(dumpProgram("if a\n    x\nelif b\n    y\nelse\n    z\n")).toBe(
      "(If a (block x) (If b (block y) (block z)))",
    );
    expect(dumpProgram('if n > 2 then print "big"')).toBe('(If (> n 2) (block (call print "big")))');
  });

  it("accepts an optional end line", () => {
    expect(dumpProgram("while x\n    y\nend\nz")).toBe("(While x (block y))\nz");
  });

  it("reads loops", () => {
    expect(dumpProgram("for i, name in names\n    x\n")).toBe("(For names (block x) i name)");
    expect(dumpProgram("loop 3 times\n    x\n")).toBe("(Loop 3 (block x))");
  });

  it("reads functions, try/catch and throw", () => {
    expect(dumpProgram("function f a, b\n    return a\n")).toBe("(function f (a b) (block (Return a)))");
    expect(dumpProgram('try\n    throw "x"\ncatch err\n    print err\n')).toBe(
      '(Try (block (Throw "x")) (block (call print err)) err)',
    );
  });

  it("reads imports and exports", () => {
    expect(dumpProgram('import greet, version from "lib.xmd"')).toBe(
      '(Import "lib.xmd" greet: greet version: version)',
    );
    expect(dumpProgram('import "data/students.json"')).toBe('(Import "data/students.json" students)');
    expect(dumpProgram("export a, b B")).toBe("(Export a: a B: b)");
  });
});

describe("parser: errors", () => {
  const problems = (src: string) => parseCode(src).unit.problems;

  it("says what was expected and where", () => {
    const [p] = problems('set x 1\nif x =\n    print "x"\n');
    expect(p?.message).toBe("expected an expression after '=' but found the end of the line");
    expect(p?.start).toBe("set x 1\nif x ".length + 1);
  });

  it("recovers to report several errors, one per broken line", () => {
    expect(problems("set\nprint 1 +\nif\nx = = 2\n")).toEqual([
      {
        start: 3,
        end: 4,
        message: "expected a variable name after 'set' but found the end of the line",
        hint: "write it as `set name value`",
      },
      { start: 13, end: 14, message: "expected an expression after '+' but found the end of the line" },
      { start: 16, end: 17, message: "expected an expression but found the end of the line" },
      { start: 21, end: 22, message: "expected an expression but found '='" },
    ]);
  });

  it("rejects return outside functions and break outside loops", () => {
    expect(problems("return 1")).toEqual([
      { start: 0, end: 6, message: "'return' is only allowed inside a function" },
    ]);
    expect(problems("break")).toEqual([
      { start: 0, end: 5, message: "'break' is only allowed inside a loop" },
    ]);
  });

  it("forgets a failed statement's function and loop once past it", () => {
    // The lambda's body fails: the next line is at module level again, outside any function.
    expect(problems("set f (x => )\nreturn 1\n").map((p) => p.message)).toEqual([
      "expected an expression but found ')'",
      "'return' is only allowed inside a function",
    ]);
    expect(problems("while true then print )\nbreak\n").map((p) => p.message)).toEqual([
      "expected an expression but found ')'",
      "'break' is only allowed inside a loop",
    ]);
  });

  it("counts an import after an inline else as one that may not run", () => {
    const imports = (src: string) => parseCode(src).unit.imports.length;
    expect(imports('if false then print 1 else import "m.md"\n')).toBe(0);
    expect(imports('if false\n  print 1\nelse import "m.md"\n')).toBe(0);
    expect(imports('import "m.md"\n')).toBe(1);
  });

  it("rejects an unindented block and a stray else", () => {
    expect(problems("if x\nprint 1\n")).toEqual([
      {
        start: 5,
        end: 10,
        message: "expected an indented block but found the name 'print'",
        hint: "indent the lines that belong to the block",
      },
    ]);
    expect(problems("else\n")).toEqual([{ start: 0, end: 4, message: "'else' without an 'if' above it" }]);
  });
});
