/**
 * A document's outline without running it: its declarations (functions, classes and their
 * methods, variables, parameters, imported names) with where each is written and where it
 * is visible, its imports with the files they lead to, and which parts of the text are XMD
 * code. For editors: the language server builds hover, completion, go to definition and
 * document symbols on it. A document with syntax errors still has an outline (of what the
 * parser recovered); {@link Runtime.check} reports the errors.
 * @module
 */
import { buildProgram, type Program } from "../document/build.js";
import { PieceKind } from "../markdown/piece-buffer.js";
import { langOf } from "../runtime.js";
import { createStores } from "../stores.js";
import {
  ClassNode,
  DestructureNode,
  ExportNode,
  ForNode,
  FunctionNode,
  IfNode,
  ImportExprNode,
  ImportNode,
  ListNode,
  LoopNode,
  MemberNode,
  MethodCallNode,
  PairNode,
  SetNode,
  SpreadNode,
  TryNode,
} from "../syntax/node-fields.js";
import {
  ExportForm,
  ImportExprForm,
  ImportForm,
  N,
  NONE,
  type NodeId,
  type NodeStore,
} from "../syntax/nodes.js";
import { type FunctionInfo, newParseUnit, type ParseUnit } from "../syntax/unit.js";
import type { Host } from "./host.js";
import { DEFAULT_LIMITS } from "./options.js";

/** What a declaration declares. */
export type XmdSymbolKind = "function" | "class" | "method" | "variable" | "parameter" | "import";

/**
 * One declaration. Offsets count UTF-16 code units from the start of the source given to
 * {@link outline} (a byte order mark included), as editors count them.
 */
export interface XmdSymbol {
  readonly name: string;
  readonly kind: XmdSymbolKind;
  /** Where the name is written: `add` in `function add a, b`. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The whole declaration (a function with its body, a `set` statement, an import). */
  readonly start: number;
  readonly end: number;
  /** Where the name means this declaration: the whole document, or its function's or class member's span. */
  readonly scopeStart: number;
  readonly scopeEnd: number;
  /** One line to show for it: `function add a, b`, `set total`, `import y from "lib.xmd"`. */
  readonly detail: string;
  /** Parameters, for functions and methods. */
  readonly params?: readonly string[];
  /** Declared with `export`, or named by an `export` list. */
  exported: boolean;
  /** What it is declared in: a function's parameters and locals, a class's methods. */
  readonly children: XmdSymbol[];
}

/** One import in the document. */
export interface XmdImport {
  /** The path as written (`"lib.xmd"`, or the bare name `Tasks`); null when it is computed. */
  readonly path: string | null;
  /** Where the path is written (its quotes included). */
  readonly pathStart: number;
  readonly pathEnd: number;
  /** The whole import statement or expression. */
  readonly start: number;
  readonly end: number;
  /**
   * `module` (`import "x.json"`, `import Tasks`, bound to one name), `names` (`import a,
   * b from "f"`), `in-place` (classic `import "part.md"`), `value` (`import "f"` as an
   * expression).
   */
  readonly form: "module" | "names" | "in-place" | "value";
  /** The names it binds. */
  readonly names: readonly string[];
  /** The absolute path of the file it leads to (see {@link resolveImport}); null when none is found or it is computed. */
  readonly resolved: string | null;
}

/** A part of the text that is XMD: a code piece (fence, xmd comment, whole `.xmd` file) or a `{{ }}`. */
export interface CodeRange {
  readonly start: number;
  readonly end: number;
  readonly kind: "code" | "interpolation";
}

/** What {@link outline} finds. */
export interface Outline {
  /** The declarations at module level, with what each holds in `children`. */
  readonly symbols: XmdSymbol[];
  /** Names bound only inside an expression or a block: loop and catch variables, lambda parameters. */
  readonly locals: XmdSymbol[];
  readonly imports: XmdImport[];
  /** The XMD parts of the text, in order (for `.xmd` the whole file is one). */
  readonly code: CodeRange[];
  /** Whether the parser found problems (the outline is then of what it recovered). */
  readonly hasErrors: boolean;
}

/** Where a document is and which dialect it is. */
export interface OutlineOptions {
  /** Path of the document: relative imports are resolved from its folder; its extension picks the dialect. */
  path?: string;
  /** `md` or `xmd`; default from `path`'s extension, else `md`. */
  lang?: "md" | "xmd";
  /**
   * Where imported files are looked for. The Node entry's `outline` looks on the disk;
   * without a host (the browser entry, unless given one) no import is resolved.
   */
  host?: Host;
}

