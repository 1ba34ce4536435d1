/** Checks that an XmdError points at a real place in the document that raised it. */
import { expect } from "vitest";
import type { XmdError } from "../../src/index.js";

/** The lines of a document as the runtime counts them (after a leading BOM, which is not text). */
export function linesOf(source: string): string[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.split(/\r\n|\r|\n/);
}

/**
 * The error's line is a line of `source`, its column lies within that line (or just after
 * its end), and its code frame shows that line.
 */
export function expectLocated(error: XmdError, source: string): void {
  const lines = linesOf(source);
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(lines.length);
  const text = lines[error.line - 1] as string;
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeLessThanOrEqual(text.length + 1);
  expect(error.frame).toMatch(new RegExp(`^> +${error.line} \\| `, "m"));
}
