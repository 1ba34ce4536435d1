/**
 * Root confinement: every file a document touches (`import`, `File.*`, `get`/`put`) must
 * lie inside the root, after `..` is applied and after symbolic links are followed.
 * @module
 */

import type { Host, HostPath, HostStats } from "../api/host.js";
import { RuntimeFault } from "../values/fault.js";
import { describe } from "./args.js";
import type { HostContext } from "./context.js";
import { errorCode } from "./host-error.js";
import { shortenPath } from "./shown-path.js";

/** True when `candidate` is `root` or lies under it (both absolute and normalised), by `path`'s rules. */
export function isInside(path: HostPath, root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  if (rel === "") return true;
  if (path.isAbsolute(rel)) return false;
  return rel !== ".." && !rel.startsWith(`..${path.sep}`);
}

function outside(ctx: HostContext, requested: string, reason?: string): RuntimeFault {
  return new RuntimeFault(
    "outside-root",
    `path "${shortenPath(requested)}" is outside the root ${ctx.root}${reason ? ` (${reason})` : ""}`,
    "documents may only touch files under the root; use --root to choose another root",
  );
}

const MAX_LINKS = 40;

/** A path the system refused to resolve (a loop of links, too long, no permission). */
function unresolvable(asked: string, code: string | undefined): RuntimeFault {
  const shown = `path "${shortenPath(asked)}"`;
  switch (code) {
    case "ELOOP":
      return new RuntimeFault("file", `${shown} goes through a loop of symbolic links`);
    case "ENAMETOOLONG":
      return new RuntimeFault("file", `${shown} is too long for the system`);
    case "EACCES":
    case "EPERM":
      return new RuntimeFault("file", `${shown} cannot be resolved: permission denied`);
    default:
      return new RuntimeFault("file", `${shown} cannot be resolved (${code ?? "unknown error"})`);
  }
}

/**
 * The real location of `abs`: symbolic links in every existing component followed; parts
 * that do not exist yet are appended as they are. A dangling link is followed to its target
 * (so a write through it cannot land outside the root). `asked`: the path errors name, the
 * one first asked for while links are being followed.
 */
export function realLocation(host: Host, abs: string, hops = 0, asked = abs): string {
  const path = host.path;
  const rest: string[] = [];
  let existing = abs;
  for (;;) {
    try {
      const real = host.realpath(existing);
      return rest.length === 0 ? real : path.join(real, ...rest.reverse());
    } catch (err) {
      const code = errorCode(err);
      if (code !== "ENOENT" && code !== "ENOTDIR") throw unresolvable(asked, code);
    }
    let stat: HostStats | undefined;
    try {
      stat = host.lstat(existing);
    } catch {
      stat = undefined;
    }
    if (stat?.kind === "link") {
      if (hops >= MAX_LINKS)
        throw new RuntimeFault("file", `path "${shortenPath(asked)}" goes through too many symbolic links`);
      const target = path.resolve(path.dirname(existing), host.readlink(existing));
      const next = rest.length === 0 ? target : path.join(target, ...rest.reverse());
      return realLocation(host, next, hops + 1, asked);
    }
    const parent = path.dirname(existing);
    if (parent === existing) return abs;
    rest.push(path.basename(existing));
    existing = parent;
  }
}

let cachedRoot: { host: Host; given: string; real: string } | null = null;

function realRoot(host: Host, root: string): string {
  if (cachedRoot?.given === root && cachedRoot.host === host) return cachedRoot.real;
  let real: string;
  try {
    real = host.realpath(root);
  } catch {
    real = host.path.resolve(root);
  }
  cachedRoot = { host, given: root, real };
  return real;
}

/**
 * The absolute, symlink-resolved path of `requested` (relative to `fromDir`, default the
 * document's folder). Throws "outside-root" when the path — lexically, or once symbolic
 * links are followed — leaves `ctx.root`, and for NUL bytes. `%2e%2e` is a literal name:
 * XMD paths are not URLs.
 */
export function resolveInRoot(ctx: HostContext, requested: unknown, fromDir: string = ctx.baseDir): string {
  const { root, lexical } = lexicalInRoot(ctx, requested, fromDir);
  return checkedReal(ctx, root, requested as string, realLocation(ctx.host, lexical));
}

/**
 * Like {@link resolveInRoot}, but a final symbolic link is not followed: the location of the
 * link itself (folders on the way are followed). For operations on the link, such as delete.
 */
export function resolveOwnInRoot(
  ctx: HostContext,
  requested: unknown,
  fromDir: string = ctx.baseDir,
): string {
  const { root, lexical } = lexicalInRoot(ctx, requested, fromDir);
  const host = ctx.host;
  if (lexical === root) return checkedReal(ctx, root, requested as string, realLocation(host, lexical));
  const path = host.path;
  const own = path.join(realLocation(host, path.dirname(lexical)), path.basename(lexical));
  return checkedReal(ctx, root, requested as string, own);
}

/** Checks a requested path as text and returns the root and the path with `..` applied. */
function lexicalInRoot(
  ctx: HostContext,
  requested: unknown,
  fromDir: string,
): { root: string; lexical: string } {
  if (typeof requested !== "string") {
    throw new RuntimeFault("type", `a file path must be a string, not ${describe(requested)}`);
  }
  if (requested === "") throw new RuntimeFault("file", "the file path is empty");
  if (requested.includes("\0")) {
    throw new RuntimeFault(
      "outside-root",
      `path ${shortenPath(JSON.stringify(requested))} contains a NUL byte and is refused: it could reach outside the root ${ctx.root}`,
    );
  }
  const path = ctx.host.path;
  const root = path.resolve(ctx.root);
  const lexical = path.resolve(fromDir, requested);
  if (!isInside(path, root, lexical)) throw outside(ctx, requested);
  return { root, lexical };
}

/** `abs` (inside the root) relative to the root, whether `abs` is real or as given. */
export function fromRoot(ctx: HostContext, abs: string): string {
  const path = ctx.host.path;
  const given = path.resolve(ctx.root);
  const real = realRoot(ctx.host, given);
  return path.relative(isInside(path, real, abs) ? real : given, abs);
}

function checkedReal(ctx: HostContext, root: string, requested: string, real: string): string {
  const path = ctx.host.path;
  if (!isInside(path, realRoot(ctx.host, root), real) && !isInside(path, root, real)) {
    throw outside(ctx, requested, "through a symbolic link");
  }
  return real;
}
