/**
 * Expressions: names, operators, members and indexes, and the values expressions build
 * (lists, objects, templates, ranges). Every expression leaves exactly one value on the
 * stack.
 * @module
 */
import type { XmdError } from "../api/error.js";
import { Binding } from "../resolve/bindings.js";
import { ListNode, PairNode, RangeNode, SpreadNode } from "../syntax/node-fields.js";
import { N, NONE, type NodeId, Op } from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { CallEvaluator } from "./calls.js";
import type { Cell } from "./cell.js";
import { setOwn, withArticle } from "./eval-base.js";
import { BuiltinFunction, NamespaceValue } from "./functions.js";
import { Tag } from "./temps.js";

/** Estimated bytes of one object entry (its key string and its slot in a dictionary-mode object). */
const BYTES_PER_ENTRY = 64;
/** Expressions, on top of calls and the shared run state. */
export abstract class ExpressionEvaluator extends CallEvaluator {
  /** `import "file"` as a value (`Interpreter`, beside the import statement: both load through the run). */
  protected abstract evalImport(n: NodeId): void;

  /** Builtins looked up so far, by name; made on first use (most renders call none). */
  private builtinCache: Map<string, unknown> | null = null;

  /** Evaluates an expression node and returns its value (for `{{ }}` in imported parts, tests). */
  evaluate(n: NodeId): unknown {
    this.evalExpr(n);
    return this.stack.pop();
  }

  // ── names ──────────────────────────────────────────────────────────────────

  protected evalName(n: NodeId): void {
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

  // ── expressions ────────────────────────────────────────────────────────────

  protected evalExpr(n: NodeId): void {
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
        // UnaryNode.op: Op.Not, else Op.Neg
        if (nodes.flags(n) === Op.Not) {
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
      case N.ImportExpr:
        this.evalImport(n);
        return;
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

  // ── values expressions build ───────────────────────────────────────────────

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
          this.at = p;
          const budget = this.budget;
          // A list spreads its items under their indexes; its length is known without
          // making a key for each, so a huge list is refused before any key is made.
          const list = Array.isArray(v) ? (v as unknown[]) : null;
          const keys = list === null ? Object.keys(v) : null;
          const count = list !== null ? list.length : (keys as string[]).length;
          budget.list(entries + count, "this spread");
          budget.note(count * BYTES_PER_ENTRY);
          // Each entry is a step: the clock and the heap are checked as the object grows.
          if (list !== null)
            for (let i = 0; i < list.length; i++) {
              budget.step();
              setOwn(object, String(i), list[i]);
            }
          else
            for (const k of keys as string[]) {
              budget.step();
              setOwn(object, k, (v as Record<string, unknown>)[k]);
            }
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

  // ── operators ──────────────────────────────────────────────────────────────

  /** Applies a binary operator to the two values on top of the stack. */
  protected binaryOp(op: number): void {
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

  protected readKey(container: unknown, key: unknown, at: NodeId): unknown {
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
}
