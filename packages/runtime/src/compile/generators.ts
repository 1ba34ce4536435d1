/**
 * `function*` bodies. A generator's body must stop at each `yield` and go on from there
 * when the next value is asked for, which a closure that runs to its end cannot do. So the
 * statements on the way to a `yield` (the blocks, branches and loops around it) compile to
 * JavaScript generator functions that `yield` the value; everything else — every
 * expression, and each statement with no `yield` inside — is the ordinary closure, run
 * as it is. No `eval`: a generator function is an ordinary function of this file.
 * @module
 */
import { BREAK, NORMAL, RETURN } from "../eval/eval-base.js";
import type { Machine } from "../eval/machine.js";
import { isPlainObject } from "../host/text.js";
import {
  ExprStmtNode,
  ForNode,
  IfNode,
  ListNode,
  LoopNode,
  TryNode,
  WhileNode,
} from "../syntax/node-fields.js";
import { ForVars, N, NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { DONE, GeneratorValue } from "../values/generator.js";
import type { Body, Expr, Stmt, Store } from "./code.js";
import { truthy } from "./expressions.js";

/** A statement of a generator's body: yields values, and returns how it ended (a signal). */
type GenStmt = (m: Machine) => Generator<unknown, number, undefined>;

/** What the generator compiler takes from the statement compiler. */
export interface GeneratorParts {
  readonly nodes: NodeStore;
  stmt(n: NodeId): Stmt;
  expr(n: NodeId): Expr;
  storeOf(n: NodeId): Store;
  /** Binds the functions declared in a body (hoisting). */
  declareOf(decl: NodeId): Stmt;
}

/** A statement that runs to its end, as a step of a generator. */
function plain(stmt: Stmt): GenStmt {
  // biome-ignore lint/correctness/useYield: a statement with no `yield` in it yields nothing.
  return function* (m) {
    return stmt(m);
  };
}

/** What a loop returns when its body ended with `signal`, or -1 to go on. */
function after(signal: number): number {
  return signal === BREAK ? NORMAL : signal === RETURN ? RETURN : -1;
}

export class GeneratorCompiler {
  private readonly yields = new Map<NodeId, boolean>();

  constructor(private readonly c: GeneratorParts) {}

  /** The body of a `function*`: called in the generator's first step, it gives the JavaScript generator to step. */
  body(info: FunctionInfo): Body {
    const declare = info.decls.map((d) => this.c.declareOf(d));
    const block = this.block(info.body);
    return (m) => {
      for (let i = 0; i < declare.length; i++) (declare[i] as Stmt)(m);
      return block(m);
    };
  }

  /**
   * Whether a `yield` is somewhere inside statement `n`. A yield is a statement, so only
   * the statements that hold statements are looked into (not functions declared inside).
   */
  private hasYield(n: NodeId): boolean {
    if (n === NONE) return false;
    const known = this.yields.get(n);
    if (known !== undefined) return known;
    const nodes = this.c.nodes;
    let found = false;
    const within = (list: NodeId) => {
      for (let s = ListNode.first(nodes, list); s !== NONE && !found; s = nodes.next(s))
        found = this.hasYield(s);
    };
    switch (nodes.kind(n)) {
      case N.Yield:
        found = true;
        break;
      case N.Block:
        within(n);
        break;
      case N.If: {
        within(IfNode.thenBlock(nodes, n));
        const otherwise = IfNode.otherwise(nodes, n);
        if (!found && otherwise !== NONE) {
          if (nodes.kind(otherwise) === N.If) found = this.hasYield(otherwise);
          else within(otherwise);
        }
        break;
      }
      case N.While:
        within(WhileNode.body(nodes, n));
        break;
      case N.Loop:
        within(LoopNode.body(nodes, n));
        break;
      case N.For:
        within(ForNode.body(nodes, n));
        break;
      case N.Try:
        within(TryNode.body(nodes, n));
        if (!found) within(TryNode.handler(nodes, n));
        break;
    }
    this.yields.set(n, found);
    return found;
  }

  private block(list: NodeId): GenStmt {
    const nodes = this.c.nodes;
    const steps: { gen: GenStmt | null; stmt: Stmt | null }[] = [];
    for (let s = ListNode.first(nodes, list); s !== NONE; s = nodes.next(s)) {
      if (this.hasYield(s)) steps.push({ gen: this.statement(s), stmt: null });
      else steps.push({ gen: null, stmt: this.c.stmt(s) });
    }
    return function* (m) {
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i] as (typeof steps)[number];
        const signal = step.stmt !== null ? step.stmt(m) : yield* (step.gen as GenStmt)(m);
        if (signal !== NORMAL) return signal;
      }
      return NORMAL;
    };
  }

  /** A branch or loop body: a generator step if it yields, the plain statement otherwise. */
  private part(n: NodeId): GenStmt {
    if (n === NONE) return plain(() => NORMAL);
    const kind = this.c.nodes.kind(n);
    if (!this.hasYield(n)) return plain(this.c.stmt(n));
    return kind === N.Block ? this.block(n) : this.statement(n);
  }

  /** A statement with a `yield` inside. */
  private statement(n: NodeId): GenStmt {
    const nodes = this.c.nodes;
    switch (nodes.kind(n)) {
      case N.Yield: {
        const valueNode = ExprStmtNode.expr(nodes, n);
        const value = valueNode === NONE ? null : this.c.expr(valueNode);
        return function* (m) {
          const v = value === null ? null : value(m);
          m.at = n;
          yield v;
          return NORMAL;
        };
      }
      case N.Block:
        return this.block(n);
      case N.If: {
        const cond = this.c.expr(IfNode.cond(nodes, n));
        const then = this.part(IfNode.thenBlock(nodes, n));
        const otherwise = this.part(IfNode.otherwise(nodes, n));
        return function* (m) {
          return truthy(m, cond(m)) ? yield* then(m) : yield* otherwise(m);
        };
      }
      case N.While: {
        const cond = this.c.expr(WhileNode.cond(nodes, n));
        const body = this.part(WhileNode.body(nodes, n));
        return function* (m) {
          while (truthy(m, cond(m))) {
            m.tick(n);
            const end = after(yield* body(m));
            if (end !== -1) return end;
          }
          return NORMAL;
        };
      }
      case N.Loop: {
        const countNode = LoopNode.count(nodes, n);
        const count = this.c.expr(countNode);
        const body = this.part(LoopNode.body(nodes, n));
        return function* (m) {
          const times = m.numberFor(count(m), countNode, "loop … times");
          for (let i = 0; i < times; i++) {
            m.tick(n);
            const end = after(yield* body(m));
            if (end !== -1) return end;
          }
          return NORMAL;
        };
      }
      case N.For:
        return this.forLoop(n);
      case N.Try:
        return plain((m) => {
          throw m.error(
            "syntax",
            "'yield' inside 'try' is not supported yet",
            n,
            "yield after the try block, from a variable set inside it",
          );
        });
      default: {
        // Only the statements above hold statements; anything else with a yield in it is
        // an expression, which the parser does not allow a yield in.
        const stmt = this.c.stmt(n);
        return plain(stmt);
      }
    }
  }

  /** `for` in a generator: the same iterables as everywhere, one item at a time. */
  private forLoop(n: NodeId): GenStmt {
    const nodes = this.c.nodes;
    const firstNode = ForNode.firstVar(nodes, n);
    const first = this.c.storeOf(firstNode);
    const second = ForNode.vars(nodes, n) === ForVars.Two ? this.c.storeOf(nodes.next(firstNode)) : null;
    const body = this.part(ForNode.body(nodes, n));
    const iterableNode = ForNode.iterable(nodes, n);
    const iterable = this.c.expr(iterableNode);
    return function* (m) {
      const value = iterable(m);
      m.at = iterableNode;
      for (const [key, item] of itemsOf(m, value, iterableNode, second !== null)) {
        m.tick(n);
        if (second === null) first(m, item);
        else {
          first(m, key);
          second(m, item);
        }
        const end = after(yield* body(m));
        if (end !== -1) return end;
      }
      return NORMAL;
    };
  }
}

/**
 * The items a `for` goes through, each with its index or key: a list, a text by
 * character, an object's keys (the item is the key; with two variables, the value), a
 * number `n` as 0 … n-1, a generator's values.
 */
function* itemsOf(m: Machine, value: unknown, at: NodeId, two: boolean): Generator<[unknown, unknown]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [i, value[i] ?? null];
    return;
  }
  if (typeof value === "string") {
    let i = 0;
    for (const ch of value) yield [i++, ch];
    return;
  }
  if (typeof value === "number") {
    for (let i = 0; i < value; i++) yield [i, i];
    return;
  }
  if (value instanceof GeneratorValue) {
    let i = 0;
    for (let v = value.next(); v !== DONE; v = value.next()) yield [i++, v];
    return;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) yield [key, two ? (value[key] ?? null) : key];
    return;
  }
  throw m.error(
    "type",
    `cannot loop over ${m.services.typeName(value)}`,
    at,
    "loop over a list, an object, a string or a range like 1 .. 5",
  );
}
