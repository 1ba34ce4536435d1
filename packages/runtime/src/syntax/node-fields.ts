/**
 * What each field of a node holds, kind by kind, as named accessors: `ForNode.iterable(nodes, n)`
 * instead of `nodes.a(n)`. The store keeps its generic columns (three child links a, b, c,
 * a sibling link `next`, `flags`, and `num` for a number, a name or a string); these name
 * what they mean. Each accessor is one call of the store's own, small enough for V8 to
 * inline, and kinds whose fields mean the same share one function (every `first` is
 * `nodes.a`), so that a call site stays as monomorphic as a direct `nodes.a(n)`.
 *
 * Lists (statements, items, arguments, keys) are linked by `next` from their first node.
 * A name's key is `nodes.name(n)`, a string's text `nodes.str(n)`, a number `nodes.num(n)`.
 * @module
 */
import type { NodeId, NodeStore } from "./nodes.js";

type Getter = (nodes: NodeStore, n: NodeId) => NodeId;
type Setter = (nodes: NodeStore, n: NodeId, value: NodeId) => void;

const a: Getter = (nodes, n) => nodes.a(n);
const b: Getter = (nodes, n) => nodes.b(n);
const c: Getter = (nodes, n) => nodes.c(n);
const flags: Getter = (nodes, n) => nodes.flags(n);
const num: Getter = (nodes, n) => nodes.num(n);
const setA: Setter = (nodes, n, value) => nodes.setA(n, value);
const setB: Setter = (nodes, n, value) => nodes.setB(n, value);
const setC: Setter = (nodes, n, value) => nodes.setC(n, value);
const setFlags: Setter = (nodes, n, value) => nodes.setFlags(n, value);
const setNum: Setter = (nodes, n, value) => nodes.setNum(n, value);

// ── lists and values ───────────────────────────────────────────────────────

/**
 * Block (statements), Array (items, Spread among them), Object (Pairs and Spreads),
 * Template (Str parts and expressions): the first of the list.
 */
export const ListNode = { first: a, setFirst: setA } as const;

/** Pair: one entry of an object, `key value` (the key is `nodes.str`). Also a spec of an import or export list. */
export const PairNode = { value: b, setValue: setB } as const;

/** Spread: `...operand` in a list, an object or an argument list. */
export const SpreadNode = { operand: a, setOperand: setA } as const;

// Name: a name (`nodes.name`); once resolved, how it is reached (`nodes.binding`, a
// `Binding`) and where (`nodes.slot`): methods of the store itself, as every use of a
// variable reads them.

// ── operators ──────────────────────────────────────────────────────────────

/** Unary: `op` is Op.Neg or Op.Not. */
export const UnaryNode = { op: flags, setOp: setFlags, operand: a, setOperand: setA } as const;

/** Binary (`op` an Op), And, Or (no op): `left op right`. */
export const BinaryNode = {
  op: flags,
  setOp: setFlags,
  left: a,
  setLeft: setA,
  right: b,
  setRight: setB,
} as const;

/** Ternary: `cond ? ifTrue : ifFalse`. */
export const TernaryNode = {
  cond: a,
  setCond: setA,
  ifTrue: b,
  setIfTrue: setB,
  ifFalse: c,
  setIfFalse: setC,
} as const;

/** Range: `from .. to`. */
export const RangeNode = { from: a, setFrom: setA, to: b, setTo: setB } as const;

// ── members and calls ──────────────────────────────────────────────────────

/** Member: `object.key` (the key is `nodes.str`). */
export const MemberNode = { object: a, setObject: setA } as const;

/** Index: `object[index]`. */
export const IndexNode = { object: a, setObject: setA, index: b, setIndex: setB } as const;

/** Call: `callee args…`; `firstArg` is NONE when there are none. */
export const CallNode = { callee: a, setCallee: setA, firstArg: b, setFirstArg: setB } as const;

/** MethodCall: `receiver.method args…` (the method's name is `nodes.str`). */
export const MethodCallNode = { receiver: a, setReceiver: setA, firstArg: b, setFirstArg: setB } as const;

