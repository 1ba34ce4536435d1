/**
 * A stopped command is stopped with everything it started (S4), and a command never runs
 * past the document's deadline (S5). Real processes, kept short; each test looks for its
 * own processes with `ps` afterwards.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/host/exec.js";
import { fault, makeContext } from "./helpers.js";

/** A sleep duration no other process on the machine is likely to use, to find ours in `ps`. */
function uniqueSleep(): string {
  return `7${Math.floor(Math.random() * 1e6)}.5`;
}

/** Every process as "STATE COMMAND LINE": from `ps`, or from /proc where `ps` is not installed. */
function processTable(): string[] {
  try {
    return execFileSync("ps", ["-eo", "stat=,args="], { encoding: "utf8" }).split("\n");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const rows: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      rows.push(`${state} ${args}`);
    } catch {
      // the process ended while the table was read
    }
  }
  return rows;
}

/** Processes still running (zombies excluded: they have ended) whose command line contains `text`. */
function running(text: string): string[] {
  return processTable().filter(
    (row) => row.includes(text) && !row.trimStart().startsWith("Z") && !row.includes("ps -eo"),
  );
}

/** Waits until no process matches (a SIGKILLed process can take a moment to go), then returns what is left. */
function survivorsOf(text: string): string[] {
  for (let i = 0; i < 50; i++) {
    const left = running(text);
    if (left.length === 0) return left;
    execFileSync("sleep", ["0.1"]);
  }
  return running(text);
}

/**
 * The process id a command wrote to `file` when it started its `sleep` (`sleep … & echo $! > file`).
 * Its presence proves the sleep was started, so that finding no survivor afterwards means
 * something: without it, a command that never started anything would pass as well.
 */
function startedPid(file: string): number {
  const text = fs.readFileSync(file, "utf8").trim();
  expect(text).toMatch(/^\d+$/);
  return Number(text);
}

/** Whether a process is still running: neither gone nor a zombie (from /proc, else from `ps`). */
function isRunning(pid: number): boolean {
  let state: string | undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  } catch {
    if (fs.existsSync("/proc/self/stat")) return false; // no such process
    try {
      state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    } catch {
      return false; // ps exits 1 when the process is gone
    }
  }
  return state !== undefined && state !== "" && !state.startsWith("Z");
}

/** Waits a moment for a killed process to go; true when it has gone. */
function hasGone(pid: number): boolean {
  for (let i = 0; i < 50; i++) {
    if (!isRunning(pid)) return true;
    execFileSync("sleep", ["0.1"]);
  }
  return !isRunning(pid);
}

describe("a command is stopped with everything it started", () => {
  // The time limits below leave the command time to write its pid file even on a loaded machine.
  it("kills the children of a command that times out", () => {
    const ctx = makeContext({ exec: { allow: true, timeoutMs: 3000 } });
    const sleep = uniqueSleep();
    const pidFile = path.join(ctx.root, "pid");
    const f = fault(() => runCommand(ctx, `sh -c 'sleep ${sleep} & echo $! > ${pidFile}; wait; echo x'`));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("timed out after 3000 ms");
    expect(hasGone(startedPid(pidFile))).toBe(true);
    expect(survivorsOf(sleep)).toEqual([]);
  });

  it("returns when the command exits, not when the background jobs it left would end, and kills them", () => {
    const ctx = makeContext({ exec: { allow: true, timeoutMs: 20_000 } });
    const sleep = uniqueSleep();
    const pidFile = path.join(ctx.root, "pid");
    expect(runCommand(ctx, `sh -c 'sleep ${sleep} & echo $! > ${pidFile}; echo started'`)).toBe("started");
    expect(hasGone(startedPid(pidFile))).toBe(true);
    expect(survivorsOf(sleep)).toEqual([]);
  });

  it("kills the children of a command whose output is too large", () => {
    const ctx = makeContext({ exec: { allow: true, maxOutputBytes: 1024 } });
    const sleep = uniqueSleep();
    const pidFile = path.join(ctx.root, "pid");
    const f = fault(() => runCommand(ctx, `sh -c 'sleep ${sleep} & echo $! > ${pidFile}; yes'`));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("output exceeded 1024 bytes");
    expect(hasGone(startedPid(pidFile))).toBe(true);
    expect(survivorsOf(sleep)).toEqual([]);
  });

  it("kills what a shell-mode command started", () => {
    const ctx = makeContext({ exec: { allow: true, shell: true, timeoutMs: 1500 } });
    const sleep = uniqueSleep();
    const pidFile = path.join(ctx.root, "pid");
    const f = fault(() => runCommand(ctx, `sleep ${sleep} | cat & echo $! > ${pidFile}; wait`));
    expect(f.message).toContain("timed out");
    expect(hasGone(startedPid(pidFile))).toBe(true);
    expect(survivorsOf(sleep)).toEqual([]);
  });

  it("keeps exit codes, stderr and signals", () => {
    const ctx = makeContext({ exec: { allow: true } });
    expect(fault(() => runCommand(ctx, `sh -c "echo oops >&2; exit 3"`)).message).toBe(
      "command 'sh' failed with exit code 3: oops",
    );
    expect(fault(() => runCommand(ctx, `sh -c 'kill -TERM $$'`)).message).toBe(
      "command 'sh' was stopped by signal SIGTERM",
    );
    expect(runCommand(ctx, "sh -c 'echo $0' -dash-")).toBe("-dash-");
  });

  it("runs the program, never a shell builtin of the same name", () => {
    // the wrapper is /bin/sh; a builtin `echo` would not print its arguments the same way everywhere,
    // and a builtin such as `kill` or `exit` would act on the wrapper itself
    const ctx = makeContext({ exec: { allow: true } });
    const real = execFileSync("echo", ["-e", "a\\tb"], { encoding: "utf8" }).trimEnd();
    expect(runCommand(ctx, "echo -e 'a\\tb'")).toBe(real);
    expect(fault(() => runCommand(ctx, "exit 0")).message).toContain("'exit' was not found");
  });
});

describe("a command never runs past the document's deadline", () => {
  it("stops a command when the document's time runs out, naming that limit and its flag", () => {
    const ctx = makeContext({ exec: { allow: true }, deadline: Date.now() + 3000 });
    const sleep = uniqueSleep();
    const pidFile = path.join(ctx.root, "pid");
    const f = fault(() => runCommand(ctx, `sh -c 'sleep ${sleep} & echo $! > ${pidFile}; wait'`));
    expect(f.code).toBe("limit");
    expect(f.message).toMatch(
      /^time limit reached: command 'sh' was stopped after \d+ ms: the document's time limit ran out/,
    );
    expect(f.hint).toBe("raise it with --timeout (limits.timeoutMs in the API)");
    expect(hasGone(startedPid(pidFile))).toBe(true);
    expect(survivorsOf(sleep)).toEqual([]);
  });

  it("names the command's own limit when that one is shorter", () => {
    const ctx = makeContext({ exec: { allow: true, timeoutMs: 200 }, deadline: Date.now() + 60_000 });
    const f = fault(() => runCommand(ctx, "sleep 5"));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("limit exec.timeoutMs");
    expect(f.hint).toContain("--exec-timeout");
  });

  it("does not start a command once the document's time is up", () => {
    const ctx = makeContext({ exec: { allow: true }, deadline: Date.now() - 1 });
    const f = fault(() => runCommand(ctx, "echo hi"));
    expect(f.code).toBe("limit");
    expect(f.message).toContain("command 'echo' was not run");
    expect(ctx.nondeterminism.exec).toEqual([]);
  });
});
