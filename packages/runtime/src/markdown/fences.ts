/**
 * CommonMark fenced code blocks: recognising an opening fence line and finding the line
 * that closes it.
 * @module
 */
import type { ForwardSearch } from "./search.js";

/** An opening fence: its character, length, first info word and where its line ends. */
export interface FenceOpen {
  char: number;
  length: number;
  info: string;
  /** Offset just after the opening line's line break. */
  contentStart: number;
}

/** Offset just after the line break of the line at `p` (or `end`); `newlines` finds `\n`. */
export function lineEnd(newlines: ForwardSearch, p: number, end: number): number {
  const nl = newlines.next(p);
  return nl === -1 || nl >= end ? end : nl + 1;
}

/** If the line at `p` opens a fence (up to 3 spaces, then ≥3 backticks or tildes), describes it. */
export function openFence(source: string, newlines: ForwardSearch, p: number, end: number): FenceOpen | null {
  let q = p;
  while (q < end && q - p < 3 && source.charCodeAt(q) === 32) q++;
  const char = source.charCodeAt(q);
  if (char !== 96 && char !== 126) return null;
  let r = q;
  while (r < end && source.charCodeAt(r) === char) r++;
  const length = r - q;
  if (length < 3) return null;
  const after = lineEnd(newlines, r, end);
  const rest = source.slice(r, after);
  // A backtick fence's info string may not contain backticks.
  if (char === 96 && rest.includes("`")) return null;
  // The first word (trim drops the line break); split gives at least one part.
  const info = rest.trim().split(/\s+/, 1)[0] as string;
  return { char, length, info: info.toLowerCase(), contentStart: after };
}

/** Offset of the line that closes `fence`, searching from `from`; -1 when it never closes. */
export function closeFence(
  source: string,
  newlines: ForwardSearch,
  fence: FenceOpen,
  from: number,
  end: number,
): number {
  let p = from;
  while (p < end) {
    let q = p;
    while (q < end && q - p < 3 && source.charCodeAt(q) === 32) q++;
    let r = q;
    while (r < end && source.charCodeAt(r) === fence.char) r++;
    if (r - q >= fence.length) {
      const next = lineEnd(newlines, r, end);
      if (source.slice(r, next).trim() === "") return p;
    }
    p = lineEnd(newlines, p, end);
  }
  return -1;
}
