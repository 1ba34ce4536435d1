/**
 * `xmd watch SRC [OUT]`: render, then re-render whatever a change affects — the changed
 * document, or every document that imported or read the changed file (also a file that
 * was missing and appears). Document errors are reported and watching goes on; an output
 * that cannot be written stops it (exit 1). Writes are atomic and never land on an input.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { collectVars, type RenderFlags, renderThreadLimits, runtimeOptions } from "../options.js";
import { outputFolder } from "../output/output-folder.js";
import { isWithin, realPath } from "../output/real-path.js";
import { renderThread } from "../render/early-thread.js";
import { RenderThread } from "../render/render-thread.js";
import { writeStderr } from "../stdio.js";
import { fileFilter, walkTree } from "../walk.js";
import { WatchSession } from "../watch/watch-session.js";
import { WatchedFiles } from "../watch/watched-files.js";

/** Flags of `xmd watch`. */
export interface WatchFlags extends RenderFlags {
  debounce?: string;
  include?: string[];
  exclude?: string[];
}

/**
 * SRC and OUT as real paths, after refusing outputs that could land on inputs. OUT is
 * not followed if it is a link: an output folder that is one is refused, and an output
 * file that is one is refused when it would be written (see write-output.ts).
 */
function watchPaths(srcArg: string, outArg: string | undefined, cwd: string) {
  const given = resolve(cwd, srcArg);
  if (!existsSync(given)) throw new UsageError(`not found: ${srcArg}`);
  const isFolder = statSync(given).isDirectory();
  const src = realPath(given);
  if (isFolder && outArg === undefined)
    throw new UsageError("watching a folder needs an output folder: xmd watch SRC OUT");
  if (outArg === undefined) return { src, out: null, isFolder };
  const followed = realPath(resolve(cwd, outArg));
  if (followed === src || (isFolder && isWithin(src, followed)))
    throw new UsageError("the output would overwrite the input: choose another output");
  const named = resolve(cwd, outArg);
  const out = isFolder ? outputFolder(outArg, cwd) : join(realPath(dirname(named)), basename(named));
  return { src, out, isFolder };
}

/** Watches until SIGINT/SIGTERM (exit 0) or an output that cannot be written (exit 1). */
export async function watchCommand(
  srcArg: string,
  outArg: string | undefined,
  flags: WatchFlags,
): Promise<number> {
  const cwd = process.cwd();
  const { src, out, isFolder } = watchPaths(srcArg, outArg, cwd);
  const debounce = flags.debounce ?? "60";
  if (!/^\d+$/.test(debounce))
    throw new UsageError(`--debounce needs milliseconds (a whole number), got '${debounce}'`);
  const loaded = loadConfig(cwd, flags.config);
  const options = runtimeOptions(flags, loaded, cwd);
  // Documents of a tree may import each other across its folders: the root is the tree.
  if (isFolder && options.root === undefined) options.root = src;
  const vars = await collectVars(flags, loaded.config, cwd);
  const accepts = await fileFilter(
    flags.include ?? loaded.config.include ?? [],
    flags.exclude ?? loaded.config.exclude ?? [],
  );
  const limits = renderThreadLimits(options);
  const thread = renderThread(limits);

  const { watch } = await import("chokidar");
  const tree = isFolder
    ? watch(src, {
        ignoreInitial: true,
        // As build: links in the tree are not followed (nor rendered, see onTreeEvent).
        followSymlinks: false,
        ignored: (path: string) =>
          (out !== null && isWithin(path, out)) ||
          /\.[^/\\]*\.tmp$/.test(path) ||
          path.split(sep).some((part) => part === "node_modules" || part === ".git"),
      })
    : null;
  const treeReady = new Promise<void>((ready) =>
    tree === null ? ready() : tree.once("ready", () => ready()),
  );
  let files: WatchedFiles | null = null;
  const session = new WatchSession(
    {
      src,
      isFolder,
      out,
      accepts,
      options,
      vars,
      cwd,
      color: useColor(),
      stats: flags.stats === true,
      debug: flags.debug === true,
      debounceMs: Number(debounce),
    },
    thread,
    () => new RenderThread(limits),
    async () => {
      await Promise.all([tree?.close(), files?.close()]);
    },
  );
  tree?.on("all", (event: string, path: string) => session.onTreeEvent(event, resolve(path)));
  files = await WatchedFiles.create((event, path) => session.onFileEvent(event, path));
  session.files = files;

  if (isFolder) {
    const found = walkTree(src, out !== null && isWithin(out, src) ? out : null, accepts);
    for (const file of found.special)
      if (file.document)
        writeStderr(`xmd: cannot read ${join(srcArg, file.path)}: it is ${file.kind}, not a regular file\n`);
    for (const rel of found.documents) session.addDocument(resolve(src, rel));
  } else {
    session.addDocument(src);
    files.add(src);
  }
  process.once("SIGINT", () => void session.stop(EXIT.ok));
  process.once("SIGTERM", () => void session.stop(EXIT.ok));
  await session.renderAll();
  if (session.isStopped) return await session.finished;

  // Chokidar scans before it reports changes; an edit made during the scan is not an
  // event. Announce "watching" only once that is true, so the message can be trusted.
  await Promise.all([treeReady, files.ready()]);
  writeStderr(`watching ${srcArg} for changes (Ctrl-C to stop)\n`);
  return await session.finished;
}
