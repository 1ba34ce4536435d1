/**
 * Where CommonMark's block structure ends the paragraph (or heading) that an inline code
 * span starts in: a span cannot reach past it. `` ``a `` on one line and `` `` `` three
 * lines down, with a fence or a blank line between, are two lone pairs of backticks, not
 * one span, and the `{{ }}` between them is text to interpolate.
 *
 * The boundaries tracked are the leaf blocks' own: a blank line, a fence, an ATX heading
 * (`# …`, one line), a setext underline (`===`, `---`) and a thematic break (`***`). Block
 * quotes and lists are containers whose lines carry markers (`>`, `-`, `1.`) that a
 * paragraph inside them continues across; they are not tracked, so a span may reach from
 * one of their lines to the next, as it does in a paragraph.
 * @module
 */
import type { ReadClock } from "../syntax/clock.js";
import { lineEnd, openFence } from "./fences.js";
import type { ForwardSearch } from "./search.js";

/** The first offset of `line` after at most three spaces of indentation. */
function indented(source: string, line: number, end: number): number {
  let q = line;
  while (q < end && q - line < 3 && source.charCodeAt(q) === 32) q++;
  return q;
}

/** Whether only spaces and tabs stand from `p` to the end of its line. */
function restIsBlank(source: string, p: number, end: number): boolean {
  for (let q = p; q < end; q++) {
    const c = source.charCodeAt(q);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** An ATX heading line: up to three spaces, one to six `#`, then a space, a tab or the line's end. */
export function isAtxHeading(source: string, line: number, end: number): boolean {
  const q = indented(source, line, end);
  let r = q;
  while (r < end && r - q < 7 && source.charCodeAt(r) === 35) r++;
  if (r === q || r - q > 6) return false;
  const c = r < end ? source.charCodeAt(r) : 10;
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * A line that ends the paragraph above it without being part of it: a setext underline
 * (`=` or `-` only) or a thematic break (three or more of one of `-`, `*`, `_`, spaces and
 * tabs between them allowed).
 */
function isUnderlineOrBreak(source: string, line: number, end: number): boolean {
  const q = indented(source, line, end);
  const c = source.charCodeAt(q);
  if (c === 61 /* = */ || c === 45 /* - */) {
    let r = q;
    while (r < end && source.charCodeAt(r) === c) r++;
    if (restIsBlank(source, r, end)) return true;
  }
  if (c !== 45 && c !== 42 /* * */ && c !== 95 /* _ */) return false;
  let count = 0;
  for (let r = q; r < end; r++) {
    const d = source.charCodeAt(r);
    if (d === 10 || d === 13) break;
    if (d === c) count++;
    else if (d !== 32 && d !== 9) return false;
  }
  return count >= 3;
}

/**
 * The ends of the blocks that code spans are read in, found going forward from one block
 * to the next: each line is looked at once, however many spans a scan asks about (an
 * answer stays good for every offset of its block).
 */
export class BlockEnds {
  /** The last block found: [from, to). */
  private from = -1;
  private to = -1;

  constructor(
    private readonly source: string,
    private readonly newlines: ForwardSearch,
    private readonly clock: ReadClock,
  ) {}

  /**
   * Where the block holding `p` ends (the start of the line that ends it, or `end`);
   * `line` is the start of `p`'s line.
   */
  endOf(line: number, p: number, end: number): number {
    if (p >= this.from && p < this.to) return this.to;
    const { source, newlines } = this;
    let at = lineEnd(newlines, p, end);
    if (!isAtxHeading(source, line, end)) {
      while (
        at < end &&
        !restIsBlank(source, at, end) &&
        !isAtxHeading(source, at, end) &&
        !isUnderlineOrBreak(source, at, end) &&
        openFence(source, newlines, at, end) === null
      ) {
        this.clock.tick(at);
        at = lineEnd(newlines, at, end);
      }
    }
    this.from = line;
    this.to = at;
    return at;
  }
}
