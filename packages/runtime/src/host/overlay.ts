/**
 * The dry-run overlay (`RuntimeOptions.dryRun`, used by `xmd --check`): writes and deletes are
 * kept in `ctx.overlay` (absolute path → text, or null for deleted) instead of touching the
 * disk, and every file operation looks there before it looks at the disk. Folders are never
 * written: a written file implies its folders, as `File.write` would have created them.
 * @module
 */
/** An overlay: absolute path → the text written, or null when the file was deleted. */
export type Overlay = Map<string, string | null>;

/**
 * What the dry run has done to a file: its text, null when deleted, undefined when untouched.
 * `own` is the path itself and `real` the path with symbolic links followed; the two differ
 * only for a link, and a deleted link (recorded under `own`) hides what it pointed to.
 */
export function overlaid(overlay: Overlay, own: string, real: string): string | null | undefined {
  const mine = overlay.get(own);
  return mine !== undefined || own === real ? mine : overlay.get(real);
}

/**
 * True when the dry run has written a file somewhere under `dir` (so the folder exists).
 * `sep` is the host's path separator.
 */
export function hasWrittenUnder(overlay: Overlay, dir: string, sep = "/"): boolean {
  const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
  for (const [file, text] of overlay) if (text !== null && file.startsWith(prefix)) return true;
  return false;
}

/** Names the dry run added directly in `dir` (files, and folders its files imply) and files it deleted there. */
export function changesIn(
  overlay: Overlay,
  dir: string,
  sep = "/",
): { added: Set<string>; deleted: Set<string> } {
  const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
  const added = new Set<string>();
  const deleted = new Set<string>();
  for (const [file, text] of overlay) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const name = rest.split(sep)[0]!;
    if (text !== null) added.add(name);
    else if (name === rest) deleted.add(name);
  }
  for (const name of added) deleted.delete(name);
  return { added, deleted };
}
