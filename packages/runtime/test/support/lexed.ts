/**
 * The lexer's output as text, so lexer tests read like the tokens they expect: each token
 * as `Kind@start-end`, each problem as `start-end message`.
 */
import { type LexProblem, lex } from "../../src/syntax/lexer.js";
import { PlainNames } from "../../src/syntax/names.js";
import { T, TokenBuffer } from "../../src/syntax/tokens.js";

const TOKEN_NAMES = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));

/** A token kind's name in `T` (`Ident`, `Newline`, …). */
export function tokenName(kind: number): string {
  return TOKEN_NAMES[kind] as string;
}

export interface Lexed {
  /** Each token as `Kind@start-end`. */
  tokens: string[];
  /** Each problem as `start-end message`. */
  problems: string[];
  /** The problems as the lexer reported them. */
  reported: LexProblem[];
  /** The token buffer itself, for flags and ids. */
  out: TokenBuffer;
}

/** Lexes `source[start, end)`, in block mode (`block`) or as one expression. */
export function lexed(source: string, block = true, start = 0, end = source.length): Lexed {
  const out = new TokenBuffer(4);
  const reported: LexProblem[] = [];
  lex(source, start, end, out, new PlainNames(), block, reported);
  const tokens: string[] = [];
  for (let i = 0; i < out.length; i++)
    tokens.push(`${tokenName(out.kind[i] as number)}@${out.start[i]}-${out.end[i]}`);
  return { tokens, problems: reported.map((p) => `${p.start}-${p.end} ${p.message}`), reported, out };
}

/** The tokens' kinds only. */
export function kinds(source: string, block = true): string[] {
  const { out } = lexed(source, block);
  return Array.from(out.kind.subarray(0, out.length), tokenName);
}
