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

/**
 * Destructure: `destructure SOURCE targets…`. Each target is a Pair (its key in `str`, the
 * Name it binds as its value; `flags` 1 when a key was written before the name) or, last,
 * a Spread of a Name (the rest).
 */
export const DestructureNode = {
  source: a,
  setSource: setA,
  firstTarget: b,
  setFirstTarget: setB,
} as const;

/**
 * PathName: `import f` where `f` may be a variable: its `name` (a Name) is read when the
 * import runs, and its text is the path if it holds text; the word (`str`) is otherwise.
 */
export const PathNameNode = { name: a, setName: setA } as const;

/** Call: `callee args…`; `firstArg` is NONE when there are none; `form` is a `CallForm`. */
export const CallNode = {
  callee: a,
  setCallee: setA,
  firstArg: b,
  setFirstArg: setB,
  form: flags,
  setForm: setFlags,
} as const;

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

/** SetExpr: `set("name", value)` in an expression (`{{set("user", import("u.yaml"))}}`): the Set it runs. */
export const SetExprNode = { set: a, setSet: setA } as const;

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
  /** A `ForVars`: one loop variable or two. */
  vars: (nodes: NodeStore, n: NodeId) => nodes.flags(n) & 1,
  setVars: (nodes: NodeStore, n: NodeId, value: number) =>
    nodes.setFlags(n, (nodes.flags(n) & ~1) | (value & 1)),
  /**
   * A classic `<!-- xmd:for item in items -->`: a text is a list of comma-separated items
   * (`"apple, banana"`), as the C tool's tests read it, not a string of characters.
   */
  commaItems: (nodes: NodeStore, n: NodeId) => (nodes.flags(n) & 2) !== 0,
  setCommaItems: (nodes: NodeStore, n: NodeId, value: boolean) =>
    nodes.setFlags(n, (nodes.flags(n) & ~2) | (value ? 2 : 0)),
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
  form: (nodes: NodeStore, n: NodeId) => nodes.flags(n) & 3,
  setForm: (nodes: NodeStore, n: NodeId, value: number) =>
    nodes.setFlags(n, (nodes.flags(n) & ~3) | (value & 3)),
  /**
   * An in-place import alone on its line (`<!-- xmd:import part.md -->`, `@import(part.md)`):
   * the part's output ends with a line break, one added when it has none.
   */
  endsLine: (nodes: NodeStore, n: NodeId) => (nodes.flags(n) & 4) !== 0,
  setEndsLine: (nodes: NodeStore, n: NodeId, value: boolean) =>
    nodes.setFlags(n, (nodes.flags(n) & ~4) | (value ? 4 : 0)),
  /**
   * The C tool's `@import(path)`: a path that names no file beside the document is looked
   * for from the root too (the C tool read it from the folder it ran in).
   */
  fromRootToo: (nodes: NodeStore, n: NodeId) => (nodes.flags(n) & 8) !== 0,
  setFromRootToo: (nodes: NodeStore, n: NodeId, value: boolean) =>
    nodes.setFlags(n, (nodes.flags(n) & ~8) | (value ? 8 : 0)),
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

/**
 * Piece: a code piece of the document, its `block` of statements; `placement` (the low
 * bit of flags) is a `Placement`.
 *
 * A block that prints nothing leaves nothing, not even a blank line of its own: a block
 * (or a run of adjacent blocks) between blank lines owns the blank line below it, the
 * `blankAfter` characters after its end, and writes them only when the run printed
 * something. `chainStart` marks the first block of a run, where the run's output begins.
 */
export const PieceNode = {
  block: a,
  setBlock: setA,
  placement: (nodes: NodeStore, n: NodeId) => nodes.flags(n) & 1,
  setPlacement: (nodes: NodeStore, n: NodeId, value: number) =>
    nodes.setFlags(n, (nodes.flags(n) & ~1) | (value & 1)),
  chainStart: (nodes: NodeStore, n: NodeId) => (nodes.flags(n) & 2) !== 0,
  setChainStart: (nodes: NodeStore, n: NodeId, value: boolean) =>
    nodes.setFlags(n, (nodes.flags(n) & ~2) | (value ? 2 : 0)),
  blankAfter: num,
  setBlankAfter: setNum,
} as const;

// ── classes ────────────────────────────────────────────────────────────────

/**
 * ClassDecl: `class name [extends parent]`, then its members (Method nodes linked by
 * `next`). `parent` is an expression, NONE without `extends`.
 */
export const ClassNode = {
  name: a,
  setName: setA,
  parent: b,
  setParent: setB,
  firstMember: c,
  setFirstMember: setC,
} as const;

/** Method.flags: what a member of a class is. */
export const MethodFlags = {
  /** `private name params`: callable only through `self` in the class's own methods. */
  Private: 1,
  /** `constructor params`. */
  Constructor: 2,
} as const;

/**
 * Method: a member of a class. `info` is its function's index in the unit's `functions`
 * (its name is the function's, its first two parameters the hidden `self` and home
 * class); `flags` are {@link MethodFlags}.
 */
export const MethodNode = { info: num, setInfo: setNum, flags, setFlags } as const;

/** Super.flags: which form of `super`. */
export const SuperForm = {
  /** `super args`: the parent's constructor, on `self`. */
  Constructor: 0,
  /** `super.name args`: the parent's method `name` (in `nodes.str`), on `self`. */
  Method: 1,
} as const;

/**
 * Super: `firstArg` the arguments; `self` and `home` the hidden Name nodes of the
 * instance and the class whose member the code is in; `form` a {@link SuperForm}.
 */
export const SuperNode = {
  firstArg: a,
  setFirstArg: setA,
  self: b,
  setSelf: setB,
  home: c,
  setHome: setC,
  form: flags,
  setForm: setFlags,
} as const;

/**
 * Member and MethodCall with `self` as the receiver inside a class's members: `home` is
 * the hidden Name of the class whose member the code is in, so that its private methods
 * can be called (NONE elsewhere).
 */
export const SelfAccessNode = { home: c, setHome: setC } as const;
