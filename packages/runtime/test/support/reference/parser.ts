/**
 * The parser as it was before its expressions were parsed by precedence climbing (one
 * function per precedence level, eleven JavaScript frames per bracket): the oracle the
 * climbing parser must agree with, tree for tree and problem for problem. Not used by the
 * runtime. (Later fixes to error recovery are applied here too: a failed statement no
 * longer leaves the function and loop counts raised, an inline `else STATEMENT` is code
 * that may not run, and an unexpected character the lexer reported is not reported again.)
 *
 * A temporary oracle: it is deleted by the first change to the grammar (the language
 * issue's classes, generators, destructuring), which it cannot follow without being
 * written twice.
 */
/**
 * The parser: recursive descent over the token buffer, building nodes in the store.
 * Calls need no parentheses, so the parser must know which names are callees before it
 * parses a statement (see {@link prescanCallees}); everything else follows the
 * precedence table of the language reference. On an error it records a problem, skips
 * to the next line and carries on, so `xmd check` can report several at once.
 * @module
 */

import { GLOBAL_NAMES, NAMESPACE_NAMES, NAMESPACES } from "../../../src/host/globals.js";
import { C, K, KEYWORD_COUNT } from "../../../src/syntax/keywords.js";
import { lex } from "../../../src/syntax/lexer.js";
import type { NameKey } from "../../../src/syntax/names.js";
import { N, NONE, type NodeId, Op } from "../../../src/syntax/nodes.js";
import { REGEX_SLASH_HINT, regexNode } from "../../../src/syntax/parser/regex.js";
import { SPACE_BEFORE, T, TOKEN_NAMES, TokenBuffer } from "../../../src/syntax/tokens.js";
import { addProblem, type ParseUnit, problemSink } from "../../../src/syntax/unit.js";
import { isJsStackOverflow } from "../../../src/values/resource-limit.js";

/**
 * Thrown inside the parser to unwind to the statement loop; never escapes. One instance,
 * made once: a document of many broken lines throws it once per line, and an Error's
 * stack trace is the costly part.
 */
class Bail extends Error {}
const BAIL = new Bail("parse error");

/** The message of a nesting limit error. */
export function nestingMessage(max: number): string {
  return `code nested too deep: more than ${max} levels (limit maxNestingDepth)`;
}

/** The help line of a nesting limit error. */
export const NESTING_HINT =
  "nesting is bounded so that reading and running code cannot exhaust the JavaScript stack; split the code: give an inner part a name with `set`, or move an inner block into a function";

/** Which grammar a code piece uses. */
export type Dialect = "native" | "classic";

/** Token buffers are reused across pieces and documents. */
const spareBuffers: TokenBuffer[] = [];
export function takeTokenBuffer(): TokenBuffer {
  return spareBuffers.pop() ?? new TokenBuffer(512);
}
export function giveTokenBuffer(buffer: TokenBuffer): void {
  if (spareBuffers.length < 16) spareBuffers.push(buffer);
}

/** Lexes a range, recording lexer problems as syntax problems of the unit. */
export function lexInto(unit: ParseUnit, start: number, end: number, block: boolean): TokenBuffer {
  const tokens = takeTokenBuffer();
  lex(unit.source, start, end, tokens, unit.names, block, problemSink(unit), unit);
  return tokens;
}

/**
 * Finds names that are callees anywhere in a module: `function NAME`, names imported
 * with `import a, b from`, and `set NAME` to a lambda. Functions are hoisted, so this
 * runs over every code piece before any is parsed.
 */
export function prescanCallees(unit: ParseUnit, t: TokenBuffer): void {
  const { kind, id } = t;
  const clock = unit.clock;
  // For `import`: where the search for `from` on its line stopped last, so that several
  // imports on one line (inside brackets a line can be the whole piece) search it once.
  let searchedTo = -1;
  for (let i = 0; i < t.length; i++) {
    clock.tick(t.start[i] as number);
    if (kind[i] !== T.Ident) continue;
    const word = id[i];
    if (word === K.function && kind[i + 1] === T.Ident) {
      unit.callees.add(keyAt(unit, t, i + 1));
    } else if (word === K.set && kind[i + 1] === T.Ident) {
      if (startsLambda(t, i + 2)) unit.callees.add(keyAt(unit, t, i + 1));
    } else if (word === K.import && i >= searchedTo) {
      // import a, b as c from "file": every name before `from` is a binding. An import
      // before this one on the same line already added these names (and searched the line).
      let j = i + 1;
      while (j < t.length && kind[j] !== T.Newline && kind[j] !== T.EOF) {
        clock.tick(t.start[j] as number);
        if (kind[j] === T.Ident && id[j] === C.from) {
          for (let f = i + 1; f < j; f++) if (kind[f] === T.Ident) unit.callees.add(keyAt(unit, t, f));
          break;
        }
        j++;
      }
      searchedTo = j;
    }
  }
}

/** Whether a lambda starts at token `j`: `x =>`, `(a, b) =>`, or one of them in parentheses. */
function startsLambda(t: TokenBuffer, j: number): boolean {
  while (t.kind[j] === T.LParen) {
    if (t.arrowAfterParen(j)) return true;
    j++;
  }
  return t.kind[j] === T.Ident && t.kind[j + 1] === T.Arrow;
}

function keyAt(unit: ParseUnit, t: TokenBuffer, i: number): NameKey {
  return unit.names.keyOf(unit.source, t.start[i] as number, t.end[i] as number, t.id[i] as number);
}

/** Operator precedence levels for comparison/additive/multiplicative. */
const COMPARE: Record<number, number> = {
  [T.Eq]: Op.Eq,
  [T.EqEq]: Op.Eq,
  [T.NotEq]: Op.NotEq,
  [T.Lt]: Op.Lt,
  [T.Le]: Op.Le,
  [T.Gt]: Op.Gt,
  [T.Ge]: Op.Ge,
};

export class Parser {
  private pos = 0;
  private readonly kind: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly tstart: Uint32Array;
  private readonly tend: Uint32Array;
  private readonly tid: Int32Array;
  /** Nesting of code that may not run (blocks, branches, lambdas); see {@link mayNotRun}. */
  private conditional = 0;
  /** Nesting of function bodies, to reject `return` outside one. */
  private functionDepth = 0;
  private loopDepth = 0;

  constructor(
    private readonly unit: ParseUnit,
    private readonly t: TokenBuffer,
    private readonly dialect: Dialect,
  ) {
    this.kind = t.kind;
    this.flags = t.flags;
    this.tstart = t.start;
    this.tend = t.end;
    this.tid = t.id;
  }

  // ── token helpers ──────────────────────────────────────────────────────────

