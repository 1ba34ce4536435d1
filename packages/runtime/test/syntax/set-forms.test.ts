/**
 * `set` in each of its forms, and `put`'s value, which takes the same forms: what the line
 * becomes (a value, a list, an object, several variables), where it ends, what a lambda
 * set by name is called, and what each mistake is reported as. parser.test.ts shows the
 * common forms; the mutation run of the reading part (2026-12-05) showed that the edges
 * here were unchecked: a line that starts with a spread, a trailing comma, `put`'s value,
 * `set end` in classic documents, the limit on a target's chain.
 */
import { describe, expect, it } from "vitest";
import { dumpProgram, parseCode, problemMessages as problems } from "../support/dump.js";

describe("set NAME followed by values", () => {
  it("makes a list of a spread alone, or of items after it", () => {
    expect(dumpProgram("set copy ...items")).toBe("(set copy [(Spread items)])");
    expect(dumpProgram("set m ...u, ...v")).toBe("(set m [(Spread u) (Spread v)])");
    expect(dumpProgram("set m ...[a, k], c")).toBe("(set m [(Spread [a k]) c])");
  });

  it("makes an object of a spread followed by any `key value` item", () => {
    expect(dumpProgram("set m ...u, k 1")).toBe("(set m {(Spread u), k: 1})");
    expect(dumpProgram("set m ...u, k 1, ...v")).toBe("(set m {(Spread u), k: 1, (Spread v)})");
  });

  it("takes an item only after a comma: a name and a value inside the spread are its own", () => {
    expect(dumpProgram("set m ...g k 1")).toBe("(set m [(Spread (call? g (call? k 1)))])");
    expect(dumpProgram("set m ...[x, k 1]")).toBe("(set m [(Spread [x (call? k 1)])])");
    expect(dumpProgram("set m ...[x], k 1")).toBe("(set m {(Spread [x]), k: 1})");
    expect(dumpProgram("set m ...{b: 1}, k 1")).toBe("(set m {(Spread {b: 1}), k: 1})");
    expect(dumpProgram("set m ...u, k 1\nprint 2")).toBe("(set m {(Spread u), k: 1})\n(call print 2)");
  });

  it("looks for that item only between the line's own commas, not inside brackets, nor on the next line", () => {
    // A spread alone followed by a line that starts `name value` was read as several
    // variables, with the bare spread as the first one's value (found 2026-12-05).
    // `b -1` after the comma inside the call is an argument, not an entry.
    expect(dumpProgram("set m ...g(a, b -1)")).toBe("(set m [(Spread (call g a (call? b -1)))])");
    expect(dumpProgram("set m ...g(a, b -1), c 2")).toBe("(set m {(Spread (call g a (call? b -1))), c: 2})");
    expect(dumpProgram("set m ...u\nk 1")).toBe("(set m [(Spread u)])\n(call? k 1)");
    expect(dumpProgram("if a\n  set m ...u\nk 1")).toBe("(If a (block (set m [(Spread u)])))\n(call? k 1)");
  });

  it("sets several variables only when a name after a comma starts a value", () => {
    expect(dumpProgram("set xs 1, y")).toBe("(set xs [1 y])");
    expect(dumpProgram("set xs 1, y 2")).toBe("(block (set xs 1) (set y 2))");
    expect(problems("set a 1, b 2, 3")).toEqual(["expected a variable name but found a number 3"]);
  });

  it("ends a list at a trailing comma, at the end of the line or of the code", () => {
    expect(dumpProgram("set xs 1, 2,")).toBe("(set xs [1 2])");
    expect(dumpProgram("set xs 1, 2,\nprint 3")).toBe("(set xs [1 2])\n(call print 3)");
  });

  it("ends an object at its line, with or without a trailing comma", () => {
    expect(dumpProgram("set o a 1")).toBe("(set o (object-or-call a {a: 1}))");
    expect(dumpProgram("set o a 1,")).toBe("(set o (object-or-call a {a: 1}))");
    expect(dumpProgram("set o a 1\nprint 2")).toBe("(set o (object-or-call a {a: 1}))\n(call print 2)");
    expect(dumpProgram("set o a 1,\nprint 2")).toBe("(set o (object-or-call a {a: 1}))\n(call print 2)");
    expect(problems("set o a 1, 2")).toEqual(["expected a key name but found a number 2"]);
  });

  it("needs a value, at the end of a line or of the code", () => {
    expect(problems("set x")).toEqual(["expected a value after 'set x'"]);
    expect(problems("set x\n")).toEqual(["expected a value after 'set x'"]);
    expect(problems("set o.k\nprint 1")).toEqual(["expected a value after 'set o.k'"]);
  });
});

