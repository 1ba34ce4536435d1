/**
 * Statements and blocks, and the entry points of a parse: a program, a lone expression
 * (see `ExpressionParser`), and the conditions of classic `<!-- xmd:if -->` and
 * `<!-- xmd:for -->` directives. On an error the parser records a problem, skips to the
 * next statement and carries on, so `xmd check` can report several at once.
 * @module
 */

import { isJsStackOverflow } from "../../values/resource-limit.js";
import { C, K } from "../keywords.js";
import {
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
  SpreadNode,
  TryNode,
  WhileNode,
} from "../node-fields.js";
import { ExportForm, ForVars, ImportForm, N, NONE, type NodeId } from "../nodes.js";
import { T } from "../tokens.js";
import type { FunctionInfo } from "../unit.js";
import { BAIL } from "./base.js";
import { ClassParser } from "./classes.js";

/** The whole parser: statements on top of classes, `set`, expressions and the shared helpers. */
export class StatementParser extends ClassParser {
  /** Nesting of loops, to reject `break` and `continue` outside one. */
  private loopDepth = 0;

  /** Parses the whole buffer as statements; returns a Block. */
  parseProgram(): NodeId {
    const block = this.node(N.Block, this.startOf(), this.startOf());
    let last = NONE;
    while (this.peek() !== T.EOF) {
      if (this.peek() === T.Newline) {
        this.advance();
        continue;
      }
      if (this.peek() === T.Indent || this.peek() === T.Dedent) {
        // Stray indentation at top level: report once, then treat as part of the program.
        const at = this.pos;
        this.advance();
        if (this.kind[at] === T.Indent) {
          this.unit.problems.push({
            start: this.startOf(at),
            end: this.startOf(at) + 1,
            message: "this line is indented but no block starts above it",
            hint: "blocks start after a line such as `if …`, `for …`, `function …`",
          });
        }
        continue;
      }
      last = this.statementInto(block, last);
    }
    this.unit.nodes.setEnd(block, this.prevEnd());
    return block;
  }

  // The directive parsers below read one line: `directive()` (document/directives.ts) hands
  // a directive of two statements or more (a second line, or more after a `;`) or with an
  // indented part to the statement parser as a script block, so the tokens end with the line.

  /** A classic `if COND` / `elif COND` directive: returns the condition. */
  parseDirectiveCondition(): NodeId {
    this.advance();
    const depth = this.unit.depth;
    try {
      const e = this.expression();
      this.endLine();
      return e;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return this.unit.nodes.create(N.False, 0, 0);
    }
  }

