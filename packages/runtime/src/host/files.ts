/**
 * File access inside the root: read, atomic write, exists, list, delete, and data files
 * (`.json`, `.yaml`, `.yml`) read into XMD values. In a dry run every operation goes through
 * the overlay (see ./overlay.ts) and the disk is only read.
 * @module
 */
import { constants as bufferConstants } from "node:buffer";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RuntimeFault } from "../values/fault.js";
import type { HostContext } from "./context.js";
import { parseJsonText, parseYamlText } from "./formats.js";
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

/** The most characters a JavaScript string holds: text read in one piece must fit in one. */
const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

function systemReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
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

function missing(): NodeJS.ErrnoException {
  return Object.assign(new Error("no such file"), { code: "ENOENT" });
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a regular file";
}

function tooLongForString(shown: string): RuntimeFault {
  return new RuntimeFault(
    "file",
    `cannot read "${shown}": it is more than ${MAX_STRING_LENGTH} bytes, and no JavaScript string can hold that much text`,
  );
}

/** Bytes read at a time from a file that is larger than it said (or says 0, as /proc files do). */
const READ_CHUNK = 64 * 1024;

/**
 * (Exported for tests.) Reads at most `max + 1` bytes from `fd`, starting with a buffer for the `size` fstat gave:
 * a file that grows while it is read never gets more than one byte past the cap in.
 * Returns the bytes read, or null when there were more than `max`.
 */
export function readAtMost(fd: number, size: number, max: number): Buffer | null {
  let buffer = Buffer.allocUnsafe(Math.min(size, max) + 1);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      if (filled > max) return null;
      const grown = Buffer.allocUnsafe(Math.min(filled + Math.max(filled, READ_CHUNK), max + 1));
      buffer.copy(grown, 0, 0, filled);
      buffer = grown;
    }
    const n = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
    if (n === 0) return buffer.subarray(0, filled);
    filled += n;
  }
}

/**
 * The UTF-8 text of the regular file at `abs` (`shown` names it in errors), at most
 * `cap.bytes` long. The path is checked with stat, then opened without blocking and checked
 * again with fstat on the open descriptor before anything is read: a named pipe would wait for ever for a writer, a device
 * may never end, and a file larger than the cap is refused by its size. At most the cap plus
 * one byte is read, so a file that grows after the check cannot get past it either.
 * Errors are RuntimeFaults: "file" (missing, a folder, not a regular file, a system refusal)
 * or "limit" (too large).
 */
export function readRegularFile(abs: string, shown: string, cap: SizeCap, kind = "a file read"): string {
  return readRegularBytes(abs, shown, cap, kind).toString("utf8");
}

/**
 * {@link readRegularFile}'s bytes, undecoded: one buffer, the size of the file (a document
 * is decoded once by the runtime, and its static text copied from these bytes).
 */
export function readRegularBytes(abs: string, shown: string, cap: SizeCap, kind = "a file read"): Buffer {
  const refuseUnlessRegular = (stat: fs.Stats) => {
    if (stat.isDirectory()) throw new RuntimeFault("file", `cannot read "${shown}": it is a folder`);
    if (!stat.isFile()) {
      throw new RuntimeFault(
        "file",
        `cannot read "${shown}": it is ${kindOf(stat)}, and only regular files can be read`,
      );
    }
  };
  let fd: number;
  try {
    // A device is refused before it is opened (opening some has effects of its own); the
    // descriptor is checked again below, in case the path changed in between.
    refuseUnlessRegular(fs.statSync(abs));
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (err instanceof RuntimeFault) throw err;
    throw systemFault("read", shown, err);
  }
  try {
    const stat = fs.fstatSync(fd);
    refuseUnlessRegular(stat);
    const what = `"${shown}"`;
    if (stat.size > cap.bytes) throw tooLargeFault(what, stat.size, cap, kind);
    // Only with maxReadBytes raised past what one string can hold (about 512 MiB).
    if (stat.size > MAX_STRING_LENGTH) throw tooLongForString(shown);
    const max = Math.min(cap.bytes, MAX_STRING_LENGTH);
    const bytes = readAtMost(fd, stat.size, max);
    if (bytes === null)
      throw max < cap.bytes ? tooLongForString(shown) : tooLargeFault(what, null, cap, kind);
    return bytes;
  } catch (err) {
    if (err instanceof RuntimeFault) throw err;
    throw systemFault("read", shown, err);
  } finally {
    fs.closeSync(fd);
  }
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
    const bytes = Buffer.byteLength(inOverlay, "utf8");
    if (bytes > cap.bytes) throw tooLargeFault(`"${showPath(ctx, abs)}"`, bytes, cap, kind);
    text = inOverlay;
  } else {
    text = readRegularFile(abs, showPath(ctx, abs), cap, kind);
  }
  ctx.dependencies.add(abs);
  return text;
}

