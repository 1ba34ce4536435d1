/**
 * One `xmd watch`: the documents, what each depends on, and the renders a change calls
 * for. Renders run one at a time on a render thread, in the order changes arrive.
 * @module
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, lstatSync } from "node:fs";
import { extname, join, relative } from "node:path";
import type { RuntimeOptions } from "@xmd/runtime";
import { kindOf, openRegular, readFully } from "../input/read-file.js";
import { InputFiles } from "../output/input-files.js";
import { DOCUMENT, listInWords, outputName } from "../output/output-names.js";
import { isWithin, realPath } from "../output/real-path.js";
import { WriteError } from "../output/write-error.js";
import { writeIntoFolder, writeOutput } from "../output/write-output.js";
import type { RenderThread } from "../render/render-thread.js";
import type { RenderOutcome, RenderTask } from "../render/task.js";
import { threadFailure } from "../render/thread-failure.js";
import { writeStderr, writeStdout } from "../stdio.js";
import { type FileFilter, relativeTo } from "../walk.js";
import type { FileEvent, WatchedFiles } from "./watched-files.js";

/** What a session watches and how it renders. */
export interface WatchSetup {
  /** The watched folder, or the single document (real path). */
  src: string;
  isFolder: boolean;
  /** OUT (real path): a folder for a folder, a file for a document; null for stdout. */
  out: string | null;
  /** Documents (folder mode) pass this, by path relative to `src`. */
  accepts: FileFilter;
  options: RuntimeOptions;
  vars: Record<string, unknown>;
  cwd: string;
  color: boolean;
  stats: boolean;
  debug: boolean;
  debounceMs: number;
}

/** How long chokidar 4 swallows repeated "change" events for one path. */
const CHOKIDAR_THROTTLE_MS = 50;

/** Extensions an import without one may resolve to (the runtime tries them in this order). */
const IMPORT_EXTENSIONS = [".xmd", ".xm", ".md", ".json", ".yaml", ".yml"];

/**
 * The content of a file as a short digest ("missing" when it is gone or is not a regular
 * file: a named pipe must not block the watcher), read a chunk at a time.
 */
function fingerprint(path: string): string {
  let opened: ReturnType<typeof openRegular>;
  try {
    opened = openRegular(path);
  } catch {
    return "missing";
  }
  try {
    const hash = createHash("sha1");
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readFully(opened.fd, chunk);
      hash.update(chunk.subarray(0, n));
      if (n < chunk.length) break;
    }
    return hash.digest("base64");
  } catch {
    return "missing";
  } finally {
    closeSync(opened.fd);
  }
}

/** The session; `finished` resolves to the exit code when it stops. */
export class WatchSession {
  readonly documents = new Set<string>();
  /** Document → the files it depends on (from its last render, and what failed renders named). */
  private readonly dependencies = new Map<string, Set<string>>();
  /** Output (folder mode) → the documents that would write it; more than one is a collision. */
  private readonly writers = new Map<string, Set<string>>();
  private readonly inputs = new InputFiles();
  private queue: Promise<void> = Promise.resolve();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** What each changed path held when we last acted on it (see `settle`). */
  private readonly seen = new Map<string, string>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private finish: (code: number) => void = () => {};
  /** Resolves to the exit code once the session has stopped. */
  readonly finished = new Promise<number>((done) => {
    this.finish = done;
  });
  /** Set once created; watches files outside the folder (or the single document). */
  files: WatchedFiles | null = null;
  private readonly realCwd: string;

  constructor(
    private readonly setup: WatchSetup,
    /** Renders one document at a time; replaced when a document kills it (out of memory). */
    private thread: RenderThread,
    private readonly newThread: () => RenderThread,
    private readonly closeWatchers: () => Promise<void>,
  ) {
    this.realCwd = realPath(setup.cwd);
  }

  /** Adds a document (found at the start, or appearing later). */
  addDocument(doc: string): void {
    if (this.documents.has(doc)) return;
    this.documents.add(doc);
    this.inputs.add(doc);
    const target = this.targetOf(doc);
    if (target !== null && this.setup.isFolder) {
      const writers = this.writers.get(target) ?? new Set<string>();
      writers.add(doc);
      this.writers.set(target, writers);
    }
  }

