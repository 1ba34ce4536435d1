/**
 * The Node host: the real disk (`node:fs`), programs (`node:child_process`, see ./exec.ts),
 * `process.env`, `process.cwd()` and `Date.now()`. The default host of the `node` build.
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Host, HostStats } from "../../api/host.js";
import { runAllowedCommand } from "./exec.js";

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

/** Node's stats as the host interface has them. */
function statsOf(stat: fs.Stats): HostStats {
  const kind = stat.isFile()
    ? "file"
    : stat.isDirectory()
      ? "folder"
      : stat.isSymbolicLink()
        ? "link"
        : stat.isFIFO()
          ? "pipe"
          : stat.isSocket()
            ? "socket"
            : stat.isCharacterDevice() || stat.isBlockDevice()
              ? "device"
              : "other";
  return { kind, size: stat.size };
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
 * Writes `text` to `abs`: a temporary file in the same folder, then a rename over the
 * target. The temporary file is private (0600) while it is written; it then gets the
 * permission bits of the file it replaces (a private file stays private), or 0644 (less the
 * umask) for a new file. Set-id and sticky bits are not carried over. A failed write leaves
 * the old file untouched and no temporary file behind.
 */
function writeAtomically(abs: string, text: string): void {
  const dir = path.dirname(abs);
  const mode = modeOf(abs);
  const temp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomHex()}.tmp`);
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
    throw err;
  }
}

/**
 * Reads the regular file at `abs`: the path is checked with stat, then opened without
 * blocking and checked again with fstat on the open descriptor before anything is read (a
 * named pipe would wait for ever for a writer, a device may never end, and the path may
 * change in between). At most the checked size plus one byte is read, so a file that grows
 * after the check cannot get past it either.
 */
function readChecked(abs: string, check: (stats: HostStats) => number): Uint8Array | null {
  // A device is refused before it is opened (opening some has effects of its own).
  check(statsOf(fs.statSync(abs)));
  const fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    const max = check(statsOf(stat));
    return readAtMost(fd, stat.size, max);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The Node host (one for the process: it holds no state). Files are the disk's; `exec` runs
 * programs in a process group of their own (see ./process-group.ts); the environment is
 * `process.env`, read when a command runs.
 */
export const NODE_HOST: Host = Object.freeze({
  name: "node",
  path,
  get env() {
    return process.env;
  },
  cwd: () => process.cwd(),
  now: () => Date.now(),
  stat: (p: string) => statsOf(fs.statSync(p)),
  lstat: (p: string) => statsOf(fs.lstatSync(p)),
  realpath: (p: string) => fs.realpathSync.native(p),
  readlink: (p: string) => fs.readlinkSync(p),
  readFile: readChecked,
  writeFile: writeAtomically,
  mkdir: (p: string) => {
    fs.mkdirSync(p, { recursive: true });
  },
  readdir: (p: string) => fs.readdirSync(p),
  unlink: (p: string) => fs.unlinkSync(p),
  exec: runAllowedCommand,
});

/**
 * Twelve random hex digits for a temporary file's name, from Web Crypto: `node:crypto`
 * imported when the runtime loads cost a render thread about 4 ms of its start, for
 * documents most of which write no file.
 */
function randomHex(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}
