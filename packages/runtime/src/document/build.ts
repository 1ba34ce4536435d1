/**
 * From a document's text to one program. The markdown text and `{{ … }}` between two code
 * pieces become one TextRun (see `text-runs.ts`), code pieces Piece blocks, and classic
 * `<!-- xmd:if -->` / `<!-- xmd:for -->` directives become If / For nodes whose bodies are
 * the markdown between them. All pieces are lexed first so that callee names (functions
 * are hoisted) are known before any piece is parsed.
 *
 * Reading is linear in the text and bounded in depth: the finished tree is checked to
 * nest at most `maxNestingDepth` levels (see {@link checkDepth}), so the resolver and the
 * evaluator, which recurse over it, never meet a tree deeper than that.
 * @module
 */

import { PieceBuffer, PieceKind } from "../markdown/piece-buffer.js";
import type { CodePiece } from "../markdown/pieces.js";
import { splitMarkdownInto, splitXmdFileInto } from "../markdown/split.js";
import { hoistedFunctions } from "../syntax/hoisted.js";
import { FunctionNode, ImportNode, ListNode, PieceNode } from "../syntax/node-fields.js";
import { ImportForm, N, NONE, type NodeId, Placement } from "../syntax/nodes.js";
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
import { addProblem, type FunctionInfo, type ParseUnit, problemSink } from "../syntax/unit.js";
import {
  BlockBuilder,
  directive,
  importsMarkdownPart,
  isBareDirective,
  type OpenDirective,
} from "./directives.js";
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

/**
 * The program of a document: its pieces as a tree of statements. Text before `skip` (front
 * matter being stripped) is left out, with any `{{ }}` or code in it.
 */