  private peek(offset = 0): number {
    return this.kind[this.pos + offset] as number;
  }
  private isWord(word: number, offset = 0): boolean {
    return this.kind[this.pos + offset] === T.Ident && this.tid[this.pos + offset] === word;
  }
  private advance(): number {
    this.unit.clock.tick(this.tstart[this.pos] as number);
    return this.pos++;
  }
  private spaceBefore(offset = 0): boolean {
    return ((this.flags[this.pos + offset] as number) & SPACE_BEFORE) !== 0;
  }
  private startOf(i = this.pos): number {
    return this.tstart[i] as number;
  }
  private endOf(i: number): number {
    return this.tend[i] as number;
  }
  private prevEnd(): number {
    return this.pos > 0 ? (this.tend[this.pos - 1] as number) : this.startOf();
  }
  private keyOf(i: number): NameKey {
    return keyAt(this.unit, this.t, i);
  }
  private isKeyword(i = this.pos): boolean {
    const id = this.tid[i] as number;
    return this.kind[i] === T.Ident && id >= 0 && id < KEYWORD_COUNT;
  }
  private describe(i = this.pos): string {
    const k = this.kind[i] as number;
    if (k === T.Ident) {
      const text = this.unit.source.slice(this.startOf(i), this.endOf(i));
      return this.isKeyword(i) ? `the keyword '${text}'` : `the name '${text}'`;
    }
    if (k === T.Number || k === T.String)
      return `${TOKEN_NAMES[k]} ${shorten(this.unit.source, this.startOf(i), this.endOf(i))}`;
    return TOKEN_NAMES[k] ?? "a token";
  }

  private fail(message: string, hint?: string, at = this.pos): never {
    if (this.kind[at] !== T.Error) {
      const start = this.startOf(at);
      const end = Math.max(this.endOf(at), start + 1);
      addProblem(this.unit, hint === undefined ? { start, end, message } : { start, end, message, hint });
    }
    throw BAIL;
  }

  // ── nesting ────────────────────────────────────────────────────────────────

  /**
   * One level deeper: every recursion of the parser passes through here (an expression,
   * a statement, an `elif`, a prefix `-` or `not`), so the parser's own stack is bounded
   * by the nesting limit, and a too-deep level is reported at the token that opens it.
   * {@link leave} on the way back; a recovery point restores the depth it saved.
   */
  private enter(): void {
    if (++this.unit.depth > this.unit.maxDepth) this.tooDeep(this.pos);
  }
  private leave(): void {
    this.unit.depth--;
  }

  /** A chain (`a + b + …`, `a.b.c`) makes a tree one level deeper per link. */
  private chainLink(links: number, at: number): void {
    if (this.unit.depth + links > this.unit.maxDepth) this.tooDeep(at);
  }

  private tooDeep(at: number): never {
    const start = this.startOf(at);
    addProblem(this.unit, {
      start,
      end: Math.max(this.endOf(at), start + 1),
      message: nestingMessage(this.unit.maxDepth),
      hint: NESTING_HINT,
      code: "limit",
    });
    throw BAIL;
  }

  /**
   * The JavaScript stack ran out below the nesting limit (a thread with a small stack, or
   * a limit raised past what it holds): report it here, where parsing had got to, and stop
   * recording problems, which would only be echoes of this one.
   */
  stackRanOut(reached: number): void {
    const start = this.startOf(Math.min(this.pos, this.t.length - 1));
    addProblem(this.unit, {
      start,
      end: start + 1,
      message: `code nested too deep: the JavaScript stack ran out at ${reached} levels, before maxNestingDepth (${this.unit.maxDepth})`,
      hint: "nest less, or render with the xmd command, whose render threads have a larger stack",
      code: "limit",
    });
    this.unit.aborted = true;
    this.pos = this.t.length - 1; // the EOF token: what is left of the piece is not read
  }
  private expect(kind: number, what: string): number {
    if (this.peek() !== kind) this.fail(`expected ${what} but found ${this.describe()}`);
    return this.advance();
  }
  private expectWord(word: number, what: string): number {
    if (!this.isWord(word)) this.fail(`expected ${what} but found ${this.describe()}`);
    return this.advance();
  }
  private node(kind: number, start: number, end = this.prevEnd()): NodeId {
    return this.unit.nodes.create(kind, start, end);
  }
  private endLine(): void {
    const k = this.peek();
    if (k === T.Newline) this.advance();
    else if (k !== T.EOF && k !== T.Dedent)
      this.fail(`expected the end of the line but found ${this.describe()}`, this.notACalleeHint());
  }
  /**
   * When a plain name is followed by a value (`k 1` with `k` a parameter), the user most
   * likely meant a call: say why it is not one and how to write it.
   */
  private notACalleeHint(): string | undefined {
    const prev = this.pos - 1;
    if (prev < 0 || this.kind[prev] !== T.Ident || !this.startsArgument(this.pos)) return undefined;
    const name = this.unit.source.slice(this.startOf(prev), this.endOf(prev));
    return `'${name}' is not known to be a function here, so what follows it is not an argument; to call it, write ${name}(…). A name is a function when it is declared with \`function\`, imported, or set to a lambda`;
  }
  /** After an error: skip to the start of the next statement. */
  private recover(): void {
    let depth = 0;
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

  // ── statements ─────────────────────────────────────────────────────────────

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

  /** A classic `if COND` / `elif COND` directive: returns the condition. */
  parseDirectiveCondition(): NodeId {
    this.advance();
    const depth = this.unit.depth;
    try {
      const e = this.expression();
      this.endLine();
      if (this.peek() !== T.EOF) this.fail(`expected the end of the directive but found ${this.describe()}`);
      return e;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return this.unit.nodes.create(N.False, 0, 0);
    }
  }

  /** A classic `for X in EXPR` directive: returns a For node without a body. */
  parseDirectiveFor(): NodeId {
    const start = this.startOf();
    const depth = this.unit.depth;
    try {
      this.advance();
      const n = this.node(N.For, start);
      const first = this.nameNode(this.expect(T.Ident, "a loop variable name"));
      this.unit.nodes.setC(n, first);
      if (this.peek() === T.Comma) {
        this.advance();
        this.unit.nodes.setNext(first, this.nameNode(this.expect(T.Ident, "a second loop variable name")));
        this.unit.nodes.setFlags(n, 1);
      }
      this.expectWord(K.in, "'in' (as in `for item in items`)");
      this.unit.nodes.setA(n, this.expression());
      this.endLine();
      if (this.peek() !== T.EOF) this.fail(`expected the end of the directive but found ${this.describe()}`);
      return n;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return NONE;
    }
  }

  /** Parses an expression filling the whole buffer (for `{{ … }}`). */
  parseLoneExpression(): NodeId {
    const e = this.expression();
    if (this.peek() !== T.EOF) this.fail(`expected the end of the expression but found ${this.describe()}`);
    return e;
  }

  private statementInto(block: NodeId, last: NodeId): NodeId {
    const nodes = this.unit.nodes;
    const depth = this.unit.depth;
    const functionDepth = this.functionDepth;
    const loopDepth = this.loopDepth;
    try {
      const s = this.statement();
      if (s === NONE) return last;
      if (last === NONE) nodes.setA(block, s);
      else nodes.setNext(last, s);
      return s;
    } catch (e) {
      const reached = this.unit.depth;
      this.unit.depth = depth;
      this.functionDepth = functionDepth;
      this.loopDepth = loopDepth;
      if (e === BAIL) this.recover();
      else if (isJsStackOverflow(e)) this.stackRanOut(reached);
      else throw e;
      return last;
    }
  }

  /** An indented block after a header line; also accepts an optional `end` line. */
  /** An indented block: code that runs only when its header says so. */
  private block(): NodeId {
    return this.mayNotRun(() => this.indentedBlock());
  }

  /**
   * Parses code that may not run when the module runs: a block, a branch, the right side
   * of `and`/`or`, a lambda's body. Imports found inside are not checked by `check()`.
   */
  private mayNotRun<R>(parse: () => R): R {
    this.conditional++;
    try {
      return parse();
    } finally {
      this.conditional--;
    }
  }

  /** Keeps an import for `check()` when it runs whenever the module runs. */
  private noteImport(n: NodeId): void {
    if (this.conditional === 0 && this.unit.openSpans === 0) this.unit.imports.push(n);
  }

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
    if (
      this.isWord(K.end) &&
      (this.peek(1) === T.Newline || this.peek(1) === T.EOF || this.peek(1) === T.Dedent)
    ) {
      this.advance();
      this.endLine();
    }
    return block;
  }

