/**
 * Finding the documents of a tree: every `.md`/`.xmd`/`.xm` file under the source
 * folder, filtered by `--include`/`--exclude` globs, never descending into the output
 * folder, `.git` or `node_modules`.
 * @module
 */
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DOCUMENT } from "./files.js";

export interface TreeFiles {
  /** Relative paths (with /) of documents. */
  documents: string[];
  /** Relative paths of other files (copied with --copy). */
  others: string[];
}

export async function walkTree(
  src: string,
  skip: string | null,
  include: string[],
  exclude: string[],
): Promise<TreeFiles> {
  const { default: picomatch } = await import("picomatch");
  const included = include.length ? picomatch(include, { dot: true }) : () => true;
  const excluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  const documents: string[] = [];
  const others: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === "node_modules" || entry.name === ".git" || full === skip) continue;
        visit(full);
      } else if (entry.isFile()) {
        const rel = relative(src, full).split(sep).join("/");
        if (!included(rel) || excluded(rel)) continue;
        if (DOCUMENT.test(entry.name)) documents.push(rel);
        else others.push(rel);
      }
    }
  };
  visit(src);
  return { documents, others };
}
