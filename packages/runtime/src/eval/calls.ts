/**
 * Calls: a user function (a frame on the value stack, cells for what closures capture,
 * functions declared inside hoisted), a builtin, a method; arguments and spreads; and
 * function values. Evaluating an argument, running a body and binding a name are left to
 * the classes above (`evalExpr`, `execList`, `storeName`).
 * @module
 */
import type { XmdError } from "../api/error.js";
import { characterCount } from "../host/text.js";
import { Binding } from "../resolve/bindings.js";
import type { NameKey } from "../syntax/names.js";
import { FunctionNode, MethodCallNode, SpreadNode } from "../syntax/node-fields.js";
import { N, NONE, type NodeId } from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { Callable } from "../values/callable.js";
import { RuntimeFault } from "../values/fault.js";
import { Cell } from "./cell.js";
import { EvalBase, RETURN, withArticle } from "./eval-base.js";
import { BuiltinFunction, type HostFunction, NamespaceValue, UserFunction } from "./functions.js";
import { isValueStackOverflow, Tag } from "./temps.js";

/** Calls, and what they need from the classes above. */
export abstract class CallEvaluator extends EvalBase {
  /** Keys of the two builtins the evaluator implements itself (ids when interned, strings in heap mode). */
  private readonly printKey: NameKey = this.names.keyOfText("print");
  private readonly existsKey: NameKey = this.names.keyOfText("exists");

  /** Evaluates an expression, leaving its value on the stack (`ExpressionEvaluator`). */
  protected abstract evalExpr(n: NodeId): void;
  /** Runs a list of statements; returns how it ended (`Interpreter`). */
  protected abstract execList(first: NodeId): number;
  /** Pops the top of the stack into the variable a Name is bound to (`Interpreter`). */
  protected abstract storeName(name: NodeId): void;

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

  // ── functions ──────────────────────────────────────────────────────────────

  /** Binds a FunctionDecl's name to a new function value (hoisting). */
  declareFunction(decl: NodeId): void {
    const nodes = this.nodes;
    const info = this.module.unit.functions[FunctionNode.info(nodes, decl)] as FunctionInfo;
    this.stack.pushRef(this.makeFunction(info));
    this.storeName(FunctionNode.name(nodes, decl));
  }

  protected makeFunction(info: FunctionInfo): UserFunction {
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
  protected invoke(fn: UserFunction, argc: number): void {
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

  protected callHost(fn: HostFunction, args: unknown[]): unknown {
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
  protected spreadInto(out: unknown[], value: unknown, at: NodeId): void {
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

  protected evalCall(n: NodeId): void {
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

  protected evalMethodCall(n: NodeId): void {
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
}
