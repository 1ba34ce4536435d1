/**
 * The host boundary: everything a render does to the machine — reading and writing files,
 * data files and imports, listing folders, running programs, reading the clock and the
 * environment — goes through a {@link Host}. The runtime's core (parser, resolver,
 * compiler, evaluator, builtins, root confinement, the dry-run overlay, data links, import
 * lookup) is the same for every host; a host only answers these few questions about its
 * file system and its programs.
 *
 * Two hosts come with the package: the Node host (the real disk and `exec`, the default of
 * the `node` build) and the memory host (`createMemoryHost`: files in a map, no exec,
 * the default of the `browser` build).
 *
 * File system methods throw errors with a Node-style `code` when the system refuses
 * (`ENOENT` no such file, `ENOTDIR` a part of the path is not a folder, `EISDIR` it is a
 * folder, `EACCES`/`EPERM` permission denied, `ELOOP`, `ENAMETOOLONG`); the runtime words
 * the message the document's author sees from the code. Anything else a host throws
 * becomes a `runtime` error at the place in the document that needed it.
 * @module
 */
import type { ExecPolicy } from "./options.js";

/** What a path names, as {@link Host.stat} and {@link Host.lstat} see it. */
export interface HostStats {
  /**
   * `file` (a regular file), `folder`, `link` (a symbolic link, from `lstat` only),
   * `pipe` (a named pipe), `socket`, `device`, or `other`. Only regular files are read:
   * the others are refused with a message naming the kind.
   */
  readonly kind: "file" | "folder" | "link" | "pipe" | "socket" | "device" | "other";
  /** Size in bytes (of a regular file; 0 or what the system says for the rest). */
  readonly size: number;
}

/**
 * Path operations on the host's paths: the subset of Node's `node:path` the runtime uses
 * (Node's own module is one; the memory host uses POSIX paths, from `pathe`).
 */
export interface HostPath {
  /** The separator of path segments (`/`; `\` for Node on Windows). */
  readonly sep: string;
  /** An absolute, normalised path from the segments, right to left until one is absolute. */
  resolve(...paths: string[]): string;
  /** `to` relative to `from` (both absolute); `""` when they are the same. */
  relative(from: string, to: string): string;
  /** The path without its last segment. */
  dirname(path: string): string;
  /** The last segment of the path. */
  basename(path: string): string;
  /** The extension of the last segment, dot included (`.md`), or `""`. */
  extname(path: string): string;
  /** The segments joined with {@link sep} and normalised. */
  join(...paths: string[]): string;
  /** True for an absolute path. */
  isAbsolute(path: string): boolean;
}

/** A command line that the exec policy has allowed, for {@link Host.exec}. */
export interface HostCommand {
  /** The command line as written, trimmed (what shell mode hands to `/bin/sh -c`). */
  readonly line: string;
  /** The line split into words the way a shell would, quotes removed: the program and its arguments. */
  readonly argv: readonly string[];
}

/** What the host's `exec` gets to know about the command's run. */
export interface HostExecContext {
  /** The host running the command (its environment and working folder). */
  readonly host: Host;
  /** The render's exec policy: who may run what, time and output caps, shell or not. */
  readonly exec: ExecPolicy;
  /** The folder of the document that runs the command: the command's working folder. */
  readonly baseDir: string;
  /** When the document's time limit runs out (`Date.now()` milliseconds): no command may run past it. */
  readonly deadline: number;
  /** The host appends each command line it runs (or stops before running, under `exec.stop`) to `exec`. */
  readonly nondeterminism: { exec: string[] };
}

/**
 * A machine a document is rendered on. Paths given to its methods are absolute (made so by
 * {@link HostPath.resolve} from the document's folder), except the document path of
 * `renderFile`, which is taken as the caller gave it (relative to {@link cwd}). The
 * runtime checks every path against the root before it asks the host about it.
 */
export interface Host {
  /** The host's name, for messages (`node`, `memory`). */
  readonly name: string;
  /** Path operations on this host's paths. */
  readonly path: HostPath;
  /**
   * The environment commands run with. Only the host's own {@link exec} reads it (documents
   * cannot); the memory host's is empty.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working folder: where a document read from stdin (no `path`) sits, and what relative paths start from. */
  cwd(): string;
  /** The clock documents read (`Date.now`, `Date()`), in milliseconds since the epoch, unless the runtime has a fixed `now`. */
  now(): number;
  /** What `path` names, following symbolic links. Throws a coded error (`ENOENT` …) when nothing is there. */
  stat(path: string): HostStats;
  /** What `path` names, a final symbolic link not followed (`kind: "link"`). Throws like {@link stat}. */
  lstat(path: string): HostStats;
  /** The path with every symbolic link followed and `.`/`..` applied. Throws `ENOENT` when it does not exist. */
  realpath(path: string): string;
  /** The target of the symbolic link at `path`, as stored. Only called for a path {@link lstat} calls a link. */
  readlink(path: string): string;
  /**
   * The bytes of the file at `path`. `check` is called with the file's stats before its
   * bytes are read (it throws to refuse the file: not a regular file, too large) and
   * returns how many bytes may be read; the host returns `null` instead of the bytes when
   * the file holds more than that (it may have grown since it was checked).
   */
  readFile(path: string, check: (stats: HostStats) => number): Uint8Array | null;
  /** Writes `text` as UTF-8 to `path`, replacing the file whole (the Node host writes a temporary file and renames it over the target). The folder exists. */
  writeFile(path: string, text: string): void;
  /** Creates the folder `path` and any missing folders on the way; nothing when it exists. */
  mkdir(path: string): void;
  /** The names in the folder at `path` (no `.` or `..`), in any order. */
  readdir(path: string): string[];
  /** Deletes the file (or symbolic link) at `path`. */
  unlink(path: string): void;
  /**
   * Runs a command for `exec`/`cmd` and returns its standard output (one trailing newline
   * removed). The runtime has already checked the command against the exec policy
   * (`context.exec.allow`, shell syntax, `stop`); the host applies the rest of the policy:
   * `shell`, `timeoutMs`, `maxOutputBytes`, and the document's deadline. Absent on a host
   * that cannot run programs: every `exec` is then an `exec-denied` error, whatever the
   * policy says.
   */
  exec?(command: HostCommand, context: HostExecContext): string;
}
