/**
 * Directives that span markdown: `<!-- xmd:if … -->` … `<!-- xmd:endif -->`, and `for`,
 * `while`, `loop … times` the same way. The markdown between an opening directive and its
 * closing one becomes the body of the statement, so a page repeats or hides a stretch of
 * itself. The classic dialect writes them with a colon; the C tool's later documents
 * write them without (`<!-- xmd for i in 1..3 -->` … `<!-- xmd endfor -->`), and a native
 * comment that is such a header alone on its line, with no block of its own, is one too.
 * The classic dialect also spans a function (`<!-- xmd:function greet(name) -->` …
 * `<!-- xmd:return … -->` … `<!-- xmd:endfunction -->`), as the C tool's tests write one.
 * A native comment that only imports a markdown part inserts it, as the colon form does.
 * @module
 */
import type { CodePiece } from "../markdown/pieces.js";
import { hoistedFunctions } from "../syntax/hoisted.js";
import { K } from "../syntax/keywords.js";
import { ForNode, FunctionNode, IfNode, ListNode, LoopNode, WhileNode } from "../syntax/node-fields.js";
import { N, NONE, type NodeId } from "../syntax/nodes.js";
import { type Dialect, StatementParser } from "../syntax/parser/index.js";
import { T, type TokenBuffer } from "../syntax/tokens.js";
import { addProblem, type FunctionInfo, type ParseUnit } from "../syntax/unit.js";

/** Appends statements to a Block, keeping its last child for O(1) appends. */
export class BlockBuilder {
  private last = NONE;
  constructor(
    private readonly unit: ParseUnit,
    readonly block: NodeId,
  ) {}
  append(n: NodeId): void {
    const nodes = this.unit.nodes;
    if (this.last === NONE) ListNode.setFirst(nodes, this.block, n);
    else nodes.setNext(this.last, n);
    this.last = n;
    while (nodes.next(this.last) !== NONE) this.last = nodes.next(this.last);
  }
}

/** What a spanning directive opens, and the word that closes it (besides `end`). */
export type SpanKind = "if" | "for" | "while" | "loop" | "function";

/** An open spanning directive waiting for its `endif` / `endfor` / `endwhile` / `endloop` / `end`. */
export interface OpenDirective {
  kind: SpanKind;
  /** The directive's piece, for "never closed" errors. */
  start: number;
  end: number;
  /** The If node whose else branch an `elif`/`else` fills. */
  chain: NodeId;
  hasElse: boolean;
  outer: BlockBuilder;
  /** How it was written, for messages: `xmd:` (classic) or `xmd ` (without the colon). */
  prefix: string;
}

/** The closing words that are not keywords: `endwhile`, `endloop`, `endfunction`. */
const CLOSERS: Readonly<Record<string, SpanKind>> = {
  endwhile: "while",
  endloop: "loop",
  endfunction: "function",
};

/**
 * Whether a native comment is a spanning directive written without the colon: a header
 * alone on its line (`for …`, `if …` without `then`, `elif …`, `while …`, `loop … times`)
 * with no block of its own, or a lone `else` / `endif` / `endfor` / `endwhile` / `endloop`
 * / `end`. Anything else in a comment stays native code.
 */
export function isBareDirective(unit: ParseUnit, t: TokenBuffer, first: number): boolean {
  if (t.kind[first] !== T.Ident) return false;
  let last = first;
  for (let i = first; t.kind[i] !== T.EOF; i++) {
    unit.clock.tick(t.start[i] as number);
    const k = t.kind[i];
    if (k === T.Indent) return false;
    if (k === T.Newline) {
      if (t.kind[i + 1] !== T.EOF && t.kind[i + 1] !== T.Dedent) return false;
      break;
    }
    if (k === T.Ident && t.id[i] === K.then) return false;
    last = i;
  }
  const lone = last === first;
  switch (t.id[first]) {
    case K.if:
    case K.elif:
    case K.for:
    case K.while:
    case K.loop:
      return !lone;
    case K.else:
    case K.endif:
    case K.endfor:
    case K.end:
      return lone;
    default:
      return lone && wordAt(unit, t, first) in CLOSERS;
  }
}

function wordAt(unit: ParseUnit, t: TokenBuffer, i: number): string {
  return unit.source.slice(t.start[i] as number, t.end[i] as number);
}

/**
 * Handles a spanning directive. Returns the builder that following pieces go into, or
 * undefined when the piece is not one (a script block, `set`, `exec`, `import` …).
 */
