/** The config file: paths relative to it, and what a config found by searching may not do. */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

describe("config paths", () => {
  it("resolve against the config file's folder, not the working folder", () => {
    const dir = workspace({
      "xmd.config.json": '{"root": "."}',
      "data.txt": "from the top",
      "docs/page.md": '{{ File.read("../data.txt") }}\n',
    });
    expect(xmd(["page.md"], { cwd: join(dir, "docs") })).toEqual({
      code: 0,
      stdout: "from the top\n",
      stderr: "",
    });
  });
});

describe("a byte order mark", () => {
  it("before a config file or a JSON --vars file is not part of the text", () => {
    const dir = workspace({
      "xmd.config.json": '\ufeff{"maxIterations": 100}',
      "vars.json": '\ufeff{"name": "An"}',
      "a.md": "Hi {{name}}\n",
    });
    expect(xmd(["a.md", "--vars", "vars.json"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "Hi An\n",
      stderr: "",
    });
  });
});

describe("a config found by searching (not named with --config)", () => {
  const repo = (config: string, where = "xmd.config.json") =>
    workspace({
      [where]: config,
      "README.md": "<!-- xmd:exec echo ran -->\n",
    });

  it("may not let documents run programs: a usage error names the setting and both ways to allow it", () => {
    const dir = repo('{"allowExec": true}');
    const run = xmd(["README.md"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('xmd.config.json sets "allowExec"');
    expect(run.stderr).toContain("pass --allow-exec on the command line");
    expect(run.stderr).toContain(`--config ${join(dir, "xmd.config.json")}`);
    expect(xmd(["README.md", "--allow-exec"], { cwd: dir }).stdout).toBe("ran\n");
    expect(xmd(["README.md", "--config", "xmd.config.json"], { cwd: dir }).stdout).toBe("ran\n");
    const listed = repo('{"name": "x", "xmd": {"allowExec": ["echo"]}}', "package.json");
    const fromPackage = xmd(["README.md"], { cwd: listed });
    expect(fromPackage.code).toBe(2);
    expect(fromPackage.stderr).toContain('package.json ("xmd" key) sets "allowExec"');
    expect(fromPackage.stderr).toContain("--allow-exec=echo");
  });

  it("may not raise a limit above its default, but may lower one", () => {
    const dir = workspace({
      "xmd.config.json": '{"timeout": 2000000000, "maxIterations": 5}',
      "loop.md": "```xmd\nset n 0\nwhile n < 10\n    set n n + 1\nprint n\n```\n",
    });
    const run = xmd(["loop.md"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `xmd: xmd.config.json raises "timeout" to 2000000000, above the default 10000, but a config found by searching from the working folder may not raise limits: pass --timeout 2000000000 on the command line, or name the config with --config ${join(dir, "xmd.config.json")}\n`,
    );
    // The flag wins over the config, and the lowered limit still applies.
    const flagged = xmd(["loop.md", "--timeout", "20000"], { cwd: dir });
    expect(flagged.code).toBe(1);
    expect(flagged.stderr).toContain("(limit maxIterations)");
    const named = xmd(["loop.md", "--config", "xmd.config.json"], { cwd: dir });
    expect(named.stderr).toContain("(limit maxIterations)");
  });

  it("may not set a root outside its own folder", () => {
    const elsewhere = join(workspace({ "secret.txt": "secret" }), "secret.txt");
    const dir = workspace({
      "xmd.config.json": '{"root": "/"}',
      "peek.md": `{{ File.read("${elsewhere}") }}\n`,
    });
    const run = xmd(["peek.md"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('xmd.config.json sets "root" to /, outside its own folder');
    expect(run.stderr).toContain("pass --root / on the command line");
    expect(xmd(["peek.md", "--config", "xmd.config.json"], { cwd: dir }).stdout).toBe("secret\n");
    expect(xmd(["peek.md", "--root", "/"], { cwd: dir }).stdout).toBe("secret\n");
  });

  it("may set limits, variables and a root inside its folder", () => {
    const dir = workspace({
      "xmd.config.json": '{"maxIterations": 5, "vars": {"v": 1}, "root": "."}',
      "loop.xmd": "for i in 1 .. 10\n    print i\n",
      "sub/v.md": "{{ v }}\n",
    });
    expect(xmd(["loop.xmd"], { cwd: dir }).stderr).toMatch(/more than 5 iterations/);
    expect(xmd(["v.md"], { cwd: join(dir, "sub") }).stdout).toBe("1\n");
  });
});