describe("set NAME and indented lines", () => {
  it("makes an object when a spread comes first and a `key value` line or item follows", () => {
    expect(dumpProgram("set a\n  ...u\n  k 1")).toBe("(set a {(Spread u), k: 1})");
    expect(dumpProgram("set a\n  ...u,\n  k 1,")).toBe("(set a {(Spread u), k: 1})");
    expect(dumpProgram("set a\n  ...u, k 1")).toBe("(set a {(Spread u), k: 1})");
    expect(dumpProgram("set a\n  ...u\n\n  k 1\nprint 2")).toBe("(set a {(Spread u), k: 1})\n(call print 2)");
  });

  it("makes a list of spreads and values, whatever is inside their brackets", () => {
    expect(dumpProgram("set a\n  ...u\n  ...v")).toBe("(set a [(Spread u) (Spread v)])");
    expect(dumpProgram("set a\n  ...u\n  f(x, k 1)")).toBe("(set a [(Spread u) (call f x (call? k 1))])");
    expect(dumpProgram("set a\n  ...[\n    k 1]")).toBe("(set a [(Spread [(call? k 1)])])");
  });

  it("looks for a `key value` item only inside the indented lines and outside brackets", () => {
    expect(dumpProgram("set a\n  ...u\nprint 1\nk 2")).toBe(
      "(set a [(Spread u)])\n(call print 1)\n(call? k 2)",
    );
    expect(dumpProgram("set a\n  ...u\n  [x, k 1]")).toBe("(set a [(Spread u) [x (call? k 1)]])");
    expect(dumpProgram("set a\n  ...[x], k 1")).toBe("(set a {(Spread [x]), k: 1})");
    expect(dumpProgram("set a\n  ...{b: 1}, k 1")).toBe("(set a {(Spread {b: 1}), k: 1})");
  });

  it("makes a list when the first line is not a `key value` entry nor a spread", () => {
    expect(dumpProgram("set a\n  1\n  k 2")).toBe("(set a [1 (call? k 2)])");
  });

  it("reports a line holding two items or entries without a comma", () => {
    expect(problems("set a\n  1 2")).toEqual([
      "expected ',' or the end of the line after the item but found a number 2",
    ]);
    expect(problems("set a\n  k 1 2")).toEqual([
      "expected ',' or the end of the line after the entry but found a number 2",
    ]);
  });
});

describe("put's value", () => {
  it("takes set's forms: a value, a list, an object", () => {
    expect(dumpProgram('put "d.json".a 1')).toBe('(DataPut "d.json" "a" 1)');
    expect(dumpProgram('put "d.json".a 1, 2')).toBe('(DataPut "d.json" "a" [1 2])');
    expect(dumpProgram('put "d.json".a ...xs')).toBe('(DataPut "d.json" "a" [(Spread xs)])');
    expect(dumpProgram('put "d.json".a k 1, j 2')).toBe(
      '(DataPut "d.json" "a" (object-or-call k {k: 1, j: 2}))',
    );
    expect(dumpProgram('put "d.json".a ...u, k 1')).toBe('(DataPut "d.json" "a" {(Spread u), k: 1})');
  });
});

describe("a lambda set by name", () => {
  const names = (source: string) => parseCode(source).unit.functions.map((f) => f.name);

  it("is called by that name when set with or without `=`", () => {
    expect(names("set f x => x")).toEqual(["f"]);
    expect(names("set f = x => x")).toEqual(["f"]);
  });

  it("keeps its own name when added to a variable or set to a member", () => {
    expect(names("set f += x => x")).toEqual(["lambda"]);
    expect(names("set o.f x => x")).toEqual(["lambda"]);
    expect(names("set o.f = x => x")).toEqual(["lambda"]);
  });
});

describe("what set assigns to", () => {
  it("is a name, or a chain of `.key` and `[index]` written without spaces before them", () => {
    expect(dumpProgram("set a.b[1].c 2")).toBe("(set (. (Index (. a b) 1) c) 2)");
    expect(dumpProgram("set a [1]")).toBe("(set a [1])");
    expect(problems("set a .b 1")).toEqual(["expected an expression but found '.'"]);
    expect(problems("set a.1 2")).toEqual(["expected an expression but found '.'"]);
    expect(problems("set a[1 2")).toEqual(["expected ']' but found a number 2"]);
  });

  it("is a chain no longer than the nesting limit allows", () => {
    const limited = (source: string) =>
      parseCode(source, "native", { maxDepth: 3 }).unit.problems.map((p) => [p.start, p.message]);
    const message = "code nested too deep: more than 3 levels (limit maxNestingDepth)";
    expect(limited("set a.b.c 1")).toEqual([]);
    expect(limited("set a.b.c.d.e 1")).toEqual([[9, message]]);
    expect(limited("set a[1][2][3][4] 1")).toEqual([[11, message]]);
  });

  it("may be `end` in classic documents, after which `=` must come", () => {
    expect(dumpProgram("set end = 7", "classic")).toBe("(set end 7)");
    expect(dumpProgram("set end=7", "classic")).toBe("(set end 7)");
    const keyword = (word: string) => `expected a variable name after 'set' but found the keyword '${word}'`;
    expect(problems("set end 7", "classic")).toEqual([keyword("end")]);
    expect(problems("set if = 1", "classic")).toEqual([keyword("if")]);
    expect(problems("set end = 1")).toEqual([keyword("end")]);
  });
});
