/**
 * `xmd watch SRC [OUT]`: render, then re-render whatever a change affects — the changed
 * document, or every document that imported or read the changed file. Errors are
 * reported and watching goes on; writes are atomic and never land on an input.
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { DOCUMENT, outputName, writeAtomic } from "../files.js";
import { collectVars, type RenderFlags, runtimeOptions } from "../options.js";
import { walkTree } from "../walk.js";
import render, { type RenderTask } from "../worker.js";

export interface WatchFlags extends RenderFlags {
  debounce?: string;
}

export async function watchCommand(
  srcArg: string,
  outArg: string | undefined,
  flags: WatchFlags,
): Promise<number> {
  const cwd = process.cwd();
  const { config } = loadConfig(cwd, flags.config);
  const src = resolve(cwd, srcArg);
  if (!existsSync(src)) throw new UsageError(`not found: ${srcArg}`);
  const isDir = statSync(src).isDirectory();
  const out = outArg === undefined ? null : resolve(cwd, outArg);
  if (isDir && out === null)
    throw new UsageError("watching a folder needs an output folder: xmd watch SRC OUT");
  if (out !== null && (out === src || (isDir && src.startsWith(`${out}${sep}`)))) {
    throw new UsageError("the output would overwrite the input: choose another output");
  }
  const debounceMs = flags.debounce !== undefined ? Number(flags.debounce) : 60;
  const options = runtimeOptions(flags, config, cwd);
  const vars = await collectVars(flags, config, cwd);
  const color = useColor();

  /** Absolute document path → the files it depends on. */
  const dependencies = new Map<string, Set<string>>();
  const documents = new Set<string>();
  const outInsideSrc = isDir && out?.startsWith(`${src}${sep}`) ? out : null;
  if (isDir) {
    const tree = await walkTree(src, outInsideSrc, config.include ?? [], config.exclude ?? []);
    for (const rel of tree.documents) documents.add(join(src, rel));
  } else documents.add(src);

  const { watch } = await import("chokidar");
  const watcher = watch(src, {
    ignoreInitial: true,
    ignored: (path: string) =>
      (outInsideSrc !== null && (path === outInsideSrc || path.startsWith(`${outInsideSrc}${sep}`))) ||
      /\.[^/]*\.tmp$/.test(path),
  });
  const watched = new Set<string>([src]);

  const targetOf = (doc: string): string | null => {
    if (!isDir) return out;
    return join(out as string, outputName(relative(src, doc).split(sep).join("/")));
  };

  const renderOne = (doc: string): void => {
    const label = relative(cwd, doc) || doc;
    const task: RenderTask = { path: doc, label, options, vars, color, stats: flags.stats === true };
    const outcome = render(task);
    if (!outcome.ok) {
      process.stderr.write(`${outcome.error}\n`);
      return;
    }
    if (outcome.stats) process.stderr.write(outcome.stats);
    const deps = new Set(outcome.dependencies);
    dependencies.set(doc, deps);
    for (const d of deps) {
      if (!watched.has(d) && !(d === src || d.startsWith(`${src}${sep}`))) {
        watcher.add(d);
        watched.add(d);
      }
    }
    const target = targetOf(doc);
    if (target === null) {
      process.stdout.write(outcome.output);
      return;
    }
    if (documents.has(target) || target === doc) {
      process.stderr.write(`${label}: not written: ${relative(cwd, target)} is an input\n`);
      return;
    }
    writeAtomic(target, outcome.output);
    process.stderr.write(`rendered ${label} → ${relative(cwd, target)}\n`);
  };

  for (const doc of documents) renderOne(doc);

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  /** What each changed path held when we last acted on it (see `settle` below). */
  const seen = new Map<string, string>();
  const settleTimers = new Map<string, NodeJS.Timeout>();

  const changed = (abs: string): void => {
    pending.add(abs);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const flush = () => {
    timer = null;
    const paths = pending;
    pending = new Set();
    const affected = new Set<string>();
    for (const path of paths) {
      seen.set(path, fingerprint(path));
      if (documents.has(path) && existsSync(path)) affected.add(path);
      for (const [doc, deps] of dependencies) if (deps.has(path)) affected.add(doc);
    }
    for (const doc of affected) renderOne(doc);
  };
  // Chokidar drops a second "change" for a path that comes within 50 ms of the one
  // before (its own throttle), so two quick saves would leave the first version
  // rendered. After each change we look once more when that window has passed and
  // treat a difference from what we acted on as a change of our own.
  const settle = (abs: string): void => {
    clearTimeout(settleTimers.get(abs));
    settleTimers.set(
      abs,
      setTimeout(
        () => {
          settleTimers.delete(abs);
          if (pending.has(abs))
            settle(abs); // not acted on yet: look again later
          else if (seen.has(abs) && fingerprint(abs) !== seen.get(abs)) changed(abs);
        },
        CHOKIDAR_THROTTLE_MS + debounceMs + 25,
      ),
    );
  };
  watcher.on("all", (event: string, path: string) => {
    const abs = resolve(path);
    if (isDir && event === "add" && DOCUMENT.test(abs)) documents.add(abs);
    if (event === "unlink" && documents.has(abs)) {
      documents.delete(abs);
      dependencies.delete(abs);
      seen.delete(abs);
      process.stderr.write(`removed ${relative(cwd, abs)} (its output is left in place)\n`);
      return;
    }
    changed(abs);
    settle(abs);
  });

  // Chokidar scans before it reports changes; an edit made during the scan is not an
  // event. Announce "watching" only once that is true, so the message can be trusted.
  await new Promise<void>((ready) => watcher.once("ready", () => ready()));
  process.stderr.write(`watching ${srcArg} for changes (Ctrl-C to stop)\n`);

  return await new Promise<number>((done) => {
    const stop = () => {
      for (const t of settleTimers.values()) clearTimeout(t);
      if (timer !== null) clearTimeout(timer);
      void watcher.close().then(() => done(EXIT.ok));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** How long chokidar 4 swallows repeated "change" events for one path. */
const CHOKIDAR_THROTTLE_MS = 50;

/** The content of a file as a short digest ("missing" when it is gone). */
function fingerprint(path: string): string {
  try {
    return createHash("sha1").update(readFileSync(path)).digest("base64");
  } catch {
    return "missing";
  }
}
