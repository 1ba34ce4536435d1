/**
 * The lexer: source range → token buffer. Indentation becomes Indent/Dedent tokens
 * (Python style) in block mode; inside (), [] and {} line breaks are spaces.
 * Identifiers are looked up straight from the source slice, so a known name costs no
 * substring. Errors are collected, not thrown, so the parser can report several.
 * @module
 */

import { ReadClock } from "./clock.js";
import { TextScanner } from "./interpolation.js";
import { C } from "./keywords.js";
import type { NameTable } from "./names.js";
import { DIVIDES, lineEnd, RegexLiterals, UNCLOSED } from "./regex-literal.js";
import { SPACE_BEFORE, T, type TokenBuffer } from "./tokens.js";

/** A problem found while lexing; offsets into the source. */
export interface LexProblem {
  start: number;
  end: number;
  message: string;
}

/** Where the lexer reports problems: an array, or anything else that takes them. */
export interface LexProblemSink {
  push(problem: LexProblem): unknown;
}

/** What lexing shares with the rest of reading a document. */
export interface LexContext {
  /** Ticked per character; stops lexing at the time limit. */
  clock: ReadClock;
  /** Finds where template strings end (its answers are shared with the splitter and parser). */
  scanner: TextScanner;
}

const TAB_WIDTH = 4;

function isIdentStart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c >= 0x80 && !isUnicodeSpace(c))
  );
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000
  );
}

/**
 * Tokenizes `source[start, end)` into `out` (which is reset first).
 * @param block - statement mode with Newline/Indent/Dedent; `false` for a lone expression.
 */
export function lex(
  source: string,
  start: number,
  end: number,
  out: TokenBuffer,
  names: NameTable,
  block: boolean,
  problems: LexProblemSink,
  context: LexContext = { clock: new ReadClock(), scanner: new TextScanner(source) },
): void {
  out.reset();
  lexAppend(source, start, end, out, names, block, problems, context);
}

/**
 * Like {@link lex}, but adds the tokens (ending with their own EOF) after those already in
 * `out`: a document's pieces share one buffer, so that a hundred thousand small pieces do
 * not each hold a buffer of their own.
 */
