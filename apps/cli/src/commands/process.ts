/**
 * `xmd FILE` / `xmd process FILE`: render one document to stdout or `-o OUT`.
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { XmdError } from "@xmd/runtime";
import { compareWithDisk, nondeterminismReason } from "../check-diff.js";
import { loadConfig } from "../config.js";
import { EXIT, reportError, UsageError } from "../errors.js";
import { writeAtomic } from "../files.js";
import { collectVars, type RenderFlags, runtimeOptions } from "../options.js";
import { formatStats } from "../stats.js";

export interface ProcessFlags extends RenderFlags {
  output?: string;
  lang?: string;
  check?: boolean;
  diff?: boolean;
  trustExec?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function processCommand(file: string | undefined, flags: ProcessFlags): Promise<number> {
  const cwd = process.cwd();
  const { config } = loadConfig(cwd, flags.config);
  if (flags.lang !== undefined && flags.lang !== "md" && flags.lang !== "xmd")
    throw new UsageError(`--lang must be 'md' or 'xmd', got '${flags.lang}'`);
  if (flags.check && flags.output === undefined)
    throw new UsageError("--check needs -o OUT: the file to compare with");
  const fromStdin = file === undefined || file === "-";
  if (!fromStdin && flags.output !== undefined && resolve(cwd, flags.output) === resolve(cwd, file)) {
    throw new UsageError(`refusing to write the output over its own input (${file})`);
  }
  const options = runtimeOptions(flags, config, cwd);
  const vars = await collectVars(flags, config, cwd);
  const { createRuntime } = await import("@xmd/runtime");
  const runtime = createRuntime(options);
  let source: string;
  if (fromStdin) source = await readStdin();
  else {
    try {
      source = readFileSync(resolve(cwd, file), "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(code === "ENOENT" ? `no such file: ${file}` : `cannot read ${file}: ${code}`);
    }
  }
  const lang = (flags.lang as "md" | "xmd" | undefined) ?? (fromStdin ? "md" : undefined);
  let result: ReturnType<typeof runtime.render>;
  try {
    result = runtime.render(source, {
      ...(fromStdin ? {} : { path: file }),
      ...(lang ? { lang } : {}),
      vars,
    });
  } catch (e) {
    if (e instanceof XmdError) return await reportError(e, flags.debug === true);
    throw e;
  }
  if (flags.stats) process.stderr.write(formatStats(fromStdin ? "<stdin>" : file, result.stats));
  if (flags.check) {
    const out = resolve(cwd, flags.output as string);
    const why = nondeterminismReason(result.nondeterminism, flags.trustExec === true);
    if (why !== null) {
      process.stderr.write(`${file ?? "<stdin>"}: cannot check: the output is not deterministic: ${why}\n`);
      return EXIT.failed;
    }
    const state = await compareWithDisk(out, result.output, flags.output as string, flags.diff ? null : 20);
    if (state.state === "fresh") return EXIT.ok;
    if (state.state === "missing")
      process.stderr.write(`missing: ${flags.output} (rendered from ${file ?? "<stdin>"})\n`);
    else process.stderr.write(`stale: ${flags.output} (rendered from ${file ?? "<stdin>"})\n${state.diff}`);
    return EXIT.failed;
  }
  if (flags.output !== undefined) writeAtomic(resolve(cwd, flags.output), result.output);
  else process.stdout.write(result.output);
  return EXIT.ok;
}
