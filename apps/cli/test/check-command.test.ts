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

  it("warns about names never set, without failing unless --strict", () => {
    const dir = workspace({ "page.md": "Hi {{nmae}}!\n<!-- xmd:if draft -->\nx\n<!-- xmd:endif -->\n" });
    const run = xmd(["check", "page.md"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^page\.md:1:6: warning\[undefined-name\]: 'nmae' is never set in this document\n/,
    );
    expect(run.stderr).toMatch(/page\.md:2:13: warning\[undefined-name\]: 'draft' is never set/);
    expect(run.stderr).toMatch(/\n2 warnings \(they do not fail the check; --strict makes them errors\)\n$/);
    const strict = xmd(["check", "--strict", "page.md"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^page\.md:1:6: error\[undefined-name\]: 'nmae' is never set/);
    expect(strict.stderr).not.toMatch(/warning\[/);
    expect(strict.stderr).toMatch(/\n2 errors in 1 file\n$/);
  });

  it("knows the variables a render would get: config vars, --vars and -v", () => {
    const dir = workspace({
      "page.md": "{{a}} {{b}} {{c}}\n",
      "v.yaml": "b: 2\n",
      "xmd.config.json": '{"vars": {"a": 1}}',
    });
    const names = (args: string[]) =>
      [...xmd(["check", ...args, "page.md"], { cwd: dir }).stderr.matchAll(/'(\w)' is never set/g)].map(
        (m) => m[1],
      );
    expect(names([])).toEqual(["b", "c"]);
    expect(names(["--vars", "v.yaml"])).toEqual(["c"]);
    expect(names(["--vars", "v.yaml", "-v", "c=3"])).toEqual([]);
    expect(xmd(["check", "--strict", "--vars", "v.yaml", "-v", "c=3", "page.md"], { cwd: dir }).code).toBe(0);
  });

  it("checks every document under a folder it is given", () => {
    const dir = workspace({ "docs/a.md": "{{ 1 +}}\n", "docs/sub/b.xmd": "print 1 +\n", "docs/c.txt": "{{" });
    const run = xmd(["check", "docs"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/docs\/a\.md:1:/);
    expect(run.stderr).toMatch(/docs\/sub\/b\.xmd:1:/);
    expect(run.stderr).not.toMatch(/c\.txt/);
    expect(run.stderr).toMatch(/\n2 errors in 2 files\n$/);
  });

  it("--compat lists what behaves differently from the C tool, with file:line:column", () => {
    const dir = workspace({
      "team/dash.md": [
        "Updated: <!-- xmd:exec date -->",
        "Count: <!-- xmd:exec ls update/*.md | wc -l -->",
        "Sub: <!-- xmd:exec echo $(whoami) -->",
        "<!-- xmd:import ../shared/core.md -->",
        "<!-- xmd:import update/ann.md -->",
        "@import(update/ann.md",
        "```sh",
        "<!-- xmd:exec not-read -->",
        "```",
        "",
      ].join("\n"),
      "team/update/ann.md": "Ann\n",
      "shared/core.md": "core",
    });
    const run = xmd(["check", "--compat", "team/dash.md"], { cwd: dir });
    const lines = run.stderr.split("\n").filter((l) => l.includes(": compat: "));
    expect(lines.map((l) => l.slice(0, l.indexOf(": compat:")))).toEqual([
      "team/dash.md:1:10",
      "team/dash.md:2:8",
      "team/dash.md:3:6",
      "team/dash.md:4:1",
      "team/dash.md:5:1",
      "team/dash.md:6:1",
      "team/dash.md:7:1",
    ]);
    expect(run.stderr).toMatch(/--allow-exec=date/);
    expect(run.stderr).toMatch(/run with --exec-shell --allow-exec=ls,wc/);
    expect(run.stderr).toMatch(/refuses it even with --exec-shell: command substitution/);
    expect(run.stderr).toMatch(/'\.\.\/shared\/core\.md' is outside the root/);
    expect(run.stderr).toMatch(
      /'update\/ann\.md' ends with a line break: the C tool wrote one more blank line/,
    );
    expect(run.stderr).toMatch(/this @import\( does not close on its line/);
    expect(run.stderr).toMatch(
      /team\/dash\.md:7:1: compat: this code block holds an XMD directive or \{\{ \}\} that the C tool ran; XMD shows code as written/,
    );
    // The command in the code block is not reported as one that runs.
    expect(run.stderr).not.toMatch(/not-read/);
    expect(run.stderr).toMatch(/\n7 constructs in 1 file behave differently from the C tool/);
    // With a root that holds the shared part, that import is no longer a difference.
    const rooted = xmd(["check", "--compat", "--root", ".", "team/dash.md"], { cwd: dir });
    expect(rooted.stderr).not.toMatch(/outside the root/);
    expect(rooted.stderr).toMatch(/\n6 constructs in 1 file behave differently/);
  });

  it("--compat names a colon-less import taken as a value, and doubled blank lines only for a part alone on its line", () => {
    const dir = workspace({
      "a.md":
        '<!-- xmd set f = "p.md" -->\n<!-- xmd set c = import f -->\n{{c}}\n- <!-- xmd:import p.md -->\n<!-- xmd:import p.md -->\n',
      "p.md": "P\n",
    });
    const found = xmd(["check", "--compat", "a.md"], { cwd: dir })
      .stderr.split("\n")
      .filter((l) => l.includes(": compat: "));
    expect(found.map((l) => l.slice(0, l.indexOf(": compat:")))).toEqual(["a.md:2:1", "a.md:5:1"]);
    expect(found[0]).toMatch(
      /without the colon this comment is native code, where `import` as a value gives a module's exports/,
    );
    expect(found[1]).toMatch(/'p\.md' ends with a line break/);
  });

  it("--compat names XMD in inline code, which the C tool ran and XMD shows as written", () => {
    const dir = workspace({
      "a.md": "Run `<!-- xmd:exec date -->` or ``{{ x }}``; `plain` code is fine.\n`@import(p.md)`\n",
    });
    const run = xmd(["check", "--compat", "a.md"], { cwd: dir });
    const found = run.stderr.split("\n").filter((l) => l.includes(": compat: "));
    expect(found).toEqual([
      "a.md:1:5: compat: this inline code holds XMD that the C tool ran; XMD shows code as written",
      "a.md:1:33: compat: this inline code holds XMD that the C tool ran; XMD shows code as written",
      "a.md:2:1: compat: this inline code holds XMD that the C tool ran; XMD shows code as written",
    ]);
    expect(run.stderr).not.toMatch(/'date' runs only when allowed/);
  });

  it("--compat names a part the C tool found from the folder it ran in, unless the root finds it", () => {
    const dir = workspace({
      "nested/a.md": "@import(nested/b.md)\n<!-- xmd:import nested/b.md -->\n",
      "nested/b.md": "B",
    });
    const run = xmd(["check", "--compat", "nested/a.md"], { cwd: dir });
    expect(run.stderr).toMatch(
      /nested\/a\.md:1:1: compat: 'nested\/b\.md' is no file beside this document or under the root: the C tool read the path from the folder it ran in\n {2}= help: write it relative to this document \(b\.md\), or render with --root naming the folder the C tool ran in/,
    );
    expect(run.stderr).toMatch(
      /nested\/a\.md:2:1: compat: 'nested\/b\.md' is no file beside this document: the C tool/,
    );
    // With the root where the C tool ran, @import(…) finds it; the directive still does not.
    const rooted = xmd(["check", "--compat", "--root", ".", "nested/a.md"], { cwd: dir });
    expect(rooted.stderr).not.toMatch(/a\.md:1:1: compat/);
    expect(rooted.stderr).toMatch(/a\.md:2:1: compat/);
  });
});
