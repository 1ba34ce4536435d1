/**
 * Which documents there are and what each becomes: `.xmd`/`.xm` are renamed to `.md`,
 * so `a.md`, `a.xm` and `a.xmd` would all become `a.md`. Such collisions are found
 * before anything is written, and none of the colliding documents is written.
 * @module
 */

/** Document files by extension. */
export const DOCUMENT = /\.(md|xmd|xm)$/i;

/** Output name of a document: `.xmd` / `.xm` become `.md`. */
export function outputName(relative: string): string {
  return relative.replace(/\.(xmd|xm)$/i, ".md");
}

/** Output names that more than one document maps to, each with its documents (sorted). */
export function outputCollisions(documents: Iterable<string>): Map<string, string[]> {
  const byOutput = new Map<string, string[]>();
  for (const doc of documents) {
    const name = outputName(doc);
    const sources = byOutput.get(name);
    if (sources === undefined) byOutput.set(name, [doc]);
    else sources.push(doc);
  }
  for (const [name, sources] of byOutput) {
    if (sources.length < 2) byOutput.delete(name);
    else sources.sort();
  }
  return byOutput;
}

/** "a.md, a.xm and a.xmd" */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