export function lexAppend(
  source: string,
  start: number,
  end: number,
  out: TokenBuffer,
  names: NameTable,
  block: boolean,
  problems: LexProblemSink,
  context: LexContext,
): void {
  const { clock, scanner } = context;
  /** This piece's first token (the buffer may hold other pieces' before it). */
  const firstToken = out.length;
  const regexes = new RegexLiterals(source, end, clock);
  /** Characters up to here are counted on the clock. */
  let counted = start;
  const indents: number[] = [];
  let depth = 0; // bracket nesting: line breaks inside brackets are spaces
  // The open brackets' token indices, innermost last (made at the first bracket): one left
  // open when the code ends is named in the EOF token's id, for the parser's error.
  let opens: number[] | null = null;
  let pos = start;
  let atLineStart = block;
  let lineHasTokens = false;
  let space = true;
  // A line that ends with a comma continues on the next line when that line is indented
  // deeper than the block it is in (`set made "in Vietnam",` / `    by "Ky"`): its line
  // break waits here (start offset) until the next line's indentation decides.
  let pendingBreak = -1;

  while (pos < end) {
    clock.add(pos - counted + 1, pos);
    counted = pos;
    if (atLineStart) {
      // Measure this line's indentation; skip lines with nothing but space and comments.
      let width = 0;
      let p = pos;
      while (p < end) {
        const c = source.charCodeAt(p);
        if (c === 32) width++;
        else if (c === 9) width += TAB_WIDTH - (width % TAB_WIDTH);
        else break;
        p++;
      }
      const c = p < end ? source.charCodeAt(p) : -1;
      if (c === -1) {
        pos = p;
        break;
      }
      const next = p + 1 < end ? source.charCodeAt(p + 1) : -1;
      const lineIsEmpty =
        c === 10 ||
        c === 13 ||
        c === 35 /* # */ ||
        (c === 47 && next === 47) ||
        (c === 47 && next === 42 && blockCommentEndsLine(source, p, end));
      if (lineIsEmpty) {
        pos = skipToLineEnd(source, p, end, problems);
        continue;
      }
      if (indents.length === 0) indents.push(width);
      const current = indents[indents.length - 1] as number;
      if (pendingBreak >= 0) {
        const at = pendingBreak;
        pendingBreak = -1;
        if (width > current) {
          // A continuation line: no line break, no block.
          pos = p;
          atLineStart = false;
          space = true;
          continue;
        }
        out.push(T.Newline, at, at + 1, -1, 0, 0);
        lineHasTokens = false;
      }
      if (width > current) {
        indents.push(width);
        out.push(T.Indent, p, p, -1, 0, 0);
      } else if (width < current) {
        while (indents.length > 1 && width < (indents[indents.length - 1] as number)) {
          indents.pop();
          out.push(T.Dedent, p, p, -1, 0, 0);
        }
        if (width !== indents[indents.length - 1]) {
          problems.push({
            start: p,
            end: p + 1,
            message: "this line's indentation matches no enclosing block",
          });
          indents[indents.length - 1] = width;
        }
      }
      pos = p;
      atLineStart = false;
      space = true;
    }

    const c = source.charCodeAt(pos);
    // Line breaks.
    if (c === 10 || c === 13) {
      pos += c === 13 && source.charCodeAt(pos + 1) === 10 ? 2 : 1;
      if (block && depth === 0) {
        if (lineHasTokens && out.kind[out.length - 1] === T.Comma) pendingBreak = pos - 1;
        else {
          if (lineHasTokens) out.push(T.Newline, pos - 1, pos, -1, 0, 0);
          lineHasTokens = false;
        }
        atLineStart = true;
      }
      space = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || isUnicodeSpace(c)) {
      pos++;
      space = true;
      continue;
    }
    // Comments.
    if (c === 35 || (c === 47 && source.charCodeAt(pos + 1) === 47)) {
      while (pos < end) {
        const d = source.charCodeAt(pos);
        if (d === 10 || d === 13) break;
        pos++;
      }
      space = true;
      continue;
    }
    if (c === 47 && source.charCodeAt(pos + 1) === 42) {
      const close = blockCommentEnd(source, pos + 2, end);
      if (close === -1) {
        problems.push({ start: pos, end: pos + 2, message: "this block comment is never closed with */" });
        pos = end;
      } else pos = close + 2;
      space = true;
      continue;
    }

    // `;` ends a statement as a line break does (`set a 1; print a`), outside brackets.
    if (c === 59 && block && depth === 0) {
      if (lineHasTokens) out.push(T.Newline, pos, pos + 1, -1, 0, 0);
      lineHasTokens = false;
      pos++;
      space = true;
      continue;
    }

    const flags = space ? SPACE_BEFORE : 0;
    space = false;
    lineHasTokens = true;
    const tokStart = pos;

    if (isIdentStart(c)) {
      pos++;
      while (pos < end && isIdentPart(source.charCodeAt(pos))) pos++;
      const id = names.idOfSlice(source, tokStart, pos);
      out.push(T.Ident, tokStart, pos, id, 0, flags);
      if (id === C.exec) pos = rawCommand(source, pos, end, out);
      continue;
    }
    if (isDigit(c)) {
      pos = scanNumber(source, pos, end);
      out.push(T.Number, tokStart, pos, -1, Number(source.slice(tokStart, pos).replaceAll("_", "")), flags);
      continue;
    }
    if (c === 34 || c === 39) {
      pos = scanString(source, pos, end, c, problems);
      out.push(T.String, tokStart, pos, -1, 0, flags);
      continue;
    }
    if (c === 96) {
      const close = scanner.templateEnd(pos, end) - 1;
      if (close < 0) {
        problems.push({ start: pos, end: pos + 1, message: "this template string is never closed with `" });
        pos = end;
      } else pos = close + 1;
      // The scanner counted its own steps; a template met again at a deeper level of
      // parsing is a jump over its memoised end, not a walk over its text.
      counted = pos;
      out.push(T.Template, tokStart, pos, -1, 0, flags);
      continue;
    }

    if (c === 47) {
      const close = regexes.endAt(pos, out, firstToken);
      if (close === UNCLOSED) {
        pos = lineEnd(source, pos, end);
        problems.push({ start: tokStart, end: tokStart + 1, message: "this regex is never closed with /" });
        out.push(T.Error, tokStart, pos, -1, 0, flags);
        continue;
      }
      if (close !== DIVIDES) {
        pos = close;
        out.push(T.Regex, tokStart, pos, -1, 0, flags);
        continue;
      }
    }

    const n = source.charCodeAt(pos + 1);
    let kind: number;
    let len = 1;
    switch (c) {
      case 40:
        kind = T.LParen;
        depth++;
        opens = withOpen(opens, out.length);
        break;
      case 41:
        kind = T.RParen;
        if (depth > 0) {
          depth--;
          opens?.pop();
        }
        break;
      case 91:
        kind = T.LBracket;
        depth++;
        opens = withOpen(opens, out.length);
        break;
      case 93:
        kind = T.RBracket;
        if (depth > 0) {
          depth--;
          opens?.pop();
        }
        break;
      case 123:
        kind = T.LBrace;
        depth++;
        opens = withOpen(opens, out.length);
        break;
      case 125:
        kind = T.RBrace;
        if (depth > 0) {
          depth--;
          opens?.pop();
        }
        break;
      case 44:
        kind = T.Comma;
        break;
      case 46:
        if (n === 46 && source.charCodeAt(pos + 2) === 46) {
          kind = T.Spread;
          len = 3;
        } else if (n === 46) {
          kind = T.DotDot;
          len = 2;
        } else kind = T.Dot;
        break;
      case 58:
        kind = T.Colon;
        break;
      case 63:
        kind = T.Question;
        break;
      case 43:
        if (n === 61) {
          kind = T.PlusEq;
          len = 2;
        } else kind = T.Plus;
        break;
      case 45:
        if (n === 61) {
          kind = T.MinusEq;
          len = 2;
        } else kind = T.Minus;
        break;
      case 42:
        kind = T.Star;
        break;
      case 47:
        kind = T.Slash;
        break;
      case 37:
        kind = T.Percent;
        break;
      case 61:
        if (n === 61) {
          kind = T.EqEq;
          len = 2;
        } else if (n === 62) {
          kind = T.Arrow;
          len = 2;
        } else kind = T.Eq;
        break;
      case 33:
        if (n === 61) {
          kind = T.NotEq;
          len = 2;
        } else kind = T.Bang;
        break;
      case 60:
        if (n === 61) {
          kind = T.Le;
          len = 2;
        } else kind = T.Lt;
        break;
      case 62:
        if (n === 61) {
          kind = T.Ge;
          len = 2;
        } else kind = T.Gt;
        break;
      case 38:
        if (n === 38) {
          kind = T.AndAnd;
          len = 2;
        } else kind = T.Error;
        break;
      case 124:
        if (n === 124) {
          kind = T.OrOr;
          len = 2;
        } else kind = T.Error;
        break;
      default:
        kind = T.Error;
    }
    if (kind === T.Error) {
      const cp = source.codePointAt(pos) ?? c;
      len = cp > 0xffff ? 2 : 1;
      problems.push({
        start: pos,
        end: pos + len,
        message: `unexpected character ${shownCharacter(cp)}`,
      });
    }
    pos += len;
    out.push(kind, tokStart, pos, -1, 0, flags);
  }

  if (block) {
    if (lineHasTokens) out.push(T.Newline, end, end, -1, 0, 0);
    for (let i = indents.length; i > 1; i--) out.push(T.Dedent, end, end, -1, 0, 0);
  }
  out.push(T.EOF, end, end, opens !== null && depth > 0 ? (opens[depth - 1] as number) : -1, 0, 0);
  clock.add(end - counted, end);
}

