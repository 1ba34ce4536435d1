/**
 * What the parser builds into: one source file's nodes, functions and errors.
 * @module
 */
import type { LineMap } from "./location.js";
import type { NameKey, NameTable } from "./names.js";
import type { NodeId, NodeStore } from "./nodes.js";

/** A function or lambda: its parameters and body, and what the resolver learns about its frame. */
export interface FunctionInfo {
  name: string;
  /** Name nodes of the parameters, in order. */
  params: NodeId[];
  /** A Block for functions; an expression for lambdas with an expression body. */
  body: NodeId;
  exprBody: boolean;
  /** The FunctionDecl or Lambda node. */
  node: NodeId;
  /** Slots in the frame (parameters first). Set by the resolver. */
  frameSize: number;
  /** For each captured variable: where the creating frame keeps its cell (local slot, or its own capture index). */
  captures: { fromLocal: boolean; index: number }[];
  /** Local slots (parameters included) that other functions capture, so they live in cells. */
  cellSlots: number[];
  /** FunctionDecl statements directly in the body, bound (hoisted) when a call starts. */
  decls: NodeId[];
}

/** A syntax error before it becomes an XmdError. */
export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
  hint?: string;
}

/** One source file being parsed. */
export interface ParseUnit {
  readonly source: string;
  readonly file: string;
  readonly lines: LineMap;
  readonly nodes: NodeStore;
  readonly names: NameTable;
  readonly functions: FunctionInfo[];
  /** Names that take arguments without parentheses. */
  readonly callees: Set<NameKey>;
  readonly problems: SyntaxProblem[];
  /**
   * Import and ImportExpr nodes that run whenever the module runs (not inside a block, a
   * branch, a lambda or a classic if/for span), in source order: what a check that does
   * not run the code can hold the document to.
   */
  readonly imports: NodeId[];
  /** Classic if/for spans open around the code being parsed (set by the document builder). */
  openSpans: number;
}
