/**
 * The lexer's tokens with their places: which characters start and continue a name, what
 * counts as space, how indentation is measured, where each line break, operator, number,
 * string and comment ends, and what each problem covers. Places matter: the parser's
 * errors, a language server's ranges and the code frames are all cut from them.
 */
import { describe, expect, it } from "vitest";
import { ReadClock } from "../../src/syntax/clock.js";
import { TextScanner } from "../../src/syntax/interpolation.js";
import { C } from "../../src/syntax/keywords.js";
import { lex, lexAppend } from "../../src/syntax/lexer.js";
import { PlainNames } from "../../src/syntax/names.js";
import { SPACE_BEFORE, T, TokenBuffer } from "../../src/syntax/tokens.js";
import { kinds, lexed } from "../support/lexed.js";

describe("names", () => {
  it("start with a letter, _, $ or a character past ASCII, at each edge of the letters' ranges", () => {
    for (const name of ["a", "z", "A", "Z", "_", "$", "\u0080", "é", "tên"])
      expect(lexed(`${name}1`, false).tokens, name).toEqual([
        `Ident@0-${name.length + 1}`,
        `EOF@${name.length + 1}-${name.length + 1}`,
      ]);
  });

  it("do not start with the characters just outside those ranges", () => {
    // ` { @ [ are just outside a-z and A-Z; each is some other token or a problem.
    expect(kinds("@a", false)).toEqual(["Error", "Ident", "EOF"]);
    expect(kinds("[a", false)).toEqual(["LBracket", "Ident", "EOF"]);
    expect(kinds("{a", false)).toEqual(["LBrace", "Ident", "EOF"]);
    expect(kinds("^a", false)).toEqual(["Error", "Ident", "EOF"]);
  });

  it("go on with digits 0 to 9, and stop at the characters beside them", () => {
    expect(lexed("a0 b9", false).tokens).toEqual(["Ident@0-2", "Ident@3-5", "EOF@5-5"]);
    expect(kinds("a/b", false)).toEqual(["Ident", "Slash", "Ident", "EOF"]);
    expect(kinds("a:b", false)).toEqual(["Ident", "Colon", "Ident", "EOF"]);
  });

  it("end at the end of the range lexed", () => {
    expect(lexed("abcdef", false, 1, 4).tokens).toEqual(["Ident@1-4", "EOF@4-4"]);
  });

  it("get the id of the name they spell", () => {
    const { out } = lexed("exec", false);
    expect(out.id[0]).toBe(C.exec);
    expect(lexed("nobody", false).out.id[0]).toBe(-1);
  });
});

describe("space", () => {
  it("is a blank, a tab, a form feed or one of Unicode's spaces, which separate names", () => {
    for (const space of [
      " ",
      "\t",
      "\f",
      "\u00a0",
      "\ufeff",
      "\u2028",
      "\u2029",
      "\u2000",
      "\u200b",
      "\u3000",
    ])
      expect(lexed(`a${space}b`, false).tokens, JSON.stringify(space)).toEqual([
        "Ident@0-1",
        "Ident@2-3",
        "EOF@3-3",
      ]);
  });

  it("is not a character beside Unicode's spaces, which is part of a name", () => {
    for (const c of [
      "\u00a1",
      "\u1fff",
      "\u200c",
      "\u2027",
      "\u202a",
      "\u2fff",
      "\u3001",
      "\ufefe",
      "\uff00",
    ])
      expect(lexed(`a${c}b`, false).tokens, JSON.stringify(c)).toEqual(["Ident@0-3", "EOF@3-3"]);
  });

  it("before a token is flagged on it: at the start, after a blank, a line break or a comment", () => {
    const { out } = lexed("a(b) c /* x */d\ne", true);
    const flagged = Array.from(out.flags.subarray(0, out.length), (f) => (f & SPACE_BEFORE) !== 0);
    // a ( b ) c d Newline e Newline EOF
    expect(flagged).toEqual([true, false, false, false, true, true, false, true, false, false]);
  });

  it("is not a vertical tab, which is a problem shown by its code point", () => {
    expect(lexed("a\u000bb", false).problems).toEqual(["1-2 unexpected character U+000B"]);
    // DEL is below the characters past ASCII that names take.
    expect(lexed("a\u007fb", false).problems).toEqual(["1-2 unexpected character U+007F"]);
  });
});

