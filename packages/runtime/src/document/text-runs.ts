/**
 * Text runs: the markdown text and `{{ }}` between two code pieces become one TextRun node,
 * whatever their number. The pieces stay records of the splitter's piece buffer, which the
 * compiled run reads directly (from where to where: the program's `runs`); the tree gets only what the resolver must see: the run's
 * distinct `{{ name }}` names (one Name node per name, not per use) and the expressions of
 * its other `{{ }}`. A page of a hundred thousand lines of text and `{{ name }}` is then a
 * handful of nodes, where a node per piece made 400 000 of them, each created, resolved and
 * compiled (half of the time of rendering such a page once).
 * @module
 */
import { KIND_BITS, type PieceBuffer, PieceKind } from "../markdown/piece-buffer.js";
import { SEED_NAMES } from "../syntax/keywords.js";
import type { NameKey } from "../syntax/names.js";
import { TextRunNode } from "../syntax/node-fields.js";
import { N, NONE, type NodeId } from "../syntax/nodes.js";
import { parseExpressionRange } from "../syntax/parser/index.js";
import type { ParseUnit } from "../syntax/unit.js";

/** Ids below this are keywords and contextual words: a lone one may be more than a name (`print`). */
const SEED_COUNT = SEED_NAMES.length;

/**
 * Entries of the cache of `{{ }}` texts already seen in the run (see
 * {@link TextRunMaker.nameRef}), a power of two. A miss only costs reading the name again.
 */
const NAME_CACHE = 32;

const KIND_MASK = (1 << KIND_BITS) - 1;

// The cache's arrays, shared by every maker: a document is built by one at a time (its
// build loads no other document), and each run clears them when it opens. Made once: a
// typed array per document costs more than building a note of a few lines.
const RAW_NAMES = new Int32Array(NAME_CACHE);
const RAW_STARTS = new Int32Array(NAME_CACHE);
const RAW_ENDS = new Int32Array(NAME_CACHE);

/** Makes the text runs of a document, one at a time (see the module note). */
export class TextRunMaker {
  /** The run being made (NONE: none yet, while only empty text was read). */
  private node: NodeId = NONE;
  private lastName: NodeId = NONE;
  private lastExpr: NodeId = NONE;
  private names = 0;
  private exprs = 0;
  /** Where each run's records start and end in the piece buffer, two numbers per run (its node's `run`). */
  readonly runs: number[] = [];
  /** The run's names: each one's key → its index among them, so that a name has one Name node per run. */
  private readonly nameIndex = new Map<NameKey, number>();
  /** Cache of the texts between braces seen (`{{ name }}` with its blanks): slot → name index (-1: none), and where that text was. */
  private readonly rawNames = RAW_NAMES;
  private readonly rawStarts = RAW_STARTS;
  private readonly rawEnds = RAW_ENDS;

  constructor(
    private readonly unit: ParseUnit,
    private readonly pieces: PieceBuffer,
  ) {}

  /**
   * Reads the text and interpolation records from `at` up to the next code record (or the
   * end), one loop over the records, and makes their run; returns where it stopped. The
   * run's node, for the caller to append to its block, is then {@link made}: NONE when the
   * records held only empty text, which makes no run.
   *
   * Text before `textFrom` is left out (the blank line a block above owns, front matter
   * being stripped), and so is a `{{ }}` before `skip` (in stripped front matter): their
   * records are cut, or made empty text, where they are.
   */
  read(at: number, textFrom = 0, skip = 0): number {
    const pieces = this.pieces;
    const records = pieces.records;
    const size = pieces.size;
    this.node = NONE;
    this.lastName = NONE;
    this.lastExpr = NONE;
    this.names = 0;
    this.exprs = 0;
    let p = at;
    let end = 0;
    while (p < size) {
      let kind = (records[p] as number) & KIND_MASK;
      if (kind === PieceKind.Code) break;
      if (kind === PieceKind.Text) {
        if ((records[p + 1] as number) < textFrom)
          records[p + 1] = Math.min(textFrom, records[p + 2] as number);
      } else if ((records[p + 1] as number) < skip) {
        records[p] = PieceKind.Text;
        records[p + 1] = records[p + 2] as number;
        kind = PieceKind.Text;
      }
      if (this.node === NONE) {
        // Empty text before anything else opens no run.
        if (kind === PieceKind.Text && (records[p + 2] as number) <= (records[p + 1] as number)) {
          p += 3;
          continue;
        }
        this.open(p);
      }
      end = records[p + 2] as number;
      if (kind === PieceKind.Interp) this.interp(p);
      p += 3;
    }
    if (this.node !== NONE) {
      this.unit.nodes.setEnd(this.node, end);
      this.runs[this.runs.length - 1] = p;
    }
    return p;
  }

