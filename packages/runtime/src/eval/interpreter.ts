/**
 * The evaluator: walks the node store. Every expression leaves exactly one value on the
 * temp stack; statements leave it as they found it. Numbers travel unboxed through the
 * stack's float64 column; variables are frame slots (locals), cells (captured locals) or
 * module globals, all resolved to indices before the run.
 * @module
 */
import { XmdError, type XmdErrorCode } from "../api/error.js";
import type { Limits } from "../api/options.js";
import type { HostContext } from "../host/context.js";
import { characterCount } from "../host/text.js";
import { Binding } from "../resolve/bindings.js";
import type { NameKey, NameTable } from "../syntax/names.js";
import {
  ExportNode,
  ForNode,
  FunctionNode,
  ImportNode,
  ListNode,
  MethodCallNode,
  PairNode,
  RangeNode,
  SetNode,
  SpreadNode,
  TryNode,
} from "../syntax/node-fields.js";
import {
  ExportForm,
  ForVars,
  ImportExprForm,
  ImportForm,
  N,
  NONE,
  type NodeId,
  type NodeStore,
  Op,
  Placement,
  SetOp,
} from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { Budget, enterBudget, leaveBudget, raiseHint, timeLimitMessage } from "../values/budget.js";
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import { isJsStackOverflow, resourceLimit } from "../values/resource-limit.js";
import { Cell } from "./cell.js";
import {
  BuiltinFunction,
  type HostFunction,
  type ModuleInstance,
  NamespaceValue,
  UserFunction,
} from "./functions.js";
import { isValueStackOverflow, Tag, type TempStack } from "./temps.js";
import type { VariableStore } from "./variables.js";

/** UTF-8 length of a string. */
function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** "a number", "an array": a type name for a sentence. */
function withArticle(type: string): string {
  return type === "null" ? "null" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * `object[key] = value` as an own property. A document's keys are data: `__proto__` must
 * be a key like any other, never the object's prototype.
 */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else object[key] = value;
}

/** Statement outcomes. */
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;

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
  /** Classic in-place import: runs the file sharing `from`'s variables; its output goes in place. */
  importInPlace(from: ModuleInstance, path: string, interp: Interpreter): void;
  /** Classic `import FILE` as an expression: like in place, but returns the output as text (data files: their data). */
  importText(from: ModuleInstance, path: string, interp: Interpreter): unknown;
}

export class Interpreter {
  /** The module whose code is running. */
  module!: ModuleInstance;
  private base = 0;
  private cells: readonly Cell[] = [];
  /** Frame handles pushed by calls, so a catch can unwind them in order. */
  private readonly frames: number[] = [];
  private depth = 0;
  private inline = false;
  /** What ends a printed line: the document's own line ending, so CRLF files stay CRLF. */
  newline = "\n";
  /** The node being evaluated, for error locations. */
  private at: NodeId = NONE;
  private iterations = 0;
  private ticks = 0;
  /** The run's time, heap, list and string budget, shared with the builtins it calls. */
  readonly budget: Budget;
  /** UTF-16 code units emitted so far. */
  private outputUnits = 0;
  /** UTF-8 bytes emitted so far, counted once the output nears the limit; -1 until then. */
  private outputBytes = -1;
  readonly chunks: string[] = [];
  /** Temporaries produced (allocation accounting). */
  temps = 0;
  /** Frame slots created (variables that live on the stack). */
  frameSlots = 0;
  /** Values evaluation allocates on the JS heap: lists, objects, closures, argument lists, built strings. */
  heapValues = 0;
  /** Builtins looked up so far, by name; made on first use (most renders call none). */
  private builtinCache: Map<string, unknown> | null = null;
  /** Keys of the two builtins the evaluator implements itself (ids when interned, strings in heap mode). */
  private readonly printKey: NameKey;
  private readonly existsKey: NameKey;

  constructor(
    private readonly nodes: NodeStore,
    private readonly names: NameTable,
    private readonly stack: TempStack,
    private readonly vars: VariableStore,
    private readonly limits: Limits,
    private readonly services: EvalServices,
    private readonly loader: ModuleLoader,
    /** When the time limit runs out (`Date.now()` ms), shared with host work such as exec. */
    deadline: number,
  ) {
    this.budget = new Budget(limits, deadline);
    this.printKey = names.keyOfText("print");
    this.existsKey = names.keyOfText("exists");
  }

  // ── entry points ───────────────────────────────────────────────────────────

  /** Runs a module's top-level statements (blocks in document order). */
  runModule(module: ModuleInstance, roots: readonly NodeId[], hoisted: readonly NodeId[]): void {
    const saved = this.module;
    const savedBase = this.base;
    const savedCells = this.cells;
    this.module = module;
    this.cells = [];
    const savedBudget = enterBudget(this.budget);
    try {
      for (const decl of hoisted) this.declareFunction(decl);
      for (const root of roots) {
        const signal = this.execList(root);
        if (signal !== NORMAL) break;
      }
    } catch (e) {
      // Located here, while `module` and `at` still describe where it failed.
      throw this.toUserError(e);
    } finally {
      leaveBudget(savedBudget);
      this.module = saved;
      this.base = savedBase;
      this.cells = savedCells;
    }
  }

  /** Evaluates an expression node and returns its value (for `{{ }}` in imported parts, tests). */
  evaluate(n: NodeId): unknown {
    this.evalExpr(n);
    return this.stack.pop();
  }

  emit(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so counting code units is exact
    // enough until the output could be within 3x of the limit; from then on, count bytes.
    const limit = this.limits.maxOutputBytes;
    this.outputUnits += text.length;
    if (this.outputUnits * 3 > limit) {
      if (this.outputBytes < 0) this.outputBytes = byteLength(this.chunks.join(""));
      this.outputBytes += byteLength(text);
      if (this.outputBytes > limit) {
        throw this.error(
          "limit",
          `output limit reached: more than ${limit} bytes (limit maxOutputBytes)`,
          this.at,
          raiseHint("maxOutputBytes"),
        );
      }
    }
    this.chunks.push(text);
  }

  /** Where the output is now, to {@link takeOutputSince} later. */
  outputMark(): number {
    return this.chunks.length;
  }

