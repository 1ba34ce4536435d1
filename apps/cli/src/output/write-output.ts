/**
 * Writing an output — and never anywhere else. Two kinds of target:
 *
 * - **A file named on the command line** (`-o FILE`, `xmd watch DOC FILE`): its folder is
 *   taken as named (symlinks on the way included: the user chose the place). A regular
 *   file (or a new path) is written atomically: a temporary file in the same folder,
 *   renamed over the target, so a crash never leaves half a file and a reader sees the
 *   old content or the new. Anything else that exists (a terminal, a pipe, `/dev/null`,
 *   `/dev/stdout`) is written straight to: renaming over it would replace the device with
 *   a file. The file itself may not be a symbolic link: xmd would write wherever the link
 *   points (`README.md -> ~/.bashrc`).
 * - **A file inside an output folder** (`xmd build SRC OUT`, `watch SRC OUT`, `--copy`):
 *   its name comes from the source tree, which may be someone else's. Below OUT no
 *   symbolic link is followed — not the file, not a folder on the way, wherever it points,
 *   dangling or not — and only regular files are replaced; each is refused with
 *   `cannot write OUT/…: REASON`. Missing folders are created one at a time (never through
 *   a link), and just before the temporary file is created its folder is checked to be
 *   the real folder it should be, so neither it nor the output can land elsewhere.
 *
 * A folder, and any path that is an input document, is refused in both cases.
 * @module
 */
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { kindOf, openRegular, readFully, UnreadableFile } from "../input/read-file.js";
import type { InputFiles } from "./input-files.js";
import { isWithin } from "./real-path.js";
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

/** Device files and process files named on the command line are written in place. */
function isSpecialPath(abs: string): boolean {
  return isWithin(abs, "/dev") || isWithin(abs, "/proc");
}

/** What to write: text, bytes, or a copy of a file (`--copy`; read as it is written, never whole). */
export type Content = string | Uint8Array | { copyOf: string };

/** `lstat`, or null when nothing is there. */
function lstatOrNull(path: string, shown: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new WriteError(shown, reasonOf(e));
  }
}

/** Where a link points, for messages. */
function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "?";
  }
}

/** Why xmd will not write through the link at `path` (`what` names it: "it", "out/sub"). */
function linkReason(path: string, what: string, inFolder: boolean): string {
  return `${what} is a symbolic link (to ${linkTarget(path)}); xmd does not write through symbolic links${
    inFolder ? " in the output folder: remove it" : ": remove it, or name the file it points to"
  }`;
}

/**
 * Writes `text` (or bytes) to a file named on the command line (see the module note).
 * `shown` names it in errors; `inputs`, when given, are files never to be written over.
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
  if (isSpecialPath(abs)) {
    writeInPlace(abs, text, shown);
    return;
  }
  const { folder, target, stat } = checkedTarget(abs, shown, inputs);
  if (stat !== null && !stat.isFile()) writeInPlace(target, text, shown);
  else writeAtomic(folder, target, text, stat, shown);
}

/**
 * Where an output at `abs` goes, checked as every write is: its folder as named (links on
 * the way are the user's choice), made if missing; the file itself is not a symbolic link,
 * not a folder, not an input document. `stat` is null when it does not exist yet.
 * @throws {WriteError} when it cannot or may not be written.
 */
