/**
 * An error raised where no source location is known (inside a builtin, a file access, a
 * command). The evaluator catches it and turns it into an `XmdError` at the call site.
 * XMD's `try/catch` catches it too: `err` is the message.
 * @module
 */
import type { XmdErrorCode } from "../api/error.js";

export class RuntimeFault extends Error {
  override readonly name = "RuntimeFault";
  constructor(
    readonly code: XmdErrorCode,
    message: string,
    /** Help for the user, e.g. the flag that allows a denied command. */
    readonly hint?: string,
    /** For `exec-stopped`: the command line that was not run. */
    readonly command?: string,
  ) {
    super(message);
  }
}