/** What a bare import name may be, in the order the runtime tries them. */
export const IMPORT_EXTENSIONS: readonly string[] = [".xmd", ".xm", ".md", ".json", ".yaml", ".yml"];

/**
 * The file an import path leads to, as the runtime finds it: relative to the importing
 * file's folder; a name with an extension is that file, a bare name the first of
 * {@link IMPORT_EXTENSIONS} that exists, on `host`. Null when there is no such file. (The
 * runtime also confines imports to the root; a check reports an import outside it.)
 */
export function resolveImport(path: string, fromFile: string, host: Host): string | null {
  const p = host.path;
  const dir = p.dirname(p.resolve(host.cwd(), fromFile));
  const isFile = (file: string) => {
    try {
      return host.stat(file).kind === "file";
    } catch {
      return false;
    }
  };
  if (p.extname(path) !== "") {
    const direct = p.resolve(dir, path);
    return isFile(direct) ? direct : null;
  }
  for (const ext of IMPORT_EXTENSIONS) {
    const candidate = p.resolve(dir, path + ext);
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/**
 * The outline of a document: declarations, imports and code ranges. Parses the document
 * (nothing runs, no file but the imported ones' existence is looked at) in a store of its
 * own, so it may be called at any time, also while a runtime renders.
 *
 * @example
 * ```ts
 * const { symbols } = outline("function add a, b\n  return a + b\n", { lang: "xmd" });
 * symbols[0]; // { name: "add", kind: "function", params: ["a", "b"], nameStart: 9, … }
 * ```
 */
export function outline(source: string, options: OutlineOptions = {}): Outline {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bom ? source.slice(1) : source;
  const { names, nodes } = createStores("heap", DEFAULT_LIMITS, false, 64);
  const unit = newParseUnit(text, { file: options.path ?? "<stdin>", nodes, names });
  const result: Outline = { symbols: [], locals: [], imports: [], code: [], hasErrors: false };
  let program: Program;
  try {
    program = buildProgram(unit, options.lang ?? langOf(options.path));
  } catch {
    // A limit reached while reading (nesting, time): no outline; check() reports it.
    return { ...result, hasErrors: true };
  }
  const walker = new OutlineWalker(unit, options.path ?? null, result, options.host ?? null);
  walker.module(program.root);
  for (let at = 0; at < program.pieces.size; at = program.pieces.next(at)) {
    const kind = program.pieces.kind(at);
    if (kind === PieceKind.Code) {
      const piece = program.pieces.codeAt(at);
      result.code.push({ start: piece.codeStart, end: piece.codeEnd, kind: "code" });
    } else if (kind !== PieceKind.Text) {
      result.code.push({
        start: program.pieces.exprStart(at),
        end: program.pieces.exprEnd(at),
        kind: "interpolation",
      });
    }
  }
  const shifted = bom ? shift(result, bom) : result;
  return { ...shifted, hasErrors: unit.problems.length > 0 };
}

/** The outline with every offset moved by `by` (the byte order mark left out while parsing). */
function shift(o: Outline, by: number): Outline {
  const sym = (s: XmdSymbol): XmdSymbol => ({
    ...s,
    nameStart: s.nameStart + by,
    nameEnd: s.nameEnd + by,
    start: s.start + by,
    end: s.end + by,
    scopeStart: s.scopeStart + by,
    scopeEnd: s.scopeEnd + by,
    children: s.children.map(sym),
  });
  return {
    symbols: o.symbols.map(sym),
    locals: o.locals.map(sym),
    imports: o.imports.map((i) => ({
      ...i,
      pathStart: i.pathStart + by,
      pathEnd: i.pathEnd + by,
      start: i.start + by,
      end: i.end + by,
    })),
    code: o.code.map((c) => ({ ...c, start: c.start + by, end: c.end + by })),
    hasErrors: o.hasErrors,
  };
}

/** Where declarations go while walking: a scope's list and the names it has declared. */
interface Scope {
  start: number;
  end: number;
  out: XmdSymbol[];
  declared: Set<string>;
  /** The scope around this one, whose names (and its outer scopes') a `set` here assigns (null: this is the module). */
  outer: Scope | null;
  exported: boolean;
}

/** Whether a scope around `scope` declares `name`. */
function declaredAround(scope: Scope, name: string): boolean {
  for (let s = scope.outer; s !== null; s = s.outer) if (s.declared.has(name)) return true;
  return false;
}

class OutlineWalker {
  private readonly nodes: NodeStore;
  private readonly source: string;
  /** Function bodies, walked once the scope around them has all its names (see the resolver's rules). */
  private readonly pending: (() => void)[] = [];

  constructor(
    private readonly unit: ParseUnit,
    private readonly path: string | null,
    private readonly result: Outline,
    private readonly host: Host | null,
  ) {
    this.nodes = unit.nodes;
    this.source = unit.source;
  }

  module(root: NodeId): void {
    const scope: Scope = {
      start: 0,
      end: this.source.length,
      out: this.result.symbols,
      declared: new Set(),
      outer: null,
      exported: false,
    };
    this.statements(root, scope);
    for (let i = 0; i < this.pending.length; i++) (this.pending[i] as () => void)();
    this.markExported(root, scope);
  }

  private name(n: NodeId): string {
    return this.unit.names.textOf(this.nodes.name(n));
  }

  private line(start: number, end: number): string {
    const text = this.source.slice(start, end);
    const first = text.split(/\r?\n/, 1)[0] ?? "";
    return first.length > 120 ? `${first.slice(0, 119)}…` : first.trim();
  }

  private symbol(
    scope: Scope,
    kind: XmdSymbolKind,
    nameNode: NodeId,
    decl: NodeId,
    extra: { params?: string[]; children?: XmdSymbol[]; detail?: string } = {},
  ): XmdSymbol {
    const nodes = this.nodes;
    const s: XmdSymbol = {
      name: this.name(nameNode),
      kind,
      nameStart: nodes.start(nameNode),
      nameEnd: nodes.end(nameNode),
      start: nodes.start(decl),
      end: nodes.end(decl),
      scopeStart: scope.start,
      scopeEnd: scope.end,
      detail: extra.detail ?? this.line(nodes.start(decl), nodes.end(decl)),
      exported: scope.exported,
      children: extra.children ?? [],
      ...(extra.params !== undefined ? { params: extra.params } : {}),
    };
    return s;
  }

  /** Declares a name in `scope` unless it is declared there already (or, for a `set` in a function, around it). */
  private declare(scope: Scope, s: XmdSymbol, assignment: boolean): void {
    if (scope.declared.has(s.name)) return;
    if (assignment && declaredAround(scope, s.name)) return;
    scope.declared.add(s.name);
    scope.out.push(s);
  }

  /** A local of a block or an expression: listed in `locals`, not in the tree. */
  private local(scope: Scope, nameNode: NodeId, decl: NodeId, start = scope.start, end = scope.end): void {
    const s = this.symbol({ ...scope, start, end }, "variable", nameNode, decl);
    this.result.locals.push(s);
  }

  private statements(first: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    for (let s = first; s !== NONE; s = nodes.next(s)) this.statement(s, scope);
  }

  private block(block: NodeId, scope: Scope): void {
    if (block !== NONE) this.statements(ListNode.first(this.nodes, block), scope);
  }

  private statement(s: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    switch (nodes.kind(s)) {
      case N.Block:
      case N.Piece:
        this.statements(nodes.a(s), scope);
        return;
      case N.Set: {
        const target = SetNode.target(nodes, s);
        if (nodes.kind(target) === N.Name)
          this.declare(scope, this.symbol(scope, "variable", target, s), scope.outer !== null);
        else this.expression(target, scope);
        this.expressions(SetNode.value(nodes, s), scope);
        return;
      }
      case N.FunctionDecl:
        this.functionDecl(s, scope);
        return;
      case N.ClassDecl:
        this.classDecl(s, scope);
        return;
      case N.Destructure: {
        for (let t = DestructureNode.firstTarget(nodes, s); t !== NONE; t = nodes.next(t)) {
          const name = nodes.kind(t) === N.Spread ? SpreadNode.operand(nodes, t) : PairNode.value(nodes, t);
          this.declare(scope, this.symbol(scope, "variable", name, s), scope.outer !== null);
        }
        this.expressions(DestructureNode.source(nodes, s), scope);
        return;
      }
      case N.Export:
        if (ExportNode.form(nodes, s) === ExportForm.Declaration)
          this.statement(ExportNode.declaration(nodes, s), { ...scope, exported: true });
        return;
      case N.For: {
        this.expressions(ForNode.iterable(nodes, s), scope);
        for (let v = ForNode.firstVar(nodes, s); v !== NONE; v = nodes.next(v))
          if (scope.outer === null) this.local(scope, v, s);
          else this.local(scope, v, s, nodes.start(s), nodes.end(s));
        this.block(ForNode.body(nodes, s), scope);
        return;
      }
      case N.If: {
        this.expressions(IfNode.cond(nodes, s), scope);
        this.block(IfNode.thenBlock(nodes, s), scope);
        const otherwise = IfNode.otherwise(nodes, s);
        if (otherwise !== NONE) {
          if (nodes.kind(otherwise) === N.If) this.statement(otherwise, scope);
          else this.block(otherwise, scope);
        }
        return;
      }
      case N.While:
      case N.Loop:
        this.expressions(nodes.a(s), scope);
        this.block(LoopNode.body(nodes, s), scope);
        return;
      case N.Try: {
        this.block(TryNode.body(nodes, s), scope);
        const errorName = TryNode.errorName(nodes, s);
        if (errorName !== NONE) this.local(scope, errorName, s);
        this.block(TryNode.handler(nodes, s), scope);
        return;
      }
      case N.Import:
        this.importStatement(s, scope);
        return;
      default:
        this.expression(s, scope);
    }
  }

  private functionDecl(s: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    const info = this.unit.functions[FunctionNode.info(nodes, s)] as FunctionInfo;
    const params = info.params.map((p) => this.name(p));
    const children: XmdSymbol[] = [];
    const fn = this.symbol(scope, "function", FunctionNode.name(nodes, s), s, {
      params,
      children,
      detail: this.line(nodes.start(s), nodes.end(s)),
    });
    this.declare(scope, fn, false);
    this.functionBody(info, info.params, children, scope, nodes.start(s), nodes.end(s));
  }

  /** Parameters and the body of a function, walked once the scope around it is complete. */
  private functionBody(
    info: FunctionInfo,
    params: readonly NodeId[],
    out: XmdSymbol[],
    around: Scope,
    start: number,
    end: number,
  ): void {
    this.pending.push(() => {
      const inner: Scope = { start, end, out, declared: new Set(), outer: around, exported: false };
      for (const p of params) this.declare(inner, this.symbol(inner, "parameter", p, p), false);
      if (info.exprBody) this.expressions(info.body, inner);
      else this.block(info.body, inner);
    });
  }

  private classDecl(s: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    const methods: XmdSymbol[] = [];
    const cls = this.symbol(scope, "class", ClassNode.name(nodes, s), s, { children: methods });
    this.declare(scope, cls, false);
    const parent = ClassNode.parent(nodes, s);
    if (parent !== NONE) this.expression(parent, scope);
    const classScope: Scope = {
      ...scope,
      start: nodes.start(s),
      end: nodes.end(s),
      out: methods,
      declared: new Set(),
    };
    for (let m = ClassNode.firstMember(nodes, s); m !== NONE; m = nodes.next(m)) {
      const info = this.unit.functions[nodes.num(m)] as FunctionInfo;
      // The first two parameters are the hidden `self` and home class, written where the method's name is.
      const hidden = info.params[0] as NodeId;
      const visible = info.params.slice(2);
      const children: XmdSymbol[] = [];
      const method: XmdSymbol = {
        name: info.name,
        kind: "method",
        nameStart: nodes.start(hidden),
        nameEnd: nodes.end(hidden),
        start: nodes.start(m),
        end: nodes.end(m),
        scopeStart: classScope.start,
        scopeEnd: classScope.end,
        detail: this.line(nodes.start(m), nodes.end(m)),
        params: visible.map((p) => this.name(p)),
        exported: false,
        children,
      };
      methods.push(method);
      this.functionBody(info, visible, children, scope, nodes.start(m), nodes.end(m));
    }
  }

  private importStatement(s: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    const form = ImportNode.form(nodes, s);
    const bound: string[] = [];
    if (form === ImportForm.Names) {
      for (let spec = ImportNode.bound(nodes, s); spec !== NONE; spec = nodes.next(spec)) {
        const name = PairNode.value(nodes, spec);
        bound.push(this.name(name));
        this.declare(scope, this.symbol(scope, "import", name, s), false);
      }
    } else if (ImportNode.bound(nodes, s) !== NONE) {
      const name = ImportNode.bound(nodes, s);
      bound.push(this.name(name));
      this.declare(scope, this.symbol(scope, "import", name, s), false);
    }
    this.recordImport(
      s,
      form === ImportForm.Names ? "names" : form === ImportForm.InPlace ? "in-place" : "module",
      bound,
    );
  }

  private recordImport(n: NodeId, form: XmdImport["form"], names: string[]): void {
    const nodes = this.nodes;
    const pathNode = ImportNode.path(nodes, n); // an ImportExpr keeps its path in the same place
    const kind = nodes.kind(pathNode);
    let path: string | null = null;
    if (kind === N.Str) path = nodes.str(pathNode);
    else if (kind === N.PathName) path = nodes.str(pathNode);
    const resolved =
      path !== null && this.path !== null && this.host !== null
        ? resolveImport(path, this.path, this.host)
        : null;
    this.result.imports.push({
      path,
      pathStart: nodes.start(pathNode),
      pathEnd: nodes.end(pathNode),
      start: nodes.start(n),
      end: nodes.end(n),
      form,
      names,
      resolved,
    });
  }

  /** An expression and its siblings. */
  private expressions(first: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    for (let e = first; e !== NONE; e = nodes.next(e)) this.expression(e, scope);
  }

  /** Finds what an expression declares or imports: lambdas' parameters, `import` as a value. */
  private expression(n: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    switch (nodes.kind(n)) {
      case N.Name:
      case N.Str:
      case N.Num:
      case N.True:
      case N.False:
      case N.Null:
      case N.Regex:
      case N.PathName:
        return;
      case N.Lambda: {
        const info = this.unit.functions[FunctionNode.info(nodes, n)] as FunctionInfo;
        for (const p of info.params) this.local(scope, p, n, nodes.start(n), nodes.end(n));
        if (info.exprBody) this.expressions(info.body, scope);
        else
          this.block(info.body, {
            ...scope,
            start: nodes.start(n),
            end: nodes.end(n),
            out: [],
            declared: new Set(),
          });
        return;
      }
      case N.FunctionDecl:
      case N.ClassDecl:
      case N.Set:
      case N.Import:
      case N.For:
      case N.If:
      case N.While:
      case N.Loop:
      case N.Try:
      case N.Destructure:
      case N.Export:
      case N.Block:
        this.statement(n, scope);
        return;
      case N.ImportExpr:
        this.recordImport(
          n,
          ImportExprNode.form(nodes, n) === ImportExprForm.Text ? "in-place" : "value",
          [],
        );
        return;
      case N.Member: {
        const object = MemberNode.object(nodes, n);
        if (object !== NONE) this.expression(object, scope);
        return;
      }
      case N.MethodCall: {
        const receiver = MethodCallNode.receiver(nodes, n);
        if (receiver !== NONE) this.expression(receiver, scope);
        this.expressions(MethodCallNode.firstArg(nodes, n), scope);
        return;
      }
      case N.Pair: {
        const value = PairNode.value(nodes, n);
        if (value !== NONE) this.expression(value, scope);
        return;
      }
    }
    // Any other node: its children are its links a, b, c, each a sibling list.
    for (const child of [nodes.a(n), nodes.b(n), nodes.c(n)])
      if (child !== NONE) this.expressions(child, scope);
  }

  /** Marks the names an `export a, b` list names. */
  private markExported(root: NodeId, scope: Scope): void {
    const nodes = this.nodes;
    const listed = new Set<string>();
    const visit = (first: NodeId) => {
      for (let s = first; s !== NONE; s = nodes.next(s)) {
        const kind = nodes.kind(s);
        if (kind === N.Block || kind === N.Piece) visit(nodes.a(s));
        else if (kind === N.Export && ExportNode.form(nodes, s) === ExportForm.Names)
          for (let spec = ExportNode.firstName(nodes, s); spec !== NONE; spec = nodes.next(spec))
            listed.add(this.name(PairNode.value(nodes, spec)));
      }
    };
    visit(root);
    for (const s of scope.out) if (listed.has(s.name)) s.exported = true;
  }
}
