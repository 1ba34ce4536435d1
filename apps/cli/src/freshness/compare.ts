/**
 * `--check`: compare what a build would write with what is on disk.
 * @module
 */
import { closeSync, lstatSync, readlinkSync } from "node:fs";
import { bytesInWords, kindOf, openRegular, readFully, readRegularText } from "../input/read-file.js";
import type { OutputState } from "../output/output-folder.js";
import { escapeControls } from "../terminal-text.js";

/** How an output on disk compares with what would be written. */
export type Freshness =
  | { state: "fresh" }
  | { state: "missing" }
  | { state: "stale"; diff: string }
  | {
      /** Not something xmd would write (a link, a device): it is not read either. */
      state: "refused";
      reason: string;
    };

/**
 * A file named with `-o`, seen the way the writer sees it: a link is refused (the writer
 * does not write through one), and so is anything but a regular file (a check would block
 * on a named pipe, or read `/dev/zero` forever).
 */
export function inspectNamedFile(path: string): OutputState {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return { state: "missing" };
  }
  if (stat.isSymbolicLink()) {
    let to = "?";
    try {
      to = readlinkSync(path);
    } catch {
      // gone meanwhile
    }
    return {
      state: "refused",
      reason: `it is a symbolic link (to ${to}), and xmd does not write through symbolic links`,
    };
  }
  if (!stat.isFile()) return { state: "refused", reason: `it is ${kindOf(stat)}, not a regular file` };
  return { state: "file", path, size: stat.size };
}

function lineEndings(text: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > 0 && lf > 0 ? "mixed line endings" : crlf > 0 ? "CRLF line endings" : "LF line endings";
}

/**
 * Compares `rendered` with the output on disk (`found`, from `inspectOutput` or
 * {@link inspectNamedFile}); when they differ, a unified diff (its first `maxLines`
 * lines, or all of it). A carriage return is shown as `␍`, other control characters as
 * escapes (`\x1b`), and a difference in line endings alone is said in words, since the
 * diff would show identical lines. A file larger than `maxBytes` is not read.
 */
export async function compareWithDisk(
  found: OutputState,
  rendered: string,
  label: string,
  maxLines: number | null,
  maxBytes: number,
): Promise<Freshness> {
  if (found.state !== "file") return found;
  if (found.size > maxBytes)
    return {
      state: "stale",
      diff: `${label} is ${found.size} bytes on disk, more than the ${bytesInWords(maxBytes)} xmd reads (limit maxReadBytes): no diff shown\n`,
    };
  let current: string;
  try {
    current = readRegularText(found.path, maxBytes);
  } catch (e) {
    return { state: "refused", reason: (e as Error).message };
  }
  if (current === rendered) return { state: "fresh" };
  if (current.replace(/\r\n/g, "\n") === rendered.replace(/\r\n/g, "\n")) {
    return {
      state: "stale",
      diff: `only line endings differ: ${label} has ${lineEndings(current)}, the rendered output ${lineEndings(rendered)}\n`,
    };
  }
  const { createTwoFilesPatch } = await import("diff");
  // No headers: with empty ones, every ---/+++ line would end in a tab.
  const patch = createTwoFilesPatch(
    `${label} (on disk)`,
    `${label} (rendered)`,
    current,
    rendered,
    undefined,
    undefined,
    {
      context: 2,
    },
  );
  const lines = patch
    .split("\n")
    .filter((l) => !l.startsWith("=====") && !l.startsWith("Index: "))
    .map((l) => escapeControls(l.replace(/\r/g, "␍")));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (maxLines !== null && lines.length > maxLines) {
    return {
      state: "stale",
      diff: `${lines.slice(0, maxLines).join("\n")}\n… ${lines.length - maxLines} more lines (use --diff for all)\n`,
    };
  }
  return { state: "stale", diff: `${lines.join("\n")}\n` };
}

/**
 * Compares a file `--copy` would copy with the copy on disk (`found`), byte for byte, a
 * chunk at a time.
 */
export function compareCopy(
  source: string,
  found: OutputState,
): { state: "fresh" | "missing" | "stale" } | { state: "refused"; reason: string } {
  if (found.state !== "file") return found;
  let a: ReturnType<typeof openRegular> | null = null;
  let b: ReturnType<typeof openRegular> | null = null;
  try {
    a = openRegular(source);
    b = openRegular(found.path);
    if (a.stat.size !== b.stat.size) return { state: "stale" };
    const x = Buffer.allocUnsafe(1 << 20);
    const y = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readFully(a.fd, x);
      const m = readFully(b.fd, y);
      if (n !== m || !x.subarray(0, n).equals(y.subarray(0, m))) return { state: "stale" };
      if (n < x.length) return { state: "fresh" };
    }
  } catch (e) {
    return { state: "refused", reason: (e as Error).message };
  } finally {
    if (a !== null) closeSync(a.fd);
    if (b !== null) closeSync(b.fd);
  }
}
