/**
 * The AST store. A node is a number. Its fields are: kind, flags, source span, three
 * child links (a, b, c), a sibling link (next) and a numeric payload (num). Names and
 * strings ride on `num` as intern ids in pooled mode; in heap mode each node is one JS
 * object and carries its strings directly.
 * @module
 */
import { type FieldAccessor, type Handle, MAX_SLOTS, PoolError, StructPool } from "@xmd/pool";
import type { NameKey, NameTable } from "./names.js";

export type NodeId = number;
/** "No node" in every link field. */
export const NONE = -1;

/** Node kinds. */
export const N = {
  // expressions
  Num: 1,
  Str: 2,
  Template: 3,
  True: 4,
  False: 5,
  Null: 6,
  Name: 7,
  Array: 8,
  Object: 9,
  Pair: 10,
  Unary: 11,
  Binary: 12,
  And: 13,
  Or: 14,
  Ternary: 15,
  Range: 16,
  Member: 17,
  Index: 18,
  Call: 19,
  MethodCall: 20,
  Lambda: 21,
  ImportExpr: 22,
  Exec: 23,
  DataGet: 24,
  DataPut: 25,
  Spread: 26,
  /** A lone word as an import path: a variable's text, or the word (see PathNameNode). */
  PathName: 27,
  /** `/pattern/flags`; str is the literal's text. */
  Regex: 35,
  /** The C tool's `set("name", value)` as an expression: runs its Set (see SetExprNode), is empty text. */
  SetExpr: 36,
  // statements
  Block: 40,
  ExprStmt: 41,
  Set: 42,
  If: 43,
  For: 44,
  Loop: 45,
  While: 46,
  Break: 47,
  Continue: 48,
  Return: 49,
  Throw: 50,
  Try: 51,
  FunctionDecl: 52,
  Import: 53,
  Export: 54,
  TextRun: 55,
  Piece: 57,
  ExecStmt: 58,
  Destructure: 59,
  Yield: 60,
  /** `class NAME [extends PARENT]` and its members (see `ClassNode`). */
  ClassDecl: 70,
  /** A constructor or method of a class (see `MethodNode`). */
  Method: 71,
  /** `super args` or `super.name args` in a class's members (see `SuperNode`). */
  Super: 72,
} as const;

/** Binary operators (flags of a Binary node). */
export const Op = {
  Add: 1,
  Sub: 2,
  Mul: 3,
  Div: 4,
  Mod: 5,
  Eq: 6,
  NotEq: 7,
  Lt: 8,
  Le: 9,
  Gt: 10,
  Ge: 11,
  Neg: 12,
  Not: 13,
} as const;

// What a node's `flags` hold besides an Op (Unary, Binary) or a Binding (a resolved Name):
// the form of a Set, For, Import, ImportExpr, Export or Piece. See `node-fields.ts` for
// what every field of every kind holds.

/** Set.flags: the assignment operator. */
export const SetOp = {
  /** `set x 1`, `set x = 1`. */
  Assign: 0,
  /** `set x += 1`. */
  Add: 1,
  /** `set x -= 1`. */
  Sub: 2,
} as const;

/** For.flags: how many loop variables (`for x in …` or `for i, x in …`). */
export const ForVars = {
  One: 0,
  /** The first variable counts (or is the key), the second is the item (or the value). */
  Two: 1,
} as const;

/**
 * Call.flags: when a call is decided at run time. A name the parser cannot know to be a
 * function may hold one when the code runs; these forms keep both readings and pick by
 * the value.
 */
export const CallForm = {
  /** `f x`, `f(x)`: a call. */
  Call: 0,
  /**
   * A known function's name alone where a value is expected (`set r get_number`): called
   * when it is a function declared with no parameters, the value itself otherwise.
   */
  ValueOrCall: 1,
  /**
   * `g 1` with `g` not known to be a function: a call when `g` holds one, otherwise `g`
   * and its arguments are juxtaposed values (in an argument list, each an argument).
   */
  IfFunction: 2,
  /**
   * `set r add5 10` with `add5` not known to be a function: the call when `add5` holds one,
   * otherwise the object `{add5: 10}`. `firstArg` is the Object node.
   */
  ObjectIfNotFunction: 3,
} as const;

