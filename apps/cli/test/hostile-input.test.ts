/**
 * Input made to hurt: variables named `__proto__`, files that are not files (a device, a
 * named pipe, a socket) where a document, a config or a `--vars` file is expected, and
 * terminal escape sequences in documents, outputs and file names.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, read, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

describe("variables named __proto__ (and other Object.prototype names)", () => {
  it("arrive from -v, --vars JSON, --vars YAML and the config alike", () => {
    const dir = workspace({
      "p.md": "{{ __proto__ }} {{ constructor }}\n",
      "v.json": '{"__proto__": "json", "constructor": "cj"}',
      "v.yaml": "__proto__: yaml\nconstructor: cy\n",
    });
    expect(xmd(["p.md", "-v", "__proto__=flag", "-v", "constructor=c"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "flag c\n",
      stderr: "",
    });
    expect(xmd(["p.md", "--vars", "v.json"], { cwd: dir }).stdout).toBe("json cj\n");
    expect(xmd(["p.md", "--vars", "v.yaml"], { cwd: dir }).stdout).toBe("yaml cy\n");
    // -v wins over --vars for this name too.
    expect(xmd(["p.md", "--vars", "v.json", "-v", "__proto__=last"], { cwd: dir }).stdout).toBe("last cj\n");
    writeFileSync(join(dir, "xmd.config.json"), '{"vars": {"__proto__": "config", "constructor": "cc"}}');
    expect(xmd(["p.md"], { cwd: dir }).stdout).toBe("config cc\n");
  });

  it("reach every document of a build", () => {
    const dir = workspace({ "src/a.md": "{{ __proto__.k }}\n", "v.json": '{"__proto__": {"k": "deep"}}' });
    expect(xmd(["build", "src", "out", "--vars", "v.json"], { cwd: dir }).code).toBe(0);
    expect(read(join(dir, "out/a.md"))).toBe("deep\n");
  });
});

/** A listening Unix socket at `path`; close it after. */
function socketAt(path: string): Promise<Server> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(path, () => done(server));
  });
}

