/**
 * The expression parser's and the class parser's edges the mutation run of the reading part
 * (2026-12-05) found unchecked: an object's `{name}` shorthand, `set` where a value goes,
 * the classic `set("name", value)` call's name (lenient in classic documents unless they are
 * strict), a method's `self` parameter, reported where it is written, a class's parent and
 * members, prefix `not` and `!`, the ternary.
 */
import { describe, expect, it } from "vitest";
import {
  dumpProgram,
  dumpStatements,
  KIND_NAMES,
  parseCode,
  problemSpans as problems,
  topImports,
} from "../support/dump.js";

describe("object literals", () => {
  it("take a name alone as the key and the value of that name, last or before a comma", () => {
    expect(dumpProgram("set o {a, b}")).toBe("(set o {a: a, b: b})");
    expect(dumpProgram("set o {a}")).toBe("(set o {a: a})");
    expect(problems("set o {a 1}")).toEqual([[9, 10, "expected ':' after the key but found a number 1"]]);
  });
});

describe("set where a value goes", () => {
  it("is an error unless it is the classic call set(NAME, VALUE)", () => {
    expect(problems("print (set)")).toEqual([[7, 10, "expected an expression but found the keyword 'set'"]]);
    expect(dumpProgram('print set("x", 1)')).toBe("(call print (SetExpr (set x 1)))");
  });

  it("names a variable that classic documents may read before it is set, unless they are strict", () => {
    const lenient = (dialect: "native" | "classic", strict: boolean) => {
      const { unit } = parseCode('print set("x", 1)', dialect, { strict });
      if (unit.lenientNames === null) return null;
      return [...unit.lenientNames].map((n) => unit.source.slice(unit.nodes.start(n), unit.nodes.end(n)));
    };
    expect(lenient("classic", false)).toContain("x");
    expect(lenient("native", false)).not.toContain("x");
    expect(lenient("classic", true)).toBeNull();
  });
});

describe("a class member's parameters", () => {
  it("may not be self, reported at the parameter, wherever it stands", () => {
    const message = "'self' cannot be a parameter: in a constructor or method it is the instance";
    expect(problems("class A\n  f a, self\n    b")).toEqual([[15, 19, message]]);
    expect(problems("class A\n  f self\n    b")).toEqual([[12, 16, message]]);
    expect(problems("class A\n  f self, a\n    b")).toEqual([[12, 16, message]]);
  });
});

describe("a class", () => {
  /** The kind of node of a class's parent, in the first statement. */
  const parentKind = (source: string) => {
    const { unit, root } = parseCode(source);
    return KIND_NAMES[unit.nodes.kind(unit.nodes.b(unit.nodes.a(root)))];
  };

  it("extends a name alone as the class it holds, and anything else as an expression", () => {
    expect(parentKind("class B extends A\n  f\n    a")).toBe("Name");
    expect(parentKind("class B extends null\n  f\n    a")).toBe("Null");
    expect(parentKind('class B extends "A"\n  f\n    a')).toBe("Str");
    expect(parentKind("class B extends 5\n  f\n    a")).toBe("Num");
    expect(dumpProgram("class B extends A.b\n  f\n    a")).toBe("(class B extends (. A b) (f () (block a)))");
  });

  it("keeps the members around one that fails", () => {
    const { unit, root } = parseCode("class A\n  f\n    a\n  g self\n    b\n  h\n    c");
    expect(unit.problems).toHaveLength(1);
    expect(dumpStatements(unit, root)).toBe("(class A (f () (block a)) (h () (block c)))");
  });

  it("may have a method named private, and private methods", () => {
    expect(dumpProgram("class A\n  private\n    a")).toBe("(class A (private () (block a)))");
    expect(dumpProgram("class A\n  private f\n    a")).toBe("(class A (private f () (block a)))");
  });

  it("leaves its members' context behind: after it, super is a name again", () => {
    expect(dumpProgram("class A\n  f\n    a\nprint super")).toBe(
      "(class A (f () (block a)))\n(call print super)",
    );
  });
});

