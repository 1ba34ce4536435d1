/**
 * The `xmd` command. A command line that renders one document has its render thread
 * started first (see early-start.ts; bin/xmd.js does it before even loading this), so
 * that the thread's start and its loading of the runtime overlap the main thread's
 * loading of commander, parsing and config. Each command's code (the watcher, the
 * progress bar) loads only when that command runs.
 * @module
 */
import { prepareArgv } from "./argv.js";
import { startEarly } from "./early-start.js";
import { reportError } from "./errors.js";
import { guardStandardStreams } from "./stdio.js";

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  guardStandardStreams();
  const debug = argv.includes("--debug");
  try {
    startEarly(argv);
    const args = prepareArgv(argv);
    const { runProgram } = await import("./program.js");
    return await runProgram(args);
  } catch (error) {
    return reportError(error, debug);
  }
}
