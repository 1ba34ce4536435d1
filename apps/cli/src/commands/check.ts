/**
 * `xmd check FILE…`: parse and resolve documents without running them, reporting every
 * error in every file (for editors and pre-commit hooks). A file that cannot be read is
 * reported and the others are still checked.
 * @module
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { kindOf, UnreadableFile } from "../input/read-file.js";
import { readLimit, renderThreadLimits, rootOption } from "../options.js";
import { renderThread } from "../render/early-thread.js";
import type { RenderThread } from "../render/render-thread.js";
import type { CheckTask } from "../render/task.js";
import { formatPlainError, threadFailure } from "../render/thread-failure.js";
import { readStdin, writeStderr } from "../stdio.js";

/** Flags of `xmd check`. */
export interface CheckFlags {
  lang?: string;
  root?: string;
  config?: string;
  maxRead?: string;
  debug?: boolean;
}

/** Why a named file cannot be checked, or null when it can. */
function unreadable(path: string): string | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? null : `it is ${kindOf(stat)}${stat.isDirectory() ? "" : ", not a regular file"}`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((e as Error).message);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Checks the files (`-` or none: stdin); resolves to the exit code. */
export async function checkCommand(files: string[], flags: CheckFlags): Promise<number> {
  const cwd = process.cwd();
  if (flags.lang !== undefined && flags.lang !== "md" && flags.lang !== "xmd")
    throw new UsageError(`--lang must be 'md' or 'xmd', got '${flags.lang}'`);
  if (files.length === 0 && process.stdin.isTTY)
    throw new UsageError(
      "no documents to check: name them, or pipe one in (cat doc.md | xmd check -)",
      "check",
    );
  const loaded = loadConfig(cwd, flags.config);
  // Nothing runs, so only the root and the size of a read matter.
  const root = rootOption(flags.root !== undefined ? { root: flags.root } : {}, loaded, cwd);
  const maxReadBytes = readLimit(flags, loaded.config);
  const options = { ...(root !== undefined ? { root } : {}), limits: { maxReadBytes } };
  const names = files.length > 0 ? files : ["-"];
  const color = useColor();
  const limits = renderThreadLimits(options);
  let thread: RenderThread = renderThread(limits);
  let errors = 0;
  let failedFiles = 0;
  const report = (list: string[]) => {
    if (list.length > 0) failedFiles++;
    errors += list.length;
    // Formatted in the render thread (or here), control characters already escaped.
    for (const error of list) process.stderr.write(`${error}\n`);
  };
  try {
    for (const name of names) {
      const path = name === "-" ? null : resolve(cwd, name);
      const why = path === null ? null : unreadable(path);
      if (why !== null) {
        errors++;
        failedFiles++;
        writeStderr(`${name}: error[file]: cannot check it: ${why}\n`);
        continue;
      }
      const label = path === null ? "<stdin>" : name;
      let text: string | null = null;
      if (path === null) {
        try {
          text = await readStdin(maxReadBytes);
        } catch (e) {
          if (!(e instanceof UnreadableFile)) throw e;
          const message = `cannot read the document: ${e.reason}`;
          const hint = "raise it with --max-read";
          const at = { line: 1, column: 1 };
          report([formatPlainError({ file: label, at, code: "limit", message, hint }, color)]);
          continue;
        }
      }
      const task: CheckTask = {
        kind: "check",
        document: text === null ? { path: path as string } : { text },
        label,
        ...(flags.lang !== undefined ? { lang: flags.lang as "md" | "xmd" } : {}),
        options,
        cwd,
        color,
        debug: flags.debug === true,
      };
      try {
        report((await thread.run(task)).errors);
      } catch (e) {
        // The thread died under this file (out of memory, say): report it, go on with a new one.
        report([threadFailure(label, e, limits.maxMemoryMb, color).error]);
        if (thread.broken) thread = renderThread(limits);
      }
    }
  } finally {
    void thread.close();
  }
  if (errors > 0) writeStderr(`${plural(errors, "error")} in ${plural(failedFiles, "file")}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
