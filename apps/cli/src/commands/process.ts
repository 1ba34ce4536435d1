/**
 * `xmd FILE` / `xmd process FILE`: render one document to stdout or `-o OUT`, or with
 * `--check` compare it with OUT and write nothing.
 * @module
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { commandSuggestion, unknownCommand } from "../argv.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { requireCheckFor } from "../freshness/check-flags.js";
import { compareWithDisk } from "../freshness/compare.js";
import { nondeterminismReason } from "../freshness/nondeterminism.js";
import { checkModeOptions, collectVars, maxCallDepth, type RenderFlags, runtimeOptions } from "../options.js";
import { InputFiles } from "../output/input-files.js";
import { realPath } from "../output/real-path.js";
import { writeOutput } from "../output/write-output.js";
import { renderThread } from "../render/early-thread.js";
import type { RenderOutcome, RenderTask } from "../render/task.js";
import { readStdin, writeStdout } from "../stdio.js";

/** Flags of `xmd process`. */
export interface ProcessFlags extends RenderFlags {
  output?: string;
  lang?: string;
  check?: boolean;
  diff?: boolean;
  trustExec?: boolean;
}

/** The document's absolute path, after making sure it is a file that exists. */
function documentPath(file: string, cwd: string): string {
  const path = resolve(cwd, file);
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT")
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`);
    if (commandSuggestion(file) !== null) throw unknownCommand(file);
    throw new UsageError(`no such file: ${file}`);
  }
  if (isFolder)
    throw new UsageError(`${file} is a folder: to render every document in it, run xmd build ${file} OUT`);
  return path;
}

/** Renders FILE (or stdin); resolves to the exit code. */
export async function processCommand(file: string | undefined, flags: ProcessFlags): Promise<number> {
  const cwd = process.cwd();
  requireCheckFor(flags, "process");
  if (flags.lang !== undefined && flags.lang !== "md" && flags.lang !== "xmd")
    throw new UsageError(`--lang must be 'md' or 'xmd', got '${flags.lang}'`);
  if (flags.check && flags.output === undefined)
    throw new UsageError("--check needs -o OUT: the file to compare with");
  if (file === undefined && process.stdin.isTTY)
    throw new UsageError("no document: name a FILE, or pipe one in (cat doc.md | xmd -)", "xmd");
  const path = file === undefined || file === "-" ? null : documentPath(file, cwd);
  const label = file === undefined || path === null ? "<stdin>" : file;
  const inputs = new InputFiles();
  if (path !== null) inputs.add(path);
  if (flags.output !== undefined && inputs.has(realPath(resolve(cwd, flags.output))))
    throw new UsageError(`refusing to write the output over its own input (${file})`);

  const loaded = loadConfig(cwd, flags.config);
  const base = runtimeOptions(flags, loaded, cwd);
  const vars = await collectVars(flags, loaded.config, cwd);
  const options = flags.check ? checkModeOptions(base, flags.trustExec === true) : base;
  const task: RenderTask = {
    kind: "render",
    document: path !== null ? { path } : { text: await readStdin() },
    label,
    ...(flags.lang !== undefined
      ? { lang: flags.lang as "md" | "xmd" }
      : path === null
        ? { lang: "md" }
        : {}),
    options,
    vars,
    cwd,
    color: useColor(),
    debug: flags.debug === true,
    stats: flags.stats === true,
  };
  const thread = renderThread(maxCallDepth(options));
  let outcome: RenderOutcome;
  try {
    outcome = await thread.run(task);
  } finally {
    void thread.close();
  }
  if (!outcome.ok) {
    process.stderr.write(`${outcome.error}\n`);
    return outcome.internal ? EXIT.internal : EXIT.failed;
  }
  if (outcome.stats) process.stderr.write(outcome.stats);

  if (flags.check) {
    const output = flags.output as string;
    const why = nondeterminismReason(outcome.nondeterminism, flags.trustExec === true);
    if (why !== null) {
      process.stderr.write(`${label}: cannot check: the output is not deterministic: ${why}\n`);
      return EXIT.failed;
    }
    const state = await compareWithDisk(resolve(cwd, output), outcome.output, output, flags.diff ? null : 20);
    if (state.state === "fresh") return EXIT.ok;
    if (state.state === "missing") process.stderr.write(`missing: ${output} (rendered from ${label})\n`);
    else process.stderr.write(`stale: ${output} (rendered from ${label})\n${state.diff}`);
    return EXIT.failed;
  }
  if (flags.output !== undefined)
    writeOutput(resolve(cwd, flags.output), outcome.output, flags.output, inputs);
  else writeStdout(outcome.output);
  return EXIT.ok;
}
