/**
 * The `xmd` command. Before anything else loads, a command line that renders one
 * document starts its render thread, so that the thread's start and its loading of the
 * runtime overlap the main thread's loading of commander, parsing and config. Each
 * command's code (the watcher, the progress bar) loads only when that command runs.
 * @module
 */
import { maxDepthFlag, prepareArgv, rendersOneDocument } from "./argv.js";
import { reportError } from "./errors.js";
import { DEFAULT_MAX_DEPTH } from "./options.js";
import { startRenderThread } from "./render/early-thread.js";
import { guardStandardStreams } from "./stdio.js";

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  guardStandardStreams();
  const debug = argv.includes("--debug");
  try {
    const args = prepareArgv(argv);
    if (rendersOneDocument(args)) startRenderThread(maxDepthFlag(args) ?? DEFAULT_MAX_DEPTH);
    const { runProgram } = await import("./program.js");
    return await runProgram(args);
  } catch (error) {
    return reportError(error, debug);
  }
}
