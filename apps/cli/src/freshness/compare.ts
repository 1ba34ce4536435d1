/**
 * `--check`: compare what a build would write with what is on disk.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";

/** How an output on disk compares with what would be written. */
export type Freshness = { state: "fresh" } | { state: "missing" } | { state: "stale"; diff: string };

function lineEndings(text: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > 0 && lf > 0 ? "mixed line endings" : crlf > 0 ? "CRLF line endings" : "LF line endings";
}

/**
 * Compares `rendered` with the file at `path`; when they differ, a unified diff (its first
 * `maxLines` lines, or all of it). A carriage return is shown as `␍`, and a difference in
 * line endings alone is said in words, since the diff would show identical lines.
 */
export async function compareWithDisk(
  path: string,
  rendered: string,
  label: string,
  maxLines: number | null,
): Promise<Freshness> {
  if (!existsSync(path)) return { state: "missing" };
  const current = readFileSync(path, "utf8");
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
    .map((l) => l.replace(/\r$/, "␍"));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (maxLines !== null && lines.length > maxLines) {
    return {
      state: "stale",
      diff: `${lines.slice(0, maxLines).join("\n")}\n… ${lines.length - maxLines} more lines (use --diff for all)\n`,
    };
  }
  return { state: "stale", diff: `${lines.join("\n")}\n` };
}

/** Compares a file `--copy` would copy with the copy on disk, byte for byte. */
export function compareCopy(source: string, target: string): "fresh" | "missing" | "stale" {
  if (!existsSync(target)) return "missing";
  return readFileSync(source).equals(readFileSync(target)) ? "fresh" : "stale";
}
