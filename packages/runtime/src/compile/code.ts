/**
 * What the compiler produces: closures over the machine. An expression becomes an
 * {@link Expr} that returns its value; a statement a {@link Stmt} that returns how it
 * ended (a signal: normal, break, continue, return). Closures take the machine as their
 * argument rather than closing over it, so that a compiled document's closures serve every
 * render, each with a machine of its own.
 * @module
 */
import type { Machine } from "../eval/machine.js";
import type { FunctionInfo } from "../syntax/unit.js";

/** An expression: its value. */
export type Expr = (m: Machine) => unknown;
/** A statement: how it ended (`NORMAL`, `BREAK`, `CONTINUE`, `RETURN`). */
export type Stmt = (m: Machine) => number;
/** A function body run in its frame: the function's result. */
export type Body = (m: Machine) => unknown;
/** Writes a value into a variable. */
export type Store = (m: Machine, value: unknown) => void;

/** Compiles a function's body on its first call. */
export interface BodyCompiler {
  functionBody(info: FunctionInfo): Body;
}

/**
 * The code of one module (or the document): its top level, compiled when the module is
 * prepared, and its functions' bodies, compiled on their first call (a function never
 * called costs no closures) and kept for every later call and render.
 */
export class UnitCode {
  /** Compiled bodies by the function's index in its unit. */
  private readonly bodies: (Body | undefined)[] = [];

  constructor(
    /** The top level: binds the hoisted functions, then runs the blocks in document order. */
    readonly main: Stmt,
    private readonly compiler: BodyCompiler,
  ) {}

  body(info: FunctionInfo): Body {
    let body = this.bodies[info.index];
    if (body === undefined) {
      body = this.compiler.functionBody(info);
      this.bodies[info.index] = body;
    }
    return body;
  }
}
