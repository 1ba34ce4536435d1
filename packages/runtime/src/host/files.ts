/**
 * File access inside the root: read, atomic write, exists, list, delete, and data files
 * (`.json`, `.yaml`, `.yml`) read into XMD values. In a dry run every operation goes through
 * the overlay (see ./overlay.ts) and the disk is only read.
 * @module
 */

import type { Host, HostStats } from "../api/host.js";
import { utf8Length } from "../output/utf8-length.js";
import { RuntimeFault } from "../values/fault.js";
import { platform } from "../values/platform.js";
import type { HostContext } from "./context.js";
import { extensionOf } from "./extension.js";
import { parseJsonText, parseYamlText } from "./formats.js";
import { errorCode } from "./host-error.js";
import {
  chargeWrite,
  dataTextCap,
  readCap,
  recordWrite,
  type SizeCap,
  tooLargeFault,
} from "./host-limits.js";
import { changesIn, hasWrittenUnder, type Overlay, overlaid } from "./overlay.js";
import { fromRoot, resolveInRoot, resolveOwnInRoot } from "./paths.js";
import { showPath } from "./shown-path.js";

export { showPath } from "./shown-path.js";

function systemReason(err: unknown): string {
  const code = errorCode(err);
  return code === "ENOENT"
    ? "no such file"
    : code === "EISDIR"
      ? "it is a folder"
      : code === "ENOTDIR"
        ? "a part of the path is not a folder"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "ENAMETOOLONG"
            ? "the path is too long for the system"
            : code === "ELOOP"
              ? "it goes through a loop of symbolic links"
              : code
                ? `the system refused (${code})`
                : (err as Error).message;
}

/** `cannot VERB "SHOWN": reason` for a failed system call. */
function systemFault(verb: string, shown: string, err: unknown): RuntimeFault {
  return new RuntimeFault("file", `cannot ${verb} "${shown}": ${systemReason(err)}`);
}

function fileFault(ctx: HostContext, verb: string, abs: string, err: unknown): RuntimeFault {
  return systemFault(verb, showPath(ctx, abs), err);
}

function missing(): Error & { code: string } {
  return Object.assign(new Error("no such file"), { code: "ENOENT" });
}

function kindOf(stat: HostStats): string {
  if (stat.kind === "pipe") return "a named pipe";
  if (stat.kind === "socket") return "a socket";
  if (stat.kind === "device") return "a device";
  return "not a regular file";
}

function tooLongForString(shown: string, maxStringLength: number): RuntimeFault {
  return new RuntimeFault(
    "file",
    `cannot read "${shown}": it is more than ${maxStringLength} bytes, and no JavaScript string can hold that much text`,
  );
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The UTF-8 text of the regular file at `abs` (`shown` names it in errors), at most
 * `cap.bytes` long. The host checks the file's kind and size before it reads it (see
 * {@link Host.readFile}): a named pipe would wait for ever for a writer, a device may never
 * end, and a file larger than the cap is refused by its size. At most the cap plus one byte
 * is read, so a file that grows after the check cannot get past it either.
 * Errors are RuntimeFaults: "file" (missing, a folder, not a regular file, a system refusal)
 * or "limit" (too large).
 */
export function readRegularFile(
  host: Host,
  abs: string,
  shown: string,
  cap: SizeCap,
  kind = "a file read",
): string {
  // A BOM stays: callers drop it where it is not part of the text.
  return utf8.decode(readRegularBytes(host, abs, shown, cap, kind));
}

/**
 * {@link readRegularFile}'s bytes, undecoded: one buffer, the size of the file (a document
 * is decoded once by the runtime, and its static text copied from these bytes).
 */
