/**
 * Expressions: each node kind is a closure factory. Constants are folded, operators on
 * two numbers run inline (anything else goes to the machine's `binary`), and values that
 * expressions build (lists, objects, templates, ranges) are made by closures that hold
 * their parts' closures in arrays.
 * @module
 */

import { setOwn } from "../eval/eval-base.js";
import type { Machine } from "../eval/machine.js";
import { numberToText } from "../host/text.js";
import {
  BinaryNode,
  CallNode,
  DataNode,
  ExecNode,
  FunctionNode,
  ImportExprNode,
  IndexNode,
  ListNode,
  MemberNode,
  PairNode,
  PathNameNode,
  RangeNode,
  SelfAccessNode,
  SetExprNode,
  SpreadNode,
  SuperNode,
  TernaryNode,
  UnaryNode,
} from "../syntax/node-fields.js";
import { CallForm, ImportExprForm, N, NONE, type NodeId, type NodeStore, Op } from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { Regex } from "../values/regex.js";
import { CompilerBase } from "./base.js";
import { superCall } from "./classes.js";
import type { Expr, Stmt } from "./code.js";
import { memberRead } from "./members.js";

/** Estimated bytes of one object entry (its key string and its slot in a dictionary-mode object). */
const BYTES_PER_ENTRY = 64;

/** An argument or list item: its closure, and whether it is spread (`...xs`). */
export interface Part {
  /** The value; for a spread, the list or text whose items are the parts. */
  expr: Expr;
  spread: boolean;
  node: NodeId;
  /**
   * For juxtaposed values decided at run time (`g 1` among arguments): adds what they
   * stand for to a list without building a list of its own first.
   */
  push?: (m: Machine, items: unknown[]) => void;
}

/** Expressions, on top of variables; calls are the class above's. */
export abstract class ExpressionCompiler extends CompilerBase {
  protected abstract call(n: NodeId): Expr;
  /** A statement's closure (for `set("name", value)`, an expression that runs a Set). */
  abstract stmt(n: NodeId): Stmt;
  protected abstract methodCall(n: NodeId): Expr;
  protected abstract juxtaposedArguments(n: NodeId): Part;

