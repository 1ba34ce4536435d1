/**
 * The memory host: a virtual folder of files kept in a map, for renders with no disk (a
 * browser page that edits the files, a test, a server that must not touch its own disk).
 * Paths are POSIX (`/` separates folders; a `\` is read as `/` too), absolute or relative to
 * the host's working folder. There are no symbolic links, no permissions and no exec: every
 * `exec`/`cmd` is an `exec-denied` error. The clock is the real one (`Date.now()`); the
 * environment is empty.
 * @module
 */
import * as posix from "pathe";
import type { Host, HostPath, HostStats } from "../../api/host.js";
import { hostError } from "../host-error.js";

/** Options of {@link createMemoryHost}. */
export interface MemoryHostOptions {
  /**
   * The working folder (absolute): where relative paths start, and the folder of a document
   * rendered without a `path`. Default `/`.
   */
  cwd?: string;
}

/** The path operations of the memory host: POSIX, from `pathe`. */
const MEMORY_PATH: HostPath = Object.freeze({
  sep: "/",
  resolve: posix.resolve,
  relative: posix.relative,
  dirname: posix.dirname,
  basename: (path: string) => posix.basename(path),
  extname: posix.extname,
  join: posix.join,
  isAbsolute: posix.isAbsolute,
});

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** A file's content as it is stored: its bytes (text is stored as UTF-8). */
function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? encoder.encode(content) : content.slice();
}

/**
 * The files of a memory host: the virtual folder a page edits. A folder exists once a file
 * has been put in it (or it was made with {@link mkdir}) and stays when its files are
 * deleted, as on a disk. Documents that write files (`File.write`, `put`) change the same
 * map, so the page sees what they wrote.
 */
export class MemoryFiles {
  /** Absolute path → bytes. */
  readonly #files = new Map<string, Uint8Array>();
  /** Absolute paths of the folders (`/` included). */
  readonly #folders = new Set<string>(["/"]);

  constructor(private readonly cwd: string) {}

  /** The absolute, normalised form of `path` (relative paths start at the host's working folder). */
  absolute(path: string): string {
    return posix.resolve(this.cwd, path);
  }

