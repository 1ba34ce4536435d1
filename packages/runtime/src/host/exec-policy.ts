/**
 * Who may run what: the exec policy checked against a command's argv before anything runs.
 *
 * An allow-list entry without a slash (`echo`) matches only a program named without a slash,
 * which the system finds on PATH; a program named by a path (`./tools/echo`, `/bin/echo`)
 * runs only when that exact path, or the real path it leads to, is on the list. Matching the
 * base name instead let `--allow-exec=echo` run any file called `echo`, such as a script
 * shipped in the repository being rendered.
 * @module
 */

import type { Host } from "../api/host.js";
import { RuntimeFault } from "../values/fault.js";
import type { HostContext } from "./context.js";
import { scanShellLine } from "./shell-line.js";

/**
 * What the first word must look like in shell mode with an allow-list. Anything else could
 * make the shell run a program other than the one named: `X=/echo touch p` is an assignment
 * followed by `touch`, and a path would need the slash rule, which a shell line cannot keep.
 */
const PLAIN_PROGRAM_NAME = /^[A-Za-z0-9_.-]+$/;

function allowFlag(allow: readonly string[], program: string): string {
  return `run with --allow-exec=${[...allow, program].join(",")} (or --allow-exec for every command)`;
}

function realPathOf(host: Host, baseDir: string, program: string): string | null {
  try {
    return host.realpath(host.path.resolve(baseDir, program));
  } catch {
    return null;
  }
}

/**
 * True when the allow-list lets `program` (argv[0] as written) run. A program named by a
 * path is resolved from the document's folder (`baseDir`, where it runs), an entry with a
 * slash from the renderer's working folder (where the user typed it); they match when
 * both lead to the same real file. Comparing them as text would let `--allow-exec=./gen`
 * run a `./gen` shipped in whatever folder a document sits in.
 */
export function isOnAllowList(
  host: Host,
  allow: readonly string[],
  program: string,
  baseDir: string,
): boolean {
  if (!program.includes("/")) return allow.includes(program);
  const real = realPathOf(host, baseDir, program);
  if (real === null) return false;
  return allow.some((entry) => entry.includes("/") && realPathOf(host, host.cwd(), entry) === real);
}

function notOnList(host: Host, allow: readonly string[], program: string): RuntimeFault {
  const rule = program.includes("/")
    ? `; a program given by a path runs only when that exact path (or its real path) is on the list — a name without a slash, such as '${host.path.basename(program)}', allows only the program of that name found on PATH`
    : allow.some((entry) => entry.includes("/"))
      ? "; an entry with a slash allows only the program at that path, not one of the same name found on PATH"
      : "";
  return new RuntimeFault(
    "exec-denied",
    `exec of '${program}' is not allowed: the allow-list is ${allow.join(", ")}${rule}`,
    allowFlag(allow, program),
  );
}

/**
 * Throws "exec-denied" unless the policy allows `argv` to run. `line` is the whole command
 * line (shell mode checks it for shell syntax).
 */
export function checkExecAllowed(ctx: HostContext, argv: readonly string[], line: string): void {
  const { allow } = ctx.exec;
  if (allow === true) return;
  const program = argv[0]!;
  if (allow === false || allow.length === 0) {
    // In shell mode every program of a pipeline must be allowed: name them all.
    const programs = ctx.exec.shell
      ? [...new Set(scanShellLine(line).commands.map((words) => words[0] as string))]
      : [program];
    const wants =
      programs.length > 1 ? `programs ${programs.map((p) => `'${p}'`).join(", ")}` : `'${program}'`;
    throw new RuntimeFault(
      "exec-denied",
      `exec is disabled: the document wants to run ${wants}`,
      `run with --allow-exec=${programs.length > 0 ? programs.join(",") : program} (or --allow-exec for every command)`,
    );
  }
  if (ctx.exec.shell) {
    // Every program of a pipeline or list must be allowed (`ls *.md | wc -l`: ls and wc).
    const scan = scanShellLine(line);
    if (scan.unsafe !== null) {
      throw new RuntimeFault(
        "exec-denied",
        `exec in shell mode with an allow-list refuses this line: ${scan.unsafe}: ${line}`,
        "run the programs one by one, or allow every command with --allow-exec",
      );
    }
    for (const words of scan.commands) {
      const first = words[0] as string;
      if (!PLAIN_PROGRAM_NAME.test(first)) {
        throw new RuntimeFault(
          "exec-denied",
          `exec in shell mode with an allow-list needs a plain program name first in each command (letters, digits, _ . -), not '${first}': ${line}`,
          "name an allowed program first, or allow every command with --allow-exec",
        );
      }
      if (!allow.includes(first)) throw notOnList(ctx.host, allow, first);
    }
    return;
  }
  if (!isOnAllowList(ctx.host, allow, program, ctx.baseDir)) throw notOnList(ctx.host, allow, program);
}

/**
 * Without shell mode a command runs as argv: shell syntax in it (`|`, `>`, `$HOME`, `*` …)
 * would reach the program as arguments, so it is refused, naming the flag that runs it.
 */
export function checkNoShellSyntax(ctx: HostContext, line: string): void {
  if (ctx.exec.shell === true) return;
  const { syntax } = scanShellLine(line);
  if (syntax === null) return;
  throw new RuntimeFault(
    "exec-denied",
    `this command uses shell syntax ('${syntax}'), but commands run without a shell: ${line}`,
    "render with --exec-shell to run it through sh as the C tool did (its programs still need --allow-exec), or quote the character to pass it as text",
  );
}
