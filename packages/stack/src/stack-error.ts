/**
 * The one error type of `@xmd/stack`.
 * @module
 */

/** What went wrong. */
export type StackErrorCode = "overflow" | "underflow" | "frame-order" | "type";

/**
 * Misuse or exhaustion of a stack. `overflow` is the one a program can cause on its own
 * (runaway recursion); the others are bugs in the caller, reported in checked mode.
 */
export class StackError extends Error {
  /** Always `"StackError"`. */
  override readonly name = "StackError";
  /**
   * @param code - What went wrong.
   * @param message - What happened, for a person.
   */
  constructor(
    /** What went wrong. */
    readonly code: StackErrorCode,
    message: string,
  ) {
    super(message);
  }
}
