/**
 * Text runs: markdown text and `{{ }}` that follow each other, compiled as one closure
 * over a table instead of a closure per piece. Most of a document is such a run; the
 * table costs a few bytes per piece where closures cost tens, and a long document would
 * otherwise be mostly closures. Text is a range of the source, which the output copies as
 * the source's bytes (or slices, for `render()`'s string).
 * @module
 */
import { NORMAL } from "../eval/eval-base.js";
import { N, NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
import type { SourceBytes } from "../syntax/source-bytes.js";
import { RuntimeFault } from "../values/fault.js";
import type { Expr, Stmt } from "./code.js";

/** What a piece of a run is. */
const TEXT = 0;
/** `{{name}}` of a module global: read inline. */
const GLOBAL = 1;
/** Any other `{{ }}`: its closure. */
const EXPR = 2;

/** Collects a run's pieces (as many as it was made for), then makes its closure. */
export class TextRunBuilder {
  private readonly kinds: Uint8Array;
  /** TEXT: the first UTF-16 offset; GLOBAL: the global's index; EXPR: index in `exprs`. */
  private readonly first: Int32Array;
  /** TEXT: the UTF-16 end; GLOBAL: the Name node, for "'x' is not defined". */
  private readonly second: Int32Array;
  /** The node an error in a `{{ }}` is reported at. */
  private readonly at: Int32Array;
  private readonly exprs: Expr[] = [];
  private count = 0;

  constructor(
    private readonly source: SourceBytes,
    size: number,
  ) {
    this.kinds = new Uint8Array(size);
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.at = new Int32Array(size);
  }

  /** Text: `source[start, end)` (UTF-16 offsets). */
  text(start: number, end: number): void {
    this.push(TEXT, start, end, start);
  }

  global(index: number, name: NodeId, n: NodeId): void {
    this.push(GLOBAL, index, name, n);
  }

  expr(expr: Expr, n: NodeId): void {
    this.push(EXPR, this.exprs.length, NONE, n);
    this.exprs.push(expr);
  }

  private push(kind: number, first: number, second: number, at: NodeId): void {
    const i = this.count++;
    // Typed arrays drop writes past their end without a word: a miscount must not pass.
    if (i >= this.kinds.length) throw new Error(`text run sized for ${this.kinds.length} pieces, given more`);
    this.kinds[i] = kind;
    this.first[i] = first;
    this.second[i] = second;
    this.at[i] = at;
  }

  finish(): Stmt {
    const count = this.count;
    const { kinds, first, second, at, source } = this;
    const exprs = this.exprs;
    return (m) => {
      const toText = m.services.toText;
      const output = m.output;
      let i = 0;
      try {
        for (; i < count; i++) {
          const kind = kinds[i] as number;
          const n = at[i] as number;
          if (kind === TEXT) {
            output.source(source, first[i] as number, second[i] as number);
            continue;
          }
          const v =
            kind === GLOBAL
              ? m.readGlobal(first[i] as number, second[i] as number)
              : (exprs[first[i] as number] as Expr)(m);
          // Converting and writing can fail (the output limit): here, not at the last node
          // that set a location, which can be lines above (a `{{x}}` sets none of its own).
          m.at = n;
          output.text(typeof v === "string" ? v : toText(v));
        }
      } catch (e) {
        // The output limit reached in a text is located at that text.
        if (kinds[i] === TEXT && e instanceof RuntimeFault) {
          throw m.errorAt(e.code, e.message, first[i] as number, second[i] as number, e.hint);
        }
        throw m.toUserError(e);
      }
      return NORMAL;
    };
  }
}
