/**
 * Errors the main thread reports about a document without the runtime: a render thread
 * that died under it, stdin over `--max-read`. Reaching the heap cap (`--max-memory`) is
 * the document's doing: a `limit` error naming the limit and its flag, like every other
 * limit (exit 1). A thread that dies of anything else is a bug in xmd (exit 70).
 * Formatted like the runtime's errors (`FILE:LINE:COLUMN: error[CODE]: …` and a help
 * line); a thread that ran out of memory is gone before it can say where the document
 * was, so that error names the file alone.
 * @module
 */
import { escapeControls } from "../terminal-text.js";
import { RenderThreadError } from "./render-thread.js";

/** An error in the runtime's format, made on the main thread. */
export interface PlainError {
  file: string;
  /** Where in the file, when known. */
  at?: { line: number; column: number };
  code: string;
  message: string;
  hint?: string;
}

/** `file:line:column: error[code]: message` and `  = help: hint`, coloured like the runtime's. */
export function formatPlainError(error: PlainError, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const red = (s: string) => (color ? `\x1b[31m${s}\x1b[39m` : s);
  const cyan = (s: string) => (color ? `\x1b[36m${s}\x1b[39m` : s);
  const where = `${escapeControls(error.file)}${error.at ? `:${error.at.line}:${error.at.column}` : ""}`;
  const lines = [`${bold(where)}: ${red(`error[${error.code}]`)}: ${bold(escapeControls(error.message))}`];
  if (error.hint !== undefined) lines.push(`  = ${cyan("help")}: ${escapeControls(error.hint)}`);
  return lines.join("\n");
}

/** The error to print for a task whose thread died, and whether it is a bug in xmd. */
export function threadFailure(
  label: string,
  error: unknown,
  maxMemoryMb: number,
  color: boolean,
): { error: string; internal: boolean } {
  if (error instanceof RenderThreadError && error.outOfMemory) {
    return {
      error: formatPlainError(
        {
          file: label,
          code: "limit",
          message: `out of memory: the render needed more than ${maxMemoryMb} MB of heap (limit maxMemoryMb)`,
          hint: "raise it with --max-memory (megabytes per render thread), or look for a list or string that keeps growing",
        },
        color,
      ),
      internal: false,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    error: escapeControls(
      `${label}: internal error: ${message}\nThis is a bug in xmd; please report it with the document that caused it.`,
    ),
    internal: true,
  };
}
