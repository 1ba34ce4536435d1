import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

describe("xmd FILE", () => {
  it("renders to stdout, quietly", () => {
    const dir = workspace({ "a.md": "```xmd\nset n 2\n```\nn={{n}}\n" });
    expect(xmd(["a.md"], { cwd: dir })).toEqual({ code: 0, stdout: "n=2\n", stderr: "" });
    expect(xmd(["process", "a.md"], { cwd: dir }).stdout).toBe("n=2\n");
  });

  it("picks the dialect by extension, and --lang for stdin", () => {
    const dir = workspace({ "b.xmd": 'print "x"\n', "c.xm": 'print "y"\n' });
    expect(xmd(["b.xmd"], { cwd: dir }).stdout).toBe("x\n");
    expect(xmd(["c.xm"], { cwd: dir }).stdout).toBe("y\n");
    expect(xmd(["-", "--lang", "xmd"], { cwd: dir, input: "print 1 + 1\n" }).stdout).toBe("2\n");
    expect(xmd([], { cwd: dir, input: "# {{1 + 1}}\n" }).stdout).toBe("# 2\n");
  });

  it("writes -o atomically and never over its input", () => {
    const dir = workspace({ "a.md": "{{1}}\n" });
    expect(xmd(["a.md", "-o", "out/a.md"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, "out/a.md"), "utf8")).toBe("1\n");
    expect(readdirSync(join(dir, "out"))).toEqual(["a.md"]);
    const same = xmd(["a.md", "-o", "./a.md"], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/refusing to write the output over its own input/);
    expect(readFileSync(join(dir, "a.md"), "utf8")).toBe("{{1}}\n");
  });

  it("parses --var values and reads --vars files", () => {
    const dir = workspace({
      "a.md": "{{n + 1}} {{flag}} {{list.length}} {{name}} {{fromFile}}\n",
      "y.md": "{{y.k}} {{n}}\n",
      "v.json": '{"fromFile": "json"}',
      "v.yaml": "y:\n  k: yaml\nn: 1\n",
    });
    const run = xmd(
      ["a.md", "-v", "n=41", "--var", "flag=true", "-v", "list=[1,2,3]", "-v", "name=An", "--vars", "v.json"],
      { cwd: dir },
    );
    expect(run).toEqual({ code: 0, stdout: "42 true 3 An json\n", stderr: "" });
    // --var wins over --vars.
    expect(xmd(["y.md", "--vars", "v.yaml", "-v", "n=2"], { cwd: dir }).stdout).toBe("yaml 2\n");
    expect(xmd(["y.md", "-v", "oops"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "xmd: --var needs key=value, got 'oops'\n",
    });
  });

  it("reports document errors as file:line:column with a frame, exit 1, no stack", () => {
    const dir = workspace({ "bad.md": "line one\n{{ missing }}\n" });
    const run = xmd(["bad.md"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^bad\.md:2:4: error\[undefined-name\]: 'missing' is not defined\n/);
    expect(run.stderr).toContain("> 2 | {{ missing }}");
    expect(run.stderr).not.toMatch(/\bat .+\.js:\d+/);
  });

  it("colors errors only when asked (FORCE_COLOR) and never with NO_COLOR", () => {
    const dir = workspace({ "bad.md": "{{ nope }}\n" });
    const plain = xmd(["bad.md"], { cwd: dir }).stderr;
    expect(plain).toMatch(/^bad\.md:1:4: error\[undefined-name\]/);
    expect(plain).not.toContain("\x1b[");
    expect(xmd(["bad.md"], { cwd: dir, env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stderr).toContain(
      "\x1b[31m",
    );
  });

  it("shows a stack trace only with --debug", () => {
    const dir = workspace({ "bad.md": "{{ nope }}\n" });
    expect(xmd(["bad.md", "--debug"], { cwd: dir }).stderr).toMatch(/XmdError.*\n\s+at .+:\d+:\d+/s);
    const plain = xmd(["bad.md"], { cwd: dir }).stderr;
    expect(plain).toMatch(/^bad\.md:1:4: error\[undefined-name\]/);
    expect(plain).not.toMatch(/XmdError|\n\s+at .+:\d+:\d+/);
  });

  it("treats usage mistakes as exit 2 with a suggestion", () => {
    const dir = workspace({ "a.md": "x\n" });
    const run = xmd(["a.md", "--stat"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "xmd: unknown option '--stat' (did you mean --stats?)\nsee 'xmd process --help'\n",
    );
    expect(xmd(["missing.md"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "xmd: no such file: missing.md\n",
    });
    expect(xmd(["a.md", "--memory", "fast"], { cwd: dir }).code).toBe(2);
    expect(xmd(["a.md", "--max-iterations", "-1"], { cwd: dir }).code).toBe(2);
  });

  it("has --help for every command and --version", () => {
    for (const args of [
      ["--help"],
      ["process", "--help"],
      ["build", "--help"],
      ["watch", "--help"],
      ["check", "--help"],
    ]) {
      const run = xmd(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: xmd/);
    }
    expect(xmd(["--version"]).stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
    );
  });

  it("applies safety flags: --allow-exec (all or listed), --root, limits", () => {
    const dir = workspace({
      "e.md": "<!-- xmd:exec echo hi -->\n",
      "sub/r.md": '{{ File.read("../secret.txt") }}\n',
      "secret.txt": "s",
      "loop.xmd": "while true\n    set x 1\n",
    });
    expect(xmd(["e.md"], { cwd: dir }).code).toBe(1);
    expect(xmd(["e.md", "--allow-exec"], { cwd: dir }).stdout).toBe("hi\n");
    expect(xmd(["--allow-exec", "e.md"], { cwd: dir }).stdout).toBe("hi\n");
    expect(xmd(["e.md", "--allow-exec=echo,date"], { cwd: dir }).stdout).toBe("hi\n");
    expect(xmd(["e.md", "--allow-exec=date"], { cwd: dir }).stderr).toMatch(
      /^e\.md:1:10: error\[exec-denied\]: exec of 'echo' is not allowed/,
    );
    expect(xmd(["sub/r.md"], { cwd: dir }).stderr).toMatch(/outside the root/);
    expect(xmd(["sub/r.md", "--root", "."], { cwd: dir }).stdout).toBe("s\n");
    const loop = xmd(["loop.xmd", "--max-iterations", "500"], { cwd: dir });
    expect(loop.stderr).toMatch(/loop limit reached: more than 500 iterations/);
  });

  it("reads options from xmd.config.json or package.json, flags winning", () => {
    const dir = workspace({
      "e.md": "<!-- xmd:exec echo hi -->{{ v }}\n",
      "xmd.config.json": '{"allowExec": ["echo"], "vars": {"v": "cfg"}}',
    });
    expect(xmd(["e.md", "--config", "xmd.config.json"], { cwd: dir }).stdout).toBe("hicfg\n");
    expect(xmd(["e.md", "--allow-exec", "-v", "v=flag"], { cwd: dir }).stdout).toBe("hiflag\n");
    const pkg = workspace({
      "e.md": "{{ v }}\n",
      "package.json": '{"name": "x", "xmd": {"vars": {"v": "pkg"}}}',
    });
    expect(xmd(["e.md"], { cwd: pkg }).stdout).toBe("pkg\n");
    writeFileSync(join(pkg, "xmd.config.json"), '{"nope": 1}');
    expect(xmd(["e.md"], { cwd: pkg })).toMatchObject({ code: 2 });
  });

  it("prints statistics with --stats", () => {
    const dir = workspace({ "a.md": "```xmd\nfor i in 1 .. 3\n    print i\n```\n" });
    const run = xmd(["a.md", "--stats"], { cwd: dir });
    expect(run.stdout).toBe("1\n2\n3\n");
    expect(run.stderr).toMatch(/stats for a\.md \(memory: pooled\)/);
    expect(run.stderr).toMatch(/served by pools: \d+\.\d%/);
    expect(run.stderr).toMatch(/pool ast-nodes: acquires \d+/);
    expect(xmd(["a.md", "--stats", "--memory", "heap"], { cwd: dir }).stderr).toMatch(
      /served by pools: 0\.0%/,
    );
  });

  it("check reports every syntax error and exits 1", () => {
    const dir = workspace({ "ok.md": "fine {{1}}\n", "bad.xmd": "set\nprint 1 +\n" });
    expect(xmd(["check", "ok.md"], { cwd: dir }).code).toBe(0);
    const run = xmd(["check", "ok.md", "bad.xmd"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.xmd:1:4: error\[syntax\]/);
    expect(run.stderr).toMatch(/bad\.xmd:2:/);
    expect(run.stderr).toMatch(/\n2 errors in 1 file\n$/);
  });

  it("checks a single output with --check", () => {
    const dir = workspace({ "a.md": "{{ 1 + 1 }}\n" });
    expect(xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir })).toMatchObject({
      code: 1,
      stderr: "missing: out.md (rendered from a.md)\n",
    });
    xmd(["a.md", "-o", "out.md"], { cwd: dir });
    expect(xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    writeFileSync(join(dir, "a.md"), "{{ 1 + 2 }}\n");
    const stale = xmd(["a.md", "-o", "out.md", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("stale: out.md");
    expect(stale.stderr).toContain("-2\n+3");
    expect(existsSync(join(dir, "out.md")) && readFileSync(join(dir, "out.md"), "utf8")).toBe("2\n");
  });
});

describe("the showcase", () => {
  it("renders examples/showcase.md as recorded, in both memory modes", async () => {
    const { REPO } = await import("./support.js");
    const expected = readFileSync(join(REPO, "examples/showcase.out.md"), "utf8");
    for (const memory of ["pooled", "heap"]) {
      expect(xmd(["examples/showcase.md", "--memory", memory], { cwd: REPO })).toEqual({
        code: 0,
        stdout: expected,
        stderr: "",
      });
    }
  });
});
