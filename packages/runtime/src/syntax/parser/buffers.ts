/**
 * Token buffers, reused across pieces and documents, and lexing into them.
 * @module
 */
import { lex, lexAppend } from "../lexer.js";
import { TokenBuffer } from "../tokens.js";
import { type ParseUnit, problemSink } from "../unit.js";

/** Token buffers are reused across pieces and documents. */
const spareBuffers: TokenBuffer[] = [];
/**
 * A buffer for about `chars` characters of code. A document's pieces are all lexed before
 * any is parsed, so each holds a buffer at once: sized to its piece, a hundred thousand
 * one-line comments hold a few megabytes of tokens, not a gigabyte of 512-token buffers.
 */
export function takeTokenBuffer(chars = 1024): TokenBuffer {
  const spare = spareBuffers.pop();
  if (spare === undefined) return new TokenBuffer(Math.min(512, Math.max(8, chars >> 1)));
  spare.reset();
  return spare;
}
/** Buffers larger than this many tokens are not kept for reuse (a hostile document's would stay). */
const LARGEST_SPARE = 1 << 16;

export function giveTokenBuffer(buffer: TokenBuffer): void {
  if (spareBuffers.length < 16 && buffer.capacity <= LARGEST_SPARE) spareBuffers.push(buffer);
}

/** Lexes a range, recording lexer problems as syntax problems of the unit. */
export function lexInto(unit: ParseUnit, start: number, end: number, block: boolean): TokenBuffer {
  const tokens = takeTokenBuffer(end - start);
  lex(unit.source, start, end, tokens, unit.names, block, problemSink(unit), unit);
  return tokens;
}

/** Lexes a range after the tokens already in `tokens` (statement mode); returns the index of its first token. */
export function lexAppendInto(unit: ParseUnit, tokens: TokenBuffer, start: number, end: number): number {
  const first = tokens.length;
  lexAppend(unit.source, start, end, tokens, unit.names, true, problemSink(unit), unit);
  return first;
}