describe("operators", () => {
  it("read a prefix `!` or `not` looser than a comparison, and `not` not after one", () => {
    expect(dumpProgram("print !a = b")).toBe("(call print (not (= a b)))");
    expect(dumpProgram("print not a = b")).toBe("(call print (not (= a b)))");
    expect(dumpProgram("print a = !b")).toBe("(call print (= a (not b)))");
    expect(problems("print a = not b")).toEqual([
      [10, 13, "expected an expression but found the keyword 'not'"],
    ]);
  });

  it("need the ternary's ':'", () => {
    expect(problems("print a ? 1")).toEqual([
      [11, 12, "expected ':' in the ternary `a ? b : c` but found the end of the line"],
    ]);
  });

  it("make an import in either branch of a ternary one that may not run", () => {
    for (const source of [
      'set x a ? import "p.md" : 1\nimport q.md',
      'set x a ? 1 : import "p.md"\nimport q.md',
    ]) {
      expect(topImports(source), source).toEqual(["import q.md"]);
    }
  });
});

describe("operands and arguments", () => {
  it("read `and` and `or` left to right, `and` tighter, and an import on their right as one that may not run", () => {
    expect(dumpProgram("print a and b and c")).toBe("(call print (and (and a b) c))");
    expect(dumpProgram("print a or b or c")).toBe("(call print (or (or a b) c))");
    expect(dumpProgram("print a or b and c")).toBe("(call print (or a (and b c)))");
    for (const op of ["and", "or"]) {
      expect(topImports(`set x a ${op} import "p.md"\nimport q.md`), op).toEqual(["import q.md"]);
    }
  });

  it("take `!` after another operator, and report an operator with nothing after it", () => {
    expect(dumpProgram("print 1 + !b")).toBe("(call print (+ 1 (not b)))");
    expect(problems("print 1 -")).toEqual([
      [9, 10, "expected an expression after '-' but found the end of the line"],
    ]);
  });

  it("spread into arguments with or without parentheses, and into lists", () => {
    expect(dumpProgram("print ...xs")).toBe("(call print (Spread xs))");
    expect(dumpProgram("print 1, ...xs")).toBe("(call print 1 (Spread xs))");
    expect(dumpProgram("print f(...xs, 1)")).toBe("(call print (call f (Spread xs) 1))");
    expect(dumpProgram("print [...xs, 1]")).toBe("(call print [(Spread xs) 1])");
  });

  it("report an index, an argument list or a parenthesis left open, or two arguments without a comma", () => {
    expect(problems("print a[1 2")).toEqual([[10, 11, "expected ']' but found a number 2"]]);
    expect(problems("print f(1 2)")).toEqual([
      [10, 11, "expected ',' or ')' in the argument list but found a number 2"],
    ]);
    expect(problems("print f(1")).toEqual([[7, 8, "this '(' is never closed"]]);
    expect(problems('print set("x", 1')).toEqual([[9, 10, "this '(' is never closed"]]);
  });

  it("fill in `{{ }}` in a classic string, only within that string", () => {
    expect(dumpProgram('print "a {{x}} b"', "classic")).toBe('(call print (Template "a " x " b"))');
    expect(dumpProgram('print "a {{x}} b"')).toBe('(call print "a {{x}} b")');
    expect(dumpProgram('print "a" + "{{x}}"', "classic")).toBe('(call print (+ "a" (Template x)))');
    expect(dumpProgram('print ""', "classic")).toBe('(call print "")');
  });

  it("read a regex literal, and report a wrong one", () => {
    expect(dumpProgram("print /a+/g")).toBe("(call print (Regex))");
    expect(problems("print /(/")).toEqual([[7, 8, "invalid regex: missing closing ): ("]]);
  });

  it("take set(NAME, VALUE)'s name only if it could be written as a name", () => {
    expect(dumpProgram('print set("abc", 1)')).toBe("(call print (SetExpr (set abc 1)))");
    expect(dumpProgram('print set("_a1", 1)')).toBe("(call print (SetExpr (set _a1 1)))");
    expect(problems('print set("a-b", 1)')).toEqual([[10, 15, "'a-b' cannot be a variable name"]]);
  });

  it("take names, strings and numbers as an object's keys", () => {
    expect(dumpProgram("print {1: 2}")).toBe("(call print {1: 2})");
    expect(dumpProgram('print {"a": 1}')).toBe("(call print {a: 1})");
    expect(problems("print {[a]: 1}")).toEqual([[7, 8, "expected a key but found '['"]]);
  });

  it("report a keyword where a value goes, but `end` is a name in classic documents", () => {
    expect(problems("print (end)")).toEqual([[7, 10, "expected an expression but found the keyword 'end'"]]);
    expect(dumpProgram("print (end)", "classic")).toBe("(call print end)");
    expect(problems("print (if)")).toEqual([[7, 9, "expected an expression but found the keyword 'if'"]]);
  });
});

