/**
 * The render thread for commands that render one document at a time (`xmd FILE`,
 * `xmd watch`, `xmd check`). It can be started before the command line is even parsed,
 * so that starting it and loading the runtime in it overlap the main thread's work.
 * @module
 */
import { RenderThread } from "./render-thread.js";
import { stackSizeMb } from "./stack-size.js";

let early: RenderThread | null = null;

/** Starts a render thread now, sized for `maxCallDepth`; {@link renderThread} hands it out. */
export function startRenderThread(maxCallDepth: number): void {
  early ??= new RenderThread(stackSizeMb(maxCallDepth));
}

/**
 * A render thread whose stack fits `maxCallDepth`: the one started early when it is big
 * enough (it usually is: the early one is sized from the same flags), else a new one.
 */
export function renderThread(maxCallDepth: number): RenderThread {
  const size = stackSizeMb(maxCallDepth);
  const thread = early;
  early = null;
  if (thread !== null && !thread.broken && thread.stackSizeMb >= size) return thread;
  void thread?.close();
  return new RenderThread(size);
}
