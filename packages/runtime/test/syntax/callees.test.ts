/**
 * Which names the parser takes for functions before it parses a statement (calls need no
 * parentheses, so `f 1` is a call only when `f` is known to be one): declared, a class,
 * set to a lambda, or imported. The prescan runs over every code piece of a document,
 * which share one token buffer, each piece ending in its own EOF.
 */
import { describe, expect, it } from "vitest";
import {
  giveTokenBuffer,
  lexAppendInto,
  prescanCallees,
  takeTokenBuffer,
} from "../../src/syntax/parser/index.js";
import { makeUnit } from "../support/dump.js";

/** The names the prescan finds in `pieces` (each a code piece of one document), sorted. */
function calleesOf(...pieces: string[]): string[] {
  const source = pieces.join("");
  const unit = makeUnit(source);
  const tokens = takeTokenBuffer(source.length);
  let at = 0;
  for (const piece of pieces) {
    lexAppendInto(unit, tokens, at, at + piece.length);
    at += piece.length;
  }
  prescanCallees(unit, tokens);
  giveTokenBuffer(tokens);
  return [...unit.callees].map(String).sort();
}

describe("a callee", () => {
  it("is a declared function or generator", () => {
    expect(calleesOf("function f x\n    return x\nfunction* g\n    yield 1\n")).toEqual(["f", "g"]);
    expect(calleesOf("print function\nset x function * 2\n")).toEqual([]);
  });

  it("is a class, named where a statement starts or after export", () => {
    expect(calleesOf("class A\n")).toEqual(["A"]);
    expect(calleesOf("set a 1\nclass B\n")).toEqual(["B"]);
    expect(calleesOf("if a\n    class C\n")).toEqual(["C"]);
    expect(calleesOf("if a\n    b\nclass D\n")).toEqual(["D"]);
    expect(calleesOf("export class E\n")).toEqual(["E"]);
    // A piece of its own (after the EOF of the piece before).
    expect(calleesOf("set a 1\n", "class F\n")).toEqual(["F"]);
  });

  it("is not a word 'class' inside a statement, nor another word of five letters", () => {
    expect(calleesOf("print class G\n")).toEqual([]);
    expect(calleesOf("set x 1\nprint x class H\n")).toEqual([]);
    expect(calleesOf("klass I\nclassy J\n")).toEqual([]);
  });

  it("is a name set to a lambda, in parentheses too", () => {
    expect(calleesOf("set f (a, b) => a\nset g x => x\nset h ((a) => a)\n")).toEqual(["f", "g", "h"]);
    expect(calleesOf("set k 5\nset m (1)\nset n (a)\nset o x\n")).toEqual([]);
  });

  it("is every name an import binds, before its from", () => {
    expect(calleesOf('import a, b from "lib.xmd"\n')).toEqual(["a", "b"]);
    expect(calleesOf('import c from "lib.xmd"\nimport d from "lib.xmd"\n')).toEqual(["c", "d"]);
    expect(calleesOf('import "lib.xmd"\nprint e\n')).toEqual([]);
    // `from` on the next line is not this import's: the line ends the search.
    expect(calleesOf("import f\nset x from\n")).toEqual([]);
    expect(calleesOf("import g\n", 'set x 1 from "y"\n')).toEqual([]);
  });

  it("is each import's names when several share a line", () => {
    expect(calleesOf('set m [import p from "a.xmd", import q from "b.xmd"]\n')).toEqual(["p", "q"]);
  });
});
