/**
 * The resolver: binds every name use once, before anything runs, to a global index, a
 * frame slot, a cell, or a closure capture. The evaluator then never looks a variable up
 * by its string.
 *
 * Scoping rules (the language reference leaves the details open; these are ours):
 * - Module level: every name set, declared, imported or looped over anywhere at module
 *   level is a global of the module.
 * - In a function: parameters are locals; `set NAME` assigns an existing variable of an
 *   enclosing function or of the module when there is one, and otherwise declares a local
 *   (so a function can update a module-level counter, and its own names stay its own);
 *   loop and catch variables are always locals.
 * - A name read that nothing declares becomes a global that is unset until something
 *   sets it (a classic `import` can, at run time); reading it unset is the
 *   "not defined" error, with the location of the use.
 * @module
 */
import type { NameKey } from "../syntax/names.js";
import {
  ClassNode,
  DestructureNode,
  ExportNode,
  ForNode,
  FunctionNode,
  IfNode,
  ImportNode,
  ListNode,
  LoopNode,
  MemberNode,
  MethodCallNode,
  MethodNode,
  PairNode,
  PieceNode,
  SelfAccessNode,
  SetNode,
  SpreadNode,
  TryNode,
} from "../syntax/node-fields.js";
import { ExportForm, ImportForm, N, NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
import type { FunctionInfo, ParseUnit } from "../syntax/unit.js";
import { Binding } from "./bindings.js";

/**
 * The module-level names, shared with classic in-place imports. A layer
 * ({@link GlobalNames.layer}) reads through to the names below it and keeps only the
 * names declared on it: each render of a compiled document gets one, instead of a copy.
 */
export class GlobalNames {
  /** Made at the first name declared here: a compiled document's render gets a layer, and most declare none. */
  private own: Map<NameKey, number> | null = null;
  private readonly ownNames: NameKey[] = [];

  /** @param below - Names this layer reads through to; they must not change while it lives. */
  constructor(private readonly below: GlobalNames | null = null) {}

  /** The index of a declared name, or undefined. */
  indexOf(key: NameKey): number | undefined {
    const i = this.below?.indexOf(key);
    return i !== undefined ? i : this.own?.get(key);
  }
  has(key: NameKey): boolean {
    return this.indexOf(key) !== undefined;
  }
  declare(key: NameKey): number {
    let i = this.indexOf(key);
    if (i === undefined) {
      i = this.size;
      this.own ??= new Map();
      this.own.set(key, i);
      this.ownNames.push(key);
    }
    return i;
  }
  get size(): number {
    return (this.below?.size ?? 0) + this.ownNames.length;
  }
  /** Every name, by index. */
  get names(): NameKey[] {
    return [...(this.below?.names ?? []), ...this.ownNames];
  }
  /** A layer for one render: sees these names, declares its own without touching them. */
  layer(): GlobalNames {
    return new GlobalNames(this);
  }
}

interface Scope {
  info: FunctionInfo;
  parent: Scope | null;
  locals: Map<NameKey, number>;
  captured: Set<number>;
  /** name → index in info.captures */
  captureIndex: Map<NameKey, number>;
}

export class Resolver {
  private readonly nodes: NodeStore;
  private readonly localRefs: { node: NodeId; scope: Scope; slot: number }[] = [];

  constructor(
    private readonly unit: ParseUnit,
    private readonly globals: GlobalNames,
    /** Names that mean a builtin unless the document declares them. */
    private readonly isBuiltin: (key: NameKey) => boolean,
    /**
     * Where to note the first use of each global name that nothing declares (no `set`,
     * function, import, loop variable … of the module, no variable passed in): what
     * `check()` warns about. Null: not noted.
     */
    private readonly undeclared: NodeId[] | null = null,
  ) {
    this.nodes = unit.nodes;
  }

  /** Resolves a module's top-level block (or the blocks of a document, in order). */
  resolveModule(roots: readonly NodeId[]): void {
    for (const root of roots) this.declareModuleLevel(root);
    for (const key of this.unit.setCallNames) this.globals.declare(key);
    for (const root of roots) this.walk(root, null);
    // Variables captured by closures live in cells; fix up their uses now that all captures are known.
    for (const ref of this.localRefs) {
      if (ref.scope.captured.has(ref.slot)) this.nodes.setBinding(ref.node, Binding.LocalCell);
    }
  }

  /** Collects module-level declarations, not descending into function bodies. */
  private declareModuleLevel(n: NodeId): void {
    const nodes = this.nodes;
    for (let s = n; s !== NONE; s = nodes.next(s)) {
      switch (nodes.kind(s)) {
        case N.Block:
          this.declareModuleLevel(ListNode.first(nodes, s));
          break;
        case N.Piece:
          this.declareModuleLevel(PieceNode.block(nodes, s));
          break;
        case N.Set: {
          const target = SetNode.target(nodes, s);
          if (nodes.kind(target) === N.Name) this.globals.declare(nodes.name(target));
          break;
        }
        case N.FunctionDecl:
          this.globals.declare(nodes.name(FunctionNode.name(nodes, s)));
          break;
        case N.ClassDecl:
          this.globals.declare(nodes.name(ClassNode.name(nodes, s)));
          break;
        case N.Destructure:
          for (const name of this.destructured(s)) this.globals.declare(nodes.name(name));
          break;
        case N.Export:
          this.declareModuleLevel(ExportNode.declaration(nodes, s));
          break;
        case N.For:
          for (let v = ForNode.firstVar(nodes, s); v !== NONE; v = nodes.next(v))
            this.globals.declare(nodes.name(v));
          this.declareModuleLevel(ListNode.first(nodes, ForNode.body(nodes, s)));
          break;
        case N.If: {
          this.declareModuleLevel(ListNode.first(nodes, IfNode.thenBlock(nodes, s)));
          const otherwise = IfNode.otherwise(nodes, s);
          if (otherwise !== NONE) {
            if (nodes.kind(otherwise) === N.If) this.declareModuleLevel(otherwise);
            else this.declareModuleLevel(ListNode.first(nodes, otherwise));
          }
          break;
        }
        case N.While:
        case N.Loop:
          this.declareModuleLevel(ListNode.first(nodes, LoopNode.body(nodes, s)));
          break;
        case N.Try: {
          this.declareModuleLevel(ListNode.first(nodes, TryNode.body(nodes, s)));
          const errorName = TryNode.errorName(nodes, s);
          if (errorName !== NONE) this.globals.declare(nodes.name(errorName));
          this.declareModuleLevel(ListNode.first(nodes, TryNode.handler(nodes, s)));
          break;
        }
        case N.Import:
          if (ImportNode.form(nodes, s) === ImportForm.Names) {
            for (let spec = ImportNode.bound(nodes, s); spec !== NONE; spec = nodes.next(spec))
              this.globals.declare(nodes.name(PairNode.value(nodes, spec)));
          } else if (ImportNode.bound(nodes, s) !== NONE)
            this.globals.declare(nodes.name(ImportNode.bound(nodes, s)));
          break;
      }
    }
  }

  /** The Name nodes a destructure binds. */
  private destructured(n: NodeId): NodeId[] {
    const nodes = this.nodes;
    const names: NodeId[] = [];
    for (let t = DestructureNode.firstTarget(nodes, n); t !== NONE; t = nodes.next(t))
      names.push(nodes.kind(t) === N.Spread ? SpreadNode.operand(nodes, t) : PairNode.value(nodes, t));
    return names;
  }

  /** Declares a function's locals: parameters, then what its body sets (see the module doc). */
  private enterFunction(info: FunctionInfo, parent: Scope | null): Scope {
    const scope: Scope = { info, parent, locals: new Map(), captured: new Set(), captureIndex: new Map() };
    // Each its own slot, in order: the parser refuses a name given twice.
    for (const p of info.params) scope.locals.set(this.nodes.name(p), scope.locals.size);
    if (!info.exprBody) this.declareLocals(ListNode.first(this.nodes, info.body), scope);
    info.frameSize = scope.locals.size;
    info.locals = scope.locals;
    return scope;
  }

  private declareLocal(scope: Scope, key: NameKey, always: boolean): void {
    if (scope.locals.has(key)) return;
    if (!always && this.visibleOutside(scope.parent, key)) return;
    scope.locals.set(key, scope.locals.size);
  }

  private visibleOutside(scope: Scope | null, key: NameKey): boolean {
    for (let s = scope; s !== null; s = s.parent) if (s.locals.has(key)) return true;
    return this.globals.has(key);
  }

  /**
   * Declares the locals set in the statement `n` and its siblings, and in the blocks they
   * hold (not in nested functions, which declare their own): the statements of a block,
   * never a Block itself (a nested block is entered by its first statement).
   */
  private declareLocals(n: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    for (let s = n; s !== NONE; s = nodes.next(s)) {
      switch (nodes.kind(s)) {
        case N.Piece:
          // A classic function span's body is its pieces: what they set is the function's.
          this.declareLocals(ListNode.first(nodes, PieceNode.block(nodes, s)), scope);
          break;
        case N.Set: {
          const target = SetNode.target(nodes, s);
          if (nodes.kind(target) === N.Name) this.declareLocal(scope, nodes.name(target), false);
          break;
        }
        case N.FunctionDecl:
          this.declareLocal(scope, nodes.name(FunctionNode.name(nodes, s)), true);
          break;
        case N.ClassDecl:
          this.declareLocal(scope, nodes.name(ClassNode.name(nodes, s)), true);
          break;
        case N.Destructure:
          for (const name of this.destructured(s)) this.declareLocal(scope, nodes.name(name), false);
          break;
        case N.For:
          for (let v = ForNode.firstVar(nodes, s); v !== NONE; v = nodes.next(v))
            this.declareLocal(scope, nodes.name(v), true);
          this.declareLocals(ListNode.first(nodes, ForNode.body(nodes, s)), scope);
          break;
        case N.If: {
          this.declareLocals(ListNode.first(nodes, IfNode.thenBlock(nodes, s)), scope);
          const otherwise = IfNode.otherwise(nodes, s);
          if (otherwise !== NONE) {
            if (nodes.kind(otherwise) === N.If) this.declareLocals(otherwise, scope);
            else this.declareLocals(ListNode.first(nodes, otherwise), scope);
          }
          break;
        }
        case N.While:
        case N.Loop:
          this.declareLocals(ListNode.first(nodes, LoopNode.body(nodes, s)), scope);
          break;
        case N.Try: {
          this.declareLocals(ListNode.first(nodes, TryNode.body(nodes, s)), scope);
          const errorName = TryNode.errorName(nodes, s);
          if (errorName !== NONE) this.declareLocal(scope, nodes.name(errorName), true);
          this.declareLocals(ListNode.first(nodes, TryNode.handler(nodes, s)), scope);
          break;
        }
      }
    }
  }

  /** Resolves every node reachable from `n` and its siblings. */
  private walk(n: NodeId, scope: Scope | null): void {
    const nodes = this.nodes;
    for (let s = n; s !== NONE; s = nodes.next(s)) this.visit(s, scope);
  }

  private visit(n: NodeId, scope: Scope | null): void {
    const nodes = this.nodes;
    switch (nodes.kind(n)) {
      case N.Name:
        this.bind(n, scope);
        return;
      case N.FunctionDecl: {
        this.bind(FunctionNode.name(nodes, n), scope);
        this.resolveFunction(this.unit.functions[FunctionNode.info(nodes, n)] as FunctionInfo, scope);
        return;
      }
      case N.Lambda:
        this.resolveFunction(this.unit.functions[FunctionNode.info(nodes, n)] as FunctionInfo, scope);
        return;
      case N.ClassDecl: {
        // The class's name, its parent (an expression), and each member, a function.
        this.bind(ClassNode.name(nodes, n), scope);
        const parent = ClassNode.parent(nodes, n);
        if (parent !== NONE) this.visit(parent, scope);
        for (let m = ClassNode.firstMember(nodes, n); m !== NONE; m = nodes.next(m))
          this.resolveFunction(this.unit.functions[MethodNode.info(nodes, m)] as FunctionInfo, scope);
        return;
      }
      case N.Member:
      case N.MethodCall:
      case N.Pair:
      case N.Str:
      case N.Num:
      case N.True:
      case N.False:
      case N.Null:
        break;
      case N.Import:
        // The path is an expression; bindings are names.
        this.walk(ImportNode.path(nodes, n), scope);
        if (ImportNode.form(nodes, n) === ImportForm.Names) {
          for (let spec = ImportNode.bound(nodes, n); spec !== NONE; spec = nodes.next(spec))
            this.bind(PairNode.value(nodes, spec), scope);
        } else if (ImportNode.bound(nodes, n) !== NONE) this.bind(ImportNode.bound(nodes, n), scope);
        return;
      case N.Export:
        if (ExportNode.form(nodes, n) === ExportForm.Names) {
          for (let spec = ExportNode.firstName(nodes, n); spec !== NONE; spec = nodes.next(spec))
            this.bind(PairNode.value(nodes, spec), scope);
        } else this.visit(ExportNode.declaration(nodes, n), scope);
        return;
    }
    const kind = nodes.kind(n);
    if (kind === N.Member) {
      const object = MemberNode.object(nodes, n);
      if (object !== NONE) this.visit(object, scope);
      const home = SelfAccessNode.home(nodes, n);
      if (home !== NONE) this.visit(home, scope);
      return;
    }
    if (kind === N.MethodCall) {
      const receiver = MethodCallNode.receiver(nodes, n);
      const firstArg = MethodCallNode.firstArg(nodes, n);
      if (receiver !== NONE) this.visit(receiver, scope);
      if (firstArg !== NONE) this.walk(firstArg, scope);
      const home = SelfAccessNode.home(nodes, n);
      if (home !== NONE) this.visit(home, scope);
      return;
    }
    if (kind === N.Pair) {
      const value = PairNode.value(nodes, n);
      if (value !== NONE) this.visit(value, scope);
      return;
    }
    // Any other node: whatever its kind, its children are its links a, b, c, each a sibling list.
    const a = nodes.a(n);
    const b = nodes.b(n);
    const c = nodes.c(n);
    if (a !== NONE) this.walk(a, scope);
    if (b !== NONE) this.walk(b, scope);
    if (c !== NONE) this.walk(c, scope);
  }

  private resolveFunction(info: FunctionInfo, parent: Scope | null): void {
    const scope = this.enterFunction(info, parent);
    for (const p of info.params) this.bind(p, scope);
    if (info.exprBody) this.visit(info.body, scope);
    else this.walk(ListNode.first(this.nodes, info.body), scope);
    for (const slot of scope.captured) info.cellSlots.push(slot);
  }

  private bind(n: NodeId, scope: Scope | null): void {
    const nodes = this.nodes;
    const key = nodes.name(n);
    if (scope !== null) {
      const slot = scope.locals.get(key);
      if (slot !== undefined) {
        nodes.setBinding(n, Binding.Local);
        nodes.setSlot(n, slot);
        this.localRefs.push({ node: n, scope, slot });
        return;
      }
      const capture = this.captureOf(scope, key);
      if (capture !== -1) {
        nodes.setBinding(n, Binding.Capture);
        nodes.setSlot(n, capture);
        return;
      }
    }
    const g = this.globals.indexOf(key);
    if (g === undefined && this.isBuiltin(key)) {
      nodes.setBinding(n, Binding.None); // a builtin: the compiler binds it by name
      nodes.setSlot(n, -1);
      return;
    }
    nodes.setBinding(n, Binding.Global);
    if (g === undefined) this.undeclared?.push(n);
    nodes.setSlot(n, g ?? this.globals.declare(key));
  }

  /** Index of `key` among `scope`'s captures, adding it (and along the chain) if an enclosing function declares it. */
  private captureOf(scope: Scope, key: NameKey): number {
    const known = scope.captureIndex.get(key);
    if (known !== undefined) return known;
    const parent = scope.parent;
    if (parent === null) return -1;
    const slot = parent.locals.get(key);
    let entry: { fromLocal: boolean; index: number };
    if (slot !== undefined) {
      parent.captured.add(slot);
      entry = { fromLocal: true, index: slot };
    } else {
      const outer = this.captureOf(parent, key);
      if (outer === -1) return -1;
      entry = { fromLocal: false, index: outer };
    }
    scope.info.captures.push(entry);
    const index = scope.info.captures.length - 1;
    scope.captureIndex.set(key, index);
    return index;
  }
}
