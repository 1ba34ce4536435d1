/**
 * `exec`/`cmd`: the exec policy, checked here for every host, then the host runs the
 * command. Off unless allowed; an allow-list names the programs (see
 * {@link checkExecAllowed}); shell syntax needs shell mode; `exec.stop` stops the render
 * at the first command. A host without `exec` (the memory host) refuses every command with
 * `exec-denied`, whatever the policy.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import { splitCommandLine } from "./command-line.js";
import type { HostContext } from "./context.js";
import { checkExecAllowed, checkNoShellSyntax } from "./exec-policy.js";

/** Default time a command may run. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
/** Default bytes of output a command may write. */
export const DEFAULT_EXEC_MAX_OUTPUT = 1024 * 1024;

/** Stdout with one trailing newline (`\n` or `\r\n`) removed. */
export function trimOneNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  if (text.endsWith("\n")) return text.slice(0, -1);
  return text;
}

/**
 * Runs a command line and returns its stdout (one trailing newline trimmed), if the host
 * can run programs and the policy allows this one. Errors: "exec-denied" (no exec in this
 * host, or the policy), "exec-stopped" (`exec.stop`), and what the host's `exec` throws
 * ("exec-failed", "limit"). Records the command in `ctx.nondeterminism.exec` when it runs.
 */
export function runCommand(ctx: HostContext, commandLine: string): string {
  const line = commandLine.trim();
  const argv = splitCommandLine(line);
  if (argv.length === 0) throw new RuntimeFault("exec-failed", "exec needs a command to run");
  const host = ctx.host;
  if (host.exec === undefined) {
    throw new RuntimeFault(
      "exec-denied",
      `exec is not available in this host (${host.name}): the document wants to run '${argv[0]}'`,
      `exec is not available in this host: documents rendered with the ${host.name} host cannot run programs (render with the xmd command, whose Node host can)`,
    );
  }
  checkExecAllowed(ctx, argv, line);
  checkNoShellSyntax(ctx, line);
  if (ctx.exec.stop) {
    ctx.nondeterminism.exec.push(line);
    throw new RuntimeFault(
      "exec-stopped",
      `stopped before running '${line}': this render runs no programs`,
      undefined,
      line,
    );
  }
  return host.exec({ line, argv }, ctx);
}
