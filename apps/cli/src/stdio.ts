/**
 * Standard streams. A reader that goes away (`xmd doc.md | head -1`) is not an error:
 * xmd stops quietly. Any other failure to write stdout (`> /dev/full`) is one line on
 * stderr and exit 1, never a stack trace.
 * @module
 */
import { EXIT } from "./errors.js";
import { tooLargeReason, UnreadableFile } from "./input/read-file.js";
import { reasonOf } from "./output/write-error.js";
import { escapeControls } from "./terminal-text.js";

function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
  try {
    process.stderr.write(`xmd: cannot write to stdout: ${reasonOf(error)}\n`);
  } catch {
    // stderr is gone too; the exit code still tells
  }
  process.exit(EXIT.failed);
}

/**
 * A write to stdout failed elsewhere (a render thread streaming to it): handled as a
 * failed write here is, by the system's error `code` (`EPIPE`: quietly) and `reason`.
 */
export function stdoutFailed(code: string | undefined, reason: string): never {
  onStdoutError(Object.assign(new Error(reason), { code }));
  // onStdoutError exits; this is for the type checker.
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
export function writeStdout(text: string | Uint8Array): void {
  try {
    process.stdout.write(text);
  } catch (e) {
    onStdoutError(e as NodeJS.ErrnoException);
  }
}

/**
 * Writes a message to stderr with control characters shown as escapes (see
 * terminal-text.ts): for every message that may hold a file name or text from a
 * document. Errors formatted by a render thread are escaped there, before their colours.
 */
export function writeStderr(text: string): void {
  process.stderr.write(escapeControls(text));
}

/**
 * All of stdin as text, at most `maxBytes` of it: reading stops as soon as there is more
 * (`xmd < /dev/zero` ends at the cap instead of filling memory).
 * @throws {UnreadableFile} (`too-large`) past the cap.
 */
export async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new UnreadableFile(
        "<stdin>",
        "too-large",
        tooLargeReason(maxBytes, null).replace("the file", "stdin"),
        maxBytes,
      );
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}