describe("what starts a value after a name", () => {
  // `set o k VALUE` is an object when VALUE starts an argument: the rule that also decides
  // whether `name VALUE` is a call without parentheses.
  const entry = (value: string) => `(set o (object-or-call k {k: ${value}}))`;

  it("is a literal, a keyword value, `not`, `import`, or `!` or `-` written against what follows", () => {
    expect(dumpProgram("set o k false")).toBe(entry("false"));
    expect(dumpProgram("set o k null")).toBe(entry("null"));
    expect(dumpProgram("set o k true")).toBe(entry("true"));
    expect(dumpProgram('set o k import "x"')).toBe(entry('(ImportExpr "x")'));
    expect(dumpProgram("set o k not a")).toBe(entry("(not a)"));
    expect(dumpProgram('set o k "s"')).toBe(entry('"s"'));
    expect(dumpProgram("set o k `t`")).toBe(entry('(Template "t")'));
    expect(dumpProgram("set o k /r/")).toBe(entry("(Regex)"));
    expect(dumpProgram("set o k -1")).toBe(entry("-1"));
    expect(dumpProgram("set o k !a")).toBe(entry("(not a)"));
    expect(dumpProgram("set o k-1")).toBe("(set o (- k 1))");
    expect(dumpProgram("set o k - 1")).toBe("(set o (- k 1))");
  });

  it("is a bracket after a space; without one it indexes or calls the name", () => {
    expect(dumpProgram("set o k {a: 1}")).toBe(entry("{a: 1}"));
    expect(dumpProgram("set o k [1]")).toBe(entry("[1]"));
    expect(dumpProgram("set o k (1)")).toBe(entry("1"));
    expect(dumpProgram("set o k[1]")).toBe("(set o (Index k 1))");
    expect(dumpProgram("set o k(1)")).toBe("(set o (call k 1))");
  });

  it("is `set(` only against its parenthesis, and `end` only in classic documents", () => {
    expect(dumpProgram('set o k set("x", 1)')).toBe(entry("(SetExpr (set x 1))"));
    expect(dumpProgram("set o k end", "classic")).toBe(entry("end"));
    expect(dumpProgram("print end", "classic")).toBe("(call print end)");
    const notAfter = (word: string) => `expected the end of the line but found the keyword '${word}'`;
    expect(problems("print set")).toEqual([[6, 9, notAfter("set")]]);
    expect(problems('print set ("x", 1)')).toEqual([[6, 9, notAfter("set")]]);
    expect(problems("print if(1)")).toEqual([[6, 8, notAfter("if")]]);
    expect(problems("print end")).toEqual([[6, 9, notAfter("end")]]);
  });

  it("is a spread among arguments without parentheses", () => {
    expect(dumpProgram("print 1 ...xs")).toBe("(call print 1 (Spread xs))");
  });

  it("is never after a builtin that takes arguments: that is its call", () => {
    expect(dumpProgram('set o exists "f"')).toBe('(set o (call exists "f"))');
    expect(dumpProgram('set o exec "ls"')).toBe('(set o (Exec "ls"))');
    expect(dumpProgram("set o print 1")).toBe("(set o (call print 1))");
  });
});

