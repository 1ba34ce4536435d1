/**
 * What the parser builds into: one source file's nodes, functions and errors.
 * @module
 */
import { ReadClock } from "./clock.js";
import { TextScanner } from "./interpolation.js";
import { LineMap } from "./location.js";
import type { NameKey, NameTable } from "./names.js";
import type { NodeId, NodeStore } from "./nodes.js";
import { SourceBytes } from "./source-bytes.js";

/** A function or lambda: its parameters and body, and what the resolver learns about its frame. */
export interface FunctionInfo {
  /** Its place in the unit's `functions`. */
  index: number;
  name: string;
  /** Name nodes of the parameters, in order. */
  params: NodeId[];
  /** A Block for functions; an expression for lambdas with an expression body. */
  body: NodeId;
  exprBody: boolean;
  /** The FunctionDecl or Lambda node. */
  node: NodeId;
  /** Slots in the frame (parameters first). Set by the resolver. */
  frameSize: number;
  /**
   * Each name of the frame with its slot (parameters first). Set by the resolver (its
   * scope's own map, not a copy); read on an error's cold path, to say whose a name the top
   * level cannot see is.
   */
  locals: ReadonlyMap<NameKey, number>;
  /** For each captured variable: where the creating frame keeps its cell (local slot, or its own capture index). */
  captures: { fromLocal: boolean; index: number }[];
  /** Local slots (parameters included) that other functions capture, so they live in cells (in no particular order: each is made a cell on its own). */
  cellSlots: number[];
  /** FunctionDecl statements in the body and its blocks, bound (hoisted) when a call starts (see `hoisted.ts`). */
  decls: NodeId[];
  /** A `function*`: calling it makes a generator that runs the body as values are asked for. */
  generator: boolean;
}

/** A syntax error (or a nesting limit reached) before it becomes an XmdError. */
export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
  hint?: string;
  /**
   * `limit` for code nested deeper than the nesting limit, `data` for front matter that is
   * not valid YAML; a syntax error otherwise.
   */
  code?: "limit" | "data";
}

/**
 * Problems kept per file. Error recovery goes on to the end (so later problems are
 * counted), but a document of a hundred thousand broken lines reports the first ones and
 * how many more there were, not a hundred thousand errors.
 */
export const MAX_PROBLEMS = 100;

/** The default nesting limit (`maxNestingDepth`), for units made without one. */
export const DEFAULT_MAX_NESTING = 1000;

/** One source file being parsed. */
export interface ParseUnit {
  readonly source: string;
  /** The source's UTF-8 bytes, which static text is copied from (see `OutputSink.bytes`). */
  readonly bytes: SourceBytes;
  readonly file: string;
  readonly lines: LineMap;
  readonly nodes: NodeStore;
  readonly names: NameTable;
  readonly functions: FunctionInfo[];
  /** Names that take arguments without parentheses. */
  readonly callees: Set<NameKey>;
  /**
   * Names read in classic directives, where (as in the C tool) a name that was never set
   * reads as null instead of failing; null when the run is strict (`--strict`).
   */
  readonly lenientNames: Set<NodeId> | null;
  /** The first {@link MAX_PROBLEMS} problems; add them with {@link addProblem}. */
  readonly problems: SyntaxProblem[];
  /** Problems found beyond {@link MAX_PROBLEMS}, counted but not kept. */
  moreProblems: number;
  /** Where the first of those starts (-1: none). */
  moreAt: number;
  /** Set when the JavaScript stack ran out while parsing: the problem is recorded, later ones are not. */
  aborted: boolean;
  /**
   * Import and ImportExpr nodes that run whenever the module runs (not inside a block, a
   * branch, a lambda or a classic if/for span), in source order: what a check that does
   * not run the code can hold the document to.
   */
  readonly imports: NodeId[];
  /**
   * The names the C tool's `set("name", value)` sets, wherever it stands (it is an
   * expression, which the resolver's declaring pass does not look into): each is a
   * document-level variable unless a function's own name of that name is in reach.
   */
  readonly setCallNames: NameKey[];
  /** Classic if/for spans open around the code being parsed (set by the document builder). */
  openSpans: number;
  /** Whether a classic `<!-- xmd:function -->` span is among them: `return` may stand in its pieces. */
  inFunctionSpan: boolean;
  /** Ticked by every loop that reads the source; enforces the time limit. */
  readonly clock: ReadClock;
  /** Where interpolations and templates end, shared by the splitter, lexer and parser. */
  readonly scanner: TextScanner;
  /** How deep the parser is now (see `ParserBase.enter`); and the most it may go. */
  depth: number;
  readonly maxDepth: number;
  /** The deepest the parser went, and the operator links it met: what bounds the tree's depth. */
  deepest: number;
  links: number;
}

/** What a new unit needs beyond its text. */
export interface UnitOptions {
  file: string;
  nodes: NodeStore;
  names: NameTable;
  /** The nesting limit; default {@link DEFAULT_MAX_NESTING}. */
  maxDepth?: number;
  clock?: ReadClock;
  /** The source's UTF-8 bytes when they are at hand (a document read as bytes); else encoded on first use. */
  bytes?: Uint8Array;
  /** Undefined names are errors in classic directives too (see {@link ParseUnit.lenientNames}). */
  strict?: boolean;
}

/** A unit for `source`, ready to be split and parsed. */
export function newParseUnit(source: string, options: UnitOptions): ParseUnit {
  const clock = options.clock ?? new ReadClock();
  return {
    source,
    bytes: new SourceBytes(source, options.bytes ?? null),
    file: options.file,
    lines: new LineMap(source),
    nodes: options.nodes,
    names: options.names,
    functions: [],
    callees: new Set(),
    lenientNames: options.strict === true ? null : new Set(),
    problems: [],
    moreProblems: 0,
    moreAt: -1,
    aborted: false,
    imports: [],
    setCallNames: [],
    openSpans: 0,
    inFunctionSpan: false,
    clock,
    scanner: new TextScanner(source, clock),
    depth: 0,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_NESTING,
    deepest: 0,
    links: 0,
  };
}

/** Records a problem, or only counts it when {@link MAX_PROBLEMS} are kept already. */
export function addProblem(unit: ParseUnit, problem: SyntaxProblem): void {
  if (unit.aborted) return;
  if (unit.problems.length < MAX_PROBLEMS) unit.problems.push(problem);
  else if (unit.moreProblems++ === 0) unit.moreAt = problem.start;
}

/** A sink that records into `unit` (for the splitter and lexer, which take `{ push }`). */
export function problemSink(unit: ParseUnit): { push(problem: SyntaxProblem): void } {
  return { push: (problem) => addProblem(unit, problem) };
}
