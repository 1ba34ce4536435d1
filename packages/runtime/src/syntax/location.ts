/**
 * Offsets → line:column, and the code frame printed under an error.
 * @module
 */

/** Line starts of a source text, computed once per file. */
export class LineMap {
  /** Computed on first use: most documents never need a location. */
  private lineStarts: number[] | null = null;
  constructor(readonly source: string) {}

  private get starts(): number[] {
    if (this.lineStarts === null) {
      const starts = [0];
      const source = this.source;
      for (let i = 0; i < source.length; i++) {
        const c = source.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }

  /** Offsets of a line's first character and of its end (before its line break). */
  private lineBounds(line: number): { start: number; end: number } {
    const source = this.source;
    const start = this.starts[line - 1] ?? source.length;
    let end = this.starts[line] ?? source.length;
    if (end > start && source.charCodeAt(end - 1) === 10) end--;
    if (end > start && source.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * A Rust-style frame: the line before, the line, and a caret run under the span.
   * ```
   *   1 | set x 1
   * > 2 | if x =
   *     |       ^ expected an expression
   * ```
   * A line longer than {@link FRAME_WIDTH} characters is shown as a window around the
   * column, with `…` where it was cut: an error in a 10 MB line prints a line, not 10 MB.
   */
  frame(start: number, end: number): string {
    const { line, column } = this.position(start);
    const width = String(Math.min(line + 1, this.lineCount)).length;
    const out: string[] = [];
    const gutter = (n: number | "", mark: string) => `${mark} ${String(n).padStart(width)} | `;
    if (line > 1) out.push(gutter(line - 1, " ") + this.clip(line - 1, 0).text);
    const { text, offset } = this.clip(line, column - 1);
    out.push(gutter(line, ">") + text);
    const col = column - offset; // 1-based column within the shown text
    const spanEnd = Math.min(Math.max(end, start + 1), start + Math.max(1, text.length - col + 1));
    const carets = "^".repeat(Math.max(1, spanEnd - start));
    const pad = text.slice(0, col - 1).replace(/[^\t]/g, " ");
    out.push(`${" ".repeat(width + 3)}| ${pad}${carets}`);
    return out.join("\n");
  }

  /**
   * A line as a frame shows it: whole when short; otherwise a window of about
   * {@link FRAME_WIDTH} characters around `at` (a 0-based index in the line), with `…`
   * for each cut side. `offset` is how far the shown text is shifted left against the line.
   */
  private clip(line: number, at: number): { text: string; offset: number } {
    const { start, end } = this.lineBounds(line);
    const length = end - start;
    if (length <= FRAME_WIDTH) return { text: this.source.slice(start, end), offset: 0 };
    const from = Math.max(0, Math.min(at - 40, length - FRAME_WIDTH));
    const to = Math.min(length, from + FRAME_WIDTH);
    const head = from > 0 ? "…" : "";
    const tail = to < length ? "…" : "";
    return { text: head + this.source.slice(start + from, start + to) + tail, offset: from - head.length };
  }
}

/** Longest line a frame shows whole. */
export const FRAME_WIDTH = 160;
