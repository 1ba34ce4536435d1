/**
 * Options that shape a runtime: memory mode, limits, the host, the file root and the exec policy.
 * @module
 */
import { MAX_SLOTS } from "@xmd/pool";
import type { Host } from "./host.js";

/**
 * How the runtime allocates its most frequent objects.
 * - `pooled`: AST nodes, variables and temporaries live in `@xmd/pool` / `@xmd/stack`
 *   typed-array storage; identifiers are interned.
 * - `heap`: one JS object per node, per variable, per temporary; no interning. Same
 *   semantics — it exists so the memory plan can be measured A/B in one process.
 */
export type MemoryMode = "pooled" | "heap";

/** Limits that stop a runaway document with an error naming the limit. */
export interface Limits {
  /** Loop iterations per document run, all loops counted together. */
  maxIterations: number;
  /** Nested function calls. */
  maxCallDepth: number;
  /**
   * Levels code may nest: brackets, blocks, `elif` branches, and each operator of a chain
   * (`a + b + c` is two levels), counted as the syntax tree nests. Checked while the
   * document is read, so that reading, resolving and running it stay within the stack.
   */
  maxNestingDepth: number;
  /** Bytes of rendered output. */
  maxOutputBytes: number;
  /** Wall-clock milliseconds per document run (imports included). */
  timeoutMs: number;
  /**
   * Slots per pool (AST nodes, variables); exceeding it is an error, never silent growth.
   * At most {@link MAX_POOL_SLOTS}, the default.
   */
  maxPoolSlots: number;
  /**
   * Items in one list (and entries in one object), and the highest list index a document
   * may write plus one: `range`, `concat`, spreads, `push` and `set a[i]` past it fail
   * before they allocate.
   */
  maxListItems: number;
  /** Length of one string (UTF-16 code units), checked before a builtin builds a longer one. */
  maxStringLength: number;
  /**
   * Megabytes of JavaScript heap a run may use: what the heap grew by since the run began,
   * live data only (a reading over it is confirmed by a full garbage collection). In-process
   * renders check the heap as they go and also stop at 85% of V8's own heap limit, before
   * V8 would abort the process; the CLI also caps each render thread's heap at this size,
   * so a document that still outgrows it costs a thread, not the process.
   */
  maxMemoryMb: number;
  /** Bytes of one file read: the document, an import, a data file, `File.read`. */
  maxReadBytes: number;
  /** Bytes a run may write to files (`File.write`, `put`), all writes counted together. */
  maxWriteBytes: number;
}

/**
 * The highest `maxPoolSlots` there can be: the slots a pool's handles can address
 * (`MAX_SLOTS` of `@xmd/pool`), which is also the default.
 */
export const MAX_POOL_SLOTS: number = MAX_SLOTS;

/**
 * Checks the limits a runtime is made with, where a value that cannot work would otherwise
 * fail later and deeper (a pool cannot be made with more slots than its handles address).
 * @throws RangeError naming the limit, what it may be and what it was.
 */
export function checkLimits(limits: Readonly<Limits>): void {
  const slots = limits.maxPoolSlots;
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_POOL_SLOTS)
    throw new RangeError(
      `limits.maxPoolSlots must be a whole number from 1 to ${MAX_POOL_SLOTS} (the slots a pool can address), got ${String(slots)}`,
    );
}

/** The defaults: generous for real documents, quick to stop a runaway one. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxIterations: 1_000_000,
  maxCallDepth: 1_000,
  maxNestingDepth: 1_000,
  maxOutputBytes: 64 * 1024 * 1024,
  timeoutMs: 10_000,
  maxPoolSlots: MAX_POOL_SLOTS,
  maxListItems: 10_000_000,
  maxStringLength: 64 * 1024 * 1024,
  maxMemoryMb: 2048,
  maxReadBytes: 64 * 1024 * 1024,
  maxWriteBytes: 64 * 1024 * 1024,
});

/** Who may run programs, and how. `exec` is off unless this says otherwise. */
export interface ExecPolicy {
  /**
   * `true`: every command; a list: names without a slash allow only the program of that
   * name found on PATH; an entry with a slash is a path from the process's working folder
   * and allows a program the document names by a path (resolved from the document's
   * folder) only when both lead to the same real file; `false` (default): none. Commands
   * inherit the full environment.
   */
  allow: boolean | readonly string[];
  /** Run through `/bin/sh -c` instead of argv. Off by default: no `;`, `|`, `$()` interpretation. */
  shell?: boolean;
  /**
   * Run nothing (for a check, such as `xmd --check`): the first allowed command the
   * document reaches is recorded in `nondeterminism.exec` and stops the render with an
   * `exec-stopped` error (`XmdError.command` holds the command line), which `try`/`catch`
   * cannot catch. A command the allow-list refuses is still `exec-denied`, as in a real
   * render. Default `false`.
   */
  stop?: boolean;
  /** Milliseconds before a command is killed. Default 10 000. */
  timeoutMs?: number;
  /** Bytes of stdout kept before the command is stopped with an error. Default 1 MiB. */
  maxOutputBytes?: number;
}

/** Options for {@link createRuntime}. */
export interface RuntimeOptions {
  /** Allocation strategy; default `pooled`. */
  memory?: MemoryMode;
  /** Overrides for {@link DEFAULT_LIMITS}. */
  limits?: Partial<Limits>;
  /**
   * The machine documents are rendered on: where files, data files and imports are read and
   * written, and whether programs can run (see {@link Host}). Default: the Node host (the
   * disk, `exec` under the policy below) in the `node` build, a new empty memory host
   * (`createMemoryHost`) in the `browser` build.
   */
  host?: Host;
  /**
   * Directory that confines every file access (`import`, `File.*`, `get`/`put`).
   * Default: the directory of the document being rendered (or the host's working folder
   * for a document without a path).
   */
  root?: string;
  /** The exec policy; default: exec denied. */
  exec?: ExecPolicy;
  /** A fixed clock for `Date.now` (ms since epoch or a Date), for deterministic output. Default: the host's clock. */
  now?: number | Date;
  /** Pool misuse checks (double free, stale handle). Default `false` (release mode). */
  checked?: boolean;
  /**
   * Render without changing the disk (for `xmd --check`): `File.write`, `File.delete` and
   * `put` change an in-memory overlay instead, which later reads in the same render see.
   * Default `false`.
   */
  dryRun?: boolean;
  /**
   * What becomes of a markdown document's front matter (the YAML block between `---`
   * lines at its top, whose keys are the document's variables) in the output: `"keep"`
   * it, with its `{{ }}` rendered, as static-site generators downstream expect (default),
   * or `"strip"` it.
   */
  frontMatter?: "keep" | "strip";
  /**
   * Undefined names are errors in classic directives too. By default a classic directive
   * reads a name that was never set as null (false in `<!-- xmd:if missing -->`, nothing
   * printed), as the C tool did; native code and `{{ }}` in markdown are always strict.
   */
  strict?: boolean;
}

/** Options for one render. */
export interface RenderOptions {
  /** Path of the document, for error locations, relative imports and the default root. */
  path?: string;
  /** Variables visible to the document, as if set before its first line. */
  vars?: Readonly<Record<string, unknown>>;
  /** Dialect of the source: markdown with embedded code, or a native XMD file. Default: from `path`'s extension, else `md`. */
  lang?: "md" | "xmd";
}