  /** The closure of an expression node. */
  expr(n: NodeId): Expr {
    const nodes = this.nodes;
    switch (nodes.kind(n)) {
      case N.Num:
        return constant(nodes.num(n));
      case N.Str:
        return constant(nodes.str(n));
      case N.Regex:
        return constant(Regex.fromLiteral(nodes.str(n)));
      case N.True:
        return constant(true);
      case N.False:
        return constant(false);
      case N.Null:
        return constant(null);
      case N.Name:
        return this.load(n);
      case N.Binary:
        return this.binary(n);
      case N.And:
      case N.Or:
        return this.logical(n);
      case N.Unary:
        return this.unary(n);
      case N.Ternary: {
        const cond = this.expr(TernaryNode.cond(nodes, n));
        const ifTrue = this.expr(TernaryNode.ifTrue(nodes, n));
        const ifFalse = this.expr(TernaryNode.ifFalse(nodes, n));
        return (m) => (truthy(m, cond(m)) ? ifTrue(m) : ifFalse(m));
      }
      case N.Call:
        return this.call(n);
      case N.MethodCall:
        return this.methodCall(n);
      case N.Member:
        return this.member(n);
      case N.Super: {
        const args = this.values(this.parts(SuperNode.firstArg(nodes, n)));
        const self = this.load(SuperNode.self(nodes, n));
        return superCall(nodes, n, self, this.load(SuperNode.home(nodes, n)), args);
      }
      case N.Index: {
        const object = this.expr(IndexNode.object(nodes, n));
        const index = this.expr(IndexNode.index(nodes, n));
        return (m) => {
          const container = object(m);
          const key = index(m);
          if (Array.isArray(container) && typeof key === "number") return container[key] ?? null;
          return m.readKey(container, key, n);
        };
      }
      case N.Array:
        return this.list(n);
      case N.Object:
        return this.object(n);
      case N.Template:
        return this.template(n);
      case N.Range: {
        const range = this.range(n);
        return (m) => {
          const [from, to] = range(m);
          m.heapValues++;
          m.at = n;
          m.budget.list(from <= to || from > to ? Math.floor(Math.abs(to - from)) + 1 : 0, "this range");
          const items: number[] = [];
          const step = from <= to ? 1 : -1;
          for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
            m.tick(n);
            items.push(i);
          }
          return items;
        };
      }
      case N.Lambda: {
        const info = this.unit.functions[FunctionNode.info(nodes, n)] as FunctionInfo;
        return (m) => m.makeFunction(info);
      }
      case N.ImportExpr:
        return this.importExpr(n);
      case N.PathName: {
        const word = nodes.str(n);
        const value = this.loadIfDefined(PathNameNode.name(nodes, n));
        return (m) => {
          const v = value(m);
          return typeof v === "string" ? v : word;
        };
      }
      case N.Exec: {
        const command = this.expr(ExecNode.command(nodes, n));
        return (m) => m.exec(m.services.toText(command(m)), n);
      }
      case N.DataGet:
      case N.DataPut:
        return this.data(n);
      case N.SetExpr: {
        const set = this.stmt(SetExprNode.set(nodes, n));
        return (m) => {
          set(m);
          return "";
        };
      }
      case N.Spread:
        return (m) => {
          throw m.error("syntax", "'...' spreads only inside a list, an object or an argument list", n);
        };
      default: {
        const kind = nodes.kind(n);
        return (m) => {
          throw m.error("runtime", `cannot evaluate this expression (node kind ${kind})`, n);
        };
      }
    }
  }

  /**
   * The parts of text joined with `+` whose first part is a string literal (`"- " + name
   * + ": " + total`), string literals as strings, and the `+` that joins each (for errors
   * located as the sum would locate them); or null for any other expression. Such a sum is text whatever the
   * other parts are (`+` joins text when either side is text, and it groups to the left),
   * so whoever writes it out can write each part and never build the joined string.
   */
  protected textParts(n: NodeId): { parts: (string | Expr)[]; joins: NodeId[] } | null {
    const nodes = this.nodes;
    const sums: NodeId[] = [];
    let left = n;
    while (nodes.kind(left) === N.Binary && BinaryNode.op(nodes, left) === Op.Add) {
      sums.push(left);
      left = BinaryNode.left(nodes, left);
    }
    if (sums.length === 0 || nodes.kind(left) !== N.Str) return null;
    const parts: (string | Expr)[] = [nodes.str(left)];
    const joins: NodeId[] = [NONE];
    for (let i = sums.length - 1; i >= 0; i--) {
      const sum = sums[i] as NodeId;
      const right = BinaryNode.right(nodes, sum);
      parts.push(
        nodes.kind(right) === N.Str ? nodes.str(right) : (this.numericPart(right) ?? this.expr(right)),
      );
      joins.push(sum);
    }
    return { parts, joins };
  }

  /**
   * `a * b`, `a - b`, `a / b` or `a % b` as a part of printed text (`print "- " + r.name +
   * ": " + r.qty * r.price`): of two numbers, the result is written into the machine's
   * register and {@link IN_REGISTER} returned, so that a fraction is never a heap object
   * on its way to the output (W2: 4,000 products a render, 16 KiB of JS heap). Anything
   * else is the operator's value, as the ordinary closure gives it. Null for another node.
   */
  protected numericPart(n: NodeId): Expr | null {
    const nodes = this.nodes;
    if (nodes.kind(n) !== N.Binary) return null;
    const op = BinaryNode.op(nodes, n);
    const leftNode = BinaryNode.left(nodes, n);
    const rightNode = BinaryNode.right(nodes, n);
    if (numberLiterals(nodes, n)) return null; // folded into a constant (see `binary`)
    if (op !== Op.Mul && op !== Op.Sub && op !== Op.Div && op !== Op.Mod) return null;
    const left = this.expr(leftNode);
    const right = this.expr(rightNode);
    switch (op) {
      case Op.Mul:
        return (m) => {
          const x = left(m);
          const y = right(m);
          if (typeof x !== "number" || typeof y !== "number") return m.binary(op, x, y, n);
          m.register[0] = x * y;
          return IN_REGISTER;
        };
      case Op.Sub:
        return (m) => {
          const x = left(m);
          const y = right(m);
          if (typeof x !== "number" || typeof y !== "number") return m.binary(op, x, y, n);
          m.register[0] = x - y;
          return IN_REGISTER;
        };
      case Op.Div:
        return (m) => {
          const x = left(m);
          const y = right(m);
          if (typeof x !== "number" || typeof y !== "number") return m.binary(op, x, y, n);
          m.register[0] = x / y;
          return IN_REGISTER;
        };
      default:
        return (m) => {
          const x = left(m);
          const y = right(m);
          if (typeof x !== "number" || typeof y !== "number") return m.binary(op, x, y, n);
          m.register[0] = x % y;
          return IN_REGISTER;
        };
    }
  }

  /** Closures of a sibling list (arguments, list items), with their spreads marked. */
  protected parts(first: NodeId): Part[] {
    const nodes = this.nodes;
    const parts: Part[] = [];
    for (let p = first; p !== NONE; p = nodes.next(p)) {
      if (this.isJuxtaposed(p)) {
        parts.push(this.juxtaposedArguments(p));
        continue;
      }
      const spread = nodes.kind(p) === N.Spread;
      parts.push({ expr: this.expr(spread ? SpreadNode.operand(nodes, p) : p), spread, node: p });
    }
    return parts;
  }

  /** `g 1` among arguments, with `g` not known to be a function: see `juxtaposedArguments`. */
  protected isJuxtaposed(n: NodeId): boolean {
    return this.nodes.kind(n) === N.Call && CallNode.form(this.nodes, n) === CallForm.IfFunction;
  }

  /** `[a, b]` and argument lists: the values of the parts, spreads spread. */
  protected values(parts: Part[]): Expr {
    const count = parts.length;
    if (!parts.some((p) => p.spread)) {
      const exprs = parts.map((p) => p.expr);
      return (m) => {
        m.heapValues++;
        const items: unknown[] = new Array(count);
        for (let i = 0; i < count; i++) items[i] = (exprs[i] as Expr)(m);
        return items;
      };
    }
    return (m) => {
      m.heapValues++;
      const items: unknown[] = [];
      pushParts(m, items, parts);
      return items;
    };
  }

  // ── operators ──────────────────────────────────────────────────────────────

  private binary(n: NodeId): Expr {
    const nodes = this.nodes;
    const op = BinaryNode.op(nodes, n);
    const leftNode = BinaryNode.left(nodes, n);
    const rightNode = BinaryNode.right(nodes, n);
    // Two number literals: folded (`60 * 60` is one constant).
    if (numberLiterals(nodes, n)) {
      const value = arithmetic(op, nodes.num(leftNode), nodes.num(rightNode));
      if (value !== undefined) return constant(value);
    }
    if (op === Op.Add && isSum(nodes, leftNode)) {
      const chain = this.sumChain(n);
      if (chain !== null) return chain;
    }
    const left = this.expr(leftNode);
    // A string literal on the right (`line + " |"`): joined with a constant.
    if (op === Op.Add && nodes.kind(rightNode) === N.Str) {
      const y = nodes.str(rightNode);
      return (m) => {
        const x = left(m);
        return typeof x === "string" ? joinInline(m, x, y, op, n) : m.binary(op, x, y, n);
      };
    }
    // A number literal on the right (`i + 1`, `x > 5`): compared with a constant.
    if (nodes.kind(rightNode) === N.Num) {
      const y = nodes.num(rightNode);
      switch (op) {
        case Op.Add:
          return (m) => {
            const x = left(m);
            return typeof x === "number" ? x + y : m.binary(op, x, y, n);
          };
        case Op.Sub:
          return (m) => {
            const x = left(m);
            return typeof x === "number" ? x - y : m.binary(op, x, y, n);
          };
        case Op.Lt:
          return (m) => {
            const x = left(m);
            return typeof x === "number" ? x < y : m.binary(op, x, y, n);
          };
        case Op.Gt:
          return (m) => {
            const x = left(m);
            return typeof x === "number" ? x > y : m.binary(op, x, y, n);
          };
        case Op.Eq:
          return (m) => {
            const x = left(m);
            return typeof x === "number" ? x === y : m.binary(op, x, y, n);
          };
      }
    }
    const right = this.expr(rightNode);
    switch (op) {
      case Op.Add:
        return (m) => {
          const x = left(m);
          const y = right(m);
          if (typeof x === "number" && typeof y === "number") return x + y;
          return typeof x === "string" ? joinInline(m, x, y, op, n) : m.binary(op, x, y, n);
        };
      case Op.Sub:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x - y : m.binary(op, x, y, n);
        };
      case Op.Mul:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x * y : m.binary(op, x, y, n);
        };
      case Op.Lt:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x < y : m.binary(op, x, y, n);
        };
      case Op.Gt:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x > y : m.binary(op, x, y, n);
        };
      case Op.Div:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x / y : m.binary(op, x, y, n);
        };
      case Op.Mod:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x % y : m.binary(op, x, y, n);
        };
      case Op.Le:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x <= y : m.binary(op, x, y, n);
        };
      case Op.Ge:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x >= y : m.binary(op, x, y, n);
        };
      case Op.Eq:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x === y : m.binary(op, x, y, n);
        };
      case Op.NotEq:
        return (m) => {
          const x = left(m);
          const y = right(m);
          return typeof x === "number" && typeof y === "number" ? x !== y : m.binary(op, x, y, n);
        };
      default:
        return (m) => m.binary(op, left(m), right(m), n);
    }
  }

  /** `a and b`, `a or b`: the deciding operand's value, the right one evaluated only if needed. */
  private logical(n: NodeId): Expr {
    const nodes = this.nodes;
    const left = this.expr(BinaryNode.left(nodes, n));
    const right = this.expr(BinaryNode.right(nodes, n));
    if (nodes.kind(n) === N.Or) {
      return (m) => {
        const x = left(m);
        return truthy(m, x) ? x : right(m);
      };
    }
    return (m) => {
      const x = left(m);
      return truthy(m, x) ? right(m) : x;
    };
  }

  private unary(n: NodeId): Expr {
    const nodes = this.nodes;
    // A minus before a number literal never gets here: the parser folds `-5` into the literal.
    const operand = this.expr(UnaryNode.operand(nodes, n));
    if (UnaryNode.op(nodes, n) === Op.Not) return (m) => !truthy(m, operand(m));
    return (m) => {
      const x = operand(m);
      return typeof x === "number" ? -x : m.negate(x, n);
    };
  }

  /**
   * `a + b + c` and `a + b + c + d`: one closure that adds the parts in order, as the
   * nested sums would — each part evaluated after the sum before it, each `+` as that
   * node's (numbers added, text joined, anything else to the machine, errors located at
   * that `+`) — without a closure call and a return per `+`: a row built cell by cell
   * (`set line line + " " + cell + " |"`) runs one closure, not three. A longer sum nests
   * such closures (a loop over the parts measured slower than the nesting on W3's shape).
   * Null when `n`'s sum has more than three `+`: `n` is then compiled as one `+`.
   */
  private sumChain(n: NodeId): Expr | null {
    const nodes = this.nodes;
    const sums: NodeId[] = [];
    let left = n;
    while (isSum(nodes, left) && sums.length <= 3) {
      sums.push(left);
      left = BinaryNode.left(nodes, left);
    }
    if (sums.length > 3) return null;
    const first = this.expr(left);
    const operand = (sum: NodeId): Expr | string | number => {
      const right = BinaryNode.right(nodes, sum);
      const kind = nodes.kind(right);
      if (kind === N.Str) return nodes.str(right);
      if (kind === N.Num) return nodes.num(right);
      return this.expr(right);
    };
    const j0 = sums[sums.length - 1] as NodeId;
    const j1 = sums[sums.length - 2] as NodeId;
    const p0 = operand(j0);
    const p1 = operand(j1);
    if (sums.length === 2) {
      return (m) => {
        const x = add(m, first(m), typeof p0 === "function" ? p0(m) : p0, j0);
        return add(m, x, typeof p1 === "function" ? p1(m) : p1, j1);
      };
    }
    const j2 = sums[0] as NodeId;
    const p2 = operand(j2);
    return (m) => {
      let x = add(m, first(m), typeof p0 === "function" ? p0(m) : p0, j0);
      x = add(m, x, typeof p1 === "function" ? p1(m) : p1, j1);
      return add(m, x, typeof p2 === "function" ? p2(m) : p2, j2);
    };
  }

  // ── members ────────────────────────────────────────────────────────────────

  /** `object.name`: an own property of a plain object inline; anything else through the machine. */
  private member(n: NodeId): Expr {
    const nodes = this.nodes;
    const objectNode = MemberNode.object(nodes, n);
    const name = nodes.str(n);
    const homeNode = SelfAccessNode.home(nodes, n);
    if (homeNode !== NONE) {
      // `self.name` in a class's members: its class may reach its private methods.
      const object = this.expr(objectNode);
      const home = this.load(homeNode);
      return (m) => m.member(object(m), name, n, home(m));
    }
    return memberRead(this.expr(objectNode), name, n);
  }

  // ── values expressions build ───────────────────────────────────────────────

  private list(n: NodeId): Expr {
    return this.values(this.parts(ListNode.first(this.nodes, n)));
  }

  /** `{k: v, ...o}`: the entries a spread adds are checked against maxListItems first. */
  private object(n: NodeId): Expr {
    const nodes = this.nodes;
    const entries: { key: string | null; value: Expr; node: NodeId }[] = [];
    for (let p = ListNode.first(nodes, n); p !== NONE; p = nodes.next(p)) {
      if (nodes.kind(p) === N.Spread) {
        entries.push({ key: null, value: this.expr(SpreadNode.operand(nodes, p)), node: p });
      } else entries.push({ key: nodes.str(p), value: this.expr(PairNode.value(nodes, p)), node: p });
    }
    return (m) => {
      m.heapValues++;
      const object: Record<string, unknown> = {};
      let count = 0;
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i] as (typeof entries)[number];
        if (entry.key !== null) {
          setOwn(object, entry.key, entry.value(m));
          count++;
        } else count = spreadIntoObject(m, object, entry.value(m), count, entry.node);
      }
      return object;
    };
  }

  /** `` `text {{expr}}` ``, its length checked as it grows (maxStringLength). */
  private template(n: NodeId): Expr {
    const nodes = this.nodes;
    const parts: (string | Expr)[] = [];
    for (let p = ListNode.first(nodes, n); p !== NONE; p = nodes.next(p)) {
      parts.push(nodes.kind(p) === N.Str ? nodes.str(p) : this.expr(p));
    }
    if (parts.every((p) => typeof p === "string")) return constant(parts.join(""));
    return (m) => {
      m.heapValues++;
      let text = "";
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i] as string | Expr;
        if (typeof p === "string") text = m.joinText(text, p);
        else {
          const value = p(m);
          m.at = n; // converting or joining can fail (a value that contains itself, a string too long)
          text = m.joinText(text, m.services.toText(value));
        }
      }
      return text;
    };
  }

  /** The two ends of `a .. b`, checked to be numbers. */
  protected range(n: NodeId): (m: Machine) => [number, number] {
    const nodes = this.nodes;
    const fromNode = RangeNode.from(nodes, n);
    const toNode = RangeNode.to(nodes, n);
    const from = this.expr(fromNode);
    const to = this.expr(toNode);
    return (m) => {
      const a = m.numberFor(from(m), fromNode, "a range");
      return [a, m.numberFor(to(m), toNode, "a range")];
    };
  }

  // ── imports and data ───────────────────────────────────────────────────────

  /** `import "file"` as a value: exports or data, or in the classic dialect the processed text. */
  private importExpr(n: NodeId): Expr {
    const nodes = this.nodes;
    const path = this.expr(ImportExprNode.path(nodes, n));
    const asText = ImportExprNode.form(nodes, n) === ImportExprForm.Text;
    return (m) => {
      const file = m.services.toText(path(m));
      m.at = n;
      try {
        return asText ? m.loader.importText(m.module, file, m) : m.loader.importValue(m.module, file);
      } catch (e) {
        throw m.importFailed(e, n);
      }
    };
  }

  private data(n: NodeId): Expr {
    const nodes = this.nodes;
    const file = this.expr(DataNode.file(nodes, n));
    const keys: string[] = [];
    for (let k = DataNode.firstKey(nodes, n); k !== NONE; k = nodes.next(k)) keys.push(nodes.str(k));
    if (nodes.kind(n) === N.DataGet) {
      return (m) => {
        const path = m.services.toText(file(m));
        m.at = n;
        try {
          return m.services.dataGet(m.module.ctx, path, keys) ?? null;
        } catch (e) {
          throw m.fault(e);
        }
      };
    }
    const value = this.expr(DataNode.value(nodes, n));
    return (m) => {
      const path = m.services.toText(file(m));
      m.at = n;
      try {
        m.services.dataPut(m.module.ctx, path, keys, value(m));
      } catch (e) {
        throw m.fault(e);
      }
      return null;
    };
  }
}

