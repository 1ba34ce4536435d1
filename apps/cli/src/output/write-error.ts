/**
 * An output that could not be written, and errno codes in words. Apart from the writer
 * so that the error printer can know it without loading the writer.
 * @module
 */

/** An output that could not be written: `xmd: cannot write OUT: REASON`, exit 1. */
export class WriteError extends Error {
  constructor(
    /** The output as the user named it. */
    readonly target: string,
    /** Why, in words. */
    readonly reason: string,
  ) {
    super(`cannot write ${target}: ${reason}`);
  }
}

/** An errno in words (the message without Node's "ECODE: …, syscall" wrapping otherwise). */
export function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case "ENOSPC":
      return "no space left on device";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
    case "EEXIST":
      return "a part of the path is not a folder";
    case "EPIPE":
      return "the reading end is closed (broken pipe)";
    case "ENXIO":
      return "nothing can be written to it (no reader, or a socket)";
    case "EDQUOT":
      return "disk quota exceeded";
    default:
      return e.message ?? String(error);
  }
}
