/**
 * CLI-level failures and how they are printed. Document errors are `XmdError`s from the
 * runtime (exit 1); usage errors exit 2; anything else is a bug (exit 70).
 * @module
 */
import type * as RuntimeModule from "@xmd/runtime";

/** A mistake in how the command was called. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;

/** Whether to color stderr: a TTY, unless NO_COLOR; FORCE_COLOR forces it. */
export function useColor(stream: NodeJS.WriteStream = process.stderr): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0") return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

/**
 * Prints an error the way a user should see it; stack traces only with --debug.
 * The runtime is imported here only when an error needs it, so that `xmd --version`
 * and `xmd --help` do not load it.
 */
export async function reportError(error: unknown, debug: boolean): Promise<number> {
  const color = useColor();
  if (error instanceof UsageError) {
    process.stderr.write(`xmd: ${error.message}\n`);
    return EXIT.usage;
  }
  const { formatError, XmdError }: typeof RuntimeModule = await import("@xmd/runtime");
  if (error instanceof XmdError) {
    process.stderr.write(`${formatError(error, { color })}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `xmd: internal error: ${message}\nThis is a bug in xmd; please report it with the document that caused it.\n`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}
