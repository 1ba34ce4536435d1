/**
 * The forms that read differently from the rest of the language: `exec` (the rest of the
 * line is the command), `cmd EXPR`, `get`/`put` of a data file's keys, and the path after
 * `import` (bare words as well as strings). The mutation run of the reading part
 * (2026-12-05) found most of their edges unchecked by the tests of reading: a string after
 * `exec`, a number as a key, `put` copying from another file, a space before the `.`, a
 * document's own function called `get`, an import path at the end of an expression.
 */
import { describe, expect, it } from "vitest";
import { N, type NodeId } from "../../src/syntax/nodes.js";
import {
  dump,
  dumpProgram,
  KIND_NAMES,
  parseCode,
  parseExpr,
  problemMessages as problems,
} from "../support/dump.js";

/** An expression's tree, or its problems' messages. */
function expression(source: string): string {
  const { unit, root } = parseExpr(source);
  if (unit.problems.length) return `error: ${unit.problems.map((p) => p.message).join("; ")}`;
  return dump(unit, root);
}

describe("exec", () => {
  it("takes a string or a template as the command, and the rest of the line otherwise", () => {
    expect(dumpProgram('exec "ls -l"')).toBe('(ExecStmt (Exec "ls -l"))');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an XMD template, written as XMD code
    expect(dumpProgram("exec `ls ${d}`")).toBe('(ExecStmt (Exec (Template "ls ${d}")))');
    expect(dumpProgram("exec ls -l")).toBe('(ExecStmt (Exec "ls -l"))');
    expect(dumpProgram('set x exec("date")')).toBe('(set x (Exec "date"))');
    expect(expression("exec ls")).toBe('(Exec "ls")');
  });

  it("needs a command", () => {
    expect(problems("exec")).toEqual(["expected a command after 'exec'"]);
  });

  it("cmd computes the command line; alone, cmd is a name", () => {
    expect(dumpProgram('set x cmd "git " + f')).toBe('(set x (Exec (+ "git " f)))');
    expect(dumpProgram("set x cmd")).toBe("(set x cmd)");
  });
});

