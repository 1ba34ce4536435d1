/**
 * Text runs: markdown text and `{{ }}` that follow each other, compiled as one closure
 * over a table instead of a closure per piece. Most of a document is such a run; the
 * table costs a few bytes per piece where closures cost tens, and a long document would
 * otherwise be mostly closures. Text is a byte range of the source, copied into the
 * output as it is.
 * @module
 */
import { NORMAL } from "../eval/eval-base.js";
import { N, NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
import type { SourceBytes } from "../syntax/source-bytes.js";
import type { Expr, Stmt } from "./code.js";

/** What a piece of a run is. */
const TEXT = 0;
/** `{{name}}` of a module global: read inline. */
const GLOBAL = 1;
/** Any other `{{ }}`: its closure. */
const EXPR = 2;

/** Whether `n` is markdown text or a `{{ }}`. */
export function isText(nodes: NodeStore, n: NodeId): boolean {
  if (n === NONE) return false;
  const kind = nodes.kind(n);
  return kind === N.Emit || kind === N.EmitExpr;
}

/** Collects a run's pieces, then makes its closure. */
export class TextRunBuilder {
  private kinds: number[] = [];
  /** TEXT: the first byte; GLOBAL: the global's index; EXPR: index in `exprs`. */
  private first: number[] = [];
  /** TEXT: the byte after the last; GLOBAL: the Name node, for "'x' is not defined". */
  private second: number[] = [];
  /** The node an error in the piece is reported at. */
  private at: number[] = [];
  private readonly exprs: Expr[] = [];

  constructor(private readonly source: SourceBytes) {}

  /** Text: `source[start, end)` (UTF-16 offsets). */
  text(start: number, end: number, n: NodeId): void {
    this.push(TEXT, this.source.byteOffset(start), this.source.byteOffset(end), n);
  }

  global(index: number, name: NodeId, n: NodeId): void {
    this.push(GLOBAL, index, name, n);
  }

  expr(expr: Expr, n: NodeId): void {
    this.push(EXPR, this.exprs.length, NONE, n);
    this.exprs.push(expr);
  }

  private push(kind: number, first: number, second: number, at: NodeId): void {
    this.kinds.push(kind);
    this.first.push(first);
    this.second.push(second);
    this.at.push(at);
  }

  finish(): Stmt {
    const count = this.kinds.length;
    const kinds = Uint8Array.from(this.kinds);
    const first = Int32Array.from(this.first);
    const second = Int32Array.from(this.second);
    const at = Int32Array.from(this.at);
    const exprs = this.exprs;
    const bytes = this.source.bytes;
    return (m) => {
      const toText = m.services.toText;
      const output = m.output;
      try {
        for (let i = 0; i < count; i++) {
          const kind = kinds[i] as number;
          const n = at[i] as number;
          if (kind === TEXT) {
            m.at = n; // the output limit may stop the document here
            output.bytes(bytes, first[i] as number, second[i] as number);
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
        throw m.toUserError(e);
      }
      return NORMAL;
    };
  }
}
