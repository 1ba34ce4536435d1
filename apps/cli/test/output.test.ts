/** Writing outputs and stdout: every failure is one line and an exit code, never a stack trace. */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cleanup, read, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

const ENV = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" };

/**
 * A null or full device. As root, a private one made in `dir`: a build that wrongly
 * renames a file over its output must not get to replace the system's /dev/null.
 */
function device(dir: string, kind: "null" | "full"): string {
  if (process.getuid?.() !== 0) return `/dev/${kind}`;
  const path = join(dir, kind);
  execFileSync("mknod", ["-m", "666", path, "c", "1", kind === "null" ? "3" : "7"]);
  return path;
}

/** Runs xmd with its stdout read until the first chunk, then closed (like `| head -1`). */
function closingReader(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    child.once("close", (code) => done({ code, stderr }));
  });
}

describe("writing -o OUT", () => {
  it("refuses a folder and a path through a file, exit 1, one line each", () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n", file: "x" });
    mkdirSync(join(dir, "folder"));
    expect(xmd(["a.md", "-o", "folder"], { cwd: dir })).toEqual({
      code: 1,
      stdout: "",
      stderr: "xmd: cannot write folder: it is a folder\n",
    });
    expect(xmd(["a.md", "-o", "file/x.md"], { cwd: dir })).toEqual({
      code: 1,
      stdout: "",
      stderr: "xmd: cannot write file/x.md: a part of the path is not a folder\n",
    });
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("x");
  });

  it("writes devices in place: a null device, /proc/self/fd/1, and a full device is an error", () => {
    const dir = workspace({ "a.md": "{{ 6 * 7 }}\n" });
    const nul = device(dir, "null");
    expect(xmd(["a.md", "-o", nul], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(statSync(nul).isCharacterDevice()).toBe(true);
    expect(xmd(["a.md", "-o", "/proc/self/fd/1"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "42\n",
      stderr: "",
    });
    const full = device(dir, "full");
    expect(xmd(["a.md", "-o", full], { cwd: dir })).toEqual({
      code: 1,
      stdout: "",
      stderr: `xmd: cannot write ${full}: no space left on device\n`,
    });
    expect(statSync(full).isCharacterDevice()).toBe(true);
  });

  it("writes into a named pipe rather than replacing it with a file", async () => {
    const dir = workspace({ "a.md": "piped {{ 1 }}\n" });
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (d: Buffer) => {
      got += d.toString();
    });
    const closed = new Promise((r) => reader.once("close", r));
    expect(xmd(["a.md", "-o", "fifo"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    await closed;
    expect(got).toBe("piped 1\n");
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it("keeps a file's permissions when it replaces it", () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n", "out.md": "old\n" });
    chmodSync(join(dir, "out.md"), 0o640);
    expect(xmd(["a.md", "-o", "out.md"], { cwd: dir }).code).toBe(0);
    expect(statSync(join(dir, "out.md")).mode & 0o777).toBe(0o640);
  });

  it("build reports an unwritable output and writes the others (exit 1)", () => {
    const dir = workspace({ "src/a.md": "a\n", "src/b.md": "b\n", "src/c.md": "c\n" });
    mkdirSync(join(dir, "out/b.md"), { recursive: true });
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("xmd: cannot write out/b.md: it is a folder\n");
    expect(run.stderr).toMatch(/built 2 of 3 documents into out, 1 failed/);
    expect(read(join(dir, "out/a.md"))).toBe("a\n");
    expect(read(join(dir, "out/c.md"))).toBe("c\n");
  });

  it("watch reports an output it cannot write and exits 1 instead of watching on", async () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n" });
    mkdirSync(join(dir, "out.md"));
    const w = xmdBackground(["watch", "a.md", "out.md"], dir);
    try {
      await until(
        () => w.exitCode() !== null,
        20_000,
        "exit",
        () => w.stderr(),
      );
      expect(w.exitCode()).toBe(1);
      expect(w.stderr()).toContain("xmd: cannot write out.md: it is a folder\n");
    } finally {
      await w.stop();
    }
  });
});

describe("stdout", () => {
  it("stops quietly when the reader goes away (xmd big.md | head -1)", async () => {
    const dir = workspace({ "big.md": '```xmd\nfor i in 1 .. 200000\n    print "line " + i\n```\n' });
    expect(await closingReader(["big.md"], dir)).toEqual({ code: 0, stderr: "" });
    expect(await closingReader(["--help"], dir)).toEqual({ code: 0, stderr: "" });
  });

  it("a full disk is one line and exit 1 (xmd one.md > /dev/full)", () => {
    const dir = workspace({ "one.md": "{{ 1 }}\n" });
    const full = openSync("/dev/full", "w");
    try {
      const run = spawnSync(process.execPath, [BIN, "one.md"], {
        cwd: dir,
        env: ENV,
        stdio: ["ignore", full, "pipe"],
        encoding: "utf8",
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe("xmd: cannot write to stdout: no space left on device\n");
    } finally {
      closeSync(full);
    }
  });
});
