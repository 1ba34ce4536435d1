/**
 * Comparing paths as the file system sees them: two names for one file (a symlinked
 * folder, `a/../b`) are the same file, so inputs and outputs are compared by real path.
 * @module
 */
import { readlinkSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";

/**
 * The path with every symlink resolved. A path that does not exist yet (an output about
 * to be written) resolves through its nearest existing folder; a dangling symlink
 * resolves to where it points.
 */
export function realPath(path: string, hops = 0): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // does not exist (yet), or a dangling link
  }
  if (hops < 40) {
    try {
      return realPath(resolve(dirname(abs), readlinkSync(abs)), hops + 1);
    } catch {
      // not a link
    }
  }
  const parent = dirname(abs);
  return parent === abs ? abs : join(realPath(parent, hops), basename(abs));
}

/** Whether `path` is `folder` or inside it (both absolute, both real). */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}