/** Import.flags: what an import statement binds. */
export const ImportForm = {
  /** `import "data/students.json"`, `import Tasks`: the whole module or data, to one name. */
  Module: 0,
  /** `import a, b as c from "file"`: exported names, each to a name. */
  Names: 1,
  /** Classic `import "part.md"`: runs the file in place, sharing the importer's variables. */
  InPlace: 2,
} as const;

/** ImportExpr.flags: what `import "file"` as a value is. */
export const ImportExprForm = {
  /** Native `set x import "mod.xmd"`: the module's exports (or the data of a data file). */
  Exports: 0,
  /** Classic `set x = import "part.md"`: the processed text, as the in-place directive inserts it. */
  Text: 1,
} as const;

/** Export.flags: what an export statement exports. */
export const ExportForm = {
  /** `export function …`, `export set …`: the names the declaration makes. */
  Declaration: 0,
  /** `export a, b B`: names listed, each under a name. */
  Names: 1,
} as const;

/** Piece.flags: where a code piece's output goes. */
export const Placement = {
  /** A fence or a comment on lines of its own: `print` ends lines. */
  Block: 0,
  /** In a line of text: output goes in place, no line endings added. */
  Inline: 1,
} as const;

/** The fields of a node, as the pool declares them. */
const NODE_FIELDS = {
  kind: "u8",
  flags: "u16",
  start: "u32",
  end: "u32",
  a: "i32",
  b: "i32",
  c: "i32",
  next: "i32",
  num: "f64",
} as const;

/** Read/write access to nodes, whatever the memory mode. */
export interface NodeStore {
  readonly pooled: boolean;
  create(kind: number, start: number, end: number): NodeId;
  kind(n: NodeId): number;
  flags(n: NodeId): number;
  start(n: NodeId): number;
  end(n: NodeId): number;
  a(n: NodeId): NodeId;
  b(n: NodeId): NodeId;
  c(n: NodeId): NodeId;
  next(n: NodeId): NodeId;
  num(n: NodeId): number;
  setFlags(n: NodeId, v: number): void;
  setStart(n: NodeId, v: number): void;
  setEnd(n: NodeId, v: number): void;
  setA(n: NodeId, v: NodeId): void;
  setB(n: NodeId, v: NodeId): void;
  setC(n: NodeId, v: NodeId): void;
  setNext(n: NodeId, v: NodeId): void;
  setNum(n: NodeId, v: number): void;
  /** A name (identifier) carried by the node. */
  name(n: NodeId): NameKey;
  setName(n: NodeId, key: NameKey): void;
  /**
   * How a resolved Name is reached at run time, a `Binding` (its flags), and the global
   * index, frame slot or capture index that goes with it (its `a`). Methods of the store,
   * not of `node-fields.ts`, because the resolver and the compiler read them at every use of a variable.
   */
  binding(n: NodeId): number;
  setBinding(n: NodeId, binding: number): void;
  slot(n: NodeId): number;
  setSlot(n: NodeId, slot: number): void;
  /** A string constant carried by the node (string literal, member name, object key). */
  str(n: NodeId): string;
  setStr(n: NodeId, text: string): void;
  /** Nodes alive now. */
  readonly live: number;
  /**
   * About `count` nodes are about to be made (a document's size is known once it is
   * split): an empty store that has less room makes it now, in one piece, instead of
   * growing (and copying) as they come. A hint: never a limit, and ignored by a store that
   * holds nodes.
   */
  reserve(count: number): void;
  /** Release every node (end of a document run). */
  releaseAll(): void;
  /** Give back storage reserved beyond what the tree needs (a kept tree is done growing). */
  trim(): void;
  /** Remember the nodes that exist now, so that {@link rollback} can free only later ones. */
  mark(): NodeMark;
  /** Free every node created since `mark` (a render of a compiled document frees its imports). */
  rollback(mark: NodeMark): void;
  /** Allocation accounting: nodes created, and string constants created vs interned. */
  readonly counts: { nodes: number; strings: number; internedStrings: number };
}

/** A point in a store's history: nodes and long strings created before it. */
export interface NodeMark {
  readonly nodes: number;
  readonly strings: number;
}

