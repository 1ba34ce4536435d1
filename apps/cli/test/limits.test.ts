/**
 * Every limit the command line exposes, tripped by a document built to trip it, in both
 * memory modes: exit 1, nothing on stdout, an error naming the limit and the flag that
 * raises it, located (FILE:LINE:COLUMN), never a stack trace. Nothing here asserts how
 * long anything takes or where exactly a time limit strikes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, read, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

/** A document that grows its heap slowly, 1 KB at a time, with nothing else to stop it first. */
const GROWS = 'set keep []\nset i 0\nwhile true\n    set i i + 1\n    keep.push("x".repeat(1000) + i)\n';
/** With `--max-memory 64`: time and iterations far beyond what 64 MB takes to fill. */
const MEMORY_ARGS = ["--max-memory", "64", "--max-iterations", "500000", "--timeout", "60000"];

interface Case {
  what: string;
  file: string;
  text: string;
  args: string[];
  code: string;
  /** The limit as the error names it. */
  limit: string;
  flag: string;
  /** False when the error cannot say where (a render thread that ran out of memory). */
  located: boolean;
}

const CASES: Case[] = [
  {
    what: "wall time",
    file: "time.xmd",
    text: 'while true\n    set s range(20000).join(",")\n',
    args: ["--timeout", "200"],
    code: "limit",
    limit: "limit timeoutMs",
    flag: "--timeout",
    located: true,
  },
  {
    what: "loop iterations",
    file: "loop.xmd",
    text: "set n 0\nwhile true\n    set n n + 1\n",
    args: ["--max-iterations", "1000"],
    code: "limit",
    limit: "limit maxIterations",
    flag: "--max-iterations",
    located: true,
  },
  {
    what: "call depth",
    file: "deep.xmd",
    text: "function f n\n    return 1 + f n + 1\nprint f 0\n",
    args: ["--max-depth", "50"],
    code: "limit",
    limit: "limit maxCallDepth",
    flag: "--max-depth",
    located: true,
  },
  {
    what: "nesting of code",
    file: "nested.xmd",
    text: `set x 1\nprint ${"(".repeat(60)}x${")".repeat(60)}\n`,
    args: ["--max-nesting", "50"],
    code: "limit",
    limit: "limit maxNestingDepth",
    flag: "--max-nesting",
    located: true,
  },
  {
    what: "output size",
    file: "loud.xmd",
    text: 'while true\n    print "0123456789"\n',
    args: ["--max-output", "1000"],
    code: "limit",
    limit: "limit maxOutputBytes",
    flag: "--max-output",
    located: true,
  },
  {
    what: "memory (heap of the render thread)",
    file: "grows.xmd",
    text: GROWS,
    args: MEMORY_ARGS,
    code: "limit",
    limit: "limit maxMemoryMb",
    flag: "--max-memory",
    located: false,
  },
  {
    what: "pool slots",
    file: "big.xmd",
    text: Array.from({ length: 60 }, (_, i) => `set x${i} ${i} + 1\n`).join(""),
    args: ["--max-pool-slots", "100"],
    code: "limit",
    limit: "limit maxPoolSlots",
    flag: "--max-pool-slots",
    located: true,
  },
  {
    what: "time of a program it runs",
    file: "slow.md",
    text: "<!-- xmd:exec sleep 5 -->\n",
    args: ["--allow-exec", "--exec-timeout", "200"],
    code: "limit",
    limit: "limit exec.timeoutMs",
    flag: "--exec-timeout",
    located: true,
  },
  {
    what: "output of a program it runs",
    file: "chatty.md",
    text: "<!-- xmd:exec seq 1 1000 -->\n",
    args: ["--allow-exec", "--exec-max-output", "10"],
    code: "limit",
    limit: "limit exec.maxOutputBytes",
    flag: "--exec-max-output",
    located: true,
  },
  {
    what: "items in one list",
    file: "list.xmd",
    text: "set a range(100)\nset b a.concat(a)\n",
    args: ["--max-list-items", "150"],
    code: "limit",
    limit: "limit maxListItems",
    flag: "--max-list-items",
    located: true,
  },
  {
    what: "length of one string",
    file: "string.xmd",
    text: 'set s "0123456789"\nwhile true\n    set s s + s\n',
    args: ["--max-string-length", "1000"],
    code: "limit",
    limit: "limit maxStringLength",
    flag: "--max-string-length",
    located: true,
  },
  {
    what: "bytes written to files",
    file: "writes.xmd",
    text: 'set chunk "x".repeat(600)\nFile.write "a.txt", chunk\nFile.write "b.txt", chunk\n',
    args: ["--max-write", "1000"],
    code: "limit",
    limit: "limit maxWriteBytes",
    flag: "--max-write",
    located: true,
  },
  {
    what: "size of a file it reads",
    file: "reads.xmd",
    text: 'set text File.read "big.txt"\nprint text.length\n',
    args: ["--max-read", "1000"],
    code: "limit",
    limit: "limit maxReadBytes",
    flag: "--max-read",
    located: true,
  },
  {
    what: "size of the document read",
    file: "huge.md",
    text: `${"a".repeat(5000)}\n`,
    args: ["--max-read", "1000"],
    code: "limit",
    limit: "limit maxReadBytes",
    flag: "--max-read",
    located: true,
  },
];