describe("a document must be a regular file", () => {
  it("xmd FILE refuses a named pipe, a device (also through a link) and a socket, without blocking", async () => {
    const dir = workspace();
    execFileSync("mkfifo", [join(dir, "fifo.md")]);
    symlinkSync("/dev/zero", join(dir, "zero.md"));
    const server = await socketAt(join(dir, "sock.md"));
    try {
      expect(xmd(["fifo.md"], { cwd: dir })).toEqual({
        code: 2,
        stdout: "",
        stderr: "xmd: cannot read fifo.md: it is a named pipe, not a regular file\n",
      });
      expect(xmd(["/dev/zero"], { cwd: dir }).stderr).toBe(
        "xmd: cannot read /dev/zero: it is a character device, not a regular file\n",
      );
      expect(xmd(["zero.md"], { cwd: dir }).stderr).toBe(
        "xmd: cannot read zero.md: it is a character device, not a regular file\n",
      );
      expect(xmd(["sock.md"], { cwd: dir }).stderr).toBe(
        "xmd: cannot read sock.md: it is a socket, not a regular file\n",
      );
    } finally {
      server.close();
    }
  });

  it("xmd check reports such files and checks the others", () => {
    const dir = workspace({ "ok.md": "{{ 1 }}\n" });
    execFileSync("mkfifo", [join(dir, "fifo.md")]);
    const run = xmd(["check", "fifo.md", "/dev/zero", "ok.md"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "fifo.md: error[file]: cannot check it: it is a named pipe, not a regular file\n" +
        "/dev/zero: error[file]: cannot check it: it is a character device, not a regular file\n" +
        "2 errors in 2 files\n",
    );
  });

  it("build reports a named pipe in the tree once and renders the rest", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    execFileSync("mkfifo", [join(dir, "src/pipe.md")]);
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "xmd: cannot read src/pipe.md: it is a named pipe, not a regular file\nbuilt 1 of 2 documents into out, 1 failed" +
        run.stderr.slice(run.stderr.indexOf(" (")),
    );
    expect(read(join(dir, "out/a.md"))).toBe("a\n");
  });

  it("watch reports a named pipe in the tree, at the start and when one appears, and goes on", async () => {
    const dir = workspace({ "src/a.md": "a\n" });
    execFileSync("mkfifo", [join(dir, "src/p.md")]);
    const w = xmdBackground(["watch", "src", "out", "--debounce", "20"], dir);
    const log = () => `stderr:\n${w.stderr()}`;
    try {
      await until(() => w.stderr().includes("watching src"), 20_000, "first render", log);
      expect(w.stderr()).toContain("xmd: cannot read src/p.md: it is a named pipe, not a regular file\n");
      execFileSync("mkfifo", [join(dir, "src/q.md")]);
      writeFileSync(join(dir, "src/b.md"), "b\n");
      await until(() => read(join(dir, "out/b.md")) === "b\n", 20_000, "a document after the pipe", log);
      await until(
        () => w.stderr().includes("xmd: cannot read src/q.md: it is a named pipe"),
        20_000,
        "q",
        log,
      );
      expect(w.exitCode()).toBe(null);
    } finally {
      await w.stop();
    }
  });

  it("a --vars file and a config file are read the same way", () => {
    const dir = workspace({ "a.md": "a\n" });
    expect(xmd(["a.md", "--vars", "/dev/zero"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "xmd: cannot read --vars file /dev/zero: it is a character device, not a regular file\n",
    });
    execFileSync("mkfifo", [join(dir, "xmd.config.json")]);
    const run = xmd(["a.md"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `xmd: cannot read config ${join(dir, "xmd.config.json")}: it is a named pipe, not a regular file\n`,
    );
  });
});

describe("control characters never reach the terminal raw", () => {
  const ESC = "\x1b";

  it("in an error frame and message: escaped, the carets still under the same text", () => {
    const dir = workspace({ "esc.md": `ok\n${ESC}]0;pwned\x07 {{ nope }} \x9b\n` });
    const run = xmd(["esc.md"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(run.stderr).toBe(
      [
        "esc.md:2:15: error[undefined-name]: 'nope' is not defined",
        "  1 | ok",
        "> 2 | \\x1b]0;pwned\\x07 {{ nope }} \\x9b",
        `    | ${" ".repeat(20)}^^^^`,
        '  = help: set it first (set nope …), or test for it with exists("nope")',
        "",
      ].join("\n"),
    );
  });

  it("under the caret too, and in names the error quotes", () => {
    const dir = workspace({ "bad.xmd": `print 1 + ${ESC}[2J\n` });
    const run = xmd(["bad.xmd"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain(ESC);
    expect(run.stderr).toContain("> 1 | print 1 + \\x1b[2J\n    |           ^^^^");
  });

  it("keeps xmd's own colours (FORCE_COLOR) while escaping the document's", () => {
    const dir = workspace({ "esc.md": `${ESC}[41m {{ nope }}\n` });
    const run = xmd(["esc.md"], { cwd: dir, env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(run.stderr).toContain("\x1b[31merror[undefined-name]\x1b[39m");
    expect(run.stderr).toContain("\\x1b[41m");
    expect(run.stderr).not.toContain(`${ESC}[41m`);
  });

  it("in file names of messages (build, the summary) and in --check diffs", () => {
    const name = `evil${ESC}]0;x\x07.md`;
    const dir = workspace({ [`src/${name}`]: "{{ nope }}\n", "src/out.md": '{{ "a\\u001b[2Jb" }}\n' });
    const run = xmd(["build", "src", "out"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("src/evil\\x1b]0;x\\x07.md:1:4: error[undefined-name]");
    expect(run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    writeFileSync(join(dir, "out/out.md"), `old ${ESC}[5m\n`);
    const check = xmd(["build", "src", "out", "--check", "--exclude", "evil*"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("-old \\x1b[5m\n+a\\x1b[2Jb\n");
    expect(check.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it("in usage errors that repeat a file name", () => {
    const dir = workspace();
    mkdirSync(join(dir, `d${ESC}[2J`));
    const run = xmd([`d${ESC}[2J`], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "xmd: d\\x1b[2J is a folder: to render every document in it, run xmd build d\\x1b[2J OUT\n",
    );
  });
});
