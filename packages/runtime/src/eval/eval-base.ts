/**
 * The state of a run that compiled code shares: the activation that a call sets and a
 * `catch` restores, the output, the counters, errors located at the node being run, and
 * the limits checked as it runs. `Machine` adds the operations closures call out of line;
 * the closures themselves are made by `compile/`.
 * @module
 */
import { XmdError, type XmdErrorCode } from "../api/error.js";
import type { Limits } from "../api/options.js";
import type { HostContext } from "../host/context.js";
import type { Output, OutputMark } from "../output/output.js";
import type { TextBuilder } from "../output/text-builder.js";
import { TextOutput } from "../output/text-output.js";
import type { NameTable } from "../syntax/names.js";
import { NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
import { Budget, limitFlag, raiseHint, timeLimitMessage } from "../values/budget.js";
import { RuntimeFault } from "../values/fault.js";
import { isJsStackOverflow, resourceLimit } from "../values/resource-limit.js";
import type { Cell } from "./cell.js";
import type { HostFunction, ModuleInstance } from "./functions.js";
import type { Machine } from "./machine.js";
import {
  isValueStackOverflow,
  MIN_STACK_SLOTS,
  SLOTS_PER_CALL,
  type TempStack,
  valueStackSlots,
} from "./temps.js";
import type { VariableStore } from "./variables.js";

/** "a number", "an array": a type name for a sentence. */
export function withArticle(type: string): string {
  return type === "null" ? "null" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * `object[key] = value` as an own property. A document's keys are data: `__proto__` must
 * be a key like any other, never the object's prototype.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else object[key] = value;
}

/** Statement outcomes. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

/** A value thrown by `throw`; `catch err` binds `value`. */
export class ThrownValue extends XmdError {
  constructor(
    readonly value: unknown,
    message: string,
    file: string,
    line: number,
    column: number,
    frame: string,
  ) {
    super("thrown", message, file, line, column, frame);
  }
}

/** What the evaluator needs from the host library and the module loader. */
export interface EvalServices {
  toText(value: unknown): string;
  isTruthy(value: unknown): boolean;
  looseEquals(a: unknown, b: unknown): boolean;
  typeName(value: unknown): string;
  getMember(ctx: HostContext, receiver: unknown, name: string): unknown;
  callMethod(ctx: HostContext, receiver: unknown, name: string, args: unknown[]): unknown;
  globals: ReadonlyMap<string, HostFunction>;
  namespaces: ReadonlyMap<string, { members: ReadonlyMap<string, HostFunction>; call?: HostFunction }>;
  runCommand(ctx: HostContext, commandLine: string): string;
  dataGet(ctx: HostContext, file: string, keys: string[]): unknown;
  dataPut(ctx: HostContext, file: string, keys: string[], value: unknown): void;
}

/** What the evaluator needs from the run that loads modules: the imports. */
export interface ModuleLoader {
  /** `import` as an expression or binding: data for json/yaml, an exports object for modules. */
  importValue(from: ModuleInstance, path: string): unknown;
  /**
   * Classic in-place import: runs the file sharing `from`'s variables; its output goes in
   * place. `fromRootToo`: a path that names no file beside `from` is looked for from the
   * root (the C tool's `@import(path)`, which it read from the folder it ran in).
   */
  importInPlace(from: ModuleInstance, path: string, machine: Machine, fromRootToo?: boolean): void;
  /** Classic `import FILE` as an expression: like in place, but returns the output as text (data files: their data). */
  importText(from: ModuleInstance, path: string, machine: Machine): unknown;
}

/** The register every machine shares (see {@link EvalBase.register}). */
const REGISTER = new Float64Array(1);

/** The state of a run and the helpers every part of the evaluator uses. */
export class EvalBase {
  /** The module whose code is running. */
  module!: ModuleInstance;
  // The activation: what a call sets (invoke), a module run saves (runModule) and a
  // `catch` restores (`try` in compile/statements.ts), together.
  /** Where the running function's frame starts on the value stack. */
  base = 0;
  /** The running closure's captured cells. */
  cells: readonly Cell[] = [];
  /** Frame handles pushed by calls, so a catch can unwind them in order. */
  readonly frames: number[] = [];
  /** Nested calls now. */
  depth = 0;
  /** Whether the code piece running is inline (see `Placement`). */
  inline = false;
  /** Output length when the run of blocks now running began (see `PieceNode`). */
  chainMark = 0;
  /** What ends a printed line: the document's own line ending, so CRLF files stay CRLF. */
  newline = "\n";
  /** The node being evaluated, for error locations. */
  at: NodeId = NONE;
  /** Loop steps run (limit maxIterations). */
  private iterations = 0;
  /** Loop steps and calls, for the checks every 1 024 of them (see {@link checkBudget}). */
  ticks = 0;
  /** `limits.maxStringLength`, read by compiled code that joins text inline. */
  readonly maxStringLength: number;
  /** The run's time, heap, list and string budget, shared with the builtins it calls. */
  readonly budget: Budget;
  /**
   * Where the output goes, limited to `maxOutputBytes`: strings for `render()`, pooled
   * UTF-8 chunks for the byte forms (the run's, given to the constructor).
   */
  output: Output;
  /** Frame slots created (variables that live on the stack). */
  frameSlots = 0;
  /** Values evaluation allocates on the JS heap: lists, objects, closures, argument lists, built strings. */
  heapValues = 0;
  /**
   * Where a printed part's arithmetic leaves its number (see `numericPart` in
   * `compile/expressions.ts`): a number returned from a closure is a heap object unless it
   * is a small integer, one written here is not. One for every machine: it is read right
   * after it is written, with no code run between.
   */
  readonly register = REGISTER;

  constructor(
    readonly nodes: NodeStore,
    readonly names: NameTable,
    readonly stack: TempStack,
    readonly vars: VariableStore,
    readonly limits: Limits,
    readonly services: EvalServices,
    readonly loader: ModuleLoader,
    /** When the time limit runs out (`Date.now()` ms), shared with host work such as exec. */
    deadline: number,
    /** The run's output; a string output of its own when none is given (an evaluator used alone). */
    output: Output | null = null,
  ) {
    this.budget = new Budget(limits, deadline);
    this.maxStringLength = limits.maxStringLength;
    this.output = output ?? new TextOutput(limits.maxOutputBytes);
  }

  // ── output ─────────────────────────────────────────────────────────────────

  /** Writes text to the output (for the byte forms, encoded once into the output's chunks). */
  emit(text: string): void {
    try {
      this.output.text(text);
    } catch (e) {
      // The output limit: located here, at the node that passed it.
      throw this.toUserError(e);
    }
  }

  /** Writes the text a variable's builder holds (see `output/text-builder.ts`). */
  emitBuilder(builder: TextBuilder): void {
    try {
      this.output.builder(builder);
    } catch (e) {
      throw this.toUserError(e);
    }
  }

  /**
   * Writes source[start, end) of the running module, static markdown, to the output: for
   * the byte forms a copy of the source's own UTF-8 bytes, never encoded again; for
   * `render()` a slice of its text. The output limit reached here is located at that text.
   */
  emitSource(start: number, end: number): void {
    try {
      this.output.source(this.module.unit.bytes, start, end);
    } catch (e) {
      if (!(e instanceof RuntimeFault)) throw e;
      throw this.errorAt(e.code, e.message, start, end, e.hint);
    }
  }

  /** Where the output is now, to {@link takeOutputSince} later. */
  outputMark(): OutputMark {
    return this.output.mark();
  }

  /**
   * Takes back everything emitted since `mark` (a module's own output, text captured by a
   * classic `set x = import …`) and returns it; it no longer counts against the output
   * limit. Marks are closed innermost first.
   */
  takeOutputSince(mark: OutputMark): string {
    return this.output.takeSince(mark);
  }

  // ── errors ─────────────────────────────────────────────────────────────────

  error(code: XmdErrorCode, message: string, n: NodeId, hint?: string): XmdError {
    const start = n === NONE ? 0 : this.nodes.start(n);
    const end = n === NONE ? 0 : this.nodes.end(n);
    return this.errorAt(code, message, start, end, hint);
  }

  /** An error at source[start, end) of the running module (text, which has no node of its own). */
  errorAt(code: XmdErrorCode, message: string, start: number, end: number, hint?: string): XmdError {
    const unit = this.module.unit;
    const { line, column } = unit.lines.position(start);
    return new XmdError(code, message, unit.file, line, column, unit.lines.frame(start, end), hint);
  }

  /** Turns what a builtin threw into an XmdError at the current node. */
  fault(e: unknown): XmdError {
    const located = this.toUserError(e);
    if (located instanceof XmdError) return located;
    const message = e instanceof Error ? e.message : String(e);
    return this.error("runtime", message, this.at);
  }

  /**
   * What reaches the user from a failed run: an XmdError located at the node being run
   * in the module being run. A JS error that is not a bug in XMD (the JS stack running
   * out, a value too large for memory, a full pool) becomes the limit it is; anything
   * else is left as it is, to be reported as an internal error.
   */
  toUserError(e: unknown): unknown {
    const n = this.at;
    return n === NONE
      ? this.toUserErrorAt(e, 0, 0)
      : this.toUserErrorAt(e, this.nodes.start(n), this.nodes.end(n));
  }

  /** {@link toUserError}, located at source[start, end) rather than at the node being run (a piece of a text run). */
  toUserErrorAt(e: unknown, start: number, end: number): unknown {
    if (e instanceof XmdError) return e;
    if (e instanceof RuntimeFault) {
      const error = this.errorAt(e.code, e.message, start, end, e.hint);
      error.command = e.command;
      return error;
    }
    if (isJsStackOverflow(e)) return this.jsStackError(start, end);
    if (isValueStackOverflow(e)) return this.stackFullError(start, end);
    const limit = resourceLimit(e, this.limits.maxPoolSlots);
    return limit === null ? e : this.errorAt("limit", limit.message, start, end, limit.hint);
  }

  private jsStackError(start: number, end: number): XmdError {
    return this.errorAt(
      "limit",
      `call depth exceeded: the JavaScript stack ran out at ${this.depth} nested calls, before maxCallDepth (${this.limits.maxCallDepth})`,
      start,
      end,
      "deep recursion is bounded by the stack of the thread that renders; rewrite it as a loop, or render with the xmd command, which sizes its stack from --max-depth",
    );
  }

  /** An error from an import: if it arose inside the imported file, note this import site. */
  importFailed(e: unknown, n: NodeId): XmdError {
    const error = this.fault(e);
    const unit = this.module.unit;
    if (error.file !== unit.file) {
      const { line, column } = unit.lines.position(this.nodes.start(n));
      error.importedFrom.push({ file: unit.file, line, column });
    }
    return error;
  }

  /** The call depth limit reached, located at source[start, end) (by default, at the node being run). */
  depthError(start?: number, end?: number): XmdError {
    return this.limitHere(
      `call depth exceeded: more than ${this.limits.maxCallDepth} nested calls (limit maxCallDepth)`,
      `look for a recursion without a base case, or ${raiseHint("maxCallDepth")}`,
      start,
      end,
    );
  }

  /**
   * The value stack ran full before maxCallDepth was reached: the calls' variables, not
   * their number, filled it (a recursive function with hundreds of variables).
   */
  stackFullError(start?: number, end?: number): XmdError {
    const max = this.limits.maxCallDepth;
    return this.limitHere(
      `call depth exceeded: the variables of ${this.depth} nested calls fill the value stack ` +
        `(${valueStackSlots(max)} slots), before maxCallDepth (${max})`,
      `each call keeps its variables there, ${SLOTS_PER_CALL} slots for each call maxCallDepth allows ` +
        `and at least ${MIN_STACK_SLOTS}: give the recursive function fewer variables or rewrite it as a loop; ` +
        `maxCallDepth above ${MIN_STACK_SLOTS / SLOTS_PER_CALL} makes the stack larger (${limitFlag("maxCallDepth")}, limits.maxCallDepth in the API)`,
      start,
      end,
    );
  }

  /** A limit error at source[start, end), or at the node being run. */
  private limitHere(message: string, hint: string, start?: number, end?: number): XmdError {
    const n = this.at;
    const from = start ?? (n === NONE ? 0 : this.nodes.start(n));
    const to = end ?? (n === NONE ? 0 : this.nodes.end(n));
    return this.errorAt("limit", message, from, to, hint);
  }

  // ── limits checked as it runs ──────────────────────────────────────────────

  /** One loop step, counted against maxIterations. */
  tick(n: NodeId): void {
    if (++this.iterations > this.limits.maxIterations) {
      throw this.error(
        "limit",
        `loop limit reached: more than ${this.limits.maxIterations} iterations (limit maxIterations)`,
        n,
        `look for a loop whose condition never becomes false, or ${raiseHint("maxIterations")}`,
      );
    }
    if ((++this.ticks & 1023) === 0) this.checkBudget(n);
  }

  /** The clock after a builtin call: one call can take long (a join of millions, a command). */
  checkClock(n: NodeId): void {
    if (Date.now() > this.budget.deadline) {
      throw this.error("limit", timeLimitMessage(this.limits.timeoutMs), n, raiseHint("timeoutMs"));
    }
  }

  /** Every 1 024 loop steps and calls: the clock and the heap (see `Budget`). */
  checkBudget(n: NodeId): void {
    try {
      this.budget.check();
    } catch (e) {
      if (e instanceof RuntimeFault) throw this.error(e.code, e.message, n, e.hint);
      throw e;
    }
  }

  /** `a + b` for text, after checking the length it would have (maxStringLength). */
  joinText(a: string, b: string): string {
    // No bytes counted toward the heap check: V8 joins long strings as a pair of
    // pointers (a cons string); the length is what must be bounded.
    const length = a.length + b.length;
    if (length > this.maxStringLength) this.budget.string(length, "joining text");
    return a + b;
  }
}