function isFolderOnDisk(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** The permission bits of an existing file, or null when there is none. */
function modeOf(abs: string): number | null {
  try {
    return fs.statSync(abs).mode & 0o777;
  } catch {
    return null;
  }
}

/**
 * Writes `text` to `abs` on disk: a temporary file in the same folder, then a rename over the
 * target. The temporary file is private (0600) while it is written; it then gets the
 * permission bits of the file it replaces (a private file stays private), or 0644 (less the
 * umask) for a new file. Set-id and sticky bits are not carried over.
 */
function writeToDisk(ctx: HostContext, abs: string, text: string): void {
  const dir = path.dirname(abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fileFault(ctx, "create the folder of", abs, err);
  }
  if (isFolderOnDisk(abs))
    throw new RuntimeFault("file", `cannot write "${showPath(ctx, abs)}": it is a folder`);
  const mode = modeOf(abs);
  const temp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = fs.openSync(temp, "wx", mode === null ? 0o644 : 0o600);
    try {
      if (mode !== null) fs.fchmodSync(fd, mode);
      fs.writeFileSync(fd, text, "utf8");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, abs);
  } catch (err) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // best effort
    }
    throw fileFault(ctx, "write", abs, err);
  }
}

/**
 * A dry-run write: the checks a real write would fail on (the target or a folder on the way is
 * a file or folder of the wrong kind), then the text goes into the overlay. A path whose link
 * the dry run deleted is written as a new file there, as the disk would do.
 */
function writeToOverlay(ctx: HostContext, overlay: Overlay, own: string, abs: string, text: string): void {
  if (isFolderOnDisk(abs) || hasWrittenUnder(overlay, abs)) {
    throw new RuntimeFault("file", `cannot write "${showPath(ctx, abs)}": it is a folder`);
  }
  for (let dir = path.dirname(abs); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const inOverlay = overlay.get(dir);
    if (inOverlay === null) continue;
    if (inOverlay !== undefined) throw fileFault(ctx, "write", abs, { code: "ENOTDIR" });
    if (isFolderOnDisk(dir)) break;
    if (fs.existsSync(dir)) throw fileFault(ctx, "write", abs, { code: "ENOTDIR" });
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
  const bytes = Buffer.byteLength(text, "utf8");
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
    .split(path.sep)
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
    if (hasWrittenUnder(ctx.overlay, abs)) return true;
  }
  return fs.existsSync(abs);
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
  let names: string[];
  try {
    names = overlay && !fs.existsSync(abs) && hasWrittenUnder(overlay, abs) ? [] : fs.readdirSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR")
      throw new RuntimeFault("file", `cannot list "${showPath(ctx, abs)}": it is not a folder`);
    throw fileFault(ctx, "list", abs, err);
  }
  if (overlay) {
    const { added, deleted } = changesIn(overlay, abs);
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
    if (hasWrittenUnder(overlay, own)) throw folder();
  }
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(own);
  } catch {
    return false;
  }
  if (stat.isDirectory()) throw folder();
  if (overlay) {
    overlay.set(own, null);
    return true;
  }
  try {
    fs.unlinkSync(own);
  } catch (err) {
    throw fileFault(ctx, "delete", own, err);
  }
  return true;
}

/** The data format of a file name, by extension; null when it is not a data file. */
export function dataFormatOf(file: string): "json" | "yaml" | null {
  const ext = path.extname(file).toLowerCase();
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
