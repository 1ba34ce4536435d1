import { describe, expect, it } from "vitest";
import { K } from "../src/syntax/keywords.js";
import { SPACE_BEFORE, T } from "../src/syntax/tokens.js";
import { kinds, lexed } from "./support/lexed.js";

/** The token buffer and the problems as the lexer reported them. */
function tokens(source: string, block = true) {
  const { out, reported } = lexed(source, block);
  return { out, problems: reported };
}

describe("lexer", () => {
  it("emits indent and dedent around blocks", () => {
    expect(kinds("if x\n    print 1\nprint 2\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Number",
      "Newline",
      "Dedent",
      "Ident",
      "Number",
      "Newline",
      "EOF",
    ]);
  });

  it("closes every open block at the end", () => {
    expect(kinds("for i in xs\n  if i\n    print i")).toEqual([
      "Ident",
      "Ident",
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Ident",
      "Newline",
      "Dedent",
      "Dedent",
      "EOF",
    ]);
  });

  it("ignores blank and comment-only lines for indentation", () => {
    expect(kinds("if x\n\n    // note\n    # note\n    /* a\n b */\n    y\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "EOF",
    ]);
  });

  it("ends a comment after code at the line's end, \\n or \\r\\n, and reads the next line", () => {
    const line = ["Ident", "Number", "Newline"];
    for (const comment of ["# one", "// one", "#", "//"]) {
      for (const eol of ["\n", "\r\n", "\r"]) {
        expect(kinds(`a 1 ${comment}${eol}b 2${eol}`), JSON.stringify(comment + eol)).toEqual([
          ...line,
          ...line,
          "EOF",
        ]);
      }
    }
  });

  it("ends a statement at ';' outside brackets, and not inside them", () => {
    expect(kinds("a 1; b; ;c\n")).toEqual([
      "Ident",
      "Number",
      "Newline",
      "Ident",
      "Newline",
      "Ident",
      "Newline",
      "EOF",
    ]);
    expect(tokens("[1; 2]\n").problems.map((p) => p.message)).toEqual(["unexpected character ';'"]);
    // A lone expression (`{{ }}`) has no statements to separate.
    expect(tokens("a; b", false).problems.map((p) => p.message)).toEqual(["unexpected character ';'"]);
  });

  it("continues a line that ends with a comma on a deeper line, and only then", () => {
    expect(kinds("set a 1,\n    2\nb\n")).toEqual([
      "Ident",
      "Ident",
      "Number",
      "Comma",
      "Number",
      "Newline",
      "Ident",
      "Newline",
      "EOF",
    ]);
    // The same depth is a new line (the one-item-per-line forms of `set`).
    expect(kinds("set a\n    1,\n    2\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Number",
      "Comma",
      "Newline",
      "Number",
      "Newline",
      "Dedent",
      "EOF",
    ]);
    // A comma at the end of the text still ends its line.
    expect(kinds("a 1,")).toEqual(["Ident", "Number", "Comma", "Newline", "EOF"]);
  });

  it("treats line breaks inside brackets as spaces", () => {
    expect(kinds("set a [1,\n  2]\n")).toEqual([
      "Ident",
      "Ident",
      "LBracket",
      "Number",
      "Comma",
      "Number",
      "RBracket",
      "Newline",
      "EOF",
    ]);
  });

  it("reads numbers without eating range dots", () => {
    const { out } = tokens("1..5 3.25 1e3 1_000", false);
    expect(Array.from(out.kind.subarray(0, out.length))).toEqual([
      T.Number,
      T.DotDot,
      T.Number,
      T.Number,
      T.Number,
      T.Number,
      T.EOF,
    ]);
    expect(Array.from(out.num.subarray(0, 6))).toEqual([1, 0, 5, 3.25, 1000, 1000]);
  });

  it("recognises operators longest first", () => {
    expect(
      kinds("a == b != c <= d >= e => f ... g .. h += i -= j && k || l", false).filter((k) => k !== "Ident"),
    ).toEqual([
      "EqEq",
      "NotEq",
      "Le",
      "Ge",
      "Arrow",
      "Spread",
      "DotDot",
      "PlusEq",
      "MinusEq",
      "AndAnd",
      "OrOr",
      "EOF",
    ]);
  });

  it("gives keywords their fixed ids", () => {
    const { out } = tokens("set if elif else", false);
    expect(Array.from(out.id.subarray(0, 4))).toEqual([K.set, K.if, K.elif, K.else]);
  });

  it("marks whether a token is preceded by space", () => {
    const { out } = tokens("f(1) f (1)", false);
    expect(out.flags[1]! & SPACE_BEFORE).toBe(0);
    expect(out.flags[5]! & SPACE_BEFORE).toBe(SPACE_BEFORE);
  });

  it("scans strings with escapes and templates with interpolation", () => {
    expect(kinds(`"a \\" b" 'c' \`x {{y}}\``, false)).toEqual(["String", "String", "Template", "EOF"]);
  });

  it("reports problems and keeps going", () => {
    const { problems } = tokens('print "open\nprint @\n');
    expect(problems).toEqual([
      { start: 6, end: 7, message: "this string is never closed" },
      { start: 18, end: 19, message: "unexpected character '@'" },
    ]);
  });

  it("reports an indentation that matches no block", () => {
    const { problems } = tokens("if x\n    a\n  b\n");
    expect(problems).toEqual([
      { start: 13, end: 14, message: "this line's indentation matches no enclosing block" },
    ]);
  });

  it("accepts CRLF line endings", () => {
    expect(kinds("if x\r\n    y\r\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "EOF",
    ]);
  });

  it("accepts non-ASCII names", () => {
    const { out, problems } = tokens("set tên 1", false);
    expect(problems).toEqual([]);
    expect(out.kind[1]).toBe(T.Ident);
  });

  it("grows its buffer past the initial capacity", () => {
    const src = Array.from({ length: 500 }, (_, i) => `x${i}`).join(" ");
    const { out } = tokens(src, false);
    expect(out.length).toBe(501);
  });
});