describe("get and put", () => {
  /** The kind of node that names the file of the first statement's get or put. */
  function fileKind(source: string): string {
    const { unit, root } = parseCode(source);
    const nodes = unit.nodes;
    let n: NodeId = nodes.a(root);
    if (nodes.kind(n) === N.Set) n = nodes.b(n);
    if (nodes.kind(n) === N.ExprStmt) n = nodes.a(n);
    return KIND_NAMES[nodes.kind(nodes.a(n))] as string;
  }

  it("read a file named by a string, or by a variable before a key", () => {
    expect(dumpProgram('set x get "d.json".a.b')).toBe('(set x (DataGet "d.json" "a" "b"))');
    expect(dumpProgram('set x get "d.json"')).toBe('(set x (DataGet "d.json"))');
    expect(dumpProgram("set x get what.boss")).toBe('(set x (DataGet what "boss"))');
    expect(fileKind('set x get "d.json".a')).toBe("Str");
    expect(fileKind("set x get what.boss")).toBe("Name");
    expect(fileKind('put "d.json".a 1')).toBe("Str");
    expect(fileKind("put what.k 1")).toBe("Name");
  });

  it("take names and numbers as keys, with or without a space after the dot", () => {
    expect(dumpProgram('set x get "d.json".0')).toBe('(set x (DataGet "d.json" "0"))');
    expect(dumpProgram("set x get w.1")).toBe('(set x (DataGet w "1"))');
    expect(dumpProgram("set x get w. k")).toBe('(set x (DataGet w "k"))');
    expect(dumpProgram("put what.if 1")).toBe('(DataPut what "if" 1)');
    expect(problems('set x get "d.json".+')).toEqual(["expected a key after '.'"]);
  });

  it("end the keys at a space before a dot", () => {
    expect(dumpProgram('set x get "d.json" .a')).toBe('(set x (. (DataGet "d.json") a))');
    expect(dumpProgram('set x get "d.json"\nprint 1')).toBe('(set x (DataGet "d.json"))\n(call print 1)');
  });

  it("are calls when what follows is not a file: a name without a key, a keyword, a spaced key, or get is the document's own", () => {
    expect(dumpProgram("set x get w")).toBe("(set x (call get w))");
    expect(dumpProgram("set x get w[0]")).toBe("(set x (call get (Index w 0)))");
    expect(dumpProgram("put what .k 1")).toBe("(call put (.k what 1))");
    expect(dumpProgram('set x get ("d" + ".json").a')).toBe('(set x (call get (. (+ "d" ".json") a)))');
    expect(problems("set x get if.k")).toEqual(["expected the end of the line but found the keyword 'if'"]);
    expect(problems("set x get w.(1)")).toEqual(["expected the end of the line but found '.'"]);
    expect(dumpProgram("function get a\n  return a\nset x get w.k")).toBe(
      "(function get (a) (block (Return a)))\n(set x (call get (. w k)))",
    );
  });

  it("put copies a key of another data file, named by its extension, with no space before the dot", () => {
    expect(dumpProgram('put "a.json".s "b.yaml".x')).toBe('(DataPut "a.json" "s" (DataGet "b.yaml" "x"))');
    expect(dumpProgram('put "a.json".s "b.yml".x')).toBe('(DataPut "a.json" "s" (DataGet "b.yml" "x"))');
    expect(dumpProgram('put "a.json".s "b.YAML".x.y')).toBe(
      '(DataPut "a.json" "s" (DataGet "b.YAML" "x" "y"))',
    );
    expect(dumpProgram("put \"a.json\".s 'b.json'.x")).toBe('(DataPut "a.json" "s" (DataGet "b.json" "x"))');
    expect(dumpProgram('put "a.json".s "b.yaml" .x')).toBe('(DataPut "a.json" "s" (. "b.yaml" x))');
    expect(dumpProgram('put "a.json".s "b.txt".x')).toBe('(DataPut "a.json" "s" (. "b.txt" x))');
    // The extension ends the string: here `.json"` is inside it.
    expect(dumpProgram(`put "a.json".s 'x.json"y'.k`)).toBe('(DataPut "a.json" "s" (. "x.json\\"y" k))');
    expect(dumpProgram('put "a.json".s "b.json"')).toBe('(DataPut "a.json" "s" "b.json")');
  });
});

describe("import's path", () => {
  it("is a string, a template or an expression in parentheses", () => {
    expect(dumpProgram('set x import "p.md"')).toBe('(set x (ImportExpr "p.md"))');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an XMD template, written as XMD code
    expect(dumpProgram("set x import `a${b}`")).toBe('(set x (ImportExpr (Template "a${b}")))');
    expect(dumpProgram("set x import (f)")).toBe("(set x (ImportExpr f))");
  });

  it("is otherwise the words up to a space, the line's end or the block's", () => {
    expect(dumpProgram("import data/part.md")).toBe('(Import "data/part.md" part)');
    expect(dumpProgram("import data/part.md x")).toBe('(Import "data/part.md" x)');
    expect(dumpProgram("if a\n  import p.md\nprint 1")).toBe(
      '(If a (block (Import "p.md" p)))\n(call print 1)',
    );
    expect(expression("import a/b")).toBe('(ImportExpr "a/b")');
    expect(expression("import a b")).toBe("error: expected the end of the expression but found the name 'b'");
  });

  it("names a variable when it is one word that could be a name, in an import expression", () => {
    expect(dumpProgram("set x import f")).toBe("(set x (ImportExpr (PathName f)))");
    expect(dumpProgram("set c import f", "classic")).toBe("(set c (ImportExpr (PathName f)))");
    expect(expression("import f")).toBe("(ImportExpr (PathName f))");
    expect(dumpProgram("set x import f.md")).toBe('(set x (ImportExpr "f.md"))');
    expect(dumpProgram("set x import 5")).toBe('(set x (ImportExpr "5"))');
    expect(dumpProgram("set c import if")).toBe('(set c (ImportExpr "if"))');
    expect(dumpProgram("import Tasks")).toBe('(Import "Tasks" Tasks)');
  });

  it("must be there", () => {
    expect(problems("import")).toEqual(["expected a file to import"]);
    expect(expression("import")).toBe("error: expected a file to import");
  });
});