/** A pool with more slots than this is dropped by `releaseAll` rather than cleared (about 2.3 MB). */
const KEEP_SLOTS = 1 << 16;

/** Strings up to this many code units are interned; longer ones go to a side list. */
const SMALL_STRING = 64;

/** Pooled mode: nodes are slots of a typed-array struct pool. */
export class PooledNodeStore implements NodeStore {
  readonly pooled = true;
  /** The pool; replaced by a larger one when an empty store is asked to {@link reserve} more. */
  pool!: StructPool<typeof NODE_FIELDS>;
  readonly counts = { nodes: 0, strings: 0, internedStrings: 0 };
  // Set with the pool, by replacePool (which the constructor calls).
  private fKind!: FieldAccessor;
  private fFlags!: FieldAccessor;
  private fStart!: FieldAccessor;
  private fEnd!: FieldAccessor;
  private fA!: FieldAccessor;
  private fB!: FieldAccessor;
  private fC!: FieldAccessor;
  private fNext!: FieldAccessor;
  private fNum!: FieldAccessor;
  /** Long string constants; the node's num is -(index + 1). */
  private longStrings: string[] = [];
  /** Handles created since the first open mark, in order; null when no mark is open. */
  private created: number[] | null = null;

  constructor(
    private readonly names: NameTable & {
      interner?: { intern(s: string): number; text(id: number): string };
    },
    private readonly maxCapacity: number,
    private readonly checked: boolean,
    /** Slots per page: 4096 for the runtime's shared store, smaller for one small kept tree. */
    private readonly pageSize = 4096,
    /**
     * Whether {@link reserve} may make room in one piece: the runtime's shared store,
     * emptied after every render. Not a kept tree's: one page sized from an estimate could
     * hold far more room than the tree needs, for as long as the tree is kept, where
     * pages added one by one end within a page of its size.
     */
    private readonly reserves = true,
  ) {
    this.replacePool(pageSize);
  }

  get live(): number {
    return this.pool.live;
  }

  private newPool(pageSize: number): StructPool<typeof NODE_FIELDS> {
    return new StructPool({
      name: "ast-nodes",
      fields: NODE_FIELDS,
      pageSize,
      maxCapacity: this.maxCapacity,
      checked: this.checked,
    });
  }

  /**
   * An empty pool with less room than `count` is replaced by one whose first page holds
   * them all: nothing is in it to copy, and the nodes then fill one page instead of
   * growing the pool a page at a time by doubling copies of every column (a tenth of the
   * time of a large document, and twice its tree in memory for a moment). A page's room
   * that nodes never reach is never touched, so it costs address space, not memory.
   */
  reserve(count: number): void {
    const pool = this.pool;
    const wanted = Math.min(count, this.maxCapacity);
    // Not in checked mode, where stale handles must stay detectable: a new pool's handles
    // could equal the old one's.
    if (!this.reserves || this.checked || pool.live > 0 || this.created !== null) return;
    if (wanted <= pool.stats().capacity) return;
    const pageSize = Math.min(MAX_SLOTS, 2 ** Math.ceil(Math.log2(wanted)));
    if (pageSize <= pool.stats().pageSize) return;
    this.replacePool(pageSize);
  }

  /** A new, empty pool with pages of `pageSize`, and the accessors of its fields (also the first pool). */
  private replacePool(pageSize: number): void {
    this.pool = this.newPool(pageSize);
    this.fKind = this.pool.field("kind");
    this.fFlags = this.pool.field("flags");
    this.fStart = this.pool.field("start");
    this.fEnd = this.pool.field("end");
    this.fA = this.pool.field("a");
    this.fB = this.pool.field("b");
    this.fC = this.pool.field("c");
    this.fNext = this.pool.field("next");
    this.fNum = this.pool.field("num");
  }