export function buildProgram(unit: ParseUnit, lang: "md" | "xmd", skip = 0): Program {
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
      // `@import(path)` holds a path, not code: it is never lexed.
      firstToken.push(
        piece.origin === "at-import" ? -1 : lexAppendInto(unit, tokens, piece.codeStart, piece.codeEnd),
      );
    }
    prescanCallees(unit, tokens);
    let code = 0;

    const root = nodes.create(N.Block, 0, source.length);
    let current = new BlockBuilder(unit, root);
    const open: OpenDirective[] = [];
    let deepestSpans = 0;
    // Blocks on lines of their own between blank lines (see PieceNode.blankAfter): where
    // the run of adjacent blocks ends, whether it started after a blank line, and where
    // the text after a block starts when the block owns the blank line below it.
    let chainEnd = -1;
    let chainAfterBlank = false;
    let textFrom = skip;

    const runs = new TextRunMaker(unit, pieces);
    for (let at = 0; at < pieces.size; at = pieces.next(at)) {
      if (pieces.kind(at) !== PieceKind.Code) {
        // Static text is its source range, copied as bytes when it runs: never cut out as
        // a string, never interned. The text and `{{ }}` up to the next code are one run.
        at = runs.read(at, textFrom, skip);
        if (runs.made !== NONE) {
          current.append(runs.made);
          chainEnd = -1;
        }
        if (at >= pieces.size) break;
      }
      switch (pieces.kind(at)) {
        case PieceKind.Code: {
          const piece = pieces.codeAt(at);
          const first = firstToken[code++] as number;
          if (piece.start < skip) break;
          const spans =
            piece.dialect === "classic" ||
            (piece.origin === "comment" && isBareDirective(unit, tokens, first));
          if (spans) {
            const handled = directive(unit, tokens, first, piece, open, current, piece.dialect as Dialect);
            if (handled !== undefined) {
              chainEnd = -1;
              current = handled;
              if (open.length > deepestSpans) deepestSpans = open.length;
              break;
            }
          }
          unit.openSpans = open.length;
          unit.inFunctionSpan = open.some((o) => o.kind === "function");
          // `<!-- xmd import part.md -->` inserts the part, as the colon form does: a
          // markdown part imported as a module would print nothing here.
          const dialect =
            piece.dialect === "native" &&
            piece.origin === "comment" &&
            importsMarkdownPart(unit, tokens, first)
              ? "classic"
              : (piece.dialect as Dialect);
          const block =
            piece.origin === "at-import"
              ? atImport(unit, piece)
              : new StatementParser(unit, tokens, dialect, first).parseProgram();
          if (piece.placement === "block") markLineImport(unit, block);
          const p = nodes.create(N.Piece, piece.start, piece.end);
          PieceNode.setBlock(nodes, p, block);
          PieceNode.setPlacement(nodes, p, piece.placement === "inline" ? Placement.Inline : Placement.Block);
          if (piece.placement === "block") {
            if (piece.start !== chainEnd) {
              chainAfterBlank = piece.start === 0 || blankLineBefore(source, piece.start);
              PieceNode.setChainStart(nodes, p, true);
            }
            chainEnd = piece.end;
            const blank = chainAfterBlank ? lineBreakAt(source, piece.end) : 0;
            PieceNode.setBlankAfter(nodes, p, blank);
            textFrom = piece.end + blank;
          } else chainEnd = -1;
          current.append(p);
          break;
        }
      }
    }
    for (const o of open) {
      addProblem(unit, {
        start: o.start,
        end: o.end,
        message: `this <!-- ${o.prefix}${o.kind} --> is never closed`,
        hint: `close it with <!-- ${o.prefix}end${o.kind} -->`,
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
    unit.openSpans = 0;
    unit.inFunctionSpan = false;
    // Walks the top level's pieces, text runs and classic spans: one node per piece or run.
    const hoisted = hoistedFunctions(nodes, ListNode.first(nodes, root));
    return { root, hoisted, pieces, runs: runs.runs };
  } finally {
    giveTokenBuffer(tokens);
  }
}

/**
 * The block of the C tool's `@import(path)`: a classic in-place import of the path, as
 * written between the parentheses (without quotes).
 */
function atImport(unit: ParseUnit, piece: CodePiece): NodeId {
  const nodes = unit.nodes;
  const block = nodes.create(N.Block, piece.start, piece.end);
  const path = nodes.create(N.Str, piece.codeStart, piece.codeEnd);
  nodes.setStr(path, unit.source.slice(piece.codeStart, piece.codeEnd).trim());
  const n = nodes.create(N.Import, piece.start, piece.end);
  ImportNode.setForm(nodes, n, ImportForm.InPlace);
  ImportNode.setFromRootToo(nodes, n, true);
  ImportNode.setPath(nodes, n, path);
  ListNode.setFirst(nodes, block, n);
  if (unit.openSpans === 0) unit.imports.push(n);
  return block;
}

/**
 * A block piece that only imports a part in place ends its line: the part's output gets a
 * line break when it has none of its own (see `ImportNode.endsLine`), as the C tool's did.
 */
function markLineImport(unit: ParseUnit, block: NodeId): void {
  const nodes = unit.nodes;
  const first = ListNode.first(nodes, block);
  if (
    first !== NONE &&
    nodes.next(first) === NONE &&
    nodes.kind(first) === N.Import &&
    ImportNode.form(nodes, first) === ImportForm.InPlace
  )
    ImportNode.setEndsLine(nodes, first, true);
}

/** Whether the line before `at` (a line start) is empty: `at` follows two line breaks. */
function blankLineBefore(source: string, at: number): boolean {
  let i = at;
  if (source.charCodeAt(i - 1) !== 10) return false;
  i--;
  if (source.charCodeAt(i - 1) === 13) i--;
  return i === 0 || source.charCodeAt(i - 1) === 10;
}

/** The length of the line break at `at` (an empty line), or 0. */
function lineBreakAt(source: string, at: number): number {
  const c = source.charCodeAt(at);
  if (c === 10) return 1;
  return c === 13 && source.charCodeAt(at + 1) === 10 ? 2 : 0;
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
    if (kind === N.FunctionDecl || kind === N.Lambda || kind === N.Method) {
      // Every function of a tree without problems has its record.
      const info = unit.functions[FunctionNode.info(nodes, n)] as FunctionInfo;
      stack.push(info.body, depth + 1);
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