  /** Either `then STATEMENT` on the same line, or an indented block. */
  private body(): NodeId {
    if (this.isWord(K.then)) {
      const start = this.startOf();
      this.advance();
      const block = this.node(N.Block, start);
      const s = this.mayNotRun(() => this.statementNoLineEnd());
      this.unit.nodes.setA(block, s);
      this.unit.nodes.setEnd(block, this.prevEnd());
      return block;
    }
    if (this.peek() !== T.Newline)
      this.fail(`expected 'then' or the end of the line but found ${this.describe()}`);
    return this.block();
  }

  private statement(): NodeId {
    const s = this.statementNoLineEnd();
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
        k === N.Export
      )
    ) {
      this.endLine();
    } else if (this.peek() === T.Newline) this.advance();
    return s;
  }

  private statementNoLineEnd(): NodeId {
    this.enter();
    const s = this.statementKind();
    this.leave();
    return s;
  }

  private statementKind(): NodeId {
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
          this.unit.nodes.setA(n, this.expression());
          this.loopDepth++;
          this.unit.nodes.setB(n, this.body());
          this.loopDepth--;
          return n;
        }
        case K.loop: {
          this.advance();
          const n = this.node(N.Loop, start);
          this.unit.nodes.setA(n, this.expression());
          this.expectWord(C.times, "'times' (as in `loop 3 times`)");
          this.loopDepth++;
          this.unit.nodes.setB(n, this.body());
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
          if (this.functionDepth === 0) this.fail("'return' is only allowed inside a function");
          this.advance();
          const n = this.node(N.Return, start);
          if (this.startsExpression()) this.unit.nodes.setA(n, this.expression());
          this.unit.nodes.setEnd(n, this.prevEnd());
          return n;
        }
        case K.throw: {
          this.advance();
          const n = this.node(N.Throw, start);
          this.unit.nodes.setA(n, this.expression());
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
            this.unit.nodes.setA(n, this.execExpression());
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
    const n = this.node(N.ExprStmt, start);
    this.unit.nodes.setA(n, this.expression());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  private assignment(start: number, target: NodeId): NodeId {
    const op = this.peek();
    this.advance();
    const n = this.node(N.Set, start);
    this.unit.nodes.setA(n, target);
    this.unit.nodes.setFlags(n, op === T.PlusEq ? 1 : op === T.MinusEq ? 2 : 0);
    this.unit.nodes.setB(n, this.expression());
    if (op === T.Eq) this.nameLambda(target, this.unit.nodes.b(n));
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /**
   * `set` in all its forms. After `set TARGET`:
   * `= EXPR` / `+= EXPR` assign; a line break + indented lines make a multiline array or
   * object; `IDENT EXPR, …` (IDENT not a callee) makes an object; `EXPR, IDENT EXPR, …`
   * sets several variables; `EXPR, EXPR, …` makes an array.
   */
  private setStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    if (this.peek() !== T.Ident || this.isKeyword()) {
      this.fail(
        `expected a variable name after 'set' but found ${this.describe()}`,
        "write it as `set name value`",
      );
    }
    const target = this.setTarget();
    const k = this.peek();
    if (k === T.Eq || k === T.PlusEq || k === T.MinusEq) return this.assignment(start, target);
    if (k === T.Newline && this.peek(1) === T.Indent) {
      this.advance();
      const value = this.multilineLiteral();
      return this.setNode(start, target, value);
    }
    if (k === T.Newline || k === T.EOF || k === T.Dedent) {
      this.fail(
        `expected a value after 'set ${this.unit.source.slice(this.unit.nodes.start(target), this.unit.nodes.end(target))}'`,
      );
    }
    if (this.startsObjectEntry() || (this.peek() === T.Spread && this.laterItemIsObjectEntry())) {
      return this.setNode(start, target, this.objectEntries(this.startOf(), false));
    }
    // `set more ...items, "new"`: a list that starts with a spread is a list even alone.
    const spreadFirst = this.peek() === T.Spread;
    const first = spreadFirst ? this.arrayItem() : this.expression();
    if (this.peek() !== T.Comma && !spreadFirst) return this.setNode(start, target, first);
    // `set a EXPR, name EXPR, …`: several variables.
    if (this.peek(1) === T.Ident && !this.isKeyword(this.pos + 1) && this.startsObjectEntry(1)) {
      const head = this.setNode(start, target, first);
      let last = head;
      const multi = this.node(N.Block, start);
      this.unit.nodes.setA(multi, head);
      while (this.peek() === T.Comma) {
        this.advance();
        const s = this.startOf();
        const name = this.nameNode(this.expect(T.Ident, "a variable name"));
        const value = this.expression();
        const set = this.setNode(s, name, value);
        this.unit.nodes.setNext(last, set);
        last = set;
      }
      this.unit.nodes.setEnd(multi, this.prevEnd());
      return multi;
    }
    const array = this.node(N.Array, this.unit.nodes.start(first));
    this.unit.nodes.setA(array, first);
    let last = first;
    while (this.peek() === T.Comma) {
      this.advance();
      if (this.peek() === T.Newline || this.peek() === T.EOF) break; // trailing comma
      const item = this.arrayItem();
      this.unit.nodes.setNext(last, item);
      last = item;
    }
    this.unit.nodes.setEnd(array, this.prevEnd());
    return this.setNode(start, target, array);
  }

  /**
   * On a `set` line that starts with a spread: whether a later item is `key value`, which
   * makes the line an object (`set merged ...user, country "VN"`) rather than a list.
   */
  private laterItemIsObjectEntry(): boolean {
    let depth = 0;
    for (let i = this.pos; ; i++) {
      const k = this.kind[i];
      this.unit.clock.tick(this.tstart[i] as number);
      if (k === T.Newline || k === T.EOF || k === T.Dedent) return false;
      if (k === T.LParen || k === T.LBracket || k === T.LBrace) depth++;
      else if (k === T.RParen || k === T.RBracket || k === T.RBrace) depth--;
      else if (k === T.Comma && depth === 0 && this.startsObjectEntry(i + 1 - this.pos)) return true;
    }
  }

  private setNode(start: number, target: NodeId, value: NodeId): NodeId {
    const n = this.node(N.Set, start);
    this.unit.nodes.setA(n, target);
    this.unit.nodes.setB(n, value);
    this.nameLambda(target, value);
    return n;
  }

  /** `set double x => x * 2`: the lambda is `double` in messages and when printed. */
  private nameLambda(target: NodeId, value: NodeId): void {
    const nodes = this.unit.nodes;
    if (nodes.kind(target) !== N.Name || nodes.kind(value) !== N.Lambda) return;
    const info = this.unit.functions[nodes.num(value)];
    if (info !== undefined) info.name = this.unit.source.slice(nodes.start(target), nodes.end(target));
  }

  /** `name`, `name.key`, `name[expr]` chains: what `set` may assign to. */
  private setTarget(): NodeId {
    let target = this.nameNode(this.advance());
    for (;;) {
      const k = this.peek();
      if (k === T.Dot && !this.spaceBefore() && this.peek(1) === T.Ident) {
        this.advance();
        const nameTok = this.advance();
        const m = this.node(N.Member, this.unit.nodes.start(target));
        this.unit.nodes.setA(m, target);
        this.unit.nodes.setStr(m, this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok)));
        target = m;
      } else if (k === T.LBracket && !this.spaceBefore()) {
        this.advance();
        const ix = this.node(N.Index, this.unit.nodes.start(target));
        this.unit.nodes.setA(ix, target);
        this.unit.nodes.setB(ix, this.expression());
        this.expect(T.RBracket, "']'");
        this.unit.nodes.setEnd(ix, this.prevEnd());
        target = ix;
      } else return target;
    }
  }

  /** True when the token at `offset` is a non-callee name followed by something that starts a value. */
  private startsObjectEntry(offset = 0): boolean {
    const i = this.pos + offset;
    if (this.kind[i] !== T.Ident || this.isKeyword(i)) return false;
    if (this.unit.callees.has(this.keyOf(i)) || this.isBuiltinCallee(i) || this.isGlobalBuiltin(i))
      return false;
    return this.startsArgument(i + 1);
  }

  /** The indented lines under `set NAME`: array items or `key value` pairs, comma separated. */
  private multilineLiteral(): NodeId {
    const start = this.startOf();
    this.expect(T.Indent, "an indented block");
    const isObject = this.startsObjectEntry();
    const n = isObject ? this.objectEntries(start, true) : this.arrayEntries(start);
    if (this.peek() === T.Dedent) this.advance();
    else this.fail(`expected the end of the list but found ${this.describe()}`);
    return n;
  }

  private skipListBreaks(): void {
    while (this.peek() === T.Newline) this.advance();
  }

  private arrayEntries(start: number): NodeId {
    const array = this.node(N.Array, start);
    let last = NONE;
    this.skipListBreaks();
    while (this.peek() !== T.Dedent && this.peek() !== T.EOF) {
      const item = this.arrayItem();
      if (last === NONE) this.unit.nodes.setA(array, item);
      else this.unit.nodes.setNext(last, item);
      last = item;
      if (this.peek() === T.Comma) this.advance();
      else if (this.peek() !== T.Newline && this.peek() !== T.Dedent)
        this.fail(`expected ',' but found ${this.describe()}`);
      this.skipListBreaks();
    }
    this.unit.nodes.setEnd(array, this.prevEnd());
    return array;
  }

  private arrayItem(): NodeId {
    if (this.peek() === T.Spread) {
      const start = this.startOf();
      this.advance();
      const s = this.node(N.Spread, start);
      this.unit.nodes.setA(s, this.expression());
      this.unit.nodes.setEnd(s, this.prevEnd());
      return s;
    }
    return this.expression();
  }

  /** `key value, key value` (inline) or one pair per line (multiline). */
  private objectEntries(start: number, multiline: boolean): NodeId {
    const object = this.node(N.Object, start);
    let last = NONE;
    for (;;) {
      if (multiline) this.skipListBreaks();
      if (multiline && (this.peek() === T.Dedent || this.peek() === T.EOF)) break;
      let pair: NodeId;
      if (this.peek() === T.Spread) {
        pair = this.arrayItem();
      } else {
        const keyTok = this.expect(T.Ident, "a key name");
        pair = this.node(N.Pair, this.startOf(keyTok));
        this.unit.nodes.setStr(pair, this.unit.source.slice(this.startOf(keyTok), this.endOf(keyTok)));
        this.unit.nodes.setB(pair, this.expression());
        this.unit.nodes.setEnd(pair, this.prevEnd());
      }
      if (last === NONE) this.unit.nodes.setA(object, pair);
      else this.unit.nodes.setNext(last, pair);
      last = pair;
      if (this.peek() === T.Comma) {
        this.advance();
        if (!multiline && (this.peek() === T.Newline || this.peek() === T.EOF)) break;
        continue;
      }
      if (multiline && this.peek() === T.Newline) continue;
      break;
    }
    this.unit.nodes.setEnd(object, this.prevEnd());
    return object;
  }

  private ifStatement(): NodeId {
    const start = this.startOf();
    this.advance(); // if / elif
    const n = this.node(N.If, start);
    this.unit.nodes.setA(n, this.expression());
    this.unit.nodes.setB(n, this.body());
    this.unit.nodes.setEnd(n, this.prevEnd());
    // elif / else continue at the same indentation (after the block's dedent).
    if (this.peek() === T.Newline && (this.isWord(K.elif, 1) || this.isWord(K.else, 1))) this.advance();
    if (this.isWord(K.elif)) {
      this.unit.nodes.setC(n, this.elseIf());
    } else if (this.isWord(K.else)) {
      this.advance();
      if (this.isWord(K.if)) this.unit.nodes.setC(n, this.elseIf());
      else if (this.peek() === T.Newline) this.unit.nodes.setC(n, this.block());
      else {
        const b = this.node(N.Block, this.startOf());
        this.unit.nodes.setA(
          b,
          this.mayNotRun(() => this.statementNoLineEnd()),
        );
        this.unit.nodes.setEnd(b, this.prevEnd());
        this.unit.nodes.setC(n, b);
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
    const start = this.startOf();
    this.advance();
    const n = this.node(N.For, start);
    const first = this.nameNode(this.expect(T.Ident, "a loop variable name"));
    this.unit.nodes.setC(n, first);
    if (this.peek() === T.Comma) {
      this.advance();
      const second = this.nameNode(this.expect(T.Ident, "a second loop variable name"));
      this.unit.nodes.setNext(first, second);
      this.unit.nodes.setFlags(n, 1);
    }
    this.expectWord(K.in, "'in' (as in `for item in items`)");
    this.unit.nodes.setA(n, this.expression());
    this.loopDepth++;
    this.unit.nodes.setB(n, this.body());
    this.loopDepth--;
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  private tryStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Try, start);
    this.unit.nodes.setA(n, this.block());
    if (this.peek() === T.Newline && this.isWord(K.catch, 1)) this.advance();
    if (!this.isWord(K.catch)) this.fail(`expected 'catch' after the try block but found ${this.describe()}`);
    this.advance();
    if (this.peek() === T.Ident && !this.isKeyword()) this.unit.nodes.setC(n, this.nameNode(this.advance()));
    this.unit.nodes.setB(n, this.block());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  private functionDeclaration(start: number): NodeId {
    this.advance(); // function
    const nameTok = this.expect(T.Ident, "a function name");
    if (this.isKeyword(nameTok)) this.fail("a keyword cannot name a function", undefined, nameTok);
    const n = this.node(N.FunctionDecl, start);
    const name = this.nameNode(nameTok);
    this.unit.nodes.setA(n, name);
    const params = this.parameters(T.Newline);
    this.functionDepth++;
    const savedLoop = this.loopDepth;
    this.loopDepth = 0;
    const body = this.block();
    this.loopDepth = savedLoop;
    this.functionDepth--;
    this.unit.nodes.setEnd(n, this.prevEnd());
    this.unit.nodes.setNum(
      n,
      this.addFunction(
        this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok)),
        params,
        body,
        false,
        n,
      ),
    );
    return n;
  }

  /** Parameter names: `a b`, `a, b` or `(a, b)`, up to `until`. */
  private parameters(until: number): NodeId[] {
    const params: NodeId[] = [];
    const parens = this.peek() === T.LParen;
    if (parens) this.advance();
    while (this.peek() !== (parens ? T.RParen : until) && this.peek() !== T.EOF) {
      if (this.peek() === T.Comma && params.length > 0) {
        this.advance();
        continue;
      }
      const tok = this.expect(T.Ident, "a parameter name");
      if (this.isKeyword(tok)) this.fail("a keyword cannot be a parameter name", undefined, tok);
      params.push(this.nameNode(tok));
      if (!parens && until !== T.Newline) break;
    }
    if (parens) this.expect(T.RParen, "')' after the parameters");
    return params;
  }

  private addFunction(name: string, params: NodeId[], body: NodeId, exprBody: boolean, node: NodeId): number {
    const decls: NodeId[] = [];
    if (!exprBody) {
      for (let st = this.unit.nodes.a(body); st !== NONE; st = this.unit.nodes.next(st)) {
        if (this.unit.nodes.kind(st) === N.FunctionDecl) decls.push(st);
      }
    }
    this.unit.functions.push({
      index: this.unit.functions.length,
      name,
      params,
      body,
      exprBody,
      node,
      frameSize: 0,
      captures: [],
      cellSlots: [],
      decls,
    });
    return this.unit.functions.length - 1;
  }

  /**
   * `import "x.json"`, `import Tasks`, `import a, b from "file"`, `import a newA from "file"`.
   * flags: 0 whole module bound to a name, 1 named bindings (b = first ImportName Name node,
   * whose str is the exported name), 2 in place (classic dialect).
   */
  private importStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Import, start);
    this.noteImport(n);
    const nodes = this.unit.nodes;
    if (this.dialect === "classic") {
      nodes.setFlags(n, 2);
      nodes.setA(n, this.importPath());
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
      nodes.setFlags(n, 1);
      let last = NONE;
      while (!this.isWord(C.from)) {
        const exportedTok = this.expect(T.Ident, "a name to import");
        let localTok = exportedTok;
        if (this.peek() === T.Ident && !this.isWord(C.from)) localTok = this.advance();
        const binding = this.nameNode(localTok);
        const spec = this.node(N.Pair, this.startOf(exportedTok));
        nodes.setStr(spec, this.unit.source.slice(this.startOf(exportedTok), this.endOf(exportedTok)));
        nodes.setB(spec, binding);
        if (last === NONE) nodes.setB(n, spec);
        else nodes.setNext(last, spec);
        last = spec;
        if (this.peek() === T.Comma) this.advance();
      }
      this.advance(); // from
      nodes.setA(n, this.importPath());
    } else {
      nodes.setA(n, this.importPath());
      // Bind to the file's base name: import "data/students.json" → students; import Tasks → Tasks.
      const path = nodes.a(n);
      const text = nodes.kind(path) === N.Str ? nodes.str(path) : "";
      const base = text.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
      if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(base)) {
        this.fail(
          `cannot make a variable name from '${text}'`,
          'use `set name import "file"` instead',
          this.pos - 1,
        );
      }
      const binding = nodes.create(N.Name, nodes.start(path), nodes.end(path));
      nodes.setName(binding, this.unit.names.keyOfText(base));
      nodes.setB(n, binding);
    }
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /**
   * A module path: a string, bare words like `Tasks` / `part.md` / `data/part.md`, or an
   * expression in parentheses (`import (file)`, for a path held in a variable).
   */
  private importPath(): NodeId {
    // A string may be built: import "members/" + name + ".md"
    if (this.peek() === T.String || this.peek() === T.Template || this.peek() === T.LParen)
      return this.expression();
    const start = this.startOf();
    if (this.peek() === T.Newline || this.peek() === T.EOF) this.fail("expected a file to import");
    while (this.peek() !== T.Newline && this.peek() !== T.EOF && this.peek() !== T.Dedent) {
      if (this.pos > 0 && this.spaceBefore() && this.startOf() !== start) break;
      this.advance();
    }
    const n = this.node(N.Str, start);
    this.unit.nodes.setStr(n, this.unit.source.slice(start, this.prevEnd()));
    return n;
  }

  /** `export function …`, `export set …`, `export a, b B`. */
  private exportStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Export, start);
    const nodes = this.unit.nodes;
    if (this.isWord(K.function)) {
      nodes.setA(n, this.functionDeclaration(this.startOf()));
    } else if (this.isWord(K.set)) {
      nodes.setA(n, this.setStatement());
      this.endLine();
    } else {
      nodes.setFlags(n, 1);
      let last = NONE;
      do {
        if (this.peek() === T.Comma) this.advance();
        const localTok = this.expect(T.Ident, "a name to export");
        const spec = this.node(N.Pair, this.startOf(localTok));
        let exportedTok = localTok;
        if (this.peek() === T.Ident) exportedTok = this.advance();
        nodes.setStr(spec, this.unit.source.slice(this.startOf(exportedTok), this.endOf(exportedTok)));
        nodes.setB(spec, this.nameNode(localTok));
        if (last === NONE) nodes.setB(n, spec);
        else nodes.setNext(last, spec);
        last = spec;
      } while (this.peek() === T.Comma);
      this.endLine();
    }
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  // ── expressions ────────────────────────────────────────────────────────────

  private startsExpression(): boolean {
    const k = this.peek();
    return (
      k !== T.Newline && k !== T.EOF && k !== T.Dedent && k !== T.RParen && k !== T.RBracket && k !== T.RBrace
    );
  }

  /** Can the token at `i` begin an argument of a call written without parentheses? */
  private startsArgument(i: number): boolean {
    const k = this.kind[i];
    switch (k) {
      case T.Number:
      case T.String:
      case T.Template:
      case T.Regex:
      case T.Spread:
        return true;
      case T.Ident: {
        const id = this.tid[i] as number;
        if (id >= 0 && id < KEYWORD_COUNT)
          return id === K.true || id === K.false || id === K.null || id === K.not || id === K.import;
        return true;
      }
      case T.LParen:
      case T.LBracket:
      case T.LBrace:
        return ((this.flags[i] as number) & SPACE_BEFORE) !== 0;
      case T.Minus:
      case T.Bang:
        // `f -1` is a call with -1; `a - 1` is a subtraction.
        return (
          ((this.flags[i] as number) & SPACE_BEFORE) !== 0 &&
          ((this.flags[i + 1] as number) & SPACE_BEFORE) === 0
        );
      default:
        return false;
    }
  }

  expression(): NodeId {
    this.enter();
    const e = this.ternary();
    this.leave();
    return e;
  }

  private ternary(): NodeId {
    const cond = this.orExpression();
    if (this.peek() !== T.Question) return cond;
    this.advance();
    const n = this.node(N.Ternary, this.unit.nodes.start(cond));
    this.unit.nodes.setA(n, cond);
    this.unit.nodes.setB(
      n,
      this.mayNotRun(() => this.expression()),
    );
    this.expect(T.Colon, "':' in the ternary `a ? b : c`");
    this.unit.nodes.setC(
      n,
      this.mayNotRun(() => this.expression()),
    );
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  private orExpression(): NodeId {
    let left = this.andExpression();
    let links = 0;
    while (this.isWord(K.or) || this.peek() === T.OrOr) {
      this.chainLink(++links, this.pos);
      this.advance();
      left = this.binary(
        N.Or,
        0,
        left,
        this.mayNotRun(() => this.andExpression()),
      );
    }
    return left;
  }

  private andExpression(): NodeId {
    let left = this.notExpression();
    let links = 0;
    while (this.isWord(K.and) || this.peek() === T.AndAnd) {
      this.chainLink(++links, this.pos);
      this.advance();
      left = this.binary(
        N.And,
        0,
        left,
        this.mayNotRun(() => this.notExpression()),
      );
    }
    return left;
  }

  private notExpression(): NodeId {
    if (this.isWord(K.not) || this.peek() === T.Bang) {
      const start = this.startOf();
      this.enter();
      this.advance();
      const n = this.node(N.Unary, start);
      this.unit.nodes.setFlags(n, Op.Not);
      this.unit.nodes.setA(n, this.notExpression());
      this.unit.nodes.setEnd(n, this.prevEnd());
      this.leave();
      return n;
    }
    return this.comparison();
  }

  private comparison(): NodeId {
    let left = this.range();
    for (let links = 1; ; links++) {
      const op = COMPARE[this.peek()];
      if (op === undefined) return left;
      this.chainLink(links, this.pos);
      this.advance();
      if (!this.startsExpression())
        this.fail(
          `expected an expression after '${this.unit.source.slice(this.startOf(this.pos - 1), this.endOf(this.pos - 1))}' but found ${this.describe()}`,
        );
      left = this.binary(N.Binary, op, left, this.range());
    }
  }

  private range(): NodeId {
    const left = this.additive();
    if (this.peek() !== T.DotDot) return left;
    this.advance();
    const n = this.node(N.Range, this.unit.nodes.start(left));
    this.unit.nodes.setA(n, left);
    this.unit.nodes.setB(n, this.additive());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  private additive(): NodeId {
    let left = this.multiplicative();
    for (let links = 1; ; links++) {
      const k = this.peek();
      if (k !== T.Plus && k !== T.Minus) return left;
      this.chainLink(links, this.pos);
      this.advance();
      if (!this.startsExpression())
        this.fail(`expected an expression after '${k === T.Plus ? "+" : "-"}' but found ${this.describe()}`);
      left = this.binary(N.Binary, k === T.Plus ? Op.Add : Op.Sub, left, this.multiplicative());
    }
  }

  private multiplicative(): NodeId {
    let left = this.unary();
    for (let links = 1; ; links++) {
      const k = this.peek();
      const op = k === T.Star ? Op.Mul : k === T.Slash ? Op.Div : k === T.Percent ? Op.Mod : 0;
      if (op === 0) return left;
      this.chainLink(links, this.pos);
      this.advance();
      if (!this.startsExpression())
        this.fail(`expected an expression after the operator but found ${this.describe()}`);
      left = this.binary(N.Binary, op, left, this.unary());
    }
  }

  private unary(): NodeId {
    if (this.peek() === T.Minus) {
      const start = this.startOf();
      this.enter();
      this.advance();
      const operand = this.unary();
      this.leave();
      if (this.unit.nodes.kind(operand) === N.Num) {
        this.unit.nodes.setNum(operand, -this.unit.nodes.num(operand));
        return operand;
      }
      const n = this.node(N.Unary, start);
      this.unit.nodes.setFlags(n, Op.Neg);
      this.unit.nodes.setA(n, operand);
      return n;
    }
    if (this.peek() === T.Bang) return this.notExpression();
    return this.postfix(this.primary());
  }

  private binary(kind: number, op: number, left: NodeId, right: NodeId): NodeId {
    const n = this.node(kind, this.unit.nodes.start(left));
    this.unit.nodes.setFlags(n, op);
    this.unit.nodes.setA(n, left);
    this.unit.nodes.setB(n, right);
    return n;
  }

  private postfix(expr: NodeId): NodeId {
    const nodes = this.unit.nodes;
    for (let links = 1; ; links++) {
      const k = this.peek();
      if (k === T.Dot && this.kind[this.pos + 1] === T.Ident) {
        this.chainLink(links, this.pos);
        this.advance();
        const nameTok = this.advance();
        const name = this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok));
        if (this.peek() === T.LParen && !this.spaceBefore()) {
          const call = this.node(N.MethodCall, nodes.start(expr));
          nodes.setA(call, expr);
          nodes.setStr(call, name);
          nodes.setB(call, this.parenArguments());
          nodes.setEnd(call, this.prevEnd());
          expr = call;
        } else if (this.startsArgument(this.pos)) {
          const call = this.node(N.MethodCall, nodes.start(expr));
          nodes.setA(call, expr);
          nodes.setStr(call, name);
          nodes.setB(call, this.bareArguments());
          nodes.setEnd(call, this.prevEnd());
          return call; // bare arguments run to the end of the expression
        } else {
          const m = this.node(N.Member, nodes.start(expr));
          nodes.setA(m, expr);
          nodes.setStr(m, name);
          expr = m;
        }
      } else if (k === T.LBracket && !this.spaceBefore()) {
        this.chainLink(links, this.pos);
        this.advance();
        const ix = this.node(N.Index, nodes.start(expr));
        nodes.setA(ix, expr);
        nodes.setB(ix, this.expression());
        this.expect(T.RBracket, "']'");
        nodes.setEnd(ix, this.prevEnd());
        expr = ix;
      } else if (k === T.LParen && !this.spaceBefore()) {
        this.chainLink(links, this.pos);
        const call = this.node(N.Call, nodes.start(expr));
        nodes.setA(call, expr);
        nodes.setB(call, this.parenArguments());
        nodes.setEnd(call, this.prevEnd());
        expr = call;
      } else return expr;
    }
  }

  /** `( a, b )`: returns the first argument (linked by next) or NONE. */
  private parenArguments(): NodeId {
    this.expect(T.LParen, "'('");
    let first = NONE;
    let last = NONE;
    while (this.peek() !== T.RParen) {
      const arg = this.arrayItem();
      if (first === NONE) first = arg;
      else this.unit.nodes.setNext(last, arg);
      last = arg;
      if (this.peek() === T.Comma) this.advance();
      else if (this.peek() !== T.RParen)
        this.fail(`expected ',' or ')' in the argument list but found ${this.describe()}`);
    }
    this.advance();
    return first;
  }

  /** Arguments without parentheses: separated by commas or juxtaposition, to the end of the expression. */
  private bareArguments(): NodeId {
    const first = this.arrayItem();
    let last = first;
    for (;;) {
      if (this.peek() === T.Comma && this.startsArgumentAfterComma()) {
        this.advance();
      } else if (!this.startsArgument(this.pos)) break;
      const arg = this.arrayItem();
      this.unit.nodes.setNext(last, arg);
      last = arg;
    }
    return first;
  }

  private startsArgumentAfterComma(): boolean {
    const k = this.kind[this.pos + 1];
    return (
      k !== T.Newline && k !== T.EOF && k !== T.Dedent && k !== T.RParen && k !== T.RBracket && k !== T.RBrace
    );
  }

  private isBuiltinCallee(i: number): boolean {
    const id = this.tid[i] as number;
    return id === C.print || id === C.exists || id === C.exec || id === C.cmd || id === C.get || id === C.put;
  }

  private nameNode(tok: number): NodeId {
    const n = this.unit.nodes.create(N.Name, this.startOf(tok), this.endOf(tok));
    this.unit.nodes.setName(n, this.keyOf(tok));
    return n;
  }

  private primary(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    switch (this.peek()) {
      case T.Number: {
        const n = this.node(N.Num, start, this.endOf(this.pos));
        nodes.setNum(n, this.t.num[this.pos] as number);
        this.advance();
        return n;
      }
      case T.String: {
        const tok = this.advance();
        const n = this.node(N.Str, start);
        nodes.setStr(
          n,
          unescapeString(
            this.unit.source,
            this.startOf(tok) + 1,
            Math.max(this.startOf(tok) + 1, this.endOf(tok) - 1),
          ),
        );
        return n;
      }
      case T.Template:
        return this.template(this.advance());
      case T.Regex: {
        const tok = this.advance();
        const n = regexNode(this.unit, start, this.endOf(tok));
        if (n === null) throw BAIL;
        return n;
      }
      case T.LParen: {
        if (this.t.arrowAfterParen(this.pos)) return this.lambda();
        this.advance();
        const e = this.expression();
        this.expect(T.RParen, "')'");
        return e;
      }
      case T.LBracket: {
        this.advance();
        const array = this.node(N.Array, start);
        let last = NONE;
        while (this.peek() !== T.RBracket) {
          const item = this.arrayItem();
          if (last === NONE) nodes.setA(array, item);
          else nodes.setNext(last, item);
          last = item;
          if (this.peek() === T.Comma) this.advance();
          else if (this.peek() !== T.RBracket)
            this.fail(`expected ',' or ']' in the list but found ${this.describe()}`);
        }
        this.advance();
        nodes.setEnd(array, this.prevEnd());
        return array;
      }
      case T.LBrace:
        return this.braceObject();
      case T.Ident:
        return this.namePrimary();
      case T.Newline:
      case T.EOF:
      case T.Dedent:
        this.fail(`expected an expression but found ${this.describe()}`);
        break;
      default:
        this.fail(
          `expected an expression but found ${this.describe()}`,
          this.peek() === T.Slash ? REGEX_SLASH_HINT : undefined,
        );
    }
  }

  private braceObject(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    this.advance();
    const object = this.node(N.Object, start);
    let last = NONE;
    while (this.peek() !== T.RBrace) {
      let pair: NodeId;
      if (this.peek() === T.Spread) pair = this.arrayItem();
      else {
        const keyTok = this.advance();
        const kk = this.kind[keyTok];
        if (kk !== T.Ident && kk !== T.String && kk !== T.Number)
          this.fail(`expected a key but found ${this.describe(keyTok)}`, undefined, keyTok);
        pair = this.node(N.Pair, this.startOf(keyTok));
        const raw = this.unit.source.slice(this.startOf(keyTok), this.endOf(keyTok));
        nodes.setStr(
          pair,
          kk === T.String
            ? unescapeString(this.unit.source, this.startOf(keyTok) + 1, this.endOf(keyTok) - 1)
            : raw,
        );
        if (this.peek() === T.Colon) {
          this.advance();
          nodes.setB(pair, this.expression());
        } else if (kk === T.Ident && (this.peek() === T.Comma || this.peek() === T.RBrace)) {
          nodes.setB(pair, this.nameNode(keyTok)); // {name} shorthand
        } else this.fail(`expected ':' after the key but found ${this.describe()}`);
        nodes.setEnd(pair, this.prevEnd());
      }
      if (last === NONE) nodes.setA(object, pair);
      else nodes.setNext(last, pair);
      last = pair;
      if (this.peek() === T.Comma) this.advance();
      else if (this.peek() !== T.RBrace)
        this.fail(`expected ',' or '}' in the object but found ${this.describe()}`);
    }
    this.advance();
    nodes.setEnd(object, this.prevEnd());
    return object;
  }

  private namePrimary(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    const id = this.tid[this.pos] as number;
    if (id >= 0 && id < KEYWORD_COUNT) {
      switch (id) {
        case K.true:
          this.advance();
          return this.node(N.True, start);
        case K.false:
          this.advance();
          return this.node(N.False, start);
        case K.null:
          this.advance();
          return this.node(N.Null, start);
        case K.import: {
          this.advance();
          const n = this.node(N.ImportExpr, start);
          this.noteImport(n);
          // Classic `set x = import "part.md"` takes the processed text, as the in-place
          // directive inserts it; native `set x import "mod.xmd"` takes the exports.
          if (this.dialect === "classic") nodes.setFlags(n, 1);
          nodes.setA(n, this.importPath());
          nodes.setEnd(n, this.prevEnd());
          return n;
        }
        default:
          this.fail(`expected an expression but found ${this.describe()}`);
      }
    }
    if (this.kind[this.pos + 1] === T.Arrow) return this.lambda();
    if (id === C.exec && !(this.peek(1) === T.LParen && !this.spaceBefore(1))) return this.execExpression();
    if (id === C.cmd && this.startsArgument(this.pos + 1)) return this.cmdExpression();
    if ((id === C.get || id === C.put) && this.peek(1) === T.String) return this.dataAccess(id === C.put);
    const tok = this.advance();
    const name = this.nameNode(tok);
    const isCallee =
      this.unit.callees.has(this.keyOf(tok)) || this.isBuiltinCallee(tok) || this.isGlobalBuiltin(tok);
    if (isCallee && this.startsArgument(this.pos) && !(this.peek() === T.LParen && !this.spaceBefore())) {
      const call = this.node(N.Call, start);
      nodes.setA(call, name);
      nodes.setB(call, this.bareArguments());
      nodes.setEnd(call, this.prevEnd());
      return call;
    }
    if (
      isCallee &&
      this.isBuiltinCallee(tok) &&
      id === C.print &&
      !(this.peek() === T.LParen && !this.spaceBefore())
    ) {
      // `print` alone prints an empty line.
      const call = this.node(N.Call, start);
      nodes.setA(call, name);
      return call;
    }
    return name;
  }

  /** Builtin global functions take bare arguments like declared functions. */
  private isGlobalBuiltin(tok: number): boolean {
    return BUILTIN_CALLEES.has(this.unit.source.slice(this.startOf(tok), this.endOf(tok)));
  }

  /** `exec echo hi` (the rest of the line is the command) or `cmd EXPR`. */
  private execExpression(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Exec, start);
    const nodes = this.unit.nodes;
    if (this.peek() === T.String || this.peek() === T.Template) {
      nodes.setA(n, this.expression());
      nodes.setEnd(n, this.prevEnd());
      return n;
    }
    if (this.peek() !== T.Raw) this.fail("expected a command after 'exec'", "write it as `exec echo hello`");
    const raw = this.advance();
    const text = this.node(N.Str, this.startOf(raw));
    nodes.setStr(text, this.unit.source.slice(this.startOf(raw), this.endOf(raw)));
    nodes.setA(n, text);
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `cmd EXPR`: a command line computed by an expression (`cmd "git log -1 " + file`). */
  private cmdExpression(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Exec, start);
    this.unit.nodes.setA(n, this.expression());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `get "data.json".a.b` and `put "data.yaml".a.b VALUE`. */
  private dataAccess(isPut: boolean): NodeId {
    const start = this.startOf();
    this.advance();
    const nodes = this.unit.nodes;
    const n = this.node(isPut ? N.DataPut : N.DataGet, start);
    nodes.setA(n, this.primary());
    let last = NONE;
    while (this.peek() === T.Dot && !this.spaceBefore()) {
      this.advance();
      const keyTok = this.advance();
      if (this.kind[keyTok] !== T.Ident && this.kind[keyTok] !== T.Number)
        this.fail("expected a key after '.'", undefined, keyTok);
      const key = this.node(N.Str, this.startOf(keyTok));
      nodes.setStr(key, this.unit.source.slice(this.startOf(keyTok), this.endOf(keyTok)));
      if (last === NONE) nodes.setB(n, key);
      else nodes.setNext(last, key);
      last = key;
    }
    if (isPut) nodes.setC(n, this.expression());
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `x => e`, `(a, b) => e`, `() => e`. */
  private lambda(): NodeId {
    const start = this.startOf();
    const params = this.peek() === T.LParen ? this.parameters(T.Arrow) : [this.nameNode(this.advance())];
    this.expect(T.Arrow, "'=>'");
    const n = this.node(N.Lambda, start);
    this.functionDepth++;
    const body = this.mayNotRun(() => this.expression());
    this.functionDepth--;
    this.unit.nodes.setEnd(n, this.prevEnd());
    this.unit.nodes.setNum(n, this.addFunction("lambda", params, body, true, n));
    return n;
  }

  /** `` `Hi {{name}}!` ``: a Template node whose children are Str parts and expressions. */
  private template(tok: number): NodeId {
    const source = this.unit.source;
    const start = this.startOf(tok);
    const end = Math.max(start + 1, this.endOf(tok) - 1);
    const nodes = this.unit.nodes;
    const n = this.node(N.Template, start, this.endOf(tok));
    let last = NONE;
    const append = (part: NodeId) => {
      if (last === NONE) nodes.setA(n, part);
      else nodes.setNext(last, part);
      last = part;
    };
    let p = start + 1;
    let textStart = p;
    while (p < end) {
      this.unit.clock.tick(p);
      if (source.charCodeAt(p) === 92) {
        p += 2;
        continue;
      }
      if (source.startsWith("{{", p)) {
        const close = this.unit.scanner.interpolationEnd(p + 2, end);
        if (close === -1) break;
        if (p > textStart) {
          const s = nodes.create(N.Str, textStart, p);
          nodes.setStr(s, unescapeString(source, textStart, p));
          append(s);
        }
        append(parseExpressionRange(this.unit, p + 2, close));
        p = close + 2;
        textStart = p;
        continue;
      }
      p++;
    }
    if (end > textStart) {
      const s = nodes.create(N.Str, textStart, end);
      nodes.setStr(s, unescapeString(source, textStart, end));
      append(s);
    }
    return n;
  }
}

