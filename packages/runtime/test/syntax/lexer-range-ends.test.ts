/**
 * The lexer at the end of the code it is given: a block comment, a line, a name or a
 * command that reaches it. A piece of a document is lexed as a range of the whole page, so
 * "the end" is often not the end of the text: nothing past it may be read as code.
 */
import { describe, expect, it } from "vitest";
import { type LexProblem, lex } from "../../src/syntax/lexer.js";
import { PlainNames } from "../../src/syntax/names.js";
import { T, TokenBuffer } from "../../src/syntax/tokens.js";

const NAMES = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));

/** Each token as `Kind@start-end`, and each problem as `start-end message`. */
function lexed(source: string, end = source.length, block = true): { tokens: string[]; problems: string[] } {
  const out = new TokenBuffer(4);
  const problems: LexProblem[] = [];
  lex(source, 0, end, out, new PlainNames(), block, problems);
  const tokens: string[] = [];
  for (let i = 0; i < out.length; i++)
    tokens.push(`${NAMES[out.kind[i] as number]}@${out.start[i]}-${out.end[i]}`);
  return { tokens, problems: problems.map((p) => `${p.start}-${p.end} ${p.message}`) };
}

describe("a line that ends the code", () => {
  it("holding a closed block comment and blanks is empty: its indentation is not measured", () => {
    expect(lexed("a\n  /* z */  ").tokens).toEqual(["Ident@0-1", "Newline@1-2", "EOF@13-13"]);
    expect(lexed("a\n  /* z */").tokens).toEqual(["Ident@0-1", "Newline@1-2", "EOF@11-11"]);
  });
});
