/**
 * Running a program synchronously so that nothing it starts outlives it.
 *
 * `spawnSync`'s timeout and output cap kill only the direct child: `sh -c "sleep 77; echo x"`
 * stopped at its timeout left `sleep` running, and `sh -c "sleep 30 & echo started"` made
 * `spawnSync` wait for the whole timeout, because the background `sleep` still held the output
 * pipes open after `sh` had exited. So each command runs in a session and process group of its
 * own (`detached: true`, which `spawnSync` honours on POSIX though its documentation does not
 * list it: the child calls `setsid`), under a small `/bin/sh` wrapper that:
 *
 * 1. starts a timer (`sleep`) for the time limit plus a second. While it sleeps it keeps the
 *    group's id taken (an id cannot go to another process while the group has a member), so
 *    killing the group from here after `spawnSync` returns cannot hit a stranger;
 * 2. runs the command (`exec`, never a shell builtin of the same name) in a background
 *    subshell that, when the command ends, reports its status on file descriptor 3 and stops
 *    the timer;
 * 3. waits for the timer alone — not for the pipes the command's leftovers hold — then kills
 *    the whole group, itself included. The timer ends early when the command has ended; if it
 *    runs out, the command is still running although this process should have stopped it by
 *    then, so this process is gone (killed, say): the group dies anyway, a second later.
 *
 * The wrapper waits for its own children before the kill, so no process it started is left
 * for `init` to reap (where `init` does not reap, as with Node as PID 1 in a container, each
 * one would stay a zombie); only what the command left behind is.
 * When `spawnSync` stops the wrapper itself (time limit, output cap), this side kills the
 * group. A program that leaves the group on purpose (`setsid`, daemons) is not followed.
 * Side effects of the wrapper: the command has no controlling terminal (it never had stdin),
 * and, as POSIX shells do for background commands, it starts with SIGINT and SIGQUIT ignored;
 * a wait status above 128 is reported as the signal it stands for.
 * Windows has no process groups of this kind: there the command runs as a plain child.
 *
 * Cost: a `/bin/sh`, two subshells and a `sleep` more per command, about 1.6 ms: `exec true`
 * took 2.9 ms against 1.3 ms for a bare `spawnSync("true")` (500 runs, on a 2-core Linux VM).
 * @module
 */
import type { SpawnSyncOptions, SpawnSyncReturns } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";

/**
 * `child_process`, loaded at the first command: most renders run none, and loading it
 * (with the stream and networking modules it needs) when the runtime loads cost a render
 * thread about 4 ms of its start (Node 20, 2-core VM).
 */
let childProcess: typeof import("node:child_process") | null = null;
function spawnSync(
  file: string,
  args: readonly string[],
  options: SpawnSyncOptions,
): SpawnSyncReturns<Buffer> {
  childProcess ??= createRequire(import.meta.url)(
    "node:child_process",
  ) as typeof import("node:child_process");
  return childProcess.spawnSync(file, args, options) as SpawnSyncReturns<Buffer>;
}

/** How to run a command. */
export interface GroupCommand {
  /** Program and arguments; the program is found on PATH when it has no slash. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The environment the command runs with (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds before the whole group is killed. */
  readonly timeoutMs: number;
  /** Bytes of stdout (and, separately, of stderr) before the whole group is killed. */
  readonly maxOutputBytes: number;
}

/** How a command ended. */
export type GroupOutcome =
  | { readonly kind: "exited"; readonly status: number; readonly stdout: Buffer; readonly stderr: Buffer }
  | { readonly kind: "signalled"; readonly signal: string; readonly stderr: Buffer }
  | { readonly kind: "timed-out" }
  | { readonly kind: "too-much-output" }
  | { readonly kind: "not-started"; readonly error: NodeJS.ErrnoException };