/**
 * `text + y` for text and a string or a number, joined here while it stays within
 * maxStringLength; other values, and text past the limit, go to the machine's `binary`.
 */
function joinInline(m: Machine, x: string, y: unknown, op: number, n: NodeId): unknown {
  const right = typeof y === "string" ? y : typeof y === "number" ? numberToText(y) : null;
  if (right === null || x.length + right.length > m.maxStringLength) return m.binary(op, x, y, n);
  m.heapValues++;
  return x + right;
}

/** What a {@link ExpressionCompiler.numericPart} returns when its number is in `m.register[0]`. */
export const IN_REGISTER: unique symbol = Symbol("in register");

/** A closure that returns `value`. */
export function constant(value: unknown): Expr {
  return () => value;
}

/** Whether a value counts as true (booleans inline, the rest by the one rule in `host/text.ts`). */
export function truthy(m: Machine, value: unknown): boolean {
  return typeof value === "boolean" ? value : m.services.isTruthy(value);
}

/** `x op y` for two number constants, or undefined for an operator that is not arithmetic or comparison. */
function arithmetic(op: number, x: number, y: number): number | boolean | undefined {
  switch (op) {
    case Op.Add:
      return x + y;
    case Op.Sub:
      return x - y;
    case Op.Mul:
      return x * y;
    case Op.Div:
      return x / y;
    case Op.Mod:
      return x % y;
    case Op.Eq:
      return x === y;
    case Op.NotEq:
      return x !== y;
    case Op.Lt:
      return x < y;
    case Op.Le:
      return x <= y;
    case Op.Gt:
      return x > y;
    case Op.Ge:
      return x >= y;
    default:
      return undefined;
  }
}

