/**
 * `xmd check FILE…`: parse and resolve documents without running them, reporting every
 * error in every file (for editors and pre-commit hooks). A file that cannot be read is
 * reported and the others are still checked.
 * @module
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { compatFindings } from "../compat/compat-scan.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { kindOf, UnreadableFile } from "../input/read-file.js";
import { collectVars, readLimit, renderThreadLimits, rootOption } from "../options.js";
import { renderThread } from "../render/early-thread.js";
import type { RenderThread } from "../render/render-thread.js";
import type { CheckTask } from "../render/task.js";
import { formatPlainError, threadFailure } from "../render/thread-failure.js";
import { readStdin, writeStderr } from "../stdio.js";
import { walkTree } from "../walk.js";

/** Flags of `xmd check`. */
export interface CheckFlags {
  lang?: string;
  root?: string;
  config?: string;
  maxRead?: string;
  debug?: boolean;
  /** Warnings (names never set) are errors, as undefined names are in a `--strict` render. */
  strict?: boolean;
  /** Variables a render would get, as `xmd process` takes them: never warned about. */
  var?: string[];
  vars?: string;
  /** Also list what behaves differently from the C tool (see `compat/compat-scan.ts`). */
  compat?: boolean;
}

/** Why a named file cannot be checked, or null when it can. */
function unreadable(path: string): string | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? null : `it is ${kindOf(stat)}, not a regular file`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String((e as Error).message);
  }
}

/**
 * The names with each folder replaced by the documents under it (`.md`, `.xmd`, `.xm`;
 * not `.git` or `node_modules`, links not followed), in order.
 */
function expandFolders(names: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const name of names) {
    let folder = false;
    try {
      folder = name !== "-" && statSync(resolve(cwd, name)).isDirectory();
    } catch {
      // Reported as unreadable when it is checked.
    }
    if (!folder) {
      out.push(name);
      continue;
    }
    const real = realpathSync(resolve(cwd, name));
    for (const rel of walkTree(real, null, () => true).documents) out.push(join(name, rel));
  }
  return out;
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
  // The variables a render would get (config, --vars, -v): names they set are set.
  const vars = await collectVars(flags, loaded.config, cwd);
  const options = { ...(root !== undefined ? { root } : {}), limits: { maxReadBytes } };
  const names = expandFolders(files.length > 0 ? files : ["-"], cwd);
  const color = useColor();
  const limits = renderThreadLimits(options);
  let thread: RenderThread = renderThread(limits);
  let errors = 0;
  let warnings = 0;
  let failedFiles = 0;
  let differences = 0;
  let compatFiles = 0;
  const report = (list: string[], warned: readonly string[] = []) => {
    if (list.length > 0) failedFiles++;
    errors += list.length;
    warnings += warned.length;
    // Formatted in the render thread (or here), control characters already escaped.
    for (const error of list) process.stderr.write(`${error}\n`);
    for (const warning of warned) process.stderr.write(`${warning}\n`);
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
        vars,
        strict: flags.strict === true,
        document: text === null ? { path: path as string } : { text },
        label,
        ...(flags.lang !== undefined ? { lang: flags.lang as "md" | "xmd" } : {}),
        options,
        cwd,
        color,
        debug: flags.debug === true,
      };
      try {
        const outcome = await thread.run(task);
        report(outcome.errors, outcome.warnings);
        if (flags.compat === true) {
          const found = compatFindings(text ?? readFileSync(path as string, "utf8"), path, root);
          if (found.length > 0) compatFiles++;
          differences += found.length;
          for (const f of found)
            writeStderr(`${label}:${f.line}:${f.column}: compat: ${f.message}\n  = help: ${f.help}\n`);
        }
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
  if (flags.compat === true)
    writeStderr(
      `${plural(differences, "construct")} in ${plural(compatFiles, "file")} behave differently from the C tool (see docs/migrating-from-c.md)${warnings > 0 ? "; so do names never set, warned about above: the C tool printed nothing for them" : ""}\n`,
    );
  if (warnings > 0)
    writeStderr(`${plural(warnings, "warning")} (they do not fail the check; --strict makes them errors)\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
