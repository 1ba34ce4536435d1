/**
 * Statements, and the compiler's entry points: a module's top level and a function's body.
 * A statement list is an array of closures run in order until one ends otherwise than
 * normally (break, continue, return).
 * @module
 */
import { XmdError } from "../api/error.js";
import type { Program } from "../document/build.js";
import { BREAK, CONTINUE, NORMAL, RETURN, ThrownValue, withArticle } from "../eval/eval-base.js";
import { UserFunction } from "../eval/functions.js";
import type { Machine } from "../eval/machine.js";
import { isPlainObject } from "../host/text.js";
import { Binding } from "../resolve/bindings.js";
import {
  CallNode,
  ClassNode,
  DestructureNode,
  ExportNode,
  ExprStmtNode,
  ForNode,
  FunctionNode,
  IfNode,
  ImportNode,
  ListNode,
  LoopNode,
  PairNode,
  PieceNode,
  SetNode,
  SpreadNode,
  TextRunNode,
  TryNode,
  WhileNode,
} from "../syntax/node-fields.js";
import {
  CallForm,
  ExportForm,
  ForVars,
  ImportForm,
  N,
  NONE,
  type NodeId,
  Op,
  Placement,
  SetOp,
} from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { Callable } from "../values/callable.js";
import { BoundMethod } from "../values/classes.js";
import { RuntimeFault } from "../values/fault.js";
import { GeneratorValue } from "../values/generator.js";
import { isRegex } from "../values/regex.js";
import { CallCompiler } from "./calls.js";
import { classStatement } from "./classes.js";
import { type Body, type BodyCompiler, type Expr, type Stmt, type Store, UnitCode } from "./code.js";
import { constant, truthy } from "./expressions.js";
import { GeneratorCompiler } from "./generators.js";
import { loop } from "./loops.js";
import {
  type AppendCode,
  appendLoop,
  appendPieces,
  appendStatement,
  ITEM,
  type Piece,
} from "./text-append.js";
import { textRun } from "./text-run.js";

const normal: Stmt = () => NORMAL;

/** The whole compiler: statements, on top of calls, expressions and variables. */
export class StatementCompiler extends CallCompiler implements BodyCompiler {
  /** The module, whose pieces its text runs read (set by {@link module}). */
  private program: Program | null = null;

  /** Compiles a module's top level (`program`) into the code its runs share. */
  module(program: Program): UnitCode {
    this.program = program;
    const declare = program.hoisted.map((d) => this.declare(d));
    const root = this.stmt(program.root);
    const main: Stmt = (m) => {
      for (let i = 0; i < declare.length; i++) (declare[i] as Stmt)(m);
      return root(m);
    };
    return new UnitCode(main, this);
  }

  /** A function's body, run in its frame: its result (null when it ends without `return`). */
  functionBody(info: FunctionInfo): Body {
    if (info.exprBody) return this.expr(info.body);
    if (info.generator) {
      this.generators ??= new GeneratorCompiler({
        nodes: this.nodes,
        stmt: (n) => this.stmt(n),
        expr: (n) => this.expr(n),
        storeOf: (n) => this.store(n),
        declareOf: (d) => this.declare(d),
      });
      return this.generators.body(info);
    }
    const declare = info.decls.map((d) => this.declare(d));
    const block = this.block(info.body);
    return (m) => {
      // Functions declared inside are hoisted within the body.
      for (let i = 0; i < declare.length; i++) (declare[i] as Stmt)(m);
      if (block(m) !== RETURN) return null;
      const value = m.returned;
      m.returned = null;
      return value;
    };
  }

  /** Compiles `function*` bodies, made at the first one. */
  private generators: GeneratorCompiler | null = null;

  /** Binds a FunctionDecl's name to a new function value (hoisting). */
  private declare(decl: NodeId): Stmt {
    const nodes = this.nodes;
    const info = this.unit.functions[FunctionNode.info(nodes, decl)] as FunctionInfo;
    const store = this.store(FunctionNode.name(nodes, decl));
    return (m) => {
      store(m, m.makeFunction(info));
      return NORMAL;
    };
  }

  /** The statements of a Block (or any list node). */
  protected block(list: NodeId): Stmt {
    return this.sequence(ListNode.first(this.nodes, list));
  }

