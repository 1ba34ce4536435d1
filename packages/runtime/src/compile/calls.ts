/**
 * Calls: `print` and `exists` (compiled inline), calls of user functions (arguments
 * straight onto the value stack, where the callee's frame reads them), builtins and
 * methods (arguments in a list).
 * @module
 */
import { NORMAL, withArticle } from "../eval/eval-base.js";
import { NamespaceValue, UserFunction } from "../eval/functions.js";
import type { Machine } from "../eval/machine.js";
import { numberToText } from "../host/text.js";
import { Binding } from "../resolve/bindings.js";
import { CallNode, ListNode, MethodCallNode, PairNode, SelfAccessNode } from "../syntax/node-fields.js";
import { CallForm, N, NONE, type NodeId } from "../syntax/nodes.js";
import { Callable } from "../values/callable.js";
import { GeneratorValue } from "../values/generator.js";
import type { Expr, Stmt } from "./code.js";
import { ExpressionCompiler, IN_REGISTER, type Part, pushParts } from "./expressions.js";

/** Calls, on top of expressions. */
export abstract class CallCompiler extends ExpressionCompiler {
  protected call(n: NodeId): Expr {
    const nodes = this.nodes;
    switch (CallNode.form(nodes, n)) {
      case CallForm.ValueOrCall:
        return this.valueOrCall(n);
      case CallForm.IfFunction:
        return this.callIfFunction(n);
      case CallForm.ObjectIfNotFunction:
        return this.objectUnlessCall(n);
    }
    const print = this.printStatement(n);
    if (print !== null) {
      // As an expression (`set x print "a"`), print's value is null.
      return (m) => {
        print(m);
        return null;
      };
    }
    const calleeNode = CallNode.callee(nodes, n);
    const firstArg = CallNode.firstArg(nodes, n);
    if (nodes.kind(calleeNode) === N.Name && nodes.binding(calleeNode) === Binding.None) {
      const key = nodes.name(calleeNode);
      if (key === this.existsKey) {
        const args = this.values(this.parts(firstArg));
        return (m) => m.exists(m.services.toText((args(m) as unknown[])[0] ?? ""));
      }
      // A builtin function, bound now: no lookup by name when it runs.
      const builtin = this.globals.get(this.nameText(calleeNode));
      if (builtin !== undefined) {
        const args = this.values(this.parts(firstArg));
        return (m) => {
          const values = args(m) as unknown[];
          m.at = n;
          return m.callHost(builtin, values);
        };
      }
    }
    const callee = this.expr(calleeNode);
    const parts = this.parts(firstArg);
    const args = this.values(parts);
    const what = nodes.kind(calleeNode) === N.Name ? `'${this.nameText(calleeNode)}'` : "this value";
    const spreads = parts.some((p) => p.spread);
    const exprs = parts.map((p) => p.expr);
    const count = exprs.length;
    return (m) => {
      const fn = callee(m);
      m.at = n;
      if (fn instanceof UserFunction) {
        // Arguments past the function's parameters are evaluated and ignored, as missing
        // ones are null: only those it takes go on the stack, however long a spread is.
        const params = fn.info.params.length;
        let argc = 0;
        if (spreads) argc = pushSpread(m, parts, params);
        else
          for (let i = 0; i < count; i++) {
            const value = (exprs[i] as Expr)(m);
            if (argc < params) {
              m.stack.push(value);
              argc++;
            }
          }
        m.at = n;
        return m.invoke(fn, argc);
      }
      const values = args(m) as unknown[];
      m.at = n;
      return m.callValue(fn, values, what, calleeNode);
    };
  }

  /**
   * A function's name alone (`set r get_number`): called with no arguments when it holds
   * a function declared with no parameters; otherwise the value, as a name would be.
   */
  private valueOrCall(n: NodeId): Expr {
    const value = this.load(CallNode.callee(this.nodes, n));
    return (m) => {
      const v = value(m);
      if (v instanceof UserFunction && v.info.params.length === 0 && isDeclared(v)) {
        m.at = n;
        return m.invoke(v, 0);
      }
      return v;
    };
  }

  /**
   * `g 1` outside an argument list, with `g` not known to be a function when parsed: the
   * call when `g` holds one; otherwise an error that says why `1` is not an argument.
   */
  private callIfFunction(n: NodeId): Expr {
    const calleeNode = CallNode.callee(this.nodes, n);
    const callee = this.load(calleeNode);
    const args = this.values(this.parts(CallNode.firstArg(this.nodes, n)));
    const name = this.nameText(calleeNode);
    return (m) => {
      const fn = callee(m);
      if (!isCallable(fn)) {
        throw m.error(
          "type",
          `'${name}' is ${withArticle(m.services.typeName(fn))}, not a function, so what follows it is not an argument`,
          calleeNode,
          `to pass several values, separate them with commas; a name is called when it holds a function, is declared with \`function\`, or is imported`,
        );
      }
      return callWith(m, fn, args(m) as unknown[], n, calleeNode, name);
    };
  }