function checkedTarget(
  abs: string,
  shown: string,
  inputs?: InputFiles,
): { folder: string; target: string; stat: ReturnType<typeof lstatOrNull> } {
  let folder: string;
  try {
    mkdirSync(dirname(abs), { recursive: true });
    folder = realpathSync(dirname(abs));
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
  const target = join(folder, basename(abs));
  const stat = lstatOrNull(target, shown);
  if (stat?.isSymbolicLink()) throw new WriteError(shown, linkReason(target, "it", false));
  if (stat?.isDirectory()) throw new WriteError(shown, "it is a folder");
  if (inputs?.has(target))
    throw new WriteError(shown, "it is an input document, and inputs are never overwritten");
  return { folder, target, stat };
}

/**
 * An output opened for writing a piece at a time (a large output, streamed as it is
 * rendered): a descriptor to write to, then `commit()` when all of it is written, or
 * `abort()` to give up. A regular file is a temporary file renamed over the target by
 * `commit()` (atomic, as {@link writeOutput}); `abort()` removes it, so a render that fails
 * half way leaves the old file as it was.
 */
export interface OutputTarget {
  readonly fd: number;
  /** Closes it; a temporary file takes the old file's mode and replaces it. @throws {WriteError} */
  commit(): void;
  /** Closes it; a temporary file is removed. Never throws. */
  abort(): void;
}

/**
 * Opens the output {@link writeOutput} would write, with the same checks (a folder, a
 * symbolic link, an input document are refused; devices and pipes are written in place,
 * descriptors as they are), to be written a piece at a time.
 * @throws {WriteError} when it cannot be written.
 */
export function openOutput(path: string, shown: string, inputs?: InputFiles): OutputTarget {
  const abs = resolve(path);
  const descriptor = descriptorOf(abs);
  if (descriptor !== null) return { fd: descriptor, commit: () => {}, abort: () => {} };
  if (isSpecialPath(abs)) return openInPlace(abs, shown);
  const { folder, target, stat } = checkedTarget(abs, shown, inputs);
  if (stat !== null && !stat.isFile()) return openInPlace(target, shown);
  const { fd, temp, mode } = createTemp(folder, target, stat, shown);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    fd,
    commit: () => {
      try {
        close();
        if (mode !== null) chmodSync(temp, mode);
        renameSync(temp, target);
      } catch (e) {
        rmSync(temp, { force: true });
        throw new WriteError(shown, reasonOf(e));
      }
    },
    abort: () => {
      try {
        close();
      } finally {
        rmSync(temp, { force: true });
      }
    },
  };
}