export function directive(
  unit: ParseUnit,
  t: TokenBuffer,
  first: number,
  piece: CodePiece,
  open: OpenDirective[],
  current: BlockBuilder,
  dialect: Dialect,
): BlockBuilder | undefined {
  if (t.kind[first] !== T.Ident) return undefined;
  // A script block spans several statements; a directive is one line.
  let lines = 0;
  for (let i = first; t.kind[i] !== T.EOF; i++) {
    unit.clock.tick(piece.start);
    if (t.kind[i] === T.Newline && ++lines > 1) return undefined;
    if (t.kind[i] === T.Indent) return undefined;
  }
  const nodes = unit.nodes;
  const word = t.id[first];
  const top = open[open.length - 1];
  const prefix = dialect === "classic" ? "xmd:" : "xmd ";
  const problem = (message: string, hint?: string) => {
    addProblem(
      unit,
      hint === undefined
        ? { start: piece.start, end: piece.end, message }
        : { start: piece.start, end: piece.end, message, hint },
    );
    return current;
  };
  const parser = () => new StatementParser(unit, t, dialect, first);
  const opens = (kind: SpanKind, n: NodeId, body: NodeId): BlockBuilder => {
    current.append(n);
    open.push({ kind, start: piece.start, end: piece.end, chain: n, hasElse: false, outer: current, prefix });
    return new BlockBuilder(unit, body);
  };
  const closes = (kind: SpanKind | null, written: string): BlockBuilder => {
    if (top === undefined || (kind !== null && top.kind !== kind)) {
      const what = kind ?? "if, for, while or loop";
      return problem(`<!-- ${prefix}${written} --> without an open <!-- ${prefix}${what} -->`);
    }
    open.pop();
    if (top.kind === "function") {
      // The span's pieces came after its header: their functions are hoisted in it now.
      const info = unit.functions[FunctionNode.info(nodes, top.chain)] as FunctionInfo;
      hoistedFunctions(nodes, ListNode.first(nodes, info.body), info.decls);
    }
    return top.outer;
  };
  switch (word) {
    case K.if: {
      const n = nodes.create(N.If, piece.start, piece.end);
      IfNode.setCond(nodes, n, parser().parseDirectiveCondition());
      const body = nodes.create(N.Block, piece.end, piece.end);
      IfNode.setThenBlock(nodes, n, body);
      return opens("if", n, body);
    }
    case K.elif:
    case K.else: {
      const written = word === K.elif ? "elif" : "else";
      if (top === undefined || top.kind !== "if")
        return problem(`<!-- ${prefix}${written} --> without an open <!-- ${prefix}if -->`);
      if (top.hasElse)
        return problem(
          `this branch comes after <!-- ${prefix}else -->`,
          "the else branch must be the last one",
        );
      if (word === K.elif) {
        const n = nodes.create(N.If, piece.start, piece.end);
        IfNode.setCond(nodes, n, parser().parseDirectiveCondition());
        const body = nodes.create(N.Block, piece.end, piece.end);
        IfNode.setThenBlock(nodes, n, body);
        IfNode.setOtherwise(nodes, top.chain, n);
        top.chain = n;
        return new BlockBuilder(unit, body);
      }
      if (t.kind[first + 1] !== T.Newline && t.kind[first + 1] !== T.EOF) return undefined;
      const body = nodes.create(N.Block, piece.end, piece.end);
      IfNode.setOtherwise(nodes, top.chain, body);
      top.hasElse = true;
      return new BlockBuilder(unit, body);
    }
    case K.endif:
      return closes("if", "endif");
    case K.endfor:
      return closes("for", "endfor");
    case K.end:
      if (t.kind[first + 1] !== T.Newline && t.kind[first + 1] !== T.EOF) return undefined;
      return closes(null, "end");
    case K.for: {
      const n = parser().parseDirectiveFor();
      if (n === NONE) return current;
      const body = nodes.create(N.Block, piece.end, piece.end);
      ForNode.setBody(nodes, n, body);
      return opens("for", n, body);
    }
    case K.while: {
      const n = nodes.create(N.While, piece.start, piece.end);
      WhileNode.setCond(nodes, n, parser().parseDirectiveCondition());
      const body = nodes.create(N.Block, piece.end, piece.end);
      WhileNode.setBody(nodes, n, body);
      return opens("while", n, body);
    }
    case K.function: {
      // Only the classic one-line header spans; `function f(x)` with a body is native code.
      if (dialect !== "classic") return undefined;
      const n = parser().parseDirectiveFunction();
      if (n === NONE) return current;
      const info = unit.functions[FunctionNode.info(nodes, n)];
      if (info === undefined) return current;
      return opens("function", n, info.body);
    }
    case K.loop: {
      const n = nodes.create(N.Loop, piece.start, piece.end);
      LoopNode.setCount(nodes, n, parser().parseDirectiveLoopCount());
      const body = nodes.create(N.Block, piece.end, piece.end);
      LoopNode.setBody(nodes, n, body);
      return opens("loop", n, body);
    }
    default: {
      const closer = CLOSERS[wordAt(unit, t, first)];
      if (closer === undefined || (t.kind[first + 1] !== T.Newline && t.kind[first + 1] !== T.EOF))
        return undefined;
      return closes(closer, wordAt(unit, t, first));
    }
  }
}

/**
 * Whether a piece is one line `import PATH` whose path names a markdown file
 * (`import part.md`, `import "parts/a.md"`), with no names taken from it.
 */
export function importsMarkdownPart(unit: ParseUnit, t: TokenBuffer, first: number): boolean {
  if (t.kind[first] !== T.Ident || t.id[first] !== K.import) return false;
  let i = first + 1;
  for (; t.kind[i] !== T.Newline && t.kind[i] !== T.EOF; i++) {
    if (t.kind[i] === T.Ident && unit.source.slice(t.start[i] as number, t.end[i] as number) === "from")
      return false;
  }
  if (t.kind[i] === T.Newline && t.kind[i + 1] !== T.EOF) return false;
  const path = unit.source.slice(t.start[first + 1] as number, t.end[i - 1] as number).replace(/["'`]/g, "");
  return /\.md$/i.test(path.trim());
}