/**
 * The wrapper. `$1` is the timer's delay in whole seconds, the rest is the command. The
 * timer's status says who ended it: non-zero when the reporter stopped it (the command has
 * ended, so the reporter is about to end too and is waited for), zero when it ran out.
 * `kill -s KILL -- -$$` signals the group whose id is the wrapper's pid: that group exists
 * only because the wrapper leads its own session, so without one the kill finds nothing
 * (rather than hitting the caller's group).
 */
const WRAPPER = [
  'sleep "$1" </dev/null >/dev/null 2>&1 3>&- &',
  "timer=$!",
  "shift",
  '{ (exec "$@") 3>&-; printf \'%s\' "$?" >&3; kill "$timer" 2>/dev/null; } &',
  "reporter=$!",
  'if ! wait "$timer" 2>/dev/null; then wait "$reporter"; fi',
  "kill -s KILL -- -$$",
].join("\n");

/** Name the wrapper runs under (its `$0`: shows in `ps` and in the shell's own messages). */
const WRAPPER_NAME = "xmd-exec";

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

function killGroup(pid: number | undefined): void {
  if (pid === undefined || pid <= 0) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group is already gone
  }
}

/** `grouped`: a session of its own and a status pipe on fd 3 (the wrapper); else a plain child. */
function spawnOptions(command: GroupCommand, grouped: boolean): SpawnSyncOptions {
  // `detached` is not in SpawnSyncOptions' type, though spawnSync passes it to libuv like spawn does.
  const options: SpawnSyncOptions & { detached: boolean } = {
    cwd: command.cwd,
    ...(command.env ? { env: command.env } : {}),
    timeout: command.timeoutMs,
    maxBuffer: command.maxOutputBytes,
    killSignal: "SIGKILL",
    stdio: grouped ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
    windowsHide: true,
    shell: false,
    detached: grouped,
  };
  return options;
}

function failure(result: SpawnSyncReturns<Buffer>): GroupOutcome | null {
  const error = result.error as NodeJS.ErrnoException | undefined;
  if (!error) return null;
  if (error.code === "ETIMEDOUT") return { kind: "timed-out" };
  if (error.code === "ENOBUFS") return { kind: "too-much-output" };
  return { kind: "not-started", error };
}

/** An exit status from `wait`: above 128 it means the command was killed by signal status − 128. */
function fromStatus(status: number, stdout: Buffer, stderr: Buffer): GroupOutcome {
  const signal = status > 128 ? SIGNAL_NAMES.get(status - 128) : undefined;
  return signal ? { kind: "signalled", signal, stderr } : { kind: "exited", status, stdout, stderr };
}

function runOnWindows(command: GroupCommand): GroupOutcome {
  const { argv } = command;
  const result = spawnSync(argv[0]!, argv.slice(1), spawnOptions(command, false)) as SpawnSyncReturns<Buffer>;
  const failed = failure(result);
  if (failed) return failed;
  if (result.status === null)
    return { kind: "signalled", signal: result.signal ?? "?", stderr: result.stderr };
  return { kind: "exited", status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command in a process group of its own and kills the whole group when it ends or is stopped. */
export function runInProcessGroup(command: GroupCommand): GroupOutcome {
  if (process.platform === "win32") return runOnWindows(command);
  const watchdogSeconds = Math.ceil(command.timeoutMs / 1000) + 1;
  const result = spawnSync(
    "/bin/sh",
    ["-c", WRAPPER, WRAPPER_NAME, String(watchdogSeconds), ...command.argv],
    spawnOptions(command, true),
  ) as SpawnSyncReturns<Buffer>;
  const failed = failure(result);
  if (failed) {
    // The wrapper was stopped before it could clean up; the timer still holds the group id.
    killGroup(result.pid);
    return failed;
  }
  const reported = result.output[3]?.toString("latin1") ?? "";
  if (/^\d+$/.test(reported)) return fromStatus(Number(reported), result.stdout, result.stderr);
  // The wrapper died without reporting (killed from outside): its group goes too.
  killGroup(result.pid);
  return { kind: "signalled", signal: result.signal ?? "SIGKILL", stderr: result.stderr };
}