  /**
   * `g 1` inside an argument list (`print g 1`): one argument, the call's result, when `g`
   * holds a function; otherwise `g` and what follows are arguments each, as they were
   * written. A part of the list that pushes what it stands for (no list of its own), and
   * a spread of the same values where a list is wanted.
   */
  protected juxtaposedArguments(n: NodeId): Part {
    const calleeNode = CallNode.callee(this.nodes, n);
    const callee = this.load(calleeNode);
    const parts = this.parts(CallNode.firstArg(this.nodes, n));
    const args = this.values(parts);
    const name = this.nameText(calleeNode);
    const push = (m: Machine, items: unknown[]): void => {
      const fn = callee(m);
      if (isCallable(fn)) {
        items.push(callWith(m, fn, args(m) as unknown[], n, calleeNode, name));
        return;
      }
      items.push(fn);
      pushParts(m, items, parts);
    };
    const expr: Expr = (m) => {
      const items: unknown[] = [];
      push(m, items);
      return items;
    };
    return { expr, spread: true, node: n, push };
  }

  /** `set r add5 10`: the call when `add5` holds a function, the object `{add5: 10}` otherwise. */
  private objectUnlessCall(n: NodeId): Expr {
    const nodes = this.nodes;
    const calleeNode = CallNode.callee(nodes, n);
    const objectNode = CallNode.firstArg(nodes, n);
    const pair = ListNode.first(nodes, objectNode);
    const key = nodes.str(pair);
    const callee = this.loadIfDefined(calleeNode);
    if (nodes.next(pair) !== NONE) {
      // `set r add5 10, b 2`: one entry or a call, never an object built around a function.
      const object = this.expr(objectNode);
      return (m) => {
        if (isCallable(callee(m))) {
          throw m.error(
            "type",
            `'${key}' holds a function, so this line is a call of it or an object, and cannot be both`,
            calleeNode,
            `to call it, write ${key}(…); to make an object, use another key than '${key}'`,
          );
        }
        return object(m);
      };
    }
    const value = this.expr(PairNode.value(nodes, pair));
    return (m) => {
      const fn = callee(m);
      const v = value(m);
      if (isCallable(fn)) return callWith(m, fn, [v], n, calleeNode, key);
      m.heapValues++;
      return { [key]: v };
    };
  }

  /**
   * A `print` call as a statement, or null when `n` is not one: the statement runs the
   * print's code itself, without the expression's wrapper (a closure call less per line
   * printed).
   */
  protected printStatement(n: NodeId): Stmt | null {
    const nodes = this.nodes;
    if (nodes.kind(n) !== N.Call || CallNode.form(nodes, n) !== CallForm.Call) return null;
    const callee = CallNode.callee(nodes, n);
    if (nodes.kind(callee) !== N.Name || nodes.binding(callee) !== Binding.None) return null;
    if (nodes.name(callee) !== this.printKey) return null;
    return this.print(n, CallNode.firstArg(nodes, n));
  }

  /** `print a` (a line of its own unless inline); `print a, b` joins them with spaces. */
  private print(n: NodeId, firstArg: NodeId): Stmt {
    const nodes = this.nodes;
    if (
      firstArg !== NONE &&
      nodes.next(firstArg) === NONE &&
      nodes.kind(firstArg) !== N.Spread &&
      !this.isJuxtaposed(firstArg)
    ) {
      // One argument, the common case: no argument list. Text joined with `+` is written
      // part by part, without the joined string.
      const sum = this.textParts(firstArg);
      if (sum !== null) {
        const { parts, joins } = sum;
        const count = parts.length;
        // The parts' texts and numbers, kept for the next run of this print (a part that
        // runs it again, through a function it calls, takes new ones): one pair per print
        // statement, not per line printed.
        let spare: PrintScratch | null = printScratch(count);
        return (m) => {
          // Every part is evaluated and converted, in order, and the length the joined
          // text would have checked, before any is written: as the sum would, so a part
          // that prints or fails leaves the output as it would have.
          const scratch = spare ?? printScratch(count);
          spare = null;
          const { texts, numbers } = scratch;
          let length = 0;
          for (let i = 0; i < count; i++) {
            const part = parts[i] as string | Expr;
            const v = typeof part === "string" ? part : part(m);
            m.at = joins[i] as NodeId;
            // A number goes into the list of numbers (no string, no heap number) and is
            // written as digits; its text is at most NUMBER_TEXT code units, counted
            // exactly when that could matter.
            if (typeof v === "string") {
              texts[i] = v;
              length += v.length;
            } else if (v === IN_REGISTER) {
              // Copied from register to list as a float64: never merged with a value that
              // could be an object, which would make V8 box it on the way.
              texts[i] = null;
              numbers[i] = m.register[0] as number;
              length += NUMBER_TEXT;
            } else if (typeof v === "number") {
              texts[i] = null;
              numbers[i] = v;
              length += NUMBER_TEXT;
            } else {
              const text = m.services.toText(v);
              texts[i] = text;
              length += text.length;
            }
            if (i > 0 && length > m.maxStringLength) {
              length = exactLength(texts, numbers, i);
              if (length > m.maxStringLength) m.budget.string(length, "joining text");
            }
          }
          m.at = n;
          try {
            m.output.parts(texts, numbers, count, m.inline ? "" : m.newline);
          } catch (e) {
            throw m.toUserError(e);
          }
          spare = scratch;
          return NORMAL;
        };
      }
      const value = this.expr(firstArg);
      const printValue: Stmt = (m) => {
        const v = value(m);
        m.at = n;
        m.emitLine(m.services.toText(v));
        return NORMAL;
      };
      if (!this.isStrictGlobal(firstArg)) return printValue;
      // `print line`: a variable whose text is in a builder is copied from there.
      const slot = nodes.slot(firstArg);
      return (m) => {
        const v = m.module.globalVars[slot];
        const builder = v === undefined || v === -1 ? null : m.vars.builderOf(v);
        if (builder === null) return printValue(m);
        m.at = n;
        m.emitBuilder(builder);
        m.endLine();
        return NORMAL;
      };
    }
    const args = this.values(this.parts(firstArg));
    return (m) => {
      const values = args(m) as unknown[];
      m.at = n;
      let text = "";
      for (let i = 0; i < values.length; i++) {
        text = m.joinText(text, (i > 0 ? " " : "") + m.services.toText(values[i]));
      }
      m.emitLine(text);
      return NORMAL;
    };
  }

