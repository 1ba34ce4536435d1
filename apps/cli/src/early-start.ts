/**
 * The very first thing `xmd` does: when the command line renders one document
 * (`xmd FILE`, `xmd process …`), start its render thread, before the rest of the CLI and
 * commander load. Starting a thread and loading the runtime in it take longer than
 * everything the main thread does before it has a task to send, so the earlier the
 * better. Imports nothing but the thread itself and the limits' defaults.
 * @module
 */
import { DEFAULTS, rawPositiveInt } from "./limits.js";
import { startRenderThread } from "./render/early-thread.js";
import { threadLimits } from "./render/stack-size.js";

/** Whether this command line renders one document (so that a render thread is worth starting now). */
export function rendersOneDocument(argv: readonly string[]): boolean {
  const first = argv[0];
  if (first === "build" || first === "watch" || first === "check" || first === "help") return false;
  if (argv.some((a) => a === "-h" || a === "--help" || a === "--version")) return false;
  return argv.length > 0 || process.stdin.isTTY !== true;
}

/** `--max-depth N` as given (it is validated later), to size the thread's stack. */
export function maxDepthFlag(argv: readonly string[]): number | undefined {
  return rawPositiveInt(argv, "--max-depth");
}

/**
 * Starts the render thread if this command line will want one. A config file can still
 * change the depth or memory limit; then the command starts another thread and this one
 * is dropped.
 */
export function startEarly(argv: readonly string[]): void {
  if (!rendersOneDocument(argv)) return;
  startRenderThread(
    threadLimits(
      maxDepthFlag(argv) ?? DEFAULTS.maxCallDepth,
      rawPositiveInt(argv, "--max-memory") ?? DEFAULTS.maxMemoryMb,
    ),
  );
}
