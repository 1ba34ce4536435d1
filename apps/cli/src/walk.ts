/**
 * Finding the documents of a tree: every `.md`/`.xmd`/`.xm` file under the source
 * folder, filtered by `--include`/`--exclude` globs, never descending into the output
 * folder, `.git` or `node_modules`. Symlinks are not followed. Devices, named pipes and
 * sockets are listed apart, to be reported: reading one would block or never end.
 * @module
 */
import { type Dirent, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DOCUMENT } from "./output/output-names.js";

/** What a tree holds. */
export interface TreeFiles {
  /** Relative paths (with /) of documents. */
  documents: string[];
  /** Relative paths of other files (copied with --copy). */
  others: string[];
  /** Devices, named pipes and sockets (relative paths), with what each is, in words. */
  special: { path: string; kind: string; document: boolean }[];
}

/** What a directory entry that is neither a file, a folder nor a link is, in words. */
function specialKind(entry: Dirent): string | null {
  if (entry.isFIFO()) return "a named pipe";
  if (entry.isCharacterDevice()) return "a character device";
  if (entry.isBlockDevice()) return "a block device";
  if (entry.isSocket()) return "a socket";
  return null;
}

/** Whether a file (by its path relative to the source folder, with /) passes the globs. */
export type FileFilter = (relative: string) => boolean;

/** The `--include` / `--exclude` test, the same for `build` and for files `watch` sees appear. */
export async function fileFilter(
  include: readonly string[],
  exclude: readonly string[],
): Promise<FileFilter> {
  const { default: picomatch } = await import("picomatch");
  const included = include.length ? picomatch([...include], { dot: true }) : () => true;
  const excluded = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  return (rel) => included(rel) && !excluded(rel);
}

/** A path relative to `src`, with `/` on every system. */
export function relativeTo(src: string, path: string): string {
  return relative(src, path).split(sep).join("/");
}

/** Lists the tree under `src` (real path), skipping the folder `skip` (real path) if it is inside. */
export function walkTree(src: string, skip: string | null, accepts: FileFilter): TreeFiles {
  const documents: string[] = [];
  const others: string[] = [];
  const special: TreeFiles["special"] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === "node_modules" || entry.name === ".git" || full === skip) continue;
        visit(full);
      } else if (entry.isFile()) {
        const rel = relativeTo(src, full);
        if (!accepts(rel)) continue;
        if (DOCUMENT.test(entry.name)) documents.push(rel);
        else others.push(rel);
      } else {
        const kind = specialKind(entry);
        if (kind === null) continue;
        const rel = relativeTo(src, full);
        if (accepts(rel)) special.push({ path: rel, kind, document: DOCUMENT.test(entry.name) });
      }
    }
  };
  visit(src);
  return { documents, others, special };
}