  /** A sibling list of statements. */
  protected sequence(first: NodeId): Stmt {
    const nodes = this.nodes;
    const stmts: Stmt[] = [];
    for (let s = first; s !== NONE; s = nodes.next(s)) stmts.push(this.stmt(s));
    return sequence(stmts);
  }

  /** A TextRun: its records, read by one closure (see `text-run.ts`). */
  private textRun(n: NodeId): Stmt {
    const nodes = this.nodes;
    const program = this.program;
    if (program === null) throw new Error("a text run compiled outside a module");
    const run = TextRunNode.run(nodes, n);
    const nameNodes: NodeId[] = [];
    const nameCode: (Expr | null)[] = [];
    for (let name = TextRunNode.firstName(nodes, n); name !== NONE; name = nodes.next(name)) {
      nameNodes.push(name);
      nameCode.push(nodes.binding(name) === Binding.Global ? null : this.expr(name));
    }
    const nameGlobals = new Int32Array(nameNodes.length);
    for (let i = 0; i < nameNodes.length; i++)
      nameGlobals[i] = nameCode[i] === null ? nodes.slot(nameNodes[i] as NodeId) : -1;
    const exprs: Expr[] = [];
    const exprNodes: NodeId[] = [];
    for (let e = TextRunNode.firstExpr(nodes, n); e !== NONE; e = nodes.next(e)) {
      exprNodes.push(e);
      exprs.push(this.expr(e));
    }
    return textRun({
      records: program.pieces.records,
      first: program.runs[2 * run] as number,
      end: program.runs[2 * run + 1] as number,
      source: this.unit.bytes,
      nameGlobals,
      nameCode,
      nameNodes,
      exprs,
      exprNodes,
    });
  }

