/**
 * What every part of the parser shares: reading tokens, reporting a problem and
 * unwinding to the statement loop, the nesting limit, making nodes, and what the next
 * tokens start. The parser is a chain of classes, one part each:
 * {@link ParserBase} → `ExpressionParser` → `SetParser` → `StatementParser`.
 * @module
 */

import { raiseHint } from "../../values/budget.js";
import { C, K, KEYWORD_COUNT } from "../keywords.js";
import type { NameKey } from "../names.js";
import { N, NONE, type NodeId } from "../nodes.js";
import { SPACE_BEFORE, T, TOKEN_NAMES, type TokenBuffer } from "../tokens.js";
import { addProblem, type ParseUnit } from "../unit.js";
import { BUILTIN_CALLEES, keyAt } from "./callees.js";

/** What closes each opening bracket, for "close it with ')'". */
const CLOSERS: Record<number, string> = { [T.LParen]: "')'", [T.LBracket]: "']'", [T.LBrace]: "'}'" };

/**
 * Thrown inside the parser to unwind to the statement loop; never escapes. One instance,
 * made once: a document of many broken lines throws it once per line, and an Error's
 * stack trace is the costly part.
 */
class Bail extends Error {}
export const BAIL = new Bail("parse error");

/** The message of a nesting limit error. */
export function nestingMessage(max: number): string {
  return `code nested too deep: more than ${max} levels (limit maxNestingDepth)`;
}

/** The help line of a nesting limit error. */
export const NESTING_HINT = `split the code (give an inner part a name with \`set\`, or move an inner block into a function), or ${raiseHint("maxNestingDepth")}`;

/** The name of an instance in a class's constructor and methods. */
export const SELF_NAME = "self";
/**
 * The hidden parameter of a class member that holds the class declaring it (what `super`
 * and private methods are relative to); the space keeps any document's name from meeting it.
 */
export const HOME_NAME = " home";

/** Where in a class the parser is (see `ParserBase.classContext`). */
export interface ClassContext {
  /** The class extends another: `super` has a parent to reach. */
  readonly extends: boolean;
  /** The member is the constructor: `super args` may run the parent's. */
  readonly isConstructor: boolean;
}

/** Which grammar a code piece uses. */
export type Dialect = "native" | "classic";

export class ParserBase {
  protected pos = 0;
  protected readonly kind: Uint8Array;
  protected readonly flags: Uint8Array;
  protected readonly tstart: Uint32Array;
  protected readonly tend: Uint32Array;
  protected readonly tid: Int32Array;
  /**
   * Nesting of code that may not run when the module runs (a block, a branch, the right
   * side of `and`/`or`, a lambda's body): imports inside are not checked by `check()`.
   * Raised and lowered around each such part; a recovery point restores it.
   */
  protected conditional = 0;
  /** Nesting of function bodies, to reject `return` outside one. */
  protected functionDepth = 0;
  /** Whether the innermost function being parsed is a `function*`, where `yield` is a statement. */
  protected inGenerator = false;
  /**
   * Inside a constructor or method of a class (and what it nests): whether the class
   * extends another and whether the member is the constructor, for `super`; null
   * elsewhere. `self` and `super` mean something only here (see `classes.ts`).
   */
  protected classContext: ClassContext | null = null;

  constructor(
    protected readonly unit: ParseUnit,
    protected readonly t: TokenBuffer,
    protected readonly dialect: Dialect,
    /** Where this parser's tokens start in `t` (pieces of a document share a buffer); they end at an EOF. */
    protected readonly first = 0,
  ) {
    this.pos = first;
    this.kind = t.kind;
    this.flags = t.flags;
    this.tstart = t.start;
    this.tend = t.end;
    this.tid = t.id;
  }

  // ── token helpers ──────────────────────────────────────────────────────────

