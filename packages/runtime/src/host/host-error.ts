/**
 * Errors of a host's file system: a message and a Node-style `code` (`ENOENT` …), from
 * which the runtime words what the document's author reads.
 * @module
 */

/** An error as a host's file system throws it: a message and a Node-style `code`. */
export function hostError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/** The `code` of an error a host threw, if it has one. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
