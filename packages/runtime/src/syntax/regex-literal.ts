/**
 * When a `/` starts a regex literal (`/^\d+$/i`) and when it divides. The lexer decides,
 * because what follows the `/` must be read differently (a `"` or `#` in a pattern is
 * not a string or a comment), by the rule of JavaScript's lexers: a `/` where an operand
 * is expected starts a regex — at the start of a line, after an operator, `(`, `[`, `{`,
 * `,`, `:`, `=>` or a keyword such as `return` or `and`. After an operand (a number, a
 * string, `)`, `]`, `}`, a name) it divides: `a / b`, `x/2`, `n / 2 / 3`.
 *
 * One more case, because XMD calls take arguments without parentheses: after a name, a
 * `/` with a space before it and none after it, that is closed by another `/` on the same
 * line, starts a regex argument — `set digits /\d+/`, `text.split /,\s+/`, `print /a/`.
 * (Ruby reads `f /a/` the same way.) `total /count` (never closed) and `a / b` still divide.
 * @module
 */
import type { ReadClock } from "./clock.js";
import { K, KEYWORD_COUNT } from "./keywords.js";
import { T, type TokenBuffer } from "./tokens.js";

/** What {@link RegexLiterals.endAt} returns for a `/` that divides. */
export const DIVIDES = -1;
/** What {@link RegexLiterals.endAt} returns for a regex that is not closed on its line. */
export const UNCLOSED = -2;

const NO_POSITIONS: readonly number[] = [];

/**
 * Finds regex literals in one piece of code. It remembers what it saw of the last line it
 * searched to its end without finding a closing `/`, so that a line of many slashes that
 * divide (`a /[ b /[ c …`) is searched once, not once per slash: every character looked at
 * is a step on the reading clock, and reading stays linear in the text.
 */
export class RegexLiterals {
  /** The line end of the last search that reached it; -1 when none did. */
  private openLineEnd = -1;
  /** Where that search started, and the unescaped `/`, `[` and `]` it passed, in order. */
  private openFrom = -1;
  private slashes: readonly number[] = NO_POSITIONS;
  private brackets: readonly number[] = NO_POSITIONS;
  private nextSlash = 0;
  private nextBracket = 0;

  constructor(
    private readonly source: string,
    private readonly end: number,
    private readonly clock: ReadClock,
  ) {}

  /**
   * Whether the `/` at `pos` starts a regex literal and, if it does, where the literal
   * (flags included) ends: an offset, {@link DIVIDES} or {@link UNCLOSED}. `first` is the
   * first token of the piece in `out` (tokens before it belong to other pieces).
   */
  endAt(pos: number, out: TokenBuffer, first: number): number {
    const last = out.length - 1;
    if (last < first) return this.closeOf(pos);
    switch (out.kind[last]) {
      case T.Number:
      case T.String:
      case T.Template:
      case T.RParen:
      case T.RBracket:
      case T.RBrace:
      case T.Raw:
      case T.Regex:
        return DIVIDES;
      case T.Ident: {
        const id = out.id[last] as number;
        const keyword = id >= 0 && id < KEYWORD_COUNT;
        if (keyword && id !== K.true && id !== K.false && id !== K.null) return this.closeOf(pos);
        if (keyword) return DIVIDES;
        // A name: an argument only when written like one (`f /a/`), and closed on the line.
        const next = this.source.charCodeAt(pos + 1);
        if (out.end[last] === pos || next === 32 || next === 9 || pos + 1 >= this.end) return DIVIDES;
        const close = this.closeOf(pos);
        return close === UNCLOSED ? DIVIDES : close;
      }
      default:
        return this.closeOf(pos);
    }
  }

  /**
   * The end of the regex literal whose `/` is at `pos`: past its closing `/` and its flags
   * (every letter or digit that follows; the parser says which are not flags), or
   * {@link UNCLOSED} when the line ends first. A `/` inside `[…]` does not close it, and
   * neither does an escaped one.
   */
  private closeOf(pos: number): number {
    if (pos > this.openFrom && pos < this.openLineEnd) return this.closeWithin(pos);
    const { source, end } = this;
    const slashes: number[] = [];
    const brackets: number[] = [];
    let inClass = false;
    let p = pos + 1;
    let close = -1;
    while (p < end) {
      const c = source.charCodeAt(p);
      if (c === 10 || c === 13) break;
      if (c === 92 /* \ */) {
        p += 2;
        continue;
      }
      if (c === 91 /* [ */ || c === 93 /* ] */) {
        inClass = c === 91;
        brackets.push(p);
      } else if (c === 47 /* / */) {
        if (!inClass) {
          close = p;
          break;
        }
        slashes.push(p);
      }
      p++;
    }
    this.clock.add(Math.min(p, end) - pos, pos);
    if (close !== -1) return this.withFlags(close);
    this.openFrom = pos;
    this.openLineEnd = Math.min(p, end);
    this.slashes = slashes;
    this.brackets = brackets;
    this.nextSlash = 0;
    this.nextBracket = 0;
    return UNCLOSED;
  }

  /**
   * {@link closeOf} for a `/` after the start of the last search that found no close, on
   * its line. That search saw every unescaped `/` after `pos` inside a class; a search from
   * `pos` starts outside one, and agrees with it from the first `[` or `]` on. So the
   * literal closes at the first `/` before that bracket, or not on this line.
   */
  private closeWithin(pos: number): number {
    const { slashes, brackets } = this;
    while (this.nextSlash < slashes.length && (slashes[this.nextSlash] as number) <= pos) this.nextSlash++;
    while (this.nextBracket < brackets.length && (brackets[this.nextBracket] as number) <= pos)
      this.nextBracket++;
    this.clock.tick(pos);
    const slash = slashes[this.nextSlash];
    const bracket = brackets[this.nextBracket] ?? Number.POSITIVE_INFINITY;
    return slash !== undefined && slash < bracket ? this.withFlags(slash) : UNCLOSED;
  }

  /** Past the closing `/` at `close` and the flags after it. */
  private withFlags(close: number): number {
    let p = close + 1;
    while (p < this.end && isFlagChar(this.source.charCodeAt(p))) p++;
    this.clock.add(p - close, close);
    return p;
  }
}

function isFlagChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** The end of the line the `/` at `pos` is on: where an unclosed regex is taken to end. */
export function lineEnd(source: string, pos: number, end: number): number {
  let p = pos;
  while (p < end && source.charCodeAt(p) !== 10 && source.charCodeAt(p) !== 13) p++;
  return p;
}
