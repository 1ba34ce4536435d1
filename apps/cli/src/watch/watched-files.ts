/**
 * Watching single files — the document of `xmd watch doc.md`, and files documents use
 * outside the watched folder — so that a file is still followed after it is deleted and
 * created again (`git checkout`, `git stash`, editors that save by replacing), and a file
 * that does not exist yet is noticed when it appears (a missing import).
 *
 * chokidar stops following a file it was told to watch once that file is deleted, but a
 * folder watched one level deep reports every file in it coming and going. So each file
 * is watched through its folder, filtered to the files asked for; a folder that does not
 * exist yet is awaited through the nearest one that does.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { FSWatcher } from "chokidar";
import { isWithin } from "../output/real-path.js";

/** What happened to a watched file. */
export type FileEvent = "add" | "change" | "unlink";

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A set of watched files (absolute paths); see the module note. */
export class WatchedFiles {
  private readonly files = new Set<string>();
  /** Folders watched, or awaited on the way to a file whose folder does not exist yet. */
  private readonly folders = new Set<string>();
  private readonly watchedFolders = new Set<string>();
  private readonly watcher: FSWatcher;
  private scanned = false;

  private constructor(
    watch: typeof import("chokidar").watch,
    private readonly onEvent: (event: FileEvent, path: string) => void,
  ) {
    this.watcher = watch([], {
      ignoreInitial: true,
      depth: 0,
      ignored: (path: string) => !(this.folders.has(path) || this.files.has(path)),
    });
    this.watcher.on("all", (event: string, path: string) => this.handle(event, path));
    this.watcher.once("ready", () => {
      this.scanned = true;
    });
  }

  /** Creates an empty set (chokidar loads here). */
  static async create(onEvent: (event: FileEvent, path: string) => void): Promise<WatchedFiles> {
    const { watch } = await import("chokidar");
    return new WatchedFiles(watch, onEvent);
  }

  /** Whether `path` is watched. */
  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Watches a file, existing or not. */
  add(file: string): void {
    if (this.files.has(file)) return;
    this.files.add(file);
    let dir = dirname(file);
    while (!isFolder(dir) && dirname(dir) !== dir) {
      this.folders.add(dir);
      dir = dirname(dir);
    }
    this.watchFolder(dir);
    // A file the folder's scan skipped (it was not asked for then) must be asked for by name.
    if (existsSync(file)) this.watcher.add(file);
  }

  /** Resolves once the files added so far are being watched. */
  ready(): Promise<void> {
    return new Promise((done) => {
      if (this.scanned || this.watchedFolders.size === 0) done();
      else this.watcher.once("ready", () => done());
    });
  }

  /** Stops watching. */
  close(): Promise<void> {
    return this.watcher.close();
  }

  private watchFolder(dir: string): void {
    this.folders.add(dir);
    if (this.watchedFolders.has(dir)) return;
    this.watchedFolders.add(dir);
    this.watcher.add(dir);
  }

  private handle(event: string, path: string): void {
    if (event === "addDir" && this.folders.has(path)) {
      // An awaited folder appeared: watch into it. Files may already be in it (mkdir -p
      // and a write in one go), before its scan: report those as added.
      this.watchFolder(path);
      for (const file of this.files) {
        if (!isWithin(file, path)) continue;
        const parent = dirname(file);
        if (parent !== path && isFolder(parent)) this.watchFolder(parent);
        if (existsSync(file)) {
          this.watcher.add(file);
          this.onEvent("add", file);
        }
      }
      return;
    }
    if ((event === "add" || event === "change" || event === "unlink") && this.files.has(path))
      this.onEvent(event, path);
  }
}
