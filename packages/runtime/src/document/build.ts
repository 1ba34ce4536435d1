/**
 * From a document's text to one program. The markdown text and `{{ … }}` between two code
 * pieces become one TextRun (see `text-runs.ts`), code pieces Piece blocks, and classic
 * `<!-- xmd:if -->` / `<!-- xmd:for -->` directives become If / For nodes whose bodies are
 * the markdown between them. All pieces are lexed first so that callee names (functions are hoisted)
 * are known before any piece is parsed.
 *
 * Reading is linear in the text and bounded in depth: the finished tree is checked to
 * nest at most `maxNestingDepth` levels (see {@link checkDepth}), so the resolver and the
 * evaluator, which recurse over it, never meet a tree deeper than that.
 * @module
 */

import { PieceBuffer, PieceKind } from "../markdown/piece-buffer.js";
import type { CodePiece } from "../markdown/pieces.js";
import { splitMarkdownInto, splitXmdFileInto } from "../markdown/split.js";
import { K } from "../syntax/keywords.js";
import { ExportNode, ForNode, FunctionNode, IfNode, ListNode, PieceNode } from "../syntax/node-fields.js";
import { N, NONE, type NodeId, Placement } from "../syntax/nodes.js";
import {
  type Dialect,
  giveTokenBuffer,
  lexAppendInto,
  NESTING_HINT,
  nestingMessage,
  prescanCallees,
  StatementParser,
  takeTokenBuffer,
} from "../syntax/parser/index.js";
import { T, type TokenBuffer } from "../syntax/tokens.js";
import { addProblem, type ParseUnit, problemSink } from "../syntax/unit.js";
import { TextRunMaker } from "./text-runs.js";

/** A parsed document or module. */
export interface Program {
  /** The top-level Block. */
  root: NodeId;
  /** Module-level function declarations, bound before the first line runs. */
  hoisted: NodeId[];
  /** The document's pieces, whose records its TextRun nodes read (see `text-runs.ts`). */
  pieces: PieceBuffer;
  /** Where each TextRun's records start and end in {@link pieces}: two numbers per run, by the run's index. */
  runs: readonly number[];
}

/**
 * Levels a tree may have beyond what the parser counts (`unit.deepest`): the piece and
 * block around a piece's code, and nodes a statement or expression holds without a level
 * of the parser's own (an `exec`'s command, a data access's path, a set target's name).
 */
const DEPTH_SLACK = 8;

