/**
 * The splitter and interpolation scanner as they were before reading became linear
 * (quadratic on hostile input, exact on every input): the oracle that the linear ones
 * must agree with, piece for piece. Not used by the runtime.
 */
/**
 * The markdown splitter: a document's text → pieces (see {@link Piece}).
 *
 * In a `.md` file, ```` ```xmd ```` fences and `<!-- xmd … -->` / `<!-- xmd: … -->`
 * comments are code; `{{ expr }}` in ordinary text is interpolated; other code fences,
 * inline code spans and ordinary HTML comments are copied verbatim; `\{{` writes `{{`.
 * In a `.xmd` file everything is code except ```` ```markdown ```` / ```` ```md ```` fences
 * (markdown output, split like a `.md` file) and other fences (plain text).
 * @module
 */

import type { Piece, SplitProblem } from "../../../src/markdown/pieces.js";
import { closeFence, lineEnd, openFence } from "./fences.js";
import { findInterpolationEnd } from "./interpolation.js";

/** Splits a markdown (`.md`) document; mistakes found on the way go to `problems`. */
export function splitMarkdown(source: string, problems: SplitProblem[] = []): Piece[] {
  const scanner = new MarkdownScanner(source, problems);
  scanner.scan(0, source.length, true);
  return scanner.pieces;
}

/** Splits a native XMD (`.xmd`, `.xm`) file; mistakes found on the way go to `problems`. */
export function splitXmdFile(source: string, problems: SplitProblem[] = []): Piece[] {
  const pieces: Piece[] = [];
  const end = source.length;
  let codeStart = 0;
  const flushCode = (upTo: number) => {
    if (upTo > codeStart) {
      pieces.push({
        kind: "code",
        start: codeStart,
        end: upTo,
        codeStart,
        codeEnd: upTo,
        dialect: "native",
        placement: "block",
        origin: "file",
      });
    }
  };
  let p = 0;
  while (p < end) {
    const fence = openFence(source, p, end);
    if (fence === null) {
      p = lineEnd(source, p, end);
      continue;
    }
    flushCode(p);
    const close = closeFence(source, fence, fence.contentStart, end);
    const contentEnd = close === -1 ? end : close;
    const after = close === -1 ? end : lineEnd(source, close, end);
    if (fence.info === "markdown" || fence.info === "md") {
      const scanner = new MarkdownScanner(source, problems);
      // A ```xmd fence inside markdown output of a .xmd file is plain text (teaching material).
      scanner.scan(fence.contentStart, contentEnd, false);
      pieces.push(...scanner.pieces);
    } else {
      // Fences one after another are one text piece.
      const last = pieces[pieces.length - 1];
      if (last !== undefined && last.kind === "text" && last.end === p) last.end = after;
      else pieces.push({ kind: "text", start: p, end: after });
    }
    p = after;
    codeStart = after;
  }
  flushCode(end);
  return pieces;
}

/** Walks markdown text, emitting pieces; pending plain text is flushed lazily. */
class MarkdownScanner {
  readonly pieces: Piece[] = [];
  private textStart = 0;
  /** End of a line that holds only xmd comments, while its later comments are scanned. */
  private directiveLineEnd = -1;

  constructor(
    private readonly source: string,
    private readonly problems: SplitProblem[],
  ) {}

  private flush(upTo: number): void {
    if (upTo > this.textStart) {
      const last = this.pieces[this.pieces.length - 1];
      if (last !== undefined && last.kind === "text" && last.end === this.textStart) last.end = upTo;
      else this.pieces.push({ kind: "text", start: this.textStart, end: upTo });
    }
    this.textStart = upTo;
  }