  /**
   * A classic `function NAME(PARAMS)` directive (`<!-- xmd:function greet(name) -->`, closed
   * by `<!-- xmd:endfunction -->`): returns its FunctionDecl, whose body is an empty Block
   * the pieces up to the closing directive fill; NONE when the header is wrong.
   */
  parseDirectiveFunction(): NodeId {
    const start = this.startOf();
    const depth = this.unit.depth;
    try {
      this.advance(); // function
      const nameTok = this.expect(T.Ident, "a function name");
      if (this.isKeyword(nameTok)) this.fail("a keyword cannot name a function", undefined, nameTok);
      const n = this.node(N.FunctionDecl, start);
      FunctionNode.setName(this.unit.nodes, n, this.nameNode(nameTok));
      const params = this.parameters(T.Newline);
      this.endLine();
      this.unit.nodes.setEnd(n, this.prevEnd());
      const body = this.unit.nodes.create(N.Block, this.prevEnd(), this.prevEnd());
      const name = this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok));
      FunctionNode.setInfo(this.unit.nodes, n, this.addFunction(name, params, body, false, n));
      return n;
    } catch (e) {
      this.unit.depth = depth;
      if (isJsStackOverflow(e)) this.stackRanOut(depth);
      else if (e !== BAIL) throw e;
      return NONE;
    }
  }

  /** The count of a `loop N times` directive (`<!-- xmd:loop 3 times -->`). */
  parseDirectiveLoopCount(): NodeId {
    this.advance(); // loop
    const depth = this.unit.depth;
    try {
      const count = this.expression();
      this.expectWord(C.times, "'times' (as in `loop 3 times`)");
      this.endLine();
      return count;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return this.unit.nodes.create(N.Num, 0, 0);
    }
  }

  /** A classic `for X in EXPR` directive: returns a For node without a body. */
  parseDirectiveFor(): NodeId {
    const start = this.startOf();
    const depth = this.unit.depth;
    try {
      const n = this.forHeader(start);
      ForNode.setCommaItems(this.unit.nodes, n, this.dialect === "classic");
      this.endLine();
      return n;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return NONE;
    }
  }

  // ── one statement ──────────────────────────────────────────────────────────

  private statementInto(block: NodeId, last: NodeId): NodeId {
    const nodes = this.unit.nodes;
    // What a failed statement may leave raised, restored for the next one.
    const depth = this.unit.depth;
    const conditional = this.conditional;
    const functionDepth = this.functionDepth;
    const loopDepth = this.loopDepth;
    const inGenerator = this.inGenerator;
    const from = this.pos;
    try {
      const s = this.statement();
      if (last === NONE) ListNode.setFirst(nodes, block, s);
      else nodes.setNext(last, s);
      return s;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      this.conditional = conditional;
      this.functionDepth = functionDepth;
      this.loopDepth = loopDepth;
      this.inGenerator = inGenerator;
      if (e === BAIL) this.recover(from);
      else if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else throw e;
      return last;
    }
  }

  /**
   * After an error: skip to the start of the next statement. `from` is the failed
   * statement's first token: lines it indented before it failed (a multiline list's) are
   * its own, skipped with it, not taken for the end of the block it stands in.
   */
  protected recover(from: number): void {
    let depth = 0;
    for (let i = from; i < this.pos; i++) {
      if (this.kind[i] === T.Indent) depth++;
      else if (this.kind[i] === T.Dedent) depth--;
    }
    while (this.peek() !== T.EOF) {
      const k = this.advance();
      const kind = this.kind[k];
      if (kind === T.Indent) depth++;
      else if (kind === T.Dedent) {
        if (depth === 0) {
          this.pos--;
          return;
        }
        // Back at the level of the failed statement: the next one starts here.
        if (--depth === 0) return;
      } else if (kind === T.Newline && depth === 0) {
        if (this.peek() === T.Indent) continue;
        return;
      }
    }
  }

  private statement(): NodeId {
    this.enter();
    const s = this.statementNoLineEnd();
    this.leave();
    const k = this.unit.nodes.kind(s);
    // Compound statements consumed their own block (and its line ends).
    const closedByBlock = this.kind[this.pos - 1] === T.Dedent; // a multiline literal ended the statement
    if (closedByBlock) return s;
    if (
      !(
        k === N.If ||
        k === N.For ||
        k === N.While ||
        k === N.Loop ||
        k === N.Try ||
        k === N.FunctionDecl ||
        k === N.ClassDecl ||
        k === N.Export
      )
    ) {
      this.endLine();
    } else if (this.peek() === T.Newline) this.advance();
    return s;
  }

  /** A statement without its line end; callers {@link enter} a level for it. */
  private statementNoLineEnd(): NodeId {
    const start = this.startOf();
    if (this.peek() === T.Ident) {
      switch (this.tid[this.pos]) {
        case K.set:
          return this.setStatement();
        case K.if:
          return this.ifStatement();
        case K.for:
          return this.forStatement();
        case K.while: {
          this.advance();
          const n = this.node(N.While, start);
          WhileNode.setCond(this.unit.nodes, n, this.expression());
          this.loopDepth++;
          WhileNode.setBody(this.unit.nodes, n, this.body());
          this.loopDepth--;
          return n;
        }
        case K.loop: {
          this.advance();
          const n = this.node(N.Loop, start);
          LoopNode.setCount(this.unit.nodes, n, this.expression());
          this.expectWord(C.times, "'times' (as in `loop 3 times`)");
          this.loopDepth++;
          LoopNode.setBody(this.unit.nodes, n, this.body());
          this.loopDepth--;
          return n;
        }
        case K.break:
        case K.continue: {
          const isBreak = this.tid[this.pos] === K.break;
          if (this.loopDepth === 0)
            this.fail(`'${isBreak ? "break" : "continue"}' is only allowed inside a loop`);
          this.advance();
          return this.node(isBreak ? N.Break : N.Continue, start);
        }
        case K.return: {
          if (this.functionDepth === 0 && !this.unit.inFunctionSpan)
            this.fail("'return' is only allowed inside a function");
          this.advance();
          const n = this.node(N.Return, start);
          if (this.startsExpression()) ExprStmtNode.setExpr(this.unit.nodes, n, this.expression());
          this.unit.nodes.setEnd(n, this.prevEnd());
          return n;
        }
        case K.throw: {
          this.advance();
          const n = this.node(N.Throw, start);
          ExprStmtNode.setExpr(this.unit.nodes, n, this.expression());
          this.unit.nodes.setEnd(n, this.prevEnd());
          return n;
        }
        case K.try:
          return this.tryStatement();
        case K.function:
          return this.functionDeclaration(start);
        case K.import:
          return this.importStatement();
        case K.export:
          return this.exportStatement();
        case K.elif:
        case K.else:
          this.fail(
            `'${this.unit.source.slice(this.startOf(), this.endOf(this.pos))}' without an 'if' above it`,
          );
          break;
        case K.end:
          this.fail("'end' without a block to close");
          break;
        case C.exec:
          if (this.peek(1) !== T.LParen || this.spaceBefore(1)) {
            const n = this.node(N.ExecStmt, start);
            ExprStmtNode.setExpr(this.unit.nodes, n, this.execExpression());
            return n;
          }
          if (!this.unit.callees.has(this.keyOf(this.pos))) {
            // `exec("date")` on a line of its own writes the output, as `exec date` does.
            const n = this.node(N.ExecStmt, start);
            ExprStmtNode.setExpr(this.unit.nodes, n, this.expression());
            this.unit.nodes.setEnd(n, this.prevEnd());
            return n;
          }
          break;
      }
      // NAME += expr, and in the classic dialect NAME = expr
      const next = this.peek(1);
      if (next === T.PlusEq || next === T.MinusEq || (next === T.Eq && this.dialect === "classic")) {
        return this.assignment(start, this.nameNode(this.advance()));
      }
    }
    if (this.textAt(this.pos) === "destructure" && this.startsDestructureSource(this.pos + 1))
      return this.destructureStatement(start);
    if (this.textAt(this.pos) === "yield") {
      if (this.inGenerator) return this.yieldStatement(start);
      if (this.startsArgument(this.pos + 1) || this.peek(1) === T.Newline)
        this.fail(
          "'yield' is only allowed inside a generator",
          "declare the function with `function* NAME` to make it a generator",
        );
    }
    if (this.peek(1) === T.Ident && this.isText("class")) return this.classDeclaration(start);
    const n = this.node(N.ExprStmt, start);
    ExprStmtNode.setExpr(this.unit.nodes, n, this.expression());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }
  private endLine(): void {
    const k = this.peek();
    if (k === T.Newline) this.advance();
    else if (k !== T.EOF && k !== T.Dedent)
      this.fail(`expected the end of the line but found ${this.describe()}`);
  }

  // ── blocks ─────────────────────────────────────────────────────────────────

  /** An indented block: code that runs only when its header says so. */
  private block(): NodeId {
    this.conditional++;
    const block = this.indentedBlock();
    this.conditional--;
    return block;
  }

  /** An indented block after a header line; also accepts an optional `end` line. */
  private indentedBlock(): NodeId {
    const start = this.startOf();
    if (this.peek() === T.Newline) this.advance();
    const block = this.node(N.Block, start, start);
    if (this.peek() !== T.Indent) {
      this.fail(
        `expected an indented block but found ${this.describe()}`,
        "indent the lines that belong to the block",
      );
    }
    this.advance();
    let last = NONE;
    while (this.peek() !== T.Dedent && this.peek() !== T.EOF) {
      if (this.peek() === T.Newline) {
        this.advance();
        continue;
      }
      last = this.statementInto(block, last);
    }
    if (this.peek() === T.Dedent) this.advance();
    this.unit.nodes.setEnd(block, this.prevEnd());
    this.optionalEndLine();
    return block;
  }

  /** Either `then STATEMENT` on the same line, or an indented block. */
  private body(): NodeId {
    if (this.isWord(K.then)) {
      const start = this.startOf();
      this.advance();
      const block = this.node(N.Block, start);
      this.enter();
      this.conditional++;
      const s = this.statementNoLineEnd();
      this.conditional--;
      this.leave();
      ListNode.setFirst(this.unit.nodes, block, s);
      this.unit.nodes.setEnd(block, this.prevEnd());
      return block;
    }
    if (this.peek() !== T.Newline)
      this.fail(`expected 'then' or the end of the line but found ${this.describe()}`);
    return this.block();
  }

  // ── if, for, try ───────────────────────────────────────────────────────────

  private ifStatement(): NodeId {
    const start = this.startOf();
    this.advance(); // if / elif
    const n = this.node(N.If, start);
    IfNode.setCond(this.unit.nodes, n, this.expression());
    IfNode.setThenBlock(this.unit.nodes, n, this.body());
    this.unit.nodes.setEnd(n, this.prevEnd());
    // elif / else continue at the same indentation (after the block's dedent).
    if (this.peek() === T.Newline && (this.isWord(K.elif, 1) || this.isWord(K.else, 1))) this.advance();
    if (this.isWord(K.elif)) {
      IfNode.setOtherwise(this.unit.nodes, n, this.elseIf());
    } else if (this.isWord(K.else)) {
      this.advance();
      if (this.isWord(K.if)) IfNode.setOtherwise(this.unit.nodes, n, this.elseIf());
      else if (this.peek() === T.Newline) IfNode.setOtherwise(this.unit.nodes, n, this.block());
      else {
        const b = this.node(N.Block, this.startOf());
        this.enter();
        this.conditional++;
        ListNode.setFirst(this.unit.nodes, b, this.statementNoLineEnd());
        this.conditional--;
        this.leave();
        this.unit.nodes.setEnd(b, this.prevEnd());
        IfNode.setOtherwise(this.unit.nodes, n, b);
      }
    }
    return n;
  }

  /** An `elif` (or `else if`): the else branch of the `if` before it, so a chain nests a level per branch. */
  private elseIf(): NodeId {
    this.enter();
    const n = this.ifStatement();
    this.leave();
    return n;
  }

  /** `for x in xs`, `for i, x in xs`, `for key, value in object`, `for i in 1 .. 5`. */
  private forStatement(): NodeId {
    const n = this.forHeader(this.startOf());
    this.loopDepth++;
    ForNode.setBody(this.unit.nodes, n, this.body());
    this.loopDepth--;
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /**
   * What a `for` statement and a `for` directive share: from `for` through the iterable, one
   * or two loop variables (names a statement binds: no keywords), `in`, the iterable.
   */
  private forHeader(start: number): NodeId {
    this.advance(); // for
    const n = this.node(N.For, start);
    const first = this.bindingName(this.expect(T.Ident, "a loop variable name"));
    ForNode.setFirstVar(this.unit.nodes, n, first);
    if (this.peek() === T.Comma) {
      this.advance();
      this.unit.nodes.setNext(first, this.bindingName(this.expect(T.Ident, "a second loop variable name")));
      ForNode.setVars(this.unit.nodes, n, ForVars.Two);
    }
    this.expectWord(K.in, "'in' (as in `for item in items`)");
    ForNode.setIterable(this.unit.nodes, n, this.expression());
    return n;
  }

  private tryStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Try, start);
    TryNode.setBody(this.unit.nodes, n, this.block());
    if (!this.isWord(K.catch)) this.fail(`expected 'catch' after the try block but found ${this.describe()}`);
    this.advance();
    if (this.peek() === T.Ident && !this.isKeyword())
      TryNode.setErrorName(this.unit.nodes, n, this.nameNode(this.advance()));
    TryNode.setHandler(this.unit.nodes, n, this.block());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  // ── destructure ────────────────────────────────────────────────────────────

  /** `destructure` is a statement when a value follows it (otherwise it is a name). */
  private startsDestructureSource(i: number): boolean {
    const k = this.kind[i];
    return (k === T.Ident && !this.isKeyword(i)) || k === T.LParen || k === T.LBracket || k === T.LBrace;
  }

  /**
   * `destructure user name n, age a` (keys of an object, each to a name), `destructure
   * items first, second, ...rest` (items of a list in order); `name` alone takes the key
   * of its own name, or the next item. A name as the source is read without arguments
   * after it: what follows are the targets.
   */
  private destructureStatement(start: number): NodeId {
    this.advance(); // destructure
    const nodes = this.unit.nodes;
    const n = this.node(N.Destructure, start);
    const source = this.peek() === T.Ident ? this.setTarget() : this.expression();
    DestructureNode.setSource(nodes, n, source);
    let last = NONE;
    for (;;) {
      let target: NodeId;
      if (last !== NONE && nodes.kind(last) === N.Spread) {
        this.fail("nothing may follow the rest (`...name`) in a destructure", "put `...name` last");
      }
      if (this.peek() === T.Spread) {
        const at = this.startOf();
        this.advance();
        const nameTok = this.expect(T.Ident, "a name for the rest after '...'");
        target = this.node(N.Spread, at);
        SpreadNode.setOperand(nodes, target, this.bindingName(nameTok));
      } else {
        const keyTok = this.expect(T.Ident, "a name to bind (as in `destructure user name n, age a`)");
        let nameTok = keyTok;
        if (this.peek() === T.Ident) nameTok = this.advance();
        target = this.node(N.Pair, this.startOf(keyTok));
        nodes.setStr(target, this.textAt(keyTok));
        nodes.setFlags(target, nameTok !== keyTok ? 1 : 0);
        PairNode.setValue(nodes, target, this.bindingName(nameTok));
      }
      if (last === NONE) DestructureNode.setFirstTarget(nodes, n, target);
      else nodes.setNext(last, target);
      last = target;
      if (this.peek() !== T.Comma) break;
      this.advance();
    }
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `yield VALUE` (or `yield` alone, null) in a `function*`: hands a value to whoever iterates. */
  private yieldStatement(start: number): NodeId {
    this.advance(); // yield
    const n = this.node(N.Yield, start);
    const k = this.peek();
    if (k !== T.Newline && k !== T.EOF && k !== T.Dedent)
      ExprStmtNode.setExpr(this.unit.nodes, n, this.expression());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** A name that a statement binds; keywords cannot be. */
  private bindingName(tok: number): NodeId {
    if (this.isKeyword(tok)) this.fail(`${this.describe(tok)} cannot be a variable name`, undefined, tok);
    return this.nameNode(tok);
  }

  // ── functions, imports, exports ────────────────────────────────────────────

  private functionDeclaration(start: number): NodeId {
    this.advance(); // function
    // `function* name`: a generator.
    const generator = this.peek() === T.Star;
    if (generator) this.advance();
    const nameTok = this.expect(T.Ident, "a function name");
    if (this.isKeyword(nameTok)) this.fail("a keyword cannot name a function", undefined, nameTok);
    const n = this.node(N.FunctionDecl, start);
    const name = this.nameNode(nameTok);
    FunctionNode.setName(this.unit.nodes, n, name);
    const params = this.parameters(T.Newline);
    const body = this.functionBody(generator);
    this.unit.nodes.setEnd(n, this.prevEnd());
    const info = this.addFunction(
      this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok)),
      params,
      body,
      false,
      n,
    );
    (this.unit.functions[info] as FunctionInfo).generator = generator;
    FunctionNode.setInfo(this.unit.nodes, n, info);
    return n;
  }

  /** A function's (or a class member's) indented body: `return` is allowed, enclosing loops are not. */
  /** The indented body of a function (`generator` for a `function*`, where `yield` is a statement). */
  protected functionBody(generator = false): NodeId {
    this.functionDepth++;
    const savedLoop = this.loopDepth;
    const savedGenerator = this.inGenerator;
    this.loopDepth = 0;
    this.inGenerator = generator;
    const body = this.block();
    this.inGenerator = savedGenerator;
    this.loopDepth = savedLoop;
    this.functionDepth--;
    return body;
  }

  /**
   * `import "x.json"`, `import Tasks`, `import Tasks tasks` (an alias), `import a, b from "file"`,
   * `import a newA from "file"`:
   * the whole module bound to a name, named bindings (a Pair each: the exported name, the
   * local Name), or, in the classic dialect, in place (see `ImportForm`).
   */
  private importStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Import, start);
    this.noteImport(n);
    const nodes = this.unit.nodes;
    if (this.dialect === "classic") {
      ImportNode.setForm(nodes, n, ImportForm.InPlace);
      ImportNode.setPath(nodes, n, this.importPath(true));
      nodes.setEnd(n, this.prevEnd());
      return n;
    }
    // Named form: look for `from` on this line.
    let j = this.pos;
    while (
      this.kind[j] !== T.Newline &&
      this.kind[j] !== T.EOF &&
      !(this.kind[j] === T.Ident && this.tid[j] === C.from)
    ) {
      this.unit.clock.tick(this.tstart[j] as number);
      j++;
    }
    if (this.kind[j] === T.Ident && this.tid[j] === C.from) {
      ImportNode.setForm(nodes, n, ImportForm.Names);
      let last = NONE;
      while (!this.isWord(C.from)) {
        const exportedTok = this.expect(T.Ident, "a name to import");
        let localTok = exportedTok;
        if (this.peek() === T.Ident && !this.isWord(C.from)) localTok = this.advance();
        const binding = this.nameNode(localTok);
        const spec = this.node(N.Pair, this.startOf(exportedTok));
        nodes.setStr(spec, this.unit.source.slice(this.startOf(exportedTok), this.endOf(exportedTok)));
        PairNode.setValue(nodes, spec, binding);
        if (last === NONE) ImportNode.setBound(nodes, n, spec);
        else nodes.setNext(last, spec);
        last = spec;
        if (this.peek() === T.Comma) this.advance();
      }
      this.advance(); // from
      ImportNode.setPath(nodes, n, this.importPath());
    } else {
      ImportNode.setPath(nodes, n, this.importPath());
      if (this.peek() === T.Ident) {
        // An alias: `import Tasks tasks`, `import "data/x.json" data`.
        const aliasTok = this.advance();
        if (this.isKeyword(aliasTok)) this.fail("a keyword cannot name an import", undefined, aliasTok);
        ImportNode.setBound(nodes, n, this.nameNode(aliasTok));
        nodes.setEnd(n, this.prevEnd());
        return n;
      }
      // Bind to the file's base name: import "data/students.json" → students; import Tasks → Tasks.
      const path = ImportNode.path(nodes, n);
      if (nodes.kind(path) !== N.Str) {
        this.fail(
          "an import of a path computed as the document runs needs a name to bind",
          "name it after the path (`import (file) name`), or write `set name import file`",
          this.pos - 1,
        );
      }
      const text = nodes.str(path);
      const base = text.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
      if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(base))
        this.fail(
          `cannot make a variable name from '${text}'`,
          'use `set name import "file"` instead',
          this.pos - 1,
        );
      const binding = nodes.create(N.Name, nodes.start(path), nodes.end(path));
      nodes.setName(binding, this.unit.names.keyOfText(base));
      ImportNode.setBound(nodes, n, binding);
    }
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `export function …`, `export class …`, `export set …`, `export a, b B`. */
  private exportStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Export, start);
    const nodes = this.unit.nodes;
    if (this.isWord(K.function)) {
      ExportNode.setDeclaration(nodes, n, this.functionDeclaration(this.startOf()));
    } else if (this.isText("class") && this.peek(1) === T.Ident) {
      ExportNode.setDeclaration(nodes, n, this.classDeclaration(this.startOf()));
    } else if (this.isWord(K.set)) {
      ExportNode.setDeclaration(nodes, n, this.setStatement());
      this.endLine();
    } else {
      ExportNode.setForm(nodes, n, ExportForm.Names);
      let last = NONE;
      do {
        if (this.peek() === T.Comma) this.advance();
        const localTok = this.expect(T.Ident, "a name to export");
        const spec = this.node(N.Pair, this.startOf(localTok));
        let exportedTok = localTok;
        if (this.peek() === T.Ident) exportedTok = this.advance();
        nodes.setStr(spec, this.unit.source.slice(this.startOf(exportedTok), this.endOf(exportedTok)));
        PairNode.setValue(nodes, spec, this.nameNode(localTok));
        if (last === NONE) ExportNode.setFirstName(nodes, n, spec);
        else nodes.setNext(last, spec);
        last = spec;
      } while (this.peek() === T.Comma);
      this.endLine();
    }
    nodes.setEnd(n, this.prevEnd());
    return n;
  }
}