/**
 * Builtins that take arguments without parentheses: every global function, and the
 * namespaces that can be called (`Date "1990-01-01"`). Taken from the host library so
 * that the two can never disagree.
 */
export const BUILTIN_CALLEES: ReadonlySet<string> = new Set([
  ...GLOBAL_NAMES,
  ...NAMESPACE_NAMES.filter((name) => NAMESPACES.get(name)?.call !== undefined),
]);

/** Decodes `\n \t \r \" \' \\ \` \{ \uXXXX` in source[start, end). */
export function unescapeString(source: string, start: number, end: number): string {
  const first = source.indexOf("\\", start);
  if (first === -1 || first >= end) return source.slice(start, end);
  let out = "";
  let p = start;
  while (p < end) {
    const c = source.charCodeAt(p);
    if (c !== 92 || p + 1 >= end) {
      const next = source.indexOf("\\", p);
      const stop = next === -1 || next >= end ? end : next === p ? p + 1 : next;
      out += source.slice(p, stop);
      p = stop;
      continue;
    }
    const e = source[p + 1];
    p += 2;
    switch (e) {
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "r":
        out += "\r";
        break;
      case "0":
        out += "\0";
        break;
      case "u": {
        const hex = source.slice(p, p + 4);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += String.fromCharCode(Number.parseInt(hex, 16));
          p += 4;
        } else out += "u";
        break;
      }
      default:
        out += e;
    }
  }
  return out;
}

/** Parses source[start, end) as one expression (for `{{ … }}` and template parts). */
export function parseExpressionRange(unit: ParseUnit, start: number, end: number): NodeId {
  const tokens = lexInto(unit, start, end, false);
  const depth = unit.depth;
  try {
    const parser = new Parser(unit, tokens, "native");
    try {
      return parser.parseLoneExpression();
    } catch (e) {
      const reached = unit.depth;
      unit.depth = depth;
      if (isJsStackOverflow(e)) parser.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return unit.nodes.create(N.Null, start, end);
    }
  } finally {
    giveTokenBuffer(tokens);
  }
}

/** source[start, end) for a message, cut short with an ellipsis when long (a 10 MB literal). */
function shorten(source: string, start: number, end: number): string {
  return end - start <= 40 ? source.slice(start, end) : `${source.slice(start, start + 37)}…`;
}

/** Parses already-lexed statements; returns a Block. */
export function parseStatements(unit: ParseUnit, tokens: TokenBuffer, dialect: Dialect): NodeId {
  return new Parser(unit, tokens, dialect).parseProgram();
}
