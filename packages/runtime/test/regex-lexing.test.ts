/**
 * When a `/` starts a regex literal and when it divides: the rule of JavaScript's lexers
 * (a `/` where an operand is expected starts a regex), and the one XMD adds for calls
 * without parentheses (`f /a/`).
 */
import { describe, expect, it } from "vitest";
import { type LexProblem, lex } from "../src/syntax/lexer.js";
import { PlainNames } from "../src/syntax/names.js";
import { T, TokenBuffer } from "../src/syntax/tokens.js";

const NAMES = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));

/** The tokens of one line of code, as `Kind` or `Kind:text` for regexes and slashes. */
function lexed(source: string, block = true): { tokens: string[]; problems: LexProblem[] } {
  const out = new TokenBuffer(4);
  const problems: LexProblem[] = [];
  lex(source, 0, source.length, out, new PlainNames(), block, problems);
  const tokens: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const kind = out.kind[i] as number;
    if (kind === T.Newline || kind === T.EOF) continue;
    const text = source.slice(out.start[i], out.end[i]);
    tokens.push(kind === T.Regex ? `Regex:${text}` : kind === T.Slash ? "/" : (NAMES[kind] as string));
  }
  return { tokens, problems };
}

const tokensOf = (source: string, block = true) => lexed(source, block).tokens;

describe("a slash", () => {
  it("divides after a number, a string, a closing bracket and a name", () => {
    expect(tokensOf("a / b")).toEqual(["Ident", "/", "Ident"]);
    expect(tokensOf("x/2")).toEqual(["Ident", "/", "Number"]);
    expect(tokensOf("n / 2 / 3")).toEqual(["Ident", "/", "Number", "/", "Number"]);
    expect(tokensOf("10/2/5")).toEqual(["Number", "/", "Number", "/", "Number"]);
    expect(tokensOf('"ab" / 2')).toEqual(["String", "/", "Number"]);
    expect(tokensOf("f(x) /2/ 3")).toEqual([
      "Ident",
      "LParen",
      "Ident",
      "RParen",
      "/",
      "Number",
      "/",
      "Number",
    ]);
    expect(tokensOf("xs[0]/2")).toEqual(["Ident", "LBracket", "Number", "RBracket", "/", "Number"]);
    expect(tokensOf("{a: 1} / 2")).toEqual(["LBrace", "Ident", "Colon", "Number", "RBrace", "/", "Number"]);
    expect(tokensOf("`t` / 2")).toEqual(["Template", "/", "Number"]);
  });

  it("divides after a name when it is not written like an argument", () => {
    // No space before: a division.
    expect(tokensOf("a/b/c")).toEqual(["Ident", "/", "Ident", "/", "Ident"]);
    // A space after: a division.
    expect(tokensOf("total / count / 2")).toEqual(["Ident", "/", "Ident", "/", "Number"]);
    // Written like an argument but never closed on the line: a division.
    expect(tokensOf("total /count")).toEqual(["Ident", "/", "Ident"]);
    expect(tokensOf("n /2\nprint 1 / 2")).toEqual(["Ident", "/", "Number", "Ident", "Number", "/", "Number"]);
    // true, false and null are values.
    expect(tokensOf("true /x/")).toEqual(["Ident", "/", "Ident", "/"]);
  });

  it("starts a regex where a value is expected", () => {
    expect(tokensOf("/a+/")).toEqual(["Regex:/a+/"]);
    expect(tokensOf("set r /^\\d+$/")).toEqual(["Ident", "Ident", "Regex:/^\\d+$/"]);
    expect(tokensOf("print (/a/)")).toEqual(["Ident", "LParen", "Regex:/a/", "RParen"]);
    expect(tokensOf("[/a/, /b/]")).toEqual(["LBracket", "Regex:/a/", "Comma", "Regex:/b/", "RBracket"]);
    expect(tokensOf("{k: /a/}")).toEqual(["LBrace", "Ident", "Colon", "Regex:/a/", "RBrace"]);
    expect(tokensOf("x = /a/")).toEqual(["Ident", "Eq", "Regex:/a/"]);
    expect(tokensOf("c ? /a/ : /b/")).toEqual(["Ident", "Question", "Regex:/a/", "Colon", "Regex:/b/"]);
    expect(tokensOf("x => /a/")).toEqual(["Ident", "Arrow", "Regex:/a/"]);
    expect(tokensOf("1 + /a/")).toEqual(["Number", "Plus", "Regex:/a/"]);
    expect(tokensOf("not /a/")).toEqual(["Ident", "Regex:/a/"]);
    expect(tokensOf("return /a/")).toEqual(["Ident", "Regex:/a/"]);
    expect(tokensOf("a and /b/")).toEqual(["Ident", "Ident", "Regex:/b/"]);
  });

  it("starts a regex argument after a name: a space before it, none after, closed on the line", () => {
    expect(tokensOf("print /a/")).toEqual(["Ident", "Regex:/a/"]);
    expect(tokensOf('text.replace /a/g "b"')).toEqual(["Ident", "Dot", "Ident", "Regex:/a/g", "String"]);
    expect(tokensOf("set email_pattern /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/")).toEqual([
      "Ident",
      "Ident",
      "Regex:/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/",
    ]);
  });

  it("finds a regex after a slash on the same line that divided", () => {
    // The first slash's search ends the line inside a class; the second starts outside one.
    expect(tokensOf("a /[ b /c/ d")).toEqual(["Ident", "/", "LBracket", "Ident", "Regex:/c/", "Ident"]);
    // After `[` a value is expected: that slash starts a regex, never closed.
    expect(tokensOf("a /[ b /c [/ d")).toEqual([
      "Ident",
      "/",
      "LBracket",
      "Ident",
      "/",
      "Ident",
      "LBracket",
      "Error",
    ]);
    // A regex is a value: a slash after it divides.
    expect(tokensOf("a /b/ / 2")).toEqual(["Ident", "Regex:/b/", "/", "Number"]);
  });

  it("starts a regex in an expression piece of its own (an interpolation)", () => {
    expect(tokensOf("/a/.test(x)", false)).toEqual([
      "Regex:/a/",
      "Dot",
      "Ident",
      "LParen",
      "Ident",
      "RParen",
    ]);
    expect(tokensOf("a / b", false)).toEqual(["Ident", "/", "Ident"]);
  });

  it("starts a regex at the start of a line, after a line break or an indented block's start", () => {
    expect(tokensOf("x\n/a/.test(x)")).toEqual([
      "Ident",
      "Regex:/a/",
      "Dot",
      "Ident",
      "LParen",
      "Ident",
      "RParen",
    ]);
    expect(tokensOf("if x\n    /a/")).toEqual(["Ident", "Ident", "Indent", "Regex:/a/", "Dedent"]);
  });
});