  create(kind: number, start: number, end: number): NodeId {
    const h = this.pool.acquire();
    this.counts.nodes++;
    if (this.created !== null) this.created.push(h);
    this.fKind.set(h, kind);
    this.fStart.set(h, start);
    this.fEnd.set(h, end);
    this.fA.set(h, NONE);
    this.fB.set(h, NONE);
    this.fC.set(h, NONE);
    this.fNext.set(h, NONE);
    return h;
  }
  kind(n: NodeId): number {
    return this.fKind.get(n as Handle);
  }
  flags(n: NodeId): number {
    return this.fFlags.get(n as Handle);
  }
  start(n: NodeId): number {
    return this.fStart.get(n as Handle);
  }
  end(n: NodeId): number {
    return this.fEnd.get(n as Handle);
  }
  a(n: NodeId): NodeId {
    return this.fA.get(n as Handle);
  }
  b(n: NodeId): NodeId {
    return this.fB.get(n as Handle);
  }
  c(n: NodeId): NodeId {
    return this.fC.get(n as Handle);
  }
  next(n: NodeId): NodeId {
    return this.fNext.get(n as Handle);
  }
  num(n: NodeId): number {
    return this.fNum.get(n as Handle);
  }
  setFlags(n: NodeId, v: number): void {
    this.fFlags.set(n as Handle, v);
  }
  setStart(n: NodeId, v: number): void {
    this.fStart.set(n as Handle, v);
  }
  setEnd(n: NodeId, v: number): void {
    this.fEnd.set(n as Handle, v);
  }
  setA(n: NodeId, v: NodeId): void {
    this.fA.set(n as Handle, v);
  }
  setB(n: NodeId, v: NodeId): void {
    this.fB.set(n as Handle, v);
  }
  setC(n: NodeId, v: NodeId): void {
    this.fC.set(n as Handle, v);
  }
  setNext(n: NodeId, v: NodeId): void {
    this.fNext.set(n as Handle, v);
  }
  setNum(n: NodeId, v: number): void {
    this.fNum.set(n as Handle, v);
  }
  name(n: NodeId): NameKey {
    return this.fNum.get(n as Handle);
  }
  binding(n: NodeId): number {
    return this.fFlags.get(n as Handle);
  }
  setBinding(n: NodeId, binding: number): void {
    this.fFlags.set(n as Handle, binding);
  }
  slot(n: NodeId): number {
    return this.fA.get(n as Handle);
  }
  setSlot(n: NodeId, slot: number): void {
    this.fA.set(n as Handle, slot);
  }
  setName(n: NodeId, key: NameKey): void {
    this.fNum.set(n as Handle, key as number);
  }
  str(n: NodeId): string {
    const v = this.fNum.get(n as Handle);
    return v >= 0 ? this.names.interner!.text(v) : (this.longStrings[-v - 1] as string);
  }
  setStr(n: NodeId, text: string): void {
    this.counts.strings++;
    if (text.length <= SMALL_STRING) {
      this.counts.internedStrings++;
      this.fNum.set(n as Handle, this.names.interner!.intern(text));
    } else {
      this.longStrings.push(text);
      this.fNum.set(n as Handle, -this.longStrings.length);
    }
  }
  releaseAll(): void {
    // A pool grown for a large document is dropped, not cleared: clearing costs a pass
    // over every slot it had, and keeping it would hold the document's tree in memory for
    // good. The next document gets a pool of the size this one started with.
    // (Not in checked mode: a new pool's handles could equal stale ones of the old.)
    if (!this.checked && this.pool.stats().capacity > KEEP_SLOTS) this.replacePool(this.pageSize);
    else this.pool.reset();
    this.longStrings = [];
    this.created = null;
  }
  trim(): void {
    this.pool.trim();
  }
  mark(): NodeMark {
    if (this.created === null) this.created = [];
    return { nodes: this.created.length, strings: this.longStrings.length };
  }
  rollback(mark: NodeMark): void {
    const created = this.created;
    if (created === null) return;
    for (let i = created.length - 1; i >= mark.nodes; i--) this.pool.release(created[i] as Handle);
    created.length = mark.nodes;
    this.longStrings.length = mark.strings;
    if (mark.nodes === 0) this.created = null;
  }
}

/** One JS object per node: the heap-mode baseline. */
interface HeapNode {
  kind: number;
  flags: number;
  start: number;
  end: number;
  a: NodeId;
  b: NodeId;
  c: NodeId;
  next: NodeId;
  num: number;
  name: NameKey;
  str: string;
}

