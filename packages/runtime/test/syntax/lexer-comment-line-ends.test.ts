/**
 * A line holding only a closed block comment and blanks is empty (its indentation is not
 * measured), whatever ends the line and whatever the blanks are: `\r\n` and a lone `\r` as
 * well as `\n`, tabs as well as spaces. Only `\n` and spaces were tested, and the mutation
 * run of the reading part (2026-12-05) showed that a `\r` or a tab after the comment could
 * be taken for code, closing the block the line stands in.
 */
import { describe, expect, it } from "vitest";
import { lex } from "../../src/syntax/lexer.js";
import { PlainNames } from "../../src/syntax/names.js";
import { T, TokenBuffer } from "../../src/syntax/tokens.js";

const NAMES = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));

function kinds(source: string): string[] {
  const out = new TokenBuffer(4);
  lex(source, 0, source.length, out, new PlainNames(), true, []);
  return Array.from(out.kind.subarray(0, out.length), (k) => NAMES[k] as string);
}

/** The tokens of a block holding `b` and `d`, whatever ends its lines. */
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
