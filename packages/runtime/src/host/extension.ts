/**
 * The extension of a file name, for the places that only look at a name (a data link's file,
 * a document's language), with no host at hand. Its result is `node:path`'s POSIX `extname`:
 * the part of the last segment from its last dot, or `""` when that dot starts the segment
 * (`.json` is a hidden file with no extension) or there is none.
 * @module
 */

/** The extension of the last `/`-separated segment of `name`, dot included (`.md`), or `""`. */
export function extensionOf(name: string): string {
  let end = name.length;
  while (end > 1 && name.charCodeAt(end - 1) === 0x2f) end--;
  const segment = name.slice(name.lastIndexOf("/", end - 1) + 1, end);
  const dot = segment.lastIndexOf(".");
  if (dot <= 0 || segment === "..") return "";
  return segment.slice(dot);
}