/**
 * Lambda and FunctionDecl: `info` is the function's index in the unit's `functions`; a
 * FunctionDecl's `name` is a Name node.
 */
export const FunctionNode = { info: num, setInfo: setNum, name: a, setName: setA } as const;

// ── special forms ──────────────────────────────────────────────────────────

/** ImportExpr: `import path` as a value; `form` is an `ImportExprForm`. */
export const ImportExprNode = { path: a, setPath: setA, form: flags, setForm: setFlags } as const;

/** Exec: `exec …` / `cmd …`; the command line is a Str or an expression. */
export const ExecNode = { command: a, setCommand: setA } as const;

/** DataGet and DataPut: `get file.key.key`, `put file.key.key value`; the keys are Str nodes. */
export const DataNode = {
  file: a,
  setFile: setA,
  firstKey: b,
  setFirstKey: setB,
  value: c,
  setValue: setC,
} as const;

// ── statements ─────────────────────────────────────────────────────────────

/** ExprStmt, ExecStmt (an Exec), Return (NONE when bare), Throw: the statement's one expression. */
export const ExprStmtNode = { expr: a, setExpr: setA } as const;

/** Set: `set target value`; `op` is a `SetOp`. The target is a Name, a Member or an Index. */
export const SetNode = {
  target: a,
  setTarget: setA,
  value: b,
  setValue: setB,
  op: flags,
  setOp: setFlags,
} as const;

/** If: `if cond` then `thenBlock`; `otherwise` is an If (`elif`), a Block (`else`) or NONE. */
export const IfNode = {
  cond: a,
  setCond: setA,
  thenBlock: b,
  setThenBlock: setB,
  otherwise: c,
  setOtherwise: setC,
} as const;

/** For: `for firstVar[, second] in iterable` then a Block; `vars` is a `ForVars` (the second is firstVar's next). */
export const ForNode = {
  iterable: a,
  setIterable: setA,
  body: b,
  setBody: setB,
  firstVar: c,
  setFirstVar: setC,
  vars: flags,
  setVars: setFlags,
} as const;

/** While: `while cond` then a Block, its `body` where a Loop keeps its own. */
export const WhileNode = { cond: a, setCond: setA, body: b, setBody: setB } as const;

/** Loop: `loop count times` then a Block. */
export const LoopNode = { count: a, setCount: setA, body: b, setBody: setB } as const;

/** Try: `try` a Block, `catch [errorName]` a Block. */
export const TryNode = {
  body: a,
  setBody: setA,
  handler: b,
  setHandler: setB,
  errorName: c,
  setErrorName: setC,
} as const;

/**
 * Import: `import path`; `form` is an `ImportForm`. `bound` is the Name the whole module is
 * bound to (Module), the first Pair of `exported local` names (Names), or NONE (InPlace).
 */
export const ImportNode = {
  path: a,
  setPath: setA,
  bound: b,
  setBound: setB,
  form: flags,
  setForm: setFlags,
} as const;

/**
 * Export: `form` is an `ExportForm`: the `declaration` exported (a FunctionDecl, or a Set
 * or a Block of Sets), or the first Pair of `local exported` names.
 */
export const ExportNode = {
  declaration: a,
  setDeclaration: setA,
  firstName: b,
  setFirstName: setB,
  form: flags,
  setForm: setFlags,
} as const;

/**
 * TextRun: markdown text and `{{ }}` that follow each other, between two code pieces: one
 * node for the whole run, not one per piece (see `document/text-runs.ts`). Its pieces are
 * records of the document's piece buffer, where the program's `runs` say (by `run`, the
 * run's index); a `{{ name }}` record points into the list of the run's distinct names
 * (Name nodes, from `firstName`), any other `{{ }}` into its list of expressions (from
 * `firstExpr`), in order.
 */
export const TextRunNode = {
  firstName: a,
  setFirstName: setA,
  firstExpr: b,
  setFirstExpr: setB,
  run: num,
  setRun: setNum,
} as const;

/** Piece: a code piece of the document, its `block` of statements; `placement` is a `Placement`. */
export const PieceNode = { block: a, setBlock: setA, placement: flags, setPlacement: setFlags } as const;