  protected peek(offset = 0): number {
    return this.kind[this.pos + offset] as number;
  }
  protected isWord(word: number, offset = 0): boolean {
    return this.kind[this.pos + offset] === T.Ident && this.tid[this.pos + offset] === word;
  }
  protected advance(): number {
    this.unit.clock.tick(this.tstart[this.pos] as number);
    return this.pos++;
  }
  /**
   * The optional `end` line that may close a block (`if …`, its indented lines, `end`), as
   * the C tool's documents wrote it. (A line break always comes before the end of the code
   * and a block's end, so `end` alone on its line is followed by one.)
   */
  protected optionalEndLine(): void {
    if (this.isWord(K.end) && this.peek(1) === T.Newline) {
      this.advance();
      this.advance();
    }
  }
  protected spaceBefore(offset = 0): boolean {
    return ((this.flags[this.pos + offset] as number) & SPACE_BEFORE) !== 0;
  }
  protected startOf(i = this.pos): number {
    return this.tstart[i] as number;
  }
  protected endOf(i: number): number {
    return this.tend[i] as number;
  }
  protected prevEnd(): number {
    return this.pos > this.first ? (this.tend[this.pos - 1] as number) : this.startOf();
  }
  protected keyOf(i: number): NameKey {
    return keyAt(this.unit, this.t, i);
  }
  protected isKeyword(i = this.pos): boolean {
    const id = this.tid[i] as number;
    return this.kind[i] === T.Ident && id >= 0 && id < KEYWORD_COUNT;
  }

  protected describe(i = this.pos): string {
    const k = this.kind[i] as number;
    if (k === T.Ident) {
      const text = this.unit.source.slice(this.startOf(i), this.endOf(i));
      return this.isKeyword(i) ? `the keyword '${text}'` : `the name '${text}'`;
    }
    if (k === T.Number || k === T.String)
      return `${TOKEN_NAMES[k]} ${shorten(this.unit.source, this.startOf(i), this.endOf(i))}`;
    return TOKEN_NAMES[k] ?? "a token";
  }

  /**
   * Reports `message` (with `hint`) at token `at` and bails out of the parse. When the code
   * ran out inside a bracket, the report is that bracket instead, with `closeHint` when the
   * caller knows where the closer goes (a parameter list's: before the body), else "close it
   * with …": the caller's `hint` is about what it expected, which is beside the point there.
   */
  protected fail(message: string, hint?: string, at = this.pos, closeHint?: string): never {
    const open = this.leftOpenAt(at);
    if (open !== -1) {
      // The code ran out inside a bracket (its line breaks are spaces, so nothing ended it
      // sooner): whatever was expected at the end, the mistake is the bracket never closed.
      const start = this.startOf(open);
      addProblem(this.unit, {
        start,
        end: start + 1,
        message: `this ${TOKEN_NAMES[this.kind[open] as number]} is never closed`,
        hint: closeHint ?? `close it with ${CLOSERS[this.kind[open] as number]}`,
      });
    } else if (this.kind[at] !== T.Error) {
      // (An unexpected character was reported by the lexer; saying again that it was
      // unexpected here would only echo it.)
      const start = this.startOf(at);
      const end = Math.max(this.endOf(at), start + 1);
      addProblem(this.unit, hint === undefined ? { start, end, message } : { start, end, message, hint });
    }
    throw BAIL;
  }

  /**
   * When token `at` is the end of the code (its EOF, or the line break and block ends just
   * before it) and the code leaves a bracket open: that bracket's token; else -1.
   */
  private leftOpenAt(at: number): number {
    const kind = this.kind;
    let i = at;
    while (kind[i] === T.Newline || kind[i] === T.Dedent) i++;
    return kind[i] === T.EOF ? (this.tid[i] as number) : -1;
  }

  // ── nesting ────────────────────────────────────────────────────────────────

  /**
   * One level deeper: every recursion of the parser passes through here (an expression,
   * a statement, an `elif`, a prefix `-` or `not`), so the parser's own stack is bounded
   * by the nesting limit, and a too-deep level is reported at the token that opens it.
   * {@link leave} on the way back; a recovery point restores the depth it saved.
   */
  protected enter(): void {
    const depth = ++this.unit.depth;
    if (depth > this.unit.deepest) this.unit.deepest = depth;
    if (depth > this.unit.maxDepth) this.tooDeep(this.pos);
  }
  protected leave(): void {
    this.unit.depth--;
  }

  /** A chain (`a + b + …`, `a.b.c`) makes a tree one level deeper per link. */
  protected chainLink(links: number, at: number): void {
    this.unit.links++;
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
    let eof = this.pos;
    while (eof < this.t.length - 1 && this.kind[eof] !== T.EOF) eof++;
    const start = this.startOf(Math.min(this.pos, eof));
    addProblem(this.unit, {
      start,
      end: start + 1,
      message: `code nested too deep: the JavaScript stack ran out at ${reached} levels, before maxNestingDepth (${this.unit.maxDepth})`,
      hint: "nest less, or render with the xmd command, whose render threads have a larger stack",
      code: "limit",
    });
    this.unit.aborted = true;
    this.pos = eof; // the EOF token: what is left of the piece is not read
  }

