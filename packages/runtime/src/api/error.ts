/** The one error type users see. @module */

/** Stable error codes; the message says what happened, the code says what kind of thing. */
export type XmdErrorCode =
  | "syntax"
  | "undefined-name"
  | "type"
  | "runtime"
  | "thrown"
  | "limit"
  | "exec-denied"
  | "exec-failed"
  /** A command was reached under `exec.stop` (a check that runs no programs): not a mistake in the document. */
  | "exec-stopped"
  | "outside-root"
  | "file"
  | "import-cycle"
  | "data";

/** A place in a file. */
export interface XmdLocation {
  /** Path of the file, as the error's `file` is written. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/**
 * An error in a document, with where it is and a code frame.
 * A stack trace reaching a user is a bug; an `XmdError` is the intended way to fail.
 */
export class XmdError extends Error {
  override readonly name = "XmdError";
  /**
   * When the error is in an imported file: the import statements it came through, from
   * the innermost importer out to the document being rendered. Empty otherwise.
   */
  readonly importedFrom: XmdLocation[] = [];
  /** For `exec-stopped`: the command line the document was about to run. */
  command: string | undefined;
  /**
   * `"warning"` for what `check()` reports without being sure it is a mistake (a name
   * never set in the document, which a part imported in place may set); `"error"`
   * otherwise. Renders throw errors only.
   */
  severity: "error" | "warning" = "error";
  constructor(
    /** What kind of error. */
    readonly code: XmdErrorCode,
    message: string,
    /** Path of the document (or `<stdin>`). */
    readonly file: string,
    /** 1-based line. */
    readonly line: number,
    /** 1-based column. */
    readonly column: number,
    /** A few source lines around the error with a caret under the column. */
    readonly frame: string,
    /** Extra help, e.g. the flag that allows a denied command. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
