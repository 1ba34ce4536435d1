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
import type { TextBuilder } from "../output/text-builder.js";
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

/** A piece of a loop's append that is the loop's item itself (see {@link appendLoop}). */
export const ITEM: unique symbol = Symbol("item");

/** What an append appends: a literal's text, the loop's item, or a closure (which may return {@link IN_REGISTER}). */
export type Piece = Expr | string | typeof ITEM;

/**
 * An append compiled: `slot` the global's index, `pieces` what is appended, `joins` the `+`
 * node of each piece, `current` and `store` the variable's ordinary read and write,
 * `ordinary` the statement compiled the ordinary way (for a render to a string, and a
 * variable that does not hold text).
 */
export interface AppendCode {
  readonly slot: number;
  readonly pieces: readonly Piece[];
  readonly joins: readonly NodeId[];
  readonly current: Expr;
  readonly store: Store;
  readonly ordinary: Stmt;
}

/** The statement. */
export function appendStatement(code: AppendCode): Stmt {
  return (m) => {
    if (!m.output.utf8) return code.ordinary(m);
    const builder = builderOf(m, code);
    if (builder === null) return code.ordinary(m);
    append(m, code, builder, null);
    return NORMAL;
  };
}

/**
 * `for x in list` over a body that is one append (`for cell in row` / `set line line + " "
 * + cell + " |"`), as one closure: the pieces are appended with the item in hand where a
 * piece is the variable itself, without a call for the body, the piece or the read, and
 * the builder is found once, not at every step. `code`'s pieces have {@link ITEM} there;
 * its `ordinary` reads the variable. Only for a render into UTF-8 chunks (see the module
 * note) and a list that is not empty (the caller sees to both).
 *
 * When every other piece is a literal, nothing a step runs reads the variable (joining a
 * value to text runs no code of the document), so once the builder is found the item is
 * written into it only when something could see it: after the last step, and when a step
 * fails (then it holds the item of the step that failed, or, at the loop limit, of the
 * step before, as the ordinary loop leaves it). Any other step writes it first.
 */
export function appendLoop(
  code: AppendCode,
  loopSlot: number,
): (m: Machine, n: NodeId, list: unknown[]) => number {
  const literal = code.pieces.every((p) => typeof p === "string" || p === ITEM);
  return (m, n, list) => {
    const v = m.globalVar(loopSlot);
    const vars = m.vars;
    let builder: TextBuilder | null = null;
    /** The item the variable should hold, and whether a step left it unwritten. */
    let item: unknown = null;
    let skipped = false;
    try {
      for (let i = 0; i < list.length; i++) {
        m.tick(n);
        // A hole in a list is null, as everywhere else.
        item = list[i] ?? null;
        if (literal && builder !== null) {
          skipped = true;
          if (!append(m, code, builder, item)) builder = null;
          continue;
        }
        vars.write(v, item);
        builder = builderOf(m, code);
        // An append ends normally or throws: there is no signal to pass on.
        if (builder === null) code.ordinary(m);
        else if (!append(m, code, builder, item)) builder = null;
      }
    } finally {
      if (skipped) vars.write(v, item);
    }
    return NORMAL;
  };
}

/**
 * The builder the variable's text is in: the one it has, or one the variable's string is
 * put in now; null when the variable holds something else (or text no builder can hold).
 */
function builderOf(m: Machine, code: AppendCode): TextBuilder | null {
  const v = m.module.globalVars[code.slot];
  const builder = v === undefined || v === -1 ? null : m.vars.builderOf(v);
  if (builder !== null) return builder;
  // Read twice when it is not text (the read has no effect; one left unset fails here).
  const x = code.current(m);
  return typeof x === "string" ? m.vars.startText(m.globalVar(code.slot), x) : null;
}

/**
 * Appends the pieces to `builder`, going the ordinary way from the first piece it cannot
 * take: true when all went into the builder, false when the variable was given a new value
 * (and its builder left unused).
 */
function append(m: Machine, code: AppendCode, builder: TextBuilder, item: unknown): boolean {
  const { pieces } = code;
  const length = builder.length;
  const units = builder.units;
  const max = m.maxStringLength;
  let i = 0;
  try {
    for (; i < pieces.length; i++) {
      const piece = pieces[i] as Piece;
      const y = typeof piece === "string" ? piece : piece === ITEM ? item : piece(m);
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
      rest(m, code, x, y, i, item);
      return false;
    }
  } catch (e) {
    // A piece failed: the variable keeps its value.
    builder.truncate(length, units);
    throw e;
  }
  return true;
}

/** `x + pieces[from] + …` the ordinary way, `y` the value of `pieces[from]`, stored. */
function rest(m: Machine, code: AppendCode, x: unknown, y: unknown, from: number, item: unknown): void {
  const { pieces, joins } = code;
  let value = add(m, x, y === IN_REGISTER ? m.register[0] : y, joins[from] as NodeId);
  for (let i = from + 1; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const v = typeof piece === "string" ? piece : piece === ITEM ? item : piece(m);
    value = add(m, value, v === IN_REGISTER ? m.register[0] : v, joins[i] as NodeId);
  }
  code.store(m, value);
}