describe("indentation", () => {
  it("counts a tab to the next multiple of four columns", () => {
    // "\t", "  \t" and "   \t" are all four columns: the same block as four blanks.
    for (const indent of ["\t", " \t", "   \t"])
      expect(lexed(`if a\n${indent}b\n    c\n`).problems, JSON.stringify(indent)).toEqual([]);
    // " \t " is five columns: deeper than four.
    expect(kinds("if a\n    b\n \t c\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "Dedent",
      "EOF",
    ]);
  });

  it("places an Indent and a Dedent at the first character of the line", () => {
    expect(lexed("if a\n  b\nc").tokens).toEqual([
      "Ident@0-2",
      "Ident@3-4",
      "Newline@4-5",
      "Indent@7-7",
      "Ident@7-8",
      "Newline@8-9",
      "Dedent@9-9",
      "Ident@9-10",
      "Newline@10-10",
      "EOF@10-10",
    ]);
  });

  it("closes several blocks at once, and reports a line between two of them", () => {
    const closed = lexed("a\n  b\n    c\nd\n");
    expect(closed.tokens.filter((t) => t.startsWith("Dedent"))).toEqual(["Dedent@12-12", "Dedent@12-12"]);
    expect(closed.problems).toEqual([]);
    const between = lexed("a\n    b\n  c\n");
    expect(between.problems).toEqual(["10-11 this line's indentation matches no enclosing block"]);
    // The line's indentation becomes the block's: the next line at two columns is no problem.
    expect(lexed("a\n    b\n  c\n  d\n").problems).toHaveLength(1);
  });

  it("of a first line that is indented sets the outer level", () => {
    expect(lexed("  a\n  b\n").tokens).toEqual([
      "Ident@2-3",
      "Newline@3-4",
      "Ident@6-7",
      "Newline@7-8",
      "EOF@8-8",
    ]);
  });

  it("is not measured on lines of blanks, comments only, or a block comment followed by blanks", () => {
    const source = "if a\n      \n# x\n  // y\n /* z */  \n\r\n\r  b\n";
    expect(kinds(source)).toEqual([
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

  it("is measured on a line that a block comment starts when code follows it", () => {
    expect(kinds("if a\n  /* z */ b\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "EOF",
    ]);
    // So is a line whose block comment spans lines and ends before code: the code belongs to it.
    expect(kinds("a\n  /* z\n */ b\n")).toEqual([
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "EOF",
    ]);
    // Followed by nothing but blanks on its last line, it leaves the line empty.
    expect(kinds("a\n  /* z\n */  \nb\n")).toEqual(["Ident", "Newline", "Ident", "Newline", "EOF"]);
  });

  it("ignores trailing blanks at the end of the code", () => {
    expect(lexed("a\n    ").tokens).toEqual(["Ident@0-1", "Newline@1-2", "EOF@6-6"]);
  });

  it("reports a block comment left open on a line of its own and stops there", () => {
    const { tokens, problems } = lexed("a\n  /* open\nb\n");
    expect(problems).toEqual(["4-6 this block comment is never closed with */"]);
    expect(tokens).toEqual(["Ident@0-1", "Newline@1-2", "EOF@14-14"]);
  });

  it("skips a closed block comment on an empty line and reads on", () => {
    expect(lexed("a\n/* x */ /* y */\nb").tokens).toEqual([
      "Ident@0-1",
      "Newline@1-2",
      "Ident@18-19",
      "Newline@19-19",
      "EOF@19-19",
    ]);
  });
});

describe("line breaks", () => {
  it("are \\n, \\r\\n or a lone \\r, each one Newline at its last character", () => {
    expect(lexed("a\nb\r\nc\rd").tokens).toEqual([
      "Ident@0-1",
      "Newline@1-2",
      "Ident@2-3",
      "Newline@4-5",
      "Ident@5-6",
      "Newline@6-7",
      "Ident@7-8",
      "Newline@8-8",
      "EOF@8-8",
    ]);
  });

  it("are spaces in expression mode and inside brackets", () => {
    expect(kinds("a\nb", false)).toEqual(["Ident", "Ident", "EOF"]);
    expect(kinds("f(a,\nb)\nc")).toEqual([
      "Ident",
      "LParen",
      "Ident",
      "Comma",
      "Ident",
      "RParen",
      "Newline",
      "Ident",
      "Newline",
      "EOF",
    ]);
  });

  it("end statements again after a closing bracket with no opening one", () => {
    // A stray ')' or ']' or '}' leaves the depth at zero.
    for (const close of [")", "]", "}"])
      expect(kinds(`a${close}\nb`), close).toEqual([
        "Ident",
        close === ")" ? "RParen" : close === "]" ? "RBracket" : "RBrace",
        "Newline",
        "Ident",
        "Newline",
        "EOF",
      ]);
  });

  it("after a comma wait for the next line: deeper, it continues; not deeper, the Newline is at the comma's line break", () => {
    expect(kinds("a 1,\n    2\n")).toEqual(["Ident", "Number", "Comma", "Number", "Newline", "EOF"]);
    expect(lexed("a 1,\nb\n").tokens).toEqual([
      "Ident@0-1",
      "Number@2-3",
      "Comma@3-4",
      "Newline@4-5",
      "Ident@5-6",
      "Newline@6-7",
      "EOF@7-7",
    ]);
  });

  it("after a ';' outside brackets, which ends a statement as a Newline at it", () => {
    expect(lexed("a;b;;").tokens).toEqual([
      "Ident@0-1",
      "Newline@1-2",
      "Ident@2-3",
      "Newline@3-4",
      "EOF@5-5",
    ]);
    expect(lexed("(a;b)").problems).toEqual(["2-3 unexpected character ';'"]);
    expect(lexed("a;b", false).problems).toEqual(["1-2 unexpected character ';'"]);
  });
});

describe("comments", () => {
  it("run from # or // to the line's end", () => {
    expect(lexed("a # b\nc // d\r\ne").tokens).toEqual([
      "Ident@0-1",
      "Newline@5-6",
      "Ident@6-7",
      "Newline@13-14",
      "Ident@14-15",
      "Newline@15-15",
      "EOF@15-15",
    ]);
    expect(lexed("a # b", false, 0, 3).tokens).toEqual(["Ident@0-1", "EOF@3-3"]);
  });

  it("of a block end after */, or are reported from their /* when left open", () => {
    expect(lexed("a /* b */c", false).tokens).toEqual(["Ident@0-1", "Ident@9-10", "EOF@10-10"]);
    const open = lexed("a /* b", false);
    expect(open.problems).toEqual(["2-4 this block comment is never closed with */"]);
    expect(open.tokens).toEqual(["Ident@0-1", "EOF@6-6"]);
    // Only the range lexed is searched for the */.
    expect(lexed("a /* b */", false, 0, 7).problems).toEqual([
      "2-4 this block comment is never closed with */",
    ]);
    expect(lexed("/*", false).problems).toEqual(["0-2 this block comment is never closed with */"]);
  });
});

describe("numbers", () => {
  function numbers(source: string): [string, number][] {
    const { out } = lexed(source, false);
    const list: [string, number][] = [];
    for (let i = 0; i < out.length; i++)
      if (out.kind[i] === T.Number) list.push([source.slice(out.start[i], out.end[i]), out.num[i] as number]);
    return list;
  }

  it("take underscores, a fraction after a digit, and an exponent with or without a sign", () => {
    expect(numbers("1_000 0.5 9.75 1e3 2E2 1e+2 5e-1 1_0.2_5")).toEqual([
      ["1_000", 1000],
      ["0.5", 0.5],
      ["9.75", 9.75],
      ["1e3", 1000],
      ["2E2", 200],
      ["1e+2", 100],
      ["5e-1", 0.5],
      ["1_0.2", 10.2],
    ]);
  });

  it("leave a dot not followed by a digit, and an e not followed by digits", () => {
    expect(kinds("1.a", false)).toEqual(["Number", "Dot", "Ident", "EOF"]);
    expect(kinds("1..5", false)).toEqual(["Number", "DotDot", "Number", "EOF"]);
    expect(numbers("1ex 1e+x 2e")).toEqual([
      ["1", 1],
      ["1", 1],
      ["2", 2],
    ]);
    expect(kinds("1e+x", false)).toEqual(["Number", "Ident", "Plus", "Ident", "EOF"]);
  });

  it("end at the end of the range lexed", () => {
    expect(lexed("12345", false, 0, 3).tokens).toEqual(["Number@0-3", "EOF@3-3"]);
    expect(lexed("1.2345", false, 0, 4).tokens).toEqual(["Number@0-4", "EOF@4-4"]);
    expect(lexed("1e234", false, 0, 3).tokens).toEqual(["Number@0-3", "EOF@3-3"]);
  });
});

describe("strings", () => {
  it("end at their own quote, after escapes", () => {
    expect(lexed(`"a\\"b" 'c\\'d' "it's" 'say "hi"'`, false).tokens).toEqual([
      "String@0-6",
      "String@7-13",
      "String@14-20",
      "String@21-31",
      "EOF@31-31",
    ]);
  });

  it("left open end at the line break, \\n or \\r, with a problem at the opening quote", () => {
    for (const br of ["\n", "\r"]) {
      const { tokens, problems } = lexed(`a "bc${br}d`);
      expect(tokens.slice(0, 3), JSON.stringify(br)).toEqual(["Ident@0-1", "String@2-5", "Newline@5-6"]);
      expect(problems).toEqual(["2-3 this string is never closed"]);
    }
    expect(lexed(`"ab\\`, false).tokens).toEqual(["String@0-5", "EOF@4-4"]);
  });

  it("left open at the end of the range lexed end there", () => {
    expect(lexed(`"abc"`, false, 0, 3).tokens).toEqual(["String@0-3", "EOF@3-3"]);
  });

  it("of backticks end at their closing backtick, or are reported", () => {
    expect(lexed("`a{{b}}` c", false).tokens).toEqual(["Template@0-8", "Ident@9-10", "EOF@10-10"]);
    const open = lexed("a `b", false);
    expect(open.problems).toEqual(["2-3 this template string is never closed with `"]);
    expect(open.tokens).toEqual(["Ident@0-1", "Template@2-4", "EOF@4-4"]);
  });
});

describe("operators and brackets", () => {
  it("take the longest operator, each with its place", () => {
    // A '/' after an operator starts a regex literal (see regex-lexing.test.ts); after a name it divides.
    expect(lexed("a / b", false).tokens).toEqual(["Ident@0-1", "Slash@2-3", "Ident@4-5", "EOF@5-5"]);
    expect(lexed("a.b..c...d:?+ += - -= * % = == => ! != < <= > >= && ||", false).tokens).toEqual([
      "Ident@0-1",
      "Dot@1-2",
      "Ident@2-3",
      "DotDot@3-5",
      "Ident@5-6",
      "Spread@6-9",
      "Ident@9-10",
      "Colon@10-11",
      "Question@11-12",
      "Plus@12-13",
      "PlusEq@14-16",
      "Minus@17-18",
      "MinusEq@19-21",
      "Star@22-23",
      "Percent@24-25",
      "Eq@26-27",
      "EqEq@28-30",
      "Arrow@31-33",
      "Bang@34-35",
      "NotEq@36-38",
      "Lt@39-40",
      "Le@41-43",
      "Gt@44-45",
      "Ge@46-48",
      "AndAnd@49-51",
      "OrOr@52-54",
      "EOF@54-54",
    ]);
  });

  it("report a lone & or | and other characters that start no token, one character each", () => {
    const { tokens, problems } = lexed("a & b | c ~ d \\", false);
    expect(tokens.filter((t) => t.startsWith("Error"))).toEqual([
      "Error@2-3",
      "Error@6-7",
      "Error@10-11",
      "Error@14-15",
    ]);
    expect(problems).toEqual([
      "2-3 unexpected character '&'",
      "6-7 unexpected character '|'",
      "10-11 unexpected character '~'",
      "14-15 unexpected character '\\'",
    ]);
  });

  it("show an invisible character by its code point, four hex digits or more, in capitals", () => {
    expect(lexed("\u0001 \u001f \u0000", false).problems).toEqual([
      "0-1 unexpected character U+0001",
      "2-3 unexpected character U+001F",
      "4-5 unexpected character U+0000",
    ]);
  });

  it("name in the EOF the innermost bracket the code leaves open", () => {
    const eofId = (source: string) => {
      const { out } = lexed(source, false);
      return out.id[out.length - 1];
    };
    expect(eofId("f(a")).toBe(1);
    expect(eofId("f(a, [b")).toBe(4);
    expect(eofId("f(a, [b], {c")).toBe(8);
    expect(eofId("f(a, [b], {c}")).toBe(1);
    expect(eofId("f(a)")).toBe(-1);
    expect(eofId("(a)]")).toBe(-1);
    expect(eofId("f(a)) [")).toBe(5);
  });

  it("count brackets from the tokens before a piece appended to the same buffer", () => {
    const source = "a b (c";
    const out = new TokenBuffer(4);
    const context = { clock: new ReadClock(), scanner: new TextScanner(source) };
    lex(source, 0, 3, out, new PlainNames(), true, [], context);
    lexAppend(source, 4, 6, out, new PlainNames(), true, [], context);
    // a b Newline EOF, then ( c Newline EOF: the '(' is token 4.
    expect(out.id[out.length - 1]).toBe(4);
  });
});

describe("exec", () => {
  it("takes the rest of the line as one raw token, without blanks around it", () => {
    expect(lexed("exec  echo a; b  \nprint 1").tokens.slice(0, 3)).toEqual([
      "Ident@0-4",
      "Raw@6-15",
      "Newline@17-18",
    ]);
    expect(lexed("exec\techo a\r\nb").tokens.slice(0, 3)).toEqual(["Ident@0-4", "Raw@5-11", "Newline@12-13"]);
    expect(lexed("exec \t echo\t").tokens.slice(0, 2)).toEqual(["Ident@0-4", "Raw@7-11"]);
  });

  it("is code when a quote, a backtick or ( follows it, or nothing does", () => {
    expect(kinds(`exec "a"`)).toEqual(["Ident", "String", "Newline", "EOF"]);
    expect(kinds("exec 'a'")).toEqual(["Ident", "String", "Newline", "EOF"]);
    expect(kinds("exec `a`")).toEqual(["Ident", "Template", "Newline", "EOF"]);
    expect(kinds("exec (a)")).toEqual(["Ident", "LParen", "Ident", "RParen", "Newline", "EOF"]);
    expect(kinds("exec(a)")).toEqual(["Ident", "LParen", "Ident", "RParen", "Newline", "EOF"]);
    expect(kinds("exec   \nb")).toEqual(["Ident", "Newline", "Ident", "Newline", "EOF"]);
    expect(kinds("exec   \r\nb")).toEqual(["Ident", "Newline", "Ident", "Newline", "EOF"]);
    expect(kinds("exec   ")).toEqual(["Ident", "Newline", "EOF"]);
    expect(kinds("exec.a")).toEqual(["Ident", "Dot", "Ident", "Newline", "EOF"]);
  });

  it("reads its command only within the range lexed", () => {
    expect(lexed("exec ls -l", true, 0, 7).tokens).toEqual([
      "Ident@0-4",
      "Raw@5-7",
      "Newline@7-7",
      "EOF@7-7",
    ]);
  });
});

describe("regex literals", () => {
  it("left open are an Error token to the line's end, reported at their /", () => {
    const { tokens, problems } = lexed("a = /b(\nc");
    expect(tokens.slice(0, 4)).toEqual(["Ident@0-1", "Eq@2-3", "Error@4-7", "Newline@7-8"]);
    expect(problems).toEqual(["4-5 this regex is never closed with /"]);
  });
});
