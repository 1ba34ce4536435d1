/**
 * Reading a file xmd was pointed at — a document, a config, a `--vars` file — the way
 * every other read is checked: it must be a regular file (not a device such as
 * `/dev/zero`, a named pipe that would block forever, a socket or a folder), and it may
 * be at most so many bytes. The file is opened without blocking (a named pipe with no
 * writer would otherwise hang the open), checked on the open descriptor (so a file
 * swapped after a `stat` is still caught), and read no further than the cap.
 * Loads nothing heavy: used on the main thread and in render threads.
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** Why a file was refused. */
export class UnreadableFile extends Error {
  constructor(
    readonly path: string,
    /** `not-regular`: a device, pipe, socket or folder; `too-large`: over the cap; `error`: the system said no. */
    readonly kind: "not-regular" | "too-large" | "error",
    /** In words, for `cannot read FILE: REASON`. */
    readonly reason: string,
    /** For `too-large`: the cap. */
    readonly maxBytes = 0,
  ) {
    super(reason);
  }
}

/** What a non-regular file is, in words: "a named pipe", "a character device", … */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  if (stat.isSymbolicLink()) return "a symbolic link";
  return stat.isFile() ? "a regular file" : "not a regular file";
}

/** An errno in words, for reads. */
function readReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case "ENOENT":
      return "no such file";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return e.message ?? String(e);
  }
}

/** `64 MiB`, `1000 bytes`: a byte count as the limit's flag would take it, and readably. */
export function bytesInWords(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** The message for a file over the cap (`size` when it is known). */
export function tooLargeReason(maxBytes: number, size: number | null): string {
  const is = size === null ? "more than" : `${size} bytes, more than`;
  return `the file is ${is} the ${bytesInWords(maxBytes)} a read may be (limit maxReadBytes)`;
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Opens a regular file for reading without blocking (see the module note); the caller
 * closes the descriptor.
 * @throws {UnreadableFile} when it is not a regular file or cannot be opened.
 */
export function openRegular(path: string): { fd: number; stat: Stats } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    throw new UnreadableFile(path, "error", readReason(e as NodeJS.ErrnoException));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new UnreadableFile(path, "not-regular", `it is ${kindOf(stat)}, not a regular file`);
    return { fd, stat };
  } catch (e) {
    closeSync(fd);
    if (e instanceof UnreadableFile) throw e;
    throw new UnreadableFile(path, "error", readReason(e as NodeJS.ErrnoException));
  }
}

/** Reads from `fd` into `buffer` until it is full or the file ends; how many bytes were read. */
export function readFully(fd: number, buffer: Buffer): number {
  let filled = 0;
  while (filled < buffer.length) {
    const n = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

/**
 * The bytes of a regular file, at most `maxBytes` of them.
 * @throws {UnreadableFile} when it is not a regular file, is larger, or cannot be read.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const { fd, stat } = openRegular(path);
  try {
    if (stat.size > maxBytes)
      throw new UnreadableFile(path, "too-large", tooLargeReason(maxBytes, stat.size), maxBytes);
    // One byte past what the file holds, to see its end; a file that grows is read on,
    // in small chunks, until its end or one byte past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    let size = Math.min(stat.size, maxBytes) + 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total));
      const filled = readFully(fd, chunk);
      chunks.push(chunk.subarray(0, filled));
      total += filled;
      if (total > maxBytes)
        throw new UnreadableFile(path, "too-large", tooLargeReason(maxBytes, null), maxBytes);
      if (filled < chunk.length) break;
      size = 1 << 16;
    }
    // One read is the usual case: its buffer is the file's bytes (no second copy).
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    throw new UnreadableFile(path, "error", readReason(e as NodeJS.ErrnoException));
  } finally {
    closeSync(fd);
  }
}

/**
 * {@link readRegularFile} as UTF-8 text, without a leading byte order mark (editors on
 * Windows add one; like CommonMark, xmd does not count it as part of the text).
 */
export function readRegularText(path: string, maxBytes: number): string {
  const text = readRegularFile(path, maxBytes).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * {@link readRegularFile}'s bytes without a leading byte order mark, undecoded: what a
 * document is rendered from (the runtime decodes it once and copies its static text from
 * these bytes), so the document is held once, as bytes, not also as a decoded copy here.
 */
export function readRegularBytes(path: string, maxBytes: number): Uint8Array {
  const bytes = readRegularFile(path, maxBytes);
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
