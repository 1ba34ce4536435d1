import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

function docsTree(): string {
  return workspace({
    "src/index.md": '<!-- xmd:set d = import "data/site.json" -->\n# {{d.title}}\n',
    "src/guide/intro.xmd": 'print "intro"\n',
    "src/guide/broken.md": "{{ nope }}\n",
    "src/data/site.json": '{"title": "Site"}',
    "src/img/logo.svg": "<svg/>",
    "src/drafts/wip.md": "wip {{1}}\n",
  });
}

describe("xmd build", () => {
  it("renders the tree keeping its structure; one bad document does not stop the rest", () => {
    const dir = docsTree();
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/src\/guide\/broken\.md:1:4: error\[undefined-name\]: 'nope' is not defined/);
    expect(run.stderr).toMatch(/built 3 of 4 documents into out, 1 failed/);
    expect(readFileSync(join(dir, "out/index.md"), "utf8")).toBe("# Site\n");
    expect(readFileSync(join(dir, "out/guide/intro.md"), "utf8")).toBe("intro\n");
    expect(existsSync(join(dir, "out/guide/broken.md"))).toBe(false);
    expect(existsSync(join(dir, "out/img/logo.svg"))).toBe(false);
  });

  it("copies other files with --copy and filters with --include / --exclude", () => {
    const dir = docsTree();
    const run = xmd(
      ["build", "src", "out", "--copy", "--exclude", "guide/broken.md", "--exclude", "drafts/**"],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "out/img/logo.svg"), "utf8")).toBe("<svg/>");
    expect(existsSync(join(dir, "out/drafts/wip.md"))).toBe(false);
    const only = xmd(["build", "src", "only", "--include", "guide/*.xmd"], { cwd: dir });
    expect(only.code).toBe(0);
    expect(only.stderr).toMatch(/built 1 of 1 document into only/);
  });

  it("uses several worker threads and a single thread with the same result", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`src/d${i}.md`] = `# {{ ${i} * 2 }}\n`;
    const dir = workspace(files);
    expect(xmd(["build", "src", "a", "--jobs", "2"], { cwd: dir }).code).toBe(0);
    expect(xmd(["build", "src", "b", "--jobs", "1"], { cwd: dir }).code).toBe(0);
    for (let i = 0; i < 12; i++) {
      expect(readFileSync(join(dir, `a/d${i}.md`), "utf8")).toBe(`# ${i * 2}\n`);
      expect(readFileSync(join(dir, `b/d${i}.md`), "utf8")).toBe(`# ${i * 2}\n`);
    }
  });

  it("never reads its own output folder and refuses to write over its sources", () => {
    const dir = workspace({ "docs/a.md": "{{1}}\n" });
    expect(xmd(["build", "docs", "docs/out"], { cwd: dir }).code).toBe(0);
    expect(xmd(["build", "docs", "docs/out"], { cwd: dir }).stderr).toMatch(/built 1 of 1 document/);
    expect(xmd(["build", "docs", "docs"], { cwd: dir }).code).toBe(2);
    expect(xmd(["build", "nothing", "out"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "xmd: source folder not found: nothing\n",
    });
  });

  it("prints a one-line summary when not on a terminal", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toBe("");
  });
});

describe("xmd build --check (stale outputs in CI)", () => {
  function fresh(): string {
    const dir = workspace({
      "src/report.md": '<!-- xmd:set d = import "data.json" -->\nTotal: {{d.total}}\n',
      "src/data.json": '{"total": 10}',
      "src/notes.xmd": 'print "notes"\n',
    });
    expect(xmd(["build", "src", "out"], { cwd: dir }).code).toBe(0);
    return dir;
  }

  it("passes when outputs are fresh, writing nothing", () => {
    const dir = fresh();
    const run = xmd(["build", "src", "out", "--check"], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr).toMatch(/checked 2 documents: all outputs are up to date/);
  });

  it("fails naming the stale file with a diff when a data file changed", () => {
    const dir = fresh();
    writeFileSync(join(dir, "src/data.json"), '{"total": 12}');
    const run = xmd(["build", "src", "out", "--check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stale: out/report.md (rendered from src/report.md)");
    expect(run.stderr).toContain("-Total: 10\n+Total: 12");
    expect(readFileSync(join(dir, "out/report.md"), "utf8")).toBe("Total: 10\n");
  });

  it("reports missing outputs and, with --check-orphans, outputs without a source", () => {
    const dir = fresh();
    rmSync(join(dir, "out/notes.md"));
    expect(xmd(["build", "src", "out", "--check"], { cwd: dir }).stderr).toContain(
      "missing: out/notes.md (rendered from src/notes.xmd)",
    );
    xmd(["build", "src", "out"], { cwd: dir });
    rmSync(join(dir, "src/notes.xmd"));
    expect(xmd(["build", "src", "out", "--check"], { cwd: dir }).code).toBe(0);
    const orphans = xmd(["build", "src", "out", "--check", "--check-orphans"], { cwd: dir });
    expect(orphans.code).toBe(1);
    expect(orphans.stderr).toContain("orphan: out/notes.md has no source in src");
  });

  it("shortens long diffs unless --diff is given", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i} {{n}}`).join("\n");
    const dir = workspace({ "src/a.md": `${lines}\n` });
    xmd(["build", "src", "out", "-v", "n=1"], { cwd: dir });
    const short = xmd(["build", "src", "out", "--check", "-v", "n=2"], { cwd: dir });
    expect(short.stderr).toMatch(/more lines \(use --diff for all\)/);
    const full = xmd(["build", "src", "out", "--check", "--diff", "-v", "n=2"], { cwd: dir });
    expect(full.stderr).not.toMatch(/more lines/);
    expect(full.stderr).toContain("+line 59 2");
  });

  it("reports documents that read the clock or run commands unless those are pinned", () => {
    const dir = workspace({
      "src/a.md": "{{ Date.now().year }}\n",
      "src/b.md": "<!-- xmd:exec echo hi -->\n",
    });
    xmd(["build", "src", "out", "--now", "2026-01-01T00:00:00Z", "--allow-exec"], { cwd: dir });
    const unpinned = xmd(["build", "src", "out", "--check", "--allow-exec"], { cwd: dir });
    expect(unpinned.code).toBe(1);
    expect(unpinned.stderr).toMatch(
      /src\/a\.md: cannot check: the output is not deterministic: it reads the clock \(pass --now/,
    );
    expect(unpinned.stderr).toMatch(/src\/b\.md: cannot check: .*runs `echo hi`.*--trust-exec/);
    const pinned = xmd(
      ["build", "src", "out", "--check", "--allow-exec", "--now", "2026-01-01T00:00:00Z", "--trust-exec"],
      { cwd: dir },
    );
    expect(pinned.code).toBe(0);
  });
});

describe("xmd build root", () => {
  it("is SRC by default, so a document imports from a sibling folder of the tree", () => {
    const dir = workspace({
      "src/sub/doc.md": '```xmd\nimport s from "../shared/s.xmd"\nprint s\n```\n',
      "src/shared/s.xmd": 'export set s "shared"\n',
      "secret.txt": "no",
      "src/peek.md": '{{ File.read("../secret.txt") }}\n',
    });
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(readFileSync(join(dir, "out/sub/doc.md"), "utf8")).toBe("shared\n");
    // …and no wider: the tree's parent is outside it.
    expect(run.stderr).toMatch(/src\/peek\.md:1:4: error\[outside-root\]/);
  });
});
