/**
 * Writing an output. A regular file (or a new path) is written atomically: a temporary
 * file in the same folder, renamed over the target, so a crash never leaves half a file
 * and a reader sees the old content or the new. Anything else that exists (a terminal,
 * a pipe, `/dev/null`, `/dev/stdout`) is written straight to: renaming over it would
 * replace the device with a file. A folder, and any path that is an input document, is
 * refused.
 * @module
 */
import { chmodSync, mkdirSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { InputFiles } from "./input-files.js";
import { isWithin, realPath } from "./real-path.js";
import { reasonOf, WriteError } from "./write-error.js";

/**
 * `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the descriptor itself.
 * Opening the path does not always work (stdout may be a socket), writing to it does.
 */
function descriptorOf(abs: string): number | null {
  if (abs === "/dev/stdout") return 1;
  if (abs === "/dev/stderr") return 2;
  const fd = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(abs)?.[1];
  return fd === undefined ? null : Number(fd);
}

/** Device files and process files are written in place, whatever they resolve to. */
function isSpecialPath(abs: string): boolean {
  return isWithin(abs, "/dev") || isWithin(abs, "/proc");
}

/**
 * Writes `text` (or bytes) to `path` (see the module note). `shown` names it in errors; `inputs`,
 * when given, are files this command must never write over.
 * @throws {WriteError} when it cannot be written.
 */
export function writeOutput(
  path: string,
  text: string | Uint8Array,
  shown: string,
  inputs?: InputFiles,
): void {
  const abs = resolve(path);
  const fd = descriptorOf(abs);
  if (fd !== null) {
    writeDescriptor(fd, text, shown);
    return;
  }
  let stat: Stats | null = null;
  try {
    stat = statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new WriteError(shown, reasonOf(e));
  }
  if (stat?.isDirectory()) throw new WriteError(shown, "it is a folder");
  const real = realPath(abs);
  if (inputs?.has(real))
    throw new WriteError(shown, "it is an input document, and inputs are never overwritten");
  try {
    if ((stat !== null && !stat.isFile()) || isSpecialPath(abs)) writeFileSync(abs, text);
    else writeAtomic(real, text, stat);
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
}

function writeDescriptor(fd: number, text: string | Uint8Array, shown: string): void {
  // Through the stream for stdout and stderr: Node may have made them non-blocking.
  const stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : null;
  try {
    if (stream !== null) stream.write(text);
    else writeFileSync(fd, text);
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
}

/** Temporary file beside the target, then rename; the file keeps its permissions. */
function writeAtomic(real: string, text: string | Uint8Array, stat: Stats | null): void {
  const dir = dirname(real);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(real)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    // Replacing a file: the temporary copy starts private and takes the file's own mode
    // before it is renamed over it, so a private file is never readable by others.
    writeFileSync(temp, text, { flag: "wx", mode: stat !== null ? 0o600 : 0o666 });
    if (stat !== null) chmodSync(temp, stat.mode & 0o7777);
    renameSync(temp, real);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
