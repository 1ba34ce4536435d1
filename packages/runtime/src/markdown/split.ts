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
import { findInterpolationEnd } from "../syntax/parser.js";
import { closeFence, lineEnd, openFence } from "./fences.js";
import type { Piece } from "./pieces.js";

/** Splits a markdown (`.md`) document. */
export function splitMarkdown(source: string): Piece[] {
  const scanner = new MarkdownScanner(source);
  scanner.scan(0, source.length, true);
  return scanner.pieces;
}

/** Splits a native XMD (`.xmd`, `.xm`) file. */
export function splitXmdFile(source: string): Piece[] {
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
      const scanner = new MarkdownScanner(source);
      // A ```xmd fence inside markdown output of a .xmd file is plain text (teaching material).
      scanner.scan(fence.contentStart, contentEnd, false);
      pieces.push(...scanner.pieces);
    } else {
      pieces.push({ kind: "text", start: p, end: after });
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

  constructor(private readonly source: string) {}

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

  /** An inline code span: a run of N backticks closed by a run of exactly N. Verbatim. */
  private codeSpan(p: number, end: number): number {
    const source = this.source;
    let q = p;
    while (q < end && source.charCodeAt(q) === 96) q++;
    const n = q - p;
    let r = q;
    while (r < end) {
      const found = source.indexOf("`".repeat(n), r);
      if (found === -1 || found >= end) break;
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
    if (close === -1 || close + 3 > end) return -1;
    let q = p + 4;
    while (q < close && (source.charCodeAt(q) === 32 || source.charCodeAt(q) === 9)) q++;
    const isXmd = source.startsWith("xmd", q);
    const after = source.charCodeAt(q + 3);
    const classic = isXmd && after === 58; /* : */
    const native = isXmd && (after === 32 || after === 9 || after === 10 || after === 13 || q + 3 === close);
    if (!classic && !native) return close + 3; // an ordinary comment: verbatim
    const codeStart = q + (classic ? 4 : 3);
    const codeEnd = close;
    // Block when only spaces stand before it on its line and after it on its last line.
    const before = source.slice(lineStart, p);
    const lineAfterEnd = lineEnd(source, close + 3, end);
    const afterText = source.slice(close + 3, lineAfterEnd);
    const block = /^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(afterText);
    if (block) {
      this.flush(lineStart);
      this.pieces.push({
        kind: "code",
        start: lineStart,
        end: lineAfterEnd,
        codeStart,
        codeEnd,
        dialect: classic ? "classic" : "native",
        placement: "block",
        origin: "comment",
      });
      this.textStart = lineAfterEnd;
      return lineAfterEnd;
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
