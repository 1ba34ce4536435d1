/**
 * Denial of service through the host (issue 13): one document per limit — file read size,
 * bytes written, data-file size and time, exec time and output, a named pipe and a device —
 * each stopped with a located XmdError that names the limit (code `limit`; `file` for what is
 * not a regular file), in both memory modes, through render and through compile. Limits are
 * set small and files kept small; nothing here asserts how long anything took or where a
 * time limit struck: the test timeout is the only clock (a run that hangs fails it).
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh folder holding `files`. */
function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-dos-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

type Way = "render" | "compile";
const CASES: [MemoryMode, Way][] = [
  ["pooled", "render"],
  ["heap", "render"],
  ["pooled", "compile"],
  ["heap", "compile"],
];

/** Runs `root/file` one way; returns its output. */
function run(
  memory: MemoryMode,
  way: Way,
  root: string,
  file: string,
  options: RuntimeOptions = {},
  vars: Record<string, unknown> = {},
): string {
  const runtime = createRuntime({ memory, checked: true, ...options });
  try {
    const path = join(root, file);
    const source = readFileSync(path, "utf8");
    if (way === "render") return runtime.render(source, { path, vars }).output;
    const compiled = runtime.compile(source, { path, vars });
    try {
      return compiled.render(vars).output;
    } finally {
      compiled.release();
    }
  } finally {
    runtime.dispose();
  }
}

/** The XmdError `fn` throws (anything else fails the test). */
function errorOf(fn: () => unknown): XmdError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("expected an XmdError, but the document ran to its end");
}

/** Expects a `limit` error naming `limit`, located at `line` of `file`, whose hint names `flag`. */
function expectLimit(e: XmdError, limit: string, flag: string, file: string, line: number): void {
  expect(e.code).toBe("limit");
  expect(e.message).toContain(`(limit ${limit}`);
  expect(e.hint).toContain(flag);
  expect(e.file.endsWith(file)).toBe(true);
  expect(e.line).toBe(line);
  expect(e.column).toBeGreaterThan(0);
  expect(e.frame).not.toBe("");
}