/** Appends statements to a Block, keeping its last child for O(1) appends. */
class BlockBuilder {
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

/** An open classic `if` or `for` waiting for its `endif` / `endfor`. */
interface OpenDirective {
  kind: "if" | "for";
  /** The directive's piece, for "never closed" errors. */
  start: number;
  end: number;
  /** The If node whose else branch an `elif`/`else` fills. */
  chain: NodeId;
  hasElse: boolean;
  outer: BlockBuilder;
}

export function buildProgram(unit: ParseUnit, lang: "md" | "xmd"): Program {
  const source = unit.source;
  const options = { clock: unit.clock, scanner: unit.scanner };
  const sink = problemSink(unit);
  // Room for a record per 4 characters: a page of text and `{{ }}` never grows it, and
  // the room a code-only file does not use is never touched (so never resident).
  const pieces = new PieceBuffer((source.length >> 2) + 16);
  if (lang === "md") splitMarkdownInto(pieces, source, sink, options);
  else splitXmdFileInto(pieces, source, sink, options);
  const nodes = unit.nodes;
  // The tree's size, now that the pieces are known: a node per run of text (at most one
  // per code piece, and one more), a Name per distinct `{{ name }}` of a run (counted as
  // if there were few: a long page repeats its names), one node per three characters of
  // a longer expression, and about one per four characters of code.
  let codeChars = 0;
  for (const piece of pieces.codes) codeChars += piece.codeEnd - piece.codeStart;
  const longer = Math.max(0, pieces.exprChars - 6 * pieces.interps);
  nodes.reserve(
    pieces.codes.length + Math.min(pieces.interps, 1024) + ((longer / 3) | 0) + (codeChars >> 2) + 16,
  );
  const nodesBefore = nodes.counts.nodes;

  // Lex every code piece first, so that prescanning sees every function declaration.
  // The pieces share one buffer, each piece's tokens ending with an EOF of their own.
  const tokens = takeTokenBuffer(source.length);
  const firstToken: number[] = [];
  try {
    for (const piece of pieces.codes) {
      firstToken.push(lexAppendInto(unit, tokens, piece.codeStart, piece.codeEnd));
    }
    prescanCallees(unit, tokens);
    let code = 0;

    const root = nodes.create(N.Block, 0, source.length);
    let current = new BlockBuilder(unit, root);
    /** Code pieces at the top level: where module-level functions are declared. */
    const topPieces: NodeId[] = [];
    const open: OpenDirective[] = [];
    let deepestSpans = 0;

    const runs = new TextRunMaker(unit, pieces);
    for (let at = 0; at < pieces.size; at = pieces.next(at)) {
      if (pieces.kind(at) !== PieceKind.Code) {
        // Static text is its source range, copied as bytes when it runs: never cut out as
        // a string, never interned. The text and `{{ }}` up to the next code are one run.
        at = runs.read(at);
        if (runs.made !== NONE) current.append(runs.made);
        if (at >= pieces.size) break;
      }
      const piece = pieces.codeAt(at);
      const first = firstToken[code++] as number;
      if (piece.dialect === "classic") {
        const handled = directive(unit, tokens, first, piece, open, current);
        if (handled !== undefined) {
          current = handled;
          if (open.length > deepestSpans) deepestSpans = open.length;
          continue;
        }
      }
      unit.openSpans = open.length;
      const block = new StatementParser(unit, tokens, piece.dialect as Dialect, first).parseProgram();
      const p = nodes.create(N.Piece, piece.start, piece.end);
      PieceNode.setBlock(nodes, p, block);
      PieceNode.setPlacement(nodes, p, piece.placement === "inline" ? Placement.Inline : Placement.Block);
      current.append(p);
      if (current.block === root) topPieces.push(p);
    }
    for (const o of open) {
      addProblem(unit, {
        start: o.start,
        end: o.end,
        message: `this <!-- xmd:${o.kind} --> is never closed`,
        hint: `close it with <!-- xmd:end${o.kind} -->`,
      });
    }
    // A tree with problems is never resolved or run; only a sound one needs the check,
    // and only one that might be too deep: one of more nodes than levels allowed, where
    // the deepest the parser went, every operator link it met (a chain puts its first
    // operand that much deeper), the classic spans nested and a few levels of fixed
    // structure (piece, statement) could add up to more than the limit.
    const made = nodes.counts.nodes - nodesBefore;
    const bound = unit.deepest + unit.links + deepestSpans + DEPTH_SLACK;
    if (
      unit.problems.length === 0 &&
      unit.moreProblems === 0 &&
      made > unit.maxDepth &&
      bound > unit.maxDepth
    )
      checkDepth(unit, root);
    return { root, hoisted: collectHoisted(unit, topPieces), pieces, runs: runs.runs };
  } finally {
    giveTokenBuffer(tokens);
  }
}

/**
 * Handles a classic structural directive (`if`, `elif`, `else`, `endif`, `for`,
 * `endfor`). Returns the builder that following pieces go into, or undefined when the
 * piece is not a structural directive (a script block, `set`, `exec`, `import` …).
 */
function directive(
  unit: ParseUnit,
  t: TokenBuffer,
  first: number,
  piece: CodePiece,
  open: OpenDirective[],
  current: BlockBuilder,
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
  const problem = (message: string, hint?: string) => {
    addProblem(
      unit,
      hint === undefined
        ? { start: piece.start, end: piece.end, message }
        : { start: piece.start, end: piece.end, message, hint },
    );
    return current;
  };
  switch (word) {
    case K.if: {
      const n = nodes.create(N.If, piece.start, piece.end);
      IfNode.setCond(nodes, n, new StatementParser(unit, t, "classic", first).parseDirectiveCondition());
      const body = nodes.create(N.Block, piece.end, piece.end);
      IfNode.setThenBlock(nodes, n, body);
      current.append(n);
      open.push({ kind: "if", start: piece.start, end: piece.end, chain: n, hasElse: false, outer: current });
      return new BlockBuilder(unit, body);
    }
    case K.elif:
    case K.else: {
      if (top === undefined || top.kind !== "if")
        return problem(`<!-- xmd:${word === K.elif ? "elif" : "else"} --> without an open <!-- xmd:if -->`);
      if (top.hasElse)
        return problem("this branch comes after <!-- xmd:else -->", "the else branch must be the last one");
      if (word === K.elif) {
        const n = nodes.create(N.If, piece.start, piece.end);
        IfNode.setCond(nodes, n, new StatementParser(unit, t, "classic", first).parseDirectiveCondition());
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
    case K.endfor: {
      const kind = word === K.endif ? "if" : "for";
      if (top === undefined || top.kind !== kind) {
        return problem(`<!-- xmd:end${kind} --> without an open <!-- xmd:${kind} -->`);
      }
      open.pop();
      return top.outer;
    }
    case K.for: {
      const n = new StatementParser(unit, t, "classic", first).parseDirectiveFor();
      if (n === NONE) return current;
      const body = nodes.create(N.Block, piece.end, piece.end);
      ForNode.setBody(nodes, n, body);
      current.append(n);
      open.push({
        kind: "for",
        start: piece.start,
        end: piece.end,
        chain: n,
        hasElse: false,
        outer: current,
      });
      return new BlockBuilder(unit, body);
    }
    default:
      return undefined;
  }
}

/**
 * Function declarations at module level: in the top-level code pieces and their exports,
 * not inside other blocks. The pieces are those the build put at the top level, so the
 * text and `{{ }}` between them (most of a large document) are not walked again.
 */
function collectHoisted(unit: ParseUnit, topPieces: readonly NodeId[]): NodeId[] {
  const nodes = unit.nodes;
  const out: NodeId[] = [];
  for (const piece of topPieces) {
    for (let s = ListNode.first(nodes, PieceNode.block(nodes, piece)); s !== NONE; s = nodes.next(s)) {
      const k = nodes.kind(s);
      if (k === N.FunctionDecl) out.push(s);
      else if (k === N.Export) {
        const declaration = ExportNode.declaration(nodes, s);
        if (declaration !== NONE && nodes.kind(declaration) === N.FunctionDecl) out.push(declaration);
      }
    }
  }
  return out;
}

/**
 * Checks that the tree under `root` nests at most `unit.maxDepth` levels, counting one
 * level per child link (a, b, c, and a function's body) and none along a list (next): the
 * depth the resolver and the evaluator recurse to. The parser bounds its own recursion
 * and reports most deep code where it opens (a bracket, a block, an operator of a long
 * chain); this walk, with a stack of its own, catches the rest, such as classic
 * `<!-- xmd:if -->` spans nested in each other or a chain inside a deep expression.
 * Reported at the first node found too deep.
 */
function checkDepth(unit: ParseUnit, root: NodeId): void {
  const nodes = unit.nodes;
  const max = unit.maxDepth;
  const clock = unit.clock;
  // Pairs of node and depth; a node's next sibling is pushed below its children, so the
  // walk goes in source order (pre-order) and reports the first node too deep.
  const stack: number[] = [root, 0];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const n = stack.pop() as number;
    clock.tick(nodes.start(n));
    if (depth > max) {
      const start = nodes.start(n);
      addProblem(unit, {
        start,
        end: Math.max(start + 1, nodes.end(n)),
        message: nestingMessage(max),
        hint: NESTING_HINT,
        code: "limit",
      });
      return;
    }
    const next = nodes.next(n);
    if (next !== NONE) stack.push(next, depth);
    const kind = nodes.kind(n);
    if (kind === N.FunctionDecl || kind === N.Lambda) {
      const info = unit.functions[FunctionNode.info(nodes, n)];
      if (info !== undefined) stack.push(info.body, depth + 1);
    }
    // Name nodes carry no links before resolving; the links of other nodes are nodes. A
    // block and an object's key are no level of their own: a nested `if` or `{a: …}` is
    // one level, as it is to the parser.
    const below = kind === N.Block || kind === N.Pair ? depth : depth + 1;
    const c = nodes.c(n);
    if (c !== NONE) stack.push(c, below);
    const b = nodes.b(n);
    if (b !== NONE) stack.push(b, below);
    const a = nodes.a(n);
    if (a !== NONE) stack.push(a, below);
  }
}
