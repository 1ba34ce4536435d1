/** `xmd check`: every error in every file, without running anything. */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

describe("xmd check", () => {
  it("goes on past a file it cannot read, and counts the files that have errors", () => {
    const dir = workspace({ "ok.md": "fine {{ 1 }}\n", "bad.xmd": "set\nprint 1 +\n" });
    const run = xmd(["check", "missing.md", "ok.md", "bad.xmd"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^missing\.md: error\[file\]: cannot check it: no such file\n/);
    expect(run.stderr).toMatch(/bad\.xmd:1:4: error\[syntax\]/);
    expect(run.stderr).toMatch(/\n3 errors in 2 files\n$/);
  });

  it("reads stdin ('-' or no file) in the dialect --lang names", () => {
    const dir = workspace();
    expect(xmd(["check", "-", "--lang", "xmd"], { cwd: dir, input: "print 1 +\n" }).stderr).toMatch(
      /^<stdin>:1:10: error\[syntax\]/,
    );
    expect(xmd(["check"], { cwd: dir, input: "# {{ 1 }}\n" })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("reports imports that lead nowhere, resolved in --root or the config's root, and runs nothing", () => {
    const dir = workspace({
      "lib.xmd": "export set x 1\n",
      "docs/page.md": '```xmd\nimport "../lib.xmd"\nimport "gone.md"\nexec "touch ran"\n```\n',
    });
    const own = xmd(["check", "docs/page.md"], { cwd: dir });
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/error\[outside-root\]/);
    expect(own.stderr).toMatch(/docs\/page\.md:3:1: error\[file\]: cannot import .gone\.md.: .*no such file/);
    const widened = xmd(["check", "docs/page.md", "--root", "."], { cwd: dir });
    expect(widened.stderr).not.toMatch(/outside-root/);
    expect(widened.stderr).toMatch(/1 error in 1 file/);
    writeFileSync(join(dir, "xmd.config.json"), '{"root": "."}');
    expect(xmd(["check", "docs/page.md"], { cwd: dir }).stderr).toMatch(/\n1 error in 1 file\n$/);
    expect(existsSync(join(dir, "docs/ran"))).toBe(false);
  });
});
