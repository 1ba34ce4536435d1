/** Front matter through the command: kept or stripped, and a build that --check accepts. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

const PAGE = '---\ntitle: Notes\nupdated: "{{year}}"\n---\n# {{title}}\n';

describe("front matter", () => {
  it("is kept with its {{ }} rendered, or left out with --strip-front-matter", () => {
    const dir = workspace({ "p.md": PAGE });
    expect(xmd(["p.md", "-v", "year=2026"], { cwd: dir })).toEqual({
      code: 0,
      stdout: '---\ntitle: Notes\nupdated: "2026"\n---\n# Notes\n',
      stderr: "",
    });
    expect(xmd(["p.md", "-v", "year=2026", "--strip-front-matter"], { cwd: dir }).stdout).toBe("# Notes\n");
  });

  it("is stripped by the config's frontMatter key, and a bad value is a usage error", () => {
    const dir = workspace({
      "p.md": PAGE,
      "xmd.config.json": '{ "frontMatter": "strip", "vars": { "year": 1 } }',
    });
    expect(xmd(["p.md"], { cwd: dir }).stdout).toBe("# Notes\n");
    writeFileSync(join(dir, "xmd.config.json"), '{ "frontMatter": "drop" }');
    const bad = xmd(["p.md"], { cwd: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/"frontMatter" in xmd\.config\.json must be "keep" or "strip", got 'drop'/);
  });

  it("round-trips through build and build --check, in both forms", () => {
    const dir = workspace({ "src/p.md": PAGE.replace("{{year}}", "2026") });
    for (const flags of [[], ["--strip-front-matter"]]) {
      expect(xmd(["build", "src", "out", ...flags], { cwd: dir }).code).toBe(0);
      const built = readFileSync(join(dir, "out/p.md"), "utf8");
      expect(built.startsWith("---\n")).toBe(flags.length === 0);
      expect(xmd(["build", "src", "out", "--check", ...flags], { cwd: dir }).code).toBe(0);
      // Checked the other way, the output is stale.
      const other = flags.length === 0 ? ["--strip-front-matter"] : [];
      expect(xmd(["build", "src", "out", "--check", ...other], { cwd: dir }).code).toBe(1);
    }
    // A change to the front matter makes the built file stale.
    writeFileSync(join(dir, "src/p.md"), PAGE.replace("Notes", "Log").replace("{{year}}", "2026"));
    expect(xmd(["build", "src", "out", "--check", "--strip-front-matter"], { cwd: dir }).code).toBe(1);
  });
});
