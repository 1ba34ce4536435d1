/**
 * The Node host's `exec`/`cmd`: running a program the exec policy allows (the core checks
 * the policy first: see ../exec.ts and ../exec-policy.ts). No shell unless the policy says so, so
 * `;`, `|`, `` ` `` and `$(…)` reach the program as plain text. Time and output are capped,
 * and a command never runs past the document's own time limit. A command that is stopped is
 * stopped with everything it started (see {@link runInProcessGroup}).
 *
 * Commands inherit the whole environment of the process that renders (HOME, PATH, and also any
 * tokens or secrets in it): tools such as `git` need it. Allow only programs you trust with it.
 * PATH alone is changed: its empty and relative entries are left out (see ./program-path.ts),
 * so that a name is never found in the document's own folder.
 * @module
 */
import * as path from "node:path";
import type { HostCommand, HostExecContext } from "../../api/host.js";
import { raiseHint } from "../../values/budget.js";
import { RuntimeFault } from "../../values/fault.js";
import { DEFAULT_EXEC_MAX_OUTPUT, DEFAULT_EXEC_TIMEOUT_MS, trimOneNewline } from "../exec.js";
import { type GroupOutcome, runInProcessGroup } from "./process-group.js";
import { commandEnvironment, findProgram, skippedPathEntry } from "./program-path.js";

function firstLine(buf: Buffer | string | null | undefined): string {
  if (!buf) return "";
  const text = buf.toString().trim();
  return text.split("\n")[0]!.trim();
}

/** How long a command may run, and which limit says so. */
interface TimeBudget {
  readonly ms: number;
  /** `command`: the exec policy's per-command limit; `document`: what is left of the document's. */
  readonly by: "command" | "document";
}

/**
 * A tie goes to the document's limit. The defaults are equal (10 s each), and with `<` the
 * limit named when a command ran too long depended on whether a millisecond had turned
 * since the document started: the same document gave either error.
 */
function timeBudget(ctx: HostExecContext): TimeBudget {
  const perCommand = ctx.exec.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const left = Math.floor(ctx.deadline - Date.now());
  return left <= perCommand ? { ms: left, by: "document" } : { ms: perCommand, by: "command" };
}

function documentTimeUp(name: string, ranMs: number | null): RuntimeFault {
  const what =
    ranMs === null
      ? `command '${name}' was not run: the document's time limit has run out`
      : `command '${name}' was stopped after ${ranMs} ms: the document's time limit ran out`;
  return new RuntimeFault("limit", `time limit reached: ${what} (limit timeoutMs)`, raiseHint("timeoutMs"));
}

function commandTimeUp(name: string, ms: number): RuntimeFault {
  return new RuntimeFault(
    "limit",
    `command '${name}' timed out after ${ms} ms and was stopped (limit exec.timeoutMs: how long one command may run)`,
    "raise it with --exec-timeout (exec.timeoutMs in the API), or make the command finish sooner",
  );
}

function tooMuchOutput(name: string, maxBuffer: number): RuntimeFault {
  return new RuntimeFault(
    "limit",
    `command '${name}' output exceeded ${maxBuffer} bytes and was stopped (limit exec.maxOutputBytes)`,
    "raise it with --exec-max-output (exec.maxOutputBytes in the API)",
  );
}

/** "not found", with a hint when a relative PATH entry, which is not searched, holds the program. */
function notFound(program: string, cwd?: string, searchPath?: string): RuntimeFault {
  const skipped = cwd === undefined ? undefined : skippedPathEntry(program, cwd, searchPath);
  return new RuntimeFault(
    "exec-failed",
    `command '${program}' was not found (is it installed and on PATH?)`,
    skipped === undefined
      ? undefined
      : `${skipped === "" ? "an empty PATH entry" : `the PATH entry '${skipped}'`} holds one, but only absolute PATH entries are searched (a relative or empty one would be read from the document's folder); name the program by its path to run it, and allow that path`,
  );
}

