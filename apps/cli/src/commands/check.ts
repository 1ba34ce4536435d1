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
import { maxCallDepth, rootOption } from "../options.js";
import { renderThread } from "../render/early-thread.js";
import type { CheckTask } from "../render/task.js";
import { readStdin } from "../stdio.js";

/** Flags of `xmd check`. */
export interface CheckFlags {
  lang?: string;
  root?: string;
  config?: string;
  debug?: boolean;
}

/** Why a named file cannot be checked, or null when it can. */
function unreadable(path: string): string | null {
  try {
    return statSync(path).isDirectory() ? "it is a folder" : null;
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
  // Nothing runs, so only the root matters (imports are resolved in it).
  const root = rootOption(flags.root !== undefined ? { root: flags.root } : {}, loaded, cwd);
  const options = root !== undefined ? { root } : {};
  const names = files.length > 0 ? files : ["-"];
  const color = useColor();
  const thread = renderThread(maxCallDepth(options));
  let errors = 0;
  let failedFiles = 0;
  try {
    for (const name of names) {
      const path = name === "-" ? null : resolve(cwd, name);
      const why = path === null ? null : unreadable(path);
      if (why !== null) {
        errors++;
        failedFiles++;
        process.stderr.write(`${name}: error[file]: cannot check it: ${why}\n`);
        continue;
      }
      const task: CheckTask = {
        kind: "check",
        document: path !== null ? { path } : { text: await readStdin() },
        label: path === null ? "<stdin>" : name,
        ...(flags.lang !== undefined ? { lang: flags.lang as "md" | "xmd" } : {}),
        options,
        cwd,
        color,
        debug: flags.debug === true,
      };
      const outcome = await thread.run(task);
      if (outcome.errors.length > 0) failedFiles++;
      errors += outcome.errors.length;
      for (const error of outcome.errors) process.stderr.write(`${error}\n`);
    }
  } finally {
    void thread.close();
  }
  if (errors > 0) process.stderr.write(`${plural(errors, "error")} in ${plural(failedFiles, "file")}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
