/**
 * Finding the file an `import` names, through the same root checks and dry-run overlay as
 * every other file access: `import "x.json"` is that file; `import Tasks` is the first of
 * `Tasks.xmd`, `Tasks.xm`, `Tasks.md`, … that exists, and when none does, the error lists
 * the names tried.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import type { HostContext } from "./context.js";
import { hasWrittenUnder, overlaid } from "./overlay.js";
import { resolveInRoot } from "./paths.js";

/** True when `abs` (resolved inside the root) is a regular file, as the dry run sees it. */
export function isRegularFile(ctx: HostContext, abs: string): boolean {
  if (ctx.overlay) {
    const inOverlay = overlaid(ctx.overlay, abs, abs);
    if (inOverlay !== undefined) return inOverlay !== null;
    if (hasWrittenUnder(ctx.overlay, abs, ctx.host.path.sep)) return false;
  }
  try {
    return ctx.host.stat(abs).kind === "file";
  } catch {
    return false;
  }
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/**
 * The absolute path of the file `requested` names, from the importing file's folder
 * (`fromDir`, default the document's). A name with an extension is returned as it resolves
 * (reading it reports a missing file); a bare name tries each of `extensions` in order and is
 * a "file" error naming every file tried when none exists.
 */
export function locateImport(
  ctx: HostContext,
  requested: string,
  extensions: readonly string[],
  fromDir: string = ctx.baseDir,
): string {
  const direct = resolveInRoot(ctx, requested, fromDir);
  if (ctx.host.path.extname(requested) !== "") return direct;
  const tried: string[] = [];
  for (const ext of extensions) {
    const candidate = resolveInRoot(ctx, requested + ext, fromDir);
    if (isRegularFile(ctx, candidate)) return candidate;
    tried.push(`${requested}${ext}`);
  }
  throw new RuntimeFault(
    "file",
    `cannot import "${requested}": there is no ${listed(tried)}`,
    "imports are found from the importing file's folder; give the file's extension to import another kind of file",
  );
}
