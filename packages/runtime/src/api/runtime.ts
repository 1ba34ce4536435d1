/** The runtime's public shape. @module */
import type { XmdError } from "./error.js";
import type { RenderOptions } from "./options.js";
import type { RunStats } from "./stats.js";

/** What one render produces. */
export interface RenderResult {
  /** The rendered markdown. */
  output: string;
  /** Allocation accounting and pool state for this run. */
  stats: RunStats;
  /** Absolute paths of every file the run read or imported (for watch mode and staleness checks). */
  dependencies: string[];
  /** Whether the output depends on more than the inputs: a command ran, or the real clock was read. */
  nondeterminism: { exec: string[]; clock: boolean };
}

/** A configured XMD runtime. Reusable across documents; not shared between threads. */
export interface Runtime {
  /** Render a document given as text. Throws {@link XmdError} on a bad document. */
  render(source: string, options?: RenderOptions): RenderResult;
  /** Read and render a file (`.md`, `.xmd`, `.xm`). */
  renderFile(path: string, options?: Omit<RenderOptions, "path">): RenderResult;
  /** Parse and resolve only; returns every error found (empty when the document is well-formed). */
  check(source: string, options?: RenderOptions): XmdError[];
  /** Release everything the runtime holds; every pool's live count returns to zero. */
  dispose(): void;
}
