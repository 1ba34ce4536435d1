/**
 * Text runs: markdown text and `{{ }}` that follow each other, compiled as one closure
 * over a table instead of a closure per piece. Most of a document is such a run; the
 * table costs a few bytes per piece where closures cost tens, and a long document would
 * otherwise be mostly closures.
 * @module
 */
import { NORMAL } from "../eval/eval-base.js";
import { N, NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
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
  /** TEXT: index in `texts`; GLOBAL: the global's index; EXPR: index in `exprs`. */
  private values: number[] = [];
  /** The node an error in the piece is reported at. */
  private at: number[] = [];
  /** For GLOBAL: the Name node, for "'x' is not defined". */
  private names: number[] = [];
  private readonly texts: string[] = [];
  private readonly exprs: Expr[] = [];

  text(text: string, n: NodeId): void {
    this.push(TEXT, this.texts.length, n, NONE);
    this.texts.push(text);
  }

  global(index: number, name: NodeId, n: NodeId): void {
    this.push(GLOBAL, index, n, name);
  }

  expr(expr: Expr, n: NodeId): void {
    this.push(EXPR, this.exprs.length, n, NONE);
    this.exprs.push(expr);
  }

  private push(kind: number, value: number, at: NodeId, name: NodeId): void {
    this.kinds.push(kind);
    this.values.push(value);
    this.at.push(at);
    this.names.push(name);
  }

  finish(): Stmt {
    const count = this.kinds.length;
    const kinds = Uint8Array.from(this.kinds);
    const values = Int32Array.from(this.values);
    const at = Int32Array.from(this.at);
    const names = Int32Array.from(this.names);
    const texts = this.texts;
    const exprs = this.exprs;
    return (m) => {
      const toText = m.services.toText;
      for (let i = 0; i < count; i++) {
        const kind = kinds[i] as number;
        const n = at[i] as number;
        if (kind === TEXT) {
          m.at = n; // the output limit may stop the document here
          m.emit(texts[values[i] as number] as string);
          continue;
        }
        const v =
          kind === GLOBAL
            ? m.readGlobal(values[i] as number, names[i] as number)
            : (exprs[values[i] as number] as Expr)(m);
        // Converting and emitting can fail (the output limit): here, not at the last node
        // that set a location, which can be lines above (a `{{x}}` sets none of its own).
        m.at = n;
        m.emit(typeof v === "string" ? v : toText(v));
      }
      return NORMAL;
    };
  }
}