  /** Scans source[start, end). `xmdFences`: whether ```xmd fences are code (in .md) or text. */
  scan(start: number, end: number, xmdFences: boolean): void {
    const source = this.source;
    this.textStart = start;
    let p = start;
    let lineStart = start;
    let atLineStart = true;
    while (p < end) {
      if (atLineStart) {
        lineStart = p;
        atLineStart = false;
        const fence = openFence(source, p, end);
        if (fence !== null) {
          const close = closeFence(source, fence, fence.contentStart, end);
          const after = close === -1 ? end : lineEnd(source, close, end);
          if (xmdFences && fence.info === "xmd") {
            this.flush(p);
            this.pieces.push({
              kind: "code",
              start: p,
              end: after,
              codeStart: fence.contentStart,
              codeEnd: close === -1 ? end : close,
              dialect: "native",
              placement: "block",
              origin: "fence",
            });
            this.textStart = after;
          }
          // Any other fence is verbatim text: leave it pending.
          p = after;
          atLineStart = true;
          continue;
        }
      }
      const c = source.charCodeAt(p);
      if (c === 10) {
        p++;
        atLineStart = true;
        continue;
      }
      if (c === 96) {
        p = this.codeSpan(p, end);
        continue;
      }
      if (c === 60 && source.startsWith("<!--", p)) {
        const next = this.comment(p, end, lineStart);
        if (next !== -1) {
          // A block comment consumed its whole line(s), line break included.
          if (next > p && (next === end || source.charCodeAt(next - 1) === 10) && this.lastIsBlock())
            atLineStart = true;
          p = next;
          continue;
        }
      }
      if (c === 92 && source.startsWith("{{", p + 1)) {
        // \{{ writes a literal {{; the backslash is dropped.
        this.flush(p);
        this.textStart = p + 1;
        p += 3;
        continue;
      }
      if (c === 123 && source.charCodeAt(p + 1) === 123) {
        const close = findInterpolationEnd(source, p + 2, end);
        if (close !== -1) {
          this.flush(p);
          this.pieces.push({ kind: "interp", start: p, end: close + 2, exprStart: p + 2, exprEnd: close });
          this.textStart = close + 2;
          p = close + 2;
          continue;
        }
      }
      p++;
    }
    this.flush(end);
  }

  private lastIsBlock(): boolean {
    const last = this.pieces[this.pieces.length - 1];
    return last !== undefined && last.kind === "code" && last.placement === "block";
  }

  /**
   * An inline code span: a run of N backticks closed by a run of exactly N before the
   * end of the block it is in (see {@link blockEnd}). Verbatim.
   */
  private codeSpan(p: number, end: number): number {
    const source = this.source;
    let q = p;
    while (q < end && source.charCodeAt(q) === 96) q++;
    const n = q - p;
    const limit = blockEnd(source, p, end);
    let r = q;
    while (r < limit) {
      const found = source.indexOf("`".repeat(n), r);
      if (found === -1 || found >= limit) break;
      let s = found + n;
      while (s < end && source.charCodeAt(s) === 96) s++;
      if (s - found === n) return s; // closed by exactly n backticks
      r = s;
    }
    return q; // unmatched: the backticks are literal text
  }

  /**
   * An HTML comment at `p`. XMD comments become code pieces; other comments are verbatim
   * text. Returns where scanning continues, or -1 if the comment never closes.
   */
  private comment(p: number, end: number, lineStart: number): number {
    const source = this.source;
    const close = source.indexOf("-->", p + 4);
    const kind = xmdCommentKind(source, p, close === -1 || close + 3 > end ? end : close);
    if (close === -1 || close + 3 > end) {
      // Only where CommonMark would open an HTML block (a line's start, indented at most
      // three spaces): deeper it is an indented code block, mid-line it is prose, and
      // either may show `<!-- xmd` as an example.
      if (kind !== null && /^ {0,3}$/.test(source.slice(lineStart, p))) {
        this.problems.push({
          start: p,
          end: Math.min(lineEnd(source, p, end), end),
          message: "this xmd comment is never closed",
          hint: "end it with -->",
        });
      }
      return -1;
    }
    if (kind === null) return close + 3; // an ordinary comment: verbatim
    const classic = kind.classic;
    const codeStart = kind.codeStart;
    const codeEnd = close;
    const lineAfterEnd = lineEnd(source, close + 3, end);
    // Block when only spaces stand before it on its line (or, on a line of several
    // directives, only directives) and only spaces or more directives after it.
    const first = p >= this.directiveLineEnd;
    const before = first ? source.slice(lineStart, p) : "";
    const block = /^[ \t]*$/.test(before) && directivesOnly(source, close + 3, lineAfterEnd);
    if (block) {
      const last = /^[ \t]*\r?\n?$/.test(source.slice(close + 3, lineAfterEnd));
      if (!last) this.directiveLineEnd = lineAfterEnd;
      // Later directives of the line swallow the spaces between them.
      if (first) this.flush(lineStart);
      const start = first ? lineStart : this.textStart;
      const pieceEnd = last ? lineAfterEnd : close + 3;
      this.pieces.push({
        kind: "code",
        start,
        end: pieceEnd,
        codeStart,
        codeEnd,
        dialect: classic ? "classic" : "native",
        placement: "block",
        origin: "comment",
      });
      this.textStart = pieceEnd;
      return pieceEnd;
    }
    this.flush(p);
    this.pieces.push({
      kind: "code",
      start: p,
      end: close + 3,
      codeStart,
      codeEnd,
      dialect: classic ? "classic" : "native",
      placement: "inline",
      origin: "comment",
    });
    this.textStart = close + 3;
    return close + 3;
  }
}

