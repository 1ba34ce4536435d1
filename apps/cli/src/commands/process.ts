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
import { compareWithDisk, inspectNamedFile } from "../freshness/compare.js";
import { nondeterminismReason } from "../freshness/nondeterminism.js";
import { kindOf, UnreadableFile } from "../input/read-file.js";
import {
  checkModeOptions,
  collectVars,
  maxMemoryMb,
  maxReadBytes,
  type RenderFlags,
  renderThreadLimits,
  runtimeOptions,
} from "../options.js";
import { InputFiles } from "../output/input-files.js";
import { realPath } from "../output/real-path.js";
import { WriteError } from "../output/write-error.js";
import { type OutputTarget, openOutput, writeOutput } from "../output/write-output.js";
import { renderThread } from "../render/early-thread.js";
import type { OpenReply } from "../render/output-request.js";
import type { RenderOutcome, RenderTask } from "../render/task.js";
import { formatPlainError, threadFailure } from "../render/thread-failure.js";
import { readStdin, stdoutFailed, writeStderr, writeStdout } from "../stdio.js";

/** Flags of `xmd process`. */
export interface ProcessFlags extends RenderFlags {
  output?: string;
  lang?: string;
  check?: boolean;
  diff?: boolean;
  trustExec?: boolean;
}

/**
 * The document's absolute path, after making sure it is a regular file (or a link to
 * one): a folder, a device (`/dev/zero`), a named pipe or a socket is a usage error.
 */
export function documentPath(file: string, cwd: string): string {
  const path = resolve(cwd, file);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT")
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`);
    if (commandSuggestion(file) !== null) throw unknownCommand(file);
    throw new UsageError(`no such file: ${file}`);
  }
  if (stat.isDirectory())
    throw new UsageError(`${file} is a folder: to render every document in it, run xmd build ${file} OUT`);
  if (!stat.isFile()) throw new UsageError(`cannot read ${file}: it is ${kindOf(stat)}, not a regular file`);
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
  const color = useColor();
  let text: string | null = null;
  if (path === null) {
    try {
      text = await readStdin(maxReadBytes(options));
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      const message = `cannot read the document: ${e.reason}`;
      const hint = "raise it with --max-read";
      process.stderr.write(
        `${formatPlainError({ file: label, at: { line: 1, column: 1 }, code: "limit", message, hint }, color)}\n`,
      );
      return EXIT.failed;
    }
  }
  const task: RenderTask = {
    kind: "render",
    document: text === null ? { path: path as string } : { text },
    label,
    ...(flags.lang !== undefined
      ? { lang: flags.lang as "md" | "xmd" }
      : path === null
        ? { lang: "md" }
        : {}),
    options,
    vars,
    cwd,
    color,
    debug: flags.debug === true,
    stats: flags.stats === true,
    // A check compares the whole output; otherwise a large one is streamed.
    stream: flags.check !== true,
  };
  // Opened only if the output outgrows what the render thread holds back (see
  // StreamedOutput); then checked exactly as writeOutput checks it.
  let target: OutputTarget | null = null;
  let openError: unknown = null;
  const open = (): OpenReply => {
    try {
      target =
        flags.output !== undefined
          ? openOutput(resolve(cwd, flags.output), flags.output, inputs)
          : { fd: 1, commit: () => {}, abort: () => {} };
      return { fd: target.fd };
    } catch (e) {
      openError = e;
      return { failed: true };
    }
  };
  const thread = renderThread(renderThreadLimits(options));
  let outcome: RenderOutcome;
  try {
    outcome = await thread.run(task, open);
  } catch (e) {
    outcome = { ok: false, dependencies: [], ...threadFailure(label, e, maxMemoryMb(options), color) };
  } finally {
    void thread.close();
  }
  const opened = target as OutputTarget | null;
  if (!outcome.ok) opened?.abort();
  if (!outcome.ok && outcome.output !== undefined) {
    const failed = outcome.output;
    if (failed.opening) throw openError ?? new WriteError(flags.output ?? "stdout", "it cannot be opened");
    if (flags.output === undefined) stdoutFailed(failed.code, failed.reason);
    throw new WriteError(flags.output, failed.reason);
  }
  if (!outcome.ok) {
    // Formatted in the render thread (or above), control characters already escaped.
    process.stderr.write(`${outcome.error}\n`);
    return outcome.internal ? EXIT.internal : EXIT.failed;
  }
  if (outcome.stats) writeStderr(outcome.stats);

  if (flags.check) {
    const output = flags.output as string;
    const why = nondeterminismReason(outcome.nondeterminism, flags.trustExec === true);
    if (why !== null) {
      writeStderr(`${label}: cannot check: the output is not deterministic: ${why}\n`);
      return EXIT.failed;
    }
    const state = await compareWithDisk(
      inspectNamedFile(resolve(cwd, output)),
      outcome.output,
      output,
      flags.diff ? null : 20,
      maxReadBytes(options),
    );
    if (state.state === "fresh") return EXIT.ok;
    if (state.state === "refused") writeStderr(`xmd: cannot check ${output}: ${state.reason}\n`);
    else if (state.state === "missing") writeStderr(`missing: ${output} (rendered from ${label})\n`);
    else writeStderr(`stale: ${output} (rendered from ${label})\n${state.diff}`);
    return EXIT.failed;
  }
  if (opened !== null) opened.commit();
  else {
    const output = outcome.bytes ?? outcome.output;
    if (flags.output !== undefined) writeOutput(resolve(cwd, flags.output), output, flags.output, inputs);
    else writeStdout(output);
  }
  return EXIT.ok;
}