/** An existing device or pipe, opened as it is (see {@link writeInPlace}). */
function openInPlace(abs: string, shown: string): OutputTarget {
  let isFolder = false;
  try {
    isFolder = statSync(abs).isDirectory();
  } catch {
    // missing: opening creates it (or says why not)
  }
  if (isFolder) throw new WriteError(shown, "it is a folder");
  let fd: number;
  try {
    fd = openSync(abs, "w");
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
  return { fd, commit: () => closeSync(fd), abort: () => closeSync(fd) };
}

/**
 * The temporary file {@link writeAtomic} writes, created the same way (in the target's own
 * real folder, checked just before; `wx`; private when it replaces a file), and the mode
 * it must take before the rename (null: keep the mode it was created with).
 */
function createTemp(
  dir: string,
  target: string,
  stat: Stats | null,
  shown: string,
): { fd: number; temp: string; mode: number | null } {
  stillSameFolder(dir, shown);
  const temp = tempName(dir, target);
  try {
    const fd = openSync(temp, "wx", stat !== null ? 0o600 : 0o666);
    return { fd, temp, mode: stat !== null ? stat.mode & 0o7777 : null };
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
}

/**
 * `dir` (a real path, checked when the output was opened) still is itself: no link has
 * been put on its path since, so a temporary file made in it lands where it was meant to.
 * @throws {WriteError} when it moved or cannot be read.
 */
function stillSameFolder(dir: string, shown: string): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
  if (real !== dir)
    throw new WriteError(shown, `its folder changed while xmd was writing: it now leads to ${real}`);
}

/** A temporary file's name beside `target`: hidden, and unique to this process and call. */
function tempName(dir: string, target: string): string {
  return join(dir, `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/**
 * Writes `text` (or bytes) to `name` (a relative path, `/` or the system's separator)
 * inside the output folder `folder` (a real path, checked not to be a link when the
 * command started; see the module note). `shown` names the output in errors and
 * `shownFolder` the folder as the user named it.
 * @throws {WriteError} when it cannot be written.
 */
export function writeIntoFolder(
  folder: string,
  name: string,
  text: Content,
  shown: string,
  shownFolder: string,
  inputs?: InputFiles,
): void {
  const parts = name.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  const file = parts.pop();
  if (file === undefined || parts.includes(".."))
    throw new WriteError(shown, "it would not be inside the output folder");
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new WriteError(shown, reasonOf(e));
  }
  realFolder(folder, shownFolder, shown);
  let dir = folder;
  let shownDir = shownFolder;
  for (const part of parts) {
    dir = join(dir, part);
    shownDir = join(shownDir, part);
    realFolder(dir, shownDir, shown);
  }
  const target = join(dir, file);
  const stat = lstatOrNull(target, shown);
  if (stat?.isSymbolicLink()) throw new WriteError(shown, linkReason(target, "it", true));
  if (stat?.isDirectory()) throw new WriteError(shown, "it is a folder");
  if (stat !== null && !stat.isFile())
    throw new WriteError(shown, `it is ${kindOf(stat)}, not a regular file`);
  if (inputs?.has(target))
    throw new WriteError(shown, "it is an input document, and inputs are never overwritten");
  writeAtomic(dir, target, text, stat, shown);
}

/** Makes sure `dir` is a folder and not a link, creating it (not through a link) when missing. */
function realFolder(dir: string, shownDir: string, shown: string): void {
  let stat = lstatOrNull(dir, shown);
  if (stat === null) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new WriteError(shown, reasonOf(e));
    }
    stat = lstatOrNull(dir, shown);
  }
  if (stat?.isSymbolicLink()) throw new WriteError(shown, linkReason(dir, shownDir, true));
  if (stat === null || !stat.isDirectory()) throw new WriteError(shown, "a part of the path is not a folder");
}

/** Writes to an existing non-regular file (a device, a pipe) as it is. */
function writeInPlace(abs: string, text: string | Uint8Array, shown: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(abs).isDirectory();
  } catch {
    // missing: writing creates it (or says why not)
  }
  if (isFolder) throw new WriteError(shown, "it is a folder");
  try {
    writeFileSync(abs, text);
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

/**
 * A temporary file in `dir` (the target's own folder, a real path), then a rename over
 * `target`; the file keeps its permissions. The temporary file is created only if it
 * does not exist (`wx`: never through a link of that name), in a folder checked just
 * before to be itself, with no link anywhere on its path.
 */
function writeAtomic(dir: string, target: string, text: Content, stat: Stats | null, shown: string): void {
  stillSameFolder(dir, shown);
  const temp = tempName(dir, target);
  try {
    // Replacing a file: the temporary copy starts private and takes the file's own mode
    // before it is renamed over it, so a private file is never readable by others.
    const mode = stat !== null ? 0o600 : 0o666;
    if (typeof text === "string" || text instanceof Uint8Array)
      writeFileSync(temp, text, { flag: "wx", mode });
    else copyInto(text.copyOf, temp, mode);
    if (stat !== null) chmodSync(temp, stat.mode & 0o7777);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    if (e instanceof WriteError) throw e;
    if (e instanceof UnreadableFile) throw new WriteError(shown, `cannot read ${e.path}: ${e.reason}`);
    throw new WriteError(shown, reasonOf(e));
  }
}

/** Copies the regular file `source` into the new file `temp`, a chunk at a time. */
function copyInto(source: string, temp: string, mode: number): void {
  const { fd: from } = openRegular(source);
  try {
    const to = openSync(temp, "wx", mode);
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const n = readFully(from, chunk);
        if (n > 0) writeSync(to, chunk, 0, n);
        if (n < chunk.length) break;
      }
    } finally {
      closeSync(to);
    }
  } finally {
    closeSync(from);
  }
}