  protected methodCall(n: NodeId): Expr {
    const nodes = this.nodes;
    const receiver = this.expr(MethodCallNode.receiver(nodes, n));
    const name = nodes.str(n);
    const args = this.values(this.parts(MethodCallNode.firstArg(nodes, n)));
    const homeNode = SelfAccessNode.home(nodes, n);
    if (homeNode !== NONE) {
      // `self.name args` in a class's members: its class may call its private methods.
      const home = this.load(homeNode);
      return (m) => {
        const r = receiver(m);
        return m.callMethod(r, name, args(m) as unknown[], n, home(m));
      };
    }
    return (m) => {
      const r = receiver(m);
      return m.callMethod(r, name, args(m) as unknown[], n);
    };
  }
}

/** Whether a function was declared with `function` (not a lambda or a method). */
function isDeclared(fn: UserFunction): boolean {
  return fn.module.unit.nodes.kind(fn.info.node) === N.FunctionDecl;
}

/** Whether a value can be called: a user function, a builtin, or a callable namespace (`Date`). */
function isCallable(v: unknown): boolean {
  return v instanceof Callable || (v instanceof NamespaceValue && v.call !== undefined);
}

/** Calls a function value with evaluated arguments, whatever kind of function it is. */
function callWith(
  m: Parameters<Expr>[0],
  fn: unknown,
  args: unknown[],
  n: NodeId,
  calleeNode: NodeId,
  name: string,
): unknown {
  m.at = n;
  if (fn instanceof UserFunction) {
    const argc = Math.min(args.length, fn.info.params.length);
    for (let i = 0; i < argc; i++) m.stack.push(args[i]);
    return m.invoke(fn, argc);
  }
  return m.callValue(fn, args, `'${name}'`, calleeNode);
}

/** Pushes arguments with spreads for a user function that takes `params`; returns how many were pushed. */
function pushSpread(m: Parameters<Expr>[0], parts: Part[], params: number): number {
  let argc = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Part;
    let value = p.expr(m);
    if (p.spread && value instanceof GeneratorValue) {
      const items: unknown[] = [];
      m.spreadInto(items, value, p.node);
      value = items;
    }
    if (!p.spread) {
      if (argc < params) {
        m.stack.push(value);
        argc++;
      }
    } else if (Array.isArray(value)) {
      for (let j = 0; j < value.length && argc < params; j++, argc++) m.stack.push(value[j]);
    } else if (typeof value === "string") {
      for (const ch of value) {
        if (argc >= params) break;
        m.stack.push(ch);
        argc++;
      }
    } else throw m.notSpreadable(value, p.node);
  }
  return argc;
}

/** Most UTF-16 code units of a number's text (`-1.7976931348623157e+308`). */
const NUMBER_TEXT = 24;

/** The texts of a print's parts (null: the part is the number at the same index of `numbers`). */
interface PrintScratch {
  texts: (string | null)[];
  numbers: Float64Array;
}

function printScratch(count: number): PrintScratch {
  return { texts: new Array<string | null>(count).fill(null), numbers: new Float64Array(count) };
}

/** The length of the parts `[0, i]` joined, numbers at their exact length. */
function exactLength(texts: readonly (string | null)[], numbers: Float64Array, i: number): number {
  let length = 0;
  for (let k = 0; k <= i; k++) {
    const text = texts[k] as string | null;
    length += text !== null ? text.length : numberToText(numbers[k] as number).length;
  }
  return length;
}
