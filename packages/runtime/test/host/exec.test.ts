import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { splitCommandLine } from "../../src/host/command-line.js";
import { runCommand, trimOneNewline } from "../../src/host/exec.js";
import { fault, makeContext } from "./helpers.js";

const all = { allow: true } as const;

describe("splitCommandLine", () => {
  it("splits on blanks and honours quotes and escapes", () => {
    expect(splitCommandLine("echo hello world")).toEqual(["echo", "hello", "world"]);
    expect(splitCommandLine("  echo   'a  b'  \"c d\" ")).toEqual(["echo", "a  b", "c d"]);
    expect(splitCommandLine(`echo "say \\"hi\\"" 'it''s' a\\ b`)).toEqual(["echo", 'say "hi"', "its", "a b"]);
    expect(splitCommandLine(`echo "\\n stays" 'back\\slash'`)).toEqual(["echo", "\\n stays", "back\\slash"]);
    expect(splitCommandLine(`echo ""`)).toEqual(["echo", ""]);
    expect(splitCommandLine("")).toEqual([]);
  });

  it("passes shell syntax through as text", () => {
    expect(splitCommandLine("echo hi; rm -rf x")).toEqual(["echo", "hi;", "rm", "-rf", "x"]);
    expect(splitCommandLine("echo `id` $(id) a|b a&&b >f")).toEqual([
      "echo",
      "`id`",
      "$(id)",
      "a|b",
      "a&&b",
      ">f",
    ]);
  });

  it("refuses an unterminated quote", () => {
    expect(fault(() => splitCommandLine("echo 'oops")).message).toContain("unterminated");
    expect(fault(() => splitCommandLine('echo "oops')).message).toContain("unterminated");
  });
});

describe("exec policy", () => {
  it("is off by default, naming the command and the flag (conformance exec-denied case)", () => {
    const ctx = makeContext();
    const f = fault(() => runCommand(ctx, "date"));
    expect(f.code).toBe("exec-denied");
    expect(f.message).toBe("exec is disabled: the document wants to run 'date'");
    expect(f.hint).toBe("run with --allow-exec=date (or --allow-exec for every command)");
    expect(ctx.nondeterminism.exec).toEqual([]);
  });

  it("runs only allow-listed commands, by the name found on PATH", () => {
    const ctx = makeContext({ exec: { allow: ["echo"] } });
    expect(runCommand(ctx, "echo hello")).toBe("hello");
    const f = fault(() => runCommand(ctx, "date"));
    expect(f.code).toBe("exec-denied");
    expect(f.message).toContain("'date'");
    expect(f.hint).toContain("--allow-exec=echo,date");
    expect(ctx.nondeterminism.exec).toEqual(["echo hello"]);
  });

  it("an empty allow-list allows nothing", () => {
    expect(fault(() => runCommand(makeContext({ exec: { allow: [] } }), "echo x")).code).toBe("exec-denied");
  });

  it("refuses an empty command", () => {
    expect(fault(() => runCommand(makeContext({ exec: all }), "   ")).code).toBe("exec-failed");
  });
});