  /** Renders every document once, in order. */
  async renderAll(): Promise<void> {
    for (const doc of [...this.documents].sort()) this.enqueue(doc);
    await this.queue;
  }

  /** A path from the folder watcher. */
  onTreeEvent(event: string, abs: string): void {
    if (this.stopped) return;
    const { src, out, accepts } = this.setup;
    if (out !== null && isWithin(abs, out)) return;
    if (event === "add" && DOCUMENT.test(abs) && accepts(relativeTo(src, abs)) && this.isRegularFile(abs))
      this.addDocument(abs);
    if (event === "unlink" && this.documents.has(abs)) {
      this.removeDocument(abs);
      return;
    }
    if (event === "add" || event === "change" || event === "unlink") this.changed(abs);
  }

  /**
   * Whether a new document is a regular file. As in build, a link is passed over and a
   * device, named pipe or socket is reported (once, when it appears) and not rendered.
   */
  private isRegularFile(abs: string): boolean {
    try {
      const stat = lstatSync(abs);
      if (stat.isFile()) return true;
      if (!stat.isSymbolicLink() && !stat.isDirectory())
        writeStderr(`xmd: cannot read ${this.label(abs)}: it is ${kindOf(stat)}, not a regular file\n`);
    } catch {
      // gone already
    }
    return false;
  }

  /** A path from the single-file watcher. */
  onFileEvent(event: FileEvent, abs: string): void {
    if (this.stopped) return;
    if (event === "unlink" && this.documents.has(abs))
      writeStderr(`${this.label(abs)} was deleted; watching for it to come back\n`);
    this.changed(abs);
  }

