/**
 * `exec`/`cmd`: running a program under the exec policy. Off unless allowed; an allow-list
 * names the programs (by the base name of argv[0]); no shell unless the policy says so, so
 * `;`, `|`, `` ` `` and `$(…)` reach the program as plain text. Time and output are capped.
 * @module
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import * as path from "node:path";
import { RuntimeFault } from "../values/fault.js";
import { splitCommandLine } from "./command-line.js";
import type { HostContext } from "./context.js";

/** Default time a command may run. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
/** Default bytes of output a command may write. */
export const DEFAULT_EXEC_MAX_OUTPUT = 1024 * 1024;

/** Shell characters refused in shell mode with an allow-list (they could start another program). */
const SHELL_SPECIAL = /[;&|`$<>(){}\n\\*?[\]!~#]/;

/** Throws "exec-denied" unless the policy allows the program `name` (full command line in `line`). */
export function checkExecAllowed(ctx: HostContext, name: string, line: string): void {
  const { allow } = ctx.exec;
  if (allow === true) return;
  if (allow === false || allow.length === 0) {
    throw new RuntimeFault(
      "exec-denied",
      `exec is disabled: the document wants to run '${name}'`,
      `run with --allow-exec=${name} (or --allow-exec for every command)`,
    );
  }
  if (!allow.includes(name)) {
    throw new RuntimeFault(
      "exec-denied",
      `exec of '${name}' is not allowed: the allow-list is ${allow.join(", ")}`,
      `run with --allow-exec=${[...allow, name].join(",")} (or --allow-exec for every command)`,
    );
  }
  if (ctx.exec.shell && SHELL_SPECIAL.test(line)) {
    throw new RuntimeFault(
      "exec-denied",
      `exec in shell mode with an allow-list refuses shell syntax (; | & $ \` < > …): ${line}`,
      "remove the shell syntax, or allow every command with --allow-exec",
    );
  }
}

function firstLine(buf: Buffer | string | null | undefined): string {
  if (!buf) return "";
  const text = buf.toString().trim();
  return text.split("\n")[0]!.trim();
}

/** Stdout with one trailing newline (`\n` or `\r\n`) removed. */
export function trimOneNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  if (text.endsWith("\n")) return text.slice(0, -1);
  return text;
}

/**
 * Runs a command line and returns its stdout (one trailing newline trimmed). The working
 * folder is the document's folder; stdin is empty. Errors: "exec-denied" (policy),
 * "exec-failed" (not found, timed out, too much output, non-zero exit, killed by a signal).
 * Records the command in `ctx.nondeterminism.exec`.
 */
export function runCommand(ctx: HostContext, commandLine: string): string {
  const line = commandLine.trim();
  const shell = ctx.exec.shell === true;
  const argv = splitCommandLine(line);
  if (argv.length === 0) throw new RuntimeFault("exec-failed", "exec needs a command to run");
  const name = path.basename(argv[0]!);
  checkExecAllowed(ctx, name, line);

  const timeout = ctx.exec.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const maxBuffer = ctx.exec.maxOutputBytes ?? DEFAULT_EXEC_MAX_OUTPUT;
  ctx.nondeterminism.exec.push(line);
  const result: SpawnSyncReturns<Buffer> = shell
    ? spawnSync("/bin/sh", ["-c", line], options(ctx, timeout, maxBuffer))
    : spawnSync(argv[0]!, argv.slice(1), options(ctx, timeout, maxBuffer));

  const err = result.error as NodeJS.ErrnoException | undefined;
  if (err) {
    switch (err.code) {
      case "ETIMEDOUT":
        throw new RuntimeFault(
          "exec-failed",
          `command '${name}' timed out after ${timeout} ms and was stopped`,
        );
      case "ENOBUFS":
        throw new RuntimeFault(
          "exec-failed",
          `command '${name}' output exceeded ${maxBuffer} bytes and was stopped`,
        );
      case "ENOENT":
        throw new RuntimeFault(
          "exec-failed",
          `command '${argv[0]}' was not found (is it installed and on PATH?)`,
        );
      case "EACCES":
        throw new RuntimeFault("exec-failed", `command '${argv[0]}' cannot be run: permission denied`);
      default:
        throw new RuntimeFault("exec-failed", `command '${name}' could not be run: ${err.message}`);
    }
  }
  if (result.status !== 0) {
    const why = firstLine(result.stderr);
    if (result.status === null) {
      throw new RuntimeFault(
        "exec-failed",
        `command '${name}' was stopped by signal ${result.signal ?? "?"}`,
      );
    }
    if (shell && result.status === 127) {
      throw new RuntimeFault("exec-failed", `command '${name}' was not found${why ? `: ${why}` : ""}`);
    }
    throw new RuntimeFault(
      "exec-failed",
      `command '${name}' failed with exit code ${result.status}${why ? `: ${why}` : ""}`,
    );
  }
  return trimOneNewline(result.stdout.toString("utf8"));
}

function options(ctx: HostContext, timeout: number, maxBuffer: number) {
  return {
    cwd: ctx.baseDir,
    timeout,
    maxBuffer,
    killSignal: "SIGKILL" as const,
    stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
    windowsHide: true,
    shell: false,
  };
}
