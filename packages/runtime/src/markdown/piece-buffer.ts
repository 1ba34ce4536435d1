/**
 * The pieces of a document, compact: text and `{{ … }}` pieces are records of a few
 * integers in one growable `Int32Array`, never objects, so that a document of a hundred
 * thousand lines of text and interpolations costs the garbage collector nothing while it
 * is read (as objects, its 400 000 pieces lived until the whole tree was built, and were
 * promoted to old space on the way). Code pieces, few, stay objects in a side list.
 *
 * A record starts with its kind: text `[Text, start, end]`, interpolation
 * `[Interp, start, end]` (the expression is what the braces hold: they are two
 * characters each), code `[Code, index into codes]`. Read it with a cursor:
 * `for (let at = 0; at < buf.size; at = buf.next(at))`.
 *
 * The buffer outlives the split: the document builder marks each interpolation as a lone
 * name or an expression and gives it the index of its name or expression in its text run,
 * kept above the kind in the record's first number (see {@link PieceBuffer.setInterp});
 * the compiled run reads the records themselves, so that a long page of text costs no
 * table of its own. Three numbers for a `{{ }}`, not five: W6's 8 MB page is 4.8 MB of
 * records, not 6.4.
 * @module
 */
import type { CodePiece, PieceSink } from "./pieces.js";

/**
 * Record kinds, the first number of a record. The splitter writes Text, Interp and Code;
 * the builder marks each Interp as a lone name (`Name`, the same number) or an expression
 * (`Expr`).
 */
export const PieceKind = { Text: 0, Interp: 1, Code: 2, Name: 1, Expr: 3 } as const;

/** The bits of a record's first number that hold its kind; an interpolation's index is above them. */
export const KIND_BITS = 2;
const KIND_MASK = (1 << KIND_BITS) - 1;

const SIZE = [3, 3, 2, 3] as const;

/** Arrays larger than this many numbers are not kept for reuse (a large document's would stay). */
const LARGEST_SPARE = 1 << 14;
/** The array a released buffer gave back, for the next one; records are written before they are read, so it needs no clearing. */
let spare: Int32Array | null = null;

/** Pieces in document order, as records (see the module note). */
export class PieceBuffer implements PieceSink {
  private data: Int32Array;
  /** Numbers used in {@link data}. */
  size = 0;
  /** Code pieces, in order; a Code record holds the index of its piece here. */
  readonly codes: CodePiece[] = [];
  /** Interpolation pieces, and the characters of all their expressions, for sizing what is built from them. */
  interps = 0;
  exprChars = 0;

  /** @param expected - Numbers to reserve at first (grows by doubling past it). */
  constructor(expected = 1024) {
    // A small document takes the array the last one gave back: allocating a typed array
    // costs more than splitting a note of a few lines (a tenth of W4's one-shot render).
    const reused = spare !== null && spare.length >= expected ? spare : null;
    if (reused !== null) spare = null;
    this.data = reused ?? new Int32Array(Math.max(16, expected));
  }

  /** Gives back the room past the last record (a kept document's buffer is done growing). */
  trim(): void {
    if (this.data.length > this.size) this.data = this.data.slice(0, this.size);
  }

  /** Gives the array back for the next document to reuse (this buffer is not used again). */
  release(): void {
    if (this.data.length <= LARGEST_SPARE && (spare === null || spare.length < this.data.length)) {
      spare = this.data;
    }
    this.size = 0;
  }

  text(start: number, end: number): void {
    const at = this.reserve(3);
    const d = this.data;
    d[at] = PieceKind.Text;
    d[at + 1] = start;
    d[at + 2] = end;
  }

  interp(start: number, end: number, exprStart: number, exprEnd: number): void {
    const at = this.reserve(3);
    const d = this.data;
    this.exprChars += exprEnd - exprStart;
    d[at] = PieceKind.Interp;
    d[at + 1] = start;
    d[at + 2] = end;
    this.interps++;
  }

  textThenInterp(textStart: number, start: number, end: number, exprStart: number, exprEnd: number): void {
    if (start > textStart) {
      const at = this.reserve(6);
      const d = this.data;
      d[at] = PieceKind.Text;
      d[at + 1] = textStart;
      d[at + 2] = start;
      d[at + 3] = PieceKind.Interp;
      d[at + 4] = start;
      d[at + 5] = end;
      this.exprChars += exprEnd - exprStart;
      this.interps++;
      return;
    }
    this.interp(start, end, exprStart, exprEnd);
  }

  code(piece: CodePiece): void {
    const at = this.reserve(2);
    this.data[at] = PieceKind.Code;
    this.data[at + 1] = this.codes.length;
    this.codes.push(piece);
  }

  // ── reading ────────────────────────────────────────────────────────────────

  /** The kind of the record at `at`. */
  kind(at: number): number {
    return (this.data[at] as number) & KIND_MASK;
  }
  /** Where the next record starts. */
  next(at: number): number {
    return at + SIZE[((this.data[at] as number) & KIND_MASK) as 0 | 1 | 2 | 3];
  }
  /** The records themselves, for code that reads many of them (a text run): valid until the buffer grows or is released. */
  get records(): Int32Array {
    return this.data;
  }
  /** A text or interpolation record's start and end (an interpolation's braces included). */
  start(at: number): number {
    return this.data[at + 1] as number;
  }
  end(at: number): number {
    return this.data[at + 2] as number;
  }
  /** An interpolation record's expression: inside its braces. */
  exprStart(at: number): number {
    return (this.data[at + 1] as number) + 2;
  }
  exprEnd(at: number): number {
    return (this.data[at + 2] as number) - 2;
  }
  /**
   * Marks the interpolation record at `at` as a lone name or an expression (`kind`, a
   * {@link PieceKind}), and gives it `index`: of its name or expression in its text run.
   */
  setInterp(at: number, kind: typeof PieceKind.Name | typeof PieceKind.Expr, index: number): void {
    this.data[at] = kind | (index << KIND_BITS);
  }
  /** A code record's piece. */
  codeAt(at: number): CodePiece {
    return this.codes[this.data[at + 1] as number] as CodePiece;
  }

  /** Room for a record of `n` numbers; returns where it starts. */
  private reserve(n: number): number {
    const at = this.size;
    if (at + n > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, at + n));
      grown.set(this.data);
      this.data = grown;
    }
    this.size = at + n;
    return at;
  }
}