  /** The node of the run the last {@link read} made, or NONE. */
  get made(): NodeId {
    return this.node;
  }

  /** Starts a run at the record at `at`. */
  private open(at: number): void {
    const nodes = this.unit.nodes;
    const n = nodes.create(N.TextRun, this.pieces.start(at), this.pieces.end(at));
    TextRunNode.setRun(nodes, n, this.runs.length >> 1);
    this.runs.push(at, at);
    this.node = n;
    this.nameIndex.clear();
    this.rawNames.fill(-1);
  }

  /** A `{{ … }}`: a lone name (see {@link loneName}) or an expression, parsed. */
  private interp(at: number): void {
    const pieces = this.pieces;
    const unit = this.unit;
    const exprStart = pieces.exprStart(at);
    const exprEnd = pieces.exprEnd(at);
    const name = this.nameRef(exprStart, exprEnd);
    if (name !== -1) {
      unit.clock.add(exprEnd - exprStart + 1, exprStart);
      pieces.setInterp(at, PieceKind.Name, name);
      return;
    }
    const expr = parseExpressionRange(unit, exprStart, exprEnd);
    if (this.lastExpr === NONE) TextRunNode.setFirstExpr(unit.nodes, this.node, expr);
    else unit.nodes.setNext(this.lastExpr, expr);
    this.lastExpr = expr;
    pieces.setInterp(at, PieceKind.Expr, this.exprs++);
  }

  /**
   * If source[start, end) is a lone name (`{{ name }}`, most of them), its index among the
   * run's names, adding a Name node (made as the parser would make it) for a name the run
   * has not had; else -1. A name here is ASCII letters, digits, `_` and `$`, not a keyword
   * or contextual word (those the parser may read as more than a name: `{{print}}` is a call).
   */
  private nameRef(start: number, end: number): number {
    const unit = this.unit;
    const source = unit.source;
    // The same text between the braces as a `{{ }}` before it (a page repeats a few names,
    // spaced the same way): the same name, found without looking at its characters again.
    const raw =
      end === start
        ? 0
        : (end - start + source.charCodeAt(start) * 7 + source.charCodeAt(end - 1) * 31) & (NAME_CACHE - 1);
    const seen = this.rawNames[raw] as number;
    if (
      seen !== -1 &&
      sameText(source, this.rawStarts[raw] as number, this.rawEnds[raw] as number, start, end)
    )
      return seen;
    const index = this.trimmedNameRef(start, end);
    if (index !== -1) {
      this.rawNames[raw] = index;
      this.rawStarts[raw] = start;
      this.rawEnds[raw] = end;
    }
    return index;
  }

  /** {@link nameRef} for text not seen as such before: the name, less the blanks around it. */
  private trimmedNameRef(start: number, end: number): number {
    const unit = this.unit;
    const source = unit.source;
    let s = start;
    let e = end;
    while (s < e && isBlank(source.charCodeAt(s))) s++;
    while (e > s && isBlank(source.charCodeAt(e - 1))) e--;
    if (s === e || !isNameStart(source.charCodeAt(s))) return -1;
    for (let p = s + 1; p < e; p++) {
      const c = source.charCodeAt(p);
      if (!isNameStart(c) && !isDigit(c)) return -1;
    }
    const names = unit.names;
    const id = names.idOfSlice(source, s, e);
    if (id >= 0 && id < SEED_COUNT) return -1;
    const key = names.keyOf(source, s, e, id);
    const known = this.nameIndex.get(key);
    if (known !== undefined) return known;
    const nodes = unit.nodes;
    const n = nodes.create(N.Name, s, e);
    nodes.setName(n, key);
    if (this.lastName === NONE) TextRunNode.setFirstName(nodes, this.node, n);
    else nodes.setNext(this.lastName, n);
    this.lastName = n;
    const index = this.names++;
    this.nameIndex.set(key, index);
    return index;
  }
}

/** Whether source[a, aEnd) and source[b, bEnd) are the same text. */
function sameText(source: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (source.charCodeAt(a + i) !== source.charCodeAt(b + i)) return false;
  return true;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where the name of a lone `{{ name }}` whose record spans source[start, end) (braces
 * included) is: the text between the braces less the blanks around it, for errors.
 */
export function nameSpan(source: string, start: number, end: number): { start: number; end: number } {
  let s = start + 2;
  let e = end - 2;
  while (s < e && isBlank(source.charCodeAt(s))) s++;
  while (e > s && isBlank(source.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}