/** If the comment at `p` (closing at `close`) is an xmd comment: its dialect and where its code starts. */
function xmdCommentKind(
  source: string,
  p: number,
  close: number,
): { classic: boolean; codeStart: number } | null {
  let q = p + 4;
  while (q < close && (source.charCodeAt(q) === 32 || source.charCodeAt(q) === 9)) q++;
  if (!source.startsWith("xmd", q)) return null;
  const after = source.charCodeAt(q + 3);
  const classic = after === 58; /* : */
  if (!classic && !(after === 32 || after === 9 || after === 10 || after === 13 || q + 3 === close))
    return null;
  // Code on the comment's first line starts at its first character: the spaces after
  // `xmd` are not indentation (`<!-- xmd set a 1` then `set b 2` on the next line).
  let codeStart = q + (classic ? 4 : 3);
  while (codeStart < close && (source.charCodeAt(codeStart) === 32 || source.charCodeAt(codeStart) === 9))
    codeStart++;
  return { classic, codeStart };
}

/** Whether source[from, lineEnd) holds only spaces and xmd comments that close on this line. */
function directivesOnly(source: string, from: number, lineEnd: number): boolean {
  let p = from;
  for (;;) {
    while (p < lineEnd && (source.charCodeAt(p) === 32 || source.charCodeAt(p) === 9)) p++;
    if (p === lineEnd || source.startsWith("\r\n", p) || source.charCodeAt(p) === 10) return true;
    if (!source.startsWith("<!--", p)) return false;
    const close = source.indexOf("-->", p + 4);
    if (close === -1 || close + 3 > lineEnd || xmdCommentKind(source, p, close) === null) return false;
    p = close + 3;
  }
}

/**
 * Where the block holding `p` ends, for a code span: its own line when that is an ATX
 * heading, else the start of the first later line that is blank, an ATX heading, a setext
 * underline, a thematic break or an opening fence (or `end`). Each line is told by a
 * regular expression of CommonMark's rule for it.
 */
function blockEnd(source: string, p: number, end: number): number {
  const lineOf = (at: number) => source.slice(at, lineEnd(source, at, end)).replace(/\n$/, "");
  const heading = /^ {0,3}#{1,6}(?:[ \t\r]|$)/;
  const start = source.lastIndexOf("\n", p - 1) + 1;
  let at = lineEnd(source, p, end);
  if (heading.test(lineOf(start))) return at;
  for (; at < end; at = lineEnd(source, at, end)) {
    const line = lineOf(at);
    if (
      /^[ \t]*(?:\r|$)/.test(line) ||
      heading.test(line) ||
      /^ {0,3}(?:=+|-+)[ \t]*(?:\r|$)/.test(line) ||
      /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*(?:\r|$)/.test(line) ||
      openFence(source, at, end) !== null
    )
      return at;
  }
  return end;
}
