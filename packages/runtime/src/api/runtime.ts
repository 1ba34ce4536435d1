/** The runtime's public shape. @module */
import type { XmdError } from "./error.js";
import type { RenderOptions } from "./options.js";
import type { PoolSummary, RunStats } from "./stats.js";

/** A document's source: text, or its UTF-8 bytes (as read from a file). */
export type DocumentText = string | Uint8Array;

/**
 * Takes a render's output a chunk at a time, in order. `bytes` is valid only during the
 * call: the chunk behind it is reused afterwards, so write it synchronously or copy it.
 */
export type OutputWriter = (bytes: Uint8Array) => void;

/** What one render tells besides its output. */
export interface RenderInfo {
  /** Allocation accounting and pool state for this run. */
  stats: RunStats;
  /** Absolute paths of every file the run read or imported (for watch mode and staleness checks). */
  dependencies: string[];
  /** Whether the output depends on more than the inputs: a command ran, or the real clock was read. */
  nondeterminism: { exec: string[]; clock: boolean };
}

/** What one render produces: the output as a string (decoded once, at the end). */
export interface RenderResult extends RenderInfo {
  /** The rendered markdown. */
  output: string;
}

/** What one render produces as bytes. */
export interface BytesRenderResult extends RenderInfo {
  /** The rendered markdown, UTF-8. */
  output: Uint8Array;
}

/** A configured XMD runtime. Reusable across documents; not shared between threads. */
export interface Runtime {
  /**
   * Render a document given as text, or as its UTF-8 bytes (a leading byte order mark is
   * dropped either way; bytes that are not valid UTF-8 read as U+FFFD). Throws
   * {@link XmdError} on a bad document.
   */
  render(source: DocumentText, options?: RenderOptions): RenderResult;
  /**
   * {@link Runtime.render}, with the output as UTF-8 bytes: no string is made of it.
   * Static markdown is copied from the document's bytes.
   */
  renderBytes(source: DocumentText, options?: RenderOptions): BytesRenderResult;
  /**
   * {@link Runtime.render}, streaming: the output goes to `write` a chunk (64 KiB or less)
   * at a time, in order, as it is produced, so memory does not grow with the output. A
   * chunk is valid only during the call (it is reused): write it synchronously or copy
   * it. Every chunk ends on a character boundary. Output inside an import that may still
   * be taken back (a module's own output) is held until it is settled. When the document
   * fails, what was written stays written: the error is thrown after it. An error thrown
   * by `write` stops the render and is thrown as it is.
   */
  renderTo(source: DocumentText, write: OutputWriter, options?: RenderOptions): RenderInfo;
  /** Read and render a file (`.md`, `.xmd`, `.xm`), read as bytes (see {@link Runtime.render}). */
  renderFile(path: string, options?: Omit<RenderOptions, "path">): RenderResult;
  /**
   * Parse and resolve only; returns every error found (empty when the document is
   * well-formed), at most 100 and then one that counts the rest. A limit reached while
   * reading (time, nesting, pool slots) is returned in the list, not thrown.
   */
  check(source: DocumentText, options?: RenderOptions): XmdError[];
  /** Read a file and {@link Runtime.check} it; a file that cannot be read is an error in the list. */
  checkFile(path: string, options?: Omit<RenderOptions, "path">): XmdError[];
  /**
   * Parse (and resolve) a document and keep it: the tree stays in memory until
   * `release()`. For measuring what a parsed program costs; rendering does not need it.
   */
  parse(source: DocumentText, options?: RenderOptions): ParsedDocument;
  /**
   * Compile once, render many: parse and resolve a document now and keep the tree, so
   * each `render(vars)` only runs it. Output is the same as {@link Runtime.render} with
   * the same variables. Imported modules and data files are read again on every render.
   */
  compile(source: DocumentText, options?: CompileOptions): CompiledDocument;
  /** The runtime's pools and stack as they are now (between renders every live count is zero). */
  inspect(): RuntimeState;
  /** Release everything the runtime holds; every pool's live count returns to zero. */
  dispose(): void;
}

/** A parsed document kept in memory. */
export interface ParsedDocument {
  /** AST nodes alive in the tree's store now (0 after `release()`). */
  readonly nodeCount: number;
  /** The tree's own pool (pooled mode; empty in heap mode), as it is now. */
  pools(): PoolSummary[];
  /** What parsing allocated: allocation requests by kind and how many pools served. */
  readonly stats: RunStats;
  /** Frees the tree (returns its pool slots). */
  release(): void;
}

/** Where a compiled document comes from, and the variables its renders will pass. */
export interface CompileOptions extends Omit<RenderOptions, "vars"> {
  /**
   * The names of the variables renders will pass (or an object whose keys are those
   * names). Declaring them lets `set NAME` inside a function assign the variable, as it
   * does in `render`; a variable passed to `render` without being declared is still
   * visible wherever the document uses its name.
   */
  vars?: readonly string[] | Record<string, unknown>;
}

/** A document parsed once and kept, to be rendered many times. */
export interface CompiledDocument {
  /** AST nodes alive in the document's store: the kept tree (a render's imports are freed when it ends). */
  readonly nodeCount: number;
  /** The kept tree's own pool (pooled mode; empty in heap mode), as it is now. */
  pools(): PoolSummary[];
  /** Runs the document with these variables. Throws {@link XmdError} like `render`. */
  render(vars?: Record<string, unknown>): RenderResult;
  /** {@link CompiledDocument.render} with the output as UTF-8 bytes (see {@link Runtime.renderBytes}). */
  renderBytes(vars?: Record<string, unknown>): BytesRenderResult;
  /** {@link CompiledDocument.render}, streaming its output to `write` (see {@link Runtime.renderTo}). */
  renderTo(write: OutputWriter, vars?: Record<string, unknown>): RenderInfo;
  /** Frees the tree; `render` afterwards throws. */
  release(): void;
}

/** Live state of a runtime's allocators. */
export interface RuntimeState {
  memory: "pooled" | "heap";
  pools: PoolSummary[];
  /** The value stack (pooled mode): bytes of one slot and of its typed columns now. */
  stack: { bytesPerSlot: number; bytes: number } | null;
  /** Nodes, variables and temporaries alive now, in either mode. */
  live: { nodes: number; variables: number; temporaries: number };
}