export function readRegularBytes(
  host: Host,
  abs: string,
  shown: string,
  cap: SizeCap,
  kind = "a file read",
): Uint8Array {
  const maxStringLength = platform().maxStringLength;
  const what = `"${shown}"`;
  const max = Math.min(cap.bytes, maxStringLength);
  const check = (stat: HostStats): number => {
    if (stat.kind === "folder") throw new RuntimeFault("file", `cannot read "${shown}": it is a folder`);
    if (stat.kind !== "file") {
      throw new RuntimeFault(
        "file",
        `cannot read "${shown}": it is ${kindOf(stat)}, and only regular files can be read`,
      );
    }
    if (stat.size > cap.bytes) throw tooLargeFault(what, stat.size, cap, kind);
    // Only with maxReadBytes raised past what one string can hold (about 512 MiB).
    if (stat.size > maxStringLength) throw tooLongForString(shown, maxStringLength);
    return max;
  };
  let bytes: Uint8Array | null;
  try {
    bytes = host.readFile(abs, check);
  } catch (err) {
    if (err instanceof RuntimeFault) throw err;
    throw systemFault("read", shown, err);
  }
  if (bytes === null)
    throw max < cap.bytes ? tooLongForString(shown, maxStringLength) : tooLargeFault(what, null, cap, kind);
  return bytes;
}

/**
 * What the dry run holds for a requested path (see {@link overlaid}); undefined when it holds
 * nothing or this is not a dry run. `abs` is the path resolved with {@link resolveInRoot}.
 */
function inOverlayAt(
  ctx: HostContext,
  requested: unknown,
  fromDir: string | undefined,
  abs: string,
): string | null | undefined {
  if (!ctx.overlay) return undefined;
  return overlaid(ctx.overlay, ownOrReal(ctx, requested, fromDir, abs), abs);
}

/** The location of the requested path itself (a final link not followed), or `abs` if that lies outside the root. */
function ownOrReal(ctx: HostContext, requested: unknown, fromDir: string | undefined, abs: string): string {
  try {
    return resolveOwnInRoot(ctx, requested, fromDir);
  } catch {
    // the path passes through a folder link that leaves the root and comes back: only its target counts
    return abs;
  }
}

/**
 * The text of a file (UTF-8), at most `cap` long (default: the run's `maxReadBytes`), from
 * the dry run's overlay when it holds the file. `kind` names what is capped in the message
 * ("a file read", "YAML text"). Records the file in `ctx.dependencies`.
 */
export function readText(
  ctx: HostContext,
  requested: unknown,
  fromDir?: string,
  cap: SizeCap = readCap(ctx.limits),
  kind = "a file read",
): string {
  const abs = resolveInRoot(ctx, requested, fromDir);
  let text: string;
  const inOverlay = inOverlayAt(ctx, requested, fromDir, abs);
  if (inOverlay === null) throw fileFault(ctx, "read", abs, missing());
  if (inOverlay !== undefined) {
    const bytes = utf8Length(inOverlay);
    if (bytes > cap.bytes) throw tooLargeFault(`"${showPath(ctx, abs)}"`, bytes, cap, kind);
    text = inOverlay;
  } else {
    text = readRegularFile(ctx.host, abs, showPath(ctx, abs), cap, kind);
  }
  ctx.dependencies.add(abs);
  return text;
}

/** What `abs` is on the host's disk (links followed), or null when nothing is there. */
function statOrNull(host: Host, abs: string): HostStats | null {
  try {
    return host.stat(abs);
  } catch {
    return null;
  }
}

function isFolderOnDisk(host: Host, abs: string): boolean {
  return statOrNull(host, abs)?.kind === "folder";
}

/**
 * Writes `text` to `abs` on the host's disk, creating the folders on the way; the host
 * replaces the file whole (the Node host: a temporary file renamed over the target, with the
 * permission bits of the file it replaces).
 */
function writeToDisk(ctx: HostContext, abs: string, text: string): void {
  const host = ctx.host;
  try {
    host.mkdir(host.path.dirname(abs));
  } catch (err) {
    throw fileFault(ctx, "create the folder of", abs, err);
  }
  if (isFolderOnDisk(host, abs))
    throw new RuntimeFault("file", `cannot write "${showPath(ctx, abs)}": it is a folder`);
  try {
    host.writeFile(abs, text);
  } catch (err) {
    throw fileFault(ctx, "write", abs, err);
  }
}

/**
 * A dry-run write: the checks a real write would fail on (the target or a folder on the way is
 * a file or folder of the wrong kind), then the text goes into the overlay. A path whose link
 * the dry run deleted is written as a new file there, as the disk would do.
 */