/**
 * After `exec` and a space, the rest of the line is a command line for the program, not
 * code: `exec echo a; b` passes `a;` and `b` as arguments. A quoted string or `(` after
 * `exec` is an ordinary expression instead. Returns where lexing continues.
 */
function rawCommand(source: string, pos: number, end: number, out: TokenBuffer): number {
  const c = source.charCodeAt(pos);
  if (c !== 32 && c !== 9) return pos;
  let p = pos;
  while (p < end && (source.charCodeAt(p) === 32 || source.charCodeAt(p) === 9)) p++;
  const first = source.charCodeAt(p);
  if (
    p >= end ||
    first === 10 ||
    first === 13 ||
    first === 34 ||
    first === 39 ||
    first === 96 ||
    first === 40
  )
    return pos;
  let q = p;
  while (q < end && source.charCodeAt(q) !== 10 && source.charCodeAt(q) !== 13) q++;
  let stop = q;
  while (stop > p && (source.charCodeAt(stop - 1) === 32 || source.charCodeAt(stop - 1) === 9)) stop--;
  out.push(T.Raw, p, stop, -1, 0, SPACE_BEFORE);
  return q;
}

/** A character for a message: itself in quotes, or its code point when it cannot be seen (`U+000B`). */
function shownCharacter(cp: number): string {
  const char = String.fromCodePoint(cp);
  if (!INVISIBLE.test(char)) return `'${char}'`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Controls, format characters, line and paragraph separators, private-use, unassigned and lone surrogates. */
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]$/u;

