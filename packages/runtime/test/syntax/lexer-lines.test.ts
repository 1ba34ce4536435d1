/**
 * How the lexer turns lines into statements in block mode: which lines are empty (their
 * indentation not measured), what a comma at a line's end and a `;` do, how a block opens
 * and closes below an indented first line, what the tokens between statements carry, and
 * how many steps reading a line counts on the read clock (what the time limit is checked
 * against).
 */
import { describe, expect, it } from "vitest";
import { ReadClock } from "../../src/syntax/clock.js";
import { TextScanner } from "../../src/syntax/interpolation.js";
import { lex } from "../../src/syntax/lexer.js";
import { PlainNames } from "../../src/syntax/names.js";
import { SPACE_BEFORE, T, TokenBuffer } from "../../src/syntax/tokens.js";
import { kinds, lexed, tokenName } from "../support/lexed.js";

/** A block with `b` and `d` in it, and `line` between them at the outer level's indentation. */
const between = (line: string) => `if a\n  b\n${line}\n  d\n`;
const BLOCK = [
  "Ident",
  "Ident",
  "Newline",
  "Indent",
  "Ident",
  "Newline",
  "Ident",
  "Newline",
  "Dedent",
  "EOF",
];

describe("a line with no code", () => {
  it("does not close the block it stands in, whatever its indentation", () => {
    for (const line of [
      "",
      "   ",
      "# note",
      "// note",
      "/* note */",
      "/* note */  ",
      "/* a\nb */",
      "/*/ note */",
      "# 2*3",
    ])
      expect(kinds(between(line)), JSON.stringify(line)).toEqual(BLOCK);
  });

  it("may end in \\r\\n or a lone \\r", () => {
    expect(kinds("if a\r\n  b\r\n\r\n  d\r\n")).toEqual(BLOCK);
    expect(kinds("if a\r  b\r\r  d\r")).toEqual(BLOCK);
  });

  it("is not one that starts with a character other than / before a *", () => {
    // `a*b` has no comment, and no `*/` after it: it is code at the outer level.
    expect(kinds(between("a*b"))).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "Ident",
      "Star",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Newline",
      "Dedent",
      "EOF",
    ]);
  });

  it("holding a block comment left open is empty, whatever comes before it", () => {
    const { tokens, problems } = lexed("ab\n  /* open");
    expect(tokens).toEqual(["Ident@0-2", "Newline@2-3", "EOF@12-12"]);
    expect(problems).toEqual(["5-7 this block comment is never closed with */"]);
  });

  it("adds nothing at all to empty code", () => {
    expect(lexed("").tokens).toEqual(["EOF@0-0"]);
    expect(lexed("\n\n# only a comment\n").tokens).toEqual(["EOF@19-19"]);
  });
});

describe("a statement", () => {
  it("does not end before its first token: a ';' first ends nothing", () => {
    expect(lexed(";a").tokens).toEqual(["Ident@1-2", "Newline@2-2", "EOF@2-2"]);
  });

  it("continued after a comma on a deeper line stays in its block, and the next line is measured again", () => {
    expect(kinds("if a\n  b 1,\n    2\n  c\n")).toEqual([
      "Ident",
      "Ident",
      "Newline",
      "Indent",
      "Ident",
      "Number",
      "Comma",
      "Number",
      "Newline",
      "Ident",
      "Newline",
      "Dedent",
      "EOF",
    ]);
  });

  it("continued after a comma has space before its next token", () => {
    const { out } = lexed("f 1,\n    (2)");
    // f 1 , ( 2 ) Newline EOF: the '(' starts the continuation line.
    expect(out.kind[3]).toBe(T.LParen);
    expect((out.flags[3] as number) & SPACE_BEFORE).toBe(SPACE_BEFORE);
  });

  it("after a comma's line break that ends it starts afresh: a ';' first ends nothing", () => {
    expect(lexed("a 1,\n;b").tokens).toEqual([
      "Ident@0-1",
      "Number@2-3",
      "Comma@3-4",
      "Newline@4-5",
      "Ident@6-7",
      "Newline@7-7",
      "EOF@7-7",
    ]);
  });

  it("in expression mode has space before its first token", () => {
    const { out } = lexed("a", false);
    expect((out.flags[0] as number) & SPACE_BEFORE).toBe(SPACE_BEFORE);
  });
});

describe("the outer level", () => {
  it("is the first line's indentation: a line less indented is reported, and closes no block", () => {
    const { tokens, problems } = lexed("  a\nb\n");
    expect(problems).toEqual(["4-5 this line's indentation matches no enclosing block"]);
    expect(tokens).toEqual(["Ident@2-3", "Newline@3-4", "Ident@4-5", "Newline@5-6", "EOF@6-6"]);
  });

  it("takes a reported line's indentation for the block's, so the block closes once", () => {
    // "  c" matches no block; the block it closed into now has its indentation, and "d" at
    // the outer level is reported again, with no second Dedent.
    const { tokens, problems } = lexed("a\n    b\n  c\nd\n");
    expect(tokens.filter((t) => t.startsWith("Dedent"))).toEqual(["Dedent@10-10"]);
    expect(problems).toEqual([
      "10-11 this line's indentation matches no enclosing block",
      "12-13 this line's indentation matches no enclosing block",
    ]);
  });
});

