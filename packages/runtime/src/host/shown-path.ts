/**
 * Paths as messages show them: relative to the root when inside it, and never kilobytes
 * long (a path too long for the system would otherwise be echoed whole in its own error).
 * @module
 */
import type { HostContext } from "./context.js";

/** The longest path a message shows whole; longer ones keep their start and end. */
const MAX_SHOWN_PATH = 160;
/** Characters kept on each side of a shortened path. */
const SHOWN_PATH_END = 60;

/** `text` itself when short; else its start and end around "…", with the full length. */
export function shortenPath(text: string): string {
  if (text.length <= MAX_SHOWN_PATH) return text;
  return `${text.slice(0, SHOWN_PATH_END)}…${text.slice(-SHOWN_PATH_END)} (${text.length} characters)`;
}

/** How a path is shown in messages: relative to the root (with `/`) when inside it, else absolute; shortened when long. */
export function showPath(ctx: HostContext, abs: string): string {
  const path = ctx.host.path;
  const rel = path.relative(ctx.root, abs);
  if (rel === "") return ".";
  const outside = rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return shortenPath(outside ? abs : rel.split(path.sep).join("/"));
}