  /**
   * Takes back everything emitted since `mark` (a module's own output, text captured by a
   * classic `set x = import …`) and returns it; it no longer counts against the output
   * limit.
   */
  takeOutputSince(mark: number): string {
    const taken = this.chunks.slice(mark).join("");
    this.chunks.length = mark;
    this.outputUnits -= taken.length;
    if (this.outputBytes >= 0) this.outputBytes -= byteLength(taken);
    return taken;
  }

  /** Calls an XMD function from a builtin (map, filter, sort …). */
  callFunction(fn: Callable, args: unknown[]): unknown {
    if (fn instanceof UserFunction) {
      // Arguments past the function's parameters are ignored, as missing ones are null.
      const argc = Math.min(args.length, fn.info.params.length);
      for (let i = 0; i < argc; i++) this.stack.push(args[i]);
      this.invoke(fn, argc);
      return this.stack.pop();
    }
    if (fn instanceof BuiltinFunction) return this.callHost(fn.fn, args);
    throw new RuntimeFault("type", `${this.services.typeName(fn)} is not a function`);
  }

  // ── errors ─────────────────────────────────────────────────────────────────

  error(code: XmdErrorCode, message: string, n: NodeId, hint?: string): XmdError {
    const unit = this.module.unit;
    const start = n === NONE ? 0 : this.nodes.start(n);
    const end = n === NONE ? 0 : this.nodes.end(n);
    const { line, column } = unit.lines.position(start);
    return new XmdError(code, message, unit.file, line, column, unit.lines.frame(start, end), hint);
  }

  /** Turns what a builtin threw into an XmdError at the current node. */
  private fault(e: unknown): XmdError {
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
    if (e instanceof XmdError) return e;
    if (e instanceof RuntimeFault) {
      const error = this.error(e.code, e.message, this.at, e.hint);
      error.command = e.command;
      return error;
    }
    if (isJsStackOverflow(e)) return this.jsStackError();
    if (isValueStackOverflow(e)) return this.depthError();
    const limit = resourceLimit(e, this.limits.maxPoolSlots);
    return limit === null ? e : this.error("limit", limit.message, this.at, limit.hint);
  }

  private jsStackError(): XmdError {
    return this.error(
      "limit",
      `call depth exceeded: the JavaScript stack ran out at ${this.depth} nested calls, before maxCallDepth (${this.limits.maxCallDepth})`,
      this.at,
      "deep recursion is bounded by the stack of the thread that renders; rewrite it as a loop, or render with the xmd command, which sizes its stack from --max-depth",
    );
  }

  /** An error from an import: if it arose inside the imported file, note this import site. */
  private importFailed(e: unknown, n: NodeId): XmdError {
    const error = this.fault(e);
    const unit = this.module.unit;
    if (error.file !== unit.file) {
      const { line, column } = unit.lines.position(this.nodes.start(n));
      error.importedFrom.push({ file: unit.file, line, column });
    }
    return error;
  }

  private depthError(): XmdError {
    return this.error(
      "limit",
      `call depth exceeded: more than ${this.limits.maxCallDepth} nested calls (limit maxCallDepth)`,
      this.at,
      `look for a recursion without a base case, or ${raiseHint("maxCallDepth")}`,
    );
  }

