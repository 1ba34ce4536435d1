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

  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.source.length;
    const next = this.starts[line];
    return this.source.slice(start, next ?? this.source.length).replace(/\r?\n$|\r$/, "");
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
   */
  frame(start: number, end: number, label = ""): string {
    const { line, column } = this.position(start);
    const width = String(Math.min(line + 1, this.lineCount)).length;
    const out: string[] = [];
    const gutter = (n: number | "", mark: string) => `${mark} ${String(n).padStart(width)} | `;
    if (line > 1) out.push(gutter(line - 1, " ") + this.lineText(line - 1));
    const text = this.lineText(line);
    out.push(gutter(line, ">") + text);
    const spanEnd = Math.min(Math.max(end, start + 1), start + Math.max(1, text.length - column + 1));
    const carets = "^".repeat(Math.max(1, spanEnd - start));
    const pad = text.slice(0, column - 1).replace(/[^\t]/g, " ");
    out.push(`${" ".repeat(width + 3)}| ${pad}${carets}${label ? ` ${label}` : ""}`);
    return out.join("\n");
  }
}