function writeToOverlay(ctx: HostContext, overlay: Overlay, own: string, abs: string, text: string): void {
  const host = ctx.host;
  const sep = host.path.sep;
  if (isFolderOnDisk(host, abs) || hasWrittenUnder(overlay, abs, sep)) {
    throw new RuntimeFault("file", `cannot write "${showPath(ctx, abs)}": it is a folder`);
  }
  const path = host.path;
  for (let dir = path.dirname(abs); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const inOverlay = overlay.get(dir);
    if (inOverlay === null) continue;
    if (inOverlay !== undefined) throw fileFault(ctx, "write", abs, { code: "ENOTDIR" });
    const stat = statOrNull(host, dir);
    if (stat?.kind === "folder") break;
    if (stat !== null) throw fileFault(ctx, "write", abs, { code: "ENOTDIR" });
  }
  overlay.set(overlay.get(own) === null ? own : abs, text);
}

/**
 * Writes `text` to a file atomically: a temporary file in the same folder, then a rename over
 * the target, so a reader sees the old content or the new, never half. Missing parent folders
 * (inside the root) are created. A failed write leaves the old file untouched and no temporary
 * file behind. An existing file keeps its permission bits. In a dry run the text goes to the
 * overlay instead. The text's UTF-8 bytes count against the run's `maxWriteBytes` (in a dry
 * run too), checked before anything is written. Records the file in `ctx.dependencies`.
 * Returns the absolute path.
 */
export function writeTextAtomic(
  ctx: HostContext,
  requested: unknown,
  text: string,
  fromDir?: string,
): string {
  const abs = resolveInRoot(ctx, requested, fromDir);
  refuseHidden(ctx, "write", abs);
  const bytes = utf8Length(text);
  chargeWrite(ctx, `"${showPath(ctx, abs)}"`, bytes);
  if (ctx.overlay) writeToOverlay(ctx, ctx.overlay, ownOrReal(ctx, requested, fromDir, abs), abs, text);
  else writeToDisk(ctx, abs, text);
  recordWrite(ctx, bytes);
  ctx.dependencies.add(abs);
  return abs;
}

/**
 * Refuses to change a hidden file or anything in a hidden folder: a name starting with
 * `.` on the way from the root (after links are followed). Tools run code from such
 * places — git from `.git/config` and `.git/hooks`, direnv from `.envrc`, editors and CI
 * from `.vscode/` and `.github/workflows/` — so a document that could write them could
 * run programs without `exec` being allowed. Reading them stays allowed.
 */
function refuseHidden(ctx: HostContext, verb: "write" | "delete", abs: string): void {
  const hidden = fromRoot(ctx, abs)
    .split(ctx.host.path.sep)
    .find((name) => name.startsWith("."));
  if (hidden === undefined) return;
  throw new RuntimeFault(
    "file",
    `cannot ${verb} "${showPath(ctx, abs)}": documents may not change hidden files or folders ("${hidden}")`,
    "tools such as git, direnv and editors run code from hidden files; write somewhere else",
  );
}

