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
   * the lines between fences, or the text between `xmd`/`xmd:` and `-->`; for the C
   * tool's `@import(path)` in markdown text (origin `at-import`), the path between the
   * parentheses.
   */
  | {
      kind: "code";
      start: number;
      end: number;
      codeStart: number;
      codeEnd: number;
      dialect: "native" | "classic";
      placement: "block" | "inline";
      origin: "fence" | "comment" | "file" | "at-import";
    };

/** A mistake the splitter found (an `xmd` comment that never closes); the text stays verbatim. */
export interface SplitProblem {
  start: number;
  end: number;
  message: string;
  hint?: string;
}

/** A code piece. */
export type CodePiece = Extract<Piece, { kind: "code" }>;

/**
 * Where the splitter puts pieces, in document order: an array of {@link Piece} objects
 * ({@link PieceArray}), or the compact buffer a document is built from (`PieceBuffer`).
 */
export interface PieceSink {
  /** A text piece source[start, end). */
  text(start: number, end: number): void;
  /** `{{ … }}`: start/end cover the braces; the expression is source[exprStart, exprEnd). */
  interp(start: number, end: number, exprStart: number, exprEnd: number): void;
  /**
   * The text source[textStart, start) (none when empty), then the `{{ … }}` at `start`:
   * one call for what most pages hold.
   */
  textThenInterp(textStart: number, start: number, end: number, exprStart: number, exprEnd: number): void;
  code(piece: CodePiece): void;
}

/** Pieces as objects (for tests and tools; documents are built from a `PieceBuffer`). */
export class PieceArray implements PieceSink {
  readonly pieces: Piece[] = [];

  text(start: number, end: number): void {
    this.pieces.push({ kind: "text", start, end });
  }
  interp(start: number, end: number, exprStart: number, exprEnd: number): void {
    this.pieces.push({ kind: "interp", start, end, exprStart, exprEnd });
  }
  textThenInterp(textStart: number, start: number, end: number, exprStart: number, exprEnd: number): void {
    if (start > textStart) this.text(textStart, start);
    this.interp(start, end, exprStart, exprEnd);
  }
  code(piece: CodePiece): void {
    this.pieces.push(piece);
  }
}
