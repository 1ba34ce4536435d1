/**
 * File access inside the root: read, atomic write, exists, list, delete, and data files
 * (`.json`, `.yaml`, `.yml`) read into XMD values.
 * @module
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { RuntimeFault } from "../values/fault.js";
import type { HostContext } from "./context.js";
import { parseJsonText, parseYamlText } from "./formats.js";
import { resolveInRoot } from "./paths.js";

/** How a path is shown in messages: relative to the root when inside it. */
export function showPath(ctx: HostContext, abs: string): string {
  const rel = path.relative(ctx.root, abs);
  return rel === ""
    ? "."
    : rel.startsWith("..") || path.isAbsolute(rel)
      ? abs
      : rel.split(path.sep).join("/");
}

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
            : (err as Error).message;
  return new RuntimeFault("file", `cannot ${verb} ${shown}: ${reason}`);
}

/** The text of a file (UTF-8). Records the file in `ctx.dependencies`. */
export function readText(ctx: HostContext, requested: unknown, fromDir?: string): string {
  const abs = resolveInRoot(ctx, requested, fromDir);
  try {
    const text = fs.readFileSync(abs, "utf8");
    ctx.dependencies.add(abs);
    return text;
  } catch (err) {
    throw fileFault(ctx, "read", abs, err);
  }
}

/**
 * Writes `text` to a file atomically: a temporary file in the same folder, then a rename over
 * the target, so a reader sees the old content or the new, never half. Missing parent folders
 * (inside the root) are created. A failed write leaves the old file untouched and no temporary
 * file behind. Records the file in `ctx.dependencies`. Returns the absolute path.
 */
export function writeTextAtomic(
  ctx: HostContext,
  requested: unknown,
  text: string,
  fromDir?: string,
): string {
  const abs = resolveInRoot(ctx, requested, fromDir);
  const dir = path.dirname(abs);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fileFault(ctx, "create the folder of", abs, err);
  }
  let isDir = false;
  try {
    isDir = fs.statSync(abs).isDirectory();
  } catch {
    // does not exist yet
  }
  if (isDir) throw new RuntimeFault("file", `cannot write "${showPath(ctx, abs)}": it is a folder`);
  const temp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = fs.openSync(temp, "wx", 0o644);
    try {
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
  ctx.dependencies.add(abs);
  return abs;
}

/** True when a file or folder exists at the path (the path must still be inside the root). */
export function fileExists(ctx: HostContext, requested: unknown): boolean {
  return fs.existsSync(resolveInRoot(ctx, requested));
}

/** The names in a folder, sorted by code unit (files and folders, no `.`/`..`). */
export function listFolder(ctx: HostContext, requested: unknown): string[] {
  const abs = resolveInRoot(ctx, requested);
  try {
    return fs.readdirSync(abs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR")
      throw new RuntimeFault("file", `cannot list "${showPath(ctx, abs)}": it is not a folder`);
    throw fileFault(ctx, "list", abs, err);
  }
}

/** Deletes a file. Returns true when it existed, false when there was nothing to delete. Folders are refused. */
export function deleteFile(ctx: HostContext, requested: unknown): boolean {
  const abs = resolveInRoot(ctx, requested);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(abs);
  } catch {
    return false;
  }
  if (stat.isDirectory())
    throw new RuntimeFault("file", `cannot delete "${showPath(ctx, abs)}": it is a folder`);
  try {
    fs.unlinkSync(abs);
  } catch (err) {
    throw fileFault(ctx, "delete", abs, err);
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

/** Reads a `.json`/`.yaml`/`.yml` file into a value. Records it in `ctx.dependencies`. */
export function loadDataFile(ctx: HostContext, requested: unknown, fromDir?: string): unknown {
  const abs = resolveInRoot(ctx, requested, fromDir);
  const format = expectDataFormat(ctx, abs);
  return parseData(ctx, abs, readText(ctx, abs), format);
}
