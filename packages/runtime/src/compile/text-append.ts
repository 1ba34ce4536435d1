/**
 * `set line line + " " + cell + " |"` (and `set line += piece`) on a module global: the
 * pieces appended to the variable's text builder (`output/text-builder.ts`) in place,
 * instead of a new string per `+`. The first such statement to find the variable holding a
 * string puts that string in a builder; later ones append to it. Anything the builder
 * cannot take — a piece that is neither text nor a number, text past `maxStringLength`, a
 * variable holding something else — leaves the builder as it was and goes the ordinary
 * way (`+` as everywhere else), so the text and the errors are the same. Only a render into
 * UTF-8 chunks builds text so (see `Output.utf8`): every form but a document rendered once
 * to a string, whose string output would decode the bytes again at every `print`.
 *
 * Only pieces that cannot run code of the document are taken (literals, variables,
 * members, indexes and operators on those): a function called between two appends could
 * read or set the variable while it is half built.
 * @module
 */
import { NORMAL } from "../eval/eval-base.js";
import type { Machine } from "../eval/machine.js";
import { Binding } from "../resolve/bindings.js";
import { BinaryNode, IndexNode, MemberNode, SetNode, TernaryNode, UnaryNode } from "../syntax/node-fields.js";
import { N, type NodeId, type NodeStore, Op, SetOp } from "../syntax/nodes.js";
import type { Expr, Stmt, Store } from "./code.js";
import { add, IN_REGISTER } from "./expressions.js";

/** The pieces appended by a Set node, and the `+` node each is joined at (errors are located there). */
export interface AppendPieces {
  /** The Name the variable's value is read from (where an unset variable is reported). */
  read: NodeId;
  /** The piece nodes, in the order they are appended. */
  pieces: NodeId[];
  joins: NodeId[];
}

/**
 * The pieces of `set x x + a + b …` or `set x += a` when `x` is a module global (not a
 * classic directive's name, which reads as null when unset), and every piece is one
 * {@link isPlain}; null for any other Set.
 */
export function appendPieces(
  nodes: NodeStore,
  set: NodeId,
  lenient: ReadonlySet<NodeId> | null,
): AppendPieces | null {
  const target = SetNode.target(nodes, set);
  if (nodes.kind(target) !== N.Name || nodes.binding(target) !== Binding.Global || lenient?.has(target))
    return null;
  const slot = nodes.slot(target);
  const value = SetNode.value(nodes, set);
  let pieces: NodeId[];
  let joins: NodeId[];
  let read = target;
  if (SetNode.op(nodes, set) === SetOp.Add) {
    // `set x += a + b` is x + (a + b): one piece.
    pieces = [value];
    joins = [set];
  } else if (SetNode.op(nodes, set) === 0) {
    const sums: NodeId[] = [];
    let left = value;
    while (nodes.kind(left) === N.Binary && BinaryNode.op(nodes, left) === Op.Add) {
      sums.push(left);
      left = BinaryNode.left(nodes, left);
    }
    if (sums.length === 0 || !isVariable(nodes, left, slot)) return null;
    read = left;
    sums.reverse();
    pieces = sums.map((sum) => BinaryNode.right(nodes, sum));
    joins = sums;
  } else return null;
  for (const piece of pieces) if (!isPlain(nodes, piece, slot)) return null;
  return { read, pieces, joins };
}

/** Whether `n` is a Name of the module global at `slot`. */
function isVariable(nodes: NodeStore, n: NodeId, slot: number): boolean {
  return nodes.kind(n) === N.Name && nodes.binding(n) === Binding.Global && nodes.slot(n) === slot;
}

/**
 * Whether evaluating `n` runs no code of the document and does not read the global at
 * `slot`: literals, other variables, members and indexes of those, operators.
 */
function isPlain(nodes: NodeStore, n: NodeId, slot: number): boolean {
  switch (nodes.kind(n)) {
    case N.Num:
    case N.Str:
    case N.True:
    case N.False:
    case N.Null:
      return true;
    case N.Name:
      return !isVariable(nodes, n, slot);
    case N.Member:
      return isPlain(nodes, MemberNode.object(nodes, n), slot);
    case N.Index:
      return (
        isPlain(nodes, IndexNode.object(nodes, n), slot) && isPlain(nodes, IndexNode.index(nodes, n), slot)
      );
    case N.Unary:
      return isPlain(nodes, UnaryNode.operand(nodes, n), slot);
    case N.Binary:
    case N.And:
    case N.Or:
      return (
        isPlain(nodes, BinaryNode.left(nodes, n), slot) && isPlain(nodes, BinaryNode.right(nodes, n), slot)
      );
    case N.Ternary:
      // The parser always sets all three (`cond ? a : b`).
      return (
        isPlain(nodes, TernaryNode.cond(nodes, n), slot) &&
        isPlain(nodes, TernaryNode.ifTrue(nodes, n), slot) &&
        isPlain(nodes, TernaryNode.ifFalse(nodes, n), slot)
      );
    default:
      return false;
  }
}

/**
 * The statement: `slot` the global's index, `pieces` the compiled pieces (a literal's text,
 * or a closure, which may return {@link IN_REGISTER}), `current` and `store` the variable's ordinary read and
 * write, `ordinary` the statement compiled the ordinary way (for a render to a string, and
 * a variable that does not hold text).
 */
export function appendStatement(
  slot: number,
  pieces: readonly (Expr | string)[],
  joins: readonly NodeId[],
  current: Expr,
  store: Store,
  ordinary: Stmt,
): Stmt {
  const count = pieces.length;
  /** `x + pieces[from] + …` the ordinary way, `y` the value of `pieces[from]`, stored. */
  const rest = (m: Machine, x: unknown, y: unknown, from: number): number => {
    let value = add(m, x, y === IN_REGISTER ? m.register[0] : y, joins[from] as NodeId);
    for (let i = from + 1; i < count; i++) {
      const piece = pieces[i] as Expr | string;
      const v = typeof piece === "string" ? piece : piece(m);
      value = add(m, value, v === IN_REGISTER ? m.register[0] : v, joins[i] as NodeId);
    }
    store(m, value);
    return NORMAL;
  };
  return (m) => {
    if (!m.output.utf8) return ordinary(m);
    const v = m.module.globalVars[slot];
    let builder = v === undefined || v === -1 ? null : m.vars.builderOf(v);
    if (builder === null) {
      // Read twice when it is not text (the read has no effect; one left unset fails here).
      const x = current(m);
      if (typeof x === "string") builder = m.vars.startText(m.globalVar(slot), x);
      if (builder === null) return ordinary(m);
    }
    const length = builder.length;
    const units = builder.units;
    const max = m.maxStringLength;
    let i = 0;
    try {
      for (; i < count; i++) {
        const piece = pieces[i] as Expr | string;
        const y = typeof piece === "string" ? piece : piece(m);
        if (typeof y === "string") {
          if (builder.units + y.length <= max && builder.appendText(y)) continue;
        } else if (typeof y === "number" || y === IN_REGISTER) {
          const at = builder.length;
          const before = builder.units;
          builder.appendNumber(y === IN_REGISTER ? (m.register[0] as number) : y);
          if (builder.units <= max) continue;
          builder.truncate(at, before);
        }
        // Text from here on, the builder back to the variable's value (in case this fails).
        const x = builder.text();
        builder.truncate(length, units);
        return rest(m, x, y, i);
      }
    } catch (e) {
      // A piece failed: the variable keeps its value.
      builder.truncate(length, units);
      throw e;
    }
    return NORMAL;
  };
}
