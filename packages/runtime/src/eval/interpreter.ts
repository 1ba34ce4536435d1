/**
 * The evaluator: walks the node store. Every expression leaves exactly one value on the
 * temp stack; statements leave it as they found it. Numbers travel unboxed through the
 * stack's float64 column; variables are frame slots (locals), cells (captured locals) or
 * module globals, all resolved to indices before the run.
 *
 * The evaluator is a chain of classes, one part per file (as the parser is):
 * - `eval-base.ts`: `EvalBase`, the state of a run, errors, limits checked as it runs;
 * - `calls.ts`: `CallEvaluator`, calls of functions, builtins and methods;
 * - `expressions.ts`: `ExpressionEvaluator`, names, operators and the values they build;
 * - `interpreter.ts`: {@link Interpreter}, statements, and the whole evaluator.
 * @module
 */
import { XmdError } from "../api/error.js";
import { Binding } from "../resolve/bindings.js";
import {
  ExportNode,
  ForNode,
  FunctionNode,
  ImportExprNode,
  ImportNode,
  ListNode,
  PairNode,
  RangeNode,
  SetNode,
  TryNode,
} from "../syntax/node-fields.js";
import {
  EmitForm,
  ExportForm,
  ForVars,
  ImportExprForm,
  ImportForm,
  N,
  NONE,
  type NodeId,
  Op,
  Placement,
  SetOp,
} from "../syntax/nodes.js";
import { enterBudget, leaveBudget } from "../values/budget.js";
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import type { Cell } from "./cell.js";
import { BREAK, CONTINUE, NORMAL, RETURN, setOwn, ThrownValue } from "./eval-base.js";
import { ExpressionEvaluator } from "./expressions.js";
import { type ModuleInstance, UserFunction } from "./functions.js";
import { Tag } from "./temps.js";

/** The evaluator: statements, on top of expressions, calls and the shared run state. */
export class Interpreter extends ExpressionEvaluator {
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

  // ── statements ─────────────────────────────────────────────────────────────

  /** Runs a sibling list of statements. */
  protected execList(first: NodeId): number {
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
        this.at = n;
        if (nodes.flags(n) === EmitForm.TextThenValue) {
          // Text, then the `{{ name }}` after it (see EmitNode): the text is
          // source[textStart, start); the value is written as an EmitExpr writes it.
          this.emitSource(nodes.num(n), nodes.start(n)); // EmitNode.textStart
          this.evalExpr(nodes.a(n)); // EmitNode.value
          this.at = n;
          this.emit(this.services.toText(stack.pop()));
          return NORMAL;
        }
        // Static text: a range of the source, copied as its bytes.
        this.emitSource(nodes.start(n), nodes.end(n));
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
  protected storeName(name: NodeId): void {
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

  // ── loops ──────────────────────────────────────────────────────────────────

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

  // ── try, import, export ────────────────────────────────────────────────────

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

  /** `import "file"` as a value: exports or data, or in the classic dialect the processed text. */
  protected evalImport(n: NodeId): void {
    const nodes = this.nodes;
    this.evalExpr(ImportExprNode.path(nodes, n));
    const path = this.services.toText(this.stack.pop());
    this.at = n;
    let value: unknown;
    try {
      value =
        ImportExprNode.form(nodes, n) === ImportExprForm.Text
          ? this.loader.importText(this.module, path, this)
          : this.loader.importValue(this.module, path);
    } catch (e) {
      throw this.importFailed(e, n);
    }
    this.stack.push(value);
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
}
