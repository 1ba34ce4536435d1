/**
 * How big a render thread's stack must be for a call depth. The evaluator recurses once
 * per XMD call, so the JavaScript stack, not `maxCallDepth`, would stop deep recursion
 * if the stack were fixed (the main thread's ~1 MB ran out at ~550 calls). Render
 * threads get a stack sized from the limit instead, so `--max-depth` is what stops it.
 * @module
 */

import { DEFAULTS } from "../limits.js";

/** The runtime's default call depth (`DEFAULT_LIMITS.maxCallDepth`), known here without loading it. */
export const DEFAULT_MAX_DEPTH = DEFAULTS.maxCallDepth;

/**
 * Measured (Node 20, x64): about 1.8 KB of stack per level of plain recursion and about
 * 3.6 KB per level when each level goes through a callback such as `map`; a cold, not
 * yet optimised run needs a little more. 16 KB per level leaves room for call shapes
 * that were not measured.
 */
export const STACK_BYTES_PER_CALL = 16 * 1024;

/** For the parser, the resolver and host code below the first call (Node's default for a worker). */
export const STACK_BASE_MB = 4;

/**
 * No thread gets more than this: 1 GiB is address space, not memory (only the pages a
 * render touches are used), and covers a --max-depth of about 65 000 at 16 KB a level
 * (several times that for ordinary recursion).
 */
export const STACK_CAP_MB = 1024;

/** Stack size in MiB for a thread whose renders may reach `maxCallDepth` nested calls. */
export function stackSizeMb(maxCallDepth: number): number {
  return Math.min(STACK_CAP_MB, Math.ceil(STACK_BASE_MB + (maxCallDepth * STACK_BYTES_PER_CALL) / 2 ** 20));
}

/** What a render thread is started with: a stack for the call depth, a heap cap. */
export interface ThreadLimits {
  /** From {@link stackSizeMb}. */
  stackSizeMb: number;
  /** `--max-memory`: the thread's heap (V8's old generation) in MiB; a render that needs more ends the thread. */
  maxMemoryMb: number;
}

/** The thread limits for renders that may reach `maxCallDepth` and use `maxMemoryMb`. */
export function threadLimits(maxCallDepth: number, maxMemoryMb: number): ThreadLimits {
  return { stackSizeMb: stackSizeMb(maxCallDepth), maxMemoryMb };
}
