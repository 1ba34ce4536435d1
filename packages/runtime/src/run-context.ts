/**
 * What builtins see of a run: the host context of one module of a document run (its
 * folder, the run's limits, clock, exec policy and what it has read and written).
 * @module
 */

import type { Host } from "./api/host.js";
import type { ExecPolicy, Limits, RuntimeOptions } from "./api/options.js";
import type { HostContext } from "./host/context.js";
import type { Callable } from "./values/callable.js";

/** What a context reads of the run it belongs to (the document run in `runtime.ts`). */
export interface RunState {
  /** The machine the run touches. */
  readonly host: Host;
  readonly nondeterminism: { exec: string[]; clock: boolean };
  /** Files the run read (see `RenderInfo.dependencies`). */
  readonly dependencies: Set<string>;
  readonly deadline: number;
  readonly overlay: Map<string, string | null> | null;
  readonly limits: Limits;
  readonly written: { bytes: number };
  /** The root with symlinks resolved. */
  readonly root: string;
  /** The folder the document's relative paths start from. */
  readonly documentDir: string;
  callFunction(fn: Callable, args: unknown[]): unknown;
}

const DENY_EXEC: ExecPolicy = Object.freeze({ allow: false });

/** A folder with symlinks resolved, or as given when it cannot be (it may not exist yet). */
export function realRoot(host: Host, dir: string): string {
  try {
    return host.realpath(dir);
  } catch {
    return dir;
  }
}

/**
 * What builtins see of a run (one per module: `baseDir` differs). A class rather than an
 * object literal with a getter: a literal's getter is a new closure each time, so no two
 * contexts share a hidden class, and every render's object graph was promoted to old
 * space before it died (about 5 KB a render; most of W2's GC pause in the bench).
 */
export class RunContext implements HostContext {
  readonly host: Host;
  readonly exec: ExecPolicy;
  readonly now: number | null;
  readonly nondeterminism: { exec: string[]; clock: boolean };
  readonly deadline: number;
  readonly overlay: Map<string, string | null> | null;
  readonly limits: Limits;
  readonly written: { bytes: number };
  private resolvedBaseDir: string | null = null;

  constructor(
    private readonly run: RunState,
    /** The module's folder as given, or null for the document's own; see {@link baseDir}. */
    private readonly dir: string | null,
    options: RuntimeOptions,
  ) {
    const now = options.now;
    this.host = run.host;
    this.exec = options.exec ?? DENY_EXEC;
    this.now = now === undefined ? null : typeof now === "number" ? now : now.getTime();
    this.nondeterminism = run.nondeterminism;
    this.deadline = run.deadline;
    this.overlay = run.overlay;
    this.limits = run.limits;
    this.written = run.written;
  }

  /** The run's (made at the first file read: most renders read none). */
  get dependencies(): Set<string> {
    return this.run.dependencies;
  }

  /** Resolved on first use: most renders touch no file. */
  get root(): string {
    return this.run.root;
  }

  /**
   * The module's folder with symlinks resolved, like the root's, so that a document
   * opened through a linked folder still reaches the files beside it. On first use.
   */
  get baseDir(): string {
    if (this.resolvedBaseDir === null)
      this.resolvedBaseDir = realRoot(this.host, this.dir ?? this.run.documentDir);
    return this.resolvedBaseDir;
  }

  call(fn: Callable, args: unknown[]): unknown {
    return this.run.callFunction(fn, args);
  }
}