describe("runCommand", () => {
  it("returns stdout with one trailing newline trimmed (conformance exec-allowed case)", () => {
    const ctx = makeContext({ exec: { allow: ["echo"] } });
    expect(runCommand(ctx, "echo hello")).toBe("hello");
    expect(runCommand(ctx, "echo -n no-newline")).toBe("no-newline");
    const multi = makeContext({ exec: all });
    expect(runCommand(multi, "printf 'a\\n\\n'")).toBe("a\n");
    expect(trimOneNewline("x\r\n")).toBe("x");
  });

  it("runs in the document's folder", () => {
    const ctx = makeContext({ exec: all });
    fs.mkdirSync(path.join(ctx.root, "docs"));
    const inDocs = { ...ctx, baseDir: path.join(ctx.root, "docs") };
    expect(runCommand(inDocs, "pwd")).toBe(path.join(ctx.root, "docs"));
  });

  it("refuses shell syntax without shell mode, naming the flag, and runs nothing", () => {
    const ctx = makeContext({ exec: all });
    const marker = path.join(ctx.root, "pwned");
    for (const [line, syntax] of [
      [`echo hi; touch ${marker}`, ";"],
      [`echo hi && touch ${marker}`, "&&"],
      [`echo hi | touch ${marker}`, "|"],
      [`echo \`touch ${marker}\``, "`"],
      [`echo $(touch ${marker})`, "$("],
      [`echo hi > ${marker}`, ">"],
      ["ls *.md", "*"],
      ["echo $HOME", "$"],
    ] as const) {
      const f = fault(() => runCommand(ctx, line));
      expect(f.code, line).toBe("exec-denied");
      expect(f.message, line).toBe(
        `this command uses shell syntax ('${syntax}'), but commands run without a shell: ${line}`,
      );
      expect(f.hint, line).toMatch(/--exec-shell/);
    }
    expect(fs.existsSync(marker)).toBe(false);
    // Quoted, the same characters are text.
    expect(runCommand(ctx, `echo 'a | b' "x > y" '*'`)).toBe("a | b x > y *");
  });

  it("an allow-list cannot be bypassed through injected commands", () => {
    const ctx = makeContext({ exec: { allow: ["echo"] } });
    const marker = path.join(ctx.root, "pwned");
    expect(fault(() => runCommand(ctx, `echo x; touch ${marker}`)).code).toBe("exec-denied");
    expect(fault(() => runCommand(ctx, `touch ${marker}`)).code).toBe("exec-denied");
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("uses the shell only when the policy says so", () => {
    const ctx = makeContext({ exec: { allow: true, shell: true } });
    expect(runCommand(ctx, "echo a; echo b")).toBe("a\nb");
    expect(runCommand(ctx, "echo $((1 + 2)) | tr 3 4")).toBe("4");
  });

  it("checks every program of a pipeline in shell mode with an allow-list", () => {
    const ctx = makeContext({ exec: { allow: ["echo", "tr", "wc"], shell: true } });
    const marker = path.join(ctx.root, "pwned");
    expect(runCommand(ctx, "echo plain")).toBe("plain");
    expect(runCommand(ctx, "echo abc | tr a-z A-Z")).toBe("ABC");
    expect(runCommand(ctx, "echo a b 2>/dev/null | wc -w")).toMatch(/^\s*2$/);
    // A program off the list anywhere in the line is refused, and nothing runs.
    const off = fault(() => runCommand(ctx, `echo x; touch ${marker}`));
    expect([off.code, off.message]).toEqual([
      "exec-denied",
      "exec of 'touch' is not allowed: the allow-list is echo, tr, wc",
    ]);
    expect(fault(() => runCommand(ctx, `echo x && touch ${marker} || echo y`)).code).toBe("exec-denied");
    for (const line of [
      `echo $(touch ${marker})`,
      `echo \`touch ${marker}\``,
      `(touch ${marker})`,
      `echo x > ${marker}`,
    ]) {
      const f = fault(() => runCommand(ctx, line));
      expect(f.code, line).toBe("exec-denied");
      expect(f.message, line).toMatch(/^exec in shell mode with an allow-list refuses this line: /);
    }
    expect(fault(() => runCommand(ctx, `X=1 touch ${marker}`)).message).toMatch(
      /needs a plain program name first/,
    );
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("reports a missing command", () => {
    const f = fault(() => runCommand(makeContext({ exec: all }), "no-such-command-xmd --x"));
    expect(f.code).toBe("exec-failed");
    expect(f.message).toBe("command 'no-such-command-xmd' was not found (is it installed and on PATH?)");
  });

  it("reports a non-zero exit with the code and the first line of stderr", () => {
    const ctx = makeContext({ exec: all });
    const f = fault(() => runCommand(ctx, "ls /definitely/not/here"));
    expect(f.code).toBe("exec-failed");
    expect(f.message).toMatch(/^command 'ls' failed with exit code 2: .*not/);
    expect(fault(() => runCommand(ctx, "false")).message).toBe("command 'false' failed with exit code 1");
  });

  it("stops a command that hangs", () => {
    const ctx = makeContext({ exec: { allow: true, timeoutMs: 300 } });
    const f = fault(() => runCommand(ctx, "sleep 5"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "command 'sleep' timed out after 300 ms and was stopped (limit exec.timeoutMs: how long one command may run)",
    );
    expect(f.hint).toBe(
      "raise it with --exec-timeout (exec.timeoutMs in the API), or make the command finish sooner",
    );
  });

  it("stops a command that reads stdin instead of waiting for it", () => {
    expect(runCommand(makeContext({ exec: { allow: true, timeoutMs: 5000 } }), "cat")).toBe("");
  });

  it("caps the output", () => {
    const ctx = makeContext({ exec: { allow: true, maxOutputBytes: 64 * 1024 } });
    const f = fault(() => runCommand(ctx, "head -c 5000000 /dev/zero"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "command 'head' output exceeded 65536 bytes and was stopped (limit exec.maxOutputBytes)",
    );
    expect(f.hint).toBe("raise it with --exec-max-output (exec.maxOutputBytes in the API)");
    const endless = fault(() => runCommand(ctx, "yes"));
    expect(endless.code).toBe("limit");
    expect(endless.message).toContain("output exceeded 65536 bytes");
  });

  it("caps the output at 1 MiB by default", () => {
    const ctx = makeContext({ exec: all });
    expect(runCommand(ctx, "head -c 1000000 /dev/zero").length).toBe(1_000_000);
    expect(fault(() => runCommand(ctx, "head -c 1100000 /dev/zero")).message).toContain("1048576 bytes");
  });
});