describe("a regex literal", () => {
  it("takes its flags, and every letter or digit after it (the parser says which are not flags)", () => {
    expect(tokensOf("set r /a/gimsu")).toEqual(["Ident", "Ident", "Regex:/a/gimsu"]);
    expect(tokensOf("set r /a/xyz1 + 1")).toEqual(["Ident", "Ident", "Regex:/a/xyz1", "Plus", "Number"]);
    expect(tokensOf("/a/.source")).toEqual(["Regex:/a/", "Dot", "Ident"]);
  });

  it("is not closed by an escaped slash or a slash in a class", () => {
    expect(tokensOf("set r /a\\/b/")).toEqual(["Ident", "Ident", "Regex:/a\\/b/"]);
    expect(tokensOf("set r /[/]+/")).toEqual(["Ident", "Ident", "Regex:/[/]+/"]);
    expect(tokensOf("set r /[\\]/]/")).toEqual(["Ident", "Ident", "Regex:/[\\]/]/"]);
  });

  it("holds quotes, # and // as plain characters", () => {
    expect(tokensOf("set r /\"#'/ + 1")).toEqual(["Ident", "Ident", "Regex:/\"#'/", "Plus", "Number"]);
    expect(tokensOf("set r /a\\/\\/b/")).toEqual(["Ident", "Ident", "Regex:/a\\/\\/b/"]);
  });

  it("leaves // and /* to be comments, as in JavaScript", () => {
    expect(tokensOf("set r // a comment")).toEqual(["Ident", "Ident"]);
    expect(tokensOf("set r /* a */ 1")).toEqual(["Ident", "Ident", "Number"]);
    expect(tokensOf("a / b // c / d")).toEqual(["Ident", "/", "Ident"]);
  });

  it("ends at its line: one left open where a value is expected is a problem, and the next line lexes as usual", () => {
    const { tokens, problems } = lexed("x = /abc\nprint 1");
    expect(tokens).toEqual(["Ident", "Eq", "Error", "Ident", "Number"]);
    expect(problems).toEqual([{ start: 4, end: 5, message: "this regex is never closed with /" }]);
    expect(lexed("x = /[a/]\n").problems).toHaveLength(1);
    // After a name, a slash never closed divides (the parser then says what it expected).
    expect(lexed("set r /abc\n").problems).toEqual([]);
  });
});
