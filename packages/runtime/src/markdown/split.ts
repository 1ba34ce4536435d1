/**
 * The markdown splitter: a document's text → pieces (see {@link Piece}).
 *
 * In a `.md` file, ```` ```xmd ```` fences and `<!-- xmd … -->` / `<!-- xmd: … -->`
 * comments are code; `{{ expr }}` in ordinary text is interpolated; the C tool's
 * `@import(path)` (at a line's start or after a blank) imports a part in place; other code fences,
 * inline code spans and ordinary HTML comments are copied verbatim; `\{{` writes `{{`.
 * In a `.xmd` file everything is code except ```` ```markdown ```` / ```` ```md ```` fences
 * (markdown output, split like a `.md` file) and other fences (plain text).
 *
 * Splitting is linear in the text whatever it holds: no search starts over from every
 * opening delimiter (see {@link TextScanner}, {@link ForwardSearch} and {@link BacktickRuns}),
 * and every loop ticks the {@link ReadClock}, so the time limit covers splitting too.
 * @module
 */
import { ReadClock } from "../syntax/clock.js";
import { TextScanner } from "../syntax/interpolation.js";
import { BlockEnds } from "./blocks.js";
import { closeFence, lineEnd, openFence } from "./fences.js";
import { type Piece, PieceArray, type PieceSink, type SplitProblem } from "./pieces.js";
import { ForwardSearch } from "./search.js";

/** Where the splitter reports mistakes: an array, or anything else that takes them. */
export interface ProblemSink {
  push(problem: SplitProblem): unknown;
}

/** What a split may share with the rest of reading a document. */
export interface SplitOptions {
  /** Ticked per character; stops the split at the time limit. */
  clock?: ReadClock;
  /** The scanner for `{{ … }}` (shared with the lexer and parser, which reuse its answers). */
  scanner?: TextScanner;
}

/** The shared parts of one split: searches over the whole source. */
class SplitContext {
  readonly clock: ReadClock;
  readonly scanner: TextScanner;
  readonly newlines: ForwardSearch;
  readonly commentEnds: ForwardSearch;
  /** Where a scan of markdown text may find something: `{{`, `<!--`, a backtick, `~~~`. */
  readonly opens: ForwardSearch;
  readonly commentStarts: ForwardSearch;
  readonly backticks: ForwardSearch;
  readonly tildes: ForwardSearch;
  /** The C tool's `@import(`, rare: searched for once over the text, like a comment. */
  readonly atImports: ForwardSearch;
  /** The `)` that closes an `@import(`: searched for forward, so unclosed ones cost no rescans. */
  readonly closeParens: ForwardSearch;

  constructor(
    readonly source: string,
    readonly problems: ProblemSink,
    options: SplitOptions,
  ) {
    this.clock = options.clock ?? new ReadClock();
    this.scanner = options.scanner ?? new TextScanner(source, this.clock);
    this.newlines = new ForwardSearch(source, "\n", this.clock);
    this.commentEnds = new ForwardSearch(source, "-->", this.clock);
    this.opens = new ForwardSearch(source, "{{", this.clock);
    this.commentStarts = new ForwardSearch(source, "<!--", this.clock);
    this.backticks = new ForwardSearch(source, "`", this.clock);
    this.tildes = new ForwardSearch(source, "~~~", this.clock);
    this.atImports = new ForwardSearch(source, "@import(", this.clock);
    this.closeParens = new ForwardSearch(source, ")", this.clock);
  }
}

/** Splits a markdown (`.md`) document; mistakes found on the way go to `problems`. */
export function splitMarkdown(
  source: string,
  problems: ProblemSink = [],
  options: SplitOptions = {},
): Piece[] {
  const pieces = new PieceArray();
  splitMarkdownInto(pieces, source, problems, options);
  return pieces.pieces;
}