  /** Puts a file (text as UTF-8, or bytes, which are copied), creating the folders on the way; replaces one that is there. A folder in the way is an error. */
  set(path: string, content: string | Uint8Array): void {
    const abs = this.absolute(path);
    if (this.#folders.has(abs)) throw hostError("EISDIR", `"${abs}" is a folder`);
    this.mkdir(posix.dirname(abs));
    this.#files.set(abs, bytesOf(content));
  }

  /** The text of a file (UTF-8), or undefined when there is no file at `path`. */
  get(path: string): string | undefined {
    const bytes = this.#files.get(this.absolute(path));
    return bytes === undefined ? undefined : decoder.decode(bytes);
  }

  /** The bytes of a file (a copy), or undefined when there is no file at `path`. */
  bytes(path: string): Uint8Array | undefined {
    return this.#files.get(this.absolute(path))?.slice();
  }

  /** True when there is a file at `path`. */
  has(path: string): boolean {
    return this.#files.has(this.absolute(path));
  }

  /** True when there is a folder at `path`. */
  isFolder(path: string): boolean {
    return this.#folders.has(this.absolute(path));
  }

  /**
   * Deletes the file at `path`, or the folder at `path` with everything in it (the root
   * folder itself stays). Returns false when there was nothing there.
   */
  delete(path: string): boolean {
    const abs = this.absolute(path);
    if (this.#files.delete(abs)) return true;
    if (!this.#folders.has(abs)) return false;
    const prefix = abs === "/" ? "/" : `${abs}/`;
    for (const file of [...this.#files.keys()]) if (file.startsWith(prefix)) this.#files.delete(file);
    // The root's prefix is the root itself, which stays.
    for (const folder of [...this.#folders])
      if (folder !== "/" && folder.startsWith(prefix)) this.#folders.delete(folder);
    if (abs !== "/") this.#folders.delete(abs);
    return true;
  }

  /** Creates the folder `path` and the folders on the way; a file in the way is an error (`ENOTDIR`, or `EEXIST` for `path` itself). */
  mkdir(path: string): void {
    const abs = this.absolute(path);
    if (this.#files.has(abs)) throw hostError("EEXIST", `"${abs}" is a file`);
    const missing: string[] = [];
    for (let dir = abs; !this.#folders.has(dir); dir = posix.dirname(dir)) {
      if (this.#files.has(dir)) throw hostError("ENOTDIR", `"${dir}" is a file, not a folder`);
      missing.push(dir);
    }
    for (const dir of missing) this.#folders.add(dir);
  }

  /** The absolute paths of every file, sorted. */
  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  /** How many files there are. */
  get size(): number {
    return this.#files.size;
  }

  /** Deletes every file and folder. */
  clear(): void {
    this.#files.clear();
    this.#folders.clear();
    this.#folders.add("/");
  }

  /**
   * What is at `path`: its stats, or the code of the error a disk would give (`ENOENT`:
   * nothing is there; `ENOTDIR`: a file stands where a folder on the way should be).
   */
  lookup(path: string): HostStats | "ENOENT" | "ENOTDIR" {
    const abs = this.absolute(path);
    const file = this.#files.get(abs);
    if (file !== undefined) return { kind: "file", size: file.length };
    if (this.#folders.has(abs)) return { kind: "folder", size: 0 };
    for (let dir = posix.dirname(abs); dir !== "/"; dir = posix.dirname(dir)) {
      if (this.#files.has(dir)) return "ENOTDIR";
      if (this.#folders.has(dir)) break;
    }
    return "ENOENT";
  }

  /** The names of the files and folders directly in the folder at `path`, sorted (none when it is not a folder). */
  list(path: string): string[] {
    const abs = this.absolute(path);
    const prefix = abs === "/" ? "/" : `${abs}/`;
    const names = new Set<string>();
    for (const path of [...this.#files.keys(), ...this.#folders]) {
      if (path.length > prefix.length && path.startsWith(prefix)) {
        const rest = path.slice(prefix.length);
        if (!rest.includes("/")) names.add(rest);
      }
    }
    return [...names].sort();
  }
}

/** A {@link Host} whose files live in memory: see {@link createMemoryHost}. */
export interface MemoryHost extends Host {
  /** The virtual folder: read and edit it between renders (`files.set("/part.md", text)`, `files.delete(path)`). */
  readonly files: MemoryFiles;
}

/**
 * A host whose files live in memory, for browsers (the default host of the `browser`
 * build) and for renders that must not touch the disk. `files` maps paths (POSIX, absolute
 * or relative to `options.cwd`, default `/`) to text or bytes; edit them afterwards through
 * `host.files`. It has no exec: any `exec`/`cmd` is an `exec-denied` error. It has no
 * symbolic links and no permissions. Its clock is the real one; its environment is empty.
 */
export function createMemoryHost(
  files: Readonly<Record<string, string | Uint8Array>> = {},
  options: MemoryHostOptions = {},
): MemoryHost {
  const cwd = posix.resolve("/", options.cwd ?? "/");
  const store = new MemoryFiles(cwd);
  store.mkdir(cwd);
  for (const [path, content] of Object.entries(files)) store.set(path, content);

  const stat = (path: string): HostStats => {
    const abs = store.absolute(path);
    const found = store.lookup(abs);
    if (typeof found === "string") throw hostError(found, `no such file or folder: "${abs}"`);
    return found;
  };

  return Object.freeze({
    name: "memory",
    path: MEMORY_PATH,
    env: Object.freeze({}),
    files: store,
    cwd: () => cwd,
    now: () => Date.now(),
    stat,
    lstat: stat,
    realpath: (path: string) => {
      stat(path);
      return store.absolute(path);
    },
    readlink: (path: string): string => {
      throw hostError("EINVAL", `"${store.absolute(path)}" is not a symbolic link`);
    },
    readFile: (path: string, check: (stats: HostStats) => number): Uint8Array | null => {
      const max = check(stat(path));
      const bytes = store.bytes(path) as Uint8Array;
      return bytes.length > max ? null : bytes;
    },
    writeFile: (path: string, text: string) => {
      const abs = store.absolute(path);
      const found = store.lookup(abs);
      if (found !== "ENOENT" && found !== "ENOTDIR" && found.kind === "folder")
        throw hostError("EISDIR", `"${abs}" is a folder`);
      const parent = store.lookup(posix.dirname(abs));
      if (typeof parent === "string") throw hostError(parent, `no folder "${posix.dirname(abs)}"`);
      if (parent.kind !== "folder") throw hostError("ENOTDIR", `"${posix.dirname(abs)}" is not a folder`);
      store.set(abs, text);
    },
    mkdir: (path: string) => store.mkdir(path),
    readdir: (path: string): string[] => {
      const found = stat(path);
      const abs = store.absolute(path);
      if (found.kind !== "folder") throw hostError("ENOTDIR", `"${abs}" is not a folder`);
      return store.list(abs);
    },
    unlink: (path: string) => {
      const found = stat(path);
      const abs = store.absolute(path);
      if (found.kind === "folder") throw hostError("EISDIR", `"${abs}" is a folder`);
      store.delete(abs);
    },
  });
}