/**
 * `{...value}` into `object`, which has `count` entries: a list's items under their
 * indexes, an object's own entries; anything else adds nothing. The size is checked
 * before any key is made, and the clock and heap as the object grows. Returns the new count.
 */
function spreadIntoObject(
  m: Machine,
  object: Record<string, unknown>,
  value: unknown,
  count: number,
  at: NodeId,
): number {
  if (value === null || typeof value !== "object") return count;
  m.at = at;
  const budget = m.budget;
  // A list's length is known without making a key for each, so a huge list is refused
  // before any key is made.
  const list = Array.isArray(value) ? (value as unknown[]) : null;
  const keys = list === null ? Object.keys(value) : null;
  const added = list !== null ? list.length : (keys as string[]).length;
  budget.list(count + added, "this spread");
  budget.note(added * BYTES_PER_ENTRY);
  if (list !== null)
    for (let i = 0; i < list.length; i++) {
      budget.step();
      setOwn(object, String(i), list[i]);
    }
  else
    for (const k of keys as string[]) {
      budget.step();
      setOwn(object, k, (value as Record<string, unknown>)[k]);
    }
  return Object.keys(object).length;
}

/** Adds the values of `parts` to `items`, spreads spread. */
export function pushParts(m: Machine, items: unknown[], parts: readonly Part[]): void {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Part;
    if (p.push !== undefined) p.push(m, items);
    else if (p.spread) m.spreadInto(items, p.expr(m), p.node);
    else items.push(p.expr(m));
  }
}

/**
 * Whether `n` is a `+` that `sumChain` takes as a link: not one of
 * two number literals, which is folded into a constant.
 */
function isSum(nodes: NodeStore, n: NodeId): boolean {
  return nodes.kind(n) === N.Binary && BinaryNode.op(nodes, n) === Op.Add && !numberLiterals(nodes, n);
}

/** Whether both operands of the Binary node `n` are number literals (`60 * 60`). */
function numberLiterals(nodes: NodeStore, n: NodeId): boolean {
  return nodes.kind(BinaryNode.left(nodes, n)) === N.Num && nodes.kind(BinaryNode.right(nodes, n)) === N.Num;
}

/** One `+` of a sum chain (see `sumChain`); `join` is the `+` node, where a failure is located. */
export function add(m: Machine, x: unknown, y: unknown, join: NodeId): unknown {
  if (typeof x === "number" && typeof y === "number") return x + y;
  return typeof x === "string" ? joinInline(m, x, y, Op.Add, join) : m.binary(Op.Add, x, y, join);
}
