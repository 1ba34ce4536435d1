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

/** When to look again for a file awaited in a folder that just appeared (see `lookAgain`), in ms. */
const RECHECK_MS = [50, 250, 1000, 4000];

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
  private closed = false;
  /** Awaited files reported as there since they were last reported gone (see {@link lookAgain}). */
  private readonly seen = new Set<string>();

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

  /**
   * Creates an empty set (chokidar loads here).
   * @param watch - chokidar's `watch`, or a stand-in (tests drive its events by hand).
   */
  static async create(
    onEvent: (event: FileEvent, path: string) => void,
    watch?: typeof import("chokidar").watch,
  ): Promise<WatchedFiles> {
    return new WatchedFiles(watch ?? (await import("chokidar")).watch, onEvent);
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
    this.closed = true;
    return this.watcher.close();
  }

  /**
   * A file awaited in a folder that just appeared, not there yet: it may be written before
   * the folder's own watch is set up (`mkdir -p lib/deep && echo … > lib/deep/x.xmd`), and
   * chokidar reports no file its first scan of a folder finds (`ignoreInitial`). So look
   * for it again a few times over the next seconds; a file found is reported as added
   * (twice at worst, which renders its documents once more).
   */
  private lookAgain(file: string): void {
    for (const ms of RECHECK_MS) {
      const timer = setTimeout(() => {
        if (!this.closed && !this.seen.has(file) && existsSync(file)) {
          this.seen.add(file);
          this.watcher.add(file);
          this.onEvent("add", file);
        }
      }, ms);
      timer.unref();
    }
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
          this.seen.add(file);
          this.watcher.add(file);
          this.onEvent("add", file);
        } else this.lookAgain(file);
      }
      return;
    }
    if ((event === "add" || event === "change" || event === "unlink") && this.files.has(path)) {
      if (event === "unlink") this.seen.delete(path);
      else this.seen.add(path);
      this.onEvent(event, path);
    }
  }
}
