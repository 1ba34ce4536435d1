/**
 * What the markdown splitter produces: a flat list of pieces, as offsets into the
 * original source (never copies). Concatenating the text pieces and replacing the
 * others with what they evaluate to gives the rendered document.
 * @module
 */
export type Piece =
  /** Copy `source.slice(start, end)` to the output verbatim. */
  | { kind: "text"; start: number; end: number }
  /** `{{ expr }}`: start/end cover the braces; the expression is source[exprStart, exprEnd). */
  | { kind: "interp"; start: number; end: number; exprStart: number; exprEnd: number }
  /**
   * Code. `start`/`end` is what the piece replaces: for a block, whole lines including the
   * last line break; inline, exactly the comment. `codeStart`/`codeEnd` is the code itself:
   * the lines between fences, or the text between `xmd`/`xmd:` and `-->`.
   */
  | {
      kind: "code";
      start: number;
      end: number;
      codeStart: number;
      codeEnd: number;
      dialect: "native" | "classic";
      placement: "block" | "inline";
      origin: "fence" | "comment" | "file";
    };

/** A mistake the splitter found (an `xmd` comment that never closes); the text stays verbatim. */
export interface SplitProblem {
  start: number;
  end: number;
  message: string;
  hint?: string;
}
