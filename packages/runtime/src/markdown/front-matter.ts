/**
 * Front matter: a YAML block between `---` lines at the very top of a markdown document,
 * as Jekyll, Hugo, Astro and Quarto read it. Its keys are variables of the document.
 * @module
 */

/** Where a document's front matter is. */
export interface FrontMatter {
  /** Where the YAML text starts: after the opening `---` line. */
  yamlStart: number;
  /** Where the YAML text ends: at the start of the closing line. */
  yamlEnd: number;
  /** Where the block ends: after the closing line and its line break. */
  end: number;
}

/**
 * The front matter at the start of `source`, or null. It opens with a line that is
 * exactly `---` (trailing spaces allowed) on the first line, and closes with the next
 * line that is `---` or `...`. An opening line with no closing line is not front
 * matter (a thematic break, in markdown).
 */
export function findFrontMatter(source: string): FrontMatter | null {
  const first = lineAt(source, 0);
  if (!isFence(source, 0, first.contentEnd, false)) return null;
  let at = first.next;
  while (at < source.length) {
    const line = lineAt(source, at);
    if (isFence(source, at, line.contentEnd, true))
      return { yamlStart: first.next, yamlEnd: at, end: line.next };
    at = line.next;
  }
  return null;
}

/** The line starting at `at`: where its text ends (before the break) and where the next one starts. */
function lineAt(source: string, at: number): { contentEnd: number; next: number } {
  const nl = source.indexOf("\n", at);
  if (nl === -1) return { contentEnd: source.length, next: source.length };
  return { contentEnd: nl > at && source.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, next: nl + 1 };
}

/** Whether source[start, end) is `---` (or, closing, `...`) with only spaces after it. */
function isFence(source: string, start: number, end: number, closing: boolean): boolean {
  const word = source.slice(start, start + 3);
  if (word !== "---" && !(closing && word === "...")) return false;
  for (let i = start + 3; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
