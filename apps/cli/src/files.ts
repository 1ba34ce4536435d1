/**
 * Writing outputs safely: to a temporary file in the same folder, then renamed over the
 * target, so a crash never leaves a half-written file.
 * @module
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Document files by extension. */
export const DOCUMENT = /\.(md|xmd|xm)$/i;

/** Output name of a document: `.xmd` / `.xm` become `.md`. */
export function outputName(relative: string): string {
  return relative.replace(/\.(xmd|xm)$/i, ".md");
}