  /** The closure of one statement node. */
  stmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    switch (nodes.kind(n)) {
      case N.TextRun:
        return this.textRun(n);
      case N.ExprStmt:
        return this.exprStmt(n);
      case N.Set:
        return this.set(n);
      case N.Block:
        return this.block(n);
      case N.Piece: {
        const inline = PieceNode.placement(nodes, n) === Placement.Inline;
        const body = this.block(PieceNode.block(nodes, n));
        const chainStart = PieceNode.chainStart(nodes, n);
        const blankAfter = PieceNode.blankAfter(nodes, n);
        if (chainStart || blankAfter > 0) {
          // A block between blank lines: see PieceNode.
          const end = nodes.end(n);
          return (m) => {
            if (chainStart) m.chainMark = m.output.byteLength;
            const saved = m.inline;
            m.inline = inline;
            let result: ReturnType<Stmt>;
            try {
              result = body(m);
            } finally {
              m.inline = saved;
            }
            if (blankAfter > 0 && m.output.byteLength !== m.chainMark) m.emitSource(end, end + blankAfter);
            return result;
          };
        }
        return (m) => {
          const saved = m.inline;
          m.inline = inline;
          try {
            return body(m);
          } finally {
            m.inline = saved;
          }
        };
      }
      case N.If:
        return this.ifStmt(n);
      case N.For:
        return this.forStmt(n);
      case N.While: {
        const cond = this.expr(WhileNode.cond(nodes, n));
        const body = this.block(WhileNode.body(nodes, n));
        return (m) => {
          for (;;) {
            if (!truthy(m, cond(m))) return NORMAL;
            m.tick(n);
            const signal = body(m);
            if (signal === BREAK) return NORMAL;
            if (signal === RETURN) return signal;
          }
        };
      }
      case N.Loop: {
        const countNode = LoopNode.count(nodes, n);
        const count = this.expr(countNode);
        const body = this.block(LoopNode.body(nodes, n));
        return (m) => {
          const times = m.numberFor(count(m), countNode, "loop … times");
          if (!Number.isInteger(times)) {
            throw m.error(
              "type",
              `loop … times needs a whole number, got ${times}`,
              countNode,
              "round it: loop round(n) times",
            );
          }
          return loop.count(m, n, 0, times - 1, 1, body, null);
        };
      }
      case N.Break:
        return () => BREAK;
      case N.Continue:
        return () => CONTINUE;
      case N.Return: {
        const valueNode = ExprStmtNode.expr(nodes, n);
        if (valueNode === NONE)
          return (m) => {
            m.returned = null;
            return RETURN;
          };
        const value = this.expr(valueNode);
        return (m) => {
          m.returned = value(m);
          return RETURN;
        };
      }
      case N.Throw: {
        const value = this.expr(ExprStmtNode.expr(nodes, n));
        return (m) => {
          const v = value(m);
          const unit = m.module.unit;
          const { line, column } = unit.lines.position(nodes.start(n));
          throw new ThrownValue(
            v,
            m.services.toText(v),
            unit.file,
            line,
            column,
            unit.lines.frame(nodes.start(n), nodes.end(n)),
          );
        };
      }
      case N.Try:
        return this.tryStmt(n);
      case N.FunctionDecl:
        // Hoisted: already bound when its module or function started.
        return normal;
      case N.ClassDecl: {
        const parent = ClassNode.parent(nodes, n);
        const name = ClassNode.name(nodes, n);
        return classStatement(
          this.unit,
          n,
          parent === NONE ? null : this.expr(parent),
          this.store(name),
          this.nameText(name),
        );
      }
      case N.Import:
        return this.importStmt(n);
      case N.Export:
        return this.exportStmt(n);
      case N.Destructure:
        return this.destructure(n);
      case N.ExecStmt: {
        const command = this.expr(ExprStmtNode.expr(nodes, n));
        return (m) => {
          const out = m.services.toText(command(m));
          m.at = n;
          // A command that prints nothing leaves nothing, like a block that prints nothing.
          if (out !== "") m.emitLine(out);
          return NORMAL;
        };
      }
      default: {
        const kind = nodes.kind(n);
        return (m) => {
          throw m.error("runtime", `cannot run this statement (node kind ${kind})`, n);
        };
      }
    }
  }

  /** An expression as a statement; a function named alone on a line is called: `greet` runs greet. */
  private exprStmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    let e = ExprStmtNode.expr(nodes, n);
    // A function's name alone on a line is a call whatever its parameters (see below).
    if (nodes.kind(e) === N.Call && CallNode.form(nodes, e) === CallForm.ValueOrCall)
      e = CallNode.callee(nodes, e);
    const print = this.printStatement(e);
    if (print !== null) return print;
    const value = this.expr(e);
    const kind = nodes.kind(e);
    if (kind !== N.Name && kind !== N.Member) {
      return (m) => {
        value(m);
        return NORMAL;
      };
    }
    return (m) => {
      const v = value(m);
      if (v instanceof UserFunction) {
        m.at = e;
        m.invoke(v, 0);
      } else if (v instanceof BoundMethod) {
        // `d.greet` alone on a line: a method is called, as a function named alone is.
        m.at = e;
        m.callFunction(v, []);
      }
      return NORMAL;
    };
  }

  /**
   * `destructure SOURCE targets`: a list gives its items in order, an object the keys
   * named; a missing item or key gives null. `...rest` takes the items (or keys) left.
   */
  private destructure(n: NodeId): Stmt {
    const nodes = this.nodes;
    const source = this.expr(DestructureNode.source(nodes, n));
    const targets: { key: string; keyed: boolean; store: Store; rest: boolean; node: NodeId }[] = [];
    for (let t = DestructureNode.firstTarget(nodes, n); t !== NONE; t = nodes.next(t)) {
      const rest = nodes.kind(t) === N.Spread;
      const name = rest ? SpreadNode.operand(nodes, t) : PairNode.value(nodes, t);
      targets.push({
        key: rest ? "" : nodes.str(t),
        keyed: !rest && nodes.flags(t) === 1,
        store: this.store(name),
        rest,
        node: t,
      });
    }
    return (m) => {
      const value = source(m);
      m.at = n;
      if (Array.isArray(value)) {
        for (let i = 0; i < targets.length; i++) {
          const t = targets[i] as (typeof targets)[number];
          if (t.keyed) {
            throw m.error(
              "type",
              `a list has items, not keys: '${t.key}' cannot be taken from it`,
              t.node,
              "to take items in order write only names: `destructure items first, second, ...rest`",
            );
          }
          if (t.rest) {
            m.heapValues++;
            t.store(m, value.slice(i));
          } else t.store(m, i < value.length ? value[i] : null);
        }
        return NORMAL;
      }
      if (isPlainObject(value)) {
        const taken = new Set<string>();
        for (const t of targets) {
          if (t.rest) {
            const rest: Record<string, unknown> = {};
            for (const key of Object.keys(value)) if (!taken.has(key)) rest[key] = value[key];
            m.heapValues++;
            t.store(m, rest);
          } else {
            taken.add(t.key);
            t.store(m, Object.hasOwn(value, t.key) ? value[t.key] : null);
          }
        }
        return NORMAL;
      }
      throw m.error(
        "type",
        `destructure takes a list or an object, not ${withArticle(m.services.typeName(value))}`,
        DestructureNode.source(nodes, n),
      );
    };
  }

  private set(n: NodeId): Stmt {
    const code = this.append(n, -1);
    return code === null ? this.ordinarySet(n) : appendStatement(code);
  }

  /**
   * A Set that appends to a module global's text (see `text-append.ts`), compiled; null for
   * any other. With `loopSlot` a global's slot (-1 for none), a piece that is that global
   * is {@link ITEM}: the append is a loop's body, and the loop has the item in hand.
   */
  private append(n: NodeId, loopSlot: number): AppendCode | null {
    const nodes = this.nodes;
    const append = appendPieces(nodes, n, this.unit.lenientNames);
    if (append === null) return null;
    const target = SetNode.target(nodes, n);
    const pieces = append.pieces.map((p): Piece => {
      if (nodes.kind(p) === N.Str) return nodes.str(p);
      if (nodes.kind(p) === N.Name && nodes.binding(p) === Binding.Global && nodes.slot(p) === loopSlot)
        return ITEM;
      return this.numericPart(p) ?? this.expr(p);
    });
    return {
      slot: nodes.slot(target),
      pieces,
      joins: append.joins,
      current: this.load(append.read),
      store: this.store(target),
      ordinary: this.ordinarySet(n),
    };
  }

  /** A Set as every statement but an append to text (see `text-append.ts`) is. */
  private ordinarySet(n: NodeId): Stmt {
    const nodes = this.nodes;
    const target = SetNode.target(nodes, n);
    const value = this.expr(SetNode.value(nodes, n));
    const op = SetNode.op(nodes, n) === SetOp.Add ? Op.Add : SetNode.op(nodes, n) === SetOp.Sub ? Op.Sub : 0;
    if (nodes.kind(target) === N.Name) {
      const store = this.store(target);
      if (op === 0)
        return (m) => {
          store(m, value(m));
          return NORMAL;
        };
      const current = this.load(target);
      return (m) => {
        const x = current(m);
        const y = value(m);
        store(m, compound(m, op, x, y, n));
        return NORMAL;
      };
    }
    // Member or index assignment: object.key = value, list[i] = value (a Member's object
    // is where an Index's is).
    const container = this.expr(nodes.a(target)); // MemberNode.object, IndexNode.object
    const key: Expr =
      nodes.kind(target) === N.Member ? constant(nodes.str(target)) : this.expr(nodes.b(target)); // IndexNode.index
    return (m) => {
      const object = container(m);
      const k = key(m);
      let v: unknown;
      if (op !== 0) {
        const x = m.readKey(object, k, target);
        const y = value(m);
        v = compound(m, op, x, y, n);
      } else v = value(m);
      m.writeKey(object, k, v, target);
      return NORMAL;
    };
  }

  private ifStmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    const cond = this.expr(IfNode.cond(nodes, n));
    const then = this.block(IfNode.thenBlock(nodes, n));
    const otherwiseNode = IfNode.otherwise(nodes, n);
    if (otherwiseNode === NONE) return (m) => (truthy(m, cond(m)) ? then(m) : NORMAL);
    // elif: another If; else: a Block.
    const otherwise =
      nodes.kind(otherwiseNode) === N.If ? this.stmt(otherwiseNode) : this.block(otherwiseNode);
    return (m) => (truthy(m, cond(m)) ? then(m) : otherwise(m));
  }

  private forStmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    const firstNode = ForNode.firstVar(nodes, n);
    const first = this.store(firstNode);
    const second = ForNode.vars(nodes, n) === ForVars.Two ? this.store(nodes.next(firstNode)) : null;
    const body = this.block(ForNode.body(nodes, n));
    const iterableNode = ForNode.iterable(nodes, n);
    // `for i in a .. b`: count without building a list.
    if (nodes.kind(iterableNode) === N.Range && second === null) {
      const range = this.range(iterableNode);
      return (m) => {
        const [from, to] = range(m);
        return loop.count(m, n, from, to, from <= to ? 1 : -1, body, first);
      };
    }
    const iterable = this.expr(iterableNode);
    const commaItems = ForNode.commaItems(nodes, n);
    const globalSlot =
      second === null && nodes.binding(firstNode) === Binding.Global ? nodes.slot(firstNode) : -1;
    const appending = globalSlot === -1 ? null : this.appendBody(ForNode.body(nodes, n), globalSlot);
    return (m) => {
      const value = iterable(m);
      m.at = iterableNode;
      if (Array.isArray(value)) {
        if (globalSlot === -1) return loop.list(m, n, value, body, first, second);
        // An empty list sets nothing, so it makes no variable either (as a variable is made at its first write).
        if (value.length === 0) return NORMAL;
        return appending !== null && m.output.utf8
          ? appending(m, n, value)
          : loop.listToGlobal(m, n, value, body, globalSlot);
      }
      if (typeof value === "string") {
        if (commaItems) return loop.list(m, n, commaSeparated(m, value), body, first, second);
        return loop.text(m, n, value, body, first, second);
      }
      if (value instanceof GeneratorValue) return loop.generator(m, n, value, body, first, second);
      if (
        value !== null &&
        typeof value === "object" &&
        !(value instanceof Date) &&
        !(value instanceof Callable) &&
        !isRegex(value)
      ) {
        return loop.entries(m, n, value as Record<string, unknown>, body, first, second);
      }
      // `for i in 3` counts 0, 1, 2.
      if (typeof value === "number") return loop.below(m, n, value, body, first);
      throw m.error(
        "type",
        `cannot loop over ${m.services.typeName(value)}`,
        iterableNode,
        "loop over a list, an object, a string or a range like 1 .. 5",
      );
    };
  }

  /**
   * The body of `for x in list` (`x` the module global at `loopSlot`) compiled with its loop,
   * when it is one append to another global (see `appendLoop`); null for any other body.
   */
  private appendBody(block: NodeId, loopSlot: number): ReturnType<typeof appendLoop> | null {
    const nodes = this.nodes;
    const only = ListNode.first(nodes, block);
    if (only === NONE || nodes.next(only) !== NONE || nodes.kind(only) !== N.Set) return null;
    const code = this.append(only, loopSlot);
    return code === null || code.slot === loopSlot ? null : appendLoop(code, loopSlot);
  }

  private tryStmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    const body = this.block(TryNode.body(nodes, n));
    const errorNameNode = TryNode.errorName(nodes, n);
    const errorName: Store | null = errorNameNode === NONE ? null : this.store(errorNameNode);
    const handler = this.block(TryNode.handler(nodes, n));
    return (m) => {
      const size = m.stack.size;
      const frames = m.frames.length;
      const depth = m.depth;
      const base = m.base;
      const cells = m.cells;
      const module = m.module;
      const inline = m.inline;
      try {
        return body(m);
      } catch (e) {
        const error = e instanceof XmdError || e instanceof RuntimeFault ? e : null;
        // A limit, or a check's stop at a command, ends the render: no document may catch it.
        if (error === null || error.code === "limit" || error.code === "exec-stopped") throw e;
        m.unwind(frames, size, depth, base, cells, module, inline);
        if (errorName !== null) errorName(m, error instanceof ThrownValue ? error.value : error.message);
        return handler(m);
      }
    };
  }

  private importStmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    const path = this.expr(ImportNode.path(nodes, n));
    const form = ImportNode.form(nodes, n);
    if (form === ImportForm.InPlace) {
      const endsLine = ImportNode.endsLine(nodes, n);
      const fromRootToo = ImportNode.fromRootToo(nodes, n);
      return (m) => {
        const file = m.services.toText(path(m));
        m.at = n;
        // Alone on its line, the part ends the line: a part whose file has no final line
        // break (most written by hand) does not run into the next line of the page.
        const mark = endsLine ? m.outputMark() : -1;
        try {
          m.loader.importInPlace(m.module, file, m, fromRootToo);
        } catch (e) {
          if (endsLine) m.takeOutputSince(mark);
          throw m.importFailed(e, n);
        }
        if (endsLine) {
          const text = m.takeOutputSince(mark);
          m.emit(text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? `${text}\n` : text);
        }
        return NORMAL;
      };
    }
    const load = (m: Machine): [string, unknown] => {
      const file = m.services.toText(path(m));
      m.at = n;
      try {
        return [file, m.loader.importValue(m.module, file)];
      } catch (e) {
        throw m.importFailed(e, n);
      }
    };
    if (form === ImportForm.Module) {
      const store = this.store(ImportNode.bound(nodes, n));
      return (m) => {
        store(m, load(m)[1]);
        return NORMAL;
      };
    }
    const specs: { exported: string; store: Store; node: NodeId }[] = [];
    for (let spec = ImportNode.bound(nodes, n); spec !== NONE; spec = nodes.next(spec)) {
      specs.push({ exported: nodes.str(spec), store: this.store(PairNode.value(nodes, spec)), node: spec });
    }
    return (m) => {
      const [file, value] = load(m);
      for (const { exported, store, node } of specs) {
        if (value === null || typeof value !== "object" || !Object.hasOwn(value, exported)) {
          throw m.error("undefined-name", `'${exported}' is not exported by ${file}`, node);
        }
        store(m, (value as Record<string, unknown>)[exported]);
      }
      return NORMAL;
    };
  }

  private exportStmt(n: NodeId): Stmt {
    const nodes = this.nodes;
    const exported: { name: string; value: Expr }[] = [];
    let inner: Stmt = normal;
    if (ExportNode.form(nodes, n) === ExportForm.Names) {
      for (let spec = ExportNode.firstName(nodes, n); spec !== NONE; spec = nodes.next(spec)) {
        exported.push({ name: nodes.str(spec), value: this.load(PairNode.value(nodes, spec)) });
      }
    } else {
      const declaration = ExportNode.declaration(nodes, n);
      inner = this.stmt(declaration);
      // The exported names: the function's, or every variable the set assigned.
      const kind = nodes.kind(declaration);
      if (kind === N.FunctionDecl || kind === N.ClassDecl) {
        const name =
          kind === N.FunctionDecl
            ? FunctionNode.name(nodes, declaration)
            : ClassNode.name(nodes, declaration);
        exported.push({ name: this.nameText(name), value: this.load(name) });
      } else {
        const inBlock = nodes.kind(declaration) === N.Block;
        const sets = inBlock ? ListNode.first(nodes, declaration) : declaration;
        for (let s = sets; s !== NONE; s = inBlock ? nodes.next(s) : NONE) {
          const target = SetNode.target(nodes, s);
          if (nodes.kind(target) === N.Name)
            exported.push({ name: this.nameText(target), value: this.load(target) });
        }
      }
    }
    return (m) => {
      const signal = inner(m);
      const exports = m.module.exports;
      for (const { name, value } of exported) exports[name] = value(m);
      return signal;
    };
  }
}

