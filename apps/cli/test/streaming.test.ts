/**
 * A large output is streamed: written a chunk at a time to stdout or to the temporary file
 * of `-o OUT` while the document renders, so memory does not grow with the output. What
 * is written is exactly what a whole render gives, and every guarantee of writing holds:
 * the old file stays until the new one is complete, nothing is written through a link,
 * a document that fails leaves no temporary file. Nothing here asserts a time.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cleanup, read, snapshot, workspace } from "./support.js";

afterAll(cleanup);

const ENV = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" };

/** `lines` lines of static text and `{{ }}` (some not ASCII), as the bench's W6 document. */
function document(lines: number, tail = ""): { source: string; expected: string } {
  const parts = ['<!-- xmd:set name = "Zoë" -->', "<!-- xmd:set count = 42 -->"];
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    parts.push(`Line ${i}: Hello {{name}}, you have {{count}} messages — and this is filler text.`);
    out.push(`Line ${i}: Hello Zoë, you have 42 messages — and this is filler text.\n`);
  }
  return { source: `${parts.join("\n")}\n${tail}`, expected: out.join("") };
}

/** 40 000 lines: 3 MB of output, more than the render thread holds back before streaming. */
const LARGE = document(40_000);

/** Runs `xmd ARGS` with stdout going to the file `stdoutFile` (as `xmd … > file` does). */
function xmdTo(args: string[], cwd: string, stdoutFile: string, env: NodeJS.ProcessEnv = ENV) {
  const out = openSync(stdoutFile, "w");
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      env,
      stdio: ["ignore", out, "pipe"],
      encoding: "utf8",
      timeout: 120_000,
    });
    return { code: r.status, stderr: r.stderr, stdout: readFileSync(stdoutFile, "utf8") };
  } finally {
    closeSync(out);
  }
}

const temporaryFiles = (dir: string) => snapshot(dir).filter((line) => /\.tmp\b/.test(line));

describe.each(["pooled", "heap"])("streaming a large output (--memory %s)", (memory) => {
  it("to stdout: exactly what a whole render gives", () => {
    const dir = workspace({ "big.md": LARGE.source });
    const run = xmdTo(["big.md", "--memory", memory], dir, join(dir, "stdout"));
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toBe(LARGE.expected);
  });

  it("to -o OUT: the same, through a temporary file, keeping the old file's mode", () => {
    const dir = workspace({ "big.md": LARGE.source, "out.md": "old\n" });
    chmodSync(join(dir, "out.md"), 0o640);
    const run = xmdTo(["big.md", "-o", "out.md", "--memory", memory], dir, join(dir, "stdout"));
    expect([run.code, run.stderr, run.stdout]).toEqual([0, "", ""]);
    expect(read(join(dir, "out.md"))).toBe(LARGE.expected);
    expect(statSync(join(dir, "out.md")).mode & 0o777).toBe(0o640);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("a document that fails after streaming began leaves the old -o file and no temporary file", () => {
    const failing = document(40_000, "{{ nope }}\n");
    const dir = workspace({ "big.md": failing.source, "out.md": "old\n" });
    const run = xmdTo(["big.md", "-o", "out.md", "--memory", memory], dir, join(dir, "stdout"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^big\.md:40003:4: error\[undefined-name\]: /);
    expect(read(join(dir, "out.md"))).toBe("old\n");
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("a document that fails after streaming began to stdout: the error, exit 1, what was written before it", () => {
    const failing = document(40_000, "{{ nope }}\n");
    const dir = workspace({ "big.md": failing.source });
    const run = xmdTo(["big.md", "--memory", memory], dir, join(dir, "stdout"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^big\.md:40003:4: error\[undefined-name\]: /);
    expect(run.stdout.length).toBeGreaterThan(1024 * 1024);
    expect(LARGE.expected.startsWith(run.stdout)).toBe(true);
  });

  it("refuses an -o that is a symbolic link once the output is large too, writing nothing through it", () => {
    const dir = workspace({ "big.md": LARGE.source, "elsewhere.md": "keep\n" });
    symlinkSync(join(dir, "elsewhere.md"), join(dir, "out.md"));
    const run = xmdTo(["big.md", "-o", "out.md", "--memory", memory], dir, join(dir, "stdout"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xmd: cannot write out\.md: it is a symbolic link/);
    expect(read(join(dir, "elsewhere.md"))).toBe("keep\n");
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("refuses an -o that is a folder once the output is large, and says so once", () => {
    const dir = workspace({ "big.md": LARGE.source });
    mkdirSync(join(dir, "out.md"));
    const run = xmdTo(["big.md", "-o", "out.md", "--memory", memory], dir, join(dir, "stdout"));
    expect([run.code, run.stderr]).toEqual([1, "xmd: cannot write out.md: it is a folder\n"]);
  });

  it("reports --stats for a streamed render", () => {
    const dir = workspace({ "big.md": LARGE.source });
    const run = xmdTo(["big.md", "--stats", "--memory", memory], dir, join(dir, "stdout"));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(LARGE.expected);
    expect(run.stderr).toContain(`${Buffer.byteLength(LARGE.expected)}`);
  });
});

/** Peak RSS of an `xmd` run, as the process itself reports it when it exits. */
function peakRss(args: string[], cwd: string): number {
  const file = join(cwd, "rss");
  const report = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from "node:fs"; process.on("exit", () => writeFileSync(${JSON.stringify(file)}, String(process.resourceUsage().maxRSS * 1024)));`,
  )}`;
  const out = openSync(join(cwd, "stdout"), "w");
  try {
    const r = spawnSync(process.execPath, ["--import", report, BIN, ...args], {
      cwd,
      env: ENV,
      stdio: ["ignore", out, "pipe"],
      encoding: "utf8",
      timeout: 120_000,
    });
    expect([r.status, r.stderr]).toEqual([0, ""]);
  } finally {
    closeSync(out);
  }
  return Number(readFileSync(file, "utf8"));
}

describe("memory while streaming", () => {
  it("does not grow with the output: ten times the output costs far less than ten times the memory", () => {
    // A short document that prints a lot: the output is nearly all there is.
    const loop = (n: number) => `\`\`\`xmd\nfor i in 1 .. ${n}\n    print "${"x".repeat(90)} " + i\n\`\`\`\n`;
    const dir = workspace({ "small.md": loop(30_000), "large.md": loop(300_000) });
    const small = peakRss(["small.md"], dir);
    const large = peakRss(["large.md"], dir);
    expect(statSync(join(dir, "stdout")).size).toBeGreaterThan(28_000_000);
    // Held whole, 28 MB of output would take at least 28 MB more (as bytes, or a string).
    expect(large - small).toBeLessThan(16 * 1024 * 1024);
  });
});