/** Splits a native XMD (`.xmd`, `.xm`) file; mistakes found on the way go to `problems`. */
export function splitXmdFile(
  source: string,
  problems: ProblemSink = [],
  options: SplitOptions = {},
): Piece[] {
  const pieces = new PieceArray();
  splitXmdFileInto(pieces, source, problems, options);
  return pieces.pieces;
}

/** {@link splitMarkdown}, the pieces going to `pieces` (a compact `PieceBuffer` when building). */
export function splitMarkdownInto(
  pieces: PieceSink,
  source: string,
  problems: ProblemSink,
  options: SplitOptions,
): void {
  new MarkdownScanner(new SplitContext(source, problems, options), pieces).scan(0, source.length, true);
}

/** {@link splitXmdFile}, the pieces going to `pieces`. */
export function splitXmdFileInto(
  pieces: PieceSink,
  source: string,
  problems: ProblemSink,
  options: SplitOptions,
): void {
  const ctx = new SplitContext(source, problems, options);
  const end = source.length;
  let codeStart = 0;
  // Fences copied verbatim, from here up to codeStart, not written yet: fences one after
  // another are one text piece.
  let textStart = -1;
  const flushText = () => {
    if (textStart !== -1) pieces.text(textStart, codeStart);
    textStart = -1;
  };
  const flushCode = (upTo: number) => {
    if (upTo > codeStart) {
      flushText();
      pieces.code({
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
    ctx.clock.tick(p);
    const fence = openFence(source, ctx.newlines, p, end);
    if (fence === null) {
      p = lineEnd(ctx.newlines, p, end);
      continue;
    }
    flushCode(p);
    const close = closeFence(source, ctx.newlines, fence, fence.contentStart, end);
    const contentEnd = close === -1 ? end : close;
    const after = close === -1 ? end : lineEnd(ctx.newlines, close, end);
    if (fence.info === "markdown" || fence.info === "md") {
      flushText();
      // A ```xmd fence inside markdown output of a .xmd file is plain text (teaching material).
      new MarkdownScanner(ctx, pieces).scan(fence.contentStart, contentEnd, false);
    } else if (textStart === -1) {
      textStart = p;
    }
    p = after;
    codeStart = after;
  }
  flushCode(end);
  flushText();
}

/** The starts of a range's backtick runs of one length, and where the next query begins. */
interface RunStarts {
  starts: number[];
  next: number;
}

/**
 * The backtick runs of a range, indexed so that "the next run of exactly n backticks
 * after offset q" costs amortised O(1): asked from every unmatched run, a search to the
 * end of the text is quadratic (CommonMark's own implementations index runs the same way).
 * Built on the first backtick a scan meets; queries come in increasing order of `q`.
 */
class BacktickRuns {
  /** Run start offsets, in order, by run length. */
  private readonly byLength = new Map<number, RunStarts>();

  constructor(source: string, start: number, end: number, clock: ReadClock) {
    let p = source.indexOf("`", start);
    while (p !== -1 && p < end) {
      let q = p + 1;
      while (q < end && source.charCodeAt(q) === 96) q++;
      const n = q - p;
      let list = this.byLength.get(n);
      if (list === undefined) {
        list = { starts: [], next: 0 };
        this.byLength.set(n, list);
      }
      list.starts.push(p);
      clock.add(q - p, p);
      const from = q;
      p = source.indexOf("`", q);
      clock.add((p === -1 || p > end ? end : p) - from + 1, from);
    }
  }

  /**
   * Start of the first run of exactly `n` backticks at or after `q`, or -1. `n` is the
   * length of a run at or after the range's first backtick, so the index holds that run.
   */
  next(n: number, q: number): number {
    const list = this.byLength.get(n) as RunStarts;
    const { starts } = list;
    while (list.next < starts.length && (starts[list.next] as number) < q) list.next++;
    return list.next < starts.length ? (starts[list.next] as number) : -1;
  }
}

/** Walks markdown text, emitting pieces; pending plain text is flushed lazily. */
class MarkdownScanner {
  private textStart = 0;
  /** The start of the line of the last offset a line start was asked for (see {@link lineStartOf}). */
  private lineAt = 0;
  /** End of a line that holds only xmd comments, while its later comments are scanned. */
  private directiveLineEnd = -1;
  private runs: BacktickRuns | null = null;
  private blocks: BlockEnds | null = null;
  private readonly source: string;

  constructor(
    private readonly ctx: SplitContext,
    private readonly pieces: PieceSink,
  ) {
    this.source = ctx.source;
  }

  /**
   * The pending text up to `upTo` becomes a piece. A run of text is one piece: the scan
   * flushes only before a code piece, at a dropped `\` or at its end, so a flushed piece
   * never ends where the next one starts (the splitter's tests check it).
   */
  private flush(upTo: number): void {
    if (upTo > this.textStart) this.pieces.text(this.textStart, upTo);
    this.textStart = upTo;
  }

  /**
   * Scans source[start, end). `xmdFences`: whether ```xmd fences are code (in .md) or text.
   *
   * Plain text, most of a document, is never looked at character by character: the scan
   * jumps from one place where something may start to the next, found by the context's
   * searches (`{{`, `<!--`, a backtick, `~~~`), each of which goes over the text once
   * whatever the scan asks it. A fence can start only at a backtick or `~~~` that stands
   * at most three spaces into its line, which is checked by looking back those few
   * characters; a line's start is found only for a comment (see {@link lineStartOf}).
   */
  scan(start: number, end: number, xmdFences: boolean): void {
    const source = this.source;
    const { scanner, opens, commentStarts, backticks, tildes, atImports } = this.ctx;
    this.textStart = start;
    this.lineAt = start;
    let p = start;
    // The searches' last answers: each stays the next place of its kind until the scan
    // passes it (-1: there is none further), so a search is asked again only then. The
    // rare kinds (a comment, a backtick, `~~~`) are looked at only when the scan passes
    // the nearest of them, `rare`; `{{`, most of what a page holds, at every step.
    let open = -2;
    let comment = -2;
    let tick = -2;
    let tilde = -2;
    let at = xmdFences ? -2 : -1;
    let rare = -2;
    while (p < end) {
      if (open !== -1 && open < p) open = opens.next(p);
      if (rare !== -1 && rare < p) {
        if (comment !== -1 && comment < p) comment = commentStarts.next(p);
        if (tick !== -1 && tick < p) tick = backticks.next(p);
        if (tilde !== -1 && tilde < p) tilde = tildes.next(p);
        if (at !== -1 && at < p) at = atImports.next(p);
        rare = nearest(nearest(nearest(comment, tick), tilde), at);
      }
      const q = nearest(open, rare);
      if (q === -1 || q >= end) break;
      if (q === open) {
        // `{{`, or `\{{`, which writes a literal `{{`: the backslash is dropped.
        if (q - 1 >= p && source.charCodeAt(q - 1) === 92) {
          this.flush(q - 1);
          this.textStart = q;
          p = q + 2;
          continue;
        }
        const close = scanner.interpolationEnd(q + 2, end);
        if (close === -1) {
          p = q + 1;
          continue;
        }
        this.pieces.textThenInterp(this.textStart, q, close + 2, q + 2, close);
        this.textStart = close + 2;
        p = close + 2;
      } else if (q === comment) {
        const next = this.comment(q, end, this.lineStartOf(q));
        p = next !== -1 ? next : q + 1;
      } else if (q === at) {
        p = this.atImport(q, end);
      } else p = this.fenceOrSpan(start, q, end, xmdFences, q === tick);
    }
    this.flush(end);
  }

  /**
   * The C tool's `@import(path)` at `q`: where it starts a line or follows a blank (as the
   * C tool read it) and closes on its line, a classic in-place import of `path` (quotes
   * around it are dropped); alone on its line, the import takes the whole line, as a
   * `<!-- xmd:import path -->` there would. Anything else is text. Returns where the scan
   * goes on.
   */
  private atImport(q: number, end: number): number {
    const source = this.source;
    const before = q === 0 ? 10 : source.charCodeAt(q - 1);
    if (before !== 10 && before !== 32 && before !== 9) return q + 1;
    const lineAfter = lineEnd(this.ctx.newlines, q, end);
    const close = this.ctx.closeParens.next(q + 8);
    if (close === -1 || close >= lineAfter) return q + 1;
    let codeStart = q + 8;
    let codeEnd = close;
    const first = source.charCodeAt(codeStart);
    if (
      (first === 34 || first === 39) &&
      codeEnd - codeStart >= 2 &&
      source.charCodeAt(codeEnd - 1) === first
    ) {
      codeStart++;
      codeEnd--;
    }
    const lineStart = this.lineStartOf(q);
    const alone = blankBefore(source, lineStart, q) && blankToLineEnd(source, close + 1, lineAfter);
    const start = alone ? lineStart : q;
    const pieceEnd = alone ? lineAfter : close + 1;
    this.flush(start);
    this.pieces.code({
      kind: "code",
      start,
      end: pieceEnd,
      codeStart,
      codeEnd,
      dialect: "classic",
      placement: alone ? "block" : "inline",
      origin: "at-import",
    });
    this.textStart = pieceEnd;
    return pieceEnd;
  }

  /**
   * At the backtick or `~~~` at `q` (`tick`: a backtick), in a scan of source[start, end):
   * a fence when it opens one (an ```` ```xmd ```` fence is code, any other is verbatim text),
   * else a code span (a backtick) or text (a tilde). Returns where the scan goes on.
   */
  private fenceOrSpan(start: number, q: number, end: number, xmdFences: boolean, tick: boolean): number {
    const newlines = this.ctx.newlines;
    const lineStart = this.fenceLineStart(start, q);
    const fence = lineStart === -1 ? null : openFence(this.source, newlines, lineStart, end);
    if (fence === null) return tick ? this.codeSpan(q, end) : q + 1;
    const close = closeFence(this.source, newlines, fence, fence.contentStart, end);
    const after = close === -1 ? end : lineEnd(newlines, close, end);
    if (xmdFences && fence.info === "xmd") {
      this.flush(lineStart);
      this.pieces.code({
        kind: "code",
        start: lineStart,
        end: after,
        codeStart: fence.contentStart,
        codeEnd: close === -1 ? end : close,
        dialect: "native",
        placement: "block",
        origin: "fence",
      });
      this.textStart = after;
    }
    // Any other fence is verbatim text: left pending.
    return after;
  }

  /**
   * If the backtick or tilde at `q` is at most three spaces into its line, where that line
   * starts (which is then at or after the scan position: a construct the scan skipped
   * never ends in spaces); else -1. Looks back at most four characters.
   */
  private fenceLineStart(start: number, q: number): number {
    const source = this.source;
    let s = q;
    while (s > start && q - s < 4 && source.charCodeAt(s - 1) === 32) s--;
    if (q - s > 3) return -1;
    return s === start || source.charCodeAt(s - 1) === 10 ? s : -1;
  }

  /**
   * Where the line holding `q` starts (at least the scan's start). Scans only move forward,
   * and `q` is never before the last offset asked about, so the line starts are found
   * going forward from the last one known, with the context's search for line breaks:
   * every line break of the text is looked at once.
   */
  private lineStartOf(q: number): number {
    const newlines = this.ctx.newlines;
    let at = this.lineAt;
    for (let nl = newlines.next(at); nl !== -1 && nl < q; nl = newlines.next(at)) at = nl + 1;
    this.lineAt = at;
    return at;
  }

  /**
   * An inline code span: a run of N backticks closed by a run of exactly N in the same
   * block (see {@link BlockEnds}). Verbatim.
   */
  private codeSpan(p: number, end: number): number {
    const source = this.source;
    let q = p;
    while (q < end && source.charCodeAt(q) === 96) q++;
    this.ctx.clock.add(q - p, p);
    this.runs ??= new BacktickRuns(source, p, end, this.ctx.clock);
    const close = this.runs.next(q - p, q);
    if (close === -1) return q;
    this.blocks ??= new BlockEnds(source, this.ctx.newlines, this.ctx.clock);
    // Closed by exactly n backticks before the block ends; unmatched, they are literal text.
    return close < this.blocks.endOf(this.lineStartOf(p), p, end) ? close + (q - p) : q;
  }

  /**
   * An HTML comment at `p`. XMD comments become code pieces; other comments are verbatim
   * text. Returns where scanning continues, or -1 if the comment never closes.
   */
  private comment(p: number, end: number, lineStart: number): number {
    const source = this.source;
    const { newlines, commentEnds } = this.ctx;
    const close = commentEnds.next(p + 4);
    const closed = close !== -1 && close + 3 <= end;
    const kind = xmdCommentKind(source, p, closed ? close : end);
    if (!closed) {
      // Only where CommonMark would open an HTML block (a line's start, indented at most
      // three spaces): deeper it is an indented code block, mid-line it is prose, and
      // either may show `<!-- xmd` as an example.
      if (kind !== null && p - lineStart <= 3 && spacesOnly(source, lineStart, p)) {
        this.ctx.problems.push({
          start: p,
          end: Math.min(lineEnd(newlines, p, end), end),
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
    const lineAfterEnd = lineEnd(newlines, close + 3, end);
    // Block when only spaces stand before it on its line (or, on a line of several
    // directives, only directives) and only spaces or more directives after it. A later
    // directive of such a line is a block without looking again: the first one checked
    // the whole line.
    const first = p >= this.directiveLineEnd;
    const block =
      !first ||
      (blankBefore(source, lineStart, p) && directivesOnly(source, this.ctx, close + 3, lineAfterEnd));
    if (block) {
      const last = blankToLineEnd(source, close + 3, lineAfterEnd);
      if (!last) this.directiveLineEnd = lineAfterEnd;
      // Later directives of the line swallow the spaces between them.
      if (first) this.flush(lineStart);
      const start = first ? lineStart : this.textStart;
      const pieceEnd = last ? lineAfterEnd : close + 3;
      this.pieces.code({
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
    this.pieces.code({
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

/** The nearer of two search answers (-1: none). */
function nearest(a: number, b: number): number {
  return a === -1 ? b : b === -1 || a < b ? a : b;
}

/** Whether source[from, to) holds only spaces. */
function spacesOnly(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (source.charCodeAt(i) !== 32) return false;
  return true;
}

/**
 * Whether only spaces and tabs stand between `lineStart` and `p`. Looks backwards from `p`
 * and stops at the first other character, so a long line costs only its last space run.
 */
function blankBefore(source: string, lineStart: number, p: number): boolean {
  for (let i = p - 1; i >= lineStart; i--) {
    const c = source.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether source[from, lineEnd) is spaces and tabs, then at most a line break (`\r`, `\n`, `\r\n`). */
function blankToLineEnd(source: string, from: number, lineEnd: number): boolean {
  let p = from;
  while (p < lineEnd && (source.charCodeAt(p) === 32 || source.charCodeAt(p) === 9)) p++;
  if (p < lineEnd && source.charCodeAt(p) === 13) p++;
  if (p < lineEnd && source.charCodeAt(p) === 10) p++;
  return p === lineEnd;
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
function directivesOnly(source: string, ctx: SplitContext, from: number, lineEnd: number): boolean {
  let p = from;
  for (;;) {
    ctx.clock.tick(p);
    while (p < lineEnd && (source.charCodeAt(p) === 32 || source.charCodeAt(p) === 9)) p++;
    if (p === lineEnd || source.startsWith("\r\n", p) || source.charCodeAt(p) === 10) return true;
    if (!source.startsWith("<!--", p)) return false;
    const close = ctx.commentEnds.next(p + 4);
    if (close === -1 || close + 3 > lineEnd || xmdCommentKind(source, p, close) === null) return false;
    p = close + 3;
  }
}