describe("a function's name and what follows it", () => {
  const f = "function f x\n  return x\n";
  const last = (source: string) => dumpProgram(source).split("\n").at(-1);

  it("takes `(` right after the name as its argument list, and `(` after a blank as the start of a bare argument", () => {
    expect(last(`${f}print f(1) + 2`)).toBe("(call print (+ (call f 1) 2))");
    expect(last(`${f}print f (1) + 2`)).toBe("(call print (call f (+ 1 2)))");
  });

  it("makes `print` alone a call wherever a value goes", () => {
    expect(dumpProgram("set x print")).toBe("(set x (call print))");
    expect(dumpProgram("set y [print]")).toBe("(set y [(call print)])");
  });

  it("reports a parameter list that starts with a comma or holds a number, at what is there", () => {
    expect(problems("function g(, a)\n  return a")).toEqual([
      [11, 12, "expected a parameter name but found ','"],
    ]);
    expect(problems("function g(1)\n  return 1")).toEqual([
      [11, 12, "expected a parameter name but found a number 1"],
    ]);
  });

  it("reads `super.NAME` in a method only with the dot and the name right after `super`", () => {
    const method = (line: string) => `class A extends B\n  f\n    ${line}\n`;
    expect(dumpProgram(method("super.g 1"))).toBe("(class A extends B (f () (block (super.g 1))))");
    const onlyConstructor = "`super …` calls the parent's constructor, which only a constructor can do";
    expect(problems(method("super . g"))).toEqual([[26, 31, onlyConstructor]]);
    expect(problems(method("super.(1)"))).toEqual([[26, 31, onlyConstructor]]);
    expect(dumpProgram("class A extends B\n  constructor x\n    super(x)\n")).toBe(
      "(class A extends B (constructor (x) (block (super x))))",
    );
  });
});

describe("what may follow a comma or an operator", () => {
  it("a closing bracket after a trailing comma ends the arguments; a line's end does not", () => {
    expect(dumpProgram("print f(g 1, )")).toBe("(call print (call f (call? g 1)))");
    expect(dumpProgram("print [g 1, ]")).toBe("(call print [(call? g 1)])");
    expect(dumpProgram("print {a: g 1, }")).toBe("(call print {a: (call? g 1)})");
    expect(problems("print 1,")).toEqual([[7, 8, "expected the end of the line but found ','"]]);
  });

  it("an operator needs a value before any closing bracket", () => {
    const after = (closer: string) => `expected an expression after '+' but found '${closer}'`;
    expect(problems("print [1 +]")).toEqual([[10, 11, after("]")]]);
    expect(problems("print {a: 1 +}")).toEqual([[13, 14, after("}")]]);
    expect(problems("print (1 +)")).toEqual([[10, 11, after(")")]]);
  });
});

describe("names in a class's members", () => {
  it("give `self.name` the class it belongs to, and no other receiver, nor self outside a class", () => {
    expect(dumpProgram("class A\n  f\n    print a.x, self.y")).toBe(
      "(class A (f () (block (call print (. a x) (. self y @home)))))",
    );
    expect(dumpProgram("print self.x")).toBe("(call print (. self x))");
  });

  it("read `private` only as a word of its own", () => {
    expect(dumpProgram("class A\n  privates f\n    a")).toBe("(class A (privates (f) (block a)))");
  });
});

describe("the nesting limit", () => {
  it("is reported at the whole token that passes it", () => {
    const { unit } = parseCode("print not not not not x", "native", { maxDepth: 3 });
    expect(unit.problems.map((p) => [p.start, p.end, p.message])).toEqual([
      [6, 9, "code nested too deep: more than 3 levels (limit maxNestingDepth)"],
    ]);
  });
});