/** True when a file or folder exists at the path (the path must still be inside the root). */
export function fileExists(ctx: HostContext, requested: unknown, fromDir?: string): boolean {
  const abs = resolveInRoot(ctx, requested, fromDir);
  if (ctx.overlay) {
    const inOverlay = inOverlayAt(ctx, requested, fromDir, abs);
    if (inOverlay !== undefined) return inOverlay !== null;
    if (hasWrittenUnder(ctx.overlay, abs, ctx.host.path.sep)) return true;
  }
  return statOrNull(ctx.host, abs) !== null;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The names in a folder, sorted by code unit (files and folders, no `.`/`..`). */
export function listFolder(ctx: HostContext, requested: unknown): string[] {
  const abs = resolveInRoot(ctx, requested);
  const overlay = ctx.overlay;
  const inOverlay = inOverlayAt(ctx, requested, undefined, abs);
  if (inOverlay === null) throw fileFault(ctx, "list", abs, missing());
  if (inOverlay !== undefined)
    throw new RuntimeFault("file", `cannot list "${showPath(ctx, abs)}": it is not a folder`);
  const host = ctx.host;
  const sep = host.path.sep;
  let names: string[];
  try {
    names =
      overlay && statOrNull(host, abs) === null && hasWrittenUnder(overlay, abs, sep)
        ? []
        : host.readdir(abs);
  } catch (err) {
    if (errorCode(err) === "ENOTDIR")
      throw new RuntimeFault("file", `cannot list "${showPath(ctx, abs)}": it is not a folder`);
    throw fileFault(ctx, "list", abs, err);
  }
  if (overlay) {
    const { added, deleted } = changesIn(overlay, abs, sep);
    names = [...new Set([...names.filter((name) => !deleted.has(name)), ...added])];
  }
  return names.sort(byCodeUnit);
}

/**
 * Deletes a file. Returns true when it existed, false when there was nothing to delete.
 * Folders are refused. A symbolic link is deleted itself, never the file it points to (the
 * link's own location must be inside the root; where it points does not matter). In a dry
 * run the deletion is recorded in the overlay.
 */
export function deleteFile(ctx: HostContext, requested: unknown): boolean {
  const own = resolveOwnInRoot(ctx, requested);
  refuseHidden(ctx, "delete", own);
  const folder = () => new RuntimeFault("file", `cannot delete "${showPath(ctx, own)}": it is a folder`);
  const overlay = ctx.overlay;
  if (overlay) {
    const inOverlay = overlay.get(own);
    if (inOverlay !== undefined) {
      overlay.set(own, null);
      return inOverlay !== null;
    }
    if (hasWrittenUnder(overlay, own, ctx.host.path.sep)) throw folder();
  }
  let stat: HostStats;
  try {
    stat = ctx.host.lstat(own);
  } catch {
    return false;
  }
  if (stat.kind === "folder") throw folder();
  if (overlay) {
    overlay.set(own, null);
    return true;
  }
  try {
    ctx.host.unlink(own);
  } catch (err) {
    throw fileFault(ctx, "delete", own, err);
  }
  return true;
}

/** The data format of a file name, by extension; null when it is not a data file. */
export function dataFormatOf(file: string): "json" | "yaml" | null {
  const ext = extensionOf(file).toLowerCase();
  return ext === ".json" ? "json" : ext === ".yaml" || ext === ".yml" ? "yaml" : null;
}

/** Throws unless the file name is a data file. */
export function expectDataFormat(ctx: HostContext, abs: string): "json" | "yaml" {
  const format = dataFormatOf(abs);
  if (format === null) {
    throw new RuntimeFault(
      "data",
      `"${showPath(ctx, abs)}" is not a data file: data files end in .json, .yaml or .yml`,
    );
  }
  return format;
}

/** Parses data text in a format; errors name the file and the line. */
export function parseData(ctx: HostContext, abs: string, text: string, format: "json" | "yaml"): unknown {
  const source = `data file "${showPath(ctx, abs)}"`;
  return format === "json" ? parseJsonText(ctx, text, source) : parseYamlText(ctx, text, source);
}

/**
 * The text of a data file, at most as long as the format's cap allows (see
 * {@link dataTextCap}: 64 MiB of JSON, 4 MiB of YAML with the default limits), refused by its
 * size before it is read. Records it in `ctx.dependencies`.
 */
export function readDataText(
  ctx: HostContext,
  requested: unknown,
  format: "json" | "yaml",
  fromDir?: string,
): string {
  const kind = format === "json" ? "JSON text" : "YAML text";
  return readText(ctx, requested, fromDir, dataTextCap(ctx.limits, format), kind);
}

/** Reads a `.json`/`.yaml`/`.yml` file into a value. Records it in `ctx.dependencies`. */
export function loadDataFile(ctx: HostContext, requested: unknown, fromDir?: string): unknown {
  const abs = resolveInRoot(ctx, requested, fromDir);
  const format = expectDataFormat(ctx, abs);
  return parseData(ctx, abs, readDataText(ctx, requested, format, fromDir), format);
}