/**
 * Where the block comment whose text starts at `from` closes (the offset of its `*` + `/`),
 * or -1 if not before `end`. The search looks at this range only: a search of the whole
 * rest of the document, from every unclosed comment of every piece, is quadratic.
 */
function blockCommentEnd(source: string, from: number, end: number): number {
  if (from >= end) return -1;
  const at = source.slice(from, end).indexOf("*/");
  return at === -1 ? -1 : from + at;
}

function blockCommentEndsLine(source: string, p: number, end: number): boolean {
  const close = blockCommentEnd(source, p + 2, end);
  if (close === -1) return true;
  // A block comment followed by nothing but blanks on the line where it ends leaves its line
  // empty, however many lines it spans; one followed by code does not: the code's
  // indentation is measured where the comment starts.
  let q = close + 2;
  while (q < end) {
    const c = source.charCodeAt(q);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
    q++;
  }
  return true;
}

/** Skips a blank or comment-only line, including its line break. */
function skipToLineEnd(source: string, p: number, end: number, problems: LexProblemSink): number {
  while (p < end) {
    const c = source.charCodeAt(p);
    if (c === 47 && source.charCodeAt(p + 1) === 42) {
      const close = blockCommentEnd(source, p + 2, end);
      if (close === -1) {
        problems.push({ start: p, end: p + 2, message: "this block comment is never closed with */" });
        return end;
      }
      p = close + 2;
      continue;
    }
    if (c === 10) return p + 1;
    if (c === 13) return source.charCodeAt(p + 1) === 10 ? p + 2 : p + 1;
    p++;
  }
  return p;
}

function scanNumber(source: string, pos: number, end: number): number {
  while (pos < end && (isDigit(source.charCodeAt(pos)) || source.charCodeAt(pos) === 95)) pos++;
  // A fraction needs a digit after the dot, so `1..5` stays a range.
  if (source.charCodeAt(pos) === 46 && isDigit(source.charCodeAt(pos + 1))) {
    pos++;
    while (pos < end && isDigit(source.charCodeAt(pos))) pos++;
  }
  const e = source.charCodeAt(pos);
  if (e === 101 || e === 69) {
    let q = pos + 1;
    const sign = source.charCodeAt(q);
    if (sign === 43 || sign === 45) q++;
    if (isDigit(source.charCodeAt(q))) {
      pos = q;
      while (pos < end && isDigit(source.charCodeAt(pos))) pos++;
    }
  }
  return pos;
}

function scanString(
  source: string,
  pos: number,
  end: number,
  quote: number,
  problems: LexProblemSink,
): number {
  const open = pos;
  pos++;
  while (pos < end) {
    const c = source.charCodeAt(pos);
    if (c === quote) return pos + 1;
    if (c === 92) {
      pos += 2;
      continue;
    }
    if (c === 10 || c === 13) break;
    pos++;
  }
  problems.push({ start: open, end: open + 1, message: "this string is never closed" });
  return pos;
}

/** `opens` (made at the first bracket) with the bracket about to be token `at` pushed on it. */
function withOpen(opens: number[] | null, at: number): number[] {
  const list = opens ?? [];
  list.push(at);
  return list;
}
