/** `--check` writes nothing and runs nothing it was not told to trust. */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

const WRITER =
  '```xmd\nFile.write "written.txt" "hi"\nput "data.json".k 1\nprint File.read("written.txt")\n```\n';

describe("--check writes nothing", () => {
  it("File.write and put go to memory: the render sees them, the disk does not", () => {
    const dir = workspace({ "src/w.md": WRITER });
    expect(xmd(["build", "src", "out"], { cwd: dir }).code).toBe(0);
    rmSync(join(dir, "src/written.txt"));
    rmSync(join(dir, "src/data.json"));
    const run = xmd(["build", "src", "out", "--check"], { cwd: dir });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(/checked 1 document: all outputs are up to date/);
    expect(existsSync(join(dir, "src/written.txt"))).toBe(false);
    expect(existsSync(join(dir, "src/data.json"))).toBe(false);
    const one = xmd(["src/w.md", "-o", "out/w.md", "--check"], { cwd: dir });
    expect(one).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(existsSync(join(dir, "src/written.txt"))).toBe(false);
  });

  it("is not fooled by a try around the command, and lets the allow-list decide as a render would", () => {
    // Found in review: a check that denied every command let `try` catch the denial and
    // reported the other branch's output as stale; and it compared allow-list entries as
    // names where a render resolves paths.
    const dir = workspace({
      "y.md": '```xmd\ntry\n    set v exec echo fixed\ncatch e\n    set v "unknown"\n```\nValue: {{v}}\n',
      "tools/gen": "#!/bin/sh\necho trusted\n",
      "p.md": "<!-- xmd print exec ./tools/gen -->\n",
    });
    chmodSync(join(dir, "tools/gen"), 0o755);
    expect(xmd(["y.md", "--allow-exec=echo", "-o", "y.out.md"], { cwd: dir }).code).toBe(0);
    const y = xmd(["y.md", "--allow-exec=echo", "-o", "y.out.md", "--check"], { cwd: dir });
    expect(y.code).toBe(1);
    expect(y.stderr).toMatch(/not deterministic: it runs `echo fixed`/);
    expect(y.stderr).not.toMatch(/stale/);
    const allow = `--allow-exec=${join(dir, "tools/gen")}`;
    expect(xmd(["p.md", allow, "-o", "p.out.md"], { cwd: dir }).code).toBe(0);
    const p = xmd(["p.md", allow, "-o", "p.out.md", "--check"], { cwd: dir });
    expect(p.stderr).toMatch(/not deterministic: it runs `\.\/tools\/gen`/);
    expect(p.stderr).not.toMatch(/exec-denied/);
  });

  it("runs no program without --trust-exec: the document is reported as not deterministic", () => {
    const dir = workspace({ "src/e.md": "<!-- xmd:exec touch ran -->\ndone\n" });
    const run = xmd(["build", "src", "out", "--check", "--allow-exec"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /src\/e\.md: cannot check: the output is not deterministic: it runs `touch ran`/,
    );
    expect(run.stderr).toMatch(/0 stale or missing, 1 not deterministic, 0 failed/);
    expect(existsSync(join(dir, "src/ran"))).toBe(false);
    const one = xmd(["src/e.md", "-o", "out.md", "--check", "--allow-exec=touch"], { cwd: dir });
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/cannot check: .*it runs `touch ran`/);
    expect(existsSync(join(dir, "src/ran"))).toBe(false);
    // A program the allow-list does not name is the error it always is.
    const denied = xmd(["src/e.md", "-o", "out.md", "--check", "--allow-exec=date"], { cwd: dir });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(
      /error\[exec-denied\]: exec of 'touch' is not allowed: the allow-list is date/,
    );
    // Trusted programs run (their output is part of what is compared).
    xmd(["src/e.md", "-o", "out.md", "--allow-exec"], { cwd: dir });
    expect(
      xmd(["src/e.md", "-o", "out.md", "--check", "--allow-exec", "--trust-exec"], { cwd: dir }).code,
    ).toBe(0);
  });

  it("counts a document that reads the clock apart from stale ones", () => {
    const dir = workspace({ "src/t.md": "{{ Date.now().year }}\n", "src/s.md": "{{ 1 }}\n" });
    const run = xmd(["build", "src", "out", "--check"], { cwd: dir });
    expect(run.stderr).toMatch(/checked 2 documents: 1 stale or missing, 1 not deterministic, 0 failed/);
  });
});

describe("check-only flags", () => {
  it("--diff, --trust-exec and --check-orphans without --check are usage errors naming --check", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    expect(xmd(["build", "src", "out", "--diff"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "xmd: --diff only applies with --check\nsee 'xmd build --help'\n",
    });
    expect(xmd(["build", "src", "out", "--check-orphans", "--trust-exec"], { cwd: dir }).stderr).toBe(
      "xmd: --trust-exec and --check-orphans only apply with --check\nsee 'xmd build --help'\n",
    );
    expect(xmd(["src/a.md", "-o", "a.out.md", "--trust-exec"], { cwd: dir }).code).toBe(2);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(existsSync(join(dir, "a.out.md"))).toBe(false);
  });
});

describe("--copy", () => {
  it("counts copied files, and --check compares them", () => {
    const dir = workspace({ "src/a.md": "a\n", "src/img.svg": "<svg/>", "src/data.csv": "1,2" });
    const run = xmd(["build", "src", "out", "--copy"], { cwd: dir });
    expect(run.stderr).toMatch(/built 1 of 1 document into out, copied 2 of 2 files/);
    expect(xmd(["build", "src", "out", "--copy", "--check"], { cwd: dir }).stderr).toMatch(
      /checked 1 document and 2 copied files: all outputs are up to date/,
    );
    writeFileSync(join(dir, "src/img.svg"), "<svg></svg>");
    const stale = xmd(["build", "src", "out", "--copy", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("stale: out/img.svg (copied from src/img.svg)");
    expect(readFileSync(join(dir, "out/img.svg"), "utf8")).toBe("<svg/>");
  });
});

describe("diffs", () => {
  it("have no trailing tab on their headers", () => {
    const dir = workspace({ "a.md": "{{ 1 }}\n" });
    xmd(["a.md", "-o", "out.md"], { cwd: dir });
    writeFileSync(join(dir, "a.md"), "{{ 2 }}\n");
    const run = xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir });
    expect(run.stderr).toBe(
      "stale: out.md (rendered from a.md)\n--- out.md (on disk)\n+++ out.md (rendered)\n@@ -1,1 +1,1 @@\n-1\n+2\n",
    );
  });

  it("say so when only line endings differ, and show carriage returns", () => {
    const dir = workspace({ "a.md": "x\r\ny\r\n", "out.md": "x\ny\n" });
    const run = xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "only line endings differ: out.md has LF line endings, the rendered output CRLF line endings",
    );
    writeFileSync(join(dir, "out.md"), "x\nz\n");
    expect(xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir }).stderr).toContain("+y␍\n");
  });
});
