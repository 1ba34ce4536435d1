/**
 * File access inside the root: read, atomic write, exists, list, delete, and data files
 * (`.json`, `.yaml`, `.yml`) read into XMD values. In a dry run every operation goes through
 * the overlay (see ./overlay.ts) and the disk is only read.
 * @module
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RuntimeFault } from "../values/fault.js";
import type { HostContext } from "./context.js";
import { parseJsonText, parseYamlText } from "./formats.js";
import { changesIn, hasWrittenUnder, type Overlay, overlaid } from "./overlay.js";
import { resolveInRoot, resolveOwnInRoot } from "./paths.js";
import { showPath } from "./shown-path.js";

export { showPath } from "./shown-path.js";

/**
 * The largest data file (`.json`, `.yaml`, `.yml`) read, in bytes. Parsing holds the text
 * and the values made from it, several times the file's size; a larger file is refused
 * with an error rather than filling the memory.
 */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;

function fileFault(ctx: HostContext, verb: string, abs: string, err: unknown): RuntimeFault {
  const code = (err as NodeJS.ErrnoException).code;
  const shown = `"${showPath(ctx, abs)}"`;
  const reason =
    code === "ENOENT"
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
  return new RuntimeFault("file", `cannot ${verb} ${shown}: ${reason}`);
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

function tooLarge(ctx: HostContext, abs: string, bytes: number, maxBytes: number): RuntimeFault {
  return new RuntimeFault(
    "data",
    `data file "${showPath(ctx, abs)}" is too large: ${bytes} bytes, and data files may be at most ${maxBytes / (1024 * 1024)} MiB (${maxBytes} bytes)`,
  );
}

/**
 * Reads a regular file. The file is opened without blocking and checked before anything is
 * read: reading a named pipe would wait forever for a writer, and a device may never end.
 */
function readRegularFile(ctx: HostContext, abs: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fileFault(ctx, "read", abs, err);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory())
      throw new RuntimeFault("file", `cannot read "${showPath(ctx, abs)}": it is a folder`);
    if (!stat.isFile()) {
      throw new RuntimeFault(
        "file",
        `cannot read "${showPath(ctx, abs)}": it is ${kindOf(stat)}, and only regular files can be read`,
      );
    }
    if (stat.size > maxBytes) throw tooLarge(ctx, abs, stat.size, maxBytes);
    return fs.readFileSync(fd, "utf8");
  } catch (err) {
    if (err instanceof RuntimeFault) throw err;
    throw fileFault(ctx, "read", abs, err);
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

/** The text of a file (UTF-8), at most `maxBytes` long. Records the file in `ctx.dependencies`. */
export function readText(
  ctx: HostContext,
  requested: unknown,
  fromDir?: string,
  maxBytes = Number.POSITIVE_INFINITY,
): string {
  const abs = resolveInRoot(ctx, requested, fromDir);
  let text: string;
  const inOverlay = inOverlayAt(ctx, requested, fromDir, abs);
  if (inOverlay === null) throw fileFault(ctx, "read", abs, missing());
  if (inOverlay !== undefined) {
    const bytes = Buffer.byteLength(inOverlay, "utf8");
    if (bytes > maxBytes) throw tooLarge(ctx, abs, bytes, maxBytes);
    text = inOverlay;
  } else {
    text = readRegularFile(ctx, abs, maxBytes);
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
 * overlay instead. Records the file in `ctx.dependencies`. Returns the absolute path.
 */
export function writeTextAtomic(
  ctx: HostContext,
  requested: unknown,
  text: string,
  fromDir?: string,
): string {
  const abs = resolveInRoot(ctx, requested, fromDir);
  if (ctx.overlay) writeToOverlay(ctx, ctx.overlay, ownOrReal(ctx, requested, fromDir, abs), abs, text);
  else writeToDisk(ctx, abs, text);
  ctx.dependencies.add(abs);
  return abs;
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
  return format === "json" ? parseJsonText(text, source) : parseYamlText(text, source);
}

/** The text of a data file, at most {@link MAX_DATA_FILE_BYTES} long. Records it in `ctx.dependencies`. */
export function readDataText(ctx: HostContext, requested: unknown, fromDir?: string): string {
  return readText(ctx, requested, fromDir, MAX_DATA_FILE_BYTES);
}

/** Reads a `.json`/`.yaml`/`.yml` file into a value. Records it in `ctx.dependencies`. */
export function loadDataFile(ctx: HostContext, requested: unknown, fromDir?: string): unknown {
  const abs = resolveInRoot(ctx, requested, fromDir);
  const format = expectDataFormat(ctx, abs);
  return parseData(ctx, abs, readDataText(ctx, requested, fromDir), format);
}