/** `x += y` / `x -= y` (`op` is `Op.Add` or `Op.Sub`): two numbers inline, anything else as the operator. */
function compound(m: Machine, op: number, x: unknown, y: unknown, n: NodeId): unknown {
  if (typeof x === "number" && typeof y === "number") return op === Op.Add ? x + y : x - y;
  return m.binary(op, x, y, n);
}

/** Statements run in order until one ends otherwise than normally. */
function sequence(stmts: Stmt[]): Stmt {
  const count = stmts.length;
  if (count === 0) return normal;
  if (count === 1) return stmts[0] as Stmt;
  if (count === 2) {
    const [s0, s1] = stmts as [Stmt, Stmt];
    return (m) => {
      const signal = s0(m);
      return signal !== NORMAL ? signal : s1(m);
    };
  }
  return (m) => {
    for (let i = 0; i < count; i++) {
      const signal = (stmts[i] as Stmt)(m);
      if (signal !== NORMAL) return signal;
    }
    return NORMAL;
  };
}

/**
 * The items of a text a classic `for` loops over: `"apple, banana,orange"` is three, each
 * trimmed; empty items are dropped (`""` is none).
 */
function commaSeparated(m: Machine, text: string): string[] {
  const items: string[] = [];
  // As long as the text at most, which the string limits bound; the loop ticks per item.
  for (const part of text.split(",")) {
    const item = part.trim();
    if (item !== "") items.push(item);
  }
  m.heapValues++;
  return items;
}