describe.each(CASES)("host limits (%s, %s)", (memory, way) => {
  it("File.read of a file larger than maxReadBytes", () => {
    const root = project({
      "main.xmd": 'print "start"\nset t File.read "big.txt"\nprint t\n',
      "big.txt": "x".repeat(5000),
    });
    const e = errorOf(() => run(memory, way, root, "main.xmd", { limits: { maxReadBytes: 4096 } }));
    expectLimit(e, "maxReadBytes", "--max-read", "main.xmd", 2);
    expect(e.message).toBe(
      '"big.txt" is too large: 5000 bytes, and a file read may be at most 4096 bytes (4 KiB) (limit maxReadBytes)',
    );
  });

  it("File.read of a 3 GiB file under the default limits (sparse: nothing is written)", () => {
    const root = project({ "main.xmd": 'set t File.read "huge.bin"\n', "huge.bin": "" });
    truncateSync(join(root, "huge.bin"), 3 * 1024 * 1024 * 1024);
    const e = errorOf(() => run(memory, way, root, "main.xmd"));
    expectLimit(e, "maxReadBytes", "--max-read", "main.xmd", 1);
    expect(e.message).toContain("3221225472 bytes");
  });

  it("an imported module, an in-place part and a data file larger than maxReadBytes", () => {
    const big = `print "${"x".repeat(3000)}"\n`;
    const root = project({
      "module.xmd": 'set m import "lib.xmd"\n',
      "part.md": 'before\n<!-- xmd:import "part-big.md" -->\n',
      "data.xmd": 'set d import "d.json"\n',
      "get.xmd": 'print "ok"\nprint get "d.json".a\n',
      "lib.xmd": big,
      "part-big.md": big,
      "d.json": `{"a": "${"y".repeat(3000)}"}`,
    });
    const limits = { limits: { maxReadBytes: 2048 } };
    expectLimit(
      errorOf(() => run(memory, way, root, "module.xmd", limits)),
      "maxReadBytes",
      "--max-read",
      "module.xmd",
      1,
    );
    expectLimit(
      errorOf(() => run(memory, way, root, "part.md", limits)),
      "maxReadBytes",
      "--max-read",
      "part.md",
      2,
    );
    const data = errorOf(() => run(memory, way, root, "data.xmd", limits));
    expectLimit(data, "maxReadBytes", "--max-read", "data.xmd", 1);
    expect(data.message).toContain("JSON text may be at most 2048 bytes");
    expectLimit(
      errorOf(() => run(memory, way, root, "get.xmd", limits)),
      "maxReadBytes",
      "--max-read",
      "get.xmd",
      2,
    );
  });

  it("writes past maxWriteBytes, counted over the whole run, on disk and in a dry run", () => {
    const doc = 'set s "0123456789"\nfor i in 10\n    File.write "out/f" + i + ".txt", s\nprint "done"\n';
    for (const dryRun of [false, true]) {
      const root = project({ "main.xmd": doc });
      const e = errorOf(() => run(memory, way, root, "main.xmd", { dryRun, limits: { maxWriteBytes: 35 } }));
      expectLimit(e, "maxWriteBytes", "--max-write", "main.xmd", 3);
      expect(e.message).toBe(
        'write limit reached: writing 10 bytes to "out/f3.txt" would bring what this run wrote to 40 bytes, and a run may write at most 35 bytes (limit maxWriteBytes)',
      );
      expect(existsSync(join(root, "out/f2.txt"))).toBe(!dryRun);
      expect(existsSync(join(root, "out/f3.txt"))).toBe(false);
    }
  });

  it("put counts against maxWriteBytes too", () => {
    // each put writes the whole file, {"v": "0123456789"} with a 2-space indent: 24 bytes
    const root = project({ "main.xmd": 'for i in 10\n    put "state.json".v "0123456789"\n' });
    const e = errorOf(() => run(memory, way, root, "main.xmd", { limits: { maxWriteBytes: 60 } }));
    expectLimit(e, "maxWriteBytes", "--max-write", "main.xmd", 2);
    expect(e.message).toContain(
      'writing 24 bytes to "state.json" would bring what this run wrote to 72 bytes',
    );
    expect(JSON.parse(readFileSync(join(root, "state.json"), "utf8"))).toEqual({ v: "0123456789" });
  });

  it("a YAML data file past maxReadBytes, and one that takes longer than the time limit to read", () => {
    const root = project({
      "small.xmd": 'set d import "d.yaml"\n',
      "slow.xmd": 'print "start"\nset d import "slow.yaml"\nprint d.length\n',
      "d.yaml": `a: ${"y".repeat(3000)}\n`,
      // 100 000 items: 400 000 tokens, far more than any machine reads in 5 ms
      "slow.yaml": "- a\n".repeat(100_000),
    });
    const big = errorOf(() => run(memory, way, root, "small.xmd", { limits: { maxReadBytes: 2048 } }));
    expectLimit(big, "maxReadBytes", "--max-read", "small.xmd", 1);
    expect(big.message).toContain("YAML text may be at most 2048 bytes");
    const slow = errorOf(() => run(memory, way, root, "slow.xmd", { limits: { timeoutMs: 5 } }));
    expect(slow.code).toBe("limit");
    expect(slow.message).toContain("(limit timeoutMs)");
    expect(slow.hint).toContain("--timeout");
    expect(slow.file.endsWith("slow.xmd")).toBe(true);
    expect(slow.line).toBeGreaterThan(0);
  });

  it("json.parse and yaml.parse of text past maxReadBytes, json/yaml.stringify past maxStringLength", () => {
    const root = project({
      "jp.xmd": "print json.parse(text).length\n",
      "yp.xmd": "print yaml.parse(text).length\n",
      "js.xmd": 'set xs range(0, 2000)\nprint "a"\nprint json.stringify(xs).length\n',
      "ys.xmd": 'set xs range(0, 2000)\nprint "a"\nprint yaml.stringify(xs).length\n',
    });
    const text = `[${"0,".repeat(1000)}0]`;
    const small = { limits: { maxReadBytes: 1024 } };
    expectLimit(
      errorOf(() => run(memory, way, root, "jp.xmd", small, { text })),
      "maxReadBytes",
      "--max-read",
      "jp.xmd",
      1,
    );
    expectLimit(
      errorOf(() => run(memory, way, root, "yp.xmd", small, { text })),
      "maxReadBytes",
      "--max-read",
      "yp.xmd",
      1,
    );
    const short = { limits: { maxStringLength: 1000 } };
    expectLimit(
      errorOf(() => run(memory, way, root, "js.xmd", short)),
      "maxStringLength",
      "--max-string-length",
      "js.xmd",
      3,
    );
    expectLimit(
      errorOf(() => run(memory, way, root, "ys.xmd", short)),
      "maxStringLength",
      "--max-string-length",
      "ys.xmd",
      3,
    );
  });

  it("a command past its time limit, and one that writes past its output cap", () => {
    const root = project({
      "slow.md": "before\n<!-- xmd:exec sleep 5 -->\n",
      "loud.md": "before\n<!-- xmd:exec head -c 100000 /dev/zero -->\n",
    });
    const slow = errorOf(() =>
      run(memory, way, root, "slow.md", { exec: { allow: ["sleep"], timeoutMs: 200 } }),
    );
    expectLimit(slow, "exec.timeoutMs", "--exec-timeout", "slow.md", 2);
    const loud = errorOf(() =>
      run(memory, way, root, "loud.md", { exec: { allow: ["head"], maxOutputBytes: 1000 } }),
    );
    expectLimit(loud, "exec.maxOutputBytes", "--exec-max-output", "loud.md", 2);
    expect(loud.message).toContain("output exceeded 1000 bytes");
  });

  it("a named pipe, read or imported, is refused instead of waited on", () => {
    const root = project({
      "read.xmd": 'print "start"\nset t File.read "pipe.txt"\n',
      "data.xmd": 'set d import "pipe.json"\n',
    });
    execFileSync("mkfifo", [join(root, "pipe.txt"), join(root, "pipe.json")]);
    for (const [file, line, name] of [
      ["read.xmd", 2, "pipe.txt"],
      ["data.xmd", 1, "pipe.json"],
    ] as const) {
      const e = errorOf(() => run(memory, way, root, file));
      expect(e.code).toBe("file");
      expect(e.message).toBe(`cannot read "${name}": it is a named pipe, and only regular files can be read`);
      expect(e.line).toBe(line);
      expect(e.file.endsWith(file)).toBe(true);
    }
  });

  it("a device is refused instead of read for ever", () => {
    const root = project({ "main.xmd": 'print "start"\nset t File.read "/dev/zero"\n' });
    const e = errorOf(() => run(memory, way, root, "main.xmd", { root: "/" }));
    expect(e.code).toBe("file");
    expect(e.message).toBe('cannot read "dev/zero": it is a device, and only regular files can be read');
    expect(e.line).toBe(2);
  });
});

describe.each(["pooled", "heap"] as MemoryMode[])("the document itself (%s)", (memory) => {
  it("is held to maxReadBytes, and refused when it is a pipe or a device", () => {
    const root = project({ "big.md": "x".repeat(5000) });
    execFileSync("mkfifo", [join(root, "pipe.md")]);
    const runtime = createRuntime({ memory, limits: { maxReadBytes: 4096 } });
    const big = errorOf(() => runtime.renderFile(join(root, "big.md")));
    expect(big.code).toBe("limit");
    expect(big.message).toContain(
      "5000 bytes, and a file read may be at most 4096 bytes (4 KiB) (limit maxReadBytes)",
    );
    expect(big.hint).toContain("--max-read");
    expect([big.file, big.line, big.column]).toEqual([join(root, "big.md"), 1, 1]);
    expect(runtime.checkFile(join(root, "big.md"))[0]?.code).toBe("limit");
    for (const path of [join(root, "pipe.md"), "/dev/zero"]) {
      const e = errorOf(() => runtime.renderFile(path));
      expect(e.code).toBe("file");
      expect(e.message).toMatch(/: it is a (named pipe|device), and only regular files can be read$/);
      expect([e.file, e.line]).toEqual([path, 1]);
    }
  });
});