  // ── nodes ──────────────────────────────────────────────────────────────────

  protected expect(kind: number, what: string): number {
    if (this.peek() !== kind) this.fail(`expected ${what} but found ${this.describe()}`);
    return this.advance();
  }
  protected expectWord(word: number, what: string): number {
    if (!this.isWord(word)) this.fail(`expected ${what} but found ${this.describe()}`);
    return this.advance();
  }
  protected node(kind: number, start: number, end = this.prevEnd()): NodeId {
    return this.unit.nodes.create(kind, start, end);
  }

  /** The source text of token `i`. */
  protected textAt(i: number): string {
    return this.unit.source.slice(this.startOf(i), this.endOf(i));
  }

  protected nameNode(tok: number): NodeId {
    const n = this.unit.nodes.create(N.Name, this.startOf(tok), this.endOf(tok));
    this.unit.nodes.setName(n, this.keyOf(tok));
    if (this.dialect === "classic") this.unit.lenientNames?.add(n);
    return n;
  }

  /**
   * A Name node the source does not spell: a class member's hidden parameters (see
   * `HOME_NAME`), located at `start`..`end` for errors.
   */
  protected hiddenName(text: string, start: number, end: number): NodeId {
    const n = this.unit.nodes.create(N.Name, start, end);
    this.unit.nodes.setName(n, this.unit.names.keyOfText(text));
    return n;
  }

  /**
   * In a class's members, `self.name`'s hidden Name of the class whose member it is (its
   * private methods may be called through `self`); NONE for any other receiver.
   */
  protected selfHome(receiver: NodeId): NodeId {
    const nodes = this.unit.nodes;
    if (this.classContext === null || nodes.kind(receiver) !== N.Name) return NONE;
    if (nodes.name(receiver) !== this.unit.names.keyOfText(SELF_NAME)) return NONE;
    return this.hiddenName(HOME_NAME, nodes.start(receiver), nodes.end(receiver));
  }

  /** Whether token `i` is the name `word` (a contextual word with no fixed id, such as `class`). */
  protected isText(word: string, i = this.pos): boolean {
    return (
      this.kind[i] === T.Ident &&
      (this.tend[i] as number) - (this.tstart[i] as number) === word.length &&
      this.unit.source.startsWith(word, this.tstart[i] as number)
    );
  }

  /** Keeps an import for `check()` when it runs whenever the module runs. */
  protected noteImport(n: NodeId): void {
    if (this.conditional === 0 && this.unit.openSpans === 0) this.unit.imports.push(n);
  }

  // ── what the next tokens start ─────────────────────────────────────────────

  protected startsExpression(): boolean {
    const k = this.peek();
    return (
      k !== T.Newline && k !== T.EOF && k !== T.Dedent && k !== T.RParen && k !== T.RBracket && k !== T.RBrace
    );
  }

  /** Can the token at `i` begin an argument of a call written without parentheses? */
  protected startsArgument(i: number): boolean {
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
          return (
            id === K.true ||
            id === K.false ||
            id === K.null ||
            id === K.not ||
            id === K.import ||
            // `set("name", value)`, the C tool's set as an expression (ExpressionParser.setCall).
            (id === K.set &&
              this.kind[i + 1] === T.LParen &&
              ((this.flags[i + 1] as number) & SPACE_BEFORE) === 0) ||
            // `end` names a variable in classic directives (see ExpressionParser.namePrimary).
            (id === K.end && this.dialect === "classic")
          );
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

  protected startsArgumentAfterComma(): boolean {
    const k = this.kind[this.pos + 1];
    return (
      k !== T.Newline && k !== T.EOF && k !== T.Dedent && k !== T.RParen && k !== T.RBracket && k !== T.RBrace
    );
  }

  protected isBuiltinCallee(i: number): boolean {
    const id = this.tid[i] as number;
    return id === C.print || id === C.exists || id === C.exec || id === C.cmd || id === C.get || id === C.put;
  }

  /** Builtin global functions take bare arguments like declared functions. */
  protected isGlobalBuiltin(tok: number): boolean {
    return BUILTIN_CALLEES.has(this.unit.source.slice(this.startOf(tok), this.endOf(tok)));
  }
}

/** source[start, end) for a message, cut short with an ellipsis when long (a 10 MB literal). */
function shorten(source: string, start: number, end: number): string {
  return end - start <= 40 ? source.slice(start, end) : `${source.slice(start, start + 37)}…`;
}