  /** True once the session has stopped (or is stopping). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Stops watching; resolves `finished` with `code`. */
  async stop(code: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.settleTimers.values()) clearTimeout(t);
    if (this.timer !== null) clearTimeout(this.timer);
    await this.closeWatchers();
    await this.thread.close();
    this.finish(code);
  }

  /** A path relative to the cwd. Watched paths are real, so the cwd is taken real too when that reads shorter. */
  private label(abs: string): string {
    const plain = relative(this.setup.cwd, abs);
    const real = relative(this.realCwd, abs);
    return (real.length < plain.length ? real : plain) || abs;
  }

  private targetOf(doc: string): string | null {
    const { out, isFolder, src } = this.setup;
    if (out === null || !isFolder) return out;
    return join(out, outputName(relativeTo(src, doc)));
  }

  private removeDocument(doc: string): void {
    this.documents.delete(doc);
    this.dependencies.delete(doc);
    this.seen.delete(doc);
    this.inputs.delete(doc);
    writeStderr(`removed ${this.label(doc)} (its output is left in place)\n`);
    const target = this.targetOf(doc);
    const writers = target === null ? undefined : this.writers.get(target);
    writers?.delete(doc);
    // A collision this ends: the document left over can be written now.
    if (writers?.size === 1) for (const other of writers) this.changed(other);
    // Documents that imported it render again (and say what is missing).
    this.changed(doc);
  }

  private enqueue(doc: string): void {
    this.queue = this.queue.then(() => (this.stopped ? undefined : this.renderOne(doc)));
  }

  private changed(abs: string): void {
    this.pending.add(abs);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.setup.debounceMs);
    this.settle(abs);
  }

  private flush(): void {
    this.timer = null;
    const paths = this.pending;
    this.pending = new Set();
    const affected = new Set<string>();
    for (const path of paths) {
      this.seen.set(path, fingerprint(path));
      if (this.documents.has(path) && existsSync(path)) affected.add(path);
      for (const [doc, deps] of this.dependencies)
        if (deps.has(path) && this.documents.has(doc)) affected.add(doc);
    }
    for (const doc of affected) this.enqueue(doc);
  }

  // Chokidar drops a second "change" for a path that comes within 50 ms of the one
  // before (its own throttle), so two quick saves would leave the first version
  // rendered. After each change we look once more when that window has passed and
  // treat a difference from what we acted on as a change of our own.
  private settle(abs: string): void {
    clearTimeout(this.settleTimers.get(abs));
    this.settleTimers.set(
      abs,
      setTimeout(
        () => {
          this.settleTimers.delete(abs);
          if (this.pending.has(abs)) this.settle(abs);
          else if (this.seen.has(abs) && fingerprint(abs) !== this.seen.get(abs)) this.changed(abs);
        },
        CHOKIDAR_THROTTLE_MS + this.setup.debounceMs + 25,
      ),
    );
  }

  /** Records what a document depends on and watches what the folder watcher does not cover. */
  private dependOn(doc: string, paths: Iterable<string>, keepOld: boolean): void {
    const deps = keepOld ? (this.dependencies.get(doc) ?? new Set<string>()) : new Set<string>();
    for (const path of paths) {
      // A missing import without an extension may appear as any of the files it would resolve to.
      const candidates =
        extname(path) === "" && !existsSync(path)
          ? [path, ...IMPORT_EXTENSIONS.map((e) => path + e)]
          : [path];
      for (const candidate of candidates) {
        deps.add(candidate);
        if (!(this.setup.isFolder && isWithin(candidate, this.setup.src))) this.files?.add(candidate);
      }
    }
    this.dependencies.set(doc, deps);
  }

  private collision(doc: string): string[] | null {
    const target = this.targetOf(doc);
    const writers = target === null ? undefined : this.writers.get(target);
    return writers !== undefined && writers.size > 1 ? [...writers].sort() : null;
  }

  private async renderOne(doc: string): Promise<void> {
    if (!this.documents.has(doc) || !existsSync(doc)) return;
    const target = this.targetOf(doc);
    const colliding = this.collision(doc);
    if (colliding !== null) {
      writeStderr(
        `xmd: ${listInWords(colliding.map((d) => this.label(d)))} would all be written to ${this.label(target as string)}: none of them is (rename all but one)\n`,
      );
      return;
    }
    const { setup } = this;
    const task: RenderTask = {
      kind: "render",
      document: { path: doc },
      label: this.label(doc),
      options: setup.options,
      vars: setup.vars,
      cwd: setup.cwd,
      color: setup.color,
      debug: setup.debug,
      stats: setup.stats,
    };
    const thread = this.thread;
    let outcome: RenderOutcome;
    try {
      outcome = await thread.run(task);
    } catch (e) {
      const maxMemoryMb = setup.options.limits?.maxMemoryMb ?? 0;
      outcome = { ok: false, dependencies: [doc], ...threadFailure(task.label, e, maxMemoryMb, setup.color) };
      // A document that kills its thread (out of memory) costs that thread: the next
      // render gets a new one, and watching goes on.
      if (thread.broken && !this.stopped) {
        this.thread = this.newThread();
        void thread.close();
      }
    }
    if (this.stopped) return;
    if (!outcome.ok) {
      // Formatted in the render thread (or above), control characters already escaped.
      process.stderr.write(`${outcome.error}\n`);
      // Keep what it depended on, and add what the error names, so that fixing any of
      // those (creating a missing import, say) renders it again.
      this.dependOn(doc, outcome.dependencies, true);
      return;
    }
    if (outcome.stats) writeStderr(outcome.stats);
    this.dependOn(doc, [doc, ...outcome.dependencies], false);
    if (target === null) {
      writeStdout(outcome.output);
      return;
    }
    try {
      if (setup.isFolder && setup.out !== null)
        writeIntoFolder(
          setup.out,
          outputName(relativeTo(setup.src, doc)),
          outcome.output,
          this.label(target),
          this.label(setup.out),
          this.inputs,
        );
      else writeOutput(target, outcome.output, this.label(target), this.inputs);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      writeStderr(`xmd: ${e.message}\nxmd: stopped watching\n`);
      await this.stop(1);
      return;
    }
    writeStderr(`rendered ${task.label} → ${this.label(target)}\n`);
  }
}