/** Throws unless `program` (a name or a path) leads to a file that can be run; returns that file. */
function located(program: string, cwd: string, searchPath: string | undefined): string {
  const found = findProgram(program, cwd, searchPath);
  if ("found" in found) return found.found;
  throw found.missing === "EACCES"
    ? new RuntimeFault("exec-failed", `command '${program}' cannot be run: permission denied`)
    : notFound(program, cwd, searchPath);
}

/** The argv the wrapper runs: the program as written, unless the shell would read it as an option. */
function runnableArgv(
  argv: readonly string[],
  cwd: string,
  searchPath: string | undefined,
): readonly string[] {
  // Windows finds programs with PATHEXT and has no wrapper: there spawnSync reports ENOENT itself.
  if (process.platform === "win32") return argv;
  const program = argv[0]!;
  const found = located(program, cwd, searchPath);
  return program.startsWith("-") ? [found, ...argv.slice(1)] : argv;
}

function outcomeValue(
  outcome: GroupOutcome,
  name: string,
  shell: boolean,
  budget: TimeBudget,
  maxBuffer: number,
  started: number,
): string {
  switch (outcome.kind) {
    case "timed-out":
      throw budget.by === "document"
        ? documentTimeUp(name, Date.now() - started)
        : commandTimeUp(name, budget.ms);
    case "too-much-output":
      throw tooMuchOutput(name, maxBuffer);
    case "not-started":
      if (outcome.error.code !== "ENOENT")
        throw new RuntimeFault("exec-failed", `command '${name}' could not be run: ${outcome.error.message}`);
      // Elsewhere the program was found before spawning: what is missing is the wrapper's shell.
      throw process.platform === "win32"
        ? notFound(name)
        : new RuntimeFault(
            "exec-failed",
            `command '${name}' could not be run: /bin/sh, which starts every command (so that all it starts can be stopped), was not found`,
          );
    case "signalled":
      throw new RuntimeFault("exec-failed", `command '${name}' was stopped by signal ${outcome.signal}`);
    case "exited": {
      if (outcome.status === 0) return trimOneNewline(outcome.stdout.toString("utf8"));
      const why = firstLine(outcome.stderr);
      if (shell && outcome.status === 127) {
        throw new RuntimeFault("exec-failed", `command '${name}' was not found${why ? `: ${why}` : ""}`);
      }
      throw new RuntimeFault(
        "exec-failed",
        `command '${name}' failed with exit code ${outcome.status}${why ? `: ${why}` : ""}`,
      );
    }
  }
}

/**
 * Runs a command the exec policy has allowed (the core checked it: ../exec.ts) and returns
 * its stdout (one trailing newline trimmed). The working folder is the document's folder;
 * stdin is empty; the environment is the host's (`process.env`, PATH reduced to its
 * absolute entries). It may run for the exec policy's `timeoutMs` or until the document's
 * deadline, whichever comes first. Errors: "exec-failed" (not found, non-zero exit, killed
 * by a signal), "limit" (the command's time limit or output cap, or the document's time ran
 * out). Records the command in `ctx.nondeterminism.exec` when it starts it.
 */
export function runAllowedCommand(command: HostCommand, ctx: HostExecContext): string {
  const { line, argv } = command;
  const shell = ctx.exec.shell === true;
  const name = path.basename(argv[0]!) || argv[0]!;
  const env = ctx.host.env as NodeJS.ProcessEnv;
  const budget = timeBudget(ctx);
  if (budget.ms <= 0) throw documentTimeUp(name, null);
  const maxBuffer = ctx.exec.maxOutputBytes ?? DEFAULT_EXEC_MAX_OUTPUT;
  ctx.nondeterminism.exec.push(line);
  const run = shell ? ["/bin/sh", "-c", line] : runnableArgv(argv, ctx.baseDir, env.PATH);
  const started = Date.now();
  const outcome = runInProcessGroup({
    argv: run,
    cwd: ctx.baseDir,
    env: commandEnvironment(env),
    timeoutMs: budget.ms,
    maxOutputBytes: maxBuffer,
  });
  return outcomeValue(outcome, name, shell, budget, maxBuffer, started);
}
