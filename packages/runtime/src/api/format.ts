/**
 * How an XmdError reads in a terminal:
 * ```
 * report.md:12:7: error[undefined-name]: 'totl' is not defined
 *    11 | set total 10
 * >  12 | print totl + 1
 *       |       ^^^^
 *   = help: set it first (set totl …), or test for it with exists("totl")
 * ```
 * An error in an imported file ends with one `= note: imported from FILE:LINE:COLUMN`
 * line per import it came through, innermost first.
 * @module
 */
import type { XmdError } from "./error.js";

export interface FormatOptions {
  /** ANSI colors (the CLI turns them on for a TTY without NO_COLOR). */
  color?: boolean;
}

export function formatError(error: XmdError, options: FormatOptions = {}): string {
  const c = options.color
    ? {
        red: (s: string) => `\x1b[31m${s}\x1b[39m`,
        yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
        bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
        dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
        cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
      }
    : {
        red: (s: string) => s,
        yellow: (s: string) => s,
        bold: (s: string) => s,
        dim: (s: string) => s,
        cyan: (s: string) => s,
      };
  const lines = [
    `${c.bold(`${error.file}:${error.line}:${error.column}`)}: ${(error.severity === "warning" ? c.yellow : c.red)(`${error.severity}[${error.code}]`)}: ${c.bold(error.message)}`,
  ];
  if (error.frame) lines.push(c.dim(error.frame));
  if (error.hint) lines.push(`  = ${c.cyan("help")}: ${error.hint}`);
  for (const site of error.importedFrom) {
    lines.push(`  = ${c.cyan("note")}: imported from ${site.file}:${site.line}:${site.column}`);
  }
  return lines.join("\n");
}