/** Heap mode: an array of node objects; a node id is its index. */
export class HeapNodeStore implements NodeStore {
  readonly pooled = false;
  readonly counts = { nodes: 0, strings: 0, internedStrings: 0 };
  private nodes: HeapNode[] = [];

  /** @param maxNodes - The same limit pooled mode's pool has (`maxPoolSlots`), so both modes fail alike. */
  constructor(private readonly maxNodes: number = Number.POSITIVE_INFINITY) {}

  get live(): number {
    return this.nodes.length;
  }
  reserve(_count: number): void {}
  create(kind: number, start: number, end: number): NodeId {
    if (this.nodes.length >= this.maxNodes) throw capacityError("ast-nodes", this.maxNodes);
    this.counts.nodes++;
    this.nodes.push({
      kind,
      flags: 0,
      start,
      end,
      a: NONE,
      b: NONE,
      c: NONE,
      next: NONE,
      num: 0,
      name: "",
      str: "",
    });
    return this.nodes.length - 1;
  }
  kind(n: NodeId): number {
    return (this.nodes[n] as HeapNode).kind;
  }
  flags(n: NodeId): number {
    return (this.nodes[n] as HeapNode).flags;
  }
  start(n: NodeId): number {
    return (this.nodes[n] as HeapNode).start;
  }
  end(n: NodeId): number {
    return (this.nodes[n] as HeapNode).end;
  }
  a(n: NodeId): NodeId {
    return (this.nodes[n] as HeapNode).a;
  }
  b(n: NodeId): NodeId {
    return (this.nodes[n] as HeapNode).b;
  }
  c(n: NodeId): NodeId {
    return (this.nodes[n] as HeapNode).c;
  }
  next(n: NodeId): NodeId {
    return (this.nodes[n] as HeapNode).next;
  }
  num(n: NodeId): number {
    return (this.nodes[n] as HeapNode).num;
  }
  setFlags(n: NodeId, v: number): void {
    (this.nodes[n] as HeapNode).flags = v;
  }
  setStart(n: NodeId, v: number): void {
    (this.nodes[n] as HeapNode).start = v;
  }
  setEnd(n: NodeId, v: number): void {
    (this.nodes[n] as HeapNode).end = v;
  }
  setA(n: NodeId, v: NodeId): void {
    (this.nodes[n] as HeapNode).a = v;
  }
  setB(n: NodeId, v: NodeId): void {
    (this.nodes[n] as HeapNode).b = v;
  }
  setC(n: NodeId, v: NodeId): void {
    (this.nodes[n] as HeapNode).c = v;
  }
  setNext(n: NodeId, v: NodeId): void {
    (this.nodes[n] as HeapNode).next = v;
  }
  setNum(n: NodeId, v: number): void {
    (this.nodes[n] as HeapNode).num = v;
  }
  name(n: NodeId): NameKey {
    return (this.nodes[n] as HeapNode).name;
  }
  binding(n: NodeId): number {
    return (this.nodes[n] as HeapNode).flags;
  }
  setBinding(n: NodeId, binding: number): void {
    (this.nodes[n] as HeapNode).flags = binding;
  }
  slot(n: NodeId): number {
    return (this.nodes[n] as HeapNode).a;
  }
  setSlot(n: NodeId, slot: number): void {
    (this.nodes[n] as HeapNode).a = slot;
  }
  setName(n: NodeId, key: NameKey): void {
    (this.nodes[n] as HeapNode).name = key;
  }
  str(n: NodeId): string {
    return (this.nodes[n] as HeapNode).str;
  }
  setStr(n: NodeId, text: string): void {
    this.counts.strings++;
    (this.nodes[n] as HeapNode).str = text;
  }
  releaseAll(): void {
    this.nodes = [];
  }
  trim(): void {}
  mark(): NodeMark {
    return { nodes: this.nodes.length, strings: 0 };
  }
  rollback(mark: NodeMark): void {
    this.nodes.length = mark.nodes;
  }
}

/** The error a full pool throws, for heap-mode stores that stand in for one. */
export function capacityError(pool: string, max: number): PoolError {
  return new PoolError(pool, -1, "capacity", `capacity exhausted: all ${max} slots are live`);
}
