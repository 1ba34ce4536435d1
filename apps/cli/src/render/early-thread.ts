/**
 * The render thread for commands that render one document at a time (`xmd FILE`,
 * `xmd watch`, `xmd check`). It can be started before the command line is even parsed,
 * so that starting it and loading the runtime in it overlap the main thread's work.
 * @module
 */
import { RenderThread } from "./render-thread.js";
import type { ThreadLimits } from "./stack-size.js";

let early: RenderThread | null = null;

/** Starts a render thread now with these limits; {@link renderThread} hands it out. */
export function startRenderThread(limits: ThreadLimits): void {
  early ??= new RenderThread(limits);
}

/**
 * A render thread with these limits: the one started early when its stack is big enough
 * and its heap cap is the one asked for (it usually is: the early one is sized from the
 * same flags; a config file may change them), else a new one.
 */
export function renderThread(limits: ThreadLimits): RenderThread {
  const thread = early;
  early = null;
  if (
    thread !== null &&
    !thread.broken &&
    thread.limits.stackSizeMb >= limits.stackSizeMb &&
    thread.limits.maxMemoryMb === limits.maxMemoryMb
  )
    return thread;
  void thread?.close();
  return new RenderThread(limits);
}
