/**
 * What builtins may see of the running document: where files may be touched, the exec
 * policy, the clock, and a way to call back into XMD functions.
 * @module
 */

import type { Host } from "../api/host.js";
import type { ExecPolicy, Limits } from "../api/options.js";
import type { Callable } from "../values/callable.js";

export interface HostContext {
  /** The machine the document is rendered on: every file access and command goes through it. */
  readonly host: Host;
  /** Absolute, symlink-resolved directory that confines every file access. */
  readonly root: string;
  /** Absolute directory of the document being run; relative paths resolve from here. */
  readonly baseDir: string;
  /** Who may run programs. */
  readonly exec: ExecPolicy;
  /** A fixed clock (ms since epoch), or null to read the real one. */
  readonly now: number | null;
  /** Filled in as the run goes: commands that ran, whether the real clock was read. */
  readonly nondeterminism: { exec: string[]; clock: boolean };
  /** Absolute paths of files read, imported or written by the run. */
  readonly dependencies: Set<string>;
  /**
   * When the document's time limit (`limits.timeoutMs`) runs out, in `Date.now()`
   * milliseconds. Host work that can block, such as `exec`, must not run past it.
   */
  readonly deadline: number;
  /**
   * In a dry run (`RuntimeOptions.dryRun`): absolute path → the content written, or
   * `null` for a deleted file. Writes go here instead of the disk and reads look here
   * first. `null` when writes go to the disk.
   */
  readonly overlay: Map<string, string | null> | null;
  /**
   * The run's limits. Host work reads `maxReadBytes` (every file read), `maxWriteBytes`
   * (every write, with {@link written}), `timeoutMs` (with {@link deadline}) and
   * `maxMemoryMb` and `maxStringLength` (caps on data text and on values turned into text).
   */
  readonly limits: Readonly<Limits>;
  /** Bytes written to files so far by the whole run (every module), against `limits.maxWriteBytes`. */
  readonly written: { bytes: number };
  /** Call an XMD function (user function, lambda or builtin) with arguments. */
  call(fn: Callable, args: unknown[]): unknown;
}
