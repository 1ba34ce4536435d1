/**
 * CLI-level failures and how they are printed, all as `xmd: …` lines. Document errors
 * come back from render threads already formatted (exit 1); usage errors exit 2; an
 * output that cannot be written exits 1; anything else is a bug (exit 70).
 * @module
 */
import { WriteError } from "./output/write-error.js";
import { escapeControls } from "./terminal-text.js";

/** A mistake in how the command was called. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` to point at, when the mistake is in the command line itself. */
    readonly helpFor?: string,
  ) {
    super(message);
  }
}

/** Exit codes: success, a document or output failed, a usage mistake, a bug in xmd. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;

/**
 * Whether to colour stderr: on a TTY, unless NO_COLOR is set. FORCE_COLOR decides either
 * way when set (`0` or `false` turns colour off, anything else on).
 */
export function useColor(stream: NodeJS.WriteStream = process.stderr): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

/** The `see 'xmd build --help'` line under a usage error. */
export function helpHint(command: string | undefined): string {
  return `see 'xmd${command && command !== "xmd" ? ` ${command}` : ""} --help'`;
}

/**
 * Prints an error the way a user should see it; stack traces only with --debug. Messages
 * may name files from a tree someone else made: control characters are shown as escapes.
 */
export function reportError(error: unknown, debug: boolean): number {
  const write = (text: string) => process.stderr.write(escapeControls(text));
  if (error instanceof UsageError) {
    write(`xmd: ${error.message}\n${error.helpFor !== undefined ? `${helpHint(error.helpFor)}\n` : ""}`);
    return EXIT.usage;
  }
  if (error instanceof WriteError) {
    write(`xmd: ${error.message}\n`);
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(
    `xmd: internal error: ${message}\nThis is a bug in xmd; please report it with the document that caused it.\n`,
  );
  if (debug && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return EXIT.internal;
}
