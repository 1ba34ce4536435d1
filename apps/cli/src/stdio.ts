/**
 * Standard streams. A reader that goes away (`xmd doc.md | head -1`) is not an error:
 * xmd stops quietly. Any other failure to write stdout (`> /dev/full`) is one line on
 * stderr and exit 1, never a stack trace.
 * @module
 */
import { EXIT } from "./errors.js";
import { reasonOf } from "./output/write-error.js";

function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  try {
    process.stderr.write(`xmd: cannot write to stdout: ${reasonOf(error)}\n`);
  } catch {
    // stderr is gone too; the exit code still tells
  }
  process.exit(EXIT.failed);
}

/** Installs the handlers; call once, before anything is written. */
export function guardStandardStreams(): void {
  process.stdout.on("error", onStdoutError);
  // Nothing sensible can be reported when stderr itself fails.
  process.stderr.on("error", () => process.exit(process.exitCode ?? EXIT.failed));
}

/**
 * Writes to stdout. Stdout to a file or device is written synchronously and may throw
 * here rather than emit "error"; both end the same way.
 */
export function writeStdout(text: string): void {
  try {
    process.stdout.write(text);
  } catch (e) {
    onStdoutError(e as NodeJS.ErrnoException);
  }
}

/** All of stdin as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