  private tick(n: NodeId): void {
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
  private checkClock(n: NodeId): void {
    if (Date.now() > this.budget.deadline) {
      throw this.error("limit", timeLimitMessage(this.limits.timeoutMs), n, raiseHint("timeoutMs"));
    }
  }

  /** Every 1 024 loop steps and calls: the clock and the heap (see `Budget`). */
  private checkBudget(n: NodeId): void {
    try {
      this.budget.check();
    } catch (e) {
      if (e instanceof RuntimeFault) throw this.error(e.code, e.message, n, e.hint);
      throw e;
    }
  }

  /** `a + b` for text, after checking the length it would have (maxStringLength). */
  private joinText(a: string, b: string): string {
    // No bytes counted toward the heap check: V8 joins long strings as a pair of
    // pointers (a cons string); the length is what must be bounded.
    const length = a.length + b.length;
    if (length > this.limits.maxStringLength) this.budget.string(length, "joining text");
    return a + b;
  }

  // ── statements ─────────────────────────────────────────────────────────────

  /** Runs a sibling list of statements. */
  private execList(first: NodeId): number {
    const nodes = this.nodes;
    for (let s = first; s !== NONE; s = nodes.next(s)) {
      const signal = this.exec(s);
      if (signal !== NORMAL) return signal;
    }
    return NORMAL;
  }

  /**
   * Runs one statement. Here and in the other paths run for every node (`execSet`,
   * `evalExpr`, `evalCall`, `invoke`) the store's fields are read directly, each named in
   * a comment by its accessor in `node-fields.ts`: through the accessors themselves,
   * rendering ran 5–10% slower (in functions this large, their calls use up V8's
   * inlining budget). Paths run once per loop, import or literal use the accessors.
   */
  private exec(n: NodeId): number {
    const nodes = this.nodes;
    const stack = this.stack;
    switch (nodes.kind(n)) {
      case N.Emit:
        this.at = n; // the output limit may stop the document here
        this.emit(nodes.str(n));
        return NORMAL;
      case N.EmitExpr: {
        this.evalExpr(nodes.a(n)); // ExprStmtNode.expr
        // Converting and emitting can fail (the output limit): here, not at the last node
        // that set a location, which can be lines above (a `{{x}}` sets none of its own).
        this.at = n;
        this.emit(this.services.toText(stack.pop()));
        return NORMAL;
      }
      case N.ExprStmt: {
        const e = nodes.a(n); // ExprStmtNode.expr
        this.evalExpr(e);
        const k = nodes.kind(e);
        const top = stack.size - 1;
        // A function named alone on a line is called: `greet` runs greet.
        if ((k === N.Name || k === N.Member) && stack.tagAt(top) === Tag.Ref) {
          const v = stack.refAt(top);
          if (v instanceof UserFunction) {
            stack.drop(1);
            this.at = e;
            this.invoke(v, 0);
          }
        }
        stack.drop(1);
        return NORMAL;
      }
      case N.Set:
        this.execSet(n);
        return NORMAL;
      case N.Block:
        return this.execList(nodes.a(n)); // ListNode.first
      case N.Piece: {
        const saved = this.inline;
        this.inline = nodes.flags(n) === Placement.Inline; // PieceNode.placement
        try {
          return this.execList(nodes.a(nodes.a(n))); // PieceNode.block, ListNode.first
        } finally {
          this.inline = saved;
        }
      }
      case N.If: {
        this.evalExpr(nodes.a(n)); // IfNode.cond
        if (this.truthyPop()) return this.execList(nodes.a(nodes.b(n))); // IfNode.thenBlock, ListNode.first
        const otherwise = nodes.c(n); // IfNode.otherwise
        if (otherwise === NONE) return NORMAL;
        if (nodes.kind(otherwise) === N.If) return this.exec(otherwise); // elif
        return this.execList(nodes.a(otherwise)); // ListNode.first
      }
      case N.For:
        return this.execFor(n);
      case N.While: {
        const body = nodes.a(nodes.b(n)); // WhileNode.body, ListNode.first
        const cond = nodes.a(n); // WhileNode.cond
        for (;;) {
          this.evalExpr(cond);
          if (!this.truthyPop()) return NORMAL;
          this.tick(n);
          const signal = this.execList(body);
          if (signal === BREAK) return NORMAL;
          if (signal === RETURN) return signal;
        }
      }
      case N.Loop: {
        const times = nodes.a(n); // LoopNode.count
        this.evalExpr(times);
        const count = this.numberPop(times, "loop … times");
        if (!Number.isInteger(count)) {
          throw this.error(
            "type",
            `loop … times needs a whole number, got ${count}`,
            times,
            "round it: loop round(n) times",
          );
        }
        const body = nodes.a(nodes.b(n)); // LoopNode.body, ListNode.first
        for (let i = 0; i < count; i++) {
          this.tick(n);
          const signal = this.execList(body);
          if (signal === BREAK) return NORMAL;
          if (signal === RETURN) return signal;
        }
        return NORMAL;
      }
      case N.Break:
        return BREAK;
      case N.Continue:
        return CONTINUE;
      case N.Return: {
        const value = nodes.a(n); // ExprStmtNode.expr
        if (value === NONE) stack.pushNull();
        else this.evalExpr(value);
        return RETURN;
      }
      case N.Throw: {
        this.evalExpr(nodes.a(n)); // ExprStmtNode.expr
        const value = stack.pop();
        const unit = this.module.unit;
        const { line, column } = unit.lines.position(nodes.start(n));
        throw new ThrownValue(
          value,
          this.services.toText(value),
          unit.file,
          line,
          column,
          unit.lines.frame(nodes.start(n), nodes.end(n)),
        );
      }
      case N.Try:
        return this.execTry(n);
      case N.FunctionDecl:
        // Hoisted: already bound when its module or function started.
        return NORMAL;
      case N.Import:
        this.execImport(n);
        return NORMAL;
      case N.Export:
        return this.execExport(n);
      case N.ExecStmt: {
        this.evalExpr(nodes.a(n)); // ExprStmtNode.expr
        const out = this.services.toText(stack.pop());
        this.at = n;
        // A command that prints nothing leaves nothing, like a block that prints nothing.
        if (out !== "") this.emit(this.inline ? out : out + this.newline);
        return NORMAL;
      }
      default:
        throw this.error("runtime", `cannot run this statement (node kind ${nodes.kind(n)})`, n);
    }
  }

  private truthyPop(): boolean {
    const stack = this.stack;
    const top = stack.size - 1;
    const tag = stack.tagAt(top);
    if (tag === Tag.Bool) {
      const b = stack.pop() as boolean;
      return b;
    }
    if (tag === Tag.Number) {
      const x = stack.popNumber();
      return x !== 0 && !Number.isNaN(x);
    }
    return this.services.isTruthy(stack.pop());
  }

  private numberPop(at: NodeId, what: string): number {
    const stack = this.stack;
    if (stack.tagAt(stack.size - 1) === Tag.Number) return stack.popNumber();
    const v = stack.pop();
    throw this.error("type", `${what} needs a number, got ${this.services.typeName(v)}`, at);
  }

  private execSet(n: NodeId): void {
    const nodes = this.nodes;
    const target = nodes.a(n); // SetNode.target
    const expr = nodes.b(n); // SetNode.value
    const op = nodes.flags(n); // SetNode.op
    if (nodes.kind(target) === N.Name) {
      if (op !== SetOp.Assign) {
        this.evalName(target);
        this.evalExpr(expr);
        this.at = n;
        this.binaryOp(op === SetOp.Add ? Op.Add : Op.Sub);
      } else this.evalExpr(expr);
      this.storeName(target);
      return;
    }
    // Member or index assignment: object.key = value, list[i] = value (a Member's object
    // is where an Index's is).
    this.evalExpr(nodes.a(target)); // MemberNode.object, IndexNode.object
    const container = this.stack.pop();
    let key: unknown;
    if (nodes.kind(target) === N.Member) key = nodes.str(target);
    else {
      this.evalExpr(nodes.b(target)); // IndexNode.index
      key = this.stack.pop();
    }
    if (op !== SetOp.Assign) {
      this.stack.push(this.readKey(container, key, target));
      this.evalExpr(expr);
      this.binaryOp(op === SetOp.Add ? Op.Add : Op.Sub);
    } else this.evalExpr(expr);
    const value = this.stack.pop();
    this.at = target;
    if (Array.isArray(container) && typeof key === "number") {
      if (!Number.isInteger(key) || key < 0)
        throw this.error("type", `list index must be a whole number ≥ 0, got ${key}`, target);
      if (key >= container.length) this.budget.index(key);
      container[key] = value;
    } else if (
      container !== null &&
      typeof container === "object" &&
      !Array.isArray(container) &&
      !(container instanceof Date)
    ) {
      setOwn(container as Record<string, unknown>, this.services.toText(key), value);
    } else {
      throw this.error(
        "type",
        `cannot set '${this.services.toText(key)}' on ${this.services.typeName(container)}`,
        target,
      );
    }
  }

  /** Pops the top of the stack into the variable a Name node is bound to. */
  private storeName(name: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    const slot = nodes.slot(name);
    switch (nodes.binding(name)) {
      case Binding.Global:
        this.vars.popInto(this.globalVar(slot), stack);
        return;
      case Binding.Local: {
        const top = stack.size - 1;
        const i = this.base + slot;
        if (stack.tagAt(top) === Tag.Number) stack.setNumber(i, stack.numberAt(top));
        else stack.set(i, stack.get(top));
        stack.drop(1);
        return;
      }
      case Binding.LocalCell:
        (stack.refAt(this.base + slot) as Cell).value = stack.pop();
        return;
      case Binding.Capture:
        (this.cells[slot] as Cell).value = stack.pop();
        return;
      default:
        throw this.error(
          "runtime",
          `cannot assign to the builtin '${this.names.textOf(nodes.name(name))}'`,
          name,
        );
    }
  }

  private assignValue(name: NodeId, value: unknown): void {
    this.stack.push(value);
    this.storeName(name);
  }

  private globalVar(index: number): number {
    const vars = this.module.globalVars;
    let v = vars[index];
    if (v === undefined || v === -1) {
      v = this.vars.create();
      while (vars.length < index) vars.push(-1);
      vars[index] = v;
    }
    return v;
  }

  private execFor(n: NodeId): number {
    const nodes = this.nodes;
    const stack = this.stack;
    const first = ForNode.firstVar(nodes, n);
    const second = ForNode.vars(nodes, n) === ForVars.Two ? nodes.next(first) : NONE;
    const body = ListNode.first(nodes, ForNode.body(nodes, n));
    const iterable = ForNode.iterable(nodes, n);
    // `for i in a .. b`: count without building a list.
    if (nodes.kind(iterable) === N.Range && second === NONE) {
      const fromNode = RangeNode.from(nodes, iterable);
      const toNode = RangeNode.to(nodes, iterable);
      this.evalExpr(fromNode);
      const from = this.numberPop(fromNode, "a range");
      this.evalExpr(toNode);
      const to = this.numberPop(toNode, "a range");
      const step = from <= to ? 1 : -1;
      for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
        this.tick(n);
        stack.pushNumber(i);
        this.storeName(first);
        const signal = this.execList(body);
        if (signal === BREAK) return NORMAL;
        if (signal === RETURN) return signal;
      }
      return NORMAL;
    }
    this.evalExpr(iterable);
    const value = stack.pop();
    this.at = iterable;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.tick(n);
        if (second === NONE) this.assignValue(first, value[i]);
        else {
          stack.pushNumber(i);
          this.storeName(first);
          this.assignValue(second, value[i]);
        }
        const signal = this.execList(body);
        if (signal === BREAK) return NORMAL;
        if (signal === RETURN) return signal;
      }
      return NORMAL;
    }
    if (typeof value === "string") return this.execForText(n, value, first, second, body);
    if (
      value !== null &&
      typeof value === "object" &&
      !(value instanceof Date) &&
      !(value instanceof Callable)
    ) {
      for (const key of Object.keys(value)) {
        this.tick(n);
        this.assignValue(first, key);
        if (second !== NONE) this.assignValue(second, (value as Record<string, unknown>)[key]);
        const signal = this.execList(body);
        if (signal === BREAK) return NORMAL;
        if (signal === RETURN) return signal;
      }
      return NORMAL;
    }
    if (typeof value === "number") {
      // `for i in 3` counts 0, 1, 2.
      for (let i = 0; i < value; i++) {
        this.tick(n);
        stack.pushNumber(i);
        this.storeName(first);
        const signal = this.execList(body);
        if (signal === BREAK) return NORMAL;
        if (signal === RETURN) return signal;
      }
      return NORMAL;
    }
    throw this.error(
      "type",
      `cannot loop over ${this.services.typeName(value)}`,
      iterable,
      "loop over a list, an object, a string or a range like 1 .. 5",
    );
  }

  /** `for c in text` / `for i, c in text`: by character (code point), without making a list of them first. */
  private execForText(n: NodeId, text: string, first: NodeId, second: NodeId, body: NodeId): number {
    let i = 0;
    for (const ch of text) {
      this.tick(n);
      if (second === NONE) this.assignValue(first, ch);
      else {
        this.stack.pushNumber(i++);
        this.storeName(first);
        this.assignValue(second, ch);
      }
      const signal = this.execList(body);
      if (signal === BREAK) return NORMAL;
      if (signal === RETURN) return signal;
    }
    return NORMAL;
  }

  private execTry(n: NodeId): number {
    const nodes = this.nodes;
    const stack = this.stack;
    const size = stack.size;
    const frames = this.frames.length;
    const depth = this.depth;
    const base = this.base;
    const cells = this.cells;
    const module = this.module;
    const inline = this.inline;
    try {
      return this.execList(ListNode.first(nodes, TryNode.body(nodes, n)));
    } catch (e) {
      const error = e instanceof XmdError || e instanceof RuntimeFault ? e : null;
      // A limit, or a check's stop at a command, ends the render: no document may catch it.
      if (error === null || error.code === "limit" || error.code === "exec-stopped") throw e;
      // Unwind what the failed code left: frames in order, then temporaries.
      while (this.frames.length > frames) stack.popFrame(this.frames.pop() as number);
      if (stack.size > size) stack.drop(stack.size - size);
      this.depth = depth;
      this.base = base;
      this.cells = cells;
      this.module = module;
      this.inline = inline;
      const errorName = TryNode.errorName(nodes, n);
      if (errorName !== NONE)
        this.assignValue(errorName, error instanceof ThrownValue ? error.value : error.message);
      return this.execList(ListNode.first(nodes, TryNode.handler(nodes, n)));
    }
  }

  private execImport(n: NodeId): void {
    const nodes = this.nodes;
    this.evalExpr(ImportNode.path(nodes, n));
    const path = this.services.toText(this.stack.pop());
    this.at = n;
    const form = ImportNode.form(nodes, n);
    if (form === ImportForm.InPlace) {
      try {
        this.loader.importInPlace(this.module, path, this);
      } catch (e) {
        throw this.importFailed(e, n);
      }
      return;
    }
    let value: unknown;
    try {
      value = this.loader.importValue(this.module, path);
    } catch (e) {
      throw this.importFailed(e, n);
    }
    if (form === ImportForm.Module) {
      this.assignValue(ImportNode.bound(nodes, n), value);
      return;
    }
    for (let spec = ImportNode.bound(nodes, n); spec !== NONE; spec = nodes.next(spec)) {
      const exported = nodes.str(spec);
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, exported)) {
        throw this.error("undefined-name", `'${exported}' is not exported by ${path}`, spec);
      }
      this.assignValue(PairNode.value(nodes, spec), (value as Record<string, unknown>)[exported]);
    }
  }

  private execExport(n: NodeId): number {
    const nodes = this.nodes;
    const exports = this.module.exports;
    if (ExportNode.form(nodes, n) === ExportForm.Names) {
      for (let spec = ExportNode.firstName(nodes, n); spec !== NONE; spec = nodes.next(spec)) {
        this.evalName(PairNode.value(nodes, spec));
        exports[nodes.str(spec)] = this.stack.pop();
      }
      return NORMAL;
    }
    const inner = ExportNode.declaration(nodes, n);
    const signal = this.exec(inner);
    // The exported names: the function's, or every variable the set assigned.
    if (nodes.kind(inner) === N.FunctionDecl) {
      const name = FunctionNode.name(nodes, inner);
      this.evalName(name);
      exports[this.names.textOf(nodes.name(name))] = this.stack.pop();
    } else {
      const sets = nodes.kind(inner) === N.Block ? ListNode.first(nodes, inner) : inner;
      for (let s = sets; s !== NONE; s = nodes.kind(inner) === N.Block ? nodes.next(s) : NONE) {
        const target = SetNode.target(nodes, s);
        if (nodes.kind(target) === N.Name) {
          this.evalName(target);
          exports[this.names.textOf(nodes.name(target))] = this.stack.pop();
        }
      }
    }
    return signal;
  }

  /** Binds a FunctionDecl's name to a new function value (hoisting). */
  declareFunction(decl: NodeId): void {
    const nodes = this.nodes;
    const info = this.module.unit.functions[FunctionNode.info(nodes, decl)] as FunctionInfo;
    this.stack.pushRef(this.makeFunction(info));
    this.storeName(FunctionNode.name(nodes, decl));
  }

  private makeFunction(info: FunctionInfo): UserFunction {
    this.heapValues++;
    const cells: Cell[] = [];
    for (const capture of info.captures) {
      cells.push(
        capture.fromLocal
          ? (this.stack.refAt(this.base + capture.index) as Cell)
          : (this.cells[capture.index] as Cell),
      );
    }
    return new UserFunction(info.name, info, this.module, cells);
  }

  // ── calls ──────────────────────────────────────────────────────────────────

  /** Calls a user function whose `argc` arguments are on the stack; leaves the result in their place. */
  private invoke(fn: UserFunction, argc: number): void {
    const stack = this.stack;
    const info = fn.info;
    if (++this.depth > this.limits.maxCallDepth) throw this.depthError();
    if ((++this.ticks & 1023) === 0) this.checkBudget(this.at);
    const argBase = stack.size - argc;
    let frame: number;
    try {
      frame = stack.pushFrame(info.frameSize);
    } catch (e) {
      if (isValueStackOverflow(e)) throw this.depthError();
      throw e;
    }
    this.frames.push(frame);
    this.frameSlots += info.frameSize;
    const base = stack.frameBase(frame);
    const params = info.params.length;
    for (let i = 0; i < params && i < argc; i++) {
      const from = argBase + i;
      if (stack.tagAt(from) === Tag.Number) stack.setNumber(base + i, stack.numberAt(from));
      else stack.set(base + i, stack.get(from));
    }
    // Captured variables live in cells so closures share them.
    const cellSlots = info.cellSlots;
    for (let i = 0; i < cellSlots.length; i++) {
      const slot = cellSlots[i] as number;
      stack.set(base + slot, new Cell(slot < params ? stack.get(base + slot) : null));
    }
    this.heapValues += cellSlots.length;
    const savedBase = this.base;
    const savedCells = this.cells;
    const savedModule = this.module;
    this.base = base;
    this.cells = fn.cells;
    this.module = fn.module;
    let signal: number;
    if (info.exprBody) {
      this.evalExpr(info.body);
      signal = RETURN;
    } else {
      // Functions declared inside are hoisted within the body.
      const decls = info.decls;
      for (let i = 0; i < decls.length; i++) this.declareFunction(decls[i] as NodeId);
      signal = this.execList(this.nodes.a(info.body)); // ListNode.first
      if (signal !== RETURN) stack.pushNull();
    }
    // Move the result below the frame and the arguments.
    const top = stack.size - 1;
    if (stack.tagAt(top) === Tag.Number) {
      const r = stack.numberAt(top);
      stack.popFrame(this.frames.pop() as number);
      stack.drop(stack.size - argBase);
      stack.pushNumber(r);
    } else {
      const r = stack.get(top);
      stack.popFrame(this.frames.pop() as number);
      stack.drop(stack.size - argBase);
      stack.push(r);
    }
    this.base = savedBase;
    this.cells = savedCells;
    this.module = savedModule;
    this.depth--;
  }

  private callHost(fn: HostFunction, args: unknown[]): unknown {
    let result: unknown;
    try {
      result = fn(this.module.ctx, args);
    } catch (e) {
      throw this.fault(e);
    }
    // One builtin call can take long (a join of millions, a command): check the clock
    // after each, not only every 1024 loop steps.
    this.checkClock(this.at);
    return result;
  }

  /**
   * Appends the items `...value` spreads into a list or an argument list: a list's
   * items, or a string's characters (as `for` walks them), after checking the size the
   * list will have (maxListItems). One by one: a JavaScript spread (`push(...items)`)
   * passes every item on the JavaScript stack, which a long list overflows.
   */
  private spreadInto(out: unknown[], value: unknown, at: NodeId): void {
    this.at = at;
    if (Array.isArray(value)) {
      this.budget.list(out.length + value.length, "this spread");
      for (let i = 0; i < value.length; i++) out.push(value[i]);
      return;
    }
    if (typeof value === "string") {
      this.budget.list(out.length + characterCount(value, this.limits.maxListItems), "this spread");
      for (const ch of value) out.push(ch);
      return;
    }
    throw this.notSpreadable(value, at);
  }

  /**
   * `...value` of anything but a list or a string is an error rather than one silent
   * item: `set copy ...user` most likely meant an object copy.
   */
  private notSpreadable(value: unknown, at: NodeId): XmdError {
    const object = value !== null && typeof value === "object" && !(value instanceof Date);
    return this.error(
      "type",
      `only a list or a string can be spread into a list or arguments, not ${withArticle(this.services.typeName(value))}`,
      at,
      object ? "to copy an object, spread it into an object: set copy {...value}" : undefined,
    );
  }

  /** Evaluates an argument list (sibling nodes) into a JS array. */
  private argValues(first: NodeId): unknown[] {
    const nodes = this.nodes;
    this.heapValues++;
    const args: unknown[] = [];
    for (let a = first; a !== NONE; a = nodes.next(a)) {
      if (nodes.kind(a) === N.Spread) {
        this.evalExpr(SpreadNode.operand(nodes, a));
        this.spreadInto(args, this.stack.pop(), a);
      } else {
        this.evalExpr(a);
        args.push(this.stack.pop());
      }
    }
    return args;
  }

  private evalCall(n: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    const callee = nodes.a(n); // CallNode.callee
    const firstArg = nodes.b(n); // CallNode.firstArg
    if (nodes.kind(callee) === N.Name && nodes.binding(callee) === Binding.None) {
      const key = nodes.name(callee);
      if (key === this.printKey) {
        let text: string;
        if (firstArg !== NONE && nodes.next(firstArg) === NONE && nodes.kind(firstArg) !== N.Spread) {
          // One argument, the common case: no argument list.
          this.evalExpr(firstArg);
          this.at = n;
          text = this.services.toText(stack.pop());
        } else {
          const args = this.argValues(firstArg);
          this.at = n;
          text = "";
          for (let i = 0; i < args.length; i++) {
            text = this.joinText(text, (i > 0 ? " " : "") + this.services.toText(args[i]));
          }
        }
        this.emit(this.inline ? text : text + this.newline);
        stack.pushNull();
        return;
      }
      if (key === this.existsKey) {
        const args = this.argValues(firstArg);
        stack.pushBool(this.exists(this.services.toText(args[0] ?? "")));
        return;
      }
    }
    this.evalExpr(callee);
    this.at = n;
    const fn = stack.peek();
    if (fn instanceof UserFunction) {
      stack.drop(1);
      // Arguments past the function's parameters are evaluated and ignored, as missing
      // ones are null: only those it takes go on the stack, however long a spread is.
      const params = fn.info.params.length;
      let argc = 0;
      for (let a = firstArg; a !== NONE; a = nodes.next(a)) {
        if (nodes.kind(a) === N.Spread) {
          this.evalExpr(nodes.a(a)); // SpreadNode.operand
          const value = stack.pop();
          if (Array.isArray(value)) {
            for (let i = 0; i < value.length && argc < params; i++, argc++) stack.push(value[i]);
          } else if (typeof value === "string") {
            for (const ch of value) {
              if (argc >= params) break;
              stack.push(ch);
              argc++;
            }
          } else throw this.notSpreadable(value, a);
        } else {
          this.evalExpr(a);
          if (argc < params) argc++;
          else stack.drop(1);
        }
      }
      this.at = n;
      this.invoke(fn, argc);
      return;
    }
    stack.drop(1);
    const args = this.argValues(firstArg);
    this.at = n;
    if (fn instanceof BuiltinFunction) {
      stack.push(this.callHost(fn.fn, args));
      return;
    }
    if (fn instanceof NamespaceValue && fn.call) {
      stack.push(this.callHost(fn.call, args));
      return;
    }
    const what = nodes.kind(callee) === N.Name ? `'${this.names.textOf(nodes.name(callee))}'` : "this value";
    throw this.error("type", `${what} is ${withArticle(this.services.typeName(fn))}, not a function`, callee);
  }

  private exists(name: string): boolean {
    const key = this.names.keyOfText(name);
    const index = this.module.globals.indexOf(key);
    if (index === undefined) return false;
    const v = this.module.globalVars[index];
    return v !== undefined && v !== -1 && this.vars.isSet(v);
  }

  private evalMethodCall(n: NodeId): void {
    const nodes = this.nodes;
    this.evalExpr(MethodCallNode.receiver(nodes, n));
    const receiver = this.stack.pop();
    const name = nodes.str(n);
    const args = this.argValues(MethodCallNode.firstArg(nodes, n));
    this.at = n;
    if (receiver instanceof NamespaceValue) {
      const member = receiver.members.get(name);
      if (member === undefined) throw this.error("type", `${receiver.name} has no member '${name}'`, n);
      this.stack.push(this.callHost(member, args));
      return;
    }
    if (
      receiver !== null &&
      typeof receiver === "object" &&
      !Array.isArray(receiver) &&
      Object.hasOwn(receiver, name)
    ) {
      const fn = (receiver as Record<string, unknown>)[name];
      if (fn instanceof Callable) {
        let result: unknown;
        try {
          result = this.callFunction(fn, args);
        } catch (e) {
          throw this.fault(e);
        }
        this.stack.push(result);
        return;
      }
    }
    let result: unknown;
    try {
      result = this.services.callMethod(this.module.ctx, receiver, name, args);
    } catch (e) {
      throw this.fault(e);
    }
    this.checkClock(n);
    this.stack.push(result);
  }

  private readKey(container: unknown, key: unknown, at: NodeId): unknown {
    if (Array.isArray(container)) {
      if (typeof key !== "number")
        throw this.error("type", `a list index must be a number, got ${this.services.typeName(key)}`, at);
      return container[key] ?? null;
    }
    if (typeof container === "string") {
      if (typeof key !== "number")
        throw this.error("type", `a string index must be a number, got ${this.services.typeName(key)}`, at);
      return container[key] ?? null;
    }
    if (container !== null && typeof container === "object") {
      const k = this.services.toText(key);
      return Object.hasOwn(container, k) ? (container as Record<string, unknown>)[k] : null;
    }
    throw this.error("type", `cannot index ${this.services.typeName(container)}`, at);
  }

  // ── expressions ────────────────────────────────────────────────────────────

  private evalName(n: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    const slot = nodes.slot(n);
    switch (nodes.binding(n)) {
      case Binding.Local: {
        const i = this.base + slot;
        if (stack.tagAt(i) === Tag.Number) stack.pushNumber(stack.numberAt(i));
        else stack.push(stack.get(i));
        return;
      }
      case Binding.Global: {
        const v = this.module.globalVars[slot];
        if (v === undefined || v === -1 || !this.vars.isSet(v)) throw this.undefinedName(n);
        this.vars.pushOnto(v, stack);
        return;
      }
      case Binding.LocalCell:
        stack.push((stack.refAt(this.base + slot) as Cell).value);
        return;
      case Binding.Capture:
        stack.push((this.cells[slot] as Cell).value);
        return;
      default:
        stack.push(this.builtin(n));
    }
  }

  private undefinedName(n: NodeId): XmdError {
    const name = this.names.textOf(this.nodes.name(n));
    return this.error(
      "undefined-name",
      `'${name}' is not defined`,
      n,
      `set it first (set ${name} …), or test for it with exists("${name}")`,
    );
  }

  private builtin(n: NodeId): unknown {
    const name = this.names.textOf(this.nodes.name(n));
    this.builtinCache ??= new Map();
    let value = this.builtinCache.get(name);
    if (value === undefined) {
      const fn = this.services.globals.get(name);
      const ns = this.services.namespaces.get(name);
      if (fn !== undefined) value = new BuiltinFunction(name, fn);
      else if (ns !== undefined) value = new NamespaceValue(name, ns.members, ns.call);
      else throw this.undefinedName(n);
      this.builtinCache.set(name, value);
    }
    return value;
  }

  private evalExpr(n: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    this.temps++;
    switch (nodes.kind(n)) {
      case N.Num:
        stack.pushNumber(nodes.num(n));
        return;
      case N.Str:
        stack.pushRef(nodes.str(n));
        return;
      case N.True:
        stack.pushBool(true);
        return;
      case N.False:
        stack.pushBool(false);
        return;
      case N.Null:
        stack.pushNull();
        return;
      case N.Name:
        this.evalName(n);
        return;
      case N.Binary:
        this.evalExpr(nodes.a(n)); // BinaryNode.left
        this.evalExpr(nodes.b(n)); // BinaryNode.right
        this.at = n;
        this.binaryOp(nodes.flags(n)); // BinaryNode.op
        return;
      case N.And:
      case N.Or: {
        this.evalExpr(nodes.a(n)); // BinaryNode.left
        const top = stack.size - 1;
        const tag = stack.tagAt(top);
        const truthy =
          tag === Tag.Bool
            ? (stack.get(top) as boolean)
            : tag === Tag.Number
              ? stack.numberAt(top) !== 0
              : this.services.isTruthy(stack.get(top));
        if (truthy === (nodes.kind(n) === N.Or)) return;
        stack.drop(1);
        this.evalExpr(nodes.b(n)); // BinaryNode.right
        return;
      }
      case N.Unary: {
        this.evalExpr(nodes.a(n)); // UnaryNode.operand
        if (nodes.flags(n) === Op.Not) {
          // UnaryNode.op
          stack.pushBool(!this.truthyPop());
          return;
        }
        const top = stack.size - 1;
        if (stack.tagAt(top) === Tag.Number) {
          stack.setNumber(top, -stack.numberAt(top));
          return;
        }
        throw this.error("type", `cannot negate ${this.services.typeName(stack.get(top))}`, n);
      }
      case N.Ternary:
        this.evalExpr(nodes.a(n)); // TernaryNode.cond
        this.evalExpr(this.truthyPop() ? nodes.b(n) : nodes.c(n)); // TernaryNode.ifTrue / ifFalse
        return;
      case N.Call:
        this.evalCall(n);
        return;
      case N.MethodCall:
        this.evalMethodCall(n);
        return;
      case N.Member: {
        this.evalExpr(nodes.a(n)); // MemberNode.object
        const receiver = stack.pop();
        const name = nodes.str(n);
        this.at = n;
        if (receiver instanceof NamespaceValue) {
          const member = receiver.members.get(name);
          if (member === undefined) throw this.error("type", `${receiver.name} has no member '${name}'`, n);
          stack.push(this.callHost(member, []));
          return;
        }
        if (
          receiver !== null &&
          typeof receiver === "object" &&
          !Array.isArray(receiver) &&
          Object.hasOwn(receiver, name)
        ) {
          stack.push((receiver as Record<string, unknown>)[name]);
          return;
        }
        let value: unknown;
        try {
          value = this.services.getMember(this.module.ctx, receiver, name);
        } catch (e) {
          throw this.fault(e);
        }
        stack.push(value);
        return;
      }
      case N.Index: {
        this.evalExpr(nodes.a(n)); // IndexNode.object
        this.evalExpr(nodes.b(n)); // IndexNode.index
        const key = stack.pop();
        const container = stack.pop();
        stack.push(this.readKey(container, key, n));
        return;
      }
      case N.Array:
        this.evalList(n);
        return;
      case N.Object:
        this.evalObject(n);
        return;
      case N.Template:
        this.evalTemplate(n);
        return;
      case N.Range:
        this.evalRange(n);
        return;
      case N.Lambda:
        stack.pushRef(
          this.makeFunction(this.module.unit.functions[nodes.num(n)] as FunctionInfo), // FunctionNode.info
        );
        return;
      case N.ImportExpr: {
        this.evalExpr(nodes.a(n)); // ImportExprNode.path
        const path = this.services.toText(stack.pop());
        this.at = n;
        let value: unknown;
        try {
          value =
            nodes.flags(n) === ImportExprForm.Text // ImportExprNode.form
              ? this.loader.importText(this.module, path, this)
              : this.loader.importValue(this.module, path);
        } catch (e) {
          throw this.importFailed(e, n);
        }
        stack.push(value);
        return;
      }
      case N.Exec: {
        this.evalExpr(nodes.a(n)); // ExecNode.command
        const command = this.services.toText(stack.pop());
        this.at = n;
        let out: string;
        try {
          out = this.services.runCommand(this.module.ctx, command);
        } catch (e) {
          throw this.fault(e);
        }
        stack.pushRef(out);
        return;
      }
      case N.DataGet:
      case N.DataPut: {
        this.evalExpr(nodes.a(n)); // DataNode.file
        const file = this.services.toText(stack.pop());
        const keys: string[] = [];
        for (let k = nodes.b(n); k !== NONE; k = nodes.next(k)) keys.push(nodes.str(k)); // DataNode.firstKey
        this.at = n;
        try {
          if (nodes.kind(n) === N.DataGet) stack.push(this.services.dataGet(this.module.ctx, file, keys));
          else {
            this.evalExpr(nodes.c(n)); // DataNode.value
            this.services.dataPut(this.module.ctx, file, keys, stack.pop());
            stack.pushNull();
          }
        } catch (e) {
          throw this.fault(e);
        }
        return;
      }
      case N.Spread:
        throw this.error("syntax", "'...' spreads only inside a list, an object or an argument list", n);
      default:
        throw this.error("runtime", `cannot evaluate this expression (node kind ${nodes.kind(n)})`, n);
    }
  }

  // Values that expressions build, out of evalExpr's switch: a smaller evalExpr is one
  // V8 optimizes better, and these cases are not the hottest.

  /** `[a, ...b]`. */
  private evalList(n: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    this.heapValues++;
    const items: unknown[] = [];
    for (let e = ListNode.first(nodes, n); e !== NONE; e = nodes.next(e)) {
      if (nodes.kind(e) === N.Spread) {
        this.evalExpr(SpreadNode.operand(nodes, e));
        this.spreadInto(items, stack.pop(), e);
      } else {
        this.evalExpr(e);
        items.push(stack.pop());
      }
    }
    stack.pushRef(items);
  }

  /** `{k: v, ...o}`: the entries a spread adds are checked against maxListItems first. */
  private evalObject(n: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    this.heapValues++;
    const object: Record<string, unknown> = {};
    let entries = 0;
    for (let p = ListNode.first(nodes, n); p !== NONE; p = nodes.next(p)) {
      if (nodes.kind(p) === N.Spread) {
        this.evalExpr(SpreadNode.operand(nodes, p));
        const v = stack.pop();
        if (v !== null && typeof v === "object") {
          const keys = Object.keys(v);
          this.at = p;
          this.budget.list(entries + keys.length, "this spread");
          for (const k of keys) setOwn(object, k, (v as Record<string, unknown>)[k]);
          entries = Object.keys(object).length;
        }
      } else {
        this.evalExpr(PairNode.value(nodes, p));
        setOwn(object, nodes.str(p), stack.pop());
        entries++;
      }
    }
    stack.pushRef(object);
  }

  /** `` `text {{expr}}` ``, its length checked as it grows (maxStringLength). */
  private evalTemplate(n: NodeId): void {
    const nodes = this.nodes;
    const stack = this.stack;
    this.heapValues++;
    let text = "";
    for (let p = ListNode.first(nodes, n); p !== NONE; p = nodes.next(p)) {
      if (nodes.kind(p) === N.Str) text = this.joinText(text, nodes.str(p));
      else {
        this.evalExpr(p);
        this.at = n; // converting or joining can fail (a value that contains itself, a string too long)
        text = this.joinText(text, this.services.toText(stack.pop()));
      }
    }
    stack.pushRef(text);
  }

  /** `a .. b` as a list (inclusive, counting down when a > b); its length is checked first. */
  private evalRange(n: NodeId): void {
    const nodes = this.nodes;
    const fromNode = RangeNode.from(nodes, n);
    const toNode = RangeNode.to(nodes, n);
    this.evalExpr(fromNode);
    const from = this.numberPop(fromNode, "a range");
    this.evalExpr(toNode);
    const to = this.numberPop(toNode, "a range");
    this.heapValues++;
    this.at = n;
    this.budget.list(from <= to || from > to ? Math.floor(Math.abs(to - from)) + 1 : 0, "this range");
    const items: number[] = [];
    const step = from <= to ? 1 : -1;
    for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
      this.tick(n);
      items.push(i);
    }
    this.stack.pushRef(items);
  }

  /** Applies a binary operator to the two values on top of the stack. */
  private binaryOp(op: number): void {
    const stack = this.stack;
    const top = stack.size - 1;
    if (stack.tagAt(top) === Tag.Number && stack.tagAt(top - 1) === Tag.Number) {
      const y = stack.numberAt(top);
      const x = stack.numberAt(top - 1);
      stack.drop(2);
      switch (op) {
        case Op.Add:
          stack.pushNumber(x + y);
          return;
        case Op.Sub:
          stack.pushNumber(x - y);
          return;
        case Op.Mul:
          stack.pushNumber(x * y);
          return;
        case Op.Div:
          stack.pushNumber(x / y);
          return;
        case Op.Mod:
          stack.pushNumber(x % y);
          return;
        case Op.Eq:
          stack.pushBool(x === y);
          return;
        case Op.NotEq:
          stack.pushBool(x !== y);
          return;
        case Op.Lt:
          stack.pushBool(x < y);
          return;
        case Op.Le:
          stack.pushBool(x <= y);
          return;
        case Op.Gt:
          stack.pushBool(x > y);
          return;
        case Op.Ge:
          stack.pushBool(x >= y);
          return;
      }
    }
    const y = stack.pop();
    const x = stack.pop();
    stack.push(this.binaryGeneric(op, x, y));
  }

  private binaryGeneric(op: number, x: unknown, y: unknown): unknown {
    const s = this.services;
    switch (op) {
      case Op.Add:
        if (typeof x === "string" || typeof y === "string") {
          this.heapValues++;
          return this.joinText(s.toText(x), s.toText(y));
        }
        if (Array.isArray(x) && Array.isArray(y)) {
          this.budget.list(x.length + y.length, "joining lists");
          return x.concat(y);
        }
        if (typeof x === "number" && typeof y === "number") return x + y;
        if (x === null && typeof y === "number") return y;
        if (typeof x === "number" && y === null) return x;
        throw this.error(
          "type",
          `cannot add ${withArticle(s.typeName(x))} and ${withArticle(s.typeName(y))} (+ adds numbers, joins lists, and joins text when either side is text)`,
          this.at,
          "convert with string x or number x first",
        );
      case Op.Eq:
        return s.looseEquals(x, y);
      case Op.NotEq:
        return !s.looseEquals(x, y);
      case Op.Lt:
      case Op.Le:
      case Op.Gt:
      case Op.Ge: {
        let a: number | string;
        let b: number | string;
        if (typeof x === "string" && typeof y === "string") {
          a = x;
          b = y;
        } else if (x instanceof Date && y instanceof Date) {
          a = x.getTime();
          b = y.getTime();
        } else if (typeof x === "number" && typeof y === "number") {
          a = x;
          b = y;
        } else {
          throw this.error("type", `cannot compare ${s.typeName(x)} with ${s.typeName(y)}`, this.at);
        }
        return op === Op.Lt ? a < b : op === Op.Le ? a <= b : op === Op.Gt ? a > b : a >= b;
      }
      default: {
        const names: Record<number, string> = {
          [Op.Sub]: "subtract",
          [Op.Mul]: "multiply",
          [Op.Div]: "divide",
          [Op.Mod]: "take the remainder of",
        };
        throw this.error(
          "type",
          `cannot ${names[op] ?? "combine"} ${s.typeName(x)} and ${s.typeName(y)}: both must be numbers`,
          this.at,
        );
      }
    }
  }
}