describe("tokens between statements", () => {
  it("carry no name id: line breaks, indents and dedents have id -1", () => {
    const { out } = lexed("if a\n  b\nc\n  d");
    const ids: number[] = [];
    for (let i = 0; i < out.length; i++) if (out.kind[i] !== T.Ident) ids.push(out.id[i] as number);
    // Newline Indent Newline Dedent Newline Indent Newline Dedent EOF: a Dedent inside the
    // code and one at its end.
    expect(ids).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(lexed("a 1,\nb").out.id[3]).toBe(-1); // the comma's line break
    expect(lexed("a;b").out.id[1]).toBe(-1); // a ';'
  });

  it("and no other token but a name carries one either", () => {
    const { out } = lexed("f 1 'a' `b` @ x = /c/ (2)\n", true);
    const ids: [string, number][] = [];
    for (let i = 0; i < out.length; i++)
      if (out.kind[i] !== T.Ident) ids.push([tokenName(out.kind[i] as number), out.id[i] as number]);
    expect(ids).toEqual([
      ["Number", -1],
      ["String", -1],
      ["Template", -1],
      ["Error", -1],
      ["Eq", -1],
      ["Regex", -1],
      ["LParen", -1],
      ["Number", -1],
      ["RParen", -1],
      ["Newline", -1],
      ["EOF", -1],
    ]);
    // exec's command line.
    expect(lexed("exec ls -l").out.id[1]).toBe(-1);
    // An unclosed regex literal is an Error token.
    expect(lexed("x = /c(\n").out.id[2]).toBe(-1);
  });
});

describe("a line break", () => {
  it("is one character, \n after \n, and its Newline is there", () => {
    expect(lexed("a\n\nb").tokens).toEqual([
      "Ident@0-1",
      "Newline@1-2",
      "Ident@3-4",
      "Newline@4-4",
      "EOF@4-4",
    ]);
  });

  it("inside brackets or in expression mode is a space before the next token", () => {
    for (const [source, block] of [
      ["f(a,\nb)", true],
      ["a\nb", false],
    ] as const) {
      const { out } = lexed(source, block);
      const b = out.kind.subarray(0, out.length).lastIndexOf(T.Ident);
      expect((out.flags[b] as number) & SPACE_BEFORE, source).toBe(SPACE_BEFORE);
    }
  });
});

describe("a block comment", () => {
  it("starts only at '/*': a name or a number before '*' is code", () => {
    expect(kinds("a*b", false)).toEqual(["Ident", "Star", "Ident", "EOF"]);
    expect(kinds("2*3", false)).toEqual(["Number", "Star", "Number", "EOF"]);
  });

  it("is closed by the first '*/' after its '/*', not by one that shares the '*'", () => {
    expect(lexed("a /*/ b */ c", false).tokens).toEqual(["Ident@0-1", "Ident@11-12", "EOF@12-12"]);
  });
});

describe("the read clock", () => {
  /** Steps counted for lexing `source` in block mode. */
  function steps(source: string): number {
    const clock = new ReadClock();
    lex(source, 0, source.length, new TokenBuffer(4), new PlainNames(), true, [], {
      clock,
      scanner: new TextScanner(source, clock),
    });
    return clock.steps;
  }

  it("counts every character once, and a step more per token or line", () => {
    for (const source of ["a", "set x 1", "if a\n  b\n", `${"x ".repeat(500)}\n`]) {
      const n = steps(source);
      expect(n, source).toBeGreaterThanOrEqual(source.length);
      expect(n, source).toBeLessThanOrEqual(2 * source.length + 1);
    }
  });
});

// Only `\n` and spaces were tested after such a comment, and the mutation run of the reading
// part (2026-12-05) showed that a `\r` or a tab after it could be taken for code, closing
// the block the line stands in.
describe("a line of a closed block comment and blanks, at the outer level inside a block", () => {
  for (const [name, eol] of [
    ["\\n", "\n"],
    ["\\r\\n", "\r\n"],
    ["a lone \\r", "\r"],
  ]) {
    for (const [what, blanks] of [
      ["nothing", ""],
      ["spaces", "  "],
      ["a tab", "\t"],
      ["a space and a tab", " \t"],
    ]) {
      it(`does not close the block: lines ending in ${name}, ${what} after the comment`, () => {
        const source = ["if a", "  b", `/* note */${blanks}`, "  d", ""].join(eol);
        expect(kinds(source)).toEqual(BLOCK);
      });
    }
  }
});