describe.each(["pooled", "heap"])("each limit stops a document that trips it (--memory %s)", (memory) => {
  for (const c of CASES) {
    it(`${c.what}: ${c.flag}`, () => {
      const dir = workspace({ [c.file]: c.text, "big.txt": "y".repeat(5000) });
      const run = xmd([c.file, ...c.args, "--memory", memory], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      const where = c.located ? `${c.file.replace(".", "\\.")}:\\d+:\\d+` : `${c.file.replace(".", "\\.")}`;
      expect(run.stderr).toMatch(new RegExp(`^${where}: error\\[${c.code}\\]: `));
      expect(run.stderr).toContain(`(${c.limit}`);
      expect(run.stderr).toMatch(new RegExp(`\n  = help: (.*, )?(or )?raise it with ${c.flag}\\b`));
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(run.stderr).not.toMatch(/internal error|bug in xmd/);
    });
  }

  it("stdin over --max-read is stopped at the cap", () => {
    const run = xmd(["-", "--max-read", "1000", "--memory", memory], { input: "b".repeat(5000) });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "<stdin>:1:1: error[limit]: cannot read the document: stdin is more than the 1000 bytes a read may be (limit maxReadBytes)\n  = help: raise it with --max-read\n",
    });
  });
});

describe("limit flags and config keys", () => {
  it("are checked: a positive whole number, else a usage error naming the flag", () => {
    const dir = workspace({ "a.md": "a\n" });
    for (const flag of [
      "--max-memory",
      "--max-pool-slots",
      "--max-nesting",
      "--max-list-items",
      "--max-string-length",
      "--max-read",
      "--max-write",
    ]) {
      expect(xmd(["a.md", flag, "0"], { cwd: dir })).toEqual({
        code: 2,
        stdout: "",
        stderr: `xmd: ${flag} needs a positive whole number, got '0'\n`,
      });
      expect(xmd(["a.md", flag, "4096"], { cwd: dir })).toMatchObject({ code: 0, stdout: "a\n" });
    }
  });

  it("take --max-pool-slots up to the most a pool can address, in a flag or the config", () => {
    const dir = workspace({ "a.md": "a {{1}}\n" });
    expect(xmd(["a.md", "--max-pool-slots", "4194304"], { cwd: dir })).toMatchObject({
      code: 0,
      stdout: "a 1\n",
    });
    expect(xmd(["a.md", "--max-pool-slots", "4194305"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "xmd: --max-pool-slots needs a whole number from 1 to 4194304, got '4194305'\n",
    });
    writeFileSync(join(dir, "xmd.config.json"), '{"maxPoolSlots": 10000000}');
    expect(xmd(["a.md"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "xmd: --max-pool-slots needs a whole number from 1 to 4194304, got '10000000'\n",
    });
  });

  it("are read from the config (maxMemory, maxPoolSlots, maxRead …), flags winning", () => {
    const dir = workspace({
      "big.xmd": Array.from({ length: 60 }, (_, i) => `set x${i} ${i} + 1\n`).join(""),
      "huge.md": `${"a".repeat(5000)}\n`,
      "xmd.config.json": '{"maxPoolSlots": 100, "maxRead": 1000, "maxListItems": 5, "maxWrite": 9}',
    });
    expect(xmd(["big.xmd"], { cwd: dir }).stderr).toMatch(
      /more than 100 syntax nodes \(limit maxPoolSlots\)/,
    );
    expect(xmd(["big.xmd", "--max-pool-slots", "100000"], { cwd: dir }).code).toBe(0);
    expect(xmd(["huge.md"], { cwd: dir }).stderr).toMatch(/more than the 1000 bytes a read may be/);
    writeFileSync(join(dir, "xmd.config.json"), '{"maxMemory": 64}');
    writeFileSync(join(dir, "grows.xmd"), GROWS);
    const grown = xmd(["grows.xmd", "--max-iterations", "500000", "--timeout", "60000"], { cwd: dir });
    expect(grown.stderr).toMatch(/more than 64 MB of heap \(limit maxMemoryMb\)/);
  });
});

describe("a render thread that runs out of memory", () => {
  it("costs build that document only: the thread is replaced and the others are written", () => {
    const files: Record<string, string> = { "src/m-grows.xmd": GROWS };
    for (let i = 0; i < 8; i++) files[`src/d${i}.md`] = `doc {{ ${i} * 2 }}\n`;
    for (let i = 0; i < 8; i++) files[`src/z${i}.md`] = `after {{ ${i} }}\n`;
    const dir = workspace(files);
    // One thread: every document after the one that kills it needs the replacement.
    const run = xmd(["build", "src", "out", "-j", "1", ...MEMORY_ARGS], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/error\[limit\]/g)).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^src\/m-grows\.xmd: error\[limit\]: out of memory: .*\(limit maxMemoryMb\)\n/m,
    );
    expect(run.stderr).toMatch(/built 16 of 17 documents into out, 1 failed/);
    for (let i = 0; i < 8; i++) {
      expect(read(join(dir, `out/d${i}.md`))).toBe(`doc ${i * 2}\n`);
      expect(read(join(dir, `out/z${i}.md`))).toBe(`after ${i}\n`);
    }
  });

  it("costs watch that render only: it reports it, renders the next change on a new thread, and goes on", async () => {
    const dir = workspace({ "src/a.md": "a {{ 1 }}\n", "src/grows.xmd": GROWS });
    const w = xmdBackground(["watch", "src", "out", "--debounce", "20", ...MEMORY_ARGS], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    try {
      await until(() => w.stderr().includes("watching src"), 60_000, "first render", log);
      expect(w.stderr()).toMatch(
        /^src\/grows\.xmd: error\[limit\]: out of memory: .*\(limit maxMemoryMb\)$/m,
      );
      expect(read(join(dir, "out/a.md"))).toBe("a 1\n");
      writeFileSync(join(dir, "src/a.md"), "a {{ 2 }}\n");
      await until(() => read(join(dir, "out/a.md")) === "a 2\n", 60_000, "render after the failure", log);
      // The document that failed is rendered again when it changes, and can succeed.
      writeFileSync(join(dir, "src/grows.xmd"), 'print "small now"\n');
      await until(() => read(join(dir, "out/grows.md")) === "small now\n", 60_000, "fixed document", log);
      expect(w.exitCode()).toBe(null);
    } finally {
      await w.stop();
    }
    expect(w.exitCode()).toBe(0);
  });

  it("is the document's error (exit 1) in xmd FILE, not a crash (exit 70 or 134)", () => {
    const dir = workspace({ "grows.xmd": GROWS });
    const run = xmd(["grows.xmd", ...MEMORY_ARGS], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "grows.xmd: error[limit]: out of memory: the render needed more than 64 MB of heap (limit maxMemoryMb)\n  = help: raise it with --max-memory (megabytes per render thread), or look for a list or string that keeps growing\n",
    );
  });
});
