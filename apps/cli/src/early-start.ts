/**
 * The very first thing `xmd` does: when the command line renders one document
 * (`xmd FILE`, `xmd process …`), start its render thread, before the rest of the CLI and
 * commander load. Starting a thread and loading the runtime in it take longer than
 * everything the main thread does before it has a task to send, so the earlier the
 * better. Imports nothing but the thread itself.
 * @module
 */
import { startRenderThread } from "./render/early-thread.js";
import { DEFAULT_MAX_DEPTH } from "./render/stack-size.js";

/** Whether this command line renders one document (so that a render thread is worth starting now). */
export function rendersOneDocument(argv: readonly string[]): boolean {
  const first = argv[0];
  if (first === "build" || first === "watch" || first === "check" || first === "help") return false;
  if (argv.some((a) => a === "-h" || a === "--help" || a === "--version")) return false;
  return argv.length > 0 || process.stdin.isTTY !== true;
}

/** `--max-depth N` as given (it is validated later), to size the thread's stack. */
export function maxDepthFlag(argv: readonly string[]): number | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === "--max-depth") value = argv[i + 1];
    else if (arg.startsWith("--max-depth=")) value = arg.slice("--max-depth=".length);
  });
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Starts the render thread if this command line will want one. A config file can still
 * raise the depth limit; then the command starts a bigger thread and this one is dropped.
 */
export function startEarly(argv: readonly string[]): void {
  if (rendersOneDocument(argv)) startRenderThread(maxDepthFlag(argv) ?? DEFAULT_MAX_DEPTH);
}
